#include "query/eval.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>

#include "graph/model.h"

namespace sg::query {
namespace {

using ast::BinaryOp;
using ast::Expr;
using ast::ExprKind;

bool IsNumber(const Value& v) { return v.is<int64_t>() || v.is<double>(); }
double AsDouble(const Value& v) {
  return v.is<int64_t>() ? static_cast<double>(v.as<int64_t>()) : v.as<double>();
}

Status TypeError(QueryContext* ctx, const ast::Pos& pos, std::string_view what,
                 const Value& got) {
  return ctx->Error(pos, std::string(what) + ", got " + std::string(TypeName(got)));
}

// ----- Properties

Value DateOrNull(const std::string& iso) {
  if (iso.empty() || !IsIsoDate(iso)) return Value();
  return Value(Date{keys::DateKey(iso), iso});
}

List StringList(const std::vector<std::string>& v) {
  List l;
  l.reserve(v.size());
  for (const auto& s : v) l.emplace_back(s);
  return l;
}

Map NodeProperties(const NodeRecord& n) {
  Map m;
  m.emplace_back("name", n.name);
  m.emplace_back("aliases", StringList(n.aliases));
  if (!n.code.empty()) m.emplace_back("code", n.code);
  for (const auto& [k, v] : n.properties) {
    if (k == "name" || k == "aliases" || k == "code") continue;
    m.emplace_back(k, k == "date" ? DateOrNull(v) : Value(v));
  }
  return m;
}

Value MainTitle(const EdgeRecord& e) {
  if (e.titles.empty()) return Value();
  size_t best = 0;
  for (size_t i = 1; i < e.titles.size() && i < e.title_counts.size(); ++i) {
    if (e.title_counts[i] > e.title_counts[best]) best = i;
  }
  return Value(e.titles[best]);
}

Map EdgeProperties(const EdgeRecord& e) {
  Map m;
  m.emplace_back("claims", int64_t{e.claim_count});
  m.emplace_back("articles", int64_t{e.article_count});
  m.emplace_back("first_date", DateOrNull(e.first_date));
  m.emplace_back("last_date", DateOrNull(e.last_date));
  m.emplace_back("titles", StringList(e.titles));
  m.emplace_back("title", MainTitle(e));
  m.emplace_back("outlets", StringList(e.outlets));
  return m;
}

const Value* FindKey(const Map& m, const std::string& key) {
  for (const auto& [k, v] : m) {
    if (k == key) return &v;
  }
  return nullptr;
}

Value DatePart(const Date& d, const std::string& key) {
  const uint32_t k = d.key;
  if (key == "year") return Value(int64_t{k / 10000});
  if (key == "month") return k / 100 % 100 ? Value(int64_t{k / 100 % 100}) : Value();
  if (key == "day") return k % 100 ? Value(int64_t{k % 100}) : Value();
  return Value();
}

Map ClaimMap(const ClaimRecord& c) {
  Map m;
  m.emplace_back("id", static_cast<int64_t>(c.id));
  m.emplace_back("article", c.article_id);
  m.emplace_back("sentence", c.sentence);
  m.emplace_back("sentence_no", int64_t{c.sentence_no});
  m.emplace_back("date", DateOrNull(c.date));
  List outlets;
  for (const auto& s : c.sources) outlets.emplace_back(s.name);
  Value outlet = !c.sources.empty() ? Value(c.sources[0].name)
                 : !c.publisher.empty() ? Value(c.publisher) : Value();
  m.emplace_back("outlet", std::move(outlet));
  m.emplace_back("outlets", std::move(outlets));
  m.emplace_back("publisher", c.publisher.empty() ? Value() : Value(c.publisher));
  m.emplace_back("cue", c.cue);
  m.emplace_back("polarity", int64_t{c.polarity});
  m.emplace_back("title", c.title.empty() ? Value() : Value(c.title));
  m.emplace_back("rule", c.rule);
  m.emplace_back("confidence", static_cast<double>(c.confidence));
  m.emplace_back("subject_text", c.subject_text);
  m.emplace_back("object_text", c.object_text);
  // The group actors' sectors ("Syrian troops": subject_sector "military"), null when the
  // claim names the actor itself; any other claim property under its own key.
  auto property = [&](std::string_view key) -> Value {
    for (const auto& [k, v] : c.properties)
      if (k == key) return Value(v);
    return Value();
  };
  m.emplace_back("subject_sector", property("subject_sector"));
  m.emplace_back("object_sector", property("object_sector"));
  for (const auto& [k, v] : c.properties)
    if (k != "subject_sector" && k != "object_sector") m.emplace_back(k, v);
  return m;
}

// ----- Operators

Value Truth(std::optional<bool> b) { return b ? Value(*b) : Value(); }

Status ToTruth(const Value& v, QueryContext* ctx, const ast::Pos& pos,
               std::optional<bool>* out) {
  if (v.is_null()) {
    *out = std::nullopt;
    return Status::OK();
  }
  if (!v.is<bool>()) return TypeError(ctx, pos, "expected a BOOLEAN", v);
  *out = v.as<bool>();
  return Status::OK();
}

Status Logical(BinaryOp op, std::optional<bool> a, std::optional<bool> b, Value* out) {
  switch (op) {
    case BinaryOp::kAnd:
      if (a == false || b == false) *out = Value(false);
      else if (!a || !b) *out = Value();
      else *out = Value(true);
      break;
    case BinaryOp::kOr:
      if (a == true || b == true) *out = Value(true);
      else if (!a || !b) *out = Value();
      else *out = Value(false);
      break;
    default:  // XOR
      *out = (!a || !b) ? Value() : Value(*a != *b);
  }
  return Status::OK();
}

Status Arithmetic(BinaryOp op, const Value& a, const Value& b, QueryContext* ctx,
                  const ast::Pos& pos, Value* out) {
  if (a.is_null() || b.is_null()) {
    *out = Value();
    return Status::OK();
  }
  if (op == BinaryOp::kAdd) {
    if (a.is<List>() || b.is<List>()) {
      List l = a.is<List>() ? a.as<List>() : List{a};
      if (b.is<List>()) l.insert(l.end(), b.as<List>().begin(), b.as<List>().end());
      else l.push_back(b);
      *out = Value(std::move(l));
      return Status::OK();
    }
    if (a.is<std::string>() || b.is<std::string>()) {
      if ((a.is<std::string>() || IsNumber(a) || a.is<bool>()) &&
          (b.is<std::string>() || IsNumber(b) || b.is<bool>())) {
        *out = Value(ToDisplay(a) + ToDisplay(b));
        return Status::OK();
      }
    }
  }
  if (!IsNumber(a) || !IsNumber(b)) {
    return ctx->Error(pos, "arithmetic on " + std::string(TypeName(a)) + " and " +
                               std::string(TypeName(b)));
  }
  if (a.is<int64_t>() && b.is<int64_t>() && op != BinaryOp::kPow) {
    const int64_t x = a.as<int64_t>(), y = b.as<int64_t>();
    int64_t r = 0;
    bool overflow = false;
    switch (op) {
      case BinaryOp::kAdd: overflow = __builtin_add_overflow(x, y, &r); break;
      case BinaryOp::kSub: overflow = __builtin_sub_overflow(x, y, &r); break;
      case BinaryOp::kMul: overflow = __builtin_mul_overflow(x, y, &r); break;
      case BinaryOp::kDiv:
      case BinaryOp::kMod:
        if (y == 0) return ctx->Error(pos, "division by zero");
        if (x == std::numeric_limits<int64_t>::min() && y == -1) overflow = true;
        else r = op == BinaryOp::kDiv ? x / y : x % y;
        break;
      default: break;
    }
    if (overflow) return ctx->Error(pos, "integer overflow");
    *out = Value(r);
    return Status::OK();
  }
  const double x = AsDouble(a), y = AsDouble(b);
  double r = 0;
  switch (op) {
    case BinaryOp::kAdd: r = x + y; break;
    case BinaryOp::kSub: r = x - y; break;
    case BinaryOp::kMul: r = x * y; break;
    case BinaryOp::kDiv: r = x / y; break;
    case BinaryOp::kMod: r = std::fmod(x, y); break;
    default: r = std::pow(x, y); break;
  }
  *out = Value(r);
  return Status::OK();
}

Status Comparison(BinaryOp op, const Value& a, const Value& b, Value* out) {
  if (op == BinaryOp::kEq) {
    *out = CypherEquals(a, b);
    return Status::OK();
  }
  if (op == BinaryOp::kNe) {
    Value e = CypherEquals(a, b);
    *out = e.is_null() ? Value() : Value(!e.as<bool>());
    return Status::OK();
  }
  auto c = CypherCompare(a, b);
  if (!c) {
    *out = Value();
    return Status::OK();
  }
  switch (op) {
    case BinaryOp::kLt: *out = Value(*c < 0); break;
    case BinaryOp::kLe: *out = Value(*c <= 0); break;
    case BinaryOp::kGt: *out = Value(*c > 0); break;
    default: *out = Value(*c >= 0); break;
  }
  return Status::OK();
}

Status InList(const Value& a, const Value& list, QueryContext* ctx, const ast::Pos& pos,
              Value* out) {
  if (list.is_null()) {
    *out = Value();
    return Status::OK();
  }
  if (!list.is<List>()) return TypeError(ctx, pos, "IN expects a LIST", list);
  bool unknown = false;
  for (const Value& item : list.as<List>()) {
    Value e = CypherEquals(a, item);
    if (e.is_null()) unknown = true;
    else if (e.as<bool>()) {
      *out = Value(true);
      return Status::OK();
    }
  }
  *out = unknown ? Value() : Value(false);
  return Status::OK();
}

Status Regex(const Value& a, const Value& b, QueryContext* ctx, const ast::Pos& pos,
             Value* out) {
  if (!a.is<std::string>() || !b.is<std::string>()) {
    *out = Value();
    return Status::OK();
  }
  // RE2: linear time in the input, so a hostile pattern cannot stall a query.
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  RE2 re(b.as<std::string>(), options);
  if (!re.ok()) return ctx->Error(pos, "invalid regular expression: " + re.error());
  *out = Value(RE2::FullMatch(a.as<std::string>(), re));
  return Status::OK();
}

Status StringPredicate(BinaryOp op, const Value& a, const Value& b, Value* out) {
  if (!a.is<std::string>() || !b.is<std::string>()) {
    *out = Value();
    return Status::OK();
  }
  std::string_view s = a.as<std::string>(), t = b.as<std::string>();
  if (op == BinaryOp::kStartsWith) *out = Value(s.starts_with(t));
  else if (op == BinaryOp::kEndsWith) *out = Value(s.ends_with(t));
  else *out = Value(s.find(t) != std::string_view::npos);
  return Status::OK();
}

Status EvalBinary(const Expr& e, const EvalEnv& env, Value* out) {
  const BinaryOp op = e.op;
  Value a, b;
  SG_RETURN_IF_ERROR(Eval(*e.args[0], env, &a));
  if (op == BinaryOp::kAnd || op == BinaryOp::kOr || op == BinaryOp::kXor) {
    std::optional<bool> x, y;
    SG_RETURN_IF_ERROR(ToTruth(a, env.ctx, e.args[0]->pos, &x));
    if (op == BinaryOp::kAnd && x == false) return *out = Value(false), Status::OK();
    if (op == BinaryOp::kOr && x == true) return *out = Value(true), Status::OK();
    SG_RETURN_IF_ERROR(Eval(*e.args[1], env, &b));
    SG_RETURN_IF_ERROR(ToTruth(b, env.ctx, e.args[1]->pos, &y));
    return Logical(op, x, y, out);
  }
  SG_RETURN_IF_ERROR(Eval(*e.args[1], env, &b));
  switch (op) {
    case BinaryOp::kEq: case BinaryOp::kNe: case BinaryOp::kLt:
    case BinaryOp::kLe: case BinaryOp::kGt: case BinaryOp::kGe:
      return Comparison(op, a, b, out);
    case BinaryOp::kIn: return InList(a, b, env.ctx, e.pos, out);
    case BinaryOp::kRegex: return Regex(a, b, env.ctx, e.pos, out);
    case BinaryOp::kStartsWith: case BinaryOp::kEndsWith: case BinaryOp::kContains:
      return StringPredicate(op, a, b, out);
    default: return Arithmetic(op, a, b, env.ctx, e.pos, out);
  }
}

// ----- Index and slice

int64_t ClampIndex(int64_t i, int64_t size) {
  if (i < 0) i += size;
  return std::clamp<int64_t>(i, 0, size);
}

Status EvalIndex(const Expr& e, const EvalEnv& env, Value* out) {
  Value target, index;
  SG_RETURN_IF_ERROR(Eval(*e.args[0], env, &target));
  SG_RETURN_IF_ERROR(Eval(*e.args[1], env, &index));
  *out = Value();
  if (target.is_null() || index.is_null()) return Status::OK();
  if (target.is<List>()) {
    if (!index.is<int64_t>()) return TypeError(env.ctx, e.args[1]->pos, "expected an INTEGER index", index);
    const List& l = target.as<List>();
    int64_t i = index.as<int64_t>();
    if (i < 0) i += static_cast<int64_t>(l.size());
    if (i >= 0 && i < static_cast<int64_t>(l.size())) *out = l[i];
    return Status::OK();
  }
  if (index.is<std::string>()) {
    return PropertyOf(target, index.as<std::string>(), env.ctx, e.pos, out);
  }
  return TypeError(env.ctx, e.pos, "cannot index this value", target);
}

Status EvalSlice(const Expr& e, const EvalEnv& env, Value* out) {
  Value target, from, to;
  SG_RETURN_IF_ERROR(Eval(*e.args[0], env, &target));
  if (e.args[1]) SG_RETURN_IF_ERROR(Eval(*e.args[1], env, &from));
  if (e.args[2]) SG_RETURN_IF_ERROR(Eval(*e.args[2], env, &to));
  *out = Value();
  if (target.is_null() || (e.args[1] && from.is_null()) || (e.args[2] && to.is_null())) {
    return Status::OK();
  }
  if (!target.is<List>()) return TypeError(env.ctx, e.pos, "slicing expects a LIST", target);
  const List& l = target.as<List>();
  const auto n = static_cast<int64_t>(l.size());
  for (const Value* v : {&from, &to}) {
    if (!v->is_null() && !v->is<int64_t>()) return TypeError(env.ctx, e.pos, "expected INTEGER bounds", *v);
  }
  const int64_t a = from.is_null() ? 0 : ClampIndex(from.as<int64_t>(), n);
  const int64_t b = to.is_null() ? n : ClampIndex(to.as<int64_t>(), n);
  *out = Value(a < b ? List(l.begin() + a, l.begin() + b) : List());
  return Status::OK();
}

Status EvalLabelTest(const Expr& e, const EvalEnv& env, Value* out) {
  Value v;
  SG_RETURN_IF_ERROR(Eval(*e.args[0], env, &v));
  if (v.is_null()) return *out = Value(), Status::OK();
  if (!v.is<NodeRef>()) return TypeError(env.ctx, e.pos, "a label test needs a NODE", v);
  NodeKind kind;
  SG_RETURN_IF_ERROR(env.ctx->KindOf(v.as<NodeRef>().id, &kind));
  bool all = true;
  for (const auto& alternatives : e.labels) {
    bool any = false;
    for (const auto& label : alternatives) any |= ParseNodeKind(label) == kind;
    all &= any;
  }
  *out = Value(all);
  return Status::OK();
}

Status EvalCase(const Expr& e, const EvalEnv& env, Value* out) {
  Value subject;
  size_t i = 0;
  if (e.has_subject) SG_RETURN_IF_ERROR(Eval(*e.args[i++], env, &subject));
  const size_t end = e.args.size() - (e.has_else ? 1 : 0);
  for (; i + 1 < end; i += 2) {
    Value when;
    SG_RETURN_IF_ERROR(Eval(*e.args[i], env, &when));
    bool hit;
    if (e.has_subject) {
      Value eq = CypherEquals(subject, when);
      hit = !eq.is_null() && eq.as<bool>();
    } else {
      hit = when.is<bool>() && when.as<bool>();
    }
    if (hit) return Eval(*e.args[i + 1], env, out);
  }
  if (e.has_else) return Eval(*e.args.back(), env, out);
  *out = Value();
  return Status::OK();
}

// The properties most queries read, without building the whole map:
// *found is false for the others.
Status CommonProperty(const Value& target, const std::string& key, QueryContext* ctx,
                      Value* out, bool* found) {
  *found = true;
  if (target.is<NodeRef>() && (key == "name" || key == "code")) {
    std::shared_ptr<const NodeRecord> n;
    SG_RETURN_IF_ERROR(ctx->Node(target.as<NodeRef>().id, &n));
    if (key == "name") *out = Value(n->name);
    else *out = n->code.empty() ? Value() : Value(n->code);
    return Status::OK();
  }
  if (target.is<RelRef>() && (key == "claims" || key == "articles" || key == "first_date" ||
                              key == "last_date")) {
    std::shared_ptr<const EdgeRecord> e;
    SG_RETURN_IF_ERROR(ctx->Edge(target.as<RelRef>().key, &e));
    if (key == "claims") *out = Value(int64_t{e->claim_count});
    else if (key == "articles") *out = Value(int64_t{e->article_count});
    else *out = DateOrNull(key == "first_date" ? e->first_date : e->last_date);
    return Status::OK();
  }
  *found = false;
  return Status::OK();
}

}  // namespace

Status PropertyOf(const Value& target, const std::string& key, QueryContext* ctx,
                  const ast::Pos& pos, Value* out) {
  *out = Value();
  if (target.is_null()) return Status::OK();
  if (target.is<Map>()) {
    if (const Value* v = FindKey(target.as<Map>(), key)) *out = *v;
    return Status::OK();
  }
  if (target.is<Date>()) {
    *out = DatePart(target.as<Date>(), key);
    return Status::OK();
  }
  if (!target.is<NodeRef>() && !target.is<RelRef>()) {
    return TypeError(ctx, pos, "property access needs a NODE, RELATIONSHIP or MAP", target);
  }
  bool found = false;
  SG_RETURN_IF_ERROR(CommonProperty(target, key, ctx, out, &found));
  if (found) return Status::OK();
  Map m;
  SG_RETURN_IF_ERROR(PropertiesOf(target, ctx, pos, &m));
  if (const Value* v = FindKey(m, key)) *out = *v;
  return Status::OK();
}

Status PropertiesOf(const Value& target, QueryContext* ctx, const ast::Pos& pos, Map* out) {
  if (target.is<NodeRef>()) {
    std::shared_ptr<const NodeRecord> n;
    SG_RETURN_IF_ERROR(ctx->Node(target.as<NodeRef>().id, &n));
    *out = NodeProperties(*n);
    return Status::OK();
  }
  if (target.is<RelRef>()) {
    std::shared_ptr<const EdgeRecord> r;
    SG_RETURN_IF_ERROR(ctx->Edge(target.as<RelRef>().key, &r));
    *out = EdgeProperties(*r);
    return Status::OK();
  }
  if (target.is<Map>()) {
    *out = target.as<Map>();
    return Status::OK();
  }
  return TypeError(ctx, pos, "properties() needs a NODE, RELATIONSHIP or MAP", target);
}

Status AttachRecords(Value* v, QueryContext* ctx) {
  if (v->is<NodeRef>()) {
    NodeRef& n = v->as<NodeRef>();
    if (!n.record) SG_RETURN_IF_ERROR(ctx->Node(n.id, &n.record));
  } else if (v->is<RelRef>()) {
    RelRef& r = v->as<RelRef>();
    if (!r.record) SG_RETURN_IF_ERROR(ctx->Edge(r.key, &r.record));
  } else if (v->is<List>()) {
    for (Value& item : v->as<List>()) SG_RETURN_IF_ERROR(AttachRecords(&item, ctx));
  } else if (v->is<Map>()) {
    for (auto& [k, item] : v->as<Map>()) SG_RETURN_IF_ERROR(AttachRecords(&item, ctx));
  } else if (v->is<Path>()) {
    Path& p = v->as<Path>();
    for (NodeRef& n : p.nodes) {
      if (!n.record) SG_RETURN_IF_ERROR(ctx->Node(n.id, &n.record));
    }
    for (RelRef& r : p.rels) {
      if (!r.record) SG_RETURN_IF_ERROR(ctx->Edge(r.key, &r.record));
    }
  }
  return Status::OK();
}

Status ClaimsValue(const Value& rel, QueryContext* ctx, const ast::Pos& pos, Value* out) {
  if (rel.is_null()) return *out = Value(), Status::OK();
  if (!rel.is<RelRef>()) return TypeError(ctx, pos, "claims() needs a RELATIONSHIP", rel);
  std::shared_ptr<const std::vector<ClaimRecord>> claims;
  SG_RETURN_IF_ERROR(ctx->Claims(rel.as<RelRef>().key, &claims));
  List l;
  l.reserve(claims->size());
  for (const auto& c : *claims) l.emplace_back(ClaimMap(c));
  *out = Value(std::move(l));
  return Status::OK();
}

Status CallFunction(const Expr& e, std::vector<Value>& args, QueryContext* ctx, Value* out);

Status Eval(const Expr& e, const EvalEnv& env, Value* out) {
  switch (e.kind) {
    case ExprKind::kLiteral: *out = e.value; return Status::OK();
    case ExprKind::kParameter: {
      auto it = env.ctx->params().find(e.name);
      if (it == env.ctx->params().end()) {
        return env.ctx->Error(e.pos, "missing parameter $" + e.name +
                                         " (give it with --param " + e.name + "=...)");
      }
      *out = it->second;
      return Status::OK();
    }
    case ExprKind::kVariable: *out = (*env.row)[e.slot]; return Status::OK();
    case ExprKind::kProperty: {
      Value target;
      SG_RETURN_IF_ERROR(Eval(*e.args[0], env, &target));
      return PropertyOf(target, e.name, env.ctx, e.pos, out);
    }
    case ExprKind::kList: {
      List l;
      l.reserve(e.args.size());
      for (const auto& a : e.args) {
        l.emplace_back();
        SG_RETURN_IF_ERROR(Eval(*a, env, &l.back()));
      }
      *out = Value(std::move(l));
      return Status::OK();
    }
    case ExprKind::kMap: {
      Map m;
      for (size_t i = 0; i < e.args.size(); ++i) {
        Value v;
        SG_RETURN_IF_ERROR(Eval(*e.args[i], env, &v));
        m.emplace_back(e.keys[i], std::move(v));
      }
      *out = Value(std::move(m));
      return Status::OK();
    }
    case ExprKind::kFunction: {
      if (IsAggregateName(e.name)) {
        if (!env.aggregates || e.slot < 0) {
          return env.ctx->Error(e.pos, "aggregate " + e.name + "() is only allowed in RETURN or WITH");
        }
        *out = (*env.aggregates)[e.slot];
        return Status::OK();
      }
      std::vector<Value> args(e.args.size());
      for (size_t i = 0; i < e.args.size(); ++i) SG_RETURN_IF_ERROR(Eval(*e.args[i], env, &args[i]));
      return CallFunction(e, args, env.ctx, out);
    }
    case ExprKind::kNot: {
      Value v;
      SG_RETURN_IF_ERROR(Eval(*e.args[0], env, &v));
      std::optional<bool> t;
      SG_RETURN_IF_ERROR(ToTruth(v, env.ctx, e.args[0]->pos, &t));
      *out = t ? Value(!*t) : Value();
      return Status::OK();
    }
    case ExprKind::kNegate: {
      Value v;
      SG_RETURN_IF_ERROR(Eval(*e.args[0], env, &v));
      return Arithmetic(BinaryOp::kSub, Value(int64_t{0}), v, env.ctx, e.pos, out);
    }
    case ExprKind::kBinary: return EvalBinary(e, env, out);
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull: {
      Value v;
      SG_RETURN_IF_ERROR(Eval(*e.args[0], env, &v));
      *out = Value(v.is_null() == (e.kind == ExprKind::kIsNull));
      return Status::OK();
    }
    case ExprKind::kIndex: return EvalIndex(e, env, out);
    case ExprKind::kSlice: return EvalSlice(e, env, out);
    case ExprKind::kLabelTest: return EvalLabelTest(e, env, out);
    case ExprKind::kCase: return EvalCase(e, env, out);
  }
  return env.ctx->Error(e.pos, "unsupported expression");
}

Status EvalPredicate(const Expr& e, const EvalEnv& env, bool* out) {
  Value v;
  SG_RETURN_IF_ERROR(Eval(e, env, &v));
  std::optional<bool> t;
  SG_RETURN_IF_ERROR(ToTruth(v, env.ctx, e.pos, &t));
  *out = t.value_or(false);
  return Status::OK();
}

bool IsAggregateName(const std::string& name) {
  return name == "count" || name == "collect" || name == "min" || name == "max" ||
         name == "sum" || name == "avg";
}

bool SameExpr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.name != b.name || a.op != b.op || a.distinct != b.distinct ||
      a.star != b.star || a.keys != b.keys || a.labels != b.labels ||
      a.args.size() != b.args.size() || a.has_subject != b.has_subject ||
      a.has_else != b.has_else) {
    return false;
  }
  if (a.kind == ExprKind::kLiteral && OrderCompare(a.value, b.value) != 0) return false;
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!a.args[i] || !b.args[i]) {
      if (a.args[i] || b.args[i]) return false;
      continue;
    }
    if (!SameExpr(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

// ----- Aggregator

Status Aggregator::Add(const Value& v, QueryContext* ctx) {
  const std::string& fn = call_->name;
  if (call_->star) {
    ++count_;
    return Status::OK();
  }
  if (v.is_null()) return Status::OK();
  if (call_->distinct) {
    if (!seen_.insert(v).second) return Status::OK();
  }
  ++count_;
  if (fn == "collect") {
    items_.push_back(v);
    return ctx->CheckRows(items_.size());
  }
  if (fn == "min" || fn == "max") {
    const int c = any_ ? OrderCompare(v, best_) : 0;
    if (!any_ || (fn == "min" ? c < 0 : c > 0)) best_ = v;
    any_ = true;
    return Status::OK();
  }
  if (fn == "sum" || fn == "avg") {
    if (!IsNumber(v)) return TypeError(ctx, call_->pos, fn + "() needs numbers", v);
    any_ = true;
    if (v.is<int64_t>() && all_int_ && !overflow_) {
      overflow_ = __builtin_add_overflow(isum_, v.as<int64_t>(), &isum_);
    }
    if (v.is<double>()) all_int_ = false;
    dsum_ += AsDouble(v);
  }
  return Status::OK();
}

Value Aggregator::Result() const {
  const std::string& fn = call_->name;
  if (fn == "count") return Value(count_);
  if (fn == "collect") return Value(items_);
  if (fn == "min" || fn == "max") return any_ ? best_ : Value();
  if (fn == "sum") {
    if (all_int_ && !overflow_) return Value(isum_);
    return Value(dsum_);
  }
  if (fn == "avg") return any_ ? Value(dsum_ / static_cast<double>(count_)) : Value();
  return Value();
}

}  // namespace sg::query
