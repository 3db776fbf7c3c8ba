// Internal to storage/: the RocksDB handles behind Store, shared by store.cc
// (opening, reading) and article_writer.cc (the ingest write path).
#pragma once

#include <rocksdb/db.h>

#include <functional>
#include <memory>
#include <unordered_map>
#include <string>
#include <vector>

#include "graph/status.h"
#include "storage/store.h"

namespace sg {

// Converts a RocksDB status once, at the storage edge. `what` says what was being
// done, for the message.
Status FromRocks(const rocksdb::Status& s, std::string_view what);

struct Store::Impl {
  // Column families in the order of keys::k*Cf; cf[0] is "default" (meta).
  enum Cf { kMeta, kNodes, kNames, kKinds, kOut, kIn, kClaims, kEdgeClaims, kArticles, kCount };

  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> cf;  // owned; destroyed before db
  bool read_only = true;

  // Id counters: the next id to hand out. Only the writer touches them; they are
  // persisted in the same batch as the records that use them.
  uint64_t next_node_id = 1;
  uint64_t next_edge_id = 1;
  uint64_t next_claim_id = 1;

  // The database's schema version (keys::kSchemaVersion once a read-write open
  // has migrated it). Below 2 there are no stored counts.
  uint32_t schema_version = 0;
  // The writer's copy of the stored counts (read-write opens only), updated
  // after each article's batch is written.
  StoreCounts counts;

  // Writer caches of committed state, so that ingest does not read the same
  // names and nodes back from RocksDB for every claim. Only the writer touches
  // them; an article's changes enter them after its batch is written.
  std::unordered_map<std::string, uint64_t> name_cache;  // keys::NameKey -> node id
  std::unordered_map<uint64_t, NodeRecord> node_cache;
  static constexpr size_t kMaxCachedNames = 2'000'000;
  static constexpr size_t kMaxCachedNodes = 500'000;

  ~Impl();
  rocksdb::ColumnFamilyHandle* handle(Cf c) const { return cf[c]; }
  // Reads `key` from column family `c`; NotFound when absent.
  Status Get(Cf c, std::string_view key, std::string* value) const;
  // Visits every key/value of `c` that starts with `prefix`; a non-ok status from
  // `fn` stops the scan and is returned.
  Status Scan(Cf c, std::string_view prefix,
              const std::function<Status(std::string_view key, std::string_view value)>& fn) const;
};

// The meta-family record of one count: key -> u64 BE.
std::pair<std::string, std::string> CountRecord(std::string key, uint64_t value);

// The ingest write path (article_writer.cc).
Status WriteArticle(Store::Impl* impl, const ArticleClaims& article,
                    Store::IngestOutcome* outcome);

}  // namespace sg
