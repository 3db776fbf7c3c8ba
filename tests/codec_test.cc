#include "storage/codec.h"

#include <gtest/gtest.h>

namespace sg::codec {
namespace {

TEST(CodecTest, NodeRoundTrip) {
  NodeRecord n{12, NodeKind::kState, "Russia", {"Moscow", "the Kremlin", "Россия"}, "RUS",
               {{"note", "x\ny"}}};
  NodeRecord back;
  ASSERT_TRUE(DecodeNode(EncodeNode(n), &back).ok());
  EXPECT_EQ(back.id, 12u);
  EXPECT_EQ(back.kind, NodeKind::kState);
  EXPECT_EQ(back.name, "Russia");
  EXPECT_EQ(back.aliases, n.aliases);
  EXPECT_EQ(back.code, "RUS");
  EXPECT_EQ(back.properties, n.properties);
}

TEST(CodecTest, EdgeRoundTrip) {
  EdgeRecord e;
  e.id = 3;
  e.key = {1, Relation::kHoldsOffice, 2};
  e.claim_count = 4;
  e.article_count = 2;
  e.first_date = "2024-09-10";
  e.last_date = "2025-02-17";
  e.titles = {"Foreign Minister"};
  e.outlets = {"Kommersant", "Vedomosti"};
  EdgeRecord back;
  ASSERT_TRUE(DecodeEdge(EncodeEdge(e), &back).ok());
  EXPECT_EQ(back.id, 3u);
  EXPECT_EQ(back.key, e.key);
  EXPECT_EQ(back.claim_count, 4u);
  EXPECT_EQ(back.article_count, 2u);
  EXPECT_EQ(back.first_date, e.first_date);
  EXPECT_EQ(back.last_date, e.last_date);
  EXPECT_EQ(back.titles, e.titles);
  EXPECT_EQ(back.outlets, e.outlets);
}

TEST(CodecTest, ClaimRoundTrip) {
  ClaimRecord c;
  c.id = 99;
  c.article_id = "edm-2025-03-10";
  c.edge = {7, Relation::kOpposes, 9};
  c.subject_text = "Lavrov";
  c.object_text = "territorial concessions";
  c.sentence = "Lavrov ruled out \"any\" concessions.";
  c.sentence_no = 12;
  c.span_begin = 100;
  c.span_end = 140;
  c.cue = "ruled out";
  c.sources = {{"Kommersant", "2025-02-17"}, {"Vedomosti", ""}};
  c.date = "2025-02-17";
  c.polarity = -1;
  c.rule = "stance.verb";
  c.confidence = 0.75f;
  c.title = "";
  c.properties = {{"k", "v"}};
  c.publisher = "Eurasia Daily Monitor";
  ClaimRecord back;
  ASSERT_TRUE(DecodeClaim(EncodeClaim(c), &back).ok());
  EXPECT_EQ(back.id, 99u);
  EXPECT_EQ(back.article_id, c.article_id);
  EXPECT_EQ(back.edge, c.edge);
  EXPECT_EQ(back.sentence, c.sentence);
  EXPECT_EQ(back.sentence_no, 12u);
  EXPECT_EQ(back.span_begin, 100u);
  EXPECT_EQ(back.span_end, 140u);
  EXPECT_EQ(back.cue, "ruled out");
  ASSERT_EQ(back.sources.size(), 2u);
  EXPECT_EQ(back.sources[0].name, "Kommersant");
  EXPECT_EQ(back.sources[0].date, "2025-02-17");
  EXPECT_EQ(back.polarity, -1);
  EXPECT_EQ(back.rule, "stance.verb");
  EXPECT_FLOAT_EQ(back.confidence, 0.75f);
  EXPECT_EQ(back.properties, c.properties);
  EXPECT_EQ(back.publisher, c.publisher);
}

TEST(CodecTest, ArticleRoundTrip) {
  ArticleRecord a;
  a.meta = {"id-1", "Title", "2025-03-10", "https://x", "EDM", "Baev", "a/b.txt"};
  a.content_hash = "abc";
  a.claim_ids = {1, 2, 3, 1ull << 40};
  a.node = 5;
  ArticleRecord back;
  ASSERT_TRUE(DecodeArticle(EncodeArticle(a), &back).ok());
  EXPECT_EQ(back.meta.id, "id-1");
  EXPECT_EQ(back.meta.title, "Title");
  EXPECT_EQ(back.meta.date, "2025-03-10");
  EXPECT_EQ(back.meta.url, "https://x");
  EXPECT_EQ(back.meta.source, "EDM");
  EXPECT_EQ(back.meta.author, "Baev");
  EXPECT_EQ(back.meta.path, "a/b.txt");
  EXPECT_EQ(back.content_hash, "abc");
  EXPECT_EQ(back.claim_ids, a.claim_ids);
  EXPECT_EQ(back.node, 5u);
}

TEST(CodecTest, DefaultsSurviveAnEmptyMessage) {
  ClaimRecord back;
  ASSERT_TRUE(DecodeClaim(EncodeClaim(ClaimRecord{}), &back).ok());
  EXPECT_EQ(back.polarity, 1);
  EXPECT_FLOAT_EQ(back.confidence, 1.0f);
}

TEST(CodecTest, GarbageIsCorruptionNotACrash) {
  NodeRecord n;
  EXPECT_EQ(DecodeNode("", &n).code(), Status::Code::kCorruption);
  EXPECT_EQ(DecodeNode("abc", &n).code(), Status::Code::kCorruption);
  std::string junk(64, '\xff');
  EXPECT_EQ(DecodeNode(junk, &n).code(), Status::Code::kCorruption);
  // A truncated real value.
  std::string good = EncodeNode(NodeRecord{1, NodeKind::kPerson, "A long enough name", {}, "", {}});
  EXPECT_FALSE(DecodeNode(good.substr(0, good.size() - 8), &n).ok());
}

TEST(CodecTest, UnalignedInputDecodes) {
  std::string bytes = EncodeNode(NodeRecord{1, NodeKind::kPerson, "Name", {}, "", {}});
  std::string shifted = "x" + bytes;  // data() + 1 is not word-aligned
  NodeRecord n;
  ASSERT_TRUE(DecodeNode(std::string_view(shifted).substr(1), &n).ok());
  EXPECT_EQ(n.name, "Name");
}

}  // namespace
}  // namespace sg::codec
