// Shortest paths between two nodes, walked over the stored adjacency: a
// bidirectional breadth-first search that reads adjacency keys only (one Seek
// per node and direction through Store::AdjacencyReader), never edge values.
// Cypher's shortestPath() and allShortestPaths(), and the CLI's `path`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"
#include "storage/keys.h"
#include "storage/store.h"

namespace sg::query {

// Which way a path follows the stored edges, from `from` towards `to`.
// Symmetric relations (MEETS, COOPERATES_WITH) are stored once, from the smaller
// id, so their stored direction means nothing: a path follows them both ways
// whatever the direction.
enum class Direction {
  kOut,   // (from)-[]->(…)-[]->(to): each edge from its source to its target
  kIn,    // (from)<-[]-(…)<-[]-(to)
  kBoth,  // (from)-[]-(…)-[]-(to): edges as undirected
};

struct PathOptions {
  int max_hops = 6;              // the longest path looked for, in edges; >= 1
  std::set<Relation> relations;  // empty: every relation but MENTIONS and CITES
  Direction direction = Direction::kBoth;
  // Every shortest path (allShortestPaths) instead of one. Paths over the same
  // nodes through different edges (two relations between the same nodes) are
  // different paths, as in Cypher.
  bool all = false;
  size_t max_paths = 1000;  // `all` returns at most this many (the first in order); >= 1
  // The search gives up, with InvalidInput, once the two searches together have
  // reached more nodes than this: a bound on time and memory (about 50 bytes a
  // node) for questions that are too broad.
  size_t max_visited = 2'000'000;
};

struct GraphPath {
  std::vector<uint64_t> nodes;       // from .. to
  std::vector<keys::EdgeKey> edges;  // edges[i] joins nodes[i] and nodes[i + 1], as stored:
                                     // for a symmetric relation the smaller id is the source
  friend bool operator==(const GraphPath&, const GraphPath&) = default;
};

// The shortest paths from `from` to `to` of at most options.max_hops edges, into
// *out (replacing its contents). One path unless options.all; with `all`, every
// shortest path up to max_paths, sorted by node id sequence, then by edges.
// No path within max_hops: OK with *out empty. from == to: one path of no edge.
//
// Errors: InvalidInput for max_hops < 1 or max_paths < 1, or past max_visited;
// NotFound when `from` or `to` is not a node; storage errors.
// Thread safety: safe beside other readers (it makes its own AdjacencyReader).
// It sees the database as it was when the search began.
Status ShortestPaths(const Store& store, uint64_t from, uint64_t to, const PathOptions& options,
                     std::vector<GraphPath>* out);

}  // namespace sg::query
