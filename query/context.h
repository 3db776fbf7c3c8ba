// Internal to query/: the state of one running query — the store, its limits,
// the parameters, caches of records read, and error messages that point into
// the query text. Not thread-safe: one per query.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/status.h"
#include "query/ast.h"
#include "query/engine.h"
#include "storage/store.h"

namespace sg::query {

// A set of relations as a bit mask (bit = relation number); 0 means none.
using RelMask = uint32_t;
inline constexpr RelMask RelBit(Relation r) { return RelMask{1} << static_cast<int>(r); }
RelMask AllRelations();

class QueryContext {
 public:
  QueryContext(const Store& store, std::string_view text, const Params& params,
               const QueryLimits& limits);

  const Store& store() const { return store_; }
  const QueryLimits& limits() const { return limits_; }
  const Params& params() const { return params_; }

  // InvalidInput "line L, column C: message" with the line and a caret.
  Status Error(const ast::Pos& pos, std::string_view message) const;

  // Records, read once per query. NotFound when the id or key is absent.
  Status Node(uint64_t id, std::shared_ptr<const NodeRecord>* out);
  Status Edge(const keys::EdgeKey& key, std::shared_ptr<const EdgeRecord>* out);
  Status Claims(const keys::EdgeKey& key, std::shared_ptr<const std::vector<ClaimRecord>>* out);
  // The node's kind; 0 when the node does not exist.
  Status KindOf(uint64_t id, NodeKind* out);

  // Edges at `node` whose relation is in `mask`: outgoing (key.source == node)
  // or incoming (key.target == node), as stored. Counts toward max_expansions
  // and checks the time limit.
  Status Adjacent(uint64_t node, bool outgoing, RelMask mask,
                  const std::function<void(const keys::EdgeKey&)>& fn);

  // Counts `n` units of work against the limits; InvalidInput when exceeded.
  Status Charge(size_t n);
  // Checks the row limit for a buffer of `rows` rows.
  Status CheckRows(size_t rows) const;

 private:
  const Store& store_;
  std::string_view text_;
  const Params& params_;
  QueryLimits limits_;
  std::unique_ptr<Store::AdjacencyReader> adjacency_;
  std::unordered_map<uint64_t, std::shared_ptr<const NodeRecord>> nodes_;
  struct EdgeKeyHash {
    size_t operator()(const keys::EdgeKey& k) const {
      return std::hash<uint64_t>()(k.source * 0x9E3779B97F4A7C15ull ^ k.target) ^
             static_cast<size_t>(k.relation);
    }
  };
  std::unordered_map<keys::EdgeKey, std::shared_ptr<const EdgeRecord>, EdgeKeyHash> edges_;
  std::map<keys::EdgeKey, std::shared_ptr<const std::vector<ClaimRecord>>> claims_;
  std::chrono::steady_clock::time_point deadline_;
  size_t work_ = 0;
};

// Formats "line L, column C: message\n<line>\n<caret>" for `pos` in `text`.
std::string PointAt(std::string_view text, const ast::Pos& pos, std::string_view message);

}  // namespace sg::query
