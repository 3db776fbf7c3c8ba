#include "query/verbs.h"

#include <algorithm>
#include <set>
#include <utility>

#include "graph/names.h"
#include "query/eval.h"

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

// ----- Dates

// The key of the last day an `until` bound covers: "2025-01" -> 20250199.
uint32_t UntilKey(const std::string& iso) {
  uint32_t key = keys::DateKey(iso);
  if (iso.size() == 7) key += 99;
  if (iso.size() == 4) key += 9999;
  return key;
}

// InvalidInput naming the node's kind unless `ok`: "node 7 is a State, not a Position".
Status RequireKind(const NodeRecord& n, bool ok, const char* what) {
  if (ok) return Status::OK();
  return Status::InvalidInput("node " + std::to_string(n.id) + " is a " +
                              std::string(NodeKindName(n.kind)) + ", not " + what);
}

// ----- Stances

bool WantPosition(const StancesOptions& o, const NodeRecord& p) {
  if (p.kind != NodeKind::kPosition) return false;
  if (o.position) return p.id == *o.position;
  return o.position_contains.empty() ||
         LowerCase(p.name).find(LowerCase(o.position_contains)) != std::string::npos;
}

// Counts the edge's asserted claims in the date range into `st`: the stored
// aggregate when there is no range (it counts asserted claims only), else the
// claims themselves, read in date order.
Status CountClaims(const Store& store, const DateRange& dates, Stance* st) {
  const EdgeRecord& e = st->edge;
  if (dates.empty()) {
    st->claims = e.claim_count;
    st->articles = e.article_count;
    st->first_date = e.first_date;
    st->last_date = e.last_date;
    return Status::OK();
  }
  std::vector<ClaimRecord> claims;
  SG_RETURN_IF_ERROR(store.ClaimsOfEdge(e.key, &claims));
  std::set<std::string> articles;
  for (const auto& c : claims) {
    if (c.polarity < 0 || !dates.Contains(c.date)) continue;
    if (st->claims++ == 0) st->first_date = c.date;
    st->last_date = c.date;
    articles.insert(c.article_id);
  }
  st->articles = static_cast<uint32_t>(articles.size());
  return Status::OK();
}

uint32_t& CountOf(Relation r, Stances* out) {
  return r == Relation::kSupports ? out->supports
         : r == Relation::kOpposes ? out->opposes
                                   : out->proposes;
}

Status StanceEdges(const Store& store, uint64_t actor, const StancesOptions& o, Stances* out) {
  for (Relation r : kStanceRelations) {
    std::vector<EdgeRecord> edges;
    SG_RETURN_IF_ERROR(store.OutEdges(actor, r, &edges));
    for (auto& e : edges) {
      Stance st;
      st.edge = std::move(e);
      SG_RETURN_IF_ERROR(store.GetNode(st.edge.key.target, &st.position));
      if (!WantPosition(o, st.position)) continue;
      SG_RETURN_IF_ERROR(CountClaims(store, o.dates, &st));
      if (st.claims == 0) continue;  // none in the date range
      CountOf(r, out) += st.claims;
      out->stances.push_back(std::move(st));
    }
  }
  return Status::OK();
}

bool MoreClaimsFirst(const Stance& a, const Stance& b) {
  if (a.claims != b.claims) return a.claims > b.claims;
  if (a.position.name != b.position.name) return a.position.name < b.position.name;
  return RelationName(a.edge.key.relation) < RelationName(b.edge.key.relation);
}

// ----- Timeline

// The nodes that may hold a stance claim on `position`, sorted, each once: the
// sources of its stance edges and, because a negated claim makes no edge,
// every node named by an article that names the position (the store writes
// MENTIONS for both ends of every claim, negated ones included). Reads
// adjacency keys only; the caller then probes edge_claims three times per
// holder. TODO(perf): a position named in thousands of articles has tens of
// thousands of holders, each probe a new RocksDB iterator (about twice the
// time the edges' claims alone took); one iterator lent by Store for every
// probe would cut most of it.
Status StanceHolders(const Store& store, uint64_t position, std::vector<uint64_t>* out) {
  auto adjacency = store.NewAdjacencyReader();
  auto add_source = [&](const keys::EdgeKey& k) { out->push_back(k.source); };
  SG_RETURN_IF_ERROR(adjacency->In(position, Relation::kSupports, Relation::kProposes, add_source));
  std::vector<uint64_t> articles;
  SG_RETURN_IF_ERROR(adjacency->In(position, Relation::kMentions,
                                   [&](const keys::EdgeKey& k) { articles.push_back(k.source); }));
  for (uint64_t article : articles) {
    SG_RETURN_IF_ERROR(adjacency->Out(article, Relation::kMentions,
                                      [&](const keys::EdgeKey& k) { out->push_back(k.target); }));
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  std::erase(*out, position);
  return Status::OK();
}

// The stance claims of `holder` on the timeline's position that fall in the
// date range, asserted and negated, read from edge_claims whether or not the
// edge exists.
Status AddHolderClaims(const Store& store, uint64_t holder, const DateRange& dates, Timeline* out) {
  std::optional<NodeRecord> actor;
  for (Relation r : kStanceRelations) {
    std::vector<ClaimRecord> claims;
    SG_RETURN_IF_ERROR(store.ClaimsOfEdge({holder, r, out->position.id}, &claims));
    for (auto& c : claims) {
      if (!dates.Contains(c.date)) continue;
      if (!actor) SG_RETURN_IF_ERROR(store.GetNode(holder, &actor.emplace()));
      out->entries.push_back({std::move(c), *actor});
    }
  }
  return Status::OK();
}

bool TimelineOrder(const TimelineEntry& a, const TimelineEntry& b) {
  const uint32_t da = keys::DateKey(a.claim.date), db = keys::DateKey(b.claim.date);
  if (da != db) return da < db;
  if (a.actor.name != b.actor.name) return a.actor.name < b.actor.name;
  const std::string sa = StanceLabel(a.claim), sb = StanceLabel(b.claim);
  return sa != sb ? sa < sb : a.claim.id < b.claim.id;
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

bool DateRange::Contains(std::string_view date) const {
  if (empty()) return true;
  if (date.empty() || !IsIsoDate(date)) return false;
  const uint32_t key = keys::DateKey(date);
  return (since.empty() || key >= keys::DateKey(since)) && (until.empty() || key <= UntilKey(until));
}

Status CheckDateRange(const DateRange& dates) {
  for (const std::string* d : {&dates.since, &dates.until}) {
    if (!d->empty() && !IsIsoDate(*d))
      return Status::InvalidInput("'" + *d + "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
  }
  return Status::OK();
}

std::string StanceLabel(const ClaimRecord& claim) {
  return (claim.polarity < 0 ? "not " : "") + std::string(RelationName(claim.edge.relation));
}

Status StancesOf(const Store& store, uint64_t actor, const StancesOptions& options, Stances* out) {
  SG_RETURN_IF_ERROR(CheckDateRange(options.dates));
  SG_RETURN_IF_ERROR(store.GetNode(actor, &out->actor));
  SG_RETURN_IF_ERROR(RequireKind(out->actor, IsActorKind(out->actor.kind), "an actor"));
  SG_RETURN_IF_ERROR(StanceEdges(store, actor, options, out));
  std::sort(out->stances.begin(), out->stances.end(), MoreClaimsFirst);
  return Status::OK();
}

Status TimelineOf(const Store& store, uint64_t position, const TimelineOptions& options,
                  Timeline* out) {
  SG_RETURN_IF_ERROR(CheckDateRange(options.dates));
  SG_RETURN_IF_ERROR(store.GetNode(position, &out->position));
  SG_RETURN_IF_ERROR(
      RequireKind(out->position, out->position.kind == NodeKind::kPosition, "a Position"));
  std::vector<uint64_t> holders;
  if (options.actor) {
    NodeRecord actor;
    SG_RETURN_IF_ERROR(store.GetNode(*options.actor, &actor));
    SG_RETURN_IF_ERROR(RequireKind(actor, IsActorKind(actor.kind), "an actor"));
    holders.push_back(actor.id);
  } else {
    SG_RETURN_IF_ERROR(StanceHolders(store, position, &holders));
  }
  for (uint64_t holder : holders) SG_RETURN_IF_ERROR(AddHolderClaims(store, holder, options.dates, out));
  std::sort(out->entries.begin(), out->entries.end(), TimelineOrder);
  return Status::OK();
}

Status EvidenceOf(const Store& store, keys::EdgeKey key, EdgeEvidence* out) {
  if (IsSymmetric(key.relation) && key.target < key.source) std::swap(key.source, key.target);
  EdgeRecord edge;
  Status s = store.GetEdge(key, &edge);
  if (s.ok()) out->edge = std::move(edge);
  else if (!s.IsNotFound()) return s;
  SG_RETURN_IF_ERROR(store.ClaimsOfEdge(key, &out->claims));
  if (!out->edge && out->claims.empty()) {
    return Status::NotFound("no edge " + std::to_string(key.source) + " -" +
                            std::string(RelationName(key.relation)) + "-> " +
                            std::to_string(key.target));
  }
  SG_RETURN_IF_ERROR(store.GetNode(key.source, &out->source));
  return store.GetNode(key.target, &out->target);
}

}  // namespace sg::query
