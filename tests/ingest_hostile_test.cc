// Regression tests for hostile input to the ingest readers, one per bug found by
// tests/hostile_input_test.py or the fuzz targets (docs/reliability.md, "Hostile
// input"). Each test is named after the bug it pins.
#include "ingest/input_checks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/article.h"
#include "ingest/claims_jsonl.h"

namespace sg::ingest {
namespace {

std::string ArticleError(const std::string& path, std::string_view content) {
  std::vector<ArticleDoc> out;
  Status s = ReadArticles(path, content, &out);
  EXPECT_TRUE(s.IsInvalidInput()) << path << ": " << s.ToString();
  EXPECT_TRUE(out.empty()) << "a failed file must add nothing";
  return s.message();
}

std::string ClaimsError(const std::string& path, std::string_view content) {
  std::vector<ArticleClaims> out;
  Status s = ReadClaimsJsonl(path, content, {}, &out);
  EXPECT_TRUE(s.IsInvalidInput()) << path << ": " << s.ToString();
  return s.message();
}

const std::string kClaim =
    R"({"subject":{"name":"Sergei Lavrov","kind":"Person"},"relation":"OPPOSES",)"
    R"("object":{"name":"ceasefire","kind":"Position"})";

TEST(HostileInputRegression, Utf16FileSaidOnlyInvalidUtf8) {
  const std::string utf16le("\xFF\xFEL\0a\0v\0\n\0", 10);
  std::string msg = ArticleError("in/a.txt", utf16le);
  EXPECT_NE(msg.find("in/a.txt:1:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("UTF-16LE"), std::string::npos) << msg;
  msg = ArticleError("in/b.md", std::string("\xFE\xFF\0L\0a", 6));
  EXPECT_NE(msg.find("UTF-16BE"), std::string::npos) << msg;
  msg = ClaimsError("in/c.jsonl", utf16le);
  EXPECT_NE(msg.find("in/c.jsonl:1:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("UTF-16LE"), std::string::npos) << msg;
}

TEST(HostileInputRegression, NulBytesWereStoredInArticleText) {
  std::string msg = ArticleError("a.txt", std::string("Fine line.\nLavrov\0 said.\n", 25));
  EXPECT_NE(msg.find("a.txt:2: column 7: NUL byte"), std::string::npos) << msg;
  msg = ArticleError("a.jsonl", R"({"id":"x","text":"Lavrov\u0000 said."})");
  EXPECT_NE(msg.find("a.jsonl:1:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("\"text\" contains a NUL character"), std::string::npos) << msg;
  msg = ClaimsError("c.jsonl", kClaim + "}\n" + kClaim + R"(,"sentence":"a\u0000b"})" + "\n");
  EXPECT_NE(msg.find("c.jsonl:2: sentence contains a NUL character"), std::string::npos) << msg;
}

TEST(HostileInputRegression, InvalidUtf8NamesByteAndColumn) {
  std::string msg = ArticleError("a.md", "ok\nab\xC3\x28\n");
  EXPECT_NE(msg.find("a.md:2: column 3: invalid UTF-8 (byte 0xC3"), std::string::npos) << msg;
}

TEST(HostileInputRegression, EmptyFileAddedAnEmptyArticle) {
  for (std::string_view content : {std::string_view(""), std::string_view(" \n\t\r\n"),
                                   std::string_view("\xEF\xBB\xBF"), std::string_view("\xEF\xBB\xBF\r\n")}) {
    for (const char* path : {"e.txt", "e.md", "e.jsonl"}) {
      std::vector<ArticleDoc> out;
      ASSERT_TRUE(ReadArticles(path, content, &out).ok()) << path;
      EXPECT_TRUE(out.empty()) << path << " [" << content << "]";
    }
  }
}

TEST(HostileInputRegression, FrontMatterDateErrorNamedLineOne) {
  std::string msg = ArticleError("a.md", "---\ntitle: T\ndate: 2025-13-45\n---\nText.\n");
  EXPECT_NE(msg.find("a.md:3: field \"date\""), std::string::npos) << msg;
}

TEST(HostileInputRegression, ImpossibleFrontMatterDatesWereAccepted) {
  for (const char* date : {"2025-02-30", "2025-01-01garbage", "0999-01-01", "3000", "0000-00-00",
                           "99999-01-01", "-1", "2025-13-45"}) {
    std::string msg = ArticleError("a.md", std::string("---\ndate: ") + date + "\n---\nText.\n");
    EXPECT_NE(msg.find("a.md:2: field \"date\": not a date"), std::string::npos) << date << ": " << msg;
    msg = ArticleError("a.jsonl", std::string(R"({"text":"x","date":")") + date + "\"}");
    EXPECT_NE(msg.find("a.jsonl:1: field \"date\""), std::string::npos) << date << ": " << msg;
  }
  std::vector<ArticleDoc> out;
  ASSERT_TRUE(ReadArticles("a.md", "---\ndate: 2025-05-16 10:00\n---\nT.\n", &out).ok());
  EXPECT_EQ(out[0].meta.date, "2025-05-16");
}

TEST(HostileInputRegression, HugeValuesWereEchoedWholeInErrors) {
  const std::string date(10000, '9');
  std::string msg = ArticleError("a.md", "---\ndate: " + date + "\n---\nText.\n");
  EXPECT_LT(msg.size(), 300u) << msg.substr(0, 300);
  EXPECT_NE(msg.find("(10000 bytes)"), std::string::npos) << msg;
  msg = ClaimsError("c.jsonl", kClaim + R"(,"date":")" + date + "\"}\n");
  EXPECT_LT(msg.size(), 300u) << msg.substr(0, 300);
  msg = ClaimsError("c.jsonl", R"({"subject":{"name":"x","kind":"Person"},"relation":")" +
                                   std::string(10000, 'R') + R"(","object":{"name":"y","kind":"State"}})");
  EXPECT_LT(msg.size(), 500u) << msg.substr(0, 500);
}

TEST(HostileInputRegression, DeepJsonArticleLineWasParsed) {
  std::string msg = ArticleError("a.jsonl", R"({"text":"x","title":)" + std::string(100000, '[') + "}\n");
  EXPECT_NE(msg.find("a.jsonl:1: JSON nests deeper than 64 levels"), std::string::npos) << msg;
}

TEST(HostileInputRegression, HugeArticleTookMinutesToExtract) {
  const std::string sentence = "Russian Foreign Minister Sergei Lavrov said Moscow opposes the ceasefire. ";
  std::string text;
  while (text.size() <= kMaxArticleBytes) text += sentence;
  std::string msg = ArticleError("big.txt", text);
  EXPECT_NE(msg.find("big.txt:1: the article's text is"), std::string::npos) << msg;
  msg = ArticleError("big.jsonl", "\n{\"text\":\"" + text + "\"}\n");
  EXPECT_NE(msg.find("big.jsonl:2: the article's text is"), std::string::npos) << msg;
}

TEST(HostileInputRegression, OverlongClaimLineIsSniffedAsClaims) {
  std::string line = kClaim + R"(,"sentence":")" + std::string(kMaxJsonLineBytes, 'a') + "\"}";
  EXPECT_TRUE(LooksLikeClaimLine(line));
  std::string msg = ClaimsError("c.jsonl", line);
  EXPECT_NE(msg.find("c.jsonl:1: (line) is longer than 16 MiB"), std::string::npos) << msg.substr(0, 200);
}

// The rules looked one token past a cue ("N(j + 1)"); a text that stops right
// after the cue read past the last token (ASan: SEGV in NounSubjectBefore).
TEST(HostileInputRegression, LookaheadPastTheLastToken) {
  const std::string text =
      "Russian Foreign Minister Sergei Lavrov said on(Tuesday that Moscow opposes any ceasefire that "
      "freezes the front, according n Foreign Mini5. \"We will% never accept territorial concessto "
      "Kommersant. Ukrainian President Volodymyr Ze,enskyy get U.S. Secretary of State Marco Rubio in "
      "Riyadh on March 11, 2025. \"We will never accept territorial concessions,\" Zelenskyy";
  Lexicon lexicon;
  ASSERT_TRUE(Lexicon::LoadBuiltin(&lexicon).ok());
  Extractor extractor(lexicon);
  for (size_t cut = text.size() - 12; cut <= text.size(); ++cut) {
    ArticleDoc doc;
    doc.meta.id = "a1";
    doc.text = text.substr(0, cut);
    ArticleClaims claims = extractor.Extract(doc);  // must not read past the tokens
    for (const Claim& c : claims.claims) EXPECT_LE(c.span_end, doc.text.size());
  }
}

TEST(InputChecksTest, Excerpt) {
  EXPECT_EQ(Excerpt("short"), "short");
  EXPECT_EQ(Excerpt(std::string(50, 'x'), 10), "xxxxxxxxxx... (50 bytes)");
  // Cut at a UTF-8 boundary: "é" is two bytes.
  EXPECT_EQ(Excerpt("\xC3\xA9\xC3\xA9\xC3\xA9", 3), "\xC3\xA9... (6 bytes)");
}

}  // namespace
}  // namespace sg::ingest
