// Graph analytics over an in-memory snapshot of the stored graph: degree,
// claim-weighted degree, PageRank, betweenness and weakly connected components,
// with Boost.Graph (compressed sparse row graphs built by LoadSnapshot).
//
// A snapshot is dense: node i of the snapshot is ids[i]. It costs about
// 40 bytes a node and 30 bytes an edge; loading reads the `kinds` family and
// every edge of the chosen relations once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"
#include "storage/store.h"

namespace sg::query {

struct SnapshotOptions {
  std::set<NodeKind> kinds;      // empty: actors and positions (not Article, Source)
  std::set<Relation> relations;  // empty: every relation but MENTIONS and CITES
};

// A stored edge between two snapshot nodes, by their dense indices.
struct SnapshotEdge {
  uint32_t source = 0;
  uint32_t target = 0;
  Relation relation = Relation::kSupports;
  uint32_t claims = 0;  // the edge's claim_count
};

struct SnapshotGraphs;  // the Boost.Graph views (analytics.cc)

struct GraphSnapshot {
  std::vector<uint64_t> ids;         // dense index -> node id, ascending
  std::vector<NodeKind> kinds;       // parallel to ids
  std::vector<SnapshotEdge> edges;   // every stored edge of the chosen relations whose
                                     // two ends are both snapshot nodes, each once
  std::vector<uint32_t> degree;      // edges touching each node (a self-loop twice)
  std::vector<uint64_t> claims;      // the claims of those edges
  std::unique_ptr<SnapshotGraphs> graphs;

  GraphSnapshot();
  ~GraphSnapshot();
  GraphSnapshot(GraphSnapshot&&) noexcept;
  GraphSnapshot& operator=(GraphSnapshot&&) noexcept;

  size_t size() const { return ids.size(); }
  // The dense index of node `id`; empty when it is not in the snapshot.
  std::optional<uint32_t> IndexOf(uint64_t id) const;
};

// Reads the nodes of the chosen kinds and the edges of the chosen relations
// between them into *out (replacing it), and builds its graphs. The snapshot is
// the database as it was while loading; it no longer refers to the store.
// Errors: InvalidInput when the graph has 2^32 nodes or more; storage errors.
Status LoadSnapshot(const Store& store, const SnapshotOptions& options, GraphSnapshot* out);

struct RankOptions {
  // PageRank: the random surfer follows an edge with probability `damping`,
  // else jumps to any node; a node with no out-edge spreads its rank over every
  // node (as NetworkX's pagerank does: scores sum to 1). Iterates until the
  // scores move by less than tolerance * nodes in total, or max_iterations.
  double damping = 0.85;
  int max_iterations = 100;
  double tolerance = 1e-6;
  // Betweenness is exact (Brandes, O(nodes x edges)) up to this many nodes;
  // above, it is estimated from `betweenness_samples` source nodes drawn with
  // `seed` and scaled by nodes / samples (NetworkX's betweenness_centrality
  // with k = samples): O(samples x edges).
  size_t exact_betweenness_limit = 5000;
  size_t betweenness_samples = 256;
  uint64_t seed = 1;
};

// Per-node scores, parallel to snapshot.ids.
//
// PageRank walks edges in their direction; a symmetric edge (MEETS,
// COOPERATES_WITH) both ways. Parallel edges (several relations between the
// same two nodes) count once.
std::vector<double> PageRank(const GraphSnapshot& snapshot, const RankOptions& options = {});
// Betweenness over the undirected view (an edge joins its ends both ways; in a
// graph of actors pointing at positions, directed paths are rarely longer than
// one edge). Unnormalized: the number of shortest paths between pairs of other
// nodes through the node, each pair counted once, as Boost's and NetworkX's
// (normalized=False) betweenness.
std::vector<double> Betweenness(const GraphSnapshot& snapshot, const RankOptions& options = {});

enum class RankBy {
  kDegree,       // edges touching the node
  kClaims,       // claims behind those edges
  kPageRank,
  kBetweenness,
};

struct RankedNode {
  uint64_t id = 0;
  NodeKind kind = NodeKind::kPerson;
  double score = 0;   // by the RankBy asked for
  uint32_t degree = 0;
  uint64_t claims = 0;
};

// The `top` nodes by `by`, highest score first, ties by node id; top == 0: all.
std::vector<RankedNode> Rank(const GraphSnapshot& snapshot, RankBy by, size_t top,
                             const RankOptions& options = {});

// A weakly connected component: nodes joined by edges taken as undirected.
struct Component {
  std::vector<uint64_t> members;  // node ids, ascending
};

// The components with at least `min_size` members (1: isolated nodes too),
// largest first, ties by smallest member id.
std::vector<Component> Components(const GraphSnapshot& snapshot, size_t min_size = 1);

}  // namespace sg::query
