#include "query/paths.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "query/neighborhood.h"

namespace sg::query {
namespace {

using keys::EdgeKey;

uint32_t Bit(Relation r) { return uint32_t{1} << static_cast<uint8_t>(r); }

// The wanted relations as bits (Relation values are below 32).
uint32_t RelationMask(const PathOptions& o) {
  uint32_t mask = 0;
  for (Relation r : kAllRelations) {
    if (o.relations.empty() ? IsAnalystRelation(r) : o.relations.count(r) > 0) mask |= Bit(r);
  }
  return mask;
}

uint32_t SymmetricMask() {
  uint32_t mask = 0;
  for (Relation r : kAllRelations) {
    if (IsSymmetric(r)) mask |= Bit(r);
  }
  return mask;
}

// The lowest and highest relation of a non-empty mask: one scan covers them.
std::pair<Relation, Relation> Range(uint32_t mask) {
  return {Relation(__builtin_ctz(mask)), Relation(31 - __builtin_clz(mask))};
}

uint64_t OtherEnd(const EdgeKey& e, uint64_t node) { return e.source == node ? e.target : e.source; }

// One of the two searches: from `from` along the direction (forward), or from
// `to` against it.
struct Side {
  struct Seen {
    uint32_t depth = 0;
    EdgeKey via;  // the first edge that reached the node, towards this side's start
  };
  bool forward = true;
  uint32_t depth = 0;  // of the frontier
  std::vector<uint64_t> frontier;
  std::unordered_map<uint64_t, Seen> seen;
  // `all` only: the further edges that reached a node from the level before it.
  std::unordered_map<uint64_t, std::vector<EdgeKey>> more_via;

  void Start(uint64_t node, bool fwd) {
    forward = fwd;
    frontier = {node};
    seen.emplace(node, Seen{});
  }
  // Every edge that reached `node` from the level before it.
  std::vector<EdgeKey> Preds(uint64_t node) const {
    const Seen& s = seen.at(node);
    if (s.depth == 0) return {};
    std::vector<EdgeKey> preds{s.via};
    if (auto it = more_via.find(node); it != more_via.end()) {
      preds.insert(preds.end(), it->second.begin(), it->second.end());
    }
    return preds;
  }
};

// A node's successors on the shortest paths: (next node, edge), sorted.
using Dag = std::map<uint64_t, std::vector<std::pair<uint64_t, EdgeKey>>>;

class Search {
 public:
  Search(const Store& store, uint64_t from, uint64_t to, const PathOptions& o)
      : reader_(store.NewAdjacencyReader()), from_(from), to_(to), o_(o), wanted_(RelationMask(o)) {
    fwd_.Start(from, true);
    bwd_.Start(to, false);
  }

  // The meeting nodes of the shortest paths, empty when there is none within
  // max_hops.
  Status Run(std::vector<uint64_t>* meets) {
    for (int hops = 0; hops < o_.max_hops && meets->empty(); ++hops) {
      if (fwd_.frontier.empty() || bwd_.frontier.empty()) break;
      // Expanding the smaller frontier keeps both searches small.
      const bool forward = fwd_.frontier.size() <= bwd_.frontier.size();
      SG_RETURN_IF_ERROR(ExpandLevel(forward ? &fwd_ : &bwd_, forward ? &bwd_ : &fwd_, meets));
    }
    std::sort(meets->begin(), meets->end());
    return Status::OK();
  }

  GraphPath OnePath(uint64_t meet) const;
  void AllPaths(const std::vector<uint64_t>& meets, std::vector<GraphPath>* out) const;

 private:
  Status ExpandLevel(Side* side, Side* other, std::vector<uint64_t>* meets);
  Status ExpandNode(const Side& side, uint64_t node);
  void Reach(const EdgeKey& e);
  void Dfs(const Dag& dag, uint64_t node, GraphPath* path, std::vector<GraphPath>* out) const;

  std::unique_ptr<Store::AdjacencyReader> reader_;
  const uint64_t from_, to_;
  const PathOptions& o_;
  const uint32_t wanted_;
  Side fwd_, bwd_;
  // The level being expanded, for Reach().
  Side* side_ = nullptr;
  const Side* other_ = nullptr;
  uint64_t node_ = 0;
  std::vector<uint64_t> next_;
  std::vector<uint64_t>* meets_ = nullptr;
};

// Reaches the other end of `e` from node_, one level deeper.
void Search::Reach(const EdgeKey& e) {
  if (!(wanted_ & Bit(e.relation))) return;
  if (!o_.all && !meets_->empty()) return;  // one path: the first meeting will do
  const uint64_t other = OtherEnd(e, node_);
  const uint32_t depth = side_->depth + 1;
  auto [it, fresh] = side_->seen.try_emplace(other, Side::Seen{depth, e});
  if (fresh) {
    next_.push_back(other);
    if (other_->seen.count(other)) meets_->push_back(other);
  } else if (o_.all && it->second.depth == depth) {
    side_->more_via[other].push_back(e);
  }
}

// Reads the edges the side walks from `node`: along the direction forward,
// against it backward, symmetric relations both ways.
Status Search::ExpandNode(const Side& side, uint64_t node) {
  const bool both = o_.direction == Direction::kBoth;
  const bool out = both || (o_.direction == Direction::kOut) == side.forward;
  const bool in = both || (o_.direction == Direction::kIn) == side.forward;
  const uint32_t symmetric = wanted_ & SymmetricMask();
  const Store::AdjacencyReader::EdgeFn fn = [this](const EdgeKey& e) { Reach(e); };
  node_ = node;
  if (out || symmetric) {
    auto [first, last] = Range(out ? wanted_ : symmetric);
    SG_RETURN_IF_ERROR(reader_->Out(node, first, last, out ? fn : [&](const EdgeKey& e) {
      if (symmetric & Bit(e.relation)) Reach(e);
    }));
  }
  if (in || symmetric) {
    auto [first, last] = Range(in ? wanted_ : symmetric);
    SG_RETURN_IF_ERROR(reader_->In(node, first, last, in ? fn : [&](const EdgeKey& e) {
      if (symmetric & Bit(e.relation)) Reach(e);
    }));
  }
  return Status::OK();
}

// Expands every node of the side's frontier by one hop. A node reached that the
// other side has seen is a meeting node: since no meeting happened before, each
// one lies on a shortest path (its two depths add up to the distance).
Status Search::ExpandLevel(Side* side, Side* other, std::vector<uint64_t>* meets) {
  side_ = side;
  other_ = other;
  meets_ = meets;
  next_.clear();
  for (uint64_t node : side->frontier) {
    SG_RETURN_IF_ERROR(ExpandNode(*side, node));
    if (!o_.all && !meets->empty()) break;
    if (fwd_.seen.size() + bwd_.seen.size() > o_.max_visited) {
      return Status::InvalidInput("path search gave up after reaching " +
                                  std::to_string(o_.max_visited) +
                                  " nodes: narrow it with fewer hops or relations");
    }
  }
  side->frontier.swap(next_);
  side->depth++;
  return Status::OK();
}

GraphPath Search::OnePath(uint64_t meet) const {
  GraphPath p;
  for (uint64_t n = meet;;) {  // back to `from`
    p.nodes.push_back(n);
    const Side::Seen& s = fwd_.seen.at(n);
    if (s.depth == 0) break;
    p.edges.push_back(s.via);
    n = OtherEnd(s.via, n);
  }
  std::reverse(p.nodes.begin(), p.nodes.end());
  std::reverse(p.edges.begin(), p.edges.end());
  for (uint64_t n = meet;;) {  // on to `to`
    const Side::Seen& s = bwd_.seen.at(n);
    if (s.depth == 0) break;
    p.edges.push_back(s.via);
    n = OtherEnd(s.via, n);
    p.nodes.push_back(n);
  }
  return p;
}

// The shortest-path DAG (from the meeting nodes back to `from` through the
// forward search, on to `to` through the backward one), then its paths in
// order: a depth-first walk over successors sorted by node id enumerates the
// paths sorted by node sequence, so max_paths keeps the first ones.
void Search::AllPaths(const std::vector<uint64_t>& meets, std::vector<GraphPath>* out) const {
  Dag dag;
  for (const Side* side : {&fwd_, &bwd_}) {
    std::vector<uint64_t> stack(meets);
    std::unordered_set<uint64_t> done(meets.begin(), meets.end());
    while (!stack.empty()) {
      const uint64_t n = stack.back();
      stack.pop_back();
      for (const EdgeKey& e : side->Preds(n)) {
        const uint64_t p = OtherEnd(e, n);
        if (side->forward) dag[p].emplace_back(n, e);
        else dag[n].emplace_back(p, e);
        if (done.insert(p).second) stack.push_back(p);
      }
    }
  }
  for (auto& [node, next] : dag) std::sort(next.begin(), next.end());
  GraphPath path{{from_}, {}};
  Dfs(dag, from_, &path, out);
}

void Search::Dfs(const Dag& dag, uint64_t node, GraphPath* path, std::vector<GraphPath>* out) const {
  if (out->size() >= o_.max_paths) return;
  auto it = dag.find(node);
  if (it == dag.end()) {  // only `to` has no successor
    out->push_back(*path);
    return;
  }
  for (const auto& [next, e] : it->second) {
    path->nodes.push_back(next);
    path->edges.push_back(e);
    Dfs(dag, next, path, out);
    path->nodes.pop_back();
    path->edges.pop_back();
  }
}

Status CheckNode(const Store& store, uint64_t id) {
  NodeRecord n;
  return store.GetNode(id, &n);
}

}  // namespace

Status ShortestPaths(const Store& store, uint64_t from, uint64_t to, const PathOptions& options,
                     std::vector<GraphPath>* out) {
  out->clear();
  if (options.max_hops < 1) return Status::InvalidInput("the most hops of a path must be at least 1");
  if (options.max_paths < 1) return Status::InvalidInput("the most paths must be at least 1");
  SG_RETURN_IF_ERROR(CheckNode(store, from));
  SG_RETURN_IF_ERROR(CheckNode(store, to));
  if (from == to) {
    out->push_back(GraphPath{{from}, {}});
    return Status::OK();
  }
  if (RelationMask(options) == 0) return Status::OK();  // no relation of the schema: no edge
  Search search(store, from, to, options);
  std::vector<uint64_t> meets;
  SG_RETURN_IF_ERROR(search.Run(&meets));
  if (meets.empty()) return Status::OK();
  if (options.all) search.AllPaths(meets, out);
  else out->push_back(search.OnePath(meets.front()));
  return Status::OK();
}

}  // namespace sg::query
