// The parsed form of a query (query/parser.h builds it, query/engine.cc plans
// and runs it). Plain data: owned by the Query, no back pointers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "query/value.h"

namespace sg::query::ast {

// Where a construct starts in the query text: 1-based line and column (in
// bytes), and the byte offset.
struct Pos {
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t offset = 0;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  kLiteral,      // value: null, true, 1, 2.5, 'text'
  kParameter,    // name: $name
  kVariable,     // name
  kProperty,     // args[0].name
  kList,         // [args...]
  kMap,          // {keys[i]: args[i]}
  kFunction,     // name(args...), name lower-cased; distinct: count(DISTINCT x); star: count(*)
  kNot,          // NOT args[0]
  kNegate,       // -args[0]
  kBinary,       // args[0] op args[1]
  kIsNull,       // args[0] IS NULL
  kIsNotNull,    // args[0] IS NOT NULL
  kIndex,        // args[0][args[1]]
  kSlice,        // args[0][args[1] .. args[2]]; an omitted bound is a null ExprPtr
  kLabelTest,    // args[0]:A:B or args[0]:A|B — labels as in NodePattern
  kCase,         // CASE [args[0]] WHEN args[1] THEN args[2] ... [ELSE args.back()]; see below
};

enum class BinaryOp {
  kOr, kXor, kAnd,
  kEq, kNe, kLt, kLe, kGt, kGe,
  kIn, kStartsWith, kEndsWith, kContains, kRegex,  // =~
  kAdd, kSub, kMul, kDiv, kMod, kPow,
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  Pos pos;
  Value value;                // kLiteral
  std::string name;           // kParameter, kVariable, kProperty (the key), kFunction
  std::vector<ExprPtr> args;  // operands, list items, map values, function arguments
  std::vector<std::string> keys;  // kMap: keys[i] names args[i]
  BinaryOp op = BinaryOp::kEq;    // kBinary
  bool distinct = false;          // kFunction: count(DISTINCT x)
  bool star = false;              // kFunction: count(*)
  // kLabelTest: every inner list must hold; an inner list holds when the node
  // has any of its labels. `n:A:B` is {{A},{B}}, `n:A|B` is {{A,B}}.
  std::vector<std::vector<std::string>> labels;
  // kCase: has_subject says args[0] is the `CASE x` subject; then pairs of
  // WHEN/THEN expressions; has_else says the last arg is the ELSE expression.
  bool has_subject = false;
  bool has_else = false;
  // Set by the planner (query/engine.cc), not the parser: a kVariable's slot in
  // the row, an aggregate kFunction's index among its projection's aggregates.
  int slot = -1;
};

// ----- Patterns

struct NodePattern {
  Pos pos;
  std::string var;  // "" when anonymous
  std::vector<std::vector<std::string>> labels;  // as Expr::labels; empty: any node
  std::vector<std::pair<std::string, ExprPtr>> properties;  // {name: 'x'}
};

enum class Direction {
  kRight,  // (a)-[]->(b)
  kLeft,   // (a)<-[]-(b)
  kBoth,   // (a)-[]-(b)
};

struct RelPattern {
  Pos pos;
  std::string var;                 // "" when anonymous
  std::vector<std::string> types;  // alternatives (:A|B); empty: any type
  std::vector<std::pair<std::string, ExprPtr>> properties;
  Direction direction = Direction::kBoth;
  // Variable length: `*` (min 1, no max), `*2` (2..2), `*1..3`, `*..3` (1..3),
  // `*2..` (2, no max). The engine caps a missing or large max with
  // QueryLimits::max_hops.
  bool variable_length = false;
  int min_hops = 1;
  std::optional<int> max_hops;
};

enum class PathKind { kPlain, kShortest, kAllShortest };

// One comma-separated part of a MATCH: [p =] (a)-[r]->(b)-...  or
// [p =] shortestPath((a)-[*..5]-(b)).
struct PatternPart {
  Pos pos;
  std::string path_var;  // "" when the path is not named
  PathKind kind = PathKind::kPlain;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
};

// ----- Clauses

struct ProjectionItem {
  Pos pos;
  ExprPtr expr;
  // The column name: the alias when given, else the expression's text as
  // written (whitespace at its ends trimmed).
  std::string name;
  bool has_alias = false;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

// The shared body of RETURN and WITH.
struct Projection {
  bool distinct = false;
  bool star = false;  // RETURN * / WITH *: every variable in scope, then `items`
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip;   // null when absent
  ExprPtr limit;  // null when absent
  ExprPtr where;  // WITH ... WHERE; null when absent (always null for RETURN)
};

enum class ClauseKind { kMatch, kUnwind, kWith, kReturn };

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  Pos pos;
  // kMatch
  bool optional = false;
  std::vector<PatternPart> pattern;
  ExprPtr where;  // null when absent
  // kUnwind: UNWIND unwind_expr AS unwind_var
  ExprPtr unwind_expr;
  std::string unwind_var;
  // kWith, kReturn
  Projection projection;
};

// A query without UNION: clauses in order; the last one is RETURN.
struct SingleQuery {
  std::vector<Clause> clauses;
};

// part[0] UNION [ALL] part[1] ...; union_all[i] joins part[i] and part[i + 1].
struct Query {
  std::vector<SingleQuery> parts;
  std::vector<bool> union_all;
};

}  // namespace sg::query::ast
