// The query engine: plans a parsed query into a chain of operators that push
// rows to one another (MATCH -> WITH -> UNWIND -> ... -> RETURN), and runs it.
//
// Planning against the key layout: a pattern starts from its most selective
// node (a node already bound, then `id(n) = ...`, then a name looked up in the
// `names` index, then a label scanned in the `kinds` index, else every node);
// each hop reads one adjacency range whose relation bytes bound the scan; WHERE
// conditions run as soon as the variables they use are bound, per hop.
#include "query/engine.h"

#include <algorithm>
#include <set>

#include "graph/names.h"
#include "query/context.h"
#include "query/eval.h"
#include "query/match.h"
#include "query/parser.h"

namespace sg::query {

Status CheckFunction(const ast::Expr& e, QueryContext* ctx);  // functions.cc

namespace {

using ast::ClauseKind;
using ast::Expr;
using ast::ExprKind;

// ----- Variable resolution

Status Resolve(Expr* e, const Scope& scope, QueryContext* ctx,
               std::vector<const Expr*>* aggregates,
               bool inside_aggregate = false) {
  if (e->kind == ExprKind::kVariable) {
    e->slot = scope.Find(e->name);
    if (e->slot < 0) return ctx->Error(e->pos, "unknown variable '" + e->name + "'");
    return Status::OK();
  }
  if (e->kind == ExprKind::kFunction) {
    SG_RETURN_IF_ERROR(CheckFunction(*e, ctx));
    if (IsAggregateName(e->name)) {
      if (!aggregates) {
        return ctx->Error(e->pos, "aggregate " + e->name + "() is only allowed in RETURN or WITH");
      }
      if (inside_aggregate) return ctx->Error(e->pos, "aggregates cannot be nested");
      e->slot = static_cast<int>(aggregates->size());
      aggregates->push_back(e);
      inside_aggregate = true;
    }
  }
  for (auto& a : e->args) {
    if (a) SG_RETURN_IF_ERROR(Resolve(a.get(), scope, ctx, aggregates, inside_aggregate));
  }
  return Status::OK();
}

bool HasAggregate(const Expr& e) {
  if (e.kind == ExprKind::kFunction && IsAggregateName(e.name)) return true;
  for (const auto& a : e.args) {
    if (a && HasAggregate(*a)) return true;
  }
  return false;
}

// Whether every aggregate in `e` ignores repeated rows: DISTINCT ones, min, max.
bool AggregatesIgnoreDuplicates(const Expr& e) {
  if (e.kind == ExprKind::kFunction && IsAggregateName(e.name) && !e.distinct &&
      e.name != "min" && e.name != "max") {
    return false;
  }
  for (const auto& a : e.args) {
    if (a && !AggregatesIgnoreDuplicates(*a)) return false;
  }
  return true;
}

// Whether a projection gives the same answer when its input rows repeat:
// DISTINCT without aggregates, or aggregates that all ignore repeats.
bool IgnoresDuplicates(const ast::Clause& c) {
  if (c.kind != ClauseKind::kWith && c.kind != ClauseKind::kReturn) return false;
  const ast::Projection& p = c.projection;
  if (p.star) return false;
  bool aggregating = false;
  for (const auto& item : p.items) {
    aggregating |= HasAggregate(*item.expr);
    if (!AggregatesIgnoreDuplicates(*item.expr)) return false;
  }
  return aggregating || p.distinct;
}

// ----- Operators

// Collects the final rows, with records attached to nodes and relationships.
class ResultSink : public Sink {
 public:
  ResultSink(QueryContext* ctx, size_t width, QueryResult* out) : ctx_(ctx), width_(width), out_(out) {}
  Status Push(Row& row, bool*) override {
    SG_RETURN_IF_ERROR(ctx_->CheckRows(out_->rows.size() + 1));
    row.resize(width_);
    for (Value& v : row) SG_RETURN_IF_ERROR(AttachRecords(&v, ctx_));
    out_->rows.push_back(std::move(row));
    return Status::OK();
  }
  Status Finish() override { return Status::OK(); }

 private:
  QueryContext* ctx_;
  size_t width_;
  QueryResult* out_;
};

class UnwindOp : public Sink {
 public:
  UnwindOp(QueryContext* ctx, const Expr* list, int slot, const Scope* scope, Sink* next)
      : ctx_(ctx), list_(list), slot_(slot), scope_(scope), next_(next) {}
  Status Push(Row& row, bool* stop) override {
    row.resize(scope_->size());
    Value v;
    SG_RETURN_IF_ERROR(Eval(*list_, EvalEnv{ctx_, &row}, &v));
    if (v.is_null()) return Status::OK();
    if (!v.is<List>()) {
      row[slot_] = std::move(v);
      Row copy = row;
      return next_->Push(copy, stop);
    }
    for (Value& item : v.as<List>()) {
      SG_RETURN_IF_ERROR(ctx_->Charge(1));
      Row copy = row;
      copy[slot_] = std::move(item);
      SG_RETURN_IF_ERROR(next_->Push(copy, stop));
      if (*stop) break;
    }
    return Status::OK();
  }
  Status Finish() override { return next_->Finish(); }

 private:
  QueryContext* ctx_;
  const Expr* list_;
  int slot_;
  const Scope* scope_;
  Sink* next_;
};

// RETURN and WITH: projection, aggregation, DISTINCT, ORDER BY, SKIP, LIMIT
// and WITH's WHERE. Streams when it can (no aggregate, DISTINCT or ORDER BY),
// else buffers until Finish().
class ProjectOp : public Sink {
 public:
  struct Item {
    const Expr* expr;
    bool aggregating;
  };
  struct Order {
    const Expr* expr;   // resolved against the sort scope
    int column = -1;    // or: this output column
    bool descending;
  };

  ProjectOp(QueryContext* ctx, Sink* next) : ctx_(ctx), next_(next) {}

  std::vector<Item> items;
  std::vector<const Expr*> aggregates;
  std::vector<Order> order;
  bool distinct = false;
  bool aggregating = false;
  bool sort_with_input = false;  // sort rows are output values + the input row
  const Expr* where = nullptr;   // over the output scope
  int64_t skip = 0;
  int64_t limit = -1;

  Status Push(Row& row, bool* stop) override {
    if (aggregating) return Aggregate(row);
    Row out;
    SG_RETURN_IF_ERROR(Project(row, nullptr, &out));
    if (!distinct && order.empty()) return Emit(out, stop);
    if (sort_with_input) out.insert(out.end(), row.begin(), row.end());
    buffer_.push_back(std::move(out));
    return ctx_->CheckRows(buffer_.size());
  }

  Status Finish() override {
    if (aggregating) SG_RETURN_IF_ERROR(FinishGroups());
    if (distinct) Dedupe();
    SG_RETURN_IF_ERROR(Sort());
    bool stop = false;
    for (Row& r : buffer_) {
      SG_RETURN_IF_ERROR(Emit(r, &stop));
      if (stop) break;
    }
    buffer_.clear();
    return next_->Finish();
  }

 private:
  struct Group {
    Row first;  // a row of the group, for non-aggregate parts of aggregating items
    std::vector<Aggregator> aggregators;
  };
  struct RowLess {
    bool operator()(const Row& a, const Row& b) const {
      for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (int c = OrderCompare(a[i], b[i])) return c < 0;
      }
      return a.size() < b.size();
    }
  };

  Status Project(const Row& in, const std::vector<Value>* aggs, Row* out) {
    out->resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      SG_RETURN_IF_ERROR(Eval(*items[i].expr, EvalEnv{ctx_, &in, aggs}, &(*out)[i]));
    }
    return Status::OK();
  }

  Status Emit(Row& out, bool* stop) {
    if (skipped_ < skip) {
      ++skipped_;
      return Status::OK();
    }
    if (limit >= 0 && emitted_ >= limit) {
      *stop = true;
      return Status::OK();
    }
    out.resize(items.size());
    if (where) {
      bool keep;
      SG_RETURN_IF_ERROR(EvalPredicate(*where, EvalEnv{ctx_, &out}, &keep));
      if (!keep) return Status::OK();
    }
    ++emitted_;
    SG_RETURN_IF_ERROR(next_->Push(out, stop));
    if (limit >= 0 && emitted_ >= limit) *stop = true;
    return Status::OK();
  }

  Status Aggregate(const Row& row) {
    Row key;
    for (const Item& item : items) {
      if (item.aggregating) continue;
      key.emplace_back();
      SG_RETURN_IF_ERROR(Eval(*item.expr, EvalEnv{ctx_, &row}, &key.back()));
    }
    auto it = groups_.find(key);
    if (it == groups_.end()) {
      SG_RETURN_IF_ERROR(ctx_->CheckRows(groups_.size() + 1));
      Group g{row, {}};
      for (const Expr* a : aggregates) g.aggregators.emplace_back(a);
      it = groups_.emplace(std::move(key), std::move(g)).first;
      order_.push_back(&*it);
    }
    for (size_t i = 0; i < aggregates.size(); ++i) {
      Value v(true);
      if (!aggregates[i]->star) {
        SG_RETURN_IF_ERROR(Eval(*aggregates[i]->args[0], EvalEnv{ctx_, &row}, &v));
      }
      SG_RETURN_IF_ERROR(it->second.aggregators[i].Add(v, ctx_));
    }
    return Status::OK();
  }

  Status FinishGroups() {
    const bool has_keys = std::any_of(items.begin(), items.end(),
                                      [](const Item& i) { return !i.aggregating; });
    if (groups_.empty() && !has_keys) {  // no rows: one row of empty aggregates
      Group g{Row(), {}};
      for (const Expr* a : aggregates) g.aggregators.emplace_back(a);
      order_.push_back(&*groups_.emplace(Row(), std::move(g)).first);
    }
    for (auto* entry : order_) {
      std::vector<Value> results;
      for (const auto& a : entry->second.aggregators) results.push_back(a.Result());
      Row out;
      SG_RETURN_IF_ERROR(Project(entry->second.first, &results, &out));
      buffer_.push_back(std::move(out));
    }
    groups_.clear();
    order_.clear();
    return Status::OK();
  }

  void Dedupe() {
    std::set<Row, RowLess> seen;
    std::vector<Row> kept;
    for (Row& r : buffer_) {
      Row key(r.begin(), r.begin() + std::min(r.size(), items.size()));
      if (seen.insert(std::move(key)).second) kept.push_back(std::move(r));
    }
    buffer_ = std::move(kept);
  }

  Status Sort() {
    if (order.empty()) return Status::OK();
    std::vector<std::pair<Row, size_t>> keyed;
    keyed.reserve(buffer_.size());
    for (size_t i = 0; i < buffer_.size(); ++i) {
      Row key;
      for (const Order& o : order) {
        key.emplace_back();
        if (o.column >= 0) key.back() = buffer_[i][o.column];
        else SG_RETURN_IF_ERROR(Eval(*o.expr, EvalEnv{ctx_, &buffer_[i]}, &key.back()));
      }
      keyed.emplace_back(std::move(key), i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      for (size_t k = 0; k < order.size(); ++k) {
        int c = OrderCompare(a.first[k], b.first[k]);
        if (c) return order[k].descending ? c > 0 : c < 0;
      }
      return false;
    });
    std::vector<Row> sorted;
    sorted.reserve(buffer_.size());
    for (auto& [key, i] : keyed) sorted.push_back(std::move(buffer_[i]));
    buffer_ = std::move(sorted);
    return Status::OK();
  }

  QueryContext* ctx_;
  Sink* next_;
  std::vector<Row> buffer_;
  std::map<Row, Group, RowLess> groups_;
  std::vector<std::pair<const Row, Group>*> order_;  // groups in first-seen order
  int64_t skipped_ = 0;
  int64_t emitted_ = 0;
};

// ----- Planning

Status ConstantCount(const Expr* e, const char* what, QueryContext* ctx, int64_t* out) {
  Row empty;
  Value v;
  SG_RETURN_IF_ERROR(Eval(*e, EvalEnv{ctx, &empty}, &v));
  if (!v.is<int64_t>() || v.as<int64_t>() < 0) {
    return ctx->Error(e->pos, std::string(what) + " needs a non-negative INTEGER, got " +
                                  std::string(TypeName(v)));
  }
  *out = v.as<int64_t>();
  return Status::OK();
}

Status CheckConstant(Expr* e, QueryContext* ctx) {
  Scope none;
  return Resolve(e, none, ctx, nullptr);
}

class Planner {
 public:
  explicit Planner(QueryContext* ctx) : ctx_(ctx) {}

  // Plans one single query; `*columns` gets its column names.
  Status Plan(ast::SingleQuery* q, QueryResult* out, std::vector<std::string>* columns) {
    // Operators are made first to last; each needs its successor, so the chain
    // is built as a list of factories run last to first.
    scopes_.emplace_back(std::make_unique<Scope>());
    for (size_t i = 0; i < q->clauses.size(); ++i) {
      ast::Clause& clause = q->clauses[i];
      switch (clause.kind) {
        case ClauseKind::kMatch: {
          const bool distinct = i + 1 < q->clauses.size() && IgnoresDuplicates(q->clauses[i + 1]);
          SG_RETURN_IF_ERROR(PlanMatch(&clause, distinct));
          break;
        }
        case ClauseKind::kUnwind: SG_RETURN_IF_ERROR(PlanUnwind(&clause)); break;
        case ClauseKind::kWith:
        case ClauseKind::kReturn: SG_RETURN_IF_ERROR(PlanProjection(&clause)); break;
      }
    }
    *columns = last_columns_;
    Sink* next = Own(std::make_unique<ResultSink>(ctx_, columns->size(), out));
    for (auto it = builders_.rbegin(); it != builders_.rend(); ++it) next = (*it)(next);
    head_ = next;
    return Status::OK();
  }

  // Runs the plan: one empty row into the first operator.
  Status Run() {
    Row row;
    bool stop = false;
    SG_RETURN_IF_ERROR(head_->Push(row, &stop));
    return head_->Finish();
  }

 private:
  using Builder = std::function<Sink*(Sink* next)>;

  Sink* Own(std::unique_ptr<Sink> op) {
    ops_.push_back(std::move(op));
    return ops_.back().get();
  }
  Scope* scope() { return scopes_.back().get(); }

  Status PlanMatch(ast::Clause* c, bool distinct_downstream) {
    std::shared_ptr<MatchPlan> plan = NewMatchPlan();
    SG_RETURN_IF_ERROR(PlanPattern(c, scope(), distinct_downstream, ctx_, plan.get()));
    Scope* s = scope();
    builders_.push_back([this, plan, s](Sink* next) {
      return Own(std::make_unique<MatchOp>(ctx_, plan, s, next));
    });
    return Status::OK();
  }

  Status PlanUnwind(ast::Clause* c) {
    SG_RETURN_IF_ERROR(Resolve(c->unwind_expr.get(), *scope(), ctx_, nullptr));
    if (scope()->Find(c->unwind_var) >= 0) {
      return ctx_->Error(c->pos, "variable '" + c->unwind_var + "' is already defined");
    }
    const int slot = scope()->Add(c->unwind_var);
    const Expr* list = c->unwind_expr.get();
    Scope* s = scope();
    builders_.push_back([this, list, slot, s](Sink* next) {
      return Own(std::make_unique<UnwindOp>(ctx_, list, slot, s, next));
    });
    return Status::OK();
  }

  // RETURN * / WITH *: the visible variables in scope, by name.
  void ExpandStar(ast::Projection* p) {
    std::vector<std::string> names;
    for (const auto& n : scope()->names()) {
      if (!IsHidden(n)) names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    std::vector<ast::ProjectionItem> items;
    for (const auto& n : names) {
      ast::ProjectionItem item;
      item.expr = std::make_unique<Expr>();
      item.expr->kind = ExprKind::kVariable;
      item.expr->name = n;
      item.name = n;
      items.push_back(std::move(item));
    }
    for (auto& i : p->items) items.push_back(std::move(i));
    p->items = std::move(items);
    p->star = false;
  }

  Status PlanProjection(ast::Clause* c) {
    ast::Projection& p = c->projection;
    if (p.star) ExpandStar(&p);
    if (p.items.empty()) return ctx_->Error(c->pos, "nothing to return: no variables in scope");
    auto op = std::make_shared<ProjectOp*>(nullptr);
    auto spec = std::make_shared<ProjectOp>(ctx_, nullptr);  // filled here, moved below
    Scope* in = scope();
    auto out = std::make_unique<Scope>();
    std::set<std::string> seen;
    for (auto& item : p.items) {
      if (c->kind == ClauseKind::kWith && !item.has_alias && item.expr->kind != ExprKind::kVariable) {
        return ctx_->Error(item.pos, "expression in WITH must be aliased (use AS)");
      }
      if (!seen.insert(item.name).second) {
        return ctx_->Error(item.pos, "column name '" + item.name + "' is used twice (use AS)");
      }
      const size_t before = spec->aggregates.size();
      SG_RETURN_IF_ERROR(Resolve(item.expr.get(), *in, ctx_, &spec->aggregates));
      const bool agg = spec->aggregates.size() > before;
      spec->items.push_back({item.expr.get(), agg});
      spec->aggregating |= agg;
      out->Add(item.name);
    }
    spec->distinct = p.distinct;
    SG_RETURN_IF_ERROR(PlanOrder(&p, *in, *out, spec.get()));
    if (p.skip) {
      SG_RETURN_IF_ERROR(CheckConstant(p.skip.get(), ctx_));
      SG_RETURN_IF_ERROR(ConstantCount(p.skip.get(), "SKIP", ctx_, &spec->skip));
    }
    if (p.limit) {
      SG_RETURN_IF_ERROR(CheckConstant(p.limit.get(), ctx_));
      SG_RETURN_IF_ERROR(ConstantCount(p.limit.get(), "LIMIT", ctx_, &spec->limit));
    }
    if (p.where) {
      SG_RETURN_IF_ERROR(Resolve(p.where.get(), *out, ctx_, nullptr));
      spec->where = p.where.get();
    }
    last_columns_ = out->names();
    scopes_.push_back(std::move(out));
    builders_.push_back([this, spec](Sink* next) {
      auto owned = std::make_unique<ProjectOp>(ctx_, next);
      owned->items = spec->items;
      owned->aggregates = spec->aggregates;
      owned->order = spec->order;
      owned->distinct = spec->distinct;
      owned->aggregating = spec->aggregating;
      owned->sort_with_input = spec->sort_with_input;
      owned->where = spec->where;
      owned->skip = spec->skip;
      owned->limit = spec->limit;
      return Own(std::move(owned));
    });
    (void)op;
    return Status::OK();
  }

  Status PlanOrder(ast::Projection* p, const Scope& in, const Scope& out, ProjectOp* spec) {
    const bool with_input = !spec->aggregating && !spec->distinct;
    Scope sort_scope;
    for (const auto& n : out.names()) sort_scope.Add(n);
    if (with_input) {
      for (const auto& n : in.names()) sort_scope.AddShadowed(n);
    }
    for (auto& s : p->order_by) {
      ProjectOp::Order o{s.expr.get(), -1, s.descending};
      for (size_t i = 0; i < spec->items.size(); ++i) {
        if (SameExpr(*s.expr, *spec->items[i].expr)) o.column = static_cast<int>(i);
      }
      if (o.column < 0) {
        if (HasAggregate(*s.expr)) {
          return ctx_->Error(s.expr->pos, "ORDER BY can only use an aggregate that RETURN or WITH projects");
        }
        Status st = Resolve(s.expr.get(), sort_scope, ctx_, nullptr);
        if (!st.ok() && !with_input) {
          return ctx_->Error(s.expr->pos, "after DISTINCT or an aggregate, ORDER BY can only use "
                                          "the projected columns");
        }
        SG_RETURN_IF_ERROR(st);
        spec->sort_with_input = with_input;
      }
      spec->order.push_back(o);
    }
    return Status::OK();
  }

  QueryContext* ctx_;
  std::vector<std::unique_ptr<Scope>> scopes_;
  std::vector<Builder> builders_;
  std::vector<std::unique_ptr<Sink>> ops_;
  std::vector<std::string> last_columns_;
  Sink* head_ = nullptr;
};

Status RunUnion(QueryContext* ctx, ast::Query* q, QueryResult* out) {
  for (size_t i = 1; i < q->union_all.size(); ++i) {
    if (q->union_all[i] != q->union_all[0]) {
      return ctx->Error(q->parts[i + 1].clauses.front().pos,
                        "UNION and UNION ALL cannot be mixed in one query");
    }
  }
  for (size_t i = 0; i < q->parts.size(); ++i) {
    QueryResult part;
    auto planner = std::make_unique<Planner>(ctx);
    std::vector<std::string> columns;
    SG_RETURN_IF_ERROR(planner->Plan(&q->parts[i], &part, &columns));
    if (i == 0) out->columns = columns;
    else if (columns != out->columns) {
      return ctx->Error(q->parts[i].clauses.front().pos,
                        "all parts of a UNION must return the same column names");
    }
    SG_RETURN_IF_ERROR(planner->Run());
    for (auto& r : part.rows) out->rows.push_back(std::move(r));
    SG_RETURN_IF_ERROR(ctx->CheckRows(out->rows.size()));
  }
  const bool distinct = std::any_of(q->union_all.begin(), q->union_all.end(),
                                    [](bool all) { return !all; });
  if (distinct) {
    std::vector<std::vector<Value>> kept;
    std::set<std::vector<Value>, bool (*)(const std::vector<Value>&, const std::vector<Value>&)>
        seen([](const std::vector<Value>& a, const std::vector<Value>& b) {
          return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), ValueLess());
        });
    for (auto& r : out->rows) {
      if (seen.insert(r).second) kept.push_back(std::move(r));
    }
    out->rows = std::move(kept);
  }
  return Status::OK();
}

// ----- Counts kept by the store

bool IsPlainCount(const Expr& e, const std::vector<std::string>& vars) {
  if (e.kind != ExprKind::kFunction || e.name != "count" || e.distinct) return false;
  if (e.star) return true;
  const Expr& a = *e.args[0];
  return a.kind == ExprKind::kVariable &&
         std::find(vars.begin(), vars.end(), a.name) != vars.end() && !a.name.empty();
}

bool IsTypeOf(const Expr& e, const std::string& rel_var) {
  return e.kind == ExprKind::kFunction && e.name == "type" && e.args.size() == 1 &&
         e.args[0]->kind == ExprKind::kVariable && e.args[0]->name == rel_var &&
         !rel_var.empty();
}

// The MATCH ... RETURN shape the counts can answer, else null.
const ast::PatternPart* CountablePattern(const ast::Query& q) {
  if (q.parts.size() != 1) return nullptr;
  const auto& cl = q.parts[0].clauses;
  if (cl.size() != 2 || cl[0].kind != ClauseKind::kMatch || cl[0].optional || cl[0].where ||
      cl[0].pattern.size() != 1 || cl[1].kind != ClauseKind::kReturn) {
    return nullptr;
  }
  const ast::Projection& p = cl[1].projection;
  if (p.distinct || p.star || p.skip || p.limit || !p.order_by.empty() || p.items.empty()) {
    return nullptr;
  }
  const ast::PatternPart& part = cl[0].pattern[0];
  if (part.kind != ast::PathKind::kPlain || !part.path_var.empty()) return nullptr;
  for (const auto& n : part.nodes) {
    if (!n.properties.empty()) return nullptr;
  }
  return &part;
}

}  // namespace

Status TryAnswerFromCounts(QueryContext* ctx, const ast::Query& q, QueryResult* out,
                           bool* answered) {
  *answered = false;
  const ast::PatternPart* part = CountablePattern(q);
  if (!part) return Status::OK();
  const ast::Projection& proj = q.parts[0].clauses[1].projection;
  std::vector<std::string> vars;
  for (const auto& n : part->nodes) vars.push_back(n.var);
  for (const auto& r : part->rels) vars.push_back(r.var);
  int type_items = 0;
  for (const auto& item : proj.items) {
    const bool type = part->rels.size() == 1 && IsTypeOf(*item.expr, part->rels[0].var);
    if (!type && !IsPlainCount(*item.expr, vars)) return Status::OK();
    type_items += type;
  }
  StoreCounts counts;
  std::vector<std::pair<std::string, int64_t>> groups;  // type (or ""), rows
  if (part->nodes.size() == 1 && type_items == 0) {
    const auto& labels = part->nodes[0].labels;
    if (labels.size() > 1 || (labels.size() == 1 && labels[0].size() != 1)) return Status::OK();
    SG_RETURN_IF_ERROR(ctx->store().Counts(&counts));
    int64_t n = static_cast<int64_t>(counts.nodes);
    if (labels.size() == 1) {
      auto kind = ParseNodeKind(labels[0][0]);
      n = kind && counts.nodes_by_kind.count(*kind) ? counts.nodes_by_kind[*kind] : 0;
    }
    groups.emplace_back("", n);
  } else if (part->nodes.size() == 2 && part->rels.size() == 1 && type_items <= 1) {
    const ast::RelPattern& r = part->rels[0];
    const auto& a = part->nodes[0];
    const auto& b = part->nodes[1];
    if (r.variable_length || !r.properties.empty() || !a.labels.empty() || !b.labels.empty() ||
        (!a.var.empty() && a.var == b.var)) {
      return Status::OK();
    }
    SG_RETURN_IF_ERROR(ctx->store().Counts(&counts));
    int64_t total = 0;
    for (Relation rel : kAllRelations) {
      const bool wanted = r.types.empty() || std::find(r.types.begin(), r.types.end(),
                                                       RelationName(rel)) != r.types.end();
      if (!wanted || !counts.edges_by_relation.count(rel)) continue;
      // Each edge matches once, or once from each end: undirected patterns and
      // the symmetric relations (docs/query.md).
      const bool twice = r.direction == ast::Direction::kBoth || IsSymmetric(rel);
      const int64_t n = static_cast<int64_t>(counts.edges_by_relation[rel]) * (twice ? 2 : 1);
      if (type_items) groups.emplace_back(std::string(RelationName(rel)), n);
      total += n;
    }
    if (!type_items) groups.emplace_back("", total);
  } else {
    return Status::OK();
  }
  for (const auto& item : proj.items) out->columns.push_back(item.name);
  for (const auto& [type, n] : groups) {
    std::vector<Value> row;
    for (const auto& item : proj.items) {
      row.push_back(item.expr->name == "type" ? Value(type) : Value(n));
    }
    out->rows.push_back(std::move(row));
  }
  *answered = true;
  return Status::OK();
}

namespace {

// A lone literal (a --param value): literals, lists, maps, negation, date('...').
bool ConstValue(const Expr& e, Value* out) {
  switch (e.kind) {
    case ExprKind::kLiteral: *out = e.value; return true;
    case ExprKind::kList: {
      List l(e.args.size());
      for (size_t i = 0; i < e.args.size(); ++i) {
        if (!ConstValue(*e.args[i], &l[i])) return false;
      }
      *out = Value(std::move(l));
      return true;
    }
    case ExprKind::kMap: {
      Map m;
      for (size_t i = 0; i < e.args.size(); ++i) {
        Value v;
        if (!ConstValue(*e.args[i], &v)) return false;
        m.emplace_back(e.keys[i], std::move(v));
      }
      *out = Value(std::move(m));
      return true;
    }
    case ExprKind::kNegate: {
      Value v;
      if (!ConstValue(*e.args[0], &v)) return false;
      if (v.is<int64_t>() && v.as<int64_t>() != INT64_MIN) return *out = Value(-v.as<int64_t>()), true;
      if (v.is<double>()) return *out = Value(-v.as<double>()), true;
      return false;
    }
    case ExprKind::kFunction: {
      Value v;
      if (e.name != "date" || e.args.size() != 1 || !ConstValue(*e.args[0], &v)) return false;
      if (!v.is<std::string>() || !IsIsoDate(v.as<std::string>())) return false;
      *out = Value(Date{keys::DateKey(v.as<std::string>()), v.as<std::string>()});
      return true;
    }
    default: return false;
  }
}

}  // namespace

Status RunQuery(const Store& store, std::string_view text, const Params& params,
                const QueryLimits& limits, QueryResult* out) {
  *out = QueryResult();
  ast::Query query;
  SG_RETURN_IF_ERROR(ParseQuery(text, &query));
  QueryContext ctx(store, text, params, limits);
  bool answered = false;
  SG_RETURN_IF_ERROR(TryAnswerFromCounts(&ctx, query, out, &answered));
  if (answered) return Status::OK();
  Status s = RunUnion(&ctx, &query, out);
  if (!s.ok()) *out = QueryResult();
  return s;
}

Status ParseParam(std::string_view assignment, std::string* name, Value* value) {
  const size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    return Status::InvalidInput("parameter '" + std::string(assignment) + "' is not name=value");
  }
  std::string_view n = assignment.substr(0, eq);
  while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
  if (!n.empty() && n.front() == '$') n.remove_prefix(1);
  const bool ok = !n.empty() && !std::isdigit(static_cast<unsigned char>(n[0])) &&
                  std::all_of(n.begin(), n.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                  });
  if (!ok) return Status::InvalidInput("bad parameter name '" + std::string(n) + "'");
  *name = std::string(n);
  std::string_view text = assignment.substr(eq + 1);
  ast::ExprPtr expr;
  if (ParseExpression(text, &expr).ok() && ConstValue(*expr, value)) return Status::OK();
  *value = Value(std::string(text));
  return Status::OK();
}

}  // namespace sg::query
