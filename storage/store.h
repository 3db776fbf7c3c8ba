// Store: the persistent knowledge graph, in RocksDB with Cap'n Proto values.
// Key layout: docs/storage-format.md (storage/keys.h).
//
// Thread safety: read methods are safe to call concurrently. IngestArticle() is
// for one thread at a time; the database admits one writer process at a time
// (RocksDB's LOCK file): a second read-write Open() gets Status::Busy. Read-only
// opens may run beside the writer and see the database as it was when opened.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"
#include "storage/records.h"

namespace rocksdb {
class Env;
}  // namespace rocksdb

namespace sg {

// Exact counts of what the store holds. The maps hold only non-zero entries.
struct StoreCounts {
  std::map<NodeKind, uint64_t> nodes_by_kind;       // Article and Source nodes included
  // Every stored edge once: a symmetric edge (MEETS, COOPERATES_WITH) counts
  // once; the derived MENTIONS and CITES edges are included.
  std::map<Relation, uint64_t> edges_by_relation;
  uint64_t nodes = 0;     // the sum of nodes_by_kind
  uint64_t edges = 0;     // the sum of edges_by_relation
  uint64_t claims = 0;    // negated claims included
  uint64_t articles = 0;  // articles without claims included
  friend bool operator==(const StoreCounts&, const StoreCounts&) = default;
};

struct StoreStats : StoreCounts {
  uint64_t disk_bytes = 0;  // SST and log files
};

class Store {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens the database in directory `path`, creating it in kReadWrite mode.
  // On success *out owns the store. Errors: Busy (another writer holds it),
  // NotFound (kReadOnly and no database there), Unsupported (written by a newer
  // schema version), IOError.
  static Status Open(const std::string& path, Mode mode, std::unique_ptr<Store>* out);
  // For tests: Open() with RocksDB's `env` (its file system and clock) instead
  // of the default one, e.g. an env that injects I/O errors
  // (tests/fault_injection_test.cc). nullptr: the default. REQUIRES: `env`
  // outlives the store.
  static Status OpenWithEnv(const std::string& path, Mode mode, rocksdb::Env* env,
                            std::unique_ptr<Store>* out);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }

  // ----- Writing (REQUIRES: opened kReadWrite)

  enum class IngestOutcome { kAdded, kReplaced, kUnchanged };
  // Resolves the claims' names to nodes and writes the article, its claims,
  // the derived MENTIONS/CITES claims and the edge aggregates in one atomic
  // WriteBatch. An article already stored with the same id and content_hash is
  // left alone (kUnchanged); with another hash its old claims are replaced and the
  // aggregates of every edge they touched recomputed exactly (kReplaced).
  // Errors: InvalidInput for a claim the schema does not allow (nothing written).
  Status IngestArticle(const ArticleClaims& article, IngestOutcome* outcome);

  // Compacts every column family fully: smallest size on disk, fastest reads.
  // REQUIRES: opened kReadWrite. Takes time proportional to the database.
  Status Compact();

  // ----- Reading

  // The content hash of a stored article; NotFound when absent.
  Status FindArticleHash(std::string_view id, std::string* hash) const;
  Status GetArticle(std::string_view id, ArticleRecord* out) const;
  // Nodes whose name or alias normalizes like `name`, of every kind.
  Status FindNodes(std::string_view name, std::vector<NodeRecord>* out) const;
  // The node of `kind` named `name`; NotFound when absent.
  Status FindNode(std::string_view name, NodeKind kind, NodeRecord* out) const;
  Status GetNode(uint64_t id, NodeRecord* out) const;
  Status GetEdge(const keys::EdgeKey& key, EdgeRecord* out) const;
  Status GetClaim(uint64_t id, ClaimRecord* out) const;
  // Edges leaving / entering `node`, optionally of one relation (a prefix scan).
  Status OutEdges(uint64_t node, std::optional<Relation> relation,
                  std::vector<EdgeRecord>* out) const;
  Status InEdges(uint64_t node, std::optional<Relation> relation,
                 std::vector<EdgeRecord>* out) const;
  // The claims behind an edge, in date order (undated last).
  Status ClaimsOfEdge(const keys::EdgeKey& key, std::vector<ClaimRecord>* out) const;

  // The `names` index entries whose normalized name starts with
  // `normalized_prefix` (already normalized, graph/names.h), in name order, as
  // (normalized name, kind, node id). `fn` returns false to stop the scan.
  Status ScanNames(std::string_view normalized_prefix,
                   const std::function<bool(std::string_view name, NodeKind kind,
                                            uint64_t node)>& fn) const;

  // Full scans, in key order. A callback's non-ok status stops the scan and is
  // returned.
  Status ForEachNode(const std::function<Status(const NodeRecord&)>& fn) const;
  Status ForEachEdge(const std::function<Status(const EdgeRecord&)>& fn) const;
  Status ForEachArticle(const std::function<Status(const ArticleRecord&)>& fn) const;

  // The counts kept in the store (docs/storage-format.md): a few point reads,
  // whatever the size of the database. A version-1 database opened read-only
  // has no counts yet (its first read-write open adds them): they are then
  // computed by ScanCounts(), in time proportional to the database.
  Status Counts(StoreCounts* out) const;
  // Counts by scanning every column family, ignoring the kept counts: for
  // checking them (tests) and for migrating a version-1 database.
  Status ScanCounts(StoreCounts* out) const;
  // Counts() and the size on disk.
  Status Stats(StoreStats* out) const;

  // ----- Graph walks

  // Reads adjacency keys (never edge values) with one RocksDB iterator per
  // direction, reused across calls: a walk that visits many nodes pays a Seek
  // per node instead of an iterator. The reader sees the database as it was
  // when the reader was made.
  //
  // Not thread-safe: one reader per thread. REQUIRES: it dies before its Store.
  class AdjacencyReader {
   public:
    using EdgeFn = std::function<void(const keys::EdgeKey&)>;
    ~AdjacencyReader();
    AdjacencyReader(const AdjacencyReader&) = delete;
    AdjacencyReader& operator=(const AdjacencyReader&) = delete;

    // Calls fn for each edge leaving (Out) or entering (In) `node`, of
    // `relation` when given, in key order (relation, then the other node).
    // Edge keys are as stored: a symmetric edge appears only from its smaller
    // id, so a walk that treats it as undirected reads both directions.
    // Corruption on a malformed key.
    Status Out(uint64_t node, std::optional<Relation> relation, const EdgeFn& fn);
    Status In(uint64_t node, std::optional<Relation> relation, const EdgeFn& fn);
    // The same for the relations first..last (by number, inclusive): one Seek
    // for a set of relations. REQUIRES: first <= last.
    Status Out(uint64_t node, Relation first, Relation last, const EdgeFn& fn);
    Status In(uint64_t node, Relation first, Relation last, const EdgeFn& fn);

    struct Rep;

   private:
    friend class Store;
    explicit AdjacencyReader(std::unique_ptr<Rep> rep);
    std::unique_ptr<Rep> rep_;
  };
  std::unique_ptr<AdjacencyReader> NewAdjacencyReader() const;

  // Calls fn with the id of each node of `kind`, in id order (keys only).
  Status ForEachNodeOfKind(NodeKind kind, const std::function<Status(uint64_t id)>& fn) const;
  // ForEachEdge that decodes only the edges whose key `want` accepts.
  Status ForEachEdge(const std::function<bool(const keys::EdgeKey&)>& want,
                     const std::function<Status(const EdgeRecord&)>& fn) const;

  struct Impl;

 private:
  friend struct StoreInternals;  // storage/check.cc: the integrity check and repair
  Store(std::string path, std::unique_ptr<Impl> impl);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

// Where the CLI keeps its database when --db is not given: $STANCEGRAPH_DB, else
// "./stancegraph.db".
std::string DefaultDatabasePath();

}  // namespace sg
