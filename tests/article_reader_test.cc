#include "ingest/article.h"

#include <gtest/gtest.h>

#include "ingest/dates.h"

namespace sg::ingest {
namespace {

std::vector<ArticleDoc> ReadOk(const std::string& path, std::string_view content) {
  std::vector<ArticleDoc> out;
  Status s = ReadArticles(path, content, &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

std::string ErrorOf(const std::string& path, std::string_view content) {
  std::vector<ArticleDoc> out;
  Status s = ReadArticles(path, content, &out);
  EXPECT_TRUE(s.IsInvalidInput()) << path;
  EXPECT_TRUE(out.empty()) << "a failed file must add nothing";
  return s.message();
}

TEST(ArticleReaderTest, FrontMatter) {
  auto docs = ReadOk("dir/a.md",
                     "---\ntitle: \"Talks in Istanbul\"\ndate: 2025-05-16\nsource: Wire\n"
                     "url: https://example.org/x\nauthor: Desk\nid: wire-1\n---\n\nBody text.\n");
  ASSERT_EQ(docs.size(), 1u);
  const ArticleMeta& m = docs[0].meta;
  EXPECT_EQ(m.id, "wire-1");
  EXPECT_EQ(m.title, "Talks in Istanbul");
  EXPECT_EQ(m.date, "2025-05-16");
  EXPECT_EQ(m.source, "Wire");
  EXPECT_EQ(m.url, "https://example.org/x");
  EXPECT_EQ(m.author, "Desk");
  EXPECT_EQ(m.path, "dir/a.md");
  EXPECT_EQ(docs[0].text, "\nBody text.\n");
  EXPECT_EQ(docs[0].first_line, 9);
}

TEST(ArticleReaderTest, RawTextTakesTheStemAndNoDate) {
  auto docs = ReadOk("corpus/000_seed.txt", "Moscow rejected the plan.\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.id, "000_seed");
  EXPECT_EQ(docs[0].meta.date, "");
  EXPECT_EQ(docs[0].text, "Moscow rejected the plan.\n");
}

TEST(ArticleReaderTest, StdinIdIsADigestOfTheContent) {
  auto a = ReadOk("-", "One text.");
  auto b = ReadOk("-", "Another text.");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].meta.id.rfind("stdin-", 0), 0u);
  EXPECT_NE(a[0].meta.id, b[0].meta.id);
  EXPECT_EQ(a[0].meta.id, ReadOk("-", "One text.")[0].meta.id);
}

TEST(ArticleReaderTest, BomAndCrlf) {
  auto docs = ReadOk("a.txt", "\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\nLine one.\r\nLine two.\r\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].meta.title, "T");
  EXPECT_EQ(docs[0].text, "Line one.\nLine two.\n");
}

TEST(ArticleReaderTest, InvalidUtf8NamesPathAndLine) {
  std::string msg = ErrorOf("dir/bad.txt", "fine\nalso fine\nbro\xffken\n");
  EXPECT_NE(msg.find("dir/bad.txt:3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("UTF-8"), std::string::npos) << msg;
}

TEST(ArticleReaderTest, UnclosedFrontMatterIsAnError) {
  std::string msg = ErrorOf("a.md", "---\ntitle: T\nno end\n");
  EXPECT_NE(msg.find("a.md:"), std::string::npos) << msg;
}

TEST(ArticleReaderTest, BadFrontMatterDate) {
  std::string msg = ErrorOf("a.md", "---\ndate: someday\n---\nText.\n");
  EXPECT_NE(msg.find("date"), std::string::npos) << msg;
}

TEST(ArticleReaderTest, FrontMatterDatesAreNormalized) {
  EXPECT_EQ(ReadOk("a.md", "---\ndate: March 7, 2025\n---\nT.\n")[0].meta.date, "2025-03-07");
  EXPECT_EQ(ReadOk("a.md", "---\ndate: 2025-03-07T10:00:00Z\n---\nT.\n")[0].meta.date, "2025-03-07");
}

TEST(ArticleReaderTest, JsonLines) {
  auto docs = ReadOk("in/batch.jsonl",
                     R"({"id":"a1","title":"One","date":"2025-01-02","url":"u","source":"S","author":"A","text":"First."})"
                     "\n\n"
                     R"({"title":"Two","text":"Second.\r\nLine."})"
                     "\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].meta.id, "a1");
  EXPECT_EQ(docs[0].meta.date, "2025-01-02");
  EXPECT_EQ(docs[0].text, "First.");
  EXPECT_EQ(docs[1].meta.id, "batch-3");  // no id: stem and line
  EXPECT_EQ(docs[1].text, "Second.\nLine.");
  EXPECT_EQ(docs[1].first_line, 3);
}

TEST(ArticleReaderTest, JsonLinesErrorsNameFileLineAndField) {
  const std::string good = R"({"id":"a","text":"x"})";
  std::string msg = ErrorOf("b.jsonl", good + "\n{not json\n");
  EXPECT_NE(msg.find("b.jsonl:2"), std::string::npos) << msg;
  msg = ErrorOf("b.jsonl", good + "\n" + R"({"id":"b"})" + "\n");
  EXPECT_NE(msg.find("b.jsonl:2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("\"text\""), std::string::npos) << msg;
  msg = ErrorOf("b.jsonl", R"({"id":"a","text":"x","title":7})");
  EXPECT_NE(msg.find("b.jsonl:1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("\"title\""), std::string::npos) << msg;
  msg = ErrorOf("b.jsonl", "[1,2]\n");
  EXPECT_NE(msg.find("object"), std::string::npos) << msg;
}

TEST(ArticleReaderTest, DatelineGivesTheDate) {
  auto docs = ReadOk("a.txt", "ISTANBUL, May 16, 2025 \xE2\x80\x94 Talks began. A 2019 deal (Reuters, June 1, 2024).");
  EXPECT_EQ(docs[0].meta.date, "2025-05-16");
}

TEST(ArticleReaderTest, NewestFullDateWhenNoDateline) {
  auto docs = ReadOk("a.txt", "Talks failed (Reuters, June 1, 2024). They met on 3 September 2024 and March 2025.");
  EXPECT_EQ(docs[0].meta.date, "2024-09-03");
}

TEST(DatesTest, FindsDateForms) {
  auto found = FindDates("On March 7, on 7 March 2025, on 2025-03-08 and in September 2024.");
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(IsoDate(found[0].date), "");  // no year
  EXPECT_EQ(found[0].date.month, 3);
  EXPECT_EQ(found[0].date.day, 7);
  EXPECT_EQ(IsoDate(found[1].date), "2025-03-07");
  EXPECT_EQ(IsoDate(found[2].date), "2025-03-08");
  EXPECT_EQ(IsoDate(found[3].date), "2024-09");
  EXPECT_TRUE(FindDates("You may go. March on.").empty());
}

TEST(DatesTest, YearFromTheArticleDate) {
  Ymd feb{0, 2, 17};
  EXPECT_EQ(IsoDate(ResolveYear(feb, "2025-03-10")), "2025-02-17");
  Ymd dec{0, 12, 20};
  EXPECT_EQ(IsoDate(ResolveYear(dec, "2025-03-10")), "2024-12-20");  // after the article: year before
  EXPECT_EQ(IsoDate(ResolveYear(dec, "")), "");
}

}  // namespace
}  // namespace sg::ingest
