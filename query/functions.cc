// Scalar functions of the query language (docs/query.md lists them).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <unordered_map>

#include <utf8proc.h>

#include "graph/model.h"
#include "query/eval.h"

namespace sg::query {

Status ClaimsValue(const Value& rel, QueryContext* ctx, const ast::Pos& pos, Value* out);

namespace {

using Args = std::vector<Value>;
using Fn = Status (*)(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out);

Status Bad(const ast::Expr& e, QueryContext* ctx, std::string_view want, const Value& got) {
  return ctx->Error(e.pos, e.name + "() expects " + std::string(want) + ", got " +
                               std::string(TypeName(got)));
}

// Unicode simple case mapping (utf8proc), as Neo4j's toLower / toUpper.
std::string MapCase(const std::string& s, utf8proc_int32_t (*map)(utf8proc_int32_t)) {
  std::string out;
  out.reserve(s.size());
  auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) {  // not UTF-8: keep the byte
      out.push_back(static_cast<char>(*p));
      n = 1;
    } else {
      utf8proc_uint8_t buf[4];
      const auto m = utf8proc_encode_char(map(c), buf);
      out.append(reinterpret_cast<const char*>(buf), m);
    }
    p += n;
    left -= n;
  }
  return out;
}
std::string Lower(std::string s) { return MapCase(s, utf8proc_tolower); }
std::string Upper(std::string s) { return MapCase(s, utf8proc_toupper); }

Status Id(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (a[0].is<NodeRef>()) return *out = Value(static_cast<int64_t>(a[0].as<NodeRef>().id)), Status::OK();
  if (a[0].is<RelRef>()) {
    std::shared_ptr<const EdgeRecord> r;
    SG_RETURN_IF_ERROR(ctx->Edge(a[0].as<RelRef>().key, &r));
    return *out = Value(static_cast<int64_t>(r->id)), Status::OK();
  }
  return Bad(e, ctx, "a NODE or RELATIONSHIP", a[0]);
}

Status Labels(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<NodeRef>()) return Bad(e, ctx, "a NODE", a[0]);
  NodeKind kind;
  SG_RETURN_IF_ERROR(ctx->KindOf(a[0].as<NodeRef>().id, &kind));
  *out = Value(List{Value(std::string(NodeKindName(kind)))});
  return Status::OK();
}

Status Type(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<RelRef>()) return Bad(e, ctx, "a RELATIONSHIP", a[0]);
  *out = Value(std::string(RelationName(a[0].as<RelRef>().key.relation)));
  return Status::OK();
}

Status Properties(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  Map m;
  SG_RETURN_IF_ERROR(PropertiesOf(a[0], ctx, e.pos, &m));
  *out = Value(std::move(m));
  return Status::OK();
}

Status Keys(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  Map m;
  SG_RETURN_IF_ERROR(PropertiesOf(a[0], ctx, e.pos, &m));
  List l;
  for (auto& [k, v] : m) {
    if (!v.is_null()) l.emplace_back(k);
  }
  *out = Value(std::move(l));
  return Status::OK();
}

Status Length(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (a[0].is<Path>()) return *out = Value(static_cast<int64_t>(a[0].as<Path>().rels.size())), Status::OK();
  if (a[0].is<std::string>()) return *out = Value(static_cast<int64_t>(a[0].as<std::string>().size())), Status::OK();
  if (a[0].is<List>()) return *out = Value(static_cast<int64_t>(a[0].as<List>().size())), Status::OK();
  return Bad(e, ctx, "a PATH", a[0]);
}

int64_t Utf8Length(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Status Size(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (a[0].is<List>()) return *out = Value(static_cast<int64_t>(a[0].as<List>().size())), Status::OK();
  if (a[0].is<std::string>()) return *out = Value(Utf8Length(a[0].as<std::string>())), Status::OK();
  if (a[0].is<Map>()) return *out = Value(static_cast<int64_t>(a[0].as<Map>().size())), Status::OK();
  return Bad(e, ctx, "a LIST or STRING", a[0]);
}

Status Nodes(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<Path>()) return Bad(e, ctx, "a PATH", a[0]);
  List l;
  for (const auto& n : a[0].as<Path>().nodes) l.emplace_back(n);
  *out = Value(std::move(l));
  return Status::OK();
}

Status Relationships(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<Path>()) return Bad(e, ctx, "a PATH", a[0]);
  List l;
  for (const auto& r : a[0].as<Path>().rels) l.emplace_back(r);
  *out = Value(std::move(l));
  return Status::OK();
}

Status EndPoint(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out, bool start) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<RelRef>()) return Bad(e, ctx, "a RELATIONSHIP", a[0]);
  const auto& k = a[0].as<RelRef>().key;
  *out = Value(NodeRef{start ? k.source : k.target, nullptr});
  return Status::OK();
}
Status StartNode(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return EndPoint(e, a, ctx, out, true);
}
Status EndNode(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return EndPoint(e, a, ctx, out, false);
}

Status StringFn(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out,
                std::string (*f)(std::string)) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<std::string>()) return Bad(e, ctx, "a STRING", a[0]);
  *out = Value(f(a[0].as<std::string>()));
  return Status::OK();
}
Status ToLower(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return StringFn(e, a, ctx, out, Lower);
}
Status ToUpper(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return StringFn(e, a, ctx, out, Upper);
}
std::string TrimBoth(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}
std::string TrimLeft(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b);
}
std::string TrimRight(std::string s) {
  const auto e = s.find_last_not_of(" \t\r\n");
  return e == std::string::npos ? "" : s.substr(0, e + 1);
}
Status Trim(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return StringFn(e, a, ctx, out, TrimBoth);
}
Status LTrim(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return StringFn(e, a, ctx, out, TrimLeft);
}
Status RTrim(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return StringFn(e, a, ctx, out, TrimRight);
}

Status Coalesce(const ast::Expr&, Args& a, QueryContext*, Value* out) {
  for (auto& v : a) {
    if (!v.is_null()) return *out = std::move(v), Status::OK();
  }
  *out = Value();
  return Status::OK();
}

Status DateFn(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a.empty()) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    *out = Value(Date{keys::DateKey(buf), buf});
    return Status::OK();
  }
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (a[0].is<Date>()) return *out = a[0], Status::OK();
  if (!a[0].is<std::string>()) return Bad(e, ctx, "an ISO date STRING", a[0]);
  const std::string& s = a[0].as<std::string>();
  if (!IsIsoDate(s)) {
    return ctx->Error(e.pos, "date(): '" + s + "' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)");
  }
  *out = Value(Date{keys::DateKey(s), s});
  return Status::OK();
}

Status Head(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<List>()) return Bad(e, ctx, "a LIST", a[0]);
  const List& l = a[0].as<List>();
  *out = l.empty() ? Value() : l.front();
  return Status::OK();
}
Status Last(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<List>()) return Bad(e, ctx, "a LIST", a[0]);
  const List& l = a[0].as<List>();
  *out = l.empty() ? Value() : l.back();
  return Status::OK();
}
Status Tail(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<List>()) return Bad(e, ctx, "a LIST", a[0]);
  const List& l = a[0].as<List>();
  *out = Value(l.empty() ? List() : List(l.begin() + 1, l.end()));
  return Status::OK();
}
Status Reverse(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (a[0].is<List>()) {
    List l = a[0].as<List>();
    std::reverse(l.begin(), l.end());
    return *out = Value(std::move(l)), Status::OK();
  }
  if (a[0].is<std::string>()) {
    std::string s = a[0].as<std::string>();
    std::reverse(s.begin(), s.end());
    return *out = Value(std::move(s)), Status::OK();
  }
  return Bad(e, ctx, "a LIST or STRING", a[0]);
}

Status ToString(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (a[0].is<NodeRef>() || a[0].is<RelRef>() || a[0].is<Path>() || a[0].is<List>() ||
      a[0].is<Map>()) {
    return Bad(e, ctx, "a STRING, number, boolean or DATE", a[0]);
  }
  *out = Value(ToDisplay(a[0]));
  return Status::OK();
}

Status ToInteger(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  const Value& v = a[0];
  *out = Value();
  if (v.is<int64_t>()) *out = v;
  else if (v.is<double>()) {
    const double d = v.as<double>();
    if (std::isfinite(d) && std::fabs(d) < 9.2e18) *out = Value(static_cast<int64_t>(d));
  } else if (v.is<bool>()) *out = Value(int64_t{v.as<bool>()});
  else if (v.is<std::string>()) {
    const std::string& s = v.as<std::string>();
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && errno == 0 && std::isfinite(d) &&
        std::fabs(d) < 9.2e18) {
      *out = Value(static_cast<int64_t>(d));
    }
  } else if (!v.is_null()) {
    return Bad(e, ctx, "a STRING, number or boolean", v);
  }
  return Status::OK();
}

Status ToFloat(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  const Value& v = a[0];
  *out = Value();
  if (v.is<int64_t>()) *out = Value(static_cast<double>(v.as<int64_t>()));
  else if (v.is<double>()) *out = v;
  else if (v.is<std::string>()) {
    const std::string& s = v.as<std::string>();
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size()) *out = Value(d);
  } else if (!v.is_null()) {
    return Bad(e, ctx, "a STRING or number", v);
  }
  return Status::OK();
}

Status ToBoolean(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  const Value& v = a[0];
  *out = Value();
  if (v.is<bool>()) *out = v;
  else if (v.is<std::string>()) {
    const std::string s = Lower(v.as<std::string>());
    if (s == "true") *out = Value(true);
    if (s == "false") *out = Value(false);
  } else if (!v.is_null()) {
    return Bad(e, ctx, "a STRING or BOOLEAN", v);
  }
  return Status::OK();
}

Status Replace(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  for (auto& v : a) {
    if (v.is_null()) return *out = Value(), Status::OK();
    if (!v.is<std::string>()) return Bad(e, ctx, "STRING arguments", v);
  }
  std::string s = a[0].as<std::string>();
  const std::string& from = a[1].as<std::string>();
  const std::string& to = a[2].as<std::string>();
  if (!from.empty()) {
    std::string r;
    size_t pos = 0, hit;
    while ((hit = s.find(from, pos)) != std::string::npos) {
      r.append(s, pos, hit - pos).append(to);
      pos = hit + from.size();
    }
    r.append(s, pos);
    s = std::move(r);
  }
  *out = Value(std::move(s));
  return Status::OK();
}

Status Split(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  for (auto& v : a) {
    if (v.is_null()) return *out = Value(), Status::OK();
    if (!v.is<std::string>()) return Bad(e, ctx, "STRING arguments", v);
  }
  const std::string& s = a[0].as<std::string>();
  const std::string& sep = a[1].as<std::string>();
  List l;
  if (sep.empty()) {
    for (char c : s) l.emplace_back(std::string(1, c));
  } else {
    size_t pos = 0, hit;
    while ((hit = s.find(sep, pos)) != std::string::npos) {
      l.emplace_back(s.substr(pos, hit - pos));
      pos = hit + sep.size();
    }
    l.emplace_back(s.substr(pos));
  }
  *out = Value(std::move(l));
  return Status::OK();
}

Status Substring(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<std::string>()) return Bad(e, ctx, "a STRING", a[0]);
  for (size_t i = 1; i < a.size(); ++i) {
    if (!a[i].is<int64_t>() || a[i].as<int64_t>() < 0) return Bad(e, ctx, "non-negative INTEGER bounds", a[i]);
  }
  const std::string& s = a[0].as<std::string>();
  const size_t start = std::min<size_t>(a[1].as<int64_t>(), s.size());
  const size_t len = a.size() > 2 ? static_cast<size_t>(a[2].as<int64_t>()) : std::string::npos;
  *out = Value(s.substr(start, len));
  return Status::OK();
}

Status LeftRight(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out, bool left) {
  if (a[0].is_null()) return *out = Value(), Status::OK();
  if (!a[0].is<std::string>()) return Bad(e, ctx, "a STRING", a[0]);
  if (!a[1].is<int64_t>() || a[1].as<int64_t>() < 0) return Bad(e, ctx, "a non-negative INTEGER", a[1]);
  const std::string& s = a[0].as<std::string>();
  const size_t n = std::min<size_t>(a[1].as<int64_t>(), s.size());
  *out = Value(left ? s.substr(0, n) : s.substr(s.size() - n));
  return Status::OK();
}
Status Left(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return LeftRight(e, a, ctx, out, true);
}
Status Right(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return LeftRight(e, a, ctx, out, false);
}

Status Numeric(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  const Value& v = a[0];
  if (v.is_null()) return *out = Value(), Status::OK();
  if (!v.is<int64_t>() && !v.is<double>()) return Bad(e, ctx, "a number", v);
  const std::string& f = e.name;
  if (v.is<int64_t>() && (f == "abs" || f == "sign")) {
    const int64_t i = v.as<int64_t>();
    if (f == "sign") return *out = Value(int64_t{(i > 0) - (i < 0)}), Status::OK();
    if (i == std::numeric_limits<int64_t>::min()) return ctx->Error(e.pos, "integer overflow");
    return *out = Value(i < 0 ? -i : i), Status::OK();
  }
  const double d = v.is<int64_t>() ? static_cast<double>(v.as<int64_t>()) : v.as<double>();
  if (f == "abs") *out = Value(std::fabs(d));
  else if (f == "ceil") *out = Value(std::ceil(d));
  else if (f == "floor") *out = Value(std::floor(d));
  else if (f == "round") *out = Value(std::round(d));
  else if (f == "sqrt") *out = Value(std::sqrt(d));
  else *out = Value(static_cast<int64_t>((d > 0) - (d < 0)));
  return Status::OK();
}

Status Range(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  for (auto& v : a) {
    if (!v.is<int64_t>()) return Bad(e, ctx, "INTEGER arguments", v);
  }
  const int64_t from = a[0].as<int64_t>(), to = a[1].as<int64_t>();
  const int64_t step = a.size() > 2 ? a[2].as<int64_t>() : 1;
  if (step == 0) return ctx->Error(e.pos, "range(): the step must not be 0");
  const double n = std::floor((static_cast<double>(to) - from) / step) + 1;
  if (n > static_cast<double>(ctx->limits().max_rows)) {
    return ctx->Error(e.pos, "range(): more items than the row limit");
  }
  List l;
  for (int64_t i = from; step > 0 ? i <= to : i >= to;) {
    l.emplace_back(i);
    if (__builtin_add_overflow(i, step, &i)) break;
  }
  *out = Value(std::move(l));
  return Status::OK();
}

Status Exists(const ast::Expr&, Args& a, QueryContext*, Value* out) {
  *out = Value(!a[0].is_null());
  return Status::OK();
}

Status Claims(const ast::Expr& e, Args& a, QueryContext* ctx, Value* out) {
  return ClaimsValue(a[0], ctx, e.pos, out);
}

struct FunctionDef {
  Fn fn;
  size_t min_args, max_args;
};

const std::unordered_map<std::string, FunctionDef>& Functions() {
  static const auto* table = new std::unordered_map<std::string, FunctionDef>{
      {"id", {Id, 1, 1}},
      {"labels", {Labels, 1, 1}},
      {"type", {Type, 1, 1}},
      {"properties", {Properties, 1, 1}},
      {"keys", {Keys, 1, 1}},
      {"length", {Length, 1, 1}},
      {"size", {Size, 1, 1}},
      {"nodes", {Nodes, 1, 1}},
      {"relationships", {Relationships, 1, 1}},
      {"startnode", {StartNode, 1, 1}},
      {"endnode", {EndNode, 1, 1}},
      {"tolower", {ToLower, 1, 1}},
      {"toupper", {ToUpper, 1, 1}},
      {"trim", {Trim, 1, 1}},
      {"ltrim", {LTrim, 1, 1}},
      {"rtrim", {RTrim, 1, 1}},
      {"coalesce", {Coalesce, 1, 64}},
      {"date", {DateFn, 0, 1}},
      {"head", {Head, 1, 1}},
      {"last", {Last, 1, 1}},
      {"tail", {Tail, 1, 1}},
      {"reverse", {Reverse, 1, 1}},
      {"tostring", {ToString, 1, 1}},
      {"tointeger", {ToInteger, 1, 1}},
      {"tofloat", {ToFloat, 1, 1}},
      {"toboolean", {ToBoolean, 1, 1}},
      {"replace", {Replace, 3, 3}},
      {"split", {Split, 2, 2}},
      {"substring", {Substring, 2, 3}},
      {"left", {Left, 2, 2}},
      {"right", {Right, 2, 2}},
      {"abs", {Numeric, 1, 1}},
      {"ceil", {Numeric, 1, 1}},
      {"floor", {Numeric, 1, 1}},
      {"round", {Numeric, 1, 1}},
      {"sqrt", {Numeric, 1, 1}},
      {"sign", {Numeric, 1, 1}},
      {"range", {Range, 2, 3}},
      {"exists", {Exists, 1, 1}},
      {"claims", {Claims, 1, 1}},
  };
  return *table;
}

}  // namespace

std::string LowerCase(std::string s) { return Lower(std::move(s)); }

bool IsKnownFunction(const std::string& name) {
  return IsAggregateName(name) || Functions().count(name) > 0;
}

// Checks arity at plan time too (engine.cc calls it through CheckFunction).
Status CheckFunction(const ast::Expr& e, QueryContext* ctx) {
  if (IsAggregateName(e.name)) {
    if (e.star ? e.name != "count" : e.args.size() != 1) {
      return ctx->Error(e.pos, e.name + "() takes one argument");
    }
    return Status::OK();
  }
  auto it = Functions().find(e.name);
  if (it == Functions().end()) return ctx->Error(e.pos, "unknown function " + e.name + "()");
  if (e.star || e.distinct) return ctx->Error(e.pos, e.name + "() is not an aggregate");
  if (e.args.size() < it->second.min_args || e.args.size() > it->second.max_args) {
    return ctx->Error(e.pos, e.name + "() takes " + std::to_string(it->second.min_args) +
                                 (it->second.max_args != it->second.min_args
                                      ? " to " + std::to_string(it->second.max_args)
                                      : "") +
                                 " argument(s), got " + std::to_string(e.args.size()));
  }
  return Status::OK();
}

Status CallFunction(const ast::Expr& e, std::vector<Value>& args, QueryContext* ctx,
                    Value* out) {
  auto it = Functions().find(e.name);
  if (it == Functions().end()) return ctx->Error(e.pos, "unknown function " + e.name + "()");
  return it->second.fn(e, args, ctx, out);
}

}  // namespace sg::query
