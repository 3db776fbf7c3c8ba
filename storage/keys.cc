#include "storage/keys.h"

#include <charconv>

namespace sg::keys {
namespace {

constexpr size_t kEdgeKeySize = 17;

// Parses exactly `width` ASCII digits at `s[pos]`.
std::optional<uint32_t> Digits(std::string_view s, size_t pos, size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  uint32_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data() + pos, s.data() + pos + width, v);
  if (ec != std::errc() || ptr != s.data() + pos + width) return std::nullopt;
  return v;
}

std::optional<EdgeKey> DecodeEdge(std::string_view key, bool out) {
  if (key.size() != kEdgeKeySize) return std::nullopt;
  uint64_t first = DecodeFixed64BE(key.data());
  uint8_t rel = static_cast<uint8_t>(key[8]);
  uint64_t second = DecodeFixed64BE(key.data() + 9);
  EdgeKey e;
  e.relation = static_cast<Relation>(rel);
  e.source = out ? first : second;
  e.target = out ? second : first;
  return e;
}

}  // namespace

uint32_t DateKey(std::string_view d) {
  auto year = Digits(d, 0, 4);
  if (!year) return kUnknownDate;
  if (d.size() == 4) return *year * 10000;
  if (d.size() < 7 || d[4] != '-') return kUnknownDate;
  auto month = Digits(d, 5, 2);
  if (!month || *month < 1 || *month > 12) return kUnknownDate;
  if (d.size() == 7) return *year * 10000 + *month * 100;
  if (d.size() != 10 || d[7] != '-') return kUnknownDate;
  auto day = Digits(d, 8, 2);
  if (!day || *day < 1 || *day > 31) return kUnknownDate;
  return *year * 10000 + *month * 100 + *day;
}

void PutFixed32BE(std::string* dst, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) dst->push_back(static_cast<char>(v >> shift));
}

void PutFixed64BE(std::string* dst, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) dst->push_back(static_cast<char>(v >> shift));
}

uint32_t DecodeFixed32BE(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

uint64_t DecodeFixed64BE(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

std::string NodeKey(uint64_t id) {
  std::string k;
  PutFixed64BE(&k, id);
  return k;
}

std::string NamePrefix(std::string_view normalized) {
  std::string k(normalized);
  k.push_back('\0');
  return k;
}

std::string NameKey(std::string_view normalized, NodeKind kind) {
  std::string k = NamePrefix(normalized);
  k.push_back(static_cast<char>(kind));
  return k;
}

std::string NodeCountKey(NodeKind kind) {
  std::string k = "count_nodes";
  k.push_back(static_cast<char>(kind));
  return k;
}

std::string EdgeCountKey(Relation relation) {
  std::string k = "count_edges";
  k.push_back(static_cast<char>(relation));
  return k;
}

std::string KindKey(NodeKind kind, uint64_t id) {
  std::string k(1, static_cast<char>(kind));
  PutFixed64BE(&k, id);
  return k;
}

std::string OutKey(const EdgeKey& e) {
  std::string k = AdjacencyPrefix(e.source, e.relation);
  PutFixed64BE(&k, e.target);
  return k;
}

std::string InKey(const EdgeKey& e) {
  std::string k = AdjacencyPrefix(e.target, e.relation);
  PutFixed64BE(&k, e.source);
  return k;
}

std::string AdjacencyPrefix(uint64_t node) { return NodeKey(node); }

std::string AdjacencyPrefix(uint64_t node, Relation relation) {
  std::string k = NodeKey(node);
  k.push_back(static_cast<char>(relation));
  return k;
}

std::optional<EdgeKey> DecodeOutKey(std::string_view key) { return DecodeEdge(key, true); }
std::optional<EdgeKey> DecodeInKey(std::string_view key) { return DecodeEdge(key, false); }

std::string ClaimKey(uint64_t id) { return NodeKey(id); }

std::string EdgeClaimPrefix(const EdgeKey& e) { return OutKey(e); }

std::string EdgeClaimKey(const EdgeKey& e, uint32_t date_key, uint64_t claim_id) {
  std::string k = OutKey(e);
  PutFixed32BE(&k, date_key);
  PutFixed64BE(&k, claim_id);
  return k;
}

std::optional<uint64_t> DecodeEdgeClaimId(std::string_view key) {
  if (key.size() != kEdgeKeySize + 4 + 8) return std::nullopt;
  return DecodeFixed64BE(key.data() + kEdgeKeySize + 4);
}

std::string ArticleKey(std::string_view article_id) { return std::string(article_id); }

}  // namespace sg::keys
