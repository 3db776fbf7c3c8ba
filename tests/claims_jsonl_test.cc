#include "ingest/claims_jsonl.h"

#include <gtest/gtest.h>

namespace sg::ingest {
namespace {

const char* kGood =
    R"({"subject":{"name":"Sergei Lavrov","kind":"Person","aliases":["Lavrov"]},"relation":"OPPOSES",)"
    R"("object":{"name":"territorial concessions","kind":"Position"},)"
    R"("article":{"id":"edm-2025-03-10","title":"T","date":"2025-03-10","url":"u","source":"Eurasia Daily Monitor"},)"
    R"("sentence":"S.","sources":[{"name":"Kommersant","date":"2025-02-17"},"Vedomosti"],"date":"2025-02-17",)"
    R"("properties":{"title":"Foreign Minister","weight":2}})";

Status Read(std::string_view content, std::vector<ArticleClaims>* out,
            ClaimsReadOptions options = {}) {
  return ReadClaimsJsonl("dir/claims.jsonl", content, options, out);
}

// The error message of reading one bad line after a good one.
std::string ErrorOf(const std::string& bad_line) {
  std::vector<ArticleClaims> out;
  Status s = Read(std::string(kGood) + "\n" + bad_line + "\n", &out);
  EXPECT_TRUE(s.IsInvalidInput()) << bad_line;
  EXPECT_TRUE(out.empty()) << "a failed file must add nothing";
  return s.message();
}

TEST(ClaimsJsonlTest, ReadsEveryField) {
  std::vector<ArticleClaims> out;
  ASSERT_TRUE(Read(kGood, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  const ArticleClaims& a = out[0];
  EXPECT_EQ(a.article.id, "edm-2025-03-10");
  EXPECT_EQ(a.article.source, "Eurasia Daily Monitor");
  EXPECT_EQ(a.article.path, "dir/claims.jsonl");
  EXPECT_EQ(a.content_hash.size(), 32u);
  ASSERT_EQ(a.claims.size(), 1u);
  const Claim& c = a.claims[0];
  EXPECT_EQ(c.subject.name, "Sergei Lavrov");
  EXPECT_EQ(c.subject.kind, NodeKind::kPerson);
  EXPECT_EQ(c.subject.aliases, std::vector<std::string>{"Lavrov"});
  EXPECT_EQ(c.relation, Relation::kOpposes);
  EXPECT_EQ(c.object.kind, NodeKind::kPosition);
  ASSERT_EQ(c.sources.size(), 2u);
  EXPECT_EQ(c.sources[0].date, "2025-02-17");
  EXPECT_EQ(c.sources[1].name, "Vedomosti");
  EXPECT_EQ(c.date, "2025-02-17");
  EXPECT_EQ(c.title, "Foreign Minister");
  ASSERT_EQ(c.properties.size(), 1u);
  EXPECT_EQ(c.properties[0], (std::pair<std::string, std::string>{"weight", "2"}));
}

TEST(ClaimsJsonlTest, OnlySubjectRelationObjectAreRequired) {
  std::vector<ArticleClaims> out;
  ASSERT_TRUE(Read(R"({"subject":{"name":"Russia","kind":"State"},"relation":"ATTACKS","object":{"name":"Ukraine","kind":"State"}})",
                   &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].article.id, "claims");  // the file's stem
}

TEST(ClaimsJsonlTest, GroupsByArticleAndHashesEachGroup) {
  std::string a = R"({"subject":{"name":"A","kind":"State"},"relation":"ATTACKS","object":{"name":"B","kind":"State"},"article":"x"})";
  std::string b = R"({"subject":{"name":"C","kind":"State"},"relation":"ATTACKS","object":{"name":"D","kind":"State"},"article":"y"})";
  std::vector<ArticleClaims> out;
  ASSERT_TRUE(Read(a + "\n\n" + b + "\r\n" + a + "\n", &out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].article.id, "x");
  EXPECT_EQ(out[0].claims.size(), 2u);
  EXPECT_EQ(out[1].claims.size(), 1u);
  EXPECT_NE(out[0].content_hash, out[1].content_hash);
  std::vector<ArticleClaims> again;
  ASSERT_TRUE(Read(a + "\n" + b + "\n" + a + "\n", &again).ok());
  EXPECT_EQ(again[0].content_hash, out[0].content_hash);  // blank lines and CRLF do not count
}

TEST(ClaimsJsonlTest, ErrorsNameFileLineAndField) {
  EXPECT_EQ(ErrorOf("{not json"), ErrorOf("{not json"));
  EXPECT_NE(ErrorOf("{not json").find("dir/claims.jsonl:2: (line) is not JSON"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"relation":"OPPOSES","object":{"name":"x","kind":"Position"}})")
                .find("dir/claims.jsonl:2: subject missing"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"subject":{"name":"A","kind":"Persn"},"relation":"OPPOSES","object":{"name":"x","kind":"Position"}})")
                .find("subject.kind unknown kind 'Persn'"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"subject":{"name":"A","kind":"Person"},"relation":"LIKES","object":{"name":"x","kind":"Position"}})")
                .find("relation unknown relation 'LIKES'"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"subject":{"name":"A","kind":"Person"},"relation":"OPPOSES","object":{"name":"B","kind":"Person"}})")
                .find("OPPOSES does not go from Person to Person"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"subject":{"name":"A","kind":"Person"},"relation":"OPPOSES","object":{"name":"x","kind":"Position"},"date":"2025-02-30"})")
                .find("date '2025-02-30' is not a date"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"subject":{"name":7,"kind":"Person"},"relation":"OPPOSES","object":{"name":"x","kind":"Position"}})")
                .find("subject.name must be a string"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"subject":{"name":"A","kind":"Person","aliases":["ok",3]},"relation":"OPPOSES","object":{"name":"x","kind":"Position"}})")
                .find("subject.aliases[1] must be a string"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"subject":{"name":"  ","kind":"Person"},"relation":"OPPOSES","object":{"name":"x","kind":"Position"}})")
                .find("subject.name is empty"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"subject":{"name":"A","kind":"Person"},"relation":"OPPOSES","object":{"name":"x","kind":"Position"},"sources":[{"date":"2025"}]})")
                .find("sources[0].name missing"), std::string::npos);
  EXPECT_NE(ErrorOf(R"([1,2])").find("must be a JSON object"), std::string::npos);
  const std::string base = R"({"subject":{"name":"A","kind":"Person"},"relation":"OPPOSES","object":{"name":"x","kind":"Position"},)";
  EXPECT_NE(ErrorOf(base + R"("article":" "})").find("dir/claims.jsonl:2: article is empty"), std::string::npos);
  EXPECT_NE(ErrorOf(base + R"("polarity":0.5})").find("polarity must be 1 (asserted) or -1"), std::string::npos);
  EXPECT_NE(ErrorOf(base + R"("span":[5000000000,1]})").find("span must be"), std::string::npos);
  EXPECT_NE(ErrorOf(base + R"("span":[9,3]})").find("span must be"), std::string::npos);
  EXPECT_NE(ErrorOf(base + R"("sentence_no":2.5})").find("sentence_no must be a whole number"), std::string::npos);
  EXPECT_NE(ErrorOf(std::string(200, '[') + std::string(200, ']')).find("nests deeper"), std::string::npos);
  EXPECT_NE(ErrorOf("{\"subject\":{\"name\":\"A\xff\",\"kind\":\"Person\"}}").find("not valid UTF-8"), std::string::npos);
}

TEST(ClaimsJsonlTest, SkipInvalidReportsAndGoesOn) {
  std::vector<std::string> warnings;
  ClaimsReadOptions options;
  options.skip_invalid = true;
  options.warn = [&](const std::string& m) { warnings.push_back(m); };
  std::vector<ArticleClaims> out;
  ASSERT_TRUE(Read(std::string(kGood) + "\n{bad\n" + kGood + "\n", &out, options).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].claims.size(), 2u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("dir/claims.jsonl:2:"), std::string::npos);
}

TEST(ClaimsJsonlTest, SniffsClaimLines) {
  EXPECT_TRUE(LooksLikeClaimLine(kGood));
  EXPECT_FALSE(LooksLikeClaimLine(R"({"id":"a","text":"Hello."})"));
  EXPECT_FALSE(LooksLikeClaimLine("not json"));
}

}  // namespace
}  // namespace sg::ingest
