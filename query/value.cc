#include "query/value.h"

#include <cmath>
#include <cstdio>

#include "graph/model.h"

namespace sg::query {
namespace {

enum TypeIndex { kNull, kBool, kInt, kFloat, kString, kDate, kList, kMap, kNode, kRel, kPath };

bool IsNumber(const Value& v) { return v.is<int64_t>() || v.is<double>(); }
double AsDouble(const Value& v) {
  return v.is<int64_t>() ? static_cast<double>(v.as<int64_t>()) : v.as<double>();
}

int Sign(double d) { return d < 0 ? -1 : (d > 0 ? 1 : 0); }
template <typename T>
int Cmp(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

// Numbers compare exactly across int and float where both fit; NaN is larger
// than every number (Neo4j's orderability).
int CompareNumbers(const Value& a, const Value& b) {
  if (a.is<int64_t>() && b.is<int64_t>()) return Cmp(a.as<int64_t>(), b.as<int64_t>());
  const double x = AsDouble(a), y = AsDouble(b);
  if (std::isnan(x) || std::isnan(y)) return Cmp(std::isnan(x), std::isnan(y));
  return Sign(x - y);
}

// A STRING holding an ISO date compares with a DATE as that date
// (docs/query.md: an extension over Neo4j, which answers null).
std::optional<Date> StringAsDate(const Value& v) {
  if (!v.is<std::string>() || !IsIsoDate(v.as<std::string>())) return std::nullopt;
  return Date{keys::DateKey(v.as<std::string>()), v.as<std::string>()};
}

// Orderability rank: map, node, relationship, list, path, date, string, boolean,
// number, null.
int OrderRank(const Value& v) {
  switch (v.v.index()) {
    case kMap: return 0;
    case kNode: return 1;
    case kRel: return 2;
    case kList: return 3;
    case kPath: return 4;
    case kDate: return 5;
    case kString: return 6;
    case kBool: return 7;
    case kInt:
    case kFloat: return 8;
    default: return 9;
  }
}

int CompareLists(const List& a, const List& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (int c = OrderCompare(a[i], b[i])) return c;
  }
  return Cmp(a.size(), b.size());
}

int CompareMaps(const Map& a, const Map& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (int c = Cmp(a[i].first, b[i].first)) return c;
    if (int c = OrderCompare(a[i].second, b[i].second)) return c;
  }
  return Cmp(a.size(), b.size());
}

int ComparePaths(const Path& a, const Path& b) {
  for (size_t i = 0; i < a.nodes.size() && i < b.nodes.size(); ++i) {
    if (int c = Cmp(a.nodes[i].id, b.nodes[i].id)) return c;
    if (i < a.rels.size() && i < b.rels.size()) {
      if (int c = Cmp(a.rels[i].key, b.rels[i].key)) return c;
    }
  }
  return Cmp(a.nodes.size(), b.nodes.size());
}

// Equality with Cypher's null propagation: nullopt stands for null.
std::optional<bool> Equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (IsNumber(a) && IsNumber(b)) {
    if (a.is<double>() && std::isnan(a.as<double>())) return false;
    if (b.is<double>() && std::isnan(b.as<double>())) return false;
    return CompareNumbers(a, b) == 0;
  }
  if (a.is<Date>() || b.is<Date>()) {
    auto x = a.is<Date>() ? std::optional<Date>(a.as<Date>()) : StringAsDate(a);
    auto y = b.is<Date>() ? std::optional<Date>(b.as<Date>()) : StringAsDate(b);
    if (!x || !y) return false;
    return x->key == y->key;
  }
  if (a.v.index() != b.v.index()) return false;
  switch (a.v.index()) {
    case kBool: return a.as<bool>() == b.as<bool>();
    case kString: return a.as<std::string>() == b.as<std::string>();
    case kNode: return a.as<NodeRef>().id == b.as<NodeRef>().id;
    case kRel: return a.as<RelRef>().key == b.as<RelRef>().key;
    case kPath: return ComparePaths(a.as<Path>(), b.as<Path>()) == 0;
    case kList: {
      const List &x = a.as<List>(), &y = b.as<List>();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (size_t i = 0; i < x.size(); ++i) {
        auto e = Equals(x[i], y[i]);
        if (!e) unknown = true;
        else if (!*e) return false;
      }
      return unknown ? std::nullopt : std::optional<bool>(true);
    }
    case kMap: {
      const Map &x = a.as<Map>(), &y = b.as<Map>();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (const auto& [k, v] : x) {
        const Value* w = nullptr;
        for (const auto& [k2, v2] : y) {
          if (k2 == k) w = &v2;
        }
        if (!w) return false;
        auto e = Equals(v, *w);
        if (!e) unknown = true;
        else if (!*e) return false;
      }
      return unknown ? std::nullopt : std::optional<bool>(true);
    }
    default: return false;
  }
}

void AppendQuoted(std::string* out, const std::string& s) {
  out->push_back('\'');
  for (char c : s) {
    if (c == '\'' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('\'');
}

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  std::string s = buf;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

void AppendLiteral(std::string* out, const Value& v);

void AppendProperties(std::string* out, const Map& m) {
  out->push_back('{');
  for (size_t i = 0; i < m.size(); ++i) {
    if (i) *out += ", ";
    *out += m[i].first + ": ";
    AppendLiteral(out, m[i].second);
  }
  out->push_back('}');
}

Map NodeDisplayProperties(const NodeRecord& n) {
  Map m;
  m.emplace_back("name", n.name);
  if (!n.code.empty()) m.emplace_back("code", n.code);
  return m;
}

void AppendNode(std::string* out, const NodeRef& n) {
  if (!n.record) {
    *out += "(#" + std::to_string(n.id) + ")";
    return;
  }
  *out += "(:" + std::string(NodeKindName(n.record->kind)) + " ";
  AppendProperties(out, NodeDisplayProperties(*n.record));
  out->push_back(')');
}

void AppendRel(std::string* out, const RelRef& r) {
  *out += "[:" + std::string(RelationName(r.key.relation));
  if (r.record) {
    *out += " {claims: " + std::to_string(r.record->claim_count) + "}";
  }
  out->push_back(']');
}

void AppendLiteral(std::string* out, const Value& v) {
  switch (v.v.index()) {
    case kNull: *out += "null"; break;
    case kBool: *out += v.as<bool>() ? "true" : "false"; break;
    case kInt: *out += std::to_string(v.as<int64_t>()); break;
    case kFloat: *out += FormatDouble(v.as<double>()); break;
    case kString: AppendQuoted(out, v.as<std::string>()); break;
    case kDate: *out += v.as<Date>().iso; break;
    case kList: {
      out->push_back('[');
      const List& l = v.as<List>();
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) *out += ", ";
        AppendLiteral(out, l[i]);
      }
      out->push_back(']');
      break;
    }
    case kMap: AppendProperties(out, v.as<Map>()); break;
    case kNode: AppendNode(out, v.as<NodeRef>()); break;
    case kRel: AppendRel(out, v.as<RelRef>()); break;
    case kPath: {
      const Path& p = v.as<Path>();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        AppendNode(out, p.nodes[i]);
        if (i >= p.rels.size()) break;
        const RelRef& r = p.rels[i];
        const bool forward = r.key.source == p.nodes[i].id;
        *out += forward ? "-" : "<-";
        AppendRel(out, r);
        *out += forward ? "->" : "-";
      }
      break;
    }
  }
}

}  // namespace

std::string_view TypeName(const Value& v) {
  static constexpr std::string_view kNames[] = {"NULL", "BOOLEAN", "INTEGER", "FLOAT",
                                                "STRING", "DATE", "LIST", "MAP",
                                                "NODE", "RELATIONSHIP", "PATH"};
  return kNames[v.v.index()];
}

Value CypherEquals(const Value& a, const Value& b) {
  auto e = Equals(a, b);
  return e ? Value(*e) : Value();
}

std::optional<int> CypherCompare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (IsNumber(a) && IsNumber(b)) {
    if ((a.is<double>() && std::isnan(a.as<double>())) ||
        (b.is<double>() && std::isnan(b.as<double>()))) {
      return std::nullopt;
    }
    return CompareNumbers(a, b);
  }
  if (a.is<Date>() || b.is<Date>()) {
    auto x = a.is<Date>() ? std::optional<Date>(a.as<Date>()) : StringAsDate(a);
    auto y = b.is<Date>() ? std::optional<Date>(b.as<Date>()) : StringAsDate(b);
    if (!x || !y) return std::nullopt;
    return Cmp(x->key, y->key);
  }
  if (a.v.index() != b.v.index()) return std::nullopt;
  switch (a.v.index()) {
    case kBool: return Cmp(a.as<bool>(), b.as<bool>());
    case kString: return Cmp(a.as<std::string>(), b.as<std::string>());
    case kList: return CompareLists(a.as<List>(), b.as<List>());
    default: return std::nullopt;
  }
}

int OrderCompare(const Value& a, const Value& b) {
  const int ra = OrderRank(a), rb = OrderRank(b);
  if (ra != rb) return Cmp(ra, rb);
  switch (a.v.index()) {
    case kNull: return 0;
    case kBool: return Cmp(a.as<bool>(), b.as<bool>());
    case kInt:
    case kFloat: return CompareNumbers(a, b);
    case kString: return Cmp(a.as<std::string>(), b.as<std::string>());
    case kDate: return Cmp(a.as<Date>().key, b.as<Date>().key);
    case kList: return CompareLists(a.as<List>(), b.as<List>());
    case kMap: return CompareMaps(a.as<Map>(), b.as<Map>());
    case kNode: return Cmp(a.as<NodeRef>().id, b.as<NodeRef>().id);
    case kRel: return Cmp(a.as<RelRef>().key, b.as<RelRef>().key);
    case kPath: return ComparePaths(a.as<Path>(), b.as<Path>());
  }
  return 0;
}

std::string ToDisplay(const Value& v) {
  if (v.is<std::string>()) return v.as<std::string>();
  std::string out;
  AppendLiteral(&out, v);
  return out;
}

}  // namespace sg::query
