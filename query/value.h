// Values of the query language: what expressions evaluate to and what result
// rows hold. Cypher's types (openCypher 9, as Neo4j documents them): null,
// boolean, integer, float, string, date, list, map, node, relationship, path.
//
// Nodes and relationships are references: a node is its id, a relationship
// its edge key; their records (names, aggregate properties) are attached by the
// engine when a result is returned, so a query that only counts never reads them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "storage/keys.h"
#include "storage/records.h"

namespace sg::query {

struct Value;
using List = std::vector<Value>;
// Keys in the order written (map literals, properties()), as Neo4j prints them.
using Map = std::vector<std::pair<std::string, Value>>;

// A calendar date as claims carry it: "2025-02-17", "2025-02" or "2025".
// Ordered by keys::DateKey (a missing month or day is 00, so "2025" sorts
// before "2025-01-01").
struct Date {
  uint32_t key = 0;  // keys::DateKey(iso)
  std::string iso;
};

struct NodeRef {
  uint64_t id = 0;
  // Shared because one record serves every row that matched the node; set by
  // the engine on returned values, may be null inside a query.
  std::shared_ptr<const NodeRecord> record;
};

struct RelRef {
  keys::EdgeKey key;  // as stored: symmetric relations have the smaller id first
  std::shared_ptr<const EdgeRecord> record;  // as NodeRef::record
};

struct Path {
  std::vector<NodeRef> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelRef> rels;    // rels[i] joins nodes[i] and nodes[i + 1]
};

struct Value {
  using Variant = std::variant<std::monostate, bool, int64_t, double, std::string, Date, List,
                               Map, NodeRef, RelRef, Path>;
  Variant v;

  Value() = default;
  Value(Variant x) : v(std::move(x)) {}  // NOLINT: implicit by design
  Value(bool b) : v(b) {}                // NOLINT
  Value(int64_t i) : v(i) {}             // NOLINT
  Value(int i) : v(int64_t{i}) {}        // NOLINT
  Value(double d) : v(d) {}              // NOLINT
  Value(std::string s) : v(std::move(s)) {}        // NOLINT
  Value(const char* s) : v(std::string(s)) {}      // NOLINT
  Value(Date d) : v(std::move(d)) {}     // NOLINT
  Value(List l) : v(std::move(l)) {}     // NOLINT
  Value(Map m) : v(std::move(m)) {}      // NOLINT
  Value(NodeRef n) : v(std::move(n)) {}  // NOLINT
  Value(RelRef r) : v(std::move(r)) {}   // NOLINT
  Value(Path p) : v(std::move(p)) {}     // NOLINT

  bool is_null() const { return v.index() == 0; }
  template <typename T>
  bool is() const { return std::holds_alternative<T>(v); }
  template <typename T>
  const T& as() const { return std::get<T>(v); }
  template <typename T>
  T& as() { return std::get<T>(v); }
};

// The Cypher type name of a value: "NULL", "BOOLEAN", "INTEGER", "FLOAT",
// "STRING", "DATE", "LIST", "MAP", "NODE", "RELATIONSHIP", "PATH".
std::string_view TypeName(const Value& v);

// Cypher equality (`=`): null when either side is null or when a list holds a
// null that decides the answer; numbers compare across integer and float.
// Returns a boolean or null Value.
Value CypherEquals(const Value& a, const Value& b);

// Cypher ordering comparison for `<`, `<=`, `>`, `>=`: null when the values are
// not comparable (different types, or null); else -1, 0 or 1.
std::optional<int> CypherCompare(const Value& a, const Value& b);

// The total order of ORDER BY and DISTINCT / grouping (Neo4j's "orderability"):
// values of different types order by type (map, node, relationship, list, path,
// date, string, boolean, number, null last ascending); within a type naturally.
int OrderCompare(const Value& a, const Value& b);
// Equivalence for DISTINCT and grouping keys: OrderCompare(a, b) == 0 (null
// equals null here, unlike `=`).
struct ValueLess {
  bool operator()(const Value& a, const Value& b) const { return OrderCompare(a, b) < 0; }
};

// Text for tables and CSV: strings bare, others as Cypher literals
// ("[1, 'a']", "{name: 'x'}", "(:State {name: 'Russia'})").
std::string ToDisplay(const Value& v);

}  // namespace sg::query
