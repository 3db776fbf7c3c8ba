// Internal to query/: variable scopes, the operator interface, and pattern
// matching (MATCH / OPTIONAL MATCH) planned against the key layout.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/status.h"
#include "query/ast.h"
#include "query/context.h"
#include "query/eval.h"

namespace sg::query {

// Variables of one stage of a query, each with a slot in the row. Names of
// anonymous pattern elements start with '\x01' (no query can spell them).
class Scope {
 public:
  int Find(std::string_view name) const;  // the first slot of that name; -1 when absent
  int Add(std::string name);              // a new slot
  void AddShadowed(std::string name) { names_.push_back(std::move(name)); }
  int AddHidden();
  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};
bool IsHidden(const std::string& name);

// An operator: receives rows one at a time, then Finish() once. Setting *stop
// tells the caller no more rows are wanted (LIMIT reached).
class Sink {
 public:
  virtual ~Sink() = default;
  virtual Status Push(Row& row, bool* stop) = 0;
  virtual Status Finish() = 0;
};

struct MatchPlan;  // match.cc
std::shared_ptr<MatchPlan> NewMatchPlan();

// Plans a MATCH clause: adds its new variables to `scope`, resolves its WHERE.
// `distinct_downstream`: the next clause gives the same answer whether or not
// rows repeat, so a variable-length hop may yield each end node once instead of
// once per path.
Status PlanPattern(ast::Clause* clause, Scope* scope, bool distinct_downstream,
                   QueryContext* ctx, MatchPlan* plan);

class MatchOp : public Sink {
 public:
  MatchOp(QueryContext* ctx, std::shared_ptr<const MatchPlan> plan, const Scope* scope, Sink* next);
  ~MatchOp() override;
  Status Push(Row& row, bool* stop) override;
  Status Finish() override;

 private:
  class Run;
  QueryContext* ctx_;
  std::shared_ptr<const MatchPlan> plan_;
  const Scope* scope_;
  Sink* next_;
};

// Answers `MATCH (n[:L]) RETURN count(*)` and `MATCH ()-[r[:T|...]]->() RETURN
// [type(r),] count(r)` from the counts the store keeps, without a scan.
// *answered is false when the query has another shape.
Status TryAnswerFromCounts(QueryContext* ctx, const ast::Query& query, QueryResult* out,
                           bool* answered);

}  // namespace sg::query
