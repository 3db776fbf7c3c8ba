// The extraction scorer (tools/eval_score.h) on small hand-made graphs and gold
// lines: one test per matching rule, each with a case that must not match.
#include "tools/eval_score.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sg::eval {
namespace {

// One node line of `export --format jsonl`.
std::string Node(const std::string& id, const std::string& kind, const std::string& name,
                 const std::string& aliases = "") {
  return R"({"id":")" + id + R"(","labels":[")" + kind + R"("],"properties":{"aliases":[)" +
         aliases + R"(],"name":")" + name + R"("},"type":"node"})" + "\n";
}

// One relationship line; `props` is the inside of its properties object.
std::string Rel(const std::string& label, const std::string& start, const std::string& end,
                const std::string& props = R"("claims":1)") {
  return R"({"end":{"id":")" + end + R"("},"id":"r","label":")" + label + R"(","properties":{)" +
         props + R"(},"start":{"id":")" + start + R"("},"type":"relationship"})" + "\n";
}

Graph MakeGraph(const std::string& jsonl) {
  Graph g;
  Status s = ParseGraphJsonl(jsonl, "graph.jsonl", &g);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return g;
}

std::vector<GoldFact> MakeGold(const std::string& tsv) {
  std::vector<GoldFact> facts;
  Status s = ParseGold(tsv, "test.gold.tsv", &facts);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return facts;
}

// Whether the single gold line `tsv` is found in `jsonl`.
bool Found(const std::string& jsonl, const std::string& tsv) {
  ArticleScore s = ScoreArticle(MakeGraph(jsonl), MakeGold(tsv));
  EXPECT_EQ(s.facts.size(), 1u);
  return s.core.hit == 1;
}

std::string GoldError(const std::string& tsv) {
  std::vector<GoldFact> facts;
  return ParseGold(tsv, "x.gold.tsv", &facts).ToString();
}

// ----- Names.

TEST(EvalNamesTest, CaseAccentsDotsApostrophesAndHyphens) {
  EXPECT_EQ(NormalizeGoldName("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
  EXPECT_EQ(NormalizeGoldName("Pedro Sánchez"), "pedro sanchez");
  EXPECT_EQ(NormalizeGoldName("O’Brien"), "obrien");
  EXPECT_EQ(NormalizeGoldName("Jean-Yves  Le\u00a0Drian "), "jean yves le drian");
  EXPECT_EQ(NormalizeGoldName("Russia's position"), "russia position");
  EXPECT_EQ(NormalizeGoldName("Straße"), "strasse");  // full case folding, as Python's casefold
  EXPECT_EQ(NormalizeGoldName("ﬁnance"), "finance");  // compatibility decomposition (NFKD)
}

TEST(EvalNamesTest, FixedSynonyms) {
  EXPECT_EQ(NormalizeGoldName("U.S."), "united states");
  EXPECT_EQ(NormalizeGoldName("the United States"), "united states");
  EXPECT_EQ(NormalizeGoldName("USA"), "united states");
  EXPECT_EQ(NormalizeGoldName("Britain"), "united kingdom");
  EXPECT_EQ(NormalizeGoldName("PRC"), "china");
  EXPECT_EQ(NormalizeGoldName("EU"), "european union");
  EXPECT_EQ(NormalizeGoldName("Türkiye"), "turkey");
  // "the" is dropped only before a synonym's target.
  EXPECT_EQ(NormalizeGoldName("the Hague"), "the hague");
  EXPECT_EQ(NormalizeGoldName("the UK"), "the uk");  // "uk" is a synonym, not a target
  EXPECT_EQ(NormalizeGoldName("the United Kingdom"), "united kingdom");
  EXPECT_EQ(NormalizeGoldName("Usa Today"), "usa today");  // whole names only
}

// ----- Gold files.

TEST(EvalGoldTest, ColumnsAlternativesAndQualifiers) {
  auto facts = MakeGold(
      "# a comment\n\n"
      "core\tSergei Lavrov|Lavrov\tHOLDS_OFFICE|MEMBER_OF\tRussia\t"
      "title=Foreign Minister;;sources=Kommersant; Vedomosti\r\n"
      "ok\tU.S.\tMEETS\tUK\n");
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].tier, Tier::kCore);
  EXPECT_EQ(facts[0].subjects, (std::vector<std::string>{"sergei lavrov", "lavrov"}));
  EXPECT_EQ(facts[0].relations, (std::vector<std::string>{"HOLDS_OFFICE", "MEMBER_OF"}));
  EXPECT_EQ(facts[0].qualifiers["title"], (std::vector<std::string>{"Foreign Minister"}));
  EXPECT_EQ(facts[0].qualifiers["sources"], (std::vector<std::string>{"Kommersant", "Vedomosti"}));
  EXPECT_EQ(facts[0].where, "test.gold.tsv:3");
  EXPECT_EQ(facts[1].tier, Tier::kOk);
  EXPECT_EQ(facts[1].subjects, (std::vector<std::string>{"united states"}));
  EXPECT_EQ(facts[1].where, "test.gold.tsv:4");
  const std::string bom = "\xEF\xBB\xBF";
  EXPECT_EQ(MakeGold(bom + "core\tA\tMEETS\tB\n").size(), 1u);
}

TEST(EvalGoldTest, MalformedLinesNameFileAndLine) {
  EXPECT_EQ(GoldError("core\tRussia\tOPPOSES\n"),
            "invalid input: x.gold.tsv:1: 3 column(s); expected tier, subject, relation, object "
            "and optional qualifiers, separated by tabs");
  EXPECT_EQ(GoldError("# c\nmust\tRussia\tOPPOSES\tceasefire\n"),
            "invalid input: x.gold.tsv:2: unknown tier 'must' (core, bonus or ok)");
  EXPECT_NE(GoldError("core\tRussia\tOPPOSE\tceasefire\n").find("x.gold.tsv:1: relation 'OPPOSE'"),
            std::string::npos);
  EXPECT_NE(
      GoldError("core\tRussia|\tOPPOSES\tceasefire\n").find("x.gold.tsv:1: subject alternative ''"),
      std::string::npos);
  EXPECT_NE(
      GoldError("core\tRussia\tOPPOSES\tceasefire\ttitel=x\n").find("unknown qualifier 'titel=x'"),
      std::string::npos);
  EXPECT_EQ(GoldError("core\tRuss\xff\tOPPOSES\tceasefire\n"),
            "invalid input: x.gold.tsv:1: not UTF-8");
}

// ----- Matching.

TEST(EvalMatchTest, ActorsMatchByNameOrAliasAfterNormalization) {
  const std::string g = Node("1", "Person", "Sergei Lavrov", R"("Lavrov")") +
                        Node("2", "State", "United States") + Rel("MEETS", "1", "2");
  EXPECT_TRUE(Found(g, "core\tLavrov\tMEETS\tU.S.\n"));
  EXPECT_TRUE(Found(g, "core\tSergey Lavrov|Sergei Lavrov\tMEETS\tUSA\n"));
  EXPECT_FALSE(Found(g, "core\tLavro\tMEETS\tUnited States\n"));  // actors: whole names only
  EXPECT_FALSE(Found(g, "core\tLavrov\tCRITICIZES\tUnited States\n"));
}

TEST(EvalMatchTest, PositionsMatchBySubstring) {
  const std::string g = Node("1", "State", "Russia") +
                        Node("2", "Position", "discussion on territorial concessions") +
                        Node("3", "Position", "ceasefire") + Node("4", "Position", "war") +
                        Rel("OPPOSES", "1", "2") + Rel("SUPPORTS", "1", "3") +
                        Rel("SUPPORTS", "1", "4");
  EXPECT_TRUE(Found(g, "core\tRussia\tOPPOSES\tterritorial concession\n"));
  EXPECT_TRUE(Found(g, "core\tRussia\tSUPPORTS\ta lasting ceasefire\n"));  // name inside the gold
  // But not a name under four letters.
  EXPECT_FALSE(Found(g, "core\tRussia\tSUPPORTS\tend the war\n"));
  EXPECT_FALSE(Found(g, "core\tRussia\tOPPOSES\tceasefire\n"));
  // Actors are never matched by substring.
  EXPECT_FALSE(Found(g, "core\tRuss\tOPPOSES\tterritorial concession\n"));
}

TEST(EvalMatchTest, MeetingAndCooperationMatchEitherWay) {
  const std::string g = Node("1", "State", "Qatar") + Node("2", "State", "Egypt") +
                        Rel("MEETS", "1", "2") + Rel("CRITICIZES", "1", "2");
  EXPECT_TRUE(Found(g, "core\tEgypt\tMEETS\tQatar\n"));
  EXPECT_TRUE(Found(g, "core\tQatar\tCRITICIZES\tEgypt\n"));
  EXPECT_FALSE(Found(g, "core\tEgypt\tCRITICIZES\tQatar\n"));  // directed relations keep direction
}

TEST(EvalMatchTest, ProposesCountsAsSupportsButNotTheOtherWay) {
  const std::string g = Node("1", "State", "Ukraine") + Node("2", "Position", "prisoner exchange") +
                        Node("3", "Position", "summit") + Rel("PROPOSES", "1", "2") +
                        Rel("SUPPORTS", "1", "3");
  EXPECT_TRUE(Found(g, "core\tUkraine\tSUPPORTS\texchange\n"));
  EXPECT_TRUE(Found(g, "core\tUkraine\tPROPOSES\texchange\n"));
  EXPECT_FALSE(Found(g, "core\tUkraine\tPROPOSES\tsummit\n"));
}

TEST(EvalMatchTest, TitlesAndSourcesAreLookedForInTheMatchingEdges) {
  const std::string g =
      Node("1", "Person", "Hakan Fidan") + Node("2", "State", "Turkey") +
      Rel("HOLDS_OFFICE", "1", "2",
          R"("claims":2,"sources":["Kommersant","Vedomosti"],"title":"Foreign Minister","titles":["Foreign Minister"])");
  auto score = ScoreArticle(
      MakeGraph(g), MakeGold("core\tFidan|Hakan Fidan\tHOLDS_OFFICE\tTürkiye\ttitle=foreign "
                             "minister;;sources=Kommersant;Vedomosti\n"
                             "core\tHakan Fidan\tHOLDS_OFFICE\tTurkey\ttitle=Defence "
                             "Minister;;sources=Kommersant;Reuters\n"
                             "core\tFidan\tHOLDS_OFFICE\tRussia\ttitle=Foreign Minister\n"));
  EXPECT_EQ(score.core.hit, 2u);
  EXPECT_EQ(score.titles.hit, 1u);  // the wrong title is not found, nor one on an edge not found
  EXPECT_EQ(score.titles.total, 3u);
  EXPECT_EQ(score.sources.hit, 1u);  // every outlet asked for must be there
  EXPECT_EQ(score.sources.total, 2u);
}

TEST(EvalMatchTest, TiersAndPrecision) {
  const std::string g = Node("1", "State", "Russia") + Node("2", "State", "Ukraine") +
                        Node("3", "Position", "ceasefire") + Node("4", "Article", "a1") +
                        Rel("ATTACKS", "1", "2") + Rel("OPPOSES", "1", "3") +
                        Rel("THREATENS", "2", "1") + Rel("MENTIONS", "4", "1");
  auto score = ScoreArticle(MakeGraph(g), MakeGold("core\tRussia\tATTACKS\tUkraine\n"
                                                   "bonus\tUkraine\tATTACKS\tRussia\n"
                                                   "ok\tRussia\tOPPOSES\tceasefire\n"));
  EXPECT_EQ(score.edges.total, 3u);  // MENTIONS is not scored
  EXPECT_EQ(score.edges.hit, 2u);    // an ok fact keeps its edge from counting against precision
  EXPECT_EQ(score.unmatched_edges, (std::vector<std::string>{"Ukraine -THREATENS-> Russia"}));
  EXPECT_EQ(score.core.hit, 1u);
  EXPECT_EQ(score.core.total, 1u);
  EXPECT_EQ(score.bonus.hit, 0u);
  EXPECT_EQ(score.bonus.total, 1u);  // ok facts are never required
  EXPECT_DOUBLE_EQ(score.precision(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(score.recall(), 0.5);
  EXPECT_DOUBLE_EQ(score.f1(), 2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5));
  ASSERT_EQ(score.facts.size(), 2u);
  EXPECT_FALSE(score.facts[1].found);
}

TEST(EvalMatchTest, EmptyGraphAndEmptyGoldScoreZero) {
  auto score = ScoreArticle(Graph(), {});
  EXPECT_EQ(score.precision(), 0.0);
  EXPECT_EQ(score.core_recall(), 0.0);
  EXPECT_EQ(score.f1(), 0.0);
}

// ----- Split actors.

TEST(EvalSplitActorsTest, SharedNamesAndSurnamesOfOneKind) {
  const std::string g = Node("1", "Person", "Sergei Lavrov") + Node("2", "Person", "Lavrov") +
                        Node("3", "Organization", "Rapid Support Forces", R"("RSF")") +
                        Node("4", "Organization", "Sudanese Armed Forces", R"("SAF","army")") +
                        Node("5", "State", "Georgia") + Node("6", "Person", "Georgia") +
                        Node("7", "State", "U.S.") + Node("8", "State", "United States");
  EXPECT_EQ(SplitActors(MakeGraph(g)),
            (std::vector<std::string>{"Sergei Lavrov / Lavrov (lavrov)",
                                      "U.S. / United States (united states)"}));
}

// ----- The graph file and set summaries.

TEST(EvalGraphTest, PropertiesKeptAsPythonWritesThem) {
  Graph g = MakeGraph(Node("1", "State", "A") + Node("2", "State", "B") +
                      Rel("MEETS", "1", "2", R"("b":[1,2],"a":"é \"q\"\n\u0001","c":null)"));
  ASSERT_EQ(g.edges.size(), 1u);
  EXPECT_EQ(g.edges[0].properties_json, R"({"b": [1, 2], "a": "é \"q\"\n\u0001", "c": null})");
}

TEST(EvalGraphTest, ARepeatedIdReplacesTheNodeInItsPlace) {
  Graph g = MakeGraph(Node("1", "State", "A") + Node("2", "State", "B") + Node("1", "State", "C"));
  ASSERT_EQ(g.nodes.size(), 2u);
  EXPECT_EQ(g.nodes[0].name, "C");
  EXPECT_EQ(g.FindNode("1")->name, "C");
  EXPECT_EQ(g.FindNode("3"), nullptr);
}

TEST(EvalGraphTest, BadLinesNameTheLine) {
  Graph g;
  EXPECT_EQ(ParseGraphJsonl("\n{\"type\":\"node\"}\n", "g.jsonl", &g).ToString(),
            "invalid input: g.jsonl:2: a node without its id");
  EXPECT_EQ(ParseGraphJsonl("{oops\n", "g.jsonl", &g).ToString(),
            "invalid input: g.jsonl:1: not a JSON object");
}

TEST(EvalSetTest, PooledSumsAndMeanAverages) {
  ArticleScore a, b;
  a.edges = {9, 10};
  a.core = {1, 1};
  a.titles = {1, 2};
  b.edges = {0, 90};
  b.core = {0, 3};
  a.split_actors = {"x / y (x)"};
  SetScore set = SummarizeSet({a, b});
  EXPECT_EQ(set.articles, 2u);
  EXPECT_DOUBLE_EQ(set.pooled.precision(), 0.09);
  EXPECT_DOUBLE_EQ(set.mean_precision, 0.45);
  EXPECT_DOUBLE_EQ(set.pooled.core_recall(), 0.25);
  EXPECT_DOUBLE_EQ(set.mean_core_recall, 0.5);
  EXPECT_EQ(set.pooled.split_actors.size(), 1u);
  EXPECT_EQ(set.mean_titles, 0.5);  // b asks for no title: left out of the mean
  EXPECT_FALSE(set.mean_sources.has_value());
}

}  // namespace
}  // namespace sg::eval
