#include "query/parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace sg::query {
namespace {

using ast::ExprKind;

// ----- A compact rendering of the AST: expressions as s-expressions, clauses
// close to how they are written.

std::string Dump(const ast::Expr* e);

std::string DumpLabels(const std::vector<std::vector<std::string>>& labels) {
  std::string out;
  for (const auto& group : labels) {
    out += ":";
    for (size_t i = 0; i < group.size(); ++i) out += (i ? "|" : "") + group[i];
  }
  return out;
}

std::string DumpLiteral(const Value& v) {
  if (v.is_null()) return "null";
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<int64_t>()) return std::to_string(v.as<int64_t>());
  if (v.is<std::string>()) return "'" + v.as<std::string>() + "'";
  if (v.is<double>()) {
    std::ostringstream s;
    s.precision(17);
    s << v.as<double>();
    return "float:" + s.str();
  }
  return "<other>";
}

const char* OpName(ast::BinaryOp op) {
  static const char* kNames[] = {"or", "xor", "and", "=", "<>", "<", "<=", ">", ">=",
                                 "in", "starts-with", "ends-with", "contains", "=~",
                                 "+", "-", "*", "/", "%", "^"};
  return kNames[static_cast<int>(op)];
}

std::string DumpArgs(const ast::Expr& e, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < e.args.size(); ++i) out += " " + Dump(e.args[i].get());
  return out;
}

std::string DumpCase(const ast::Expr& e) {
  std::string out = "(case";
  size_t i = 0;
  if (e.has_subject) out += " " + Dump(e.args[i++].get());
  size_t end = e.args.size() - (e.has_else ? 1 : 0);
  for (; i + 1 < end; i += 2) {
    out += " (when " + Dump(e.args[i].get()) + " " + Dump(e.args[i + 1].get()) + ")";
  }
  if (e.has_else) out += " (else " + Dump(e.args.back().get()) + ")";
  return out + ")";
}

std::string Dump(const ast::Expr* e) {
  if (e == nullptr) return "_";
  switch (e->kind) {
    case ExprKind::kLiteral: return DumpLiteral(e->value);
    case ExprKind::kParameter: return "$" + e->name;
    case ExprKind::kVariable: return e->name;
    case ExprKind::kProperty: return "(. " + Dump(e->args[0].get()) + " " + e->name + ")";
    case ExprKind::kList: return "[" + (e->args.empty() ? "" : DumpArgs(*e).substr(1)) + "]";
    case ExprKind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < e->args.size(); ++i) {
        out += (i ? ", " : "") + e->keys[i] + ": " + Dump(e->args[i].get());
      }
      return out + "}";
    }
    case ExprKind::kFunction:
      return "(" + e->name + (e->distinct ? " distinct" : "") + (e->star ? " *" : "") +
             DumpArgs(*e) + ")";
    case ExprKind::kNot: return "(not" + DumpArgs(*e) + ")";
    case ExprKind::kNegate: return "(neg" + DumpArgs(*e) + ")";
    case ExprKind::kBinary: return std::string("(") + OpName(e->op) + DumpArgs(*e) + ")";
    case ExprKind::kIsNull: return "(is-null" + DumpArgs(*e) + ")";
    case ExprKind::kIsNotNull: return "(is-not-null" + DumpArgs(*e) + ")";
    case ExprKind::kIndex: return "(index" + DumpArgs(*e) + ")";
    case ExprKind::kSlice: return "(slice" + DumpArgs(*e) + ")";
    case ExprKind::kLabelTest: return "(labels" + DumpArgs(*e) + " " + DumpLabels(e->labels) + ")";
    case ExprKind::kCase: return DumpCase(*e);
  }
  return "<?>";
}

std::string DumpProps(const std::vector<std::pair<std::string, ast::ExprPtr>>& props) {
  if (props.empty()) return "";
  std::string out = " {";
  for (size_t i = 0; i < props.size(); ++i) {
    out += (i ? ", " : "") + props[i].first + ": " + Dump(props[i].second.get());
  }
  return out + "}";
}

std::string DumpNode(const ast::NodePattern& n) {
  return "(" + n.var + DumpLabels(n.labels) + DumpProps(n.properties) + ")";
}

std::string DumpRel(const ast::RelPattern& r) {
  std::string inner = r.var;
  for (size_t i = 0; i < r.types.size(); ++i) inner += (i ? "|" : ":") + r.types[i];
  if (r.variable_length) {
    inner += "*" + std::to_string(r.min_hops) + "..";
    if (r.max_hops) inner += std::to_string(*r.max_hops);
  }
  inner += DumpProps(r.properties);
  std::string left = r.direction == ast::Direction::kLeft ? "<-" : "-";
  std::string right = r.direction == ast::Direction::kRight ? "->" : "-";
  return left + "[" + inner + "]" + right;
}

std::string DumpPart(const ast::PatternPart& p) {
  std::string chain = DumpNode(p.nodes[0]);
  for (size_t i = 0; i < p.rels.size(); ++i) chain += DumpRel(p.rels[i]) + DumpNode(p.nodes[i + 1]);
  if (p.kind == ast::PathKind::kShortest) chain = "shortest(" + chain + ")";
  if (p.kind == ast::PathKind::kAllShortest) chain = "allshortest(" + chain + ")";
  return p.path_var.empty() ? chain : p.path_var + "=" + chain;
}

std::string DumpProjection(const ast::Projection& p) {
  std::string out = p.distinct ? " DISTINCT" : "";
  if (p.star) out += " *";
  for (const auto& item : p.items) {
    out += " [" + item.name + (item.has_alias ? " AS" : "") + "]=" + Dump(item.expr.get());
  }
  if (!p.order_by.empty()) {
    out += " ORDER BY";
    for (const auto& s : p.order_by) out += " " + Dump(s.expr.get()) + (s.descending ? " DESC" : "");
  }
  if (p.skip) out += " SKIP " + Dump(p.skip.get());
  if (p.limit) out += " LIMIT " + Dump(p.limit.get());
  if (p.where) out += " WHERE " + Dump(p.where.get());
  return out;
}

std::string DumpClause(const ast::Clause& c) {
  switch (c.kind) {
    case ast::ClauseKind::kMatch: {
      std::string out = c.optional ? "OPTIONAL MATCH " : "MATCH ";
      for (size_t i = 0; i < c.pattern.size(); ++i) out += (i ? ", " : "") + DumpPart(c.pattern[i]);
      if (c.where) out += " WHERE " + Dump(c.where.get());
      return out;
    }
    case ast::ClauseKind::kUnwind:
      return "UNWIND " + Dump(c.unwind_expr.get()) + " AS " + c.unwind_var;
    case ast::ClauseKind::kWith: return "WITH" + DumpProjection(c.projection);
    case ast::ClauseKind::kReturn: return "RETURN" + DumpProjection(c.projection);
  }
  return "<?>";
}

std::string DumpQuery(const ast::Query& q) {
  std::string out;
  for (size_t i = 0; i < q.parts.size(); ++i) {
    if (i) out += q.union_all[i - 1] ? " UNION ALL " : " UNION ";
    for (size_t j = 0; j < q.parts[i].clauses.size(); ++j) {
      out += (j ? " | " : "") + DumpClause(q.parts[i].clauses[j]);
    }
  }
  return out;
}

// The dumped query, or "ERROR: message".
std::string Q(std::string_view text) {
  ast::Query q;
  Status s = ParseQuery(text, &q);
  if (!s.ok()) return "ERROR: " + s.message();
  return DumpQuery(q);
}

// The dumped expression, or "ERROR: message".
std::string E(std::string_view text) {
  ast::ExprPtr e;
  Status s = ParseExpression(text, &e);
  if (!s.ok()) return "ERROR: " + s.message();
  return Dump(e.get());
}

// The expression of `RETURN <text>`, to check that it parses the same in a query.
std::string R(std::string_view text) {
  ast::Query q;
  std::string query = "RETURN " + std::string(text);
  Status s = ParseQuery(query, &q);
  if (!s.ok()) return "ERROR: " + s.message();
  return Dump(q.parts[0].clauses[0].projection.items[0].expr.get());
}

// ---------------------------------------------------------------- Literals

TEST(ParserLiterals, Numbers) {
  EXPECT_EQ(E("42"), "42");
  EXPECT_EQ(E("0"), "0");
  EXPECT_EQ(E("0x1F"), "31");
  EXPECT_EQ(E("0XfF"), "255");
  EXPECT_EQ(E("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(E("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(E("0x7FFFFFFFFFFFFFFF"), "9223372036854775807");
  EXPECT_EQ(E("-0x8000000000000000"), "-9223372036854775808");
  EXPECT_EQ(E("1.5"), "float:1.5");
  EXPECT_EQ(E(".5"), "float:0.5");
  EXPECT_EQ(E("1e3"), "float:1000");
  EXPECT_EQ(E("1.5e-3"), "float:0.0015");
  EXPECT_EQ(E("2E+2"), "float:200");
  EXPECT_EQ(E("-1.5"), "float:-1.5");
  EXPECT_EQ(E("-7"), "-7");
  EXPECT_EQ(E("- -7"), "7");
  EXPECT_EQ(E("+7"), "7");
  EXPECT_EQ(E("--9223372036854775808"), "(neg -9223372036854775808)");
}

TEST(ParserLiterals, KeywordsAndStrings) {
  EXPECT_EQ(E("null"), "null");
  EXPECT_EQ(E("NULL"), "null");
  EXPECT_EQ(E("True"), "true");
  EXPECT_EQ(E("FALSE"), "false");
  EXPECT_EQ(E("'it''s'"), "ERROR: line 1, column 5: expected end of input but found string 's'\n"
                          "'it''s'\n    ^");
  EXPECT_EQ(E(R"('a\'b')"), "'a'b'");
  EXPECT_EQ(E(R"("a\"b'c")"), "'a\"b'c'");
  EXPECT_EQ(E(R"('\\ \n\t\r\b\f')"), "'\\ \n\t\r\b\f'");
  EXPECT_EQ(E(R"('\u00e9\u20AC')"), "'\xC3\xA9\xE2\x82\xAC'");
  EXPECT_EQ(E(R"('\uD83D\uDE00')"), "'\xF0\x9F\x98\x80'");
  EXPECT_EQ(E("'multi\nline'"), "'multi\nline'");
  EXPECT_EQ(E("''"), "''");
  EXPECT_EQ(E("'héllo'"), "'héllo'");
}

TEST(ParserLiterals, Parameters) {
  EXPECT_EQ(E("$name"), "$name");
  EXPECT_EQ(E("$`odd name`"), "$odd name");
  EXPECT_EQ(E("$0"), "$0");
  EXPECT_EQ(Q("MATCH (n {name: $who}) RETURN n"), "MATCH (n {name: $who}) | RETURN [n]=n");
}

TEST(ParserLiterals, ListsAndMaps) {
  EXPECT_EQ(E("[]"), "[]");
  EXPECT_EQ(E("[1, 'a', [2]]"), "[1 'a' [2]]");
  EXPECT_EQ(E("{}"), "{}");
  EXPECT_EQ(E("{a: 1, b: [true]}"), "{a: 1, b: [true]}");
  EXPECT_EQ(E("{end: 1, match: 2, `x y`: 3, count: 4}"), "{end: 1, match: 2, x y: 3, count: 4}");
  EXPECT_EQ(E("{a: {b: $p}}"), "{a: {b: $p}}");
  EXPECT_EQ(E("date('2025-01-01')"), "(date '2025-01-01')");
}

// ---------------------------------------------------------------- Operators

TEST(ParserOperators, BooleanPrecedence) {
  EXPECT_EQ(E("a OR b AND c"), "(or a (and b c))");
  EXPECT_EQ(E("a AND b OR c"), "(or (and a b) c)");
  EXPECT_EQ(E("a XOR b OR c XOR d"), "(or (xor a b) (xor c d))");
  EXPECT_EQ(E("a AND b XOR c"), "(xor (and a b) c)");
  EXPECT_EQ(E("NOT a AND b"), "(and (not a) b)");
  EXPECT_EQ(E("NOT NOT a"), "(not (not a))");
  EXPECT_EQ(E("not a = b"), "(not (= a b))");
  EXPECT_EQ(E("a or b or c"), "(or (or a b) c)");
}

TEST(ParserOperators, Comparisons) {
  EXPECT_EQ(E("a = b"), "(= a b)");
  EXPECT_EQ(E("a <> b"), "(<> a b)");
  EXPECT_EQ(E("a != b"), "(<> a b)");
  EXPECT_EQ(E("a<b"), "(< a b)");
  EXPECT_EQ(E("a <= b"), "(<= a b)");
  EXPECT_EQ(E("a > b"), "(> a b)");
  EXPECT_EQ(E("a >= b"), "(>= a b)");
  EXPECT_EQ(E("a + 1 < b * 2"), "(< (+ a 1) (* b 2))");
  // Chains mean (a < b) AND (b <= c), the middle operand copied.
  EXPECT_EQ(E("a < b <= c"), "(and (< a b) (<= b c))");
  EXPECT_EQ(E("1 < x.y = 3 > z"), "(and (and (< 1 (. x y)) (= (. x y) 3)) (> 3 z))");
}

TEST(ParserOperators, Predicates) {
  EXPECT_EQ(E("a IN [1, 2]"), "(in a [1 2])");
  EXPECT_EQ(E("a STARTS WITH 'x'"), "(starts-with a 'x')");
  EXPECT_EQ(E("a ends with 'x'"), "(ends-with a 'x')");
  EXPECT_EQ(E("a CONTAINS 'x'"), "(contains a 'x')");
  EXPECT_EQ(E("a =~ 'x.*'"), "(=~ a 'x.*')");
  EXPECT_EQ(E("a IS NULL"), "(is-null a)");
  EXPECT_EQ(E("a is not null"), "(is-not-null a)");
  EXPECT_EQ(E("a.b IS NULL = true"), "(= (is-null (. a b)) true)");
  EXPECT_EQ(E("a + 1 IN b"), "(in (+ a 1) b)");
  EXPECT_EQ(E("x IN l IS NULL"), "(is-null (in x l))");
  EXPECT_EQ(E("NOT a IS NULL"), "(not (is-null a))");
  EXPECT_EQ(E("a CONTAINS 'x' AND b"), "(and (contains a 'x') b)");
}

TEST(ParserOperators, Arithmetic) {
  EXPECT_EQ(E("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(E("(1 + 2) * 3"), "(* (+ 1 2) 3)");
  EXPECT_EQ(E("1 - 2 - 3"), "(- (- 1 2) 3)");
  EXPECT_EQ(E("a / b % c"), "(% (/ a b) c)");
  EXPECT_EQ(E("2 ^ 3 ^ 2"), "(^ (^ 2 3) 2)");
  EXPECT_EQ(E("2 * 3 ^ 2"), "(* 2 (^ 3 2))");
  EXPECT_EQ(E("-a ^ 2"), "(^ (neg a) 2)");
  EXPECT_EQ(E("-a.b"), "(neg (. a b))");
  EXPECT_EQ(E("- - a"), "(neg (neg a))");
  EXPECT_EQ(E("1-1"), "(- 1 1)");
  EXPECT_EQ(E("a--1"), "(- a -1)");
}

TEST(ParserOperators, Postfix) {
  EXPECT_EQ(E("n.name"), "(. n name)");
  EXPECT_EQ(E("n.a.b"), "(. (. n a) b)");
  EXPECT_EQ(E("n.count + n.end + n.`odd key`"), "(+ (+ (. n count) (. n end)) (. n odd key))");
  EXPECT_EQ(E("l[0]"), "(index l 0)");
  EXPECT_EQ(E("l[1..2]"), "(slice l 1 2)");
  EXPECT_EQ(E("l[..2]"), "(slice l _ 2)");
  EXPECT_EQ(E("l[1..]"), "(slice l 1 _)");
  EXPECT_EQ(E("l[..]"), "(slice l _ _)");
  EXPECT_EQ(E("l[a+1 .. -1]"), "(slice l (+ a 1) -1)");
  EXPECT_EQ(E("m['k'][0].x"), "(. (index (index m 'k') 0) x)");
  EXPECT_EQ(E("n:Person"), "(labels n :Person)");
  EXPECT_EQ(E("n:A:B"), "(labels n :A:B)");
  EXPECT_EQ(E("n:A|B"), "(labels n :A|B)");
  EXPECT_EQ(E("n:A|:B"), "(labels n :A|B)");
  EXPECT_EQ(E("n:Person AND m:State"), "(and (labels n :Person) (labels m :State))");
  EXPECT_EQ(E("[1,2,3][1]"), "(index [1 2 3] 1)");
}

TEST(ParserOperators, Functions) {
  EXPECT_EQ(E("count(*)"), "(count *)");
  EXPECT_EQ(E("COUNT( * )"), "(count *)");
  EXPECT_EQ(E("count(n)"), "(count n)");
  EXPECT_EQ(E("count(DISTINCT n.name)"), "(count distinct (. n name))");
  EXPECT_EQ(E("collect(distinct x)"), "(collect distinct x)");
  EXPECT_EQ(E("toLower(n.name)"), "(tolower (. n name))");
  EXPECT_EQ(E("rand()"), "(rand)");
  EXPECT_EQ(E("coalesce(a, b, 'c')"), "(coalesce a b 'c')");
  EXPECT_EQ(E("apoc.coll.sum([1])"), "(apoc.coll.sum [1])");
  EXPECT_EQ(E("`toUpper`('x')"), "(toupper 'x')");
  EXPECT_EQ(E("size(claims(r)) > 2"), "(> (size (claims r)) 2)");
  EXPECT_EQ(E("sum(x)"), "(sum x)");
}

TEST(ParserOperators, Case) {
  EXPECT_EQ(E("CASE WHEN a THEN 1 END"), "(case (when a 1))");
  EXPECT_EQ(E("case when a then 1 when b then 2 else 3 end"),
            "(case (when a 1) (when b 2) (else 3))");
  EXPECT_EQ(E("CASE x WHEN 1 THEN 'one' ELSE 'many' END"), "(case x (when 1 'one') (else 'many'))");
  ast::ExprPtr e;
  ASSERT_TRUE(ParseExpression("CASE x WHEN 1 THEN 2 WHEN 3 THEN 4 ELSE 5 END", &e).ok());
  EXPECT_TRUE(e->has_subject);
  EXPECT_TRUE(e->has_else);
  EXPECT_EQ(e->args.size(), 6u);
  ASSERT_TRUE(ParseExpression("CASE WHEN a THEN b END", &e).ok());
  EXPECT_FALSE(e->has_subject);
  EXPECT_FALSE(e->has_else);
  EXPECT_EQ(e->args.size(), 2u);
}

TEST(ParserOperators, BackticksAndComments) {
  EXPECT_EQ(E("`match`"), "match");
  EXPECT_EQ(E("`a``b`"), "a`b");
  EXPECT_EQ(E("a /* inner */ + // to the end\n b"), "(+ a b)");
  EXPECT_EQ(E("héllo"), "héllo");
}

TEST(ParserOperators, SameInsideAQuery) {
  for (const char* text : {"a OR b AND NOT c", "x.y[1..] IS NOT NULL", "count(DISTINCT x) + 1",
                           "CASE WHEN a THEN 1 END", "n:A|B", "-2 ^ 2", "{k: [1, 2.5]}"}) {
    EXPECT_EQ(R(text), E(text)) << text;
  }
}

TEST(ParserOperators, Positions) {
  ast::ExprPtr e;
  ASSERT_TRUE(ParseExpression("1 +\n  foo(x)", &e).ok());
  EXPECT_EQ(e->pos.line, 1u);
  EXPECT_EQ(e->pos.column, 1u);
  const ast::Expr& call = *e->args[1];
  EXPECT_EQ(call.pos.line, 2u);
  EXPECT_EQ(call.pos.column, 3u);
  EXPECT_EQ(call.pos.offset, 6u);
  EXPECT_EQ(call.args[0]->pos.column, 7u);
}

// ---------------------------------------------------------------- Patterns

TEST(ParserPatterns, Nodes) {
  EXPECT_EQ(Q("MATCH () RETURN 1"), "MATCH () | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (n) RETURN n"), "MATCH (n) | RETURN [n]=n");
  EXPECT_EQ(Q("MATCH (:Person) RETURN 1"), "MATCH (:Person) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (n:A:B) RETURN 1"), "MATCH (n:A:B) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (n:A|B) RETURN 1"), "MATCH (n:A|B) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (n:A|:B:C) RETURN 1"), "MATCH (n:A|B:C) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (n:Person {name: 'x', age: 1 + 2}) RETURN 1"),
            "MATCH (n:Person {name: 'x', age: (+ 1 2)}) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (n {end: $e}) RETURN 1"), "MATCH (n {end: $e}) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (`my node`:`Odd Label`) RETURN 1"), "MATCH (my node:Odd Label) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (n:Match) RETURN 1"), "MATCH (n:Match) | RETURN [1]=1");
}

TEST(ParserPatterns, Relationships) {
  EXPECT_EQ(Q("MATCH (a)-[r]->(b) RETURN 1"), "MATCH (a)-[r]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)<-[r]-(b) RETURN 1"), "MATCH (a)<-[r]-(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[r]-(b) RETURN 1"), "MATCH (a)-[r]-(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)<-[r]->(b) RETURN 1"), "MATCH (a)-[r]-(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-->(b)<--(c)--(d) RETURN 1"),
            "MATCH (a)-[]->(b)<-[]-(c)-[]-(d) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[:OPPOSES|SUPPORTS]->(b) RETURN 1"),
            "MATCH (a)-[:OPPOSES|SUPPORTS]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[r:A|:B {claims: 2}]->(b) RETURN 1"),
            "MATCH (a)-[r:A|B {claims: 2}]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a) - [ r ] -> (b) RETURN 1"), "MATCH (a)-[r]->(b) | RETURN [1]=1");
}

TEST(ParserPatterns, VariableLength) {
  EXPECT_EQ(Q("MATCH (a)-[*]->(b) RETURN 1"), "MATCH (a)-[*1..]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[*2]->(b) RETURN 1"), "MATCH (a)-[*2..2]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[*1..3]->(b) RETURN 1"), "MATCH (a)-[*1..3]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[*..3]->(b) RETURN 1"), "MATCH (a)-[*1..3]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[*2..]->(b) RETURN 1"), "MATCH (a)-[*2..]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[*0..1]->(b) RETURN 1"), "MATCH (a)-[*0..1]->(b) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH (a)-[r:KNOWS*1..2 {claims: 1}]-(b) RETURN 1"),
            "MATCH (a)-[r:KNOWS*1..2 {claims: 1}]-(b) | RETURN [1]=1");
  ast::Query q;
  ASSERT_TRUE(ParseQuery("MATCH (a)-[r]->(b) RETURN 1", &q).ok());
  EXPECT_FALSE(q.parts[0].clauses[0].pattern[0].rels[0].variable_length);
}

TEST(ParserPatterns, PartsAndPaths) {
  EXPECT_EQ(Q("MATCH (a), (b)-->(c) RETURN 1"), "MATCH (a), (b)-[]->(c) | RETURN [1]=1");
  EXPECT_EQ(Q("MATCH p = (a)-->(b) RETURN p"), "MATCH p=(a)-[]->(b) | RETURN [p]=p");
  EXPECT_EQ(Q("MATCH p = shortestPath((a)-[*..5]-(b)) RETURN p"),
            "MATCH p=shortest((a)-[*1..5]-(b)) | RETURN [p]=p");
  EXPECT_EQ(Q("MATCH p=allShortestPaths((a)-[*]-(b)) RETURN p"),
            "MATCH p=allshortest((a)-[*1..]-(b)) | RETURN [p]=p");
  EXPECT_EQ(Q("MATCH SHORTESTPATH((a)--(b)) RETURN 1"), "MATCH shortest((a)-[]-(b)) | RETURN [1]=1");
  ast::Query q;
  ASSERT_TRUE(ParseQuery("MATCH (a),\n  p = (b) RETURN 1", &q).ok());
  const auto& part = q.parts[0].clauses[0].pattern[1];
  EXPECT_EQ(part.pos.line, 2u);
  EXPECT_EQ(part.pos.column, 3u);
  EXPECT_EQ(part.nodes[0].pos.column, 7u);
}

// ---------------------------------------------------------------- Clauses

TEST(ParserClauses, MatchWhere) {
  EXPECT_EQ(Q("MATCH (n) WHERE n.name = 'x' RETURN n"),
            "MATCH (n) WHERE (= (. n name) 'x') | RETURN [n]=n");
  EXPECT_EQ(Q("match (n) optional match (n)-->(m) where m:State return n, m"),
            "MATCH (n) | OPTIONAL MATCH (n)-[]->(m) WHERE (labels m :State) | RETURN [n]=n [m]=m");
  ast::Query q;
  ASSERT_TRUE(ParseQuery("MATCH (n)\nOPTIONAL MATCH (m) RETURN 1", &q).ok());
  EXPECT_EQ(q.parts[0].clauses[1].pos.line, 2u);
  EXPECT_TRUE(q.parts[0].clauses[1].optional);
}

TEST(ParserClauses, UnwindWith) {
  EXPECT_EQ(Q("UNWIND [1, 2] AS x RETURN x"), "UNWIND [1 2] AS x | RETURN [x]=x");
  EXPECT_EQ(Q("MATCH (a) WITH a, count(*) AS c ORDER BY c DESC SKIP 1 LIMIT 5 WHERE c > 1 RETURN a"),
            "MATCH (a) | WITH [a]=a [c AS]=(count *) ORDER BY c DESC SKIP 1 LIMIT 5 WHERE (> c 1)"
            " | RETURN [a]=a");
  EXPECT_EQ(Q("WITH * RETURN *"), "WITH * | RETURN *");
  EXPECT_EQ(Q("WITH DISTINCT a RETURN a"), "WITH DISTINCT [a]=a | RETURN [a]=a");
}

TEST(ParserClauses, Return) {
  EXPECT_EQ(Q("RETURN 1"), "RETURN [1]=1");
  EXPECT_EQ(Q("RETURN DISTINCT a, b AS c"), "RETURN DISTINCT [a]=a [c AS]=b");
  EXPECT_EQ(Q("RETURN *, 1 AS one"), "RETURN * [one AS]=1");
  EXPECT_EQ(Q("MATCH (n) RETURN n ORDER BY n.name, n.x ASC, n.y DESCENDING, n.z ascending "
              "SKIP $s LIMIT 10"),
            "MATCH (n) | RETURN [n]=n ORDER BY (. n name) (. n x) (. n y) DESC (. n z) SKIP $s LIMIT 10");
  EXPECT_EQ(Q("RETURN 1 AS `the end`"), "RETURN [the end AS]=1");
  EXPECT_EQ(Q("RETURN 1 AS count"), "RETURN [count AS]=1");
  EXPECT_EQ(Q("RETURN 1;"), "RETURN [1]=1");
  EXPECT_EQ(Q("  RETURN 1 ; // done\n"), "RETURN [1]=1");
}

TEST(ParserClauses, Union) {
  EXPECT_EQ(Q("RETURN 1 AS x UNION RETURN 2 AS x"), "RETURN [x AS]=1 UNION RETURN [x AS]=2");
  EXPECT_EQ(Q("RETURN 1 AS x UNION ALL RETURN 2 AS x union return 3 as x"),
            "RETURN [x AS]=1 UNION ALL RETURN [x AS]=2 UNION RETURN [x AS]=3");
}

TEST(ParserClauses, ColumnNamesAreTheTextAsWritten) {
  ast::Query q;
  ASSERT_TRUE(ParseQuery("MATCH (n) RETURN n.name, count(*) AS c,  a  +  b , toLower( x )\n,"
                         "\tCASE WHEN a THEN 1 END , n.`odd key`, 'x' // comment\n",
                         &q)
                  .ok());
  std::vector<std::string> names;
  for (const auto& item : q.parts[0].clauses[1].projection.items) names.push_back(item.name);
  EXPECT_EQ(names, (std::vector<std::string>{"n.name", "c", "a  +  b", "toLower( x )",
                                             "CASE WHEN a THEN 1 END", "n.`odd key`", "'x'"}));
  EXPECT_FALSE(q.parts[0].clauses[1].projection.items[0].has_alias);
  EXPECT_TRUE(q.parts[0].clauses[1].projection.items[1].has_alias);
  EXPECT_EQ(q.parts[0].clauses[1].projection.items[2].pos.column, 42u);
}

// ---------------------------------------------------------------- Errors

TEST(ParserErrors, Syntax) {
  EXPECT_EQ(Q("MATCH (n RETURN n"),
            "ERROR: line 1, column 10: expected ')', a label or a property map but found 'RETURN'\n"
            "MATCH (n RETURN n\n"
            "         ^");
  EXPECT_EQ(Q("MATCH (n)\nRETURN"),
            "ERROR: line 2, column 7: unexpected end of input, expected an expression\n"
            "RETURN\n"
            "      ^");
  EXPECT_EQ(Q("MATCH (n)"),
            "ERROR: line 1, column 10: query must end with RETURN\nMATCH (n)\n         ^");
  EXPECT_EQ(Q("MATCH (n);"),
            "ERROR: line 1, column 10: query must end with RETURN\nMATCH (n);\n         ^");
  EXPECT_EQ(Q("MATCH (n) WITH n UNION RETURN 1"),
            "ERROR: line 1, column 18: query must end with RETURN\n"
            "MATCH (n) WITH n UNION RETURN 1\n"
            "                 ^");
  EXPECT_EQ(Q("RETURN 1 MATCH (n)"),
            "ERROR: line 1, column 10: RETURN must be the last clause, but found 'MATCH'\n"
            "RETURN 1 MATCH (n)\n"
            "         ^");
  EXPECT_EQ(Q("RETURN a b"),
            "ERROR: line 1, column 10: expected UNION, ';' or end of input but found 'b'\n"
            "RETURN a b\n"
            "         ^");
  EXPECT_EQ(Q("RETURN 1;;"),
            "ERROR: line 1, column 10: expected end of input but found ';'\nRETURN 1;;\n         ^");
  EXPECT_EQ(Q("FOO (n) RETURN n"),
            "ERROR: line 1, column 1: expected a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH or "
            "RETURN) but found 'FOO'\nFOO (n) RETURN n\n^");
  EXPECT_EQ(Q("OPTIONAL (n) RETURN n"),
            "ERROR: line 1, column 10: expected MATCH but found '('\nOPTIONAL (n) RETURN n\n"
            "         ^");
  EXPECT_EQ(Q("MATCH (n) RETURN n.end, end"),
            "ERROR: line 1, column 25: expected an expression but found 'end'\n"
            "MATCH (n) RETURN n.end, end\n"
            "                        ^");
  EXPECT_EQ(Q("MATCH (where) RETURN 1"),
            "ERROR: line 1, column 8: expected a variable name but found 'where', a reserved word "
            "(write `where` to use it as a name)\nMATCH (where) RETURN 1\n       ^");
  EXPECT_EQ(Q("RETURN 1 AS end"),
            "ERROR: line 1, column 13: expected a name after AS but found 'end', a reserved word "
            "(write `end` to use it as a name)\nRETURN 1 AS end\n            ^");
  EXPECT_EQ(Q("MATCH (a)-[r->(b) RETURN 1"),
            "ERROR: line 1, column 13: expected ']' but found '-'\nMATCH (a)-[r->(b) RETURN 1\n"
            "            ^");
  EXPECT_EQ(Q("MATCH (a)-[*3..1]->(b) RETURN 1"),
            "ERROR: line 1, column 12: the minimum number of hops (3) is greater than the maximum (1)\n"
            "MATCH (a)-[*3..1]->(b) RETURN 1\n"
            "           ^");
  EXPECT_EQ(Q("MATCH (a)-[*99999999999]->(b) RETURN 1"),
            "ERROR: line 1, column 13: hop count 99999999999 is too large\n"
            "MATCH (a)-[*99999999999]->(b) RETURN 1\n"
            "            ^");
  EXPECT_EQ(Q("RETURN a STARTS 'x'"),
            "ERROR: line 1, column 17: expected WITH but found string 'x'\nRETURN a STARTS 'x'\n"
            "                ^");
  EXPECT_EQ(Q("RETURN CASE END"),
            "ERROR: line 1, column 13: expected an expression but found 'END'\nRETURN CASE END\n"
            "            ^");
  EXPECT_EQ(Q("RETURN CASE x END"),
            "ERROR: line 1, column 15: expected WHEN but found 'END'\nRETURN CASE x END\n"
            "              ^");
  EXPECT_EQ(Q("RETURN f(1,)"),
            "ERROR: line 1, column 12: expected an expression but found ')'\nRETURN f(1,)\n"
            "           ^");
  EXPECT_EQ(Q("RETURN n."),
            "ERROR: line 1, column 10: unexpected end of input, expected a property name after '.'\n"
            "RETURN n.\n"
            "         ^");
  EXPECT_EQ(Q("RETURN {a 1}"),
            "ERROR: line 1, column 11: expected ':' but found '1'\nRETURN {a 1}\n          ^");
  EXPECT_EQ(Q("RETURN [1, 2"),
            "ERROR: line 1, column 13: unexpected end of input, expected ']'\nRETURN [1, 2\n"
            "            ^");
}

TEST(ParserErrors, EmptyInput) {
  EXPECT_EQ(Q(""), "ERROR: line 1, column 1: empty query\n\n^");
  EXPECT_EQ(Q("  \n  "), "ERROR: line 1, column 1: empty query\n  \n^");
  EXPECT_EQ(Q("// nothing"), "ERROR: line 1, column 1: empty query\n// nothing\n^");
  EXPECT_EQ(E(""), "ERROR: line 1, column 1: unexpected end of input, expected an expression\n\n^");
  EXPECT_EQ(E("1 2"), "ERROR: line 1, column 3: expected end of input but found '2'\n1 2\n  ^");
}

TEST(ParserErrors, Lexical) {
  EXPECT_EQ(Q("RETURN 'abc"), "ERROR: line 1, column 8: unterminated string\nRETURN 'abc\n       ^");
  EXPECT_EQ(Q("RETURN \"a\\"), "ERROR: line 1, column 8: unterminated string\nRETURN \"a\\\n       ^");
  EXPECT_EQ(Q("RETURN 1 /* open"),
            "ERROR: line 1, column 10: unterminated comment\nRETURN 1 /* open\n         ^");
  EXPECT_EQ(Q("RETURN `abc"),
            "ERROR: line 1, column 8: unterminated quoted name (missing closing '`')\n"
            "RETURN `abc\n       ^");
  EXPECT_EQ(Q("RETURN 'a\\qb'"),
            "ERROR: line 1, column 10: invalid escape sequence '\\q' (valid: \\\\ \\' \\\" \\n \\t "
            "\\r \\b \\f \\uXXXX)\nRETURN 'a\\qb'\n         ^");
  EXPECT_EQ(Q("RETURN '\\u12'"),
            "ERROR: line 1, column 9: invalid unicode escape: expected \\u and 4 hex digits\n"
            "RETURN '\\u12'\n        ^");
  EXPECT_EQ(Q("RETURN '\\uD800'"),
            "ERROR: line 1, column 9: invalid unicode escape: unpaired surrogate\n"
            "RETURN '\\uD800'\n        ^");
  EXPECT_EQ(Q("RETURN 9223372036854775808"),
            "ERROR: line 1, column 8: integer is too large (the largest is 9223372036854775807)\n"
            "RETURN 9223372036854775808\n       ^");
  EXPECT_EQ(Q("RETURN 99999999999999999999"),
            "ERROR: line 1, column 8: integer is too large (the largest is 9223372036854775807)\n"
            "RETURN 99999999999999999999\n       ^");
  EXPECT_EQ(Q("RETURN 0x10000000000000000"),
            "ERROR: line 1, column 8: integer is too large (the largest is 9223372036854775807)\n"
            "RETURN 0x10000000000000000\n       ^");
  EXPECT_EQ(Q("RETURN 12abc"), "ERROR: line 1, column 8: invalid number '12abc'\nRETURN 12abc\n       ^");
  EXPECT_EQ(Q("RETURN 0x"), "ERROR: line 1, column 8: invalid number '0x'\nRETURN 0x\n       ^");
  EXPECT_EQ(Q("RETURN 1e999"),
            "ERROR: line 1, column 8: float '1e999' is out of range\nRETURN 1e999\n       ^");
  EXPECT_EQ(Q("RETURN $"),
            "ERROR: line 1, column 8: expected a parameter name after '$'\nRETURN $\n       ^");
  EXPECT_EQ(Q("RETURN a # b"),
            "ERROR: line 1, column 10: unexpected character '#'\nRETURN a # b\n         ^");
  EXPECT_EQ(Q(std::string("RETURN \x01", 8)),
            std::string("ERROR: line 1, column 8: unexpected byte 0x01\nRETURN \x01\n       ^"));
  // The first error in the text wins, lexical or not.
  EXPECT_EQ(Q("MATCH (n RETURN 'abc"),
            "ERROR: line 1, column 10: expected ')', a label or a property map but found 'RETURN'\n"
            "MATCH (n RETURN 'abc\n         ^");
}

TEST(ParserErrors, CaretLinesUpWithTabsAndLines) {
  EXPECT_EQ(Q("MATCH (n)\n\tWHERE\tn.x = \nRETURN n"),
            "ERROR: line 3, column 1: expected an expression but found 'RETURN'\nRETURN n\n^");
  EXPECT_EQ(Q("MATCH (n)\n\tWHERE\tn.x = )\nRETURN n"),
            "ERROR: line 2, column 14: expected an expression but found ')'\n"
            "\tWHERE\tn.x = )\n"
            "\t     \t      ^");
  EXPECT_EQ(Q("MATCH (n)\r\nRETURN n n\r\n"),
            "ERROR: line 2, column 10: expected UNION, ';' or end of input but found 'n'\n"
            "RETURN n n\n"
            "         ^");
  // Columns count bytes: the caret sits under the first byte of the token.
  EXPECT_EQ(Q("RETURN 'é' é)"),
            "ERROR: line 1, column 13: expected UNION, ';' or end of input but found 'é'\n"
            "RETURN 'é' é)\n"
            "            ^");
}

TEST(ParserErrors, ReadOnly) {
  const std::string tail =
      " is not supported; queries only read the graph (use `stancegraph ingest` to add to it)";
  EXPECT_EQ(Q("CREATE (n) RETURN n"),
            "ERROR: read-only: line 1, column 1: CREATE" + tail + "\nCREATE (n) RETURN n\n^");
  EXPECT_EQ(Q("MATCH (n) SET n.x = 1 RETURN n"),
            "ERROR: read-only: line 1, column 11: SET" + tail +
                "\nMATCH (n) SET n.x = 1 RETURN n\n          ^");
  EXPECT_EQ(Q("MATCH (n)\n  detach delete n"),
            "ERROR: read-only: line 2, column 3: DETACH DELETE" + tail + "\n  detach delete n\n  ^");
  EXPECT_EQ(Q("LOAD CSV FROM 'x' AS l RETURN l"),
            "ERROR: read-only: line 1, column 1: LOAD CSV" + tail +
                "\nLOAD CSV FROM 'x' AS l RETURN l\n^");
  for (const char* word : {"MERGE", "DELETE", "REMOVE", "FOREACH", "CALL", "merge", "Create"}) {
    std::string query = std::string("MATCH (n) WITH n ") + word + " x RETURN n";
    std::string got = Q(query);
    EXPECT_EQ(got.rfind("ERROR: read-only: line 1, column 18: ", 0), 0u) << got;
  }
  EXPECT_EQ(Q("RETURN 1 CREATE (n)").rfind("ERROR: read-only: line 1, column 10: CREATE", 0), 0u);
  // A backticked or property `create` is only a name.
  EXPECT_EQ(Q("MATCH (n) RETURN n.create, `create`"),
            "MATCH (n) | RETURN [n.create]=(. n create) [`create`]=create");
}

TEST(ParserErrors, DeepNesting) {
  auto fails_deep = [](const std::string& text) {
    ast::Query q;
    Status s = ParseQuery(text, &q);
    return !s.ok() && s.IsInvalidInput() &&
           s.message().find("nested too deeply") != std::string::npos;
  };
  const int n = 100000;
  EXPECT_TRUE(fails_deep("RETURN " + std::string(n, '(') + "1" + std::string(n, ')')));
  EXPECT_TRUE(fails_deep("RETURN " + std::string(n, '[') + std::string(n, ']')));
  EXPECT_TRUE(fails_deep("RETURN " + std::string(n, '-') + "1"));
  std::string nots;
  for (int i = 0; i < n; ++i) nots += "NOT ";
  EXPECT_TRUE(fails_deep("RETURN " + nots + "true"));
  std::string maps;
  for (int i = 0; i < n; ++i) maps += "{a:";
  EXPECT_TRUE(fails_deep("RETURN " + maps + "1" + std::string(n, '}')));
  std::string sum = "1";
  for (int i = 0; i < n; ++i) sum += "+1";
  EXPECT_TRUE(fails_deep("RETURN " + sum));
  std::string props = "n";
  for (int i = 0; i < n; ++i) props += ".a";
  EXPECT_TRUE(fails_deep("RETURN " + props));
  std::string calls;
  for (int i = 0; i < n; ++i) calls += "f(";
  EXPECT_TRUE(fails_deep("RETURN " + calls + std::string(n, ')')));
  std::string cases;
  for (int i = 0; i < n; ++i) cases += "CASE WHEN ";
  EXPECT_TRUE(fails_deep("RETURN " + cases + "x"));
  EXPECT_TRUE(fails_deep("MATCH (n {a: " + std::string(n, '[') + "}) RETURN n"));
  // Reasonable nesting is fine.
  EXPECT_EQ(E(std::string(60, '(') + "1" + std::string(60, ')')), "1");
  EXPECT_EQ(E(std::string(60, '[') + std::string(60, ']')).size(), 120u);
  std::string short_sum = "1";
  for (int i = 0; i < 100; ++i) short_sum += " + 1";
  EXPECT_EQ(E(short_sum).substr(0, 4), "(+ (");
  // The message has the usual shape.
  ast::ExprPtr e;
  Status s = ParseExpression(std::string(300, '('), &e);
  EXPECT_EQ(s.message().substr(0, 24), "line 1, column 201: expr") << s.message();
}

TEST(ParserErrors, LargeInputsAreLinear) {
  std::string list = "RETURN [";
  for (int i = 0; i < 200000; ++i) list += (i ? "," : "") + std::to_string(i);
  list += "] AS l";
  ASSERT_GT(list.size(), 1000000u);
  auto start = std::chrono::steady_clock::now();
  ast::Query q;
  ASSERT_TRUE(ParseQuery(list, &q).ok());
  EXPECT_EQ(q.parts[0].clauses[0].projection.items[0].expr->args.size(), 200000u);
  std::string ors = "MATCH (n) WHERE n.name IN [";
  for (int i = 0; i < 50000; ++i) ors += (i ? ", '" : "'") + std::to_string(i) + "'";
  ors += "] RETURN n";
  ASSERT_TRUE(ParseQuery(ors, &q).ok());
  std::string long_string = "RETURN '" + std::string(1 << 20, 'x') + "'";
  ASSERT_TRUE(ParseQuery(long_string, &q).ok());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
}

// ---------------------------------------------------------------- Random input

// Returns ok or InvalidInput, never anything else, never crashes (run under
// ASan/UBSan with SG_SANITIZE=ON for the full effect).
void ExpectParsesOrRejects(const std::string& text) {
  ast::Query q;
  Status s = ParseQuery(text, &q);
  ASSERT_TRUE(s.ok() || s.IsInvalidInput()) << text;
  if (!s.ok()) {
    ASSERT_FALSE(s.message().empty());
    ASSERT_NE(s.message().find('^'), std::string::npos) << s.message();
  }
  ast::ExprPtr e;
  Status t = ParseExpression(text, &e);
  ASSERT_TRUE(t.ok() || t.IsInvalidInput()) << text;
}

TEST(ParserRandom, Bytes) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 20000; ++round) {
    std::string text(rng() % 40, '\0');
    for (char& c : text) c = static_cast<char>(rng() % 256);
    ExpectParsesOrRejects(text);
  }
}

TEST(ParserRandom, TokenSoup) {
  static const char* kTokens[] = {
      "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "AS", "ORDER", "BY", "SKIP",
      "LIMIT", "DISTINCT", "UNION", "ALL", "AND", "OR", "XOR", "NOT", "IN", "STARTS", "ENDS",
      "CONTAINS", "IS", "NULL", "TRUE", "CASE", "WHEN", "THEN", "ELSE", "END", "DESC", "CREATE",
      "count", "shortestPath", "n", "m", "r", "p", "Person", "`q`", "$x", "'s'", "\"t\"",
      "1", "2.5", ".5", "1e3", "0x1F", "9223372036854775808", "(", ")", "[", "]", "{", "}", ",",
      ".", "..", ":", "|", ";", "+", "-", "*", "/", "%", "^", "=", "<>", "!=", "<", "<=", ">",
      ">=", "=~", "->", "<-", "--", "/*", "*/", "//", "\n", "\t", "'", "`", "\\", "é"};
  std::mt19937 rng(777);
  const size_t n = std::size(kTokens);
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    int len = static_cast<int>(rng() % 30);
    for (int i = 0; i < len; ++i) {
      text += kTokens[rng() % n];
      if (rng() % 3) text += ' ';
    }
    ExpectParsesOrRejects(text);
  }
}

// Mutations of valid queries: deletions, duplications and swaps of bytes.
TEST(ParserRandom, MutatedQueries) {
  static const char* kSeeds[] = {
      "MATCH (a:Person {name: 'x'})-[r:OPPOSES*1..2]->(p:Position) WHERE r.claims > 2 AND "
      "p.name STARTS WITH 'cease' RETURN a.name AS actor, count(DISTINCT r) ORDER BY actor "
      "DESC SKIP 1 LIMIT 10",
      "MATCH p = shortestPath((a)-[*..5]-(b)) WITH p, length(p) AS l WHERE l > 1 UNWIND "
      "nodes(p) AS n RETURN n, CASE WHEN n:State THEN 1 ELSE 0 END UNION ALL RETURN 1, 2",
      "RETURN [1, 2.5, 'x', {a: $p, `b c`: [null, true]}][0..-1], -9223372036854775808, "
      "x[..2] IS NOT NULL, NOT a <> b < c",
  };
  std::mt19937 rng(4242);
  for (int round = 0; round < 20000; ++round) {
    std::string text = kSeeds[rng() % std::size(kSeeds)];
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits && !text.empty(); ++k) {
      size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(at, 1 + rng() % 5); break;
        case 1: text.insert(at, text.substr(rng() % text.size(), rng() % 8)); break;
        default: std::swap(text[at], text[rng() % text.size()]); break;
      }
    }
    ExpectParsesOrRejects(text);
  }
  for (const char* seed : kSeeds) EXPECT_TRUE(Q(seed).rfind("ERROR", 0) != 0) << Q(seed);
}

}  // namespace
}  // namespace sg::query
