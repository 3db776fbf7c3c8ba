// Internal to query/: expression evaluation over one row.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "graph/status.h"
#include "query/ast.h"
#include "query/context.h"
#include "query/value.h"

namespace sg::query {

using Row = std::vector<Value>;

struct EvalEnv {
  QueryContext* ctx = nullptr;
  const Row* row = nullptr;
  // The values of the projection's aggregates (ast::Expr::slot indexes them);
  // null outside an aggregating projection.
  const std::vector<Value>* aggregates = nullptr;
};

// Evaluates `e`. REQUIRES: the planner resolved every variable's slot.
Status Eval(const ast::Expr& e, const EvalEnv& env, Value* out);
// Evaluates a predicate: true only when `e` is true (null and false are false).
// A non-boolean, non-null value is a type error.
Status EvalPredicate(const ast::Expr& e, const EvalEnv& env, bool* out);

// Unicode simple lower-case mapping, as toLower(); bytes that are not UTF-8
// are kept.
std::string LowerCase(std::string s);

// Whether `name` (lower-cased) is an aggregate function: count, collect, min,
// max, sum, avg.
bool IsAggregateName(const std::string& name);
// Whether `name` is a function the engine knows (scalar or aggregate).
bool IsKnownFunction(const std::string& name);

// An aggregate's running state, fed one argument value per row.
class Aggregator {
 public:
  explicit Aggregator(const ast::Expr* call) : call_(call) {}
  Status Add(const Value& v, QueryContext* ctx);  // for count(*), v is true
  Value Result() const;

 private:
  const ast::Expr* call_;
  int64_t count_ = 0;
  List items_;              // collect, and the distinct set below
  std::set<Value, ValueLess> seen_;  // DISTINCT: values seen
  Value best_;              // min / max
  bool any_ = false;
  bool all_int_ = true;
  int64_t isum_ = 0;
  double dsum_ = 0;
  bool overflow_ = false;
};

// Property `key` of a node, relationship, map or date; null when absent.
Status PropertyOf(const Value& target, const std::string& key, QueryContext* ctx,
                  const ast::Pos& pos, Value* out);
// All properties of a node or relationship as a map (properties()).
Status PropertiesOf(const Value& target, QueryContext* ctx, const ast::Pos& pos, Map* out);
// Attaches records to every node and relationship inside `v` (for results).
Status AttachRecords(Value* v, QueryContext* ctx);

// Whether two expressions are the same tree (ORDER BY matching a projected
// expression after aggregation).
bool SameExpr(const ast::Expr& a, const ast::Expr& b);

}  // namespace sg::query
