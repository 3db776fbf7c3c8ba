// Regression tests for hostile stored values (storage/codec.h), found by the
// capnp_decode fuzz target (docs/reliability.md, "Fuzzing"). Each test is named
// after the bug it pins.
#include "storage/codec.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace sg {
namespace {

void Put32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(static_cast<char>(v >> (8 * i)));
}

// A Node value of 6 words whose `properties` is a list of `count` zero-size
// elements: capnp charges one word per element, however short the value.
std::string ZeroSizeList(uint32_t count) {
  std::string s;
  Put32(&s, 0);  // segment table: one segment
  Put32(&s, 5);  // of 5 words
  Put32(&s, 0);  // root: struct pointer, offset 0
  Put32(&s, 4u << 16);  // 0 data words, 4 pointers
  s.append(24, '\0');   // name, aliases, code: null
  Put32(&s, 1);              // list pointer, offset 0
  Put32(&s, count << 3);     // element size VOID, `count` elements
  return s;
}

TEST(CodecRegression, ZeroSizeListAmplificationExhaustedMemory) {
  const std::string value = ZeroSizeList(60'000'000);
  ASSERT_EQ(value.size(), 48u);
  auto start = std::chrono::steady_clock::now();
  NodeRecord r;
  Status s = codec::DecodeNode(value, &r);
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(r.properties.size() < 10'000u);
}

TEST(CodecRegression, SmallZeroSizeListsStillDecode) {
  NodeRecord r;
  ASSERT_TRUE(codec::DecodeNode(ZeroSizeList(100), &r).ok());
  EXPECT_EQ(r.properties.size(), 100u);  // empty properties, as capnp reads them
}

TEST(CodecRegression, LargeRecordsStillDecode) {
  NodeRecord big;
  big.name = "Russia";
  for (int i = 0; i < 200'000; ++i) big.aliases.push_back("alias " + std::to_string(i));
  for (int i = 0; i < 50'000; ++i) big.properties.emplace_back("k" + std::to_string(i), "");
  NodeRecord back;
  ASSERT_TRUE(codec::DecodeNode(codec::EncodeNode(big), &back).ok());
  EXPECT_EQ(back.aliases, big.aliases);
  EXPECT_EQ(back.properties, big.properties);
}

}  // namespace
}  // namespace sg
