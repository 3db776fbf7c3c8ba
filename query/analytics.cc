#include "query/analytics.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <utility>

#include "query/neighborhood.h"

namespace sg::query {

// Directed: an arc per stored edge, both ways for symmetric relations.
// Undirected: both ways for every edge, self-loops left out. Parallel arcs are
// merged in both.
struct SnapshotGraphs {
  using Directed = boost::compressed_sparse_row_graph<boost::bidirectionalS>;
  using Undirected = boost::compressed_sparse_row_graph<boost::directedS>;
  Directed directed;
  Undirected undirected;
};

namespace {

using Arc = std::pair<uint32_t, uint32_t>;

void SortUnique(std::vector<Arc>* arcs) {
  std::sort(arcs->begin(), arcs->end());
  arcs->erase(std::unique(arcs->begin(), arcs->end()), arcs->end());
}

std::unique_ptr<SnapshotGraphs> BuildGraphs(const GraphSnapshot& s) {
  std::vector<Arc> directed, undirected;
  for (const SnapshotEdge& e : s.edges) {
    directed.emplace_back(e.source, e.target);
    if (IsSymmetric(e.relation)) directed.emplace_back(e.target, e.source);
    if (e.source == e.target) continue;
    undirected.emplace_back(e.source, e.target);
    undirected.emplace_back(e.target, e.source);
  }
  SortUnique(&directed);
  SortUnique(&undirected);
  auto g = std::make_unique<SnapshotGraphs>();
  g->directed = SnapshotGraphs::Directed(boost::edges_are_unsorted_multi_pass, directed.begin(),
                                         directed.end(), s.size());
  g->undirected = SnapshotGraphs::Undirected(boost::edges_are_sorted, undirected.begin(),
                                             undirected.end(), s.size());
  return g;
}

bool Wanted(const std::set<Relation>& relations, Relation r) {
  return relations.empty() ? IsAnalystRelation(r) : relations.count(r) > 0;
}

Status LoadNodes(const Store& store, const SnapshotOptions& o, GraphSnapshot* out) {
  std::vector<std::pair<uint64_t, NodeKind>> nodes;
  for (NodeKind kind : kAllNodeKinds) {
    const bool wanted = o.kinds.empty() ? kind != NodeKind::kArticle && kind != NodeKind::kSource
                                        : o.kinds.count(kind) > 0;
    if (!wanted) continue;
    SG_RETURN_IF_ERROR(store.ForEachNodeOfKind(kind, [&](uint64_t id) {
      nodes.emplace_back(id, kind);
      return Status::OK();
    }));
  }
  if (nodes.size() >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidInput("too many nodes for an in-memory snapshot");
  }
  std::sort(nodes.begin(), nodes.end());
  for (auto [id, kind] : nodes) {
    out->ids.push_back(id);
    out->kinds.push_back(kind);
  }
  return Status::OK();
}

Status LoadEdges(const Store& store, const SnapshotOptions& o, GraphSnapshot* out) {
  out->degree.assign(out->size(), 0);
  out->claims.assign(out->size(), 0);
  auto want = [&](const keys::EdgeKey& k) {
    return Wanted(o.relations, k.relation) && out->IndexOf(k.source) && out->IndexOf(k.target);
  };
  return store.ForEachEdge(want, [&](const EdgeRecord& e) {
    const SnapshotEdge edge{*out->IndexOf(e.key.source), *out->IndexOf(e.key.target), e.key.relation,
                            e.claim_count};
    out->edges.push_back(edge);
    for (uint32_t end : {edge.source, edge.target}) {
      out->degree[end]++;
      out->claims[end] += edge.claims;
    }
    return Status::OK();
  });
}

// Boost's Brandes over a simple undirected graph: exact.
std::vector<double> ExactBetweenness(const GraphSnapshot& s) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph g(s.size());
  const auto& u = s.graphs->undirected;
  for (auto [e, end] = boost::edges(u); e != end; ++e) {
    const auto a = boost::source(*e, u), b = boost::target(*e, u);
    if (a < b) boost::add_edge(a, b, g);
  }
  std::vector<double> centrality(s.size(), 0.0);
  boost::brandes_betweenness_centrality(
      g, boost::make_iterator_property_map(centrality.begin(), boost::get(boost::vertex_index, g)));
  return centrality;
}

// One source's dependencies (Brandes' accumulation), added into `centrality`.
// The scratch vectors are the caller's, reused across sources.
struct BrandesScratch {
  std::vector<int64_t> dist;
  std::vector<double> sigma, delta;
  std::vector<uint32_t> order;
};

void AccumulateFrom(const SnapshotGraphs::Undirected& g, uint32_t s, BrandesScratch* w,
                    std::vector<double>* centrality) {
  const size_t n = boost::num_vertices(g);
  w->dist.assign(n, -1);
  w->sigma.assign(n, 0);
  w->delta.assign(n, 0);
  w->order.clear();
  w->dist[s] = 0;
  w->sigma[s] = 1;
  w->order.push_back(s);
  for (size_t head = 0; head < w->order.size(); ++head) {  // BFS; `order` is the queue
    const uint32_t v = w->order[head];
    for (auto [a, end] = boost::adjacent_vertices(size_t{v}, g); a != end; ++a) {
      const uint32_t x = static_cast<uint32_t>(*a);
      if (w->dist[x] < 0) {
        w->dist[x] = w->dist[v] + 1;
        w->order.push_back(x);
      }
      if (w->dist[x] == w->dist[v] + 1) w->sigma[x] += w->sigma[v];
    }
  }
  // Farthest first; an undirected graph's predecessors are its neighbours one
  // level nearer.
  for (size_t i = w->order.size(); i-- > 1;) {
    const uint32_t x = w->order[i];
    for (auto [a, end] = boost::adjacent_vertices(size_t{x}, g); a != end; ++a) {
      const uint32_t v = static_cast<uint32_t>(*a);
      if (w->dist[v] == w->dist[x] - 1) w->delta[v] += w->sigma[v] / w->sigma[x] * (1 + w->delta[x]);
    }
    (*centrality)[x] += w->delta[x];
  }
}

// Brandes from `samples` random sources, scaled to all sources, halved as each
// pair is met from both ends.
std::vector<double> SampledBetweenness(const GraphSnapshot& s, const RankOptions& o) {
  std::vector<uint32_t> sources(s.size());
  std::iota(sources.begin(), sources.end(), 0);
  std::mt19937_64 rng(o.seed);
  std::shuffle(sources.begin(), sources.end(), rng);
  sources.resize(std::min(o.betweenness_samples, sources.size()));
  std::vector<double> centrality(s.size(), 0.0);
  BrandesScratch scratch;
  for (uint32_t src : sources) AccumulateFrom(s.graphs->undirected, src, &scratch, &centrality);
  const double scale = sources.empty() ? 0 : 0.5 * double(s.size()) / double(sources.size());
  for (double& c : centrality) c *= scale;
  return centrality;
}

// One PageRank step: next[v] from the ranks of v's in-neighbours.
double PageRankStep(const SnapshotGraphs::Directed& g, const std::vector<double>& rank,
                    double damping, std::vector<double>* next) {
  const size_t n = rank.size();
  double dangling = 0;
  for (size_t u = 0; u < n; ++u) {
    if (boost::out_degree(u, g) == 0) dangling += rank[u];
  }
  const double base = (1 - damping) / n + damping * dangling / n;
  double moved = 0;
  for (size_t v = 0; v < n; ++v) {
    double sum = 0;
    for (auto [e, end] = boost::in_edges(v, g); e != end; ++e) {
      const auto u = boost::source(*e, g);
      sum += rank[u] / boost::out_degree(u, g);
    }
    (*next)[v] = base + damping * sum;
    moved += std::abs((*next)[v] - rank[v]);
  }
  return moved;
}

}  // namespace

GraphSnapshot::GraphSnapshot() = default;
GraphSnapshot::~GraphSnapshot() = default;
GraphSnapshot::GraphSnapshot(GraphSnapshot&&) noexcept = default;
GraphSnapshot& GraphSnapshot::operator=(GraphSnapshot&&) noexcept = default;

std::optional<uint32_t> GraphSnapshot::IndexOf(uint64_t id) const {
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it == ids.end() || *it != id) return std::nullopt;
  return static_cast<uint32_t>(it - ids.begin());
}

Status LoadSnapshot(const Store& store, const SnapshotOptions& options, GraphSnapshot* out) {
  *out = GraphSnapshot();
  SG_RETURN_IF_ERROR(LoadNodes(store, options, out));
  SG_RETURN_IF_ERROR(LoadEdges(store, options, out));
  out->graphs = BuildGraphs(*out);
  return Status::OK();
}

std::vector<double> PageRank(const GraphSnapshot& s, const RankOptions& o) {
  const size_t n = s.size();
  if (n == 0) return {};
  std::vector<double> rank(n, 1.0 / n), next(n);
  for (int i = 0; i < o.max_iterations; ++i) {
    const double moved = PageRankStep(s.graphs->directed, rank, o.damping, &next);
    rank.swap(next);
    if (moved < o.tolerance * n) break;
  }
  return rank;
}

std::vector<double> Betweenness(const GraphSnapshot& s, const RankOptions& o) {
  if (s.size() <= o.exact_betweenness_limit) return ExactBetweenness(s);
  return SampledBetweenness(s, o);
}

std::vector<RankedNode> Rank(const GraphSnapshot& s, RankBy by, size_t top, const RankOptions& o) {
  std::vector<double> score;
  switch (by) {
    case RankBy::kDegree: score.assign(s.degree.begin(), s.degree.end()); break;
    case RankBy::kClaims: score.assign(s.claims.begin(), s.claims.end()); break;
    case RankBy::kPageRank: score = PageRank(s, o); break;
    case RankBy::kBetweenness: score = Betweenness(s, o); break;
  }
  std::vector<uint32_t> order(s.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t k = top == 0 ? order.size() : std::min(top, order.size());
  // Indices ascend with ids, so the index breaks ties by id.
  std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](uint32_t a, uint32_t b) {
    return score[a] != score[b] ? score[a] > score[b] : a < b;
  });
  std::vector<RankedNode> out;
  for (size_t i = 0; i < k; ++i) {
    const uint32_t v = order[i];
    out.push_back(RankedNode{s.ids[v], s.kinds[v], score[v], s.degree[v], s.claims[v]});
  }
  return out;
}

std::vector<Component> Components(const GraphSnapshot& s, size_t min_size) {
  std::vector<uint32_t> rank(s.size(), 0), parent(s.size());
  std::iota(parent.begin(), parent.end(), 0);
  const boost::typed_identity_property_map<uint32_t> index;
  boost::disjoint_sets sets(boost::make_iterator_property_map(rank.begin(), index),
                            boost::make_iterator_property_map(parent.begin(), index));
  for (const SnapshotEdge& e : s.edges) sets.union_set(e.source, e.target);
  std::map<uint32_t, Component> by_root;  // members arrive in index, so id, order
  for (uint32_t v = 0; v < s.size(); ++v) by_root[sets.find_set(v)].members.push_back(s.ids[v]);
  std::vector<Component> out;
  for (auto& [root, c] : by_root) {
    if (c.members.size() >= min_size) out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Component& a, const Component& b) {
    if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
    return a.members.front() < b.members.front();
  });
  return out;
}

}  // namespace sg::query
