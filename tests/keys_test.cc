#include "storage/keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace sg::keys {
namespace {

TEST(KeysTest, Fixed64RoundTripAndOrder) {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> values = {0, 1, 255, 256, 0xFFFFFFFFull, ~0ull};
  for (int i = 0; i < 1000; ++i) values.push_back(rng());
  std::vector<std::string> encoded;
  for (uint64_t v : values) {
    std::string s;
    PutFixed64BE(&s, v);
    ASSERT_EQ(s.size(), 8u);
    EXPECT_EQ(DecodeFixed64BE(s.data()), v);
    encoded.push_back(s);
  }
  // Byte order is numeric order.
  for (size_t i = 0; i + 1 < values.size(); ++i) {
    EXPECT_EQ(values[i] < values[i + 1], encoded[i] < encoded[i + 1]) << values[i];
  }
}

TEST(KeysTest, Fixed32RoundTrip) {
  for (uint32_t v : {0u, 1u, 20250217u, 0xFFFFFFFFu}) {
    std::string s;
    PutFixed32BE(&s, v);
    EXPECT_EQ(DecodeFixed32BE(s.data()), v);
  }
}

TEST(KeysTest, DateKeys) {
  EXPECT_EQ(DateKey("2025-02-17"), 20250217u);
  EXPECT_EQ(DateKey("2025-02"), 20250200u);
  EXPECT_EQ(DateKey("2025"), 20250000u);
  EXPECT_EQ(DateKey(""), kUnknownDate);
  EXPECT_EQ(DateKey("17 Feb 2025"), kUnknownDate);
  EXPECT_EQ(DateKey("2025-13-01"), kUnknownDate);
  EXPECT_EQ(DateKey("2025-02-17T10:00"), kUnknownDate);
  EXPECT_LT(DateKey("2024-12-31"), DateKey("2025-01-01"));
  EXPECT_LT(DateKey("2025-01"), DateKey("2025-01-01"));
}

TEST(KeysTest, EdgeKeysRoundTripBothDirections) {
  EdgeKey e{42, Relation::kOpposes, 7};
  std::string out = OutKey(e), in = InKey(e);
  ASSERT_EQ(out.size(), 17u);
  ASSERT_EQ(in.size(), 17u);
  EXPECT_EQ(DecodeOutKey(out), e);
  EXPECT_EQ(DecodeInKey(in), e);
  EXPECT_EQ(out.substr(0, 8), AdjacencyPrefix(42));
  EXPECT_EQ(in.substr(0, 9), AdjacencyPrefix(7, Relation::kOpposes));
  EXPECT_FALSE(DecodeOutKey(out.substr(1)).has_value());
}

TEST(KeysTest, EdgeKeysSortBySourceThenRelationThenTarget) {
  std::vector<EdgeKey> edges = {{2, Relation::kMeets, 1}, {1, Relation::kOpposes, 9},
                                {1, Relation::kSupports, 3}, {1, Relation::kOpposes, 2},
                                {256, Relation::kMeets, 0}};
  std::vector<std::string> encoded;
  for (const auto& e : edges) encoded.push_back(OutKey(e));
  std::sort(edges.begin(), edges.end());
  std::sort(encoded.begin(), encoded.end());
  for (size_t i = 0; i < edges.size(); ++i) EXPECT_EQ(DecodeOutKey(encoded[i]), edges[i]);
}

TEST(KeysTest, EdgeClaimKeysSortByDateThenId) {
  EdgeKey e{1, Relation::kOpposes, 2};
  std::string a = EdgeClaimKey(e, DateKey("2025-02-17"), 9);
  std::string b = EdgeClaimKey(e, DateKey("2025-03-01"), 3);
  std::string c = EdgeClaimKey(e, kUnknownDate, 1);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(a.substr(0, 17), EdgeClaimPrefix(e));
  EXPECT_EQ(DecodeEdgeClaimId(b), 3u);
  EXPECT_FALSE(DecodeEdgeClaimId("short").has_value());
}

TEST(KeysTest, NameKeysGroupKindsUnderOneName) {
  std::string person = NameKey("georgia", NodeKind::kPerson);
  std::string state = NameKey("georgia", NodeKind::kState);
  EXPECT_EQ(person.substr(0, NamePrefix("georgia").size()), NamePrefix("georgia"));
  EXPECT_EQ(state.substr(0, NamePrefix("georgia").size()), NamePrefix("georgia"));
  // "georgia" and "georgia x" do not share the prefix of "georgia".
  std::string longer = NameKey("georgia x", NodeKind::kPerson);
  EXPECT_NE(longer.substr(0, NamePrefix("georgia").size()), NamePrefix("georgia"));
}

TEST(KeysTest, KindKeysScanOneKind) {
  std::string k = KindKey(NodeKind::kState, 5);
  EXPECT_EQ(k.size(), 9u);
  EXPECT_EQ(k[0], static_cast<char>(NodeKind::kState));
  EXPECT_LT(KindKey(NodeKind::kPerson, ~0ull), KindKey(NodeKind::kState, 0));
}

}  // namespace
}  // namespace sg::keys
