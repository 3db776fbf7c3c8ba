#include "query/neighborhood.h"

#include <algorithm>
#include <unordered_map>

namespace sg::query {
namespace {

bool WantedRelation(const NeighborhoodOptions& o, Relation r) {
  return o.relations.empty() ? IsAnalystRelation(r) : o.relations.count(r) > 0;
}

bool InDateRange(const NeighborhoodOptions& o, const EdgeRecord& e) {
  if (o.since.empty() && o.until.empty()) return true;
  if (e.first_date.empty()) return false;
  if (!o.since.empty() && keys::DateKey(e.last_date) < keys::DateKey(o.since)) return false;
  return o.until.empty() || keys::DateKey(e.first_date) <= keys::DateKey(o.until);
}

bool Wanted(const NeighborhoodOptions& o, const EdgeRecord& e) {
  return WantedRelation(o, e.key.relation) && InDateRange(o, e);
}

// The edges of `node` in both directions that pass the filter.
Status EdgesOf(const Store& store, uint64_t node, const NeighborhoodOptions& o,
               std::vector<EdgeRecord>* out) {
  std::vector<EdgeRecord> all;
  SG_RETURN_IF_ERROR(store.OutEdges(node, std::nullopt, &all));
  SG_RETURN_IF_ERROR(store.InEdges(node, std::nullopt, &all));
  for (auto& e : all) {
    if (Wanted(o, e)) out->push_back(std::move(e));
  }
  return Status::OK();
}

// One breadth-first walk: the nodes reached, with their depth, and the edges
// walked.
struct Walk {
  const Store& store;
  const NeighborhoodOptions& options;
  Neighborhood* out;
  std::unordered_map<uint64_t, int> seen;
  std::set<uint64_t> walked_edges;

  // Reaches `other` over `e` at `depth` unless it is of an unwanted kind or past
  // max_nodes; *reached says whether it was reached (now or before).
  Status Reach(uint64_t other, const EdgeRecord& e, int depth, std::vector<uint64_t>* next,
               bool* reached) {
    *reached = seen.count(other) > 0;
    if (*reached) return Status::OK();
    if (seen.size() > options.max_nodes) {
      out->truncated = true;
      return Status::OK();
    }
    Neighbor n;
    SG_RETURN_IF_ERROR(store.GetNode(other, &n.node));
    if (!options.kinds.empty() && !options.kinds.count(n.node.kind)) return Status::OK();
    *reached = true;
    seen.emplace(other, depth);
    n.depth = depth;
    n.via = e;
    out->nodes.push_back(std::move(n));
    next->push_back(other);
    return Status::OK();
  }

  // Walks every wanted edge of `node`, keeping those whose other end is reached.
  Status Expand(uint64_t node, int depth, std::vector<uint64_t>* next) {
    std::vector<EdgeRecord> edges;
    SG_RETURN_IF_ERROR(EdgesOf(store, node, options, &edges));
    for (auto& e : edges) {
      bool reached = false;
      const uint64_t other = e.key.source == node ? e.key.target : e.key.source;
      SG_RETURN_IF_ERROR(Reach(other, e, depth, next, &reached));
      if (reached && walked_edges.insert(e.id).second) out->edges.push_back(std::move(e));
    }
    return Status::OK();
  }
};

}  // namespace

bool IsAnalystRelation(Relation r) { return !IsDerived(r); }

Status Neighbors(const Store& store, uint64_t start, const NeighborhoodOptions& options,
                 Neighborhood* out) {
  if (options.depth < 1) return Status::InvalidInput("--depth must be at least 1");
  SG_RETURN_IF_ERROR(store.GetNode(start, &out->start));
  Walk walk{store, options, out, {{start, 0}}, {}};
  std::vector<uint64_t> frontier{start};
  for (int depth = 1; depth <= options.depth && !frontier.empty(); ++depth) {
    std::vector<uint64_t> next;
    for (uint64_t node : frontier) SG_RETURN_IF_ERROR(walk.Expand(node, depth, &next));
    frontier = std::move(next);
  }
  // Nearest first; at one depth, the best-attested link first.
  std::stable_sort(out->nodes.begin(), out->nodes.end(), [](const Neighbor& a, const Neighbor& b) {
    if (a.depth != b.depth) return a.depth < b.depth;
    if (a.via.claim_count != b.via.claim_count) return a.via.claim_count > b.via.claim_count;
    return a.node.id < b.node.id;
  });
  return Status::OK();
}

}  // namespace sg::query
