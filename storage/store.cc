#include "storage/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "graph/names.h"
#include "storage/codec.h"
#include "storage/keys.h"
#include "storage/store_impl.h"

namespace sg {
namespace {

const char* const kCfNames[Store::Impl::kCount] = {
    keys::kMetaCf, keys::kNodesCf,  keys::kNamesCf,      keys::kKindsCf,   keys::kOutCf,
    keys::kInCf,   keys::kClaimsCf, keys::kEdgeClaimsCf, keys::kArticlesCf};

// Memory is bounded whatever the corpus: memtables of all column families share
// kWriteBuffers (a full one is flushed), table blocks share one kBlockCache.
constexpr size_t kWriteBuffers = 256 << 20;
constexpr size_t kBlockCache = 128 << 20;

std::shared_ptr<rocksdb::Cache> SharedBlockCache() {
  static const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(kBlockCache);
  return cache;
}

// `writer`: options of a read-write open; a read-only one writes no memtable.
rocksdb::ColumnFamilyOptions CfOptions(int cf, bool writer) {
  rocksdb::ColumnFamilyOptions o;
  o.write_buffer_size = 64 << 20;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = SharedBlockCache();
  if (cf == Store::Impl::kNames || cf == Store::Impl::kNodes || cf == Store::Impl::kOut ||
      cf == Store::Impl::kArticles) {
    // Point lookups dominate ingest: name -> id, id -> node, edge key -> edge,
    // and most of them miss (new names, new edges): Bloom filters answer those
    // in the memtable and in every table file.
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    // The memtable's own Bloom filter is allocated (and zeroed) at open: only a
    // writer, whose memtable fills, gains from it.
    if (writer) {
      o.memtable_whole_key_filtering = true;
      o.memtable_prefix_bloom_size_ratio = 0.05;
    }
  }
  if (cf == Store::Impl::kOut || cf == Store::Impl::kIn || cf == Store::Impl::kEdgeClaims) {
    // Keys start with a node id, and one article writes many keys of the same
    // few nodes: a per-prefix insert hint spares the memtable a full search.
    o.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(8));
  }
  // Indexes and Bloom filters are partitioned into small blocks that go
  // through the block cache when a lookup first needs them, with only their
  // top level pinned: opening a large database reads almost nothing, and a
  // point lookup loads one index and one filter partition, not a whole file's.
  t.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  t.partition_filters = t.filter_policy != nullptr;
  t.metadata_block_size = 4096;
  t.cache_index_and_filter_blocks = true;
  t.cache_index_and_filter_blocks_with_high_priority = true;
  t.pin_top_level_index_and_filter = true;
  t.pin_l0_filter_and_index_blocks_in_cache = true;
  t.format_version = 5;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

rocksdb::DBOptions DbOptions(bool create, rocksdb::Env* env) {
  rocksdb::DBOptions o;
  if (env) o.env = env;
  o.create_if_missing = create;
  o.create_missing_column_families = create;
  o.max_background_jobs = 2;
  o.db_write_buffer_size = kWriteBuffers;
  o.bytes_per_sync = 1 << 20;
  o.keep_log_file_num = 4;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  // Most commands open, ask one question and exit: read no per-file statistics
  // at open. (Every table file stays open, max_open_files = -1: a reader keeps
  // the files of its snapshot even when the writer compacts them away.)
  o.skip_stats_update_on_db_open = true;
  // Readers open beside the writer (read-only) and replay the log of whatever
  // the MANIFEST says is not flushed yet. Flushed one by one, column families
  // would each drop their part of the log at a different time, and a reader
  // could see one family's newest articles without another's.
  o.atomic_flush = true;
  return o;
}


// A read-write open creates the database, then its column families, then writes
// the schema version: a read-only open in between finds a database being created.
std::string BeingCreated(const std::string& path) {
  return "no database at " + path + " yet (an ingest may be creating it)";
}

bool MetaIsEmpty(const Store::Impl& impl) {
  std::unique_ptr<rocksdb::Iterator> it(
      impl.db->NewIterator(rocksdb::ReadOptions(), impl.handle(Store::Impl::kMeta)));
  it->SeekToFirst();
  return !it->Valid() && it->status().ok();
}

// Reads the schema version into impl->schema_version; a new (empty) database
// gets this build's.
Status CheckSchemaVersion(Store::Impl* impl, const std::string& path) {
  std::string v;
  Status s = impl->Get(Store::Impl::kMeta, keys::kSchemaVersionKey, &v);
  if (s.IsNotFound()) {
    if (impl->read_only) {
      return MetaIsEmpty(*impl) ? Status::NotFound(BeingCreated(path))
                                 : Status::Corruption(path + ": no schema version");
    }
    impl->schema_version = keys::kSchemaVersion;
    std::string enc;
    keys::PutFixed32BE(&enc, keys::kSchemaVersion);
    return FromRocks(impl->db->Put(rocksdb::WriteOptions(), impl->handle(Store::Impl::kMeta),
                                   std::string(keys::kSchemaVersionKey), enc),
                     "writing the schema version");
  }
  SG_RETURN_IF_ERROR(s);
  if (v.size() != 4) return Status::Corruption(path + ": bad schema version record");
  uint32_t version = keys::DecodeFixed32BE(v.data());
  if (version > keys::kSchemaVersion) {
    return Status::Unsupported(path + ": written by a newer Stancegraph (schema version " +
                               std::to_string(version) + ", this build reads " +
                               std::to_string(keys::kSchemaVersion) + ")");
  }
  impl->schema_version = version;
  return Status::OK();
}

uint64_t Sum(const auto& by_key) {
  uint64_t n = 0;
  for (const auto& [k, v] : by_key) n += v;
  return n;
}

// The counts kept in the meta column family (schema version 2).
Status ReadStoredCounts(const Store::Impl& impl, StoreCounts* out) {
  *out = StoreCounts();
  SG_RETURN_IF_ERROR(impl.Scan(Store::Impl::kMeta, keys::kCountPrefix,
                               [&](std::string_view k, std::string_view v) {
    if (v.size() != 8) return Status::Corruption("bad count record '" + std::string(k) + "'");
    const uint64_t n = keys::DecodeFixed64BE(v.data());
    const auto tag = static_cast<uint8_t>(k.back());
    if (k == keys::kClaimCountKey) out->claims = n;
    else if (k == keys::kArticleCountKey) out->articles = n;
    else if (k == keys::NodeCountKey(NodeKind{tag})) { if (n) out->nodes_by_kind[NodeKind{tag}] = n; }
    else if (k == keys::EdgeCountKey(Relation{tag})) { if (n) out->edges_by_relation[Relation{tag}] = n; }
    return Status::OK();
  }));
  out->nodes = Sum(out->nodes_by_kind);
  out->edges = Sum(out->edges_by_relation);
  return Status::OK();
}

// Schema version 1 -> 2: counts every column family once and writes the counts
// with the new version in one batch, so that a crash midway leaves version 1
// (and the next open migrates again). Runs on a read-write open only; a
// read-only open of a version-1 database scans instead (Store::Counts).
Status MigrateToVersion2(Store* store, Store::Impl* impl) {
  StoreCounts counts;
  SG_RETURN_IF_ERROR(store->ScanCounts(&counts));
  rocksdb::WriteBatch batch;
  auto put = [&](const std::pair<std::string, std::string>& r) {
    batch.Put(impl->handle(Store::Impl::kMeta), r.first, r.second).PermitUncheckedError();  // in memory
  };
  for (NodeKind k : kAllNodeKinds) put(CountRecord(keys::NodeCountKey(k), counts.nodes_by_kind[k]));
  for (Relation r : kAllRelations) put(CountRecord(keys::EdgeCountKey(r), counts.edges_by_relation[r]));
  put(CountRecord(std::string(keys::kClaimCountKey), counts.claims));
  put(CountRecord(std::string(keys::kArticleCountKey), counts.articles));
  std::string version;
  keys::PutFixed32BE(&version, 2);
  put({std::string(keys::kSchemaVersionKey), version});
  SG_RETURN_IF_ERROR(FromRocks(impl->db->Write(rocksdb::WriteOptions(), &batch),
                               "migrating to schema version 2"));
  impl->schema_version = 2;
  return Status::OK();
}

Status LoadCounters(Store::Impl* impl) {
  std::pair<std::string_view, uint64_t*> counters[] = {
      {keys::kNextNodeIdKey, &impl->next_node_id},
      {keys::kNextEdgeIdKey, &impl->next_edge_id},
      {keys::kNextClaimIdKey, &impl->next_claim_id}};
  for (auto& [key, dst] : counters) {
    std::string v;
    Status s = impl->Get(Store::Impl::kMeta, key, &v);
    if (s.IsNotFound()) continue;
    SG_RETURN_IF_ERROR(s);
    if (v.size() != 8) return Status::Corruption("bad id counter '" + std::string(key) + "'");
    *dst = keys::DecodeFixed64BE(v.data());
  }
  return Status::OK();
}

constexpr int kReadOnlyOpenAttempts = 10;

bool IsLockError(const rocksdb::Status& s) {
  return s.IsIOError() && (s.ToString().find("lock") != std::string::npos ||
                           s.ToString().find("Lock") != std::string::npos);
}

// What a read-only open read: the MANIFEST that CURRENT names, and its size
// (every flush and compaction appends to it). "" when unreadable.
std::string ManifestMark(const std::string& path) {
  std::ifstream current(std::filesystem::path(path) / "CURRENT");
  std::string manifest;
  if (!std::getline(current, manifest) || manifest.empty()) return "";
  std::error_code ec;
  const auto size = std::filesystem::file_size(std::filesystem::path(path) / manifest, ec);
  return ec ? "" : manifest + "@" + std::to_string(size);
}

void CloseDb(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*>* cf) {
  for (auto* h : *cf) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  cf->clear();
  db->Close().PermitUncheckedError();  // read-only: nothing to lose
  delete db;
}

Status OpenDb(const std::string& path, Store::Mode mode, rocksdb::Env* env, Store::Impl* impl) {
  const bool rw = mode == Store::Mode::kReadWrite;
  if (!rw && !std::filesystem::exists(std::filesystem::path(path) / "CURRENT")) {
    return Status::NotFound("no database at " + path +
                            " (create one with `stancegraph ingest`)");
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (int i = 0; i < Store::Impl::kCount; ++i) cfs.emplace_back(kCfNames[i], CfOptions(i, rw));
  rocksdb::DB* db = nullptr;
  rocksdb::Status s;
  for (int attempt = 1;; ++attempt) {
    const std::string mark = rw ? "" : ManifestMark(path);
    s = rw ? rocksdb::DB::Open(DbOptions(true, env), path, cfs, &impl->cf, &db)
           : rocksdb::DB::OpenForReadOnly(DbOptions(false, env), path, cfs, &impl->cf, &db);
    if (rw || attempt == kReadOnlyOpenAttempts) break;
    // The writer may delete a file (its old MANIFEST, a compacted table, a
    // flushed log) after a reader found it listed and before the reader opened
    // it. A missing file fails the open; a log flushed away meanwhile would
    // silently give an older snapshot than the MANIFEST now describes. Either
    // way the MANIFEST changed: open again.
    const bool missing = s.ToString().find("No such file or directory") != std::string::npos;
    if (!missing && (!s.ok() || ManifestMark(path) == mark)) break;
    if (s.ok()) CloseDb(db, &impl->cf);
    db = nullptr;
    impl->cf.clear();
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
  }
  if (!rw && s.IsInvalidArgument() &&
      s.ToString().find("Column family not found") != std::string::npos) {
    return Status::NotFound(BeingCreated(path));
  }
  if (IsLockError(s)) {
    return Status::Busy("database " + path +
                        " is in use by another writer (one ingest at a time); "
                        "read-only commands still work");
  }
  if (!s.ok()) return FromRocks(s, "opening " + path);
  impl->db.reset(db);
  impl->read_only = !rw;
  return Status::OK();
}

}  // namespace

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::OK();
  std::string msg = std::string(what) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsNotSupported()) return Status::Unsupported(msg);
  return Status::IOError(msg);
}

Store::Impl::~Impl() {
  if (db && !read_only) {
    // Flush so the next open (often a read-only one) need not replay the log.
    db->Flush(rocksdb::FlushOptions(), cf).PermitUncheckedError();  // the log still has it
  }
  for (auto* h : cf) {
    if (db && h) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  cf.clear();
  if (db) db->Close().PermitUncheckedError();
}

Status Store::Impl::Get(Cf c, std::string_view key, std::string* value) const {
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf[c], rocksdb::Slice(key.data(), key.size()), value);
  if (s.IsNotFound()) return Status::NotFound("key");
  return FromRocks(s, "reading");
}

Status Store::Impl::Scan(
    Cf c, std::string_view prefix,
    const std::function<Status(std::string_view, std::string_view)>& fn) const {
  rocksdb::ReadOptions ro;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf[c]));
  const rocksdb::Slice p(prefix.data(), prefix.size());
  for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
    SG_RETURN_IF_ERROR(fn(std::string_view(it->key().data(), it->key().size()),
                          std::string_view(it->value().data(), it->value().size())));
  }
  return FromRocks(it->status(), "scanning");
}

std::pair<std::string, std::string> CountRecord(std::string key, uint64_t value) {
  std::string v;
  keys::PutFixed64BE(&v, value);
  return {std::move(key), std::move(v)};
}

Store::Store(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}

Store::~Store() = default;

Status Store::Open(const std::string& path, Mode mode, std::unique_ptr<Store>* out) {
  return OpenWithEnv(path, mode, nullptr, out);
}

Status Store::OpenWithEnv(const std::string& path, Mode mode, rocksdb::Env* env,
                          std::unique_ptr<Store>* out) {
  auto impl = std::make_unique<Impl>();
  SG_RETURN_IF_ERROR(OpenDb(path, mode, env, impl.get()));
  SG_RETURN_IF_ERROR(CheckSchemaVersion(impl.get(), path));
  SG_RETURN_IF_ERROR(LoadCounters(impl.get()));
  std::unique_ptr<Store> store(new Store(path, std::move(impl)));
  Impl* i = store->impl_.get();
  if (!i->read_only) {
    if (i->schema_version < 2) SG_RETURN_IF_ERROR(MigrateToVersion2(store.get(), i));
    SG_RETURN_IF_ERROR(ReadStoredCounts(*i, &i->counts));
  }
  *out = std::move(store);
  return Status::OK();
}

Status Store::IngestArticle(const ArticleClaims& article, IngestOutcome* outcome) {
  if (impl_->read_only) return Status::Unsupported("the database is open read-only");
  return WriteArticle(impl_.get(), article, outcome);
}

Status Store::Compact() {
  if (impl_->read_only) return Status::Unsupported("the database is open read-only");
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (auto* h : impl_->cf) {
    SG_RETURN_IF_ERROR(FromRocks(impl_->db->CompactRange(options, h, nullptr, nullptr), "compacting"));
  }
  return Status::OK();
}

Status Store::FindArticleHash(std::string_view id, std::string* hash) const {
  ArticleRecord r;
  SG_RETURN_IF_ERROR(GetArticle(id, &r));
  *hash = r.content_hash;
  return Status::OK();
}

Status Store::GetArticle(std::string_view id, ArticleRecord* out) const {
  std::string v;
  Status s = impl_->Get(Impl::kArticles, keys::ArticleKey(id), &v);
  if (s.IsNotFound()) return Status::NotFound("no article '" + std::string(id) + "'");
  SG_RETURN_IF_ERROR(s);
  return codec::DecodeArticle(v, out);
}

Status Store::FindNodes(std::string_view name, std::vector<NodeRecord>* out) const {
  const std::string norm = NormalizeName(name);
  if (norm.empty()) return Status::OK();
  std::vector<uint64_t> ids;
  SG_RETURN_IF_ERROR(impl_->Scan(Impl::kNames, keys::NamePrefix(norm),
                                 [&](std::string_view, std::string_view v) {
                                   if (v.size() == 8) ids.push_back(keys::DecodeFixed64BE(v.data()));
                                   return Status::OK();
                                 }));
  for (uint64_t id : ids) {
    NodeRecord n;
    SG_RETURN_IF_ERROR(GetNode(id, &n));
    out->push_back(std::move(n));
  }
  return Status::OK();
}

Status Store::FindNode(std::string_view name, NodeKind kind, NodeRecord* out) const {
  std::string v;
  Status s = impl_->Get(Impl::kNames, keys::NameKey(NormalizeName(name), kind), &v);
  if (s.IsNotFound() || (s.ok() && v.size() != 8)) {
    return Status::NotFound(std::string(NodeKindName(kind)) + " '" + std::string(name) + "'");
  }
  SG_RETURN_IF_ERROR(s);
  return GetNode(keys::DecodeFixed64BE(v.data()), out);
}

Status Store::GetNode(uint64_t id, NodeRecord* out) const {
  std::string v;
  Status s = impl_->Get(Impl::kNodes, keys::NodeKey(id), &v);
  if (s.IsNotFound()) return Status::NotFound("node " + std::to_string(id));
  SG_RETURN_IF_ERROR(s);
  return codec::DecodeNode(v, out);
}

Status Store::GetEdge(const keys::EdgeKey& key, EdgeRecord* out) const {
  std::string v;
  Status s = impl_->Get(Impl::kOut, keys::OutKey(key), &v);
  if (s.IsNotFound()) return Status::NotFound("edge");
  SG_RETURN_IF_ERROR(s);
  return codec::DecodeEdge(v, out);
}

Status Store::GetClaim(uint64_t id, ClaimRecord* out) const {
  std::string v;
  Status s = impl_->Get(Impl::kClaims, keys::ClaimKey(id), &v);
  if (s.IsNotFound()) return Status::NotFound("claim " + std::to_string(id));
  SG_RETURN_IF_ERROR(s);
  return codec::DecodeClaim(v, out);
}

Status Store::OutEdges(uint64_t node, std::optional<Relation> relation,
                       std::vector<EdgeRecord>* out) const {
  const std::string prefix =
      relation ? keys::AdjacencyPrefix(node, *relation) : keys::AdjacencyPrefix(node);
  return impl_->Scan(Impl::kOut, prefix, [&](std::string_view, std::string_view v) {
    EdgeRecord e;
    SG_RETURN_IF_ERROR(codec::DecodeEdge(v, &e));
    out->push_back(std::move(e));
    return Status::OK();
  });
}

Status Store::InEdges(uint64_t node, std::optional<Relation> relation,
                      std::vector<EdgeRecord>* out) const {
  const std::string prefix =
      relation ? keys::AdjacencyPrefix(node, *relation) : keys::AdjacencyPrefix(node);
  std::vector<keys::EdgeKey> edge_keys;
  SG_RETURN_IF_ERROR(impl_->Scan(Impl::kIn, prefix, [&](std::string_view k, std::string_view) {
    auto e = keys::DecodeInKey(k);
    if (!e) return Status::Corruption("malformed in-adjacency key");
    edge_keys.push_back(*e);
    return Status::OK();
  }));
  for (const auto& k : edge_keys) {
    EdgeRecord e;
    Status s = GetEdge(k, &e);
    if (s.IsNotFound()) return Status::Corruption("in-adjacency names a missing edge");
    SG_RETURN_IF_ERROR(s);
    out->push_back(std::move(e));
  }
  return Status::OK();
}

Status Store::ClaimsOfEdge(const keys::EdgeKey& key, std::vector<ClaimRecord>* out) const {
  std::vector<uint64_t> ids;
  SG_RETURN_IF_ERROR(impl_->Scan(Impl::kEdgeClaims, keys::EdgeClaimPrefix(key),
                                 [&](std::string_view k, std::string_view) {
                                   auto id = keys::DecodeEdgeClaimId(k);
                                   if (!id) return Status::Corruption("malformed edge-claim key");
                                   ids.push_back(*id);
                                   return Status::OK();
                                 }));
  for (uint64_t id : ids) {
    ClaimRecord c;
    SG_RETURN_IF_ERROR(GetClaim(id, &c));
    out->push_back(std::move(c));
  }
  return Status::OK();
}

Status Store::ScanNames(
    std::string_view normalized_prefix,
    const std::function<bool(std::string_view, NodeKind, uint64_t)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->handle(Impl::kNames)));
  const rocksdb::Slice p(normalized_prefix.data(), normalized_prefix.size());
  for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    if (key.size() < 2 || key[key.size() - 2] != '\0' || it->value().size() != 8) {
      return Status::Corruption("malformed names entry");
    }
    const auto kind = static_cast<NodeKind>(key.back());
    if (!fn(key.substr(0, key.size() - 2), kind, keys::DecodeFixed64BE(it->value().data()))) {
      return Status::OK();
    }
  }
  return FromRocks(it->status(), "scanning names");
}

Status Store::ForEachNode(const std::function<Status(const NodeRecord&)>& fn) const {
  return impl_->Scan(Impl::kNodes, "", [&](std::string_view, std::string_view v) {
    NodeRecord n;
    SG_RETURN_IF_ERROR(codec::DecodeNode(v, &n));
    return fn(n);
  });
}

Status Store::ForEachEdge(const std::function<Status(const EdgeRecord&)>& fn) const {
  return impl_->Scan(Impl::kOut, "", [&](std::string_view, std::string_view v) {
    EdgeRecord e;
    SG_RETURN_IF_ERROR(codec::DecodeEdge(v, &e));
    return fn(e);
  });
}

Status Store::ForEachArticle(const std::function<Status(const ArticleRecord&)>& fn) const {
  return impl_->Scan(Impl::kArticles, "", [&](std::string_view, std::string_view v) {
    ArticleRecord a;
    SG_RETURN_IF_ERROR(codec::DecodeArticle(v, &a));
    return fn(a);
  });
}

Status Store::Counts(StoreCounts* out) const {
  // A read-only open cannot migrate a version-1 database: it has no counts yet.
  if (impl_->schema_version < 2) return ScanCounts(out);
  return ReadStoredCounts(*impl_, out);
}

Status Store::ScanCounts(StoreCounts* out) const {
  *out = StoreCounts();
  SG_RETURN_IF_ERROR(impl_->Scan(Impl::kKinds, "", [&](std::string_view k, std::string_view) {
    out->nodes_by_kind[static_cast<NodeKind>(k[0])]++;
    out->nodes++;
    return Status::OK();
  }));
  SG_RETURN_IF_ERROR(impl_->Scan(Impl::kOut, "", [&](std::string_view k, std::string_view) {
    if (auto e = keys::DecodeOutKey(k)) out->edges_by_relation[e->relation]++;
    out->edges++;
    return Status::OK();
  }));
  SG_RETURN_IF_ERROR(impl_->Scan(Impl::kClaims, "", [&](std::string_view, std::string_view) {
    out->claims++;
    return Status::OK();
  }));
  return impl_->Scan(Impl::kArticles, "", [&](std::string_view, std::string_view) {
    out->articles++;
    return Status::OK();
  });
}

Status Store::Stats(StoreStats* out) const {
  *out = StoreStats();
  SG_RETURN_IF_ERROR(Counts(out));
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path_, ec)) {
    if (entry.is_regular_file(ec)) out->disk_bytes += entry.file_size(ec);
  }
  return Status::OK();
}

Status Store::ForEachNodeOfKind(NodeKind kind, const std::function<Status(uint64_t)>& fn) const {
  return impl_->Scan(Impl::kKinds, std::string(1, static_cast<char>(kind)),
                     [&](std::string_view k, std::string_view) {
    if (k.size() != 9) return Status::Corruption("malformed kinds key");
    return fn(keys::DecodeFixed64BE(k.data() + 1));
  });
}

Status Store::ForEachEdge(const std::function<bool(const keys::EdgeKey&)>& want,
                          const std::function<Status(const EdgeRecord&)>& fn) const {
  return impl_->Scan(Impl::kOut, "", [&](std::string_view k, std::string_view v) {
    auto key = keys::DecodeOutKey(k);
    if (!key) return Status::Corruption("malformed out-adjacency key");
    if (!want(*key)) return Status::OK();
    EdgeRecord e;
    SG_RETURN_IF_ERROR(codec::DecodeEdge(v, &e));
    return fn(e);
  });
}

// ----- AdjacencyReader

struct Store::AdjacencyReader::Rep {
  std::unique_ptr<rocksdb::Iterator> out, in;
  std::string seek;  // reused key buffer

  Status Scan(rocksdb::Iterator* it, uint64_t node, uint8_t first, uint8_t last,
              bool in_key, const EdgeFn& fn) {
    seek.clear();
    keys::PutFixed64BE(&seek, node);
    seek.push_back(static_cast<char>(first));
    it->Seek(seek);
    const rocksdb::Slice prefix(seek.data(), 8);
    for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const rocksdb::Slice k = it->key();
      if (k.size() != 17) return Status::Corruption("malformed adjacency key");
      const auto relation = static_cast<uint8_t>(k[8]);
      if (relation > last) break;
      const uint64_t other = keys::DecodeFixed64BE(k.data() + 9);
      fn(in_key ? keys::EdgeKey{other, Relation{relation}, node}
                : keys::EdgeKey{node, Relation{relation}, other});
    }
    return FromRocks(it->status(), "scanning adjacency");
  }
};

Store::AdjacencyReader::AdjacencyReader(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Store::AdjacencyReader::~AdjacencyReader() = default;

Status Store::AdjacencyReader::Out(uint64_t node, std::optional<Relation> relation, const EdgeFn& fn) {
  return relation ? Out(node, *relation, *relation, fn) : Out(node, Relation{0}, Relation{255}, fn);
}

Status Store::AdjacencyReader::In(uint64_t node, std::optional<Relation> relation, const EdgeFn& fn) {
  return relation ? In(node, *relation, *relation, fn) : In(node, Relation{0}, Relation{255}, fn);
}

Status Store::AdjacencyReader::Out(uint64_t node, Relation first, Relation last, const EdgeFn& fn) {
  return rep_->Scan(rep_->out.get(), node, static_cast<uint8_t>(first), static_cast<uint8_t>(last),
                    /*in_key=*/false, fn);
}

Status Store::AdjacencyReader::In(uint64_t node, Relation first, Relation last, const EdgeFn& fn) {
  return rep_->Scan(rep_->in.get(), node, static_cast<uint8_t>(first), static_cast<uint8_t>(last),
                    /*in_key=*/true, fn);
}

std::unique_ptr<Store::AdjacencyReader> Store::NewAdjacencyReader() const {
  auto rep = std::make_unique<AdjacencyReader::Rep>();
  rocksdb::ReadOptions ro;  // an iterator pins the state it was made in: a consistent walk
  rep->out.reset(impl_->db->NewIterator(ro, impl_->handle(Impl::kOut)));
  rep->in.reset(impl_->db->NewIterator(ro, impl_->handle(Impl::kIn)));
  return std::unique_ptr<AdjacencyReader>(new AdjacencyReader(std::move(rep)));
}

std::string DefaultDatabasePath() {
  const char* env = std::getenv("STANCEGRAPH_DB");
  return env && *env ? std::string(env) : std::string("stancegraph.db");
}

}  // namespace sg
