// The ingest write path: one article's claims, resolved and aggregated, in one
// atomic WriteBatch. Reads go through the batch (WriteBatchWithIndex), so names
// and edges created earlier in the same article are seen.

#include <rocksdb/utilities/write_batch_with_index.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "graph/names.h"
#include "storage/codec.h"
#include "storage/keys.h"
#include "storage/store_impl.h"

namespace sg {
namespace {

using Cf = Store::Impl::Cf;
using keys::EdgeKey;

// At most this many aliases are kept on a node; later ones still index the name.
constexpr size_t kMaxAliases = 64;

// What one article adds to an edge, or takes from it when it is replaced.
struct EdgeDelta {
  int64_t claims = 0;
  std::set<std::string> dates;  // the claims' dates, "" left out
  std::map<std::string, int64_t> titles, outlets;
};

void MergeDate(const std::string& date, std::string* first, std::string* last) {
  if (date.empty()) return;
  if (first->empty() || date < *first) *first = date;
  if (last->empty() || date > *last) *last = date;
}

// A negated claim ("did not rule out") is kept with its edge's claims, for
// `explain`, but is no evidence for the edge: it adds nothing to the aggregate
// and makes no edge by itself.
void AddClaimToDelta(const ClaimRecord& c, EdgeDelta* d) {
  if (c.polarity < 0) return;
  d->claims++;
  if (!c.date.empty()) d->dates.insert(c.date);
  if (!c.title.empty()) d->titles[c.title]++;
  for (const auto& s : c.sources) d->outlets[s.name]++;
  if (!c.publisher.empty()) d->outlets[c.publisher]++;
}

// Adds sign * counts to the sorted (names, counts) pair, dropping names whose
// count reaches zero. False when a count would go negative (a corrupt edge).
bool ApplyCounts(const std::map<std::string, int64_t>& delta, int sign,
                 std::vector<std::string>* names, std::vector<uint32_t>* counts) {
  std::map<std::string, int64_t> all;
  for (size_t i = 0; i < names->size(); ++i) all[(*names)[i]] = i < counts->size() ? (*counts)[i] : 1;
  for (const auto& [name, n] : delta) all[name] += sign * n;
  names->clear();
  counts->clear();
  for (const auto& [name, n] : all) {
    if (n < 0) return false;
    if (n == 0) continue;
    names->push_back(name);
    counts->push_back(static_cast<uint32_t>(n));
  }
  return true;
}

// keys::DateKey's inverse: 20250217 -> "2025-02-17", 20250200 -> "2025-02".
std::string IsoDate(uint32_t key) {
  if (key == keys::kUnknownDate) return "";
  char buf[16];
  const unsigned y = key / 10000, m = key / 100 % 100, d = key % 100;
  if (m == 0) std::snprintf(buf, sizeof(buf), "%04u", y);
  else if (d == 0) std::snprintf(buf, sizeof(buf), "%04u-%02u", y, m);
  else std::snprintf(buf, sizeof(buf), "%04u-%02u-%02u", y, m, d);
  return buf;
}

// What one article changes in the stored counts (Store::Counts).
struct CountDelta {
  std::map<NodeKind, int64_t> nodes;
  std::map<Relation, int64_t> edges;
  int64_t claims = 0;
  int64_t articles = 0;
};

// Adds `delta` to `count`; false when it would go negative (the counts disagree
// with the data).
bool AddCount(uint64_t* count, int64_t delta) {
  if (delta < 0 && static_cast<uint64_t>(-delta) > *count) return false;
  *count += delta;
  return true;
}

EdgeKey CanonicalEdge(uint64_t subject, Relation relation, uint64_t object) {
  if (IsSymmetric(relation) && object < subject) std::swap(subject, object);
  return EdgeKey{subject, relation, object};
}

class ArticleWriter {
 public:
  explicit ArticleWriter(Store::Impl* impl) : impl_(impl) {}

  Status Run(const ArticleClaims& in, Store::IngestOutcome* outcome);

 private:
  // Batch-aware access.
  Status Get(Cf cf, const std::string& key, std::string* value);
  void Put(Cf cf, const std::string& key, const std::string& value);
  void Delete(Cf cf, const std::string& key);
  Status HasPrefix(Cf cf, const std::string& prefix, bool* found);
  Status ScanPrefix(Cf cf, const std::string& prefix,
                    const std::function<Status(std::string_view key)>& fn);

  Status Validate(const ArticleClaims& in);
  Status RemoveOldClaims(const ArticleRecord& old);
  Status LoadNode(uint64_t id, NodeRecord** out);
  Status LookupName(const std::string& norm, NodeKind kind, uint64_t* id);
  Status Resolve(const EntityRef& ref, uint64_t* id);
  void IndexName(NodeRecord* node, const std::string& surface);
  Status AddClaim(const ArticleMeta& meta, const Claim& claim, uint64_t subject, uint64_t object);
  Status AddProvenanceEdges(const ArticleClaims& in, const std::vector<uint64_t>& mentioned);
  void WriteProvenance(Relation relation, const std::map<uint64_t, EdgeDelta>& targets);
  Status RemoveProvenanceEdges(uint64_t article_node);
  Status ArticleNode(const ArticleMeta& meta, NodeRecord** node);
  void UpdateCaches();
  Status WriteEdge(const EdgeKey& key);
  Status DateBounds(const EdgeKey& key, std::string* first, std::string* last);
  Status DropIfOrphan(uint64_t id);
  Status PutCounts();
  Status Commit(const ArticleClaims& in);

  Store::Impl* impl_;
  // A new article only reads what is already committed (names and nodes it
  // creates are kept in new_names_ and nodes_), so it writes a plain batch. A
  // replaced article deletes and rewrites keys it reads again, so it writes an
  // indexed batch whose reads see its own writes.
  rocksdb::WriteBatch plain_;
  std::unique_ptr<rocksdb::WriteBatchWithIndex> indexed_;
  std::unordered_map<uint64_t, NodeRecord> nodes_;  // read or created by this article
  std::set<uint64_t> dirty_nodes_;
  std::map<EdgeKey, EdgeDelta> removed_;   // the old version's claims by edge
  std::map<EdgeKey, EdgeDelta> added_;     // new claims by edge
  std::set<uint64_t> endpoints_;           // nodes that may have lost their last edge
  std::vector<uint64_t> claim_ids_;
  uint64_t article_node_ = 0;
  uint64_t old_node_ = 0;  // the replaced version's article node, if it had one
  // Changes to the writer caches, applied once the batch is written.
  std::unordered_map<std::string, uint64_t> new_names_;
  std::vector<std::string> dropped_names_;
  std::vector<uint64_t> dropped_nodes_;
  CountDelta delta_;
  StoreCounts counts_;  // the counts once the batch is written
};

Status ArticleWriter::Get(Cf cf, const std::string& key, std::string* value) {
  rocksdb::Status s =
      indexed_ ? indexed_->GetFromBatchAndDB(impl_->db.get(), rocksdb::ReadOptions(),
                                             impl_->handle(cf), key, value)
               : impl_->db->Get(rocksdb::ReadOptions(), impl_->handle(cf), key, value);
  if (s.IsNotFound()) return Status::NotFound("key");
  return FromRocks(s, "reading during ingest");
}

void ArticleWriter::Put(Cf cf, const std::string& key, const std::string& value) {
  // In-memory appends: they fail only on a corrupt batch, which cannot happen here.
  if (indexed_) indexed_->Put(impl_->handle(cf), key, value).PermitUncheckedError();
  else plain_.Put(impl_->handle(cf), key, value).PermitUncheckedError();
}

void ArticleWriter::Delete(Cf cf, const std::string& key) {
  if (indexed_) indexed_->Delete(impl_->handle(cf), key).PermitUncheckedError();
  else plain_.Delete(impl_->handle(cf), key).PermitUncheckedError();
}

Status ArticleWriter::ScanPrefix(Cf cf, const std::string& prefix,
                                 const std::function<Status(std::string_view)>& fn) {
  rocksdb::Iterator* base = impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->handle(cf));
  std::unique_ptr<rocksdb::Iterator> it(indexed_ ? indexed_->NewIteratorWithBase(impl_->handle(cf), base)
                                                 : base);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    SG_RETURN_IF_ERROR(fn(std::string_view(it->key().data(), it->key().size())));
  }
  return FromRocks(it->status(), "scanning during ingest");
}

Status ArticleWriter::HasPrefix(Cf cf, const std::string& prefix, bool* found) {
  *found = false;
  Status s = ScanPrefix(cf, prefix, [&](std::string_view) {
    *found = true;
    return Status::Busy("stop");  // stops the scan at the first key
  });
  return *found ? Status::OK() : s;
}

Status ArticleWriter::Validate(const ArticleClaims& in) {
  if (in.article.id.empty()) return Status::InvalidInput("article without an id");
  for (size_t i = 0; i < in.claims.size(); ++i) {
    const Claim& c = in.claims[i];
    if (IsDerived(c.relation)) {
      return Status::InvalidInput("article '" + in.article.id + "' claim " + std::to_string(i + 1) +
                                  ": " + std::string(RelationName(c.relation)) +
                                  " edges are derived from articles, not given as claims");
    }
    if (!RelationAllows(c.relation, c.subject.kind, c.object.kind)) {
      return Status::InvalidInput(
          "article '" + in.article.id + "' claim " + std::to_string(i + 1) + ": " +
          std::string(RelationName(c.relation)) + " does not go from " +
          std::string(NodeKindName(c.subject.kind)) + " to " +
          std::string(NodeKindName(c.object.kind)));
    }
    bool unnamed = NormalizeName(c.subject.name).empty() || NormalizeName(c.object.name).empty();
    for (const auto& source : c.sources) unnamed |= NormalizeName(source.name).empty();
    if (unnamed) {  // it could never be found again: a new node at every mention
      return Status::InvalidInput("article '" + in.article.id + "' claim " +
                                  std::to_string(i + 1) + ": a name has no letters or digits");
    }
  }
  return Status::OK();
}

Status ArticleWriter::RemoveOldClaims(const ArticleRecord& old) {
  for (uint64_t id : old.claim_ids) {
    std::string v;
    SG_RETURN_IF_ERROR(Get(Cf::kClaims, keys::ClaimKey(id), &v));
    ClaimRecord c;
    SG_RETURN_IF_ERROR(codec::DecodeClaim(v, &c));
    Delete(Cf::kClaims, keys::ClaimKey(id));
    Delete(Cf::kEdgeClaims, keys::EdgeClaimKey(c.edge, keys::DateKey(c.date), id));
    AddClaimToDelta(c, &removed_[c.edge]);
    delta_.claims--;
    endpoints_.insert(c.edge.source);
    endpoints_.insert(c.edge.target);
  }
  return Status::OK();
}

Status ArticleWriter::LoadNode(uint64_t id, NodeRecord** out) {
  auto it = nodes_.find(id);
  if (it == nodes_.end()) {
    if (auto cached = impl_->node_cache.find(id); cached != impl_->node_cache.end()) {
      *out = &nodes_.emplace(id, cached->second).first->second;
      return Status::OK();
    }
    std::string v;
    Status s = Get(Cf::kNodes, keys::NodeKey(id), &v);
    if (s.IsNotFound()) return Status::Corruption("name index names missing node " + std::to_string(id));
    SG_RETURN_IF_ERROR(s);
    NodeRecord n;
    SG_RETURN_IF_ERROR(codec::DecodeNode(v, &n));
    it = nodes_.emplace(id, std::move(n)).first;
  }
  *out = &it->second;
  return Status::OK();
}

Status ArticleWriter::LookupName(const std::string& norm, NodeKind kind, uint64_t* id) {
  const std::string key = keys::NameKey(norm, kind);
  for (const auto* cache : {&new_names_, &impl_->name_cache}) {
    if (auto it = cache->find(key); it != cache->end()) {
      *id = it->second;
      return Status::OK();
    }
  }
  std::string v;
  SG_RETURN_IF_ERROR(Get(Cf::kNames, key, &v));
  if (v.size() != 8) return Status::Corruption("bad name index value");
  *id = keys::DecodeFixed64BE(v.data());
  return Status::OK();
}

void ArticleWriter::IndexName(NodeRecord* node, const std::string& surface) {
  const std::string norm = NormalizeName(surface);
  if (norm.empty()) return;
  uint64_t existing = 0;
  Status s = LookupName(norm, node->kind, &existing);
  if (s.IsNotFound()) {
    // A name is indexed only when the node records it, so that deleting the node
    // finds every name that points at it.
    if (surface != node->name && node->aliases.size() >= kMaxAliases) return;
    std::string v;
    keys::PutFixed64BE(&v, node->id);
    const std::string key = keys::NameKey(norm, node->kind);
    Put(Cf::kNames, key, v);
    new_names_[key] = node->id;
  } else if (!s.ok() || existing != node->id) {
    return;  // first owner of a name keeps it: names never merge two nodes
  }
  if (surface == node->name || node->aliases.size() >= kMaxAliases) return;
  if (std::find(node->aliases.begin(), node->aliases.end(), surface) != node->aliases.end()) return;
  node->aliases.push_back(surface);
  dirty_nodes_.insert(node->id);
}

// A name, then each alias, is looked up under the ref's kind; the first hit is the
// node. Otherwise a new node is made. Every name of the ref is then indexed.
Status ArticleWriter::Resolve(const EntityRef& ref, uint64_t* id) {
  Status s = LookupName(NormalizeName(ref.name), ref.kind, id);
  for (size_t i = 0; s.IsNotFound() && i < ref.aliases.size(); ++i) {
    const std::string norm = NormalizeName(ref.aliases[i]);
    if (!norm.empty()) s = LookupName(norm, ref.kind, id);
  }
  NodeRecord* node = nullptr;
  if (s.IsNotFound()) {
    *id = impl_->next_node_id++;
    NodeRecord fresh;
    fresh.id = *id;
    fresh.kind = ref.kind;
    fresh.name = ref.name;
    node = &nodes_.emplace(*id, std::move(fresh)).first->second;
    dirty_nodes_.insert(*id);
    Put(Cf::kKinds, keys::KindKey(ref.kind, *id), "");
    delta_.nodes[ref.kind]++;
  } else {
    SG_RETURN_IF_ERROR(s);
    SG_RETURN_IF_ERROR(LoadNode(*id, &node));
  }
  IndexName(node, ref.name);
  for (const auto& alias : ref.aliases) IndexName(node, alias);
  if (node->code.empty() && !ref.code.empty()) {
    node->code = ref.code;
    dirty_nodes_.insert(*id);
  }
  return Status::OK();
}

Status ArticleWriter::AddClaim(const ArticleMeta& meta, const Claim& claim, uint64_t subject,
                               uint64_t object) {
  ClaimRecord r;
  r.id = impl_->next_claim_id++;
  r.article_id = meta.id;
  r.edge = CanonicalEdge(subject, claim.relation, object);
  r.subject_text = claim.subject.name;
  r.object_text = claim.object.name;
  r.sentence = claim.sentence;
  r.sentence_no = claim.sentence_no;
  r.span_begin = claim.span_begin;
  r.span_end = claim.span_end;
  r.cue = claim.cue;
  r.sources = claim.sources;
  r.date = claim.date.empty() ? meta.date : claim.date;
  r.polarity = claim.polarity;
  r.rule = claim.rule;
  r.confidence = claim.confidence;
  r.title = claim.title;
  r.properties = claim.properties;
  r.publisher = meta.source;
  Put(Cf::kClaims, keys::ClaimKey(r.id), codec::EncodeClaim(r));
  Put(Cf::kEdgeClaims, keys::EdgeClaimKey(r.edge, keys::DateKey(r.date), r.id), "");
  AddClaimToDelta(r, &added_[r.edge]);
  claim_ids_.push_back(r.id);
  delta_.claims++;
  return Status::OK();
}

// MENTIONS (article -> each actor or position its claims name) and CITES
// (article -> each outlet its claims cite) make provenance part of the graph.
// They are edges without claim records: the article is their only evidence, and
// replacing the article drops them with it (RemoveProvenanceEdges).
Status ArticleWriter::AddProvenanceEdges(const ArticleClaims& in,
                                         const std::vector<uint64_t>& mentioned) {
  const ArticleMeta& meta = in.article;
  NodeRecord* node = nullptr;
  SG_RETURN_IF_ERROR(ArticleNode(meta, &node));
  Properties props;
  for (auto [k, v] : {std::pair{"title", &meta.title}, {"date", &meta.date},
                      {"url", &meta.url}, {"source", &meta.source}, {"author", &meta.author}}) {
    if (!v->empty()) props.emplace_back(k, *v);
  }
  if (props != node->properties) {
    node->properties = std::move(props);
    dirty_nodes_.insert(article_node_);
  }
  std::map<uint64_t, EdgeDelta> edges;  // target -> what this article says of it
  for (uint64_t id : mentioned) {
    EdgeDelta& d = edges[id];
    d.claims++;
    if (!meta.date.empty()) d.dates.insert(meta.date);
  }
  WriteProvenance(Relation::kMentions, edges);
  std::map<uint64_t, EdgeDelta> cited;
  for (const auto& claim : in.claims) {
    for (const auto& s : claim.sources) {
      uint64_t source_node = 0;
      SG_RETURN_IF_ERROR(Resolve(EntityRef{s.name, NodeKind::kSource, {}, ""}, &source_node));
      EdgeDelta& d = cited[source_node];
      d.claims++;
      const std::string& date = s.date.empty() ? meta.date : s.date;
      if (!date.empty()) d.dates.insert(date);
    }
  }
  WriteProvenance(Relation::kCites, cited);
  return Status::OK();
}

void ArticleWriter::WriteProvenance(Relation relation,
                                    const std::map<uint64_t, EdgeDelta>& targets) {
  for (const auto& [target, d] : targets) {
    EdgeRecord e;
    e.id = impl_->next_edge_id++;
    e.key = EdgeKey{article_node_, relation, target};
    e.claim_count = static_cast<uint32_t>(d.claims);
    e.article_count = 1;
    if (!d.dates.empty()) {
      e.first_date = *d.dates.begin();
      e.last_date = *d.dates.rbegin();
    }
    Put(Cf::kOut, keys::OutKey(e.key), codec::EncodeEdge(e));
    Put(Cf::kIn, keys::InKey(e.key), "");
    delta_.edges[relation]++;
  }
}

// The article's own node: the one its stored record names when it is replaced,
// else a new one. Never found through the names index, where two ids that
// normalize alike ("Report.1", "report1") would share a node.
Status ArticleWriter::ArticleNode(const ArticleMeta& meta, NodeRecord** node) {
  if (old_node_) {
    article_node_ = old_node_;
    return LoadNode(article_node_, node);
  }
  article_node_ = impl_->next_node_id++;
  NodeRecord fresh;
  fresh.id = article_node_;
  fresh.kind = NodeKind::kArticle;
  fresh.name = meta.id;
  *node = &nodes_.emplace(article_node_, std::move(fresh)).first->second;
  dirty_nodes_.insert(article_node_);
  Put(Cf::kKinds, keys::KindKey(NodeKind::kArticle, article_node_), "");
  delta_.nodes[NodeKind::kArticle]++;
  IndexName(*node, meta.id);  // `show ID` finds it unless another article owns the name
  return Status::OK();
}

// Drops the MENTIONS and CITES edges of a replaced article's node.
Status ArticleWriter::RemoveProvenanceEdges(uint64_t article_node) {
  std::vector<EdgeKey> edges;
  SG_RETURN_IF_ERROR(ScanPrefix(Cf::kOut, keys::AdjacencyPrefix(article_node), [&](std::string_view k) {
    auto e = keys::DecodeOutKey(k);
    if (!e) return Status::Corruption("malformed out-adjacency key");
    edges.push_back(*e);
    return Status::OK();
  }));
  for (const auto& e : edges) {
    Delete(Cf::kOut, keys::OutKey(e));
    Delete(Cf::kIn, keys::InKey(e));
    delta_.edges[e.relation]--;
    endpoints_.insert(e.target);
  }
  endpoints_.insert(article_node);
  return Status::OK();
}

// Applies this article's removed and added claims to an edge's aggregate. Counts
// move by exact amounts; the date bounds are read back from edge_claims only when
// a removed claim sat on one of them.
Status ArticleWriter::WriteEdge(const EdgeKey& key) {
  static const EdgeDelta kNone;
  auto added = added_.find(key), removed = removed_.find(key);
  const EdgeDelta& add = added == added_.end() ? kNone : added->second;
  const EdgeDelta& rem = removed == removed_.end() ? kNone : removed->second;
  if (add.claims == 0 && rem.claims == 0) return Status::OK();  // only negated claims
  EdgeRecord e;
  std::string v;
  Status s = Get(Cf::kOut, keys::OutKey(key), &v);
  if (s.IsNotFound()) {
    if (rem.claims) return Status::Corruption("a stored claim names a missing edge");
    e.id = impl_->next_edge_id++;
    e.key = key;
    Put(Cf::kIn, keys::InKey(key), "");
    delta_.edges[key.relation]++;
  } else {
    SG_RETURN_IF_ERROR(s);
    SG_RETURN_IF_ERROR(codec::DecodeEdge(v, &e));
  }
  const int64_t claims = int64_t{e.claim_count} + add.claims - rem.claims;
  const int64_t articles = int64_t{e.article_count} + (add.claims > 0) - (rem.claims > 0);
  if (claims < 0 || articles < 0 || !ApplyCounts(rem.titles, -1, &e.titles, &e.title_counts) ||
      !ApplyCounts(rem.outlets, -1, &e.outlets, &e.outlet_counts)) {
    return Status::Corruption("edge aggregate disagrees with its claims");
  }
  if (claims == 0) {
    Delete(Cf::kOut, keys::OutKey(key));
    Delete(Cf::kIn, keys::InKey(key));
    delta_.edges[key.relation]--;
    return Status::OK();
  }
  ApplyCounts(add.titles, 1, &e.titles, &e.title_counts);
  ApplyCounts(add.outlets, 1, &e.outlets, &e.outlet_counts);
  e.claim_count = static_cast<uint32_t>(claims);
  e.article_count = static_cast<uint32_t>(articles);
  if (rem.dates.count(e.first_date) || rem.dates.count(e.last_date)) {
    SG_RETURN_IF_ERROR(DateBounds(key, &e.first_date, &e.last_date));
  } else if (!add.dates.empty()) {
    MergeDate(*add.dates.begin(), &e.first_date, &e.last_date);
    MergeDate(*add.dates.rbegin(), &e.first_date, &e.last_date);
  }
  Put(Cf::kOut, keys::OutKey(key), codec::EncodeEdge(e));
  return Status::OK();
}

// The earliest and latest dated asserted claim of an edge, from the ends of its
// edge_claims range (claims sort by date, undated last; negated ones skipped).
Status ArticleWriter::DateBounds(const EdgeKey& key, std::string* first, std::string* last) {
  const std::string prefix = keys::EdgeClaimPrefix(key);
  rocksdb::Iterator* base = impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->handle(Cf::kEdgeClaims));
  std::unique_ptr<rocksdb::Iterator> it(
      indexed_ ? indexed_->NewIteratorWithBase(impl_->handle(Cf::kEdgeClaims), base) : base);
  // The date of the asserted claim at the iterator, kUnknownDate when the
  // iterator left the edge or reached its undated claims, empty when negated.
  auto date_here = [&](std::optional<uint32_t>* date) -> Status {
    *date = keys::kUnknownDate;
    if (!it->Valid() || !it->key().starts_with(prefix)) return Status::OK();
    std::string_view k(it->key().data(), it->key().size());
    auto id = keys::DecodeEdgeClaimId(k);
    if (!id) return Status::Corruption("malformed edge-claim key");
    const uint32_t d = keys::DecodeFixed32BE(k.data() + prefix.size());
    if (d == keys::kUnknownDate) return Status::OK();
    std::string v;
    SG_RETURN_IF_ERROR(Get(Cf::kClaims, keys::ClaimKey(*id), &v));
    ClaimRecord c;
    SG_RETURN_IF_ERROR(codec::DecodeClaim(v, &c));
    *date = c.polarity < 0 ? std::nullopt : std::optional<uint32_t>(d);
    return Status::OK();
  };
  std::optional<uint32_t> date;
  for (it->Seek(prefix);; it->Next()) {
    SG_RETURN_IF_ERROR(date_here(&date));
    if (date) break;
  }
  *first = IsoDate(*date);
  std::string undated = prefix;
  keys::PutFixed32BE(&undated, keys::kUnknownDate);
  it->Seek(undated);
  if (it->Valid()) it->Prev();
  else it->SeekToLast();
  for (;; it->Prev()) {
    SG_RETURN_IF_ERROR(date_here(&date));
    if (date) break;
  }
  *last = IsoDate(*date);
  return FromRocks(it->status(), "reading an edge's claims");
}

// A node left with no edge by a replaced article goes, with its names: the graph
// is then what a fresh ingest of the new version would give.
Status ArticleWriter::DropIfOrphan(uint64_t id) {
  const std::string prefix = keys::AdjacencyPrefix(id);
  bool out = false, in = false;
  SG_RETURN_IF_ERROR(HasPrefix(Cf::kOut, prefix, &out));
  SG_RETURN_IF_ERROR(HasPrefix(Cf::kIn, prefix, &in));
  if (out || in) return Status::OK();
  NodeRecord* node = nullptr;
  Status s = LoadNode(id, &node);
  if (!s.ok()) return s;
  std::vector<std::string> names = node->aliases;
  names.push_back(node->name);
  for (const auto& name : names) {
    uint64_t owner = 0;
    const std::string norm = NormalizeName(name);
    if (!norm.empty() && LookupName(norm, node->kind, &owner).ok() && owner == id) {
      const std::string key = keys::NameKey(norm, node->kind);
      Delete(Cf::kNames, key);
      new_names_.erase(key);
      dropped_names_.push_back(key);
    }
  }
  Delete(Cf::kNodes, keys::NodeKey(id));
  Delete(Cf::kKinds, keys::KindKey(node->kind, id));
  delta_.nodes[node->kind]--;
  dirty_nodes_.erase(id);
  dropped_nodes_.push_back(id);
  if (id == article_node_) article_node_ = 0;
  return Status::OK();
}

// Writes the counts this article changes, in its batch (keys::kCountPrefix).
Status ArticleWriter::PutCounts() {
  counts_ = impl_->counts;
  bool ok = AddCount(&counts_.claims, delta_.claims) && AddCount(&counts_.articles, delta_.articles);
  std::vector<std::pair<std::string, std::string>> records;
  for (auto [kind, d] : delta_.nodes) {
    ok = ok && AddCount(&counts_.nodes_by_kind[kind], d) && AddCount(&counts_.nodes, d);
    records.push_back(CountRecord(keys::NodeCountKey(kind), counts_.nodes_by_kind[kind]));
    if (counts_.nodes_by_kind[kind] == 0) counts_.nodes_by_kind.erase(kind);
  }
  for (auto [relation, d] : delta_.edges) {
    ok = ok && AddCount(&counts_.edges_by_relation[relation], d) && AddCount(&counts_.edges, d);
    records.push_back(CountRecord(keys::EdgeCountKey(relation), counts_.edges_by_relation[relation]));
    if (counts_.edges_by_relation[relation] == 0) counts_.edges_by_relation.erase(relation);
  }
  if (!ok) return Status::Corruption("the stored counts disagree with the graph");
  if (delta_.claims) records.push_back(CountRecord(std::string(keys::kClaimCountKey), counts_.claims));
  if (delta_.articles) records.push_back(CountRecord(std::string(keys::kArticleCountKey), counts_.articles));
  for (const auto& [key, value] : records) Put(Cf::kMeta, key, value);
  return Status::OK();
}

Status ArticleWriter::Commit(const ArticleClaims& in) {
  SG_RETURN_IF_ERROR(PutCounts());
  for (uint64_t id : dirty_nodes_) {
    Put(Cf::kNodes, keys::NodeKey(id), codec::EncodeNode(nodes_.at(id)));
  }
  ArticleRecord a;
  a.meta = in.article;
  a.content_hash = in.content_hash;
  a.claim_ids = claim_ids_;
  a.node = article_node_;
  Put(Cf::kArticles, keys::ArticleKey(in.article.id), codec::EncodeArticle(a));
  for (auto [key, value] : {std::pair{keys::kNextNodeIdKey, impl_->next_node_id},
                            {keys::kNextEdgeIdKey, impl_->next_edge_id},
                            {keys::kNextClaimIdKey, impl_->next_claim_id}}) {
    std::string v;
    keys::PutFixed64BE(&v, value);
    Put(Cf::kMeta, std::string(key), v);
  }
  rocksdb::WriteBatch* batch = indexed_ ? indexed_->GetWriteBatch() : &plain_;
  return FromRocks(impl_->db->Write(rocksdb::WriteOptions(), batch),
                   "writing article '" + in.article.id + "'");
}

void ArticleWriter::UpdateCaches() {
  auto& names = impl_->name_cache;
  auto& nodes = impl_->node_cache;
  if (names.size() + new_names_.size() > Store::Impl::kMaxCachedNames) names.clear();
  if (nodes.size() + nodes_.size() > Store::Impl::kMaxCachedNodes) nodes.clear();
  for (auto& [key, id] : new_names_) names[key] = id;
  for (const auto& key : dropped_names_) names.erase(key);
  for (auto& [id, node] : nodes_) nodes[id] = std::move(node);
  for (uint64_t id : dropped_nodes_) nodes.erase(id);
  impl_->counts = std::move(counts_);
}

Status ArticleWriter::Run(const ArticleClaims& in, Store::IngestOutcome* outcome) {
  SG_RETURN_IF_ERROR(Validate(in));
  std::string v;
  Status s = Get(Cf::kArticles, keys::ArticleKey(in.article.id), &v);
  const bool replaced = s.ok();
  if (replaced) {
    ArticleRecord old;
    SG_RETURN_IF_ERROR(codec::DecodeArticle(v, &old));
    if (old.content_hash == in.content_hash && !in.content_hash.empty()) {
      *outcome = Store::IngestOutcome::kUnchanged;
      return Status::OK();
    }
    indexed_ = std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0,
                                                              /*overwrite_key=*/true);
    SG_RETURN_IF_ERROR(RemoveOldClaims(old));
    if (old.node) {
      SG_RETURN_IF_ERROR(RemoveProvenanceEdges(old.node));
      old_node_ = old.node;
    }
  } else if (!s.IsNotFound()) {
    return s;
  } else {
    delta_.articles++;
  }
  std::vector<uint64_t> mentioned;
  for (const Claim& c : in.claims) {
    uint64_t subject = 0, object = 0;
    SG_RETURN_IF_ERROR(Resolve(c.subject, &subject));
    SG_RETURN_IF_ERROR(Resolve(c.object, &object));
    SG_RETURN_IF_ERROR(AddClaim(in.article, c, subject, object));
    mentioned.push_back(subject);
    mentioned.push_back(object);
  }
  if (!in.claims.empty()) SG_RETURN_IF_ERROR(AddProvenanceEdges(in, mentioned));
  for (const auto& [key, delta] : added_) SG_RETURN_IF_ERROR(WriteEdge(key));
  for (const auto& [key, delta] : removed_) {
    if (!added_.count(key)) SG_RETURN_IF_ERROR(WriteEdge(key));
  }
  for (uint64_t id : endpoints_) SG_RETURN_IF_ERROR(DropIfOrphan(id));
  SG_RETURN_IF_ERROR(Commit(in));
  UpdateCaches();
  *outcome = replaced ? Store::IngestOutcome::kReplaced : Store::IngestOutcome::kAdded;
  return Status::OK();
}

}  // namespace

Status WriteArticle(Store::Impl* impl, const ArticleClaims& article,
                    Store::IngestOutcome* outcome) {
  const uint64_t node = impl->next_node_id, edge = impl->next_edge_id,
                 claim = impl->next_claim_id;
  ArticleWriter writer(impl);
  Status s = writer.Run(article, outcome);
  if (!s.ok()) {  // nothing was written: hand the ids out again
    impl->next_node_id = node;
    impl->next_edge_id = edge;
    impl->next_claim_id = claim;
  }
  return s;
}

}  // namespace sg
