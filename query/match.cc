#include "query/match.h"

#include <algorithm>
#include <map>
#include <set>

#include "graph/names.h"
#include "query/paths.h"

namespace sg::query {

Status CheckFunction(const ast::Expr& e, QueryContext* ctx);  // functions.cc

// ----- Scope

int Scope::Find(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return static_cast<int>(i);
  }
  return -1;
}
int Scope::Add(std::string name) {
  names_.push_back(std::move(name));
  return static_cast<int>(names_.size() - 1);
}
int Scope::AddHidden() { return Add("\x01" + std::to_string(names_.size())); }
bool IsHidden(const std::string& name) { return !name.empty() && name[0] == '\x01'; }

namespace {

constexpr RelMask kSymmetricMask = RelBit(Relation::kMeets) | RelBit(Relation::kCooperatesWith);

enum class AnchorKind { kSlot, kId, kName, kLabel, kAll };

struct NodeSpec {
  int slot = -1;
  bool prebound = false;  // bound by an earlier clause: must be a node
  std::vector<std::vector<NodeKind>> labels;  // every group must hold one of its kinds
  bool impossible = false;                    // an unknown label: matches nothing
  std::vector<std::pair<std::string, const ast::Expr*>> properties;
  ast::Pos pos;
};

struct RelSpec {
  int slot = -1;
  int segment_slot = -1;  // variable length: the walked segment as a Path, left to right
  bool prebound = false;
  bool anonymous = false;  // nothing reads the variable: a walk binds no list
  bool distinct_ends = false;  // yield each end node once (MarkDistinctEnds)
  RelMask mask = 0;
  ast::Direction direction = ast::Direction::kBoth;
  bool variable = false;
  int min_hops = 1, max_hops = 1;
  bool unbounded = false;  // `*` or `*2..`: max_hops is the hop limit, and reaching
                           // past it is an error, not a shorter answer
  ast::Pos pos;
  std::vector<std::pair<std::string, const ast::Expr*>> properties;
};

struct Anchor {
  AnchorKind kind = AnchorKind::kAll;
  const ast::Expr* expr = nullptr;  // kId, kName: evaluated before the scan
  std::vector<NodeKind> kinds;      // kLabel
};

struct Hop {
  int rel, from, to;
  bool leftward;  // walking the pattern right to left
};

struct PartPlan {
  ast::PathKind kind = ast::PathKind::kPlain;
  int path_slot = -1;
  std::vector<NodeSpec> nodes;
  std::vector<RelSpec> rels;
  int anchor_node = 0;
  Anchor anchor, end_anchor;  // end_anchor: the last node of a shortest path
  std::vector<Hop> hops;
  int first_event = 0;  // events of this part: first_event + stage
};

}  // namespace

struct MatchPlan {
  bool optional = false;
  std::vector<PartPlan> parts;
  std::vector<std::vector<const ast::Expr*>> conjuncts;  // by event
  std::vector<int> new_slots;  // nulled by OPTIONAL MATCH when nothing matches
  int events = 0;
};

std::shared_ptr<MatchPlan> NewMatchPlan() { return std::make_shared<MatchPlan>(); }

namespace {

// ----- Planning helpers

Status ResolveExpr(ast::Expr* e, const Scope& scope, QueryContext* ctx) {
  if (e->kind == ast::ExprKind::kVariable) {
    e->slot = scope.Find(e->name);
    if (e->slot < 0) return ctx->Error(e->pos, "unknown variable '" + e->name + "'");
  }
  if (e->kind == ast::ExprKind::kFunction) {
    SG_RETURN_IF_ERROR(CheckFunction(*e, ctx));
    if (IsAggregateName(e->name)) {
      return ctx->Error(e->pos, "aggregate " + e->name + "() is only allowed in RETURN or WITH");
    }
  }
  for (auto& a : e->args) {
    if (a) SG_RETURN_IF_ERROR(ResolveExpr(a.get(), scope, ctx));
  }
  return Status::OK();
}

void CollectSlots(const ast::Expr& e, std::set<int>* out) {
  if (e.kind == ast::ExprKind::kVariable) out->insert(e.slot);
  for (const auto& a : e.args) {
    if (a) CollectSlots(*a, out);
  }
}

void SplitAnd(ast::Expr* e, std::vector<ast::Expr*>* out) {
  if (e->kind == ast::ExprKind::kBinary && e->op == ast::BinaryOp::kAnd) {
    SplitAnd(e->args[0].get(), out);
    SplitAnd(e->args[1].get(), out);
  } else {
    out->push_back(e);
  }
}

Status PlanLabels(const std::vector<std::vector<std::string>>& labels, NodeSpec* spec) {
  for (const auto& group : labels) {
    std::vector<NodeKind> kinds;
    for (const auto& l : group) {
      if (auto k = ParseNodeKind(l)) kinds.push_back(*k);
    }
    if (kinds.empty()) spec->impossible = true;
    spec->labels.push_back(std::move(kinds));
  }
  return Status::OK();
}

Status PlanTypes(const ast::RelPattern& r, RelMask* mask) {
  if (r.types.empty()) {
    *mask = AllRelations();
    return Status::OK();
  }
  *mask = 0;
  for (const auto& t : r.types) {
    if (auto rel = ParseRelation(t)) *mask |= RelBit(*rel);
  }
  return Status::OK();
}

class PatternPlanner {
 public:
  PatternPlanner(ast::Clause* c, Scope* scope, QueryContext* ctx, MatchPlan* plan)
      : c_(c), scope_(scope), ctx_(ctx), plan_(plan), prebound_(scope->size()) {}

  Status Plan() {
    plan_->optional = c_->optional;
    for (auto& part : c_->pattern) SG_RETURN_IF_ERROR(DeclarePart(&part));
    for (auto& [key, expr] : property_exprs_) SG_RETURN_IF_ERROR(ResolveExpr(expr, *scope_, ctx_));
    if (c_->where) {
      SG_RETURN_IF_ERROR(ResolveExpr(c_->where.get(), *scope_, ctx_));
      SplitAnd(c_->where.get(), &conjuncts_);
    }
    std::set<int> bound;  // new slots bound so far, in event order
    int event = 0;
    std::vector<int> bound_at(scope_->size(), 0);
    for (auto& part : plan_->parts) {
      ChooseAnchor(&part, bound);
      part.first_event = event + 1;
      SG_RETURN_IF_ERROR(OrderHops(&part, &bound, &bound_at, &event));
    }
    plan_->events = event;
    plan_->conjuncts.assign(event + 1, {});
    for (const ast::Expr* conj : conjuncts_) {
      std::set<int> slots;
      CollectSlots(*conj, &slots);
      int at = 0;
      for (int s : slots) at = std::max(at, s < static_cast<int>(bound_at.size()) ? bound_at[s] : 0);
      plan_->conjuncts[at].push_back(conj);
    }
    for (size_t s = prebound_; s < scope_->size(); ++s) plan_->new_slots.push_back(static_cast<int>(s));
    return Status::OK();
  }

 private:
  int NodeSlot(const ast::NodePattern& n, bool* prebound) {
    *prebound = false;
    if (n.var.empty()) return scope_->AddHidden();
    const int s = scope_->Find(n.var);
    if (s >= 0) {
      *prebound = static_cast<size_t>(s) < prebound_;
      return s;
    }
    return scope_->Add(n.var);
  }

  Status DeclarePart(ast::PatternPart* part) {
    PartPlan p;
    p.kind = part->kind;
    for (auto& n : part->nodes) {
      NodeSpec spec;
      spec.slot = NodeSlot(n, &spec.prebound);
      spec.pos = n.pos;
      SG_RETURN_IF_ERROR(PlanLabels(n.labels, &spec));
      for (auto& [key, expr] : n.properties) {
        spec.properties.emplace_back(key, expr.get());
        property_exprs_.emplace_back(key, expr.get());
      }
      p.nodes.push_back(std::move(spec));
    }
    for (auto& r : part->rels) SG_RETURN_IF_ERROR(DeclareRel(r, !part->path_var.empty(), &p));
    if (p.kind != ast::PathKind::kPlain && (p.rels.size() != 1 || !p.rels[0].variable)) {
      return ctx_->Error(part->pos, "shortestPath needs one variable-length relationship, "
                                    "e.g. shortestPath((a)-[*..6]-(b))");
    }
    if (!part->path_var.empty()) {
      if (scope_->Find(part->path_var) >= 0) {
        return ctx_->Error(part->pos, "variable '" + part->path_var + "' is already defined");
      }
      p.path_slot = scope_->Add(part->path_var);
    }
    plan_->parts.push_back(std::move(p));
    return Status::OK();
  }

  Status DeclareRel(ast::RelPattern& r, bool with_path, PartPlan* p) {
    RelSpec spec;
    if (r.var.empty()) spec.slot = scope_->AddHidden();
    else {
      const int s = scope_->Find(r.var);
      if (s >= 0 && static_cast<size_t>(s) >= prebound_) {
        return ctx_->Error(r.pos, "relationship variable '" + r.var + "' is used twice in one MATCH");
      }
      spec.prebound = s >= 0;
      spec.slot = s >= 0 ? s : scope_->Add(r.var);
    }
    SG_RETURN_IF_ERROR(PlanTypes(r, &spec.mask));
    spec.direction = r.direction;
    spec.variable = r.variable_length;
    spec.anonymous = r.var.empty();
    if (r.variable_length) {
      SG_RETURN_IF_ERROR(PlanHopRange(r, &spec));
      if (with_path) spec.segment_slot = scope_->AddHidden();
    }
    for (auto& [key, expr] : r.properties) {
      spec.properties.emplace_back(key, expr.get());
      property_exprs_.emplace_back(key, expr.get());
    }
    p->rels.push_back(std::move(spec));
    return Status::OK();
  }

  Status PlanHopRange(const ast::RelPattern& r, RelSpec* spec) {
    const int cap = ctx_->limits().max_hops;
    spec->min_hops = r.min_hops;
    spec->max_hops = r.max_hops.value_or(cap);
    spec->unbounded = !r.max_hops;
    spec->pos = r.pos;
    if (spec->max_hops > cap || spec->min_hops > cap) {
      return ctx_->Error(r.pos, "variable-length relationship of up to " +
                                    std::to_string(std::max(spec->max_hops, spec->min_hops)) +
                                    " hops is over the hop limit of " + std::to_string(cap));
    }
    if (spec->min_hops < 0) return ctx_->Error(r.pos, "negative hop count");
    return Status::OK();
  }

  // Whether `e` uses only variables bound before the MATCH (or none).
  bool IsInput(const ast::Expr& e) const {
    std::set<int> slots;
    CollectSlots(e, &slots);
    return std::all_of(slots.begin(), slots.end(),
                       [&](int s) { return static_cast<size_t>(s) < prebound_; });
  }

  bool IsVar(const ast::Expr& e, int slot) const {
    return e.kind == ast::ExprKind::kVariable && e.slot == slot;
  }

  // `id(v) = x` or `x = id(v)`: the x.
  const ast::Expr* IdEquality(int slot) const {
    for (const ast::Expr* c : conjuncts_) {
      if (c->kind != ast::ExprKind::kBinary || c->op != ast::BinaryOp::kEq) continue;
      for (int side = 0; side < 2; ++side) {
        const ast::Expr& f = *c->args[side];
        if (f.kind == ast::ExprKind::kFunction && f.name == "id" && f.args.size() == 1 &&
            IsVar(*f.args[0], slot) && IsInput(*c->args[1 - side])) {
          return c->args[1 - side].get();
        }
      }
    }
    return nullptr;
  }

  // `v.name = x`, `x = v.name` or {name: x}: the x.
  const ast::Expr* NameEquality(const NodeSpec& n) const {
    for (const auto& [key, expr] : n.properties) {
      if (key == "name" && IsInput(*expr)) return expr;
    }
    for (const ast::Expr* c : conjuncts_) {
      if (c->kind != ast::ExprKind::kBinary || c->op != ast::BinaryOp::kEq) continue;
      for (int side = 0; side < 2; ++side) {
        const ast::Expr& p = *c->args[side];
        if (p.kind == ast::ExprKind::kProperty && p.name == "name" && IsVar(*p.args[0], n.slot) &&
            IsInput(*c->args[1 - side])) {
          return c->args[1 - side].get();
        }
      }
    }
    return nullptr;
  }

  Anchor AnchorFor(const NodeSpec& n, const std::set<int>& bound, int* score) const {
    Anchor a;
    if (n.prebound || bound.count(n.slot)) {
      *score = 0;
      a.kind = AnchorKind::kSlot;
    } else if ((a.expr = IdEquality(n.slot))) {
      *score = 1;
      a.kind = AnchorKind::kId;
    } else if ((a.expr = NameEquality(n))) {
      *score = 2;
      a.kind = AnchorKind::kName;
    } else if (n.labels.size() == 1) {
      *score = 3;
      a.kind = AnchorKind::kLabel;
      a.kinds = n.labels[0];
    } else {
      *score = 4;
      a.kind = AnchorKind::kAll;
    }
    return a;
  }

  void ChooseAnchor(PartPlan* p, const std::set<int>& bound) {
    int best = 99;
    for (size_t i = 0; i < p->nodes.size(); ++i) {
      int score;
      Anchor a = AnchorFor(p->nodes[i], bound, &score);
      if (p->kind != ast::PathKind::kPlain && i != 0) {
        p->end_anchor = a;  // shortest paths bind both ends first
        continue;
      }
      if (score < best) {
        best = score;
        p->anchor = a;
        p->anchor_node = static_cast<int>(i);
      }
    }
  }

  void Bind(int slot, std::set<int>* bound, std::vector<int>* bound_at, int event) {
    if (slot < 0) return;
    if (static_cast<size_t>(slot) >= bound_at->size()) bound_at->resize(slot + 1, 0);
    if (static_cast<size_t>(slot) >= prebound_ && !bound->count(slot)) {
      (*bound_at)[slot] = event;
      bound->insert(slot);
    }
  }

  Status OrderHops(PartPlan* p, std::set<int>* bound, std::vector<int>* bound_at, int* event) {
    bound_at->resize(scope_->size(), 0);
    Bind(p->nodes[p->anchor_node].slot, bound, bound_at, ++*event);
    if (p->kind != ast::PathKind::kPlain) {
      Bind(p->nodes[1].slot, bound, bound_at, ++*event);
      ++*event;
      Bind(p->rels[0].slot, bound, bound_at, *event);
      Bind(p->rels[0].segment_slot, bound, bound_at, *event);
      if (p->path_slot >= 0) Bind(p->path_slot, bound, bound_at, *event);
      return Status::OK();
    }
    const int n = static_cast<int>(p->nodes.size());
    for (int i = p->anchor_node; i + 1 < n; ++i) p->hops.push_back({i, i, i + 1, false});
    for (int i = p->anchor_node; i > 0; --i) p->hops.push_back({i - 1, i, i - 1, true});
    for (const Hop& h : p->hops) {
      ++*event;
      Bind(p->rels[h.rel].slot, bound, bound_at, *event);
      if (p->rels[h.rel].segment_slot >= 0) Bind(p->rels[h.rel].segment_slot, bound, bound_at, *event);
      Bind(p->nodes[h.to].slot, bound, bound_at, *event);
    }
    ++*event;  // the path variable
    if (p->path_slot >= 0) Bind(p->path_slot, bound, bound_at, *event);
    return Status::OK();
  }

  ast::Clause* c_;
  Scope* scope_;
  QueryContext* ctx_;
  MatchPlan* plan_;
  const size_t prebound_;
  std::vector<ast::Expr*> conjuncts_;
  std::vector<std::pair<std::string, ast::Expr*>> property_exprs_;
};

struct Step {
  keys::EdgeKey key;
  uint64_t other;
};

}  // namespace

// A lone hop `(a)-[:T*0..2]-(b)` whose rows only matter once each (the next
// clause dedupes or aggregates distinctly) walks breadth-first and yields each
// end node once. Only up to two hops: there the walk can also tell exactly
// whether the start comes back to itself (two different relationships to one
// neighbour), which a breadth-first walk alone would miss.
void MarkDistinctEnds(MatchPlan* plan) {
  if (plan->parts.size() != 1) return;
  PartPlan& p = plan->parts[0];
  if (p.kind != ast::PathKind::kPlain || p.path_slot >= 0 || p.hops.size() != 1) return;
  RelSpec& r = p.rels[p.hops[0].rel];
  if (r.variable && r.anonymous && !r.prebound && r.properties.empty() && !r.unbounded &&
      r.min_hops <= 1 && r.max_hops <= 2) {
    r.distinct_ends = true;
  }
}

Status PlanPattern(ast::Clause* clause, Scope* scope, bool distinct_downstream,
                   QueryContext* ctx, MatchPlan* plan) {
  SG_RETURN_IF_ERROR(PatternPlanner(clause, scope, ctx, plan).Plan());
  if (distinct_downstream) MarkDistinctEnds(plan);
  return Status::OK();
}

// ----- Running

class MatchOp::Run {
 public:
  Run(QueryContext* ctx, const MatchPlan& plan, Sink* next, Row* row, bool* stop)
      : ctx_(ctx), plan_(plan), next_(next), row_(*row), stop_(stop) {}

  bool matched = false;

  Status Start() {
    bool ok;
    SG_RETURN_IF_ERROR(Check(0, &ok));
    if (!ok) return Status::OK();
    return Part(0);
  }

 private:
  Status Check(int event, bool* ok) {
    *ok = true;
    for (const ast::Expr* c : plan_.conjuncts[event]) {
      SG_RETURN_IF_ERROR(EvalPredicate(*c, EvalEnv{ctx_, &row_}, ok));
      if (!*ok) return Status::OK();
    }
    return Status::OK();
  }

  Status Part(size_t i) {
    if (i == plan_.parts.size()) {
      matched = true;
      Row copy = row_;
      return next_->Push(copy, stop_);
    }
    const PartPlan& p = plan_.parts[i];
    std::vector<uint64_t> candidates;
    SG_RETURN_IF_ERROR(Candidates(p.anchor, p.nodes[p.anchor_node], &candidates));
    for (uint64_t id : candidates) {
      SG_RETURN_IF_ERROR(ctx_->Charge(1));
      SG_RETURN_IF_ERROR(WithNode(p.nodes[p.anchor_node], id, p.first_event, [&] {
        return p.kind == ast::PathKind::kPlain ? Hops(i, 0) : Shortest(i);
      }));
      if (*stop_) break;
    }
    return Status::OK();
  }

  Status Candidates(const Anchor& a, const NodeSpec& n, std::vector<uint64_t>* out) {
    switch (a.kind) {
      case AnchorKind::kSlot: {
        const Value& v = row_[n.slot];
        if (v.is<NodeRef>()) out->push_back(v.as<NodeRef>().id);
        return Status::OK();
      }
      case AnchorKind::kId: {
        Value v;
        SG_RETURN_IF_ERROR(Eval(*a.expr, EvalEnv{ctx_, &row_}, &v));
        if (!v.is<int64_t>() || v.as<int64_t>() <= 0) return Status::OK();
        NodeKind kind;
        SG_RETURN_IF_ERROR(ctx_->KindOf(v.as<int64_t>(), &kind));
        if (static_cast<int>(kind) != 0) out->push_back(v.as<int64_t>());
        return Status::OK();
      }
      case AnchorKind::kName: return NamedNodes(a, out);
      case AnchorKind::kLabel:
      case AnchorKind::kAll: {
        const std::vector<NodeKind> all(std::begin(kAllNodeKinds), std::end(kAllNodeKinds));
        for (NodeKind k : a.kind == AnchorKind::kLabel ? a.kinds : all) {
          SG_RETURN_IF_ERROR(ctx_->store().ForEachNodeOfKind(k, [&](uint64_t id) {
            out->push_back(id);
            return ctx_->CheckRows(out->size() / 16);
          }));
        }
        return Status::OK();
      }
    }
    return Status::OK();
  }

  Status NamedNodes(const Anchor& a, std::vector<uint64_t>* out) {
    Value v;
    SG_RETURN_IF_ERROR(Eval(*a.expr, EvalEnv{ctx_, &row_}, &v));
    if (!v.is<std::string>()) return Status::OK();
    const std::string key = NormalizeName(v.as<std::string>());
    if (key.empty()) return Status::OK();
    // `key 0x00` bounds the scan to that exact name, under every kind.
    SG_RETURN_IF_ERROR(ctx_->store().ScanNames(key + '\0', [&](std::string_view, NodeKind, uint64_t id) {
      if (std::find(out->begin(), out->end(), id) == out->end()) out->push_back(id);
      return true;
    }));
    std::sort(out->begin(), out->end());
    return Status::OK();
  }

  Status Accepts(const NodeSpec& n, uint64_t id, bool* ok) {
    *ok = !n.impossible;
    if (!*ok) return Status::OK();
    if (!n.labels.empty()) {
      NodeKind kind;
      SG_RETURN_IF_ERROR(ctx_->KindOf(id, &kind));
      for (const auto& group : n.labels) {
        if (std::find(group.begin(), group.end(), kind) == group.end()) return *ok = false, Status::OK();
      }
    }
    return PropertiesMatch(Value(NodeRef{id, nullptr}), n.properties, ok);
  }

  Status PropertiesMatch(const Value& target,
                         const std::vector<std::pair<std::string, const ast::Expr*>>& props,
                         bool* ok) {
    *ok = true;
    for (const auto& [key, expr] : props) {
      Value want, have;
      SG_RETURN_IF_ERROR(Eval(*expr, EvalEnv{ctx_, &row_}, &want));
      SG_RETURN_IF_ERROR(PropertyOf(target, key, ctx_, expr->pos, &have));
      Value eq = CypherEquals(have, want);
      if (eq.is_null() || !eq.as<bool>()) return *ok = false, Status::OK();
    }
    return Status::OK();
  }

  // Binds node `n` to `id` (or checks an existing binding), checks the event's
  // conditions, runs `then`, and unbinds.
  template <typename Then>
  Status WithNode(const NodeSpec& n, uint64_t id, int event, Then then) {
    Value& slot = row_[n.slot];
    const bool was_bound = slot.is<NodeRef>();
    if (was_bound && slot.as<NodeRef>().id != id) return Status::OK();
    if (!was_bound && (n.prebound || !slot.is_null())) return Status::OK();
    bool ok;
    if (!was_bound) {
      SG_RETURN_IF_ERROR(Accepts(n, id, &ok));
      if (!ok) return Status::OK();
      slot = Value(NodeRef{id, nullptr});
    }
    Status s = Check(event, &ok);
    if (s.ok() && ok) s = then();
    if (!was_bound) row_[n.slot] = Value();
    return s;
  }

  bool Used(const keys::EdgeKey& k) const {
    return std::find(used_.begin(), used_.end(), k) != used_.end();
  }

  // The edges at `node` a hop may take: directions per the pattern, read the
  // way the walk goes; symmetric relations either way round.
  Status Steps(uint64_t node, const RelSpec& r, bool leftward, std::vector<Step>* out) {
    bool out_dir = r.direction != ast::Direction::kLeft;
    bool in_dir = r.direction != ast::Direction::kRight;
    if (leftward && r.direction != ast::Direction::kBoth) std::swap(out_dir, in_dir);
    auto add = [&](bool outgoing) {
      return [out, node, outgoing](const keys::EdgeKey& k) {
        out->push_back({k, outgoing ? k.target : k.source});
        (void)node;
      };
    };
    if (out_dir) SG_RETURN_IF_ERROR(ctx_->Adjacent(node, true, r.mask, add(true)));
    else SG_RETURN_IF_ERROR(ctx_->Adjacent(node, true, r.mask & kSymmetricMask, add(true)));
    if (in_dir) SG_RETURN_IF_ERROR(ctx_->Adjacent(node, false, r.mask, add(false)));
    else SG_RETURN_IF_ERROR(ctx_->Adjacent(node, false, r.mask & kSymmetricMask, add(false)));
    return Status::OK();
  }

  Status Hops(size_t part, size_t h) {
    const PartPlan& p = plan_.parts[part];
    if (h == p.hops.size()) return FinishPart(part);
    const Hop& hop = p.hops[h];
    const RelSpec& r = p.rels[hop.rel];
    const uint64_t from = row_[p.nodes[hop.from].slot].as<NodeRef>().id;
    const int event = p.first_event + 1 + static_cast<int>(h);
    if (r.variable) return VariableHop(part, h, from, event);
    std::vector<Step> steps;
    SG_RETURN_IF_ERROR(Steps(from, r, hop.leftward, &steps));
    for (const Step& s : steps) {
      if (Used(s.key)) continue;
      SG_RETURN_IF_ERROR(WithRel(r, {RelRef{s.key, nullptr}}, {from, s.other}, hop.leftward, [&] {
        return WithNode(p.nodes[hop.to], s.other, event, [&] { return Hops(part, h + 1); });
      }));
      if (*stop_) break;
    }
    return Status::OK();
  }

  // Binds a relationship (or, variable length, a list of them), checks its
  // properties and uniqueness in the MATCH, runs `then`, unbinds.
  template <typename Then>
  Status WithRel(const RelSpec& r, std::vector<RelRef> rels, std::vector<uint64_t> nodes,
                 bool leftward, Then then) {
    bool ok;
    for (const RelRef& rel : rels) {
      SG_RETURN_IF_ERROR(PropertiesMatch(Value(rel), r.properties, &ok));
      if (!ok) return Status::OK();
    }
    if (r.prebound) {
      Value bound = r.variable ? Value(List(rels.begin(), rels.end())) : Value(rels[0]);
      Value eq = CypherEquals(row_[r.slot], bound);
      if (eq.is_null() || !eq.as<bool>()) return Status::OK();
    } else if (!r.anonymous || !r.variable) {
      row_[r.slot] = r.variable ? Value(List(rels.begin(), rels.end())) : Value(rels[0]);
    }
    if (r.segment_slot >= 0) row_[r.segment_slot] = Value(Segment(rels, nodes, leftward));
    for (const RelRef& rel : rels) used_.push_back(rel.key);
    Status s = then();
    used_.resize(used_.size() - rels.size());
    if (!r.prebound) row_[r.slot] = Value();
    if (r.segment_slot >= 0) row_[r.segment_slot] = Value();
    return s;
  }

  static Path Segment(const std::vector<RelRef>& rels, const std::vector<uint64_t>& nodes,
                      bool leftward) {
    Path p;
    for (uint64_t n : nodes) p.nodes.push_back(NodeRef{n, nullptr});
    p.rels = rels;
    if (leftward) {
      std::reverse(p.nodes.begin(), p.nodes.end());
      std::reverse(p.rels.begin(), p.rels.end());
    }
    return p;
  }

  Status VariableHop(size_t part, size_t h, uint64_t from, int event) {
    const PartPlan& p = plan_.parts[part];
    const Hop& hop = p.hops[h];
    const RelSpec& r = p.rels[hop.rel];
    if (r.distinct_ends) return DistinctEnds(part, h, from, event);
    std::vector<RelRef> rels;
    std::vector<uint64_t> nodes{from};
    auto emit = [&]() -> Status {
      return WithRel(r, rels, nodes, hop.leftward, [&] {
        return WithNode(p.nodes[hop.to], nodes.back(), event, [&] { return Hops(part, h + 1); });
      });
    };
    return Walk(r, hop.leftward, &rels, &nodes, emit);
  }

  // The end nodes of the paths of min..max hops (min <= 1, max <= 2), each once,
  // in the order a breadth-first walk meets them.
  Status DistinctEnds(size_t part, size_t h, uint64_t from, int event) {
    const PartPlan& p = plan_.parts[part];
    const Hop& hop = p.hops[h];
    const RelSpec& r = p.rels[hop.rel];
    std::vector<uint64_t> ends;
    std::set<uint64_t> seen;
    auto add = [&](uint64_t n) {
      if (seen.insert(n).second) ends.push_back(n);
    };
    if (r.min_hops == 0) add(from);
    std::vector<Step> first;
    SG_RETURN_IF_ERROR(Steps(from, r, hop.leftward, &first));
    std::map<uint64_t, std::vector<keys::EdgeKey>> out_of_start;  // neighbour -> edges
    for (const Step& s : first) {
      add(s.other);
      out_of_start[s.other].push_back(s.key);
    }
    if (r.max_hops == 2) {
      for (const auto& [u, edges_in] : out_of_start) {
        if (u == from) continue;  // a self-loop: two hops on it repeat it
        std::vector<Step> second;
        SG_RETURN_IF_ERROR(Steps(u, r, hop.leftward, &second));
        for (const Step& s : second) {
          // Back to the start only over another relationship than the first hop's.
          const bool repeat = s.other == from && edges_in.size() == 1 && edges_in[0] == s.key;
          if (!repeat) add(s.other);
        }
      }
    }
    for (uint64_t end : ends) {
      SG_RETURN_IF_ERROR(WithNode(p.nodes[hop.to], end, event, [&] { return Hops(part, h + 1); }));
      if (*stop_) break;
    }
    return Status::OK();
  }

  // Depth-first over paths of min..max hops without a repeated relationship.
  template <typename Emit>
  Status Walk(const RelSpec& r, bool leftward, std::vector<RelRef>* rels,
              std::vector<uint64_t>* nodes, Emit& emit) {
    const int depth = static_cast<int>(rels->size());
    if (depth >= r.min_hops) SG_RETURN_IF_ERROR(emit());
    if (*stop_ || (depth == r.max_hops && !r.unbounded)) return Status::OK();
    std::vector<Step> steps;
    SG_RETURN_IF_ERROR(Steps(nodes->back(), r, leftward, &steps));
    for (const Step& s : steps) {
      if (Used(s.key) || std::any_of(rels->begin(), rels->end(),
                                     [&](const RelRef& x) { return x.key == s.key; })) {
        continue;
      }
      if (depth == r.max_hops) {  // unbounded, and the walk could go on
        return ctx_->Error(r.pos, "a variable-length relationship without an upper bound "
                                  "found paths longer than the hop limit of " +
                                  std::to_string(r.max_hops) + "; give a bound, e.g. *.." +
                                  std::to_string(r.max_hops));
      }
      rels->push_back(RelRef{s.key, nullptr});
      nodes->push_back(s.other);
      Status st = Walk(r, leftward, rels, nodes, emit);
      rels->pop_back();
      nodes->pop_back();
      SG_RETURN_IF_ERROR(st);
      if (*stop_) break;
    }
    return Status::OK();
  }

  Path BuildPath(const PartPlan& p) const {
    Path path;
    path.nodes.push_back(row_[p.nodes[0].slot].as<NodeRef>());
    for (size_t i = 0; i < p.rels.size(); ++i) {
      const RelSpec& r = p.rels[i];
      if (r.variable) {
        const Path& seg = row_[r.segment_slot].as<Path>();
        path.rels.insert(path.rels.end(), seg.rels.begin(), seg.rels.end());
        path.nodes.insert(path.nodes.end(), seg.nodes.begin() + 1, seg.nodes.end());
      } else {
        path.rels.push_back(row_[r.slot].as<RelRef>());
        path.nodes.push_back(row_[p.nodes[i + 1].slot].as<NodeRef>());
      }
    }
    return path;
  }

  Status FinishPart(size_t part) {
    const PartPlan& p = plan_.parts[part];
    const int event = p.first_event + 1 + static_cast<int>(p.hops.size());
    if (p.path_slot >= 0) row_[p.path_slot] = Value(BuildPath(p));
    bool ok;
    Status s = Check(event, &ok);
    if (s.ok() && ok) s = Part(part + 1);
    if (p.path_slot >= 0) row_[p.path_slot] = Value();
    return s;
  }

  // shortestPath / allShortestPaths: both ends bound, then a bidirectional
  // breadth-first search (query/paths.h).
  Status Shortest(size_t part) {
    const PartPlan& p = plan_.parts[part];
    std::vector<uint64_t> ends;
    SG_RETURN_IF_ERROR(Candidates(p.end_anchor, p.nodes[1], &ends));
    for (uint64_t end : ends) {
      SG_RETURN_IF_ERROR(WithNode(p.nodes[1], end, p.first_event + 1, [&] { return ShortestBetween(part); }));
      if (*stop_) break;
    }
    return Status::OK();
  }

  Status ShortestBetween(size_t part) {
    const PartPlan& p = plan_.parts[part];
    const RelSpec& r = p.rels[0];
    const uint64_t from = row_[p.nodes[0].slot].as<NodeRef>().id;
    const uint64_t to = row_[p.nodes[1].slot].as<NodeRef>().id;
    PathOptions options;
    options.max_hops = r.max_hops;
    options.all = p.kind == ast::PathKind::kAllShortest;
    options.direction = r.direction == ast::Direction::kRight  ? Direction::kOut
                        : r.direction == ast::Direction::kLeft ? Direction::kIn
                                                               : Direction::kBoth;
    for (Relation rel : kAllRelations) {
      if (r.mask & RelBit(rel)) options.relations.insert(rel);
    }
    std::vector<GraphPath> paths;
    if (from != to || r.min_hops == 0) {
      SG_RETURN_IF_ERROR(ShortestPaths(ctx_->store(), from, to, options, &paths));
    }
    const int event = p.first_event + 2;
    for (const GraphPath& gp : paths) {
      if (static_cast<int>(gp.edges.size()) < r.min_hops) continue;
      if (std::any_of(gp.edges.begin(), gp.edges.end(), [&](const keys::EdgeKey& k) { return Used(k); })) continue;
      std::vector<RelRef> rels;
      for (const auto& k : gp.edges) rels.push_back(RelRef{k, nullptr});
      SG_RETURN_IF_ERROR(WithRel(r, rels, gp.nodes, false, [&]() -> Status {
        if (p.path_slot >= 0) row_[p.path_slot] = Value(Segment(rels, gp.nodes, false));
        bool ok;
        Status s = Check(event, &ok);
        if (s.ok() && ok) s = Part(part + 1);
        if (p.path_slot >= 0) row_[p.path_slot] = Value();
        return s;
      }));
      if (*stop_) break;
    }
    return Status::OK();
  }

  QueryContext* ctx_;
  const MatchPlan& plan_;
  Sink* next_;
  Row& row_;
  bool* stop_;
  std::vector<keys::EdgeKey> used_;  // relationships bound in this MATCH
};

MatchOp::MatchOp(QueryContext* ctx, std::shared_ptr<const MatchPlan> plan, const Scope* scope,
                 Sink* next)
    : ctx_(ctx), plan_(std::move(plan)), scope_(scope), next_(next) {}
MatchOp::~MatchOp() = default;

Status MatchOp::Push(Row& row, bool* stop) {
  row.resize(scope_->size());
  Run run(ctx_, *plan_, next_, &row, stop);
  SG_RETURN_IF_ERROR(run.Start());
  if (!run.matched && plan_->optional && !*stop) {
    for (int s : plan_->new_slots) row[s] = Value();
    Row copy = row;
    return next_->Push(copy, stop);
  }
  return Status::OK();
}

Status MatchOp::Finish() { return next_->Finish(); }

}  // namespace sg::query
