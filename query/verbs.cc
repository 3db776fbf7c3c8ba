#include "query/verbs.h"

#include <algorithm>
#include <set>
#include <utility>

#include "graph/names.h"

namespace sg::query {
namespace {

constexpr Relation kStanceRelations[] = {Relation::kSupports, Relation::kOpposes,
                                         Relation::kProposes};

bool Searchable(const SearchOptions& o, NodeKind kind) {
  if (o.kind) return *o.kind == kind;
  return IsActorKind(kind) || kind == NodeKind::kPosition;
}

// The first of the node's name and aliases whose normalized form contains
// `norm` (at its start when `prefix`); "" when none does.
std::string MatchedName(const NodeRecord& n, const std::string& norm, bool prefix) {
  std::vector<const std::string*> names{&n.name};
  for (const auto& a : n.aliases) names.push_back(&a);
  for (const std::string* name : names) {
    const size_t at = NormalizeName(*name).find(norm);
    if (at == 0 || (!prefix && at != std::string::npos)) return *name;
  }
  return "";
}

// Prefix matches: one scan of the `names` index, in name order.
Status PrefixHits(const Store& store, const SearchOptions& o, const std::string& norm,
                  std::set<uint64_t>* seen, SearchResult* out) {
  std::vector<uint64_t> ids;
  SG_RETURN_IF_ERROR(store.ScanNames(norm, [&](std::string_view, NodeKind kind, uint64_t id) {
    if (Searchable(o, kind) && seen->insert(id).second) ids.push_back(id);
    return ids.size() <= o.limit;
  }));
  out->truncated = ids.size() > o.limit;
  ids.resize(std::min(ids.size(), o.limit));
  for (uint64_t id : ids) {
    SearchHit hit;
    hit.prefix = true;
    SG_RETURN_IF_ERROR(store.GetNode(id, &hit.node));
    hit.matched = MatchedName(hit.node, norm, true);
    out->hits.push_back(std::move(hit));
  }
  return Status::OK();
}

// Substring matches: a bounded scan of `nodes`.
Status SubstringHits(const Store& store, const SearchOptions& o, const std::string& norm,
                     const std::set<uint64_t>& seen, SearchResult* out) {
  size_t scanned = 0;
  bool stopped = false;
  Status s = store.ForEachNode([&](const NodeRecord& n) {
    if (out->hits.size() == o.limit || ++scanned > o.max_scanned) {
      stopped = out->truncated = true;
      return Status::NotFound("search stopped");  // only ends the scan
    }
    if (!Searchable(o, n.kind) || seen.count(n.id)) return Status::OK();
    std::string matched = MatchedName(n, norm, false);
    if (!matched.empty()) out->hits.push_back({n, std::move(matched), false});
    return Status::OK();
  });
  return stopped ? Status::OK() : s;
}

Status StanceEdges(const Store& store, uint64_t actor, Stances* out) {
  for (Relation r : kStanceRelations) {
    std::vector<EdgeRecord> edges;
    SG_RETURN_IF_ERROR(store.OutEdges(actor, r, &edges));
    for (auto& e : edges) {
      Stance st;
      st.edge = std::move(e);
      SG_RETURN_IF_ERROR(store.GetNode(st.edge.key.target, &st.position));
      uint32_t& count = r == Relation::kSupports  ? out->supports
                        : r == Relation::kOpposes ? out->opposes
                                                  : out->proposes;
      count += st.edge.claim_count;
      out->stances.push_back(std::move(st));
    }
  }
  return Status::OK();
}

// The claims of one edge into the position, each with its actor.
Status AddEdgeClaims(const Store& store, const EdgeRecord& e, Timeline* out) {
  NodeRecord actor;
  SG_RETURN_IF_ERROR(store.GetNode(e.key.source, &actor));
  std::vector<ClaimRecord> claims;
  SG_RETURN_IF_ERROR(store.ClaimsOfEdge(e.key, &claims));
  for (auto& c : claims) out->entries.push_back({std::move(c), actor});
  return Status::OK();
}

}  // namespace

Status Search(const Store& store, const SearchOptions& options, SearchResult* out) {
  if (options.kind && !Searchable(SearchOptions{}, *options.kind)) {
    return Status::InvalidInput("search finds actors and positions, not " +
                                std::string(NodeKindName(*options.kind)));
  }
  const std::string norm = NormalizeName(options.text);
  if (norm.empty()) return Status::InvalidInput("search text needs a letter or digit");
  std::set<uint64_t> seen;
  SG_RETURN_IF_ERROR(PrefixHits(store, options, norm, &seen, out));
  if (out->truncated) return Status::OK();
  return SubstringHits(store, options, norm, seen, out);
}

Status StancesOf(const Store& store, uint64_t actor, Stances* out) {
  SG_RETURN_IF_ERROR(store.GetNode(actor, &out->actor));
  if (!IsActorKind(out->actor.kind)) {
    return Status::InvalidInput("node " + std::to_string(actor) + " is a " +
                                std::string(NodeKindName(out->actor.kind)) + ", not an actor");
  }
  SG_RETURN_IF_ERROR(StanceEdges(store, actor, out));
  std::stable_sort(out->stances.begin(), out->stances.end(), [](const Stance& a, const Stance& b) {
    return a.edge.claim_count > b.edge.claim_count;
  });
  return Status::OK();
}

Status TimelineOf(const Store& store, uint64_t position, Timeline* out) {
  SG_RETURN_IF_ERROR(store.GetNode(position, &out->position));
  if (out->position.kind != NodeKind::kPosition) {
    return Status::InvalidInput("node " + std::to_string(position) + " is a " +
                                std::string(NodeKindName(out->position.kind)) + ", not a Position");
  }
  for (Relation r : kStanceRelations) {
    std::vector<EdgeRecord> edges;
    SG_RETURN_IF_ERROR(store.InEdges(position, r, &edges));
    for (const auto& e : edges) SG_RETURN_IF_ERROR(AddEdgeClaims(store, e, out));
  }
  std::stable_sort(out->entries.begin(), out->entries.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) {
                     const uint32_t da = keys::DateKey(a.claim.date), db = keys::DateKey(b.claim.date);
                     return da != db ? da < db : a.claim.id < b.claim.id;
                   });
  return Status::OK();
}

Status EvidenceOf(const Store& store, keys::EdgeKey key, EdgeEvidence* out) {
  if (IsSymmetric(key.relation) && key.target < key.source) std::swap(key.source, key.target);
  Status s = store.GetEdge(key, &out->edge);
  if (s.IsNotFound()) {
    return Status::NotFound("no edge " + std::to_string(key.source) + " -" +
                            std::string(RelationName(key.relation)) + "-> " +
                            std::to_string(key.target));
  }
  SG_RETURN_IF_ERROR(s);
  SG_RETURN_IF_ERROR(store.GetNode(key.source, &out->source));
  SG_RETURN_IF_ERROR(store.GetNode(key.target, &out->target));
  return store.ClaimsOfEdge(key, &out->claims);
}

}  // namespace sg::query
