// CheckStore and RepairStore (storage/check.h). Both first compute what the
// derived records should be from the primary ones (the Model below, by
// article_writer.cc's rules); CheckStore compares the stored records with it and
// reports each difference, RepairStore writes the differences away.

#include "storage/check.h"

#include <rocksdb/write_batch.h>

#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "graph/names.h"
#include "storage/codec.h"
#include "storage/keys.h"
#include "storage/store_impl.h"

namespace sg {

// The one door from check.cc into a Store's internals (a friend of Store).
struct StoreInternals {
  static Store::Impl* Of(const Store& store) { return store.impl_.get(); }
};

namespace {

using Cf = Store::Impl::Cf;
using keys::EdgeKey;

constexpr size_t kMaxAliases = 64;  // article_writer.cc: names past it are not indexed

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string EdgeName(const EdgeKey& e) {
  return "edge " + std::to_string(e.source) + " -" + std::string(RelationName(e.relation)) +
         "-> " + std::to_string(e.target);
}

std::string NodeName(const NodeRecord& n) {
  return "node " + std::to_string(n.id) + " (" + std::string(NodeKindName(n.kind)) + " " +
         Quote(n.name) + ")";
}

bool KnownKind(NodeKind k) {
  for (NodeKind x : kAllNodeKinds) if (x == k) return true;
  return false;
}

bool KnownRelation(Relation r) {
  for (Relation x : kAllRelations) if (x == r) return true;
  return false;
}

// An edge's aggregate as its claims (or, for MENTIONS and CITES, its article)
// give it: article_writer.cc's AddClaimToDelta and WriteProvenance.
struct Aggregate {
  uint32_t claims = 0;
  std::set<std::string> articles;
  std::string first, last;
  std::map<std::string, uint32_t> titles, outlets;

  void AddDate(const std::string& d) {
    if (d.empty()) return;
    if (first.empty() || d < first) first = d;
    if (last.empty() || d > last) last = d;
  }
};

// A negated claim is stored and indexed but is no evidence for its edge.
void AddAsserted(const ClaimRecord& c, Aggregate* a) {
  if (c.polarity < 0) return;
  a->claims++;
  a->articles.insert(c.article_id);
  a->AddDate(c.date);
  if (!c.title.empty()) a->titles[c.title]++;
  for (const auto& s : c.sources) a->outlets[s.name]++;
  if (!c.publisher.empty()) a->outlets[c.publisher]++;
}

EdgeRecord ToEdge(uint64_t id, const EdgeKey& key, const Aggregate& a) {
  EdgeRecord e;
  e.id = id;
  e.key = key;
  e.claim_count = a.claims;
  e.article_count = static_cast<uint32_t>(a.articles.size());
  e.first_date = a.first;
  e.last_date = a.last;
  for (const auto& [t, n] : a.titles) { e.titles.push_back(t); e.title_counts.push_back(n); }
  for (const auto& [o, n] : a.outlets) { e.outlets.push_back(o); e.outlet_counts.push_back(n); }
  return e;
}

std::string Counted(const std::vector<std::string>& names, const std::vector<uint32_t>& counts) {
  std::string s = "[";
  for (size_t i = 0; i < names.size(); ++i) {
    s += (i ? ", " : "") + Quote(names[i]) + "x" + (i < counts.size() ? std::to_string(counts[i]) : "?");
  }
  return s + "]";
}

// What differs between a stored aggregate and the one its claims give ("" when
// they agree), ids aside.
std::string EdgeDiff(const EdgeRecord& have, const EdgeRecord& want) {
  const char* from = IsDerived(want.key.relation) ? "its article gives " : "its claims give ";
  std::string d;
  auto field = [&](const char* name, const std::string& h, const std::string& w) {
    if (h != w) d += (d.empty() ? "" : "; ") + std::string(name) + " " + h + " but " + from + w;
  };
  field("claim_count", std::to_string(have.claim_count), std::to_string(want.claim_count));
  field("article_count", std::to_string(have.article_count), std::to_string(want.article_count));
  field("first_date", Quote(have.first_date), Quote(want.first_date));
  field("last_date", Quote(have.last_date), Quote(want.last_date));
  field("titles", Counted(have.titles, have.title_counts), Counted(want.titles, want.title_counts));
  field("outlets", Counted(have.outlets, have.outlet_counts), Counted(want.outlets, want.outlet_counts));
  return d;
}

// An Article node's properties, from its article (ArticleWriter::AddProvenanceEdges).
Properties ArticleProperties(const ArticleMeta& m) {
  Properties props;
  for (auto [k, v] : {std::pair{"title", &m.title}, {"date", &m.date}, {"url", &m.url},
                      {"source", &m.source}, {"author", &m.author}}) {
    if (!v->empty()) props.emplace_back(k, *v);
  }
  return props;
}

// The store as its primary records give it.
struct Model {
  std::map<uint64_t, NodeRecord> nodes;          // those that decode
  std::map<std::string, ArticleRecord> articles;  // those that decode
  std::unordered_map<uint64_t, std::string> listed_by;  // claim id -> the article listing it
  std::unordered_map<uint64_t, std::string> claims;     // claim id -> its article, claims kept
  std::map<EdgeKey, Aggregate> edges;    // every `out` entry, MENTIONS and CITES included
  std::set<std::string> edge_claims;     // every `edge_claims` key
  uint64_t max_claim = 0;
};

// Reports a bad record (its column family and key) with a message. kReportOnly
// marks a problem that names no record to drop.
constexpr Cf kReportOnly = Cf::kMeta;
using BadFn = std::function<void(Cf, std::string_view key, const std::string& message)>;
// Resolves a cited outlet's name to its Source node; 0 when none.
using SourceFn = std::function<uint64_t(const std::string& name)>;

Status LoadNodes(const Store::Impl& impl, Model* m, const BadFn& bad) {
  return impl.Scan(Cf::kNodes, "", [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) { bad(Cf::kNodes, k, "malformed nodes key of " + std::to_string(k.size()) + " bytes"); return Status::OK(); }
    const uint64_t id = keys::DecodeFixed64BE(k.data());
    NodeRecord n;
    Status s = codec::DecodeNode(v, &n);
    if (!s.ok()) { bad(Cf::kNodes, k, "Cap'n Proto value of node " + std::to_string(id) + " does not decode: " + s.message()); return Status::OK(); }
    if (n.id != id || !KnownKind(n.kind)) {
      bad(Cf::kNodes, k, "node " + std::to_string(id) + " holds id " + std::to_string(n.id) + " and kind " + std::to_string(int(n.kind)));
      return Status::OK();
    }
    m->nodes.emplace(id, std::move(n));
    return Status::OK();
  });
}

Status LoadArticles(const Store::Impl& impl, Model* m, const BadFn& bad) {
  return impl.Scan(Cf::kArticles, "", [&](std::string_view k, std::string_view v) {
    ArticleRecord a;
    Status s = codec::DecodeArticle(v, &a);
    if (!s.ok()) { bad(Cf::kArticles, k, "Cap'n Proto value of article " + Quote(k) + " does not decode: " + s.message()); return Status::OK(); }
    if (a.meta.id != k) { bad(Cf::kArticles, k, "article " + Quote(k) + " holds id " + Quote(a.meta.id)); return Status::OK(); }
    for (uint64_t id : a.claim_ids) {
      auto [it, fresh] = m->listed_by.emplace(id, a.meta.id);
      if (!fresh) bad(kReportOnly, k, "article " + Quote(k) + " lists claim " + std::to_string(id) + ", which article " + Quote(it->second) + " lists too");
    }
    m->articles.emplace(a.meta.id, std::move(a));
    return Status::OK();
  });
}

// Why a decoded claim cannot stand, "" when it can.
std::string ClaimFault(const Model& m, uint64_t key_id, const ClaimRecord& c) {
  const std::string name = "claim " + std::to_string(key_id);
  if (c.id != key_id) return name + " holds id " + std::to_string(c.id);
  auto art = m.articles.find(c.article_id);
  if (art == m.articles.end()) return name + " is of article " + Quote(c.article_id) + ", which is missing";
  auto lister = m.listed_by.find(key_id);
  if (lister == m.listed_by.end()) return name + " is of article " + Quote(c.article_id) + ", which does not list it";
  if (lister->second != c.article_id) {
    return name + " is of article " + Quote(c.article_id) + ", not " + Quote(lister->second) + " (which lists it)";
  }
  if (!KnownRelation(c.edge.relation) || IsDerived(c.edge.relation)) {
    return name + " has relation " + std::to_string(int(c.edge.relation)) + ", not a claim relation";
  }
  auto s = m.nodes.find(c.edge.source), t = m.nodes.find(c.edge.target);
  if (s == m.nodes.end() || t == m.nodes.end()) {
    return name + " (" + EdgeName(c.edge) + ") names missing node " +
           std::to_string(s == m.nodes.end() ? c.edge.source : c.edge.target);
  }
  if (IsSymmetric(c.edge.relation) && c.edge.source > c.edge.target) {
    return name + " (" + EdgeName(c.edge) + ") is symmetric but not from the smaller id";
  }
  return "";
}

// Reads every claim once, keeping in m->claims those that can stand (and, with
// keep_faulty, the others too). Each fault goes to `bad`.
Status LoadClaims(const Store::Impl& impl, bool keep_faulty, Model* m, const BadFn& bad) {
  return impl.Scan(Cf::kClaims, "", [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) { bad(Cf::kClaims, k, "malformed claims key of " + std::to_string(k.size()) + " bytes"); return Status::OK(); }
    const uint64_t id = keys::DecodeFixed64BE(k.data());
    m->max_claim = std::max(m->max_claim, id);
    ClaimRecord c;
    Status s = codec::DecodeClaim(v, &c);
    if (!s.ok()) { bad(Cf::kClaims, k, "Cap'n Proto value of claim " + std::to_string(id) + " does not decode: " + s.message()); return Status::OK(); }
    const std::string fault = ClaimFault(*m, id, c);
    if (!fault.empty()) bad(Cf::kClaims, k, fault);
    if (fault.empty() || (keep_faulty && c.id == id)) m->claims.emplace(id, c.article_id);
    return Status::OK();
  });
}

// The provenance edges one claim gives its article's node.
void AddProvenance(const ClaimRecord& c, const ArticleRecord& a, const SourceFn& source,
                   const BadFn& bad, Model* m) {
  for (uint64_t target : {c.edge.source, c.edge.target}) {
    Aggregate& agg = m->edges[EdgeKey{a.node, Relation::kMentions, target}];
    agg.claims++;
    agg.articles.insert(a.meta.id);
    agg.AddDate(a.meta.date);
  }
  for (const auto& s : c.sources) {
    const uint64_t target = source(s.name);
    if (!target) {
      bad(kReportOnly, keys::ClaimKey(c.id), "claim " + std::to_string(c.id) + " cites " + Quote(s.name) + ", which names no Source node");
      continue;
    }
    Aggregate& agg = m->edges[EdgeKey{a.node, Relation::kCites, target}];
    agg.claims++;
    agg.articles.insert(a.meta.id);
    agg.AddDate(s.date.empty() ? a.meta.date : s.date);
  }
}

// Reads the kept claims again and computes the edges and edge_claims keys they give.
Status Derive(const Store::Impl& impl, const SourceFn& source, const BadFn& bad, Model* m) {
  return impl.Scan(Cf::kClaims, "", [&](std::string_view k, std::string_view v) {
    if (k.size() != 8 || !m->claims.count(keys::DecodeFixed64BE(k.data()))) return Status::OK();
    ClaimRecord c;
    SG_RETURN_IF_ERROR(codec::DecodeClaim(v, &c));
    m->edge_claims.insert(keys::EdgeClaimKey(c.edge, keys::DateKey(c.date), c.id));
    if (!KnownRelation(c.edge.relation) || IsDerived(c.edge.relation)) return Status::OK();
    Aggregate& agg = m->edges[c.edge];
    AddAsserted(c, &agg);
    if (agg.claims == 0) m->edges.erase(c.edge);  // only negated claims: no edge
    auto a = m->articles.find(c.article_id);
    if (a != m->articles.end() && a->second.node) AddProvenance(c, a->second, source, bad, m);
    return Status::OK();
  });
}

// The names index entries a node may own: its name and aliases, normalized.
std::set<std::string> NameKeys(const NodeRecord& n) {
  std::set<std::string> out;
  for (const std::string* s = &n.name; s; s = nullptr) {
    if (auto norm = NormalizeName(*s); !norm.empty()) out.insert(keys::NameKey(norm, n.kind));
  }
  for (const auto& a : n.aliases) {
    if (auto norm = NormalizeName(a); !norm.empty()) out.insert(keys::NameKey(norm, n.kind));
  }
  return out;
}

std::string NameText(std::string_view key) {
  return key.size() >= 2 ? Quote(key.substr(0, key.size() - 2)) + " (" +
                               std::string(NodeKindName(NodeKind(key.back()))) + ")"
                         : Quote(key);
}

std::string ReadU64(const Store::Impl& impl, std::string_view key, uint64_t* out) {
  std::string v;
  Status s = impl.Get(Cf::kMeta, key, &v);
  *out = 0;
  if (s.IsNotFound()) return "";
  if (!s.ok()) return s.ToString();
  if (v.size() != 8) return "meta record " + Quote(key) + " has " + std::to_string(v.size()) + " bytes, not 8";
  *out = keys::DecodeFixed64BE(v.data());
  return "";
}

// ----- CheckStore

class Checker {
 public:
  Checker(const Store& store, const CheckOptions& options, CheckReport* report)
      : store_(store), impl_(*StoreInternals::Of(store)), options_(options), report_(report) {}

  Status Run();

 private:
  void Problem(std::string p) {
    report_->problem_count++;
    if (report_->problems.size() < options_.max_problems) report_->problems.push_back(std::move(p));
  }
  BadFn Reporter() {
    return [this](Cf, std::string_view, const std::string& m) { Problem(m); };
  }
  uint64_t SourceNode(const std::string& name);
  void CheckSchemaVersion();
  void CheckArticles();
  Status CheckKinds();
  Status CheckNames();
  Status CheckOut();
  Status CheckIn();
  Status CheckEdgeClaims();
  void CheckOrphans();
  Status CheckCounts();
  void CheckCounters();

  const Store& store_;
  const Store::Impl& impl_;
  CheckOptions options_;
  CheckReport* report_;
  Model m_;
  std::set<EdgeKey> out_keys_;        // the stored `out` keys
  std::set<uint64_t> with_edges_;     // nodes at either end of a stored edge
  uint64_t max_edge_ = 0;
};

uint64_t Checker::SourceNode(const std::string& name) {
  std::string v;
  Status s = impl_.Get(Cf::kNames, keys::NameKey(NormalizeName(name), NodeKind::kSource), &v);
  return s.ok() && v.size() == 8 ? keys::DecodeFixed64BE(v.data()) : 0;
}

void Checker::CheckSchemaVersion() {
  // Version 1 (no counts yet) is sound: its next read-write open migrates it.
  if (impl_.schema_version < 1 || impl_.schema_version > keys::kSchemaVersion) {
    Problem("schema version is " + std::to_string(impl_.schema_version) + ", this build reads 1 to " +
            std::to_string(keys::kSchemaVersion));
  }
}

void Checker::CheckArticles() {
  std::map<uint64_t, std::string> node_owner;
  for (const auto& [id, a] : m_.articles) {
    const std::string name = "article " + Quote(id);
    for (uint64_t c : a.claim_ids) {
      if (!m_.claims.count(c)) Problem(name + " lists claim " + std::to_string(c) + ", which is missing");
    }
    if (a.claim_ids.empty()) {
      if (a.node) Problem(name + " has no claims but names Article node " + std::to_string(a.node));
      continue;
    }
    auto n = m_.nodes.find(a.node);
    if (n == m_.nodes.end()) { Problem(name + " names missing Article node " + std::to_string(a.node)); continue; }
    if (n->second.kind != NodeKind::kArticle || n->second.name != id) {
      Problem(name + " names " + NodeName(n->second) + ", not its Article node");
    } else if (n->second.properties != ArticleProperties(a.meta)) {
      Problem(NodeName(n->second) + ": properties differ from its article's title, date, url, source, author");
    }
    if (auto [it, fresh] = node_owner.emplace(a.node, id); !fresh) {
      Problem(name + " shares Article node " + std::to_string(a.node) + " with article " + Quote(it->second));
    }
  }
  for (const auto& [id, n] : m_.nodes) {
    if (n.kind == NodeKind::kArticle && !node_owner.count(id)) Problem(NodeName(n) + " is no article's node");
  }
}

Status Checker::CheckKinds() {
  std::set<uint64_t> seen;
  SG_RETURN_IF_ERROR(impl_.Scan(Cf::kKinds, "", [&](std::string_view k, std::string_view) {
    if (k.size() != 9) { Problem("malformed kinds key of " + std::to_string(k.size()) + " bytes"); return Status::OK(); }
    const uint64_t id = keys::DecodeFixed64BE(k.data() + 1);
    const auto kind = NodeKind(k[0]);
    auto n = m_.nodes.find(id);
    if (n == m_.nodes.end()) Problem("kinds entry " + std::string(NodeKindName(kind)) + " " + std::to_string(id) + " names a missing node");
    else if (n->second.kind != kind) Problem("kinds entry " + std::string(NodeKindName(kind)) + " " + std::to_string(id) + " disagrees with " + NodeName(n->second));
    else seen.insert(id);
    return Status::OK();
  }));
  for (const auto& [id, n] : m_.nodes) {
    if (!seen.count(id)) Problem(NodeName(n) + " is missing from the kinds index");
  }
  return Status::OK();
}

Status Checker::CheckNames() {
  std::map<std::string, uint64_t> index;
  SG_RETURN_IF_ERROR(impl_.Scan(Cf::kNames, "", [&](std::string_view k, std::string_view v) {
    if (k.size() < 2 || k[k.size() - 2] != '\0' || v.size() != 8) { Problem("malformed names entry " + Quote(k)); return Status::OK(); }
    const uint64_t id = keys::DecodeFixed64BE(v.data());
    index.emplace(std::string(k), id);
    auto n = m_.nodes.find(id);
    if (n == m_.nodes.end()) Problem("name " + NameText(k) + " points to missing node " + std::to_string(id));
    else if (!NameKeys(n->second).count(std::string(k))) Problem("name " + NameText(k) + " points to " + NodeName(n->second) + ", which does not record it");
    return Status::OK();
  }));
  for (const auto& [id, n] : m_.nodes) {
    if (n.aliases.size() > kMaxAliases) Problem(NodeName(n) + " has " + std::to_string(n.aliases.size()) + " aliases, more than " + std::to_string(kMaxAliases));
    if (n.kind == NodeKind::kArticle) continue;  // an article id another article owns is not indexed
    for (const auto& key : NameKeys(n)) {
      auto it = index.find(key);
      if (it == index.end()) Problem("name " + NameText(key) + " of " + NodeName(n) + " is not indexed");
      else if (it->second != id) Problem("name " + NameText(key) + " of " + NodeName(n) + " is indexed to node " + std::to_string(it->second));
    }
  }
  return Status::OK();
}

Status Checker::CheckOut() {
  std::set<uint64_t> ids;
  SG_RETURN_IF_ERROR(impl_.Scan(Cf::kOut, "", [&](std::string_view k, std::string_view v) {
    auto key = keys::DecodeOutKey(k);
    if (!key) { Problem("malformed out key of " + std::to_string(k.size()) + " bytes"); return Status::OK(); }
    report_->edges++;
    out_keys_.insert(*key);
    with_edges_.insert(key->source);
    with_edges_.insert(key->target);
    for (uint64_t node : {key->source, key->target}) {
      if (!m_.nodes.count(node)) Problem(EdgeName(*key) + " names missing node " + std::to_string(node));
    }
    EdgeRecord e;
    Status s = codec::DecodeEdge(v, &e);
    if (!s.ok()) { Problem("Cap'n Proto value of " + EdgeName(*key) + " does not decode: " + s.message()); return Status::OK(); }
    if (e.key != *key) Problem(EdgeName(*key) + " holds the key of " + EdgeName(e.key));
    if (!ids.insert(e.id).second) Problem(EdgeName(*key) + " reuses edge id " + std::to_string(e.id));
    max_edge_ = std::max(max_edge_, e.id);
    auto want = m_.edges.find(*key);
    if (want == m_.edges.end()) {
      Problem(EdgeName(*key) + (IsDerived(key->relation) ? " is not given by any article's claims" : " has no asserted claim"));
      return Status::OK();
    }
    if (auto d = EdgeDiff(e, ToEdge(e.id, *key, want->second)); !d.empty()) Problem(EdgeName(*key) + ": " + d);
    return Status::OK();
  }));
  for (const auto& [key, agg] : m_.edges) {
    if (!out_keys_.count(key)) Problem(EdgeName(key) + " is missing: " + std::to_string(agg.claims) + (IsDerived(key.relation) ? " mention(s) in its article" : " asserted claim(s) give it"));
  }
  return Status::OK();
}

Status Checker::CheckIn() {
  std::set<EdgeKey> in_keys;
  SG_RETURN_IF_ERROR(impl_.Scan(Cf::kIn, "", [&](std::string_view k, std::string_view) {
    auto key = keys::DecodeInKey(k);
    if (!key) { Problem("malformed in key of " + std::to_string(k.size()) + " bytes"); return Status::OK(); }
    in_keys.insert(*key);
    if (!out_keys_.count(*key)) {
      Problem("in-adjacency " + std::to_string(key->target) + " <-" + std::string(RelationName(key->relation)) + "- " + std::to_string(key->source) + " has no out edge");
    }
    return Status::OK();
  }));
  for (const auto& key : out_keys_) {
    if (!in_keys.count(key)) Problem(EdgeName(key) + " has no in-adjacency entry");
  }
  return Status::OK();
}

Status Checker::CheckEdgeClaims() {
  std::set<std::string> seen;
  SG_RETURN_IF_ERROR(impl_.Scan(Cf::kEdgeClaims, "", [&](std::string_view k, std::string_view) {
    auto id = keys::DecodeEdgeClaimId(k);
    auto edge = keys::DecodeOutKey(k.substr(0, std::min<size_t>(k.size(), 17)));
    if (!id || !edge || k.size() != 29) { Problem("malformed edge_claims key of " + std::to_string(k.size()) + " bytes"); return Status::OK(); }
    if (m_.edge_claims.count(std::string(k))) { seen.insert(std::string(k)); return Status::OK(); }
    const std::string name = "edge_claims entry of " + EdgeName(*edge) + " for claim " + std::to_string(*id);
    Problem(name + (m_.claims.count(*id) ? " disagrees with the claim's edge or date" : " names a missing claim"));
    return Status::OK();
  }));
  for (const auto& k : m_.edge_claims) {
    if (!seen.count(k)) Problem("claim " + std::to_string(*keys::DecodeEdgeClaimId(k)) + " has no edge_claims entry under " + EdgeName(*keys::DecodeOutKey(k.substr(0, 17))));
  }
  return Status::OK();
}

void Checker::CheckOrphans() {
  for (const auto& [id, n] : m_.nodes) {
    if (!with_edges_.count(id)) Problem(NodeName(n) + " has no edges (orphan)");
  }
}

std::string CountName(std::string_view what, std::string_view key) {
  return std::string(what) + (key.empty() ? "" : "[" + std::string(key) + "]");
}

Status Checker::CheckCounts() {
  StoreCounts kept, scanned;
  SG_RETURN_IF_ERROR(store_.Counts(&kept));
  SG_RETURN_IF_ERROR(store_.ScanCounts(&scanned));
  auto compare = [&](const std::string& name, uint64_t k, uint64_t s) {
    if (k != s) Problem(name + " is " + std::to_string(k) + ", scan finds " + std::to_string(s));
  };
  for (NodeKind kind : kAllNodeKinds) {
    compare(CountName("count_nodes", NodeKindName(kind)), kept.nodes_by_kind[kind], scanned.nodes_by_kind[kind]);
  }
  for (Relation r : kAllRelations) {
    compare(CountName("count_edges", RelationName(r)), kept.edges_by_relation[r], scanned.edges_by_relation[r]);
  }
  compare("count_claims", kept.claims, scanned.claims);
  compare("count_articles", kept.articles, scanned.articles);
  return Status::OK();
}

void Checker::CheckCounters() {
  const uint64_t max_node = m_.nodes.empty() ? 0 : m_.nodes.rbegin()->first;
  auto check = [&](const char* name, uint64_t next, uint64_t max_used) {
    if (max_used && next <= max_used) Problem(std::string(name) + " is " + std::to_string(next) + " but id " + std::to_string(max_used) + " is in use");
  };
  check("next_node_id", impl_.next_node_id, max_node);
  check("next_edge_id", impl_.next_edge_id, max_edge_);
  check("next_claim_id", impl_.next_claim_id, m_.max_claim);
}

Status Checker::Run() {
  CheckSchemaVersion();
  const BadFn bad = Reporter();
  SG_RETURN_IF_ERROR(LoadNodes(impl_, &m_, bad));
  SG_RETURN_IF_ERROR(LoadArticles(impl_, &m_, bad));
  SG_RETURN_IF_ERROR(LoadClaims(impl_, /*keep_faulty=*/true, &m_, bad));
  SG_RETURN_IF_ERROR(Derive(impl_, [this](const std::string& n) { return SourceNode(n); }, bad, &m_));
  report_->nodes = m_.nodes.size();
  report_->claims = m_.claims.size();
  report_->articles = m_.articles.size();
  CheckArticles();
  SG_RETURN_IF_ERROR(CheckKinds());
  SG_RETURN_IF_ERROR(CheckNames());
  SG_RETURN_IF_ERROR(CheckOut());
  SG_RETURN_IF_ERROR(CheckIn());
  SG_RETURN_IF_ERROR(CheckEdgeClaims());
  CheckOrphans();
  SG_RETURN_IF_ERROR(CheckCounts());
  CheckCounters();
  return Status::OK();
}

// ----- RepairStore

class Repairer {
 public:
  Repairer(Store::Impl* impl, RepairReport* report) : impl_(impl), report_(report) {}

  Status Run();

 private:
  void Fix(const std::string& what) { fixes_[what]++; }
  void Put(Cf cf, const std::string& key, const std::string& value) {
    batch_.Put(impl_->handle(cf), key, value).PermitUncheckedError();  // in memory
    report_->changes++;
  }
  void Delete(Cf cf, std::string_view key) {
    batch_.Delete(impl_->handle(cf), rocksdb::Slice(key.data(), key.size())).PermitUncheckedError();
    report_->changes++;
  }
  BadFn Dropper();
  void FixArticles();
  void FixArticleNode(ArticleRecord* a);
  uint64_t NewNode(NodeKind kind, const std::string& name);
  void IndexNames();
  uint64_t SourceNode(const std::string& name);
  void DropOrphans();
  Status WriteNodes();
  Status WriteKinds();
  Status WriteNames();
  Status WriteEdges();
  Status WriteKeySet(Cf cf, const std::set<std::string>& want, const char* what);
  Status WriteCounts();
  void WriteCounters();

  Store::Impl* impl_;
  RepairReport* report_;
  rocksdb::WriteBatch batch_;
  Model m_;
  std::set<uint64_t> dirty_nodes_;
  std::set<std::string> dirty_articles_;
  std::map<std::string, uint64_t> names_;  // the rebuilt names index
  std::map<std::string, uint64_t> fixes_;  // fix -> how many times
  StoreCounts counts_;
  uint64_t max_edge_ = 0;
};

// Drops a record that cannot stand; an article that loses a claim is rewritten.
BadFn Repairer::Dropper() {
  return [this](Cf cf, std::string_view key, const std::string&) {
    if (cf == kReportOnly) return;  // FixArticles and SourceNode deal with it
    Delete(cf, key);
    const char* what = cf == Cf::kNodes ? "dropped an undecodable node"
                       : cf == Cf::kArticles ? "dropped an undecodable article"
                                             : "dropped a claim that cannot stand (undecodable, or its article or a node missing)";
    Fix(what);
  };
}

uint64_t Repairer::NewNode(NodeKind kind, const std::string& name) {
  const uint64_t id = impl_->next_node_id++;
  NodeRecord n;
  n.id = id;
  n.kind = kind;
  n.name = name;
  m_.nodes.emplace(id, std::move(n));
  dirty_nodes_.insert(id);
  return id;
}

void Repairer::FixArticleNode(ArticleRecord* a) {
  if (a->claim_ids.empty()) {
    if (a->node) { a->node = 0; dirty_articles_.insert(a->meta.id); }
    return;
  }
  auto n = m_.nodes.find(a->node);
  if (n == m_.nodes.end() || n->second.kind != NodeKind::kArticle || n->second.name != a->meta.id) {
    a->node = NewNode(NodeKind::kArticle, a->meta.id);
    dirty_articles_.insert(a->meta.id);
    Fix("made a missing Article node");
    n = m_.nodes.find(a->node);
  }
  Properties props = ArticleProperties(a->meta);
  if (n->second.properties != props) {
    n->second.properties = std::move(props);
    dirty_nodes_.insert(a->node);
  }
}

// Articles keep only the claims that stand; one that lost any has its content
// hash cleared, so that the next ingest of it rewrites it whole.
void Repairer::FixArticles() {
  std::set<uint64_t> article_nodes;
  for (auto& [id, a] : m_.articles) {
    std::vector<uint64_t> kept;
    for (uint64_t c : a.claim_ids) {
      auto it = m_.claims.find(c);
      if (it != m_.claims.end() && it->second == id) kept.push_back(c);
    }
    if (kept.size() != a.claim_ids.size()) {
      a.claim_ids = std::move(kept);
      a.content_hash.clear();
      dirty_articles_.insert(id);
      Fix("cleared the content hash of an article that lost claims (the next ingest rewrites it)");
    }
    if (a.node && !article_nodes.insert(a.node).second) a.node = 0;  // shared: make its own
    FixArticleNode(&a);
  }
}

// The names index as it stands where it is right, completed in node id order.
void Repairer::IndexNames() {
  names_.clear();
  impl_->Scan(Cf::kNames, "", [&](std::string_view k, std::string_view v) {
    if (v.size() != 8) return Status::OK();
    auto n = m_.nodes.find(keys::DecodeFixed64BE(v.data()));
    if (n != m_.nodes.end() && NameKeys(n->second).count(std::string(k))) names_.emplace(k, n->first);
    return Status::OK();
  }).PermitUncheckedError();  // a failed read shows again, and fails, in WriteNames
  for (const auto& [id, n] : m_.nodes) {
    std::vector<std::string> ordered{n.name};
    ordered.insert(ordered.end(), n.aliases.begin(), n.aliases.end());
    for (const auto& s : ordered) {
      if (auto norm = NormalizeName(s); !norm.empty()) names_.emplace(keys::NameKey(norm, n.kind), id);
    }
  }
}

uint64_t Repairer::SourceNode(const std::string& name) {
  const std::string norm = NormalizeName(name);
  if (norm.empty()) return 0;
  const std::string key = keys::NameKey(norm, NodeKind::kSource);
  if (auto it = names_.find(key); it != names_.end()) return it->second;
  Fix("made a missing Source node");
  return names_[key] = NewNode(NodeKind::kSource, name);
}

// Actor, position and source nodes no edge needs go, as a replacement drops them.
void Repairer::DropOrphans() {
  std::set<uint64_t> used;
  for (const auto& [key, agg] : m_.edges) { used.insert(key.source); used.insert(key.target); }
  for (auto it = m_.nodes.begin(); it != m_.nodes.end();) {
    if (used.count(it->first)) { ++it; continue; }
    Delete(Cf::kNodes, keys::NodeKey(it->first));
    dirty_nodes_.erase(it->first);
    Fix("dropped a node without edges");
    it = m_.nodes.erase(it);
  }
}

Status Repairer::WriteNodes() {
  for (uint64_t id : dirty_nodes_) {
    Put(Cf::kNodes, keys::NodeKey(id), codec::EncodeNode(m_.nodes.at(id)));
  }
  if (!dirty_nodes_.empty()) Fix("rewrote Article nodes' properties or made nodes (" + std::to_string(dirty_nodes_.size()) + ")");
  for (const auto& id : dirty_articles_) {
    Put(Cf::kArticles, keys::ArticleKey(id), codec::EncodeArticle(m_.articles.at(id)));
  }
  return Status::OK();
}

// Makes column family `cf` hold exactly the keys `want` (empty values).
Status Repairer::WriteKeySet(Cf cf, const std::set<std::string>& want, const char* what) {
  std::set<std::string> seen;
  uint64_t before = report_->changes;
  SG_RETURN_IF_ERROR(impl_->Scan(cf, "", [&](std::string_view k, std::string_view v) {
    if (want.count(std::string(k)) && v.empty()) seen.emplace(k);
    else Delete(cf, k);
    return Status::OK();
  }));
  for (const auto& k : want) if (!seen.count(k)) Put(cf, k, "");
  if (report_->changes != before) Fix(std::string("rebuilt the ") + what + " index (" + std::to_string(report_->changes - before) + " keys)");
  return Status::OK();
}

Status Repairer::WriteKinds() {
  std::set<std::string> want;
  for (const auto& [id, n] : m_.nodes) want.insert(keys::KindKey(n.kind, id));
  return WriteKeySet(Cf::kKinds, want, "kinds");
}

Status Repairer::WriteNames() {
  IndexNames();
  const uint64_t before = report_->changes;
  std::set<std::string> seen;
  SG_RETURN_IF_ERROR(impl_->Scan(Cf::kNames, "", [&](std::string_view k, std::string_view v) {
    auto it = names_.find(std::string(k));
    if (it != names_.end() && v.size() == 8 && keys::DecodeFixed64BE(v.data()) == it->second) seen.emplace(k);
    else Delete(Cf::kNames, k);
    return Status::OK();
  }));
  for (const auto& [k, id] : names_) {
    if (seen.count(k)) continue;
    std::string v;
    keys::PutFixed64BE(&v, id);
    Put(Cf::kNames, k, v);
  }
  if (report_->changes != before) Fix("rebuilt the names index (" + std::to_string(report_->changes - before) + " keys)");
  return Status::OK();
}

// `out` as the claims give it (ids kept where an edge stays), and `in` to match.
Status Repairer::WriteEdges() {
  std::set<EdgeKey> kept;  // stored edges that keep their id
  std::set<uint64_t> ids;
  const uint64_t before = report_->changes;
  SG_RETURN_IF_ERROR(impl_->Scan(Cf::kOut, "", [&](std::string_view k, std::string_view v) {
    auto key = keys::DecodeOutKey(k);
    EdgeRecord e;
    auto want = key ? m_.edges.find(*key) : m_.edges.end();
    if (want == m_.edges.end()) { Delete(Cf::kOut, k); return Status::OK(); }
    if (!codec::DecodeEdge(v, &e).ok() || e.key != *key || !ids.insert(e.id).second) return Status::OK();
    kept.insert(*key);
    max_edge_ = std::max(max_edge_, e.id);
    if (!EdgeDiff(e, ToEdge(e.id, *key, want->second)).empty()) {
      Put(Cf::kOut, std::string(k), codec::EncodeEdge(ToEdge(e.id, *key, want->second)));
    }
    return Status::OK();
  }));
  impl_->next_edge_id = std::max(impl_->next_edge_id, max_edge_ + 1);
  std::set<std::string> in_keys;
  for (const auto& [key, agg] : m_.edges) {
    in_keys.insert(keys::InKey(key));
    counts_.edges_by_relation[key.relation]++;
    counts_.edges++;
    if (kept.count(key)) continue;
    Put(Cf::kOut, keys::OutKey(key), codec::EncodeEdge(ToEdge(impl_->next_edge_id++, key, agg)));
  }
  if (report_->changes != before) Fix("rebuilt edge aggregates (" + std::to_string(report_->changes - before) + " keys)");
  return WriteKeySet(Cf::kIn, in_keys, "in-adjacency");
}

Status Repairer::WriteCounts() {
  for (const auto& [id, n] : m_.nodes) { counts_.nodes_by_kind[n.kind]++; counts_.nodes++; }
  counts_.claims = m_.claims.size();
  counts_.articles = m_.articles.size();
  std::map<std::string, uint64_t> want;
  for (NodeKind k : kAllNodeKinds) want[keys::NodeCountKey(k)] = counts_.nodes_by_kind[k];
  for (Relation r : kAllRelations) want[keys::EdgeCountKey(r)] = counts_.edges_by_relation[r];
  want[std::string(keys::kClaimCountKey)] = counts_.claims;
  want[std::string(keys::kArticleCountKey)] = counts_.articles;
  std::erase_if(counts_.nodes_by_kind, [](const auto& e) { return e.second == 0; });
  std::erase_if(counts_.edges_by_relation, [](const auto& e) { return e.second == 0; });
  const uint64_t before = report_->changes;
  for (const auto& [key, n] : want) {
    uint64_t stored = 0;
    if (!ReadU64(*impl_, key, &stored).empty() || stored != n) {
      auto [k, v] = CountRecord(key, n);
      Put(Cf::kMeta, k, v);
    }
  }
  if (report_->changes != before) Fix("rewrote the counts (" + std::to_string(report_->changes - before) + " keys)");
  return Status::OK();
}

void Repairer::WriteCounters() {
  const uint64_t max_node = m_.nodes.empty() ? 0 : m_.nodes.rbegin()->first;
  impl_->next_node_id = std::max(impl_->next_node_id, max_node + 1);
  impl_->next_claim_id = std::max(impl_->next_claim_id, m_.max_claim + 1);
  for (auto [key, value] : {std::pair{keys::kNextNodeIdKey, impl_->next_node_id},
                            {keys::kNextEdgeIdKey, impl_->next_edge_id},
                            {keys::kNextClaimIdKey, impl_->next_claim_id}}) {
    uint64_t stored = 0;
    if (ReadU64(*impl_, key, &stored).empty() && stored == value) continue;
    std::string v;
    keys::PutFixed64BE(&v, value);
    Put(Cf::kMeta, std::string(key), v);
    Fix("raised an id counter above the ids in use");
  }
}

Status Repairer::Run() {
  const BadFn drop = Dropper();
  SG_RETURN_IF_ERROR(LoadNodes(*impl_, &m_, drop));
  SG_RETURN_IF_ERROR(LoadArticles(*impl_, &m_, drop));
  SG_RETURN_IF_ERROR(LoadClaims(*impl_, /*keep_faulty=*/false, &m_, drop));
  FixArticles();
  IndexNames();
  SG_RETURN_IF_ERROR(Derive(*impl_, [this](const std::string& n) { return SourceNode(n); }, drop, &m_));
  DropOrphans();
  SG_RETURN_IF_ERROR(WriteNodes());
  SG_RETURN_IF_ERROR(WriteKinds());
  SG_RETURN_IF_ERROR(WriteNames());
  SG_RETURN_IF_ERROR(WriteEdges());
  SG_RETURN_IF_ERROR(WriteKeySet(Cf::kEdgeClaims, m_.edge_claims, "edge_claims"));
  SG_RETURN_IF_ERROR(WriteCounts());
  WriteCounters();
  SG_RETURN_IF_ERROR(FromRocks(impl_->db->Write(rocksdb::WriteOptions(), &batch_), "writing the repair"));
  // The writer's caches may hold what was just rewritten.
  impl_->name_cache.clear();
  impl_->node_cache.clear();
  impl_->counts = counts_;
  for (const auto& [what, n] : fixes_) report_->fixes.push_back(what + (n > 1 ? " x" + std::to_string(n) : ""));
  return Status::OK();
}

}  // namespace

Status CheckStore(const Store& store, const CheckOptions& options, CheckReport* report) {
  *report = CheckReport();
  return Checker(store, options, report).Run();
}

Status RepairStore(Store* store, RepairReport* report) {
  *report = RepairReport();
  Store::Impl* impl = StoreInternals::Of(*store);
  if (impl->read_only) return Status::Unsupported("the database is open read-only");
  const uint64_t node = impl->next_node_id, edge = impl->next_edge_id;
  Status s = Repairer(impl, report).Run();
  if (!s.ok()) {  // nothing was written: hand the ids out again
    impl->next_node_id = node;
    impl->next_edge_id = edge;
  }
  return s;
}

}  // namespace sg
