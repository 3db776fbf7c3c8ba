// The RocksDB key layout (docs/storage-format.md). FROZEN: every encoding here is
// persisted; change it only with a new schema version and a migration.
//
// Integers are fixed-width big-endian, so byte order is numeric order and one
// prefix scan finds all keys of a node, of a node and relation, or of an edge.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "graph/model.h"

namespace sg::keys {

// Column family names. DO NOT CHANGE.
inline constexpr const char* kMetaCf = "default";     // schema version, id counters
inline constexpr const char* kNodesCf = "nodes";      // node id -> Node
inline constexpr const char* kNamesCf = "names";      // name key, kind -> node id
inline constexpr const char* kKindsCf = "kinds";      // kind, node id -> ""
inline constexpr const char* kOutCf = "out";          // src, rel, dst -> Edge
inline constexpr const char* kInCf = "in";            // dst, rel, src -> ""
inline constexpr const char* kClaimsCf = "claims";    // claim id -> Claim
inline constexpr const char* kEdgeClaimsCf = "edge_claims";  // src, rel, dst, date, claim id -> ""
inline constexpr const char* kArticlesCf = "articles";       // article id -> Article

// Keys of the meta column family.
inline constexpr std::string_view kSchemaVersionKey = "schema_version";
inline constexpr std::string_view kNextNodeIdKey = "next_node_id";
inline constexpr std::string_view kNextEdgeIdKey = "next_edge_id";
inline constexpr std::string_view kNextClaimIdKey = "next_claim_id";
// Exact counts (schema version 2 on), u64 BE, each written in the batch of the
// change it counts: "count_nodes" kind(1), "count_edges" relation(1),
// "count_claims", "count_articles". An absent count is zero.
inline constexpr std::string_view kCountPrefix = "count_";
inline constexpr std::string_view kClaimCountKey = "count_claims";
inline constexpr std::string_view kArticleCountKey = "count_articles";
std::string NodeCountKey(NodeKind kind);
std::string EdgeCountKey(Relation relation);
// The version this build writes. Bump on any incompatible change.
// 1: the layout. 2: adds the counts (a version-1 database is migrated on its
// first read-write open: storage/store.cc, MigrateToVersion2).
inline constexpr uint32_t kSchemaVersion = 2;

// Dates in keys: YYYYMMDD as a number (missing month/day are 00), so claims sort
// by date; kUnknownDate sorts after every real date.
inline constexpr uint32_t kUnknownDate = 0xFFFFFFFFu;
// "2025-02-17" -> 20250217, "2025-02" -> 20250200, "2025" -> 20250000; anything
// else (including "") -> kUnknownDate.
uint32_t DateKey(std::string_view iso_date);

// Fixed-width big-endian integers.
void PutFixed32BE(std::string* dst, uint32_t v);
void PutFixed64BE(std::string* dst, uint64_t v);
uint32_t DecodeFixed32BE(const char* p);
uint64_t DecodeFixed64BE(const char* p);

// nodes: id(8).
std::string NodeKey(uint64_t id);
// names: NormalizeName(name) 0x00 kind(1). A scan of NamePrefix(key) finds the
// name under every kind. Normalized names never contain 0x00.
std::string NameKey(std::string_view normalized, NodeKind kind);
std::string NamePrefix(std::string_view normalized);
// kinds: kind(1) id(8).
std::string KindKey(NodeKind kind, uint64_t id);

// An edge's identity. Symmetric relations keep the smaller node id as source.
struct EdgeKey {
  uint64_t source = 0;
  Relation relation = Relation::kMentions;
  uint64_t target = 0;
  friend bool operator==(const EdgeKey&, const EdgeKey&) = default;
  friend auto operator<=>(const EdgeKey&, const EdgeKey&) = default;
};
// out: src(8) rel(1) dst(8); in: dst(8) rel(1) src(8).
std::string OutKey(const EdgeKey& e);
std::string InKey(const EdgeKey& e);
// Prefixes for adjacency scans: all edges of a node, or of a node and relation.
std::string AdjacencyPrefix(uint64_t node);
std::string AdjacencyPrefix(uint64_t node, Relation relation);
// Decode an out or in key (17 bytes). Empty when the key is malformed.
std::optional<EdgeKey> DecodeOutKey(std::string_view key);
std::optional<EdgeKey> DecodeInKey(std::string_view key);

// claims: id(8).
std::string ClaimKey(uint64_t id);
// edge_claims: OutKey(e)(17) date(4) claim id(8): an edge's claims in date order.
std::string EdgeClaimKey(const EdgeKey& e, uint32_t date_key, uint64_t claim_id);
std::string EdgeClaimPrefix(const EdgeKey& e);
// The claim id at the end of an edge_claims key. Empty when malformed.
std::optional<uint64_t> DecodeEdgeClaimId(std::string_view key);

// articles: the article id's bytes.
std::string ArticleKey(std::string_view article_id);

}  // namespace sg::keys
