#include "query/analytics.h"

#include <gtest/gtest.h>

#include <random>

#include "test_util.h"

namespace sg::query {
namespace {

using testing::TempDir;

EntityRef Ref(const std::string& name, NodeKind kind = NodeKind::kPerson) {
  return EntityRef{name, kind, {}, ""};
}

Claim MakeClaim(EntityRef s, Relation r, EntityRef o) {
  Claim c;
  c.subject = std::move(s);
  c.relation = r;
  c.object = std::move(o);
  c.sentence = "A sentence.";
  c.rule = "test";
  c.sources = {{"Outlet", ""}};  // a Source node and CITES edges, to be left out
  return c;
}

class AnalyticsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store_).ok()); }

  void Ingest(std::vector<Claim> claims) {
    ArticleClaims a;
    a.article.id = "a" + std::to_string(++articles_);
    a.content_hash = "h";
    a.claims = std::move(claims);
    Store::IngestOutcome o;
    Status s = store_->IngestArticle(a, &o);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  GraphSnapshot Load(SnapshotOptions o = {}) {
    GraphSnapshot s;
    Status st = LoadSnapshot(*store_, o, &s);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return s;
  }

  // A snapshot node's index, by name.
  uint32_t At(const GraphSnapshot& s, const std::string& name, NodeKind kind = NodeKind::kPerson) {
    NodeRecord n;
    EXPECT_TRUE(store_->FindNode(name, kind, &n).ok()) << name;
    auto i = s.IndexOf(n.id);
    EXPECT_TRUE(i.has_value()) << name;
    return i.value_or(0);
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  int articles_ = 0;
};

// Four states support one position: a star.
TEST_F(AnalyticsTest, StarDegreeClaimsAndBetweenness) {
  std::vector<Claim> claims;
  for (const char* s : {"France", "Spain", "Italy", "Greece"}) {
    claims.push_back(MakeClaim(Ref(s, NodeKind::kState), Relation::kSupports,
                               Ref("ceasefire", NodeKind::kPosition)));
  }
  claims.push_back(claims[0]);  // France twice: two claims, one edge
  Ingest(claims);
  GraphSnapshot s = Load();
  ASSERT_EQ(s.size(), 5u);  // no Article, no Source
  EXPECT_EQ(s.edges.size(), 4u);
  const uint32_t hub = At(s, "ceasefire", NodeKind::kPosition);
  EXPECT_EQ(s.degree[hub], 4u);
  EXPECT_EQ(s.claims[hub], 5u);
  EXPECT_EQ(s.claims[At(s, "France", NodeKind::kState)], 2u);

  auto by_degree = Rank(s, RankBy::kDegree, 1);
  ASSERT_EQ(by_degree.size(), 1u);
  EXPECT_EQ(by_degree[0].id, s.ids[hub]);
  EXPECT_EQ(by_degree[0].score, 4);
  auto by_claims = Rank(s, RankBy::kClaims, 0);
  ASSERT_EQ(by_claims.size(), 5u);
  EXPECT_EQ(by_claims[1].id, s.ids[At(s, "France", NodeKind::kState)]);

  std::vector<double> b = Betweenness(s);
  EXPECT_DOUBLE_EQ(b[hub], 6);  // every pair of the four leaves, once
  EXPECT_DOUBLE_EQ(b[At(s, "Spain", NodeKind::kState)], 0);
  auto top = Rank(s, RankBy::kPageRank, 1);
  EXPECT_EQ(top[0].id, s.ids[hub]);
}

// A -> B -> C -> D (CRITICIZES).
TEST_F(AnalyticsTest, PathBetweennessAndPageRankOrder) {
  Ingest({MakeClaim(Ref("A"), Relation::kCriticizes, Ref("B")),
          MakeClaim(Ref("B"), Relation::kCriticizes, Ref("C")),
          MakeClaim(Ref("C"), Relation::kCriticizes, Ref("D"))});
  GraphSnapshot s = Load();
  const uint32_t a = At(s, "A"), b = At(s, "B"), c = At(s, "C"), d = At(s, "D");
  std::vector<double> bc = Betweenness(s);
  EXPECT_DOUBLE_EQ(bc[a], 0);
  EXPECT_DOUBLE_EQ(bc[b], 2);  // A-C, A-D
  EXPECT_DOUBLE_EQ(bc[c], 2);  // A-D, B-D
  EXPECT_DOUBLE_EQ(bc[d], 0);
  std::vector<double> pr = PageRank(s);
  EXPECT_LT(pr[a], pr[b]);
  EXPECT_LT(pr[b], pr[c]);
  EXPECT_LT(pr[c], pr[d]);
  EXPECT_NEAR(pr[a] + pr[b] + pr[c] + pr[d], 1.0, 1e-9);
  auto ranked = Rank(s, RankBy::kPageRank, 0);
  ASSERT_EQ(ranked.size(), 4u);
  EXPECT_EQ(ranked[0].id, s.ids[d]);
  EXPECT_EQ(ranked[3].id, s.ids[a]);
}

// A -> B alone: A = 0.5 / 1.425, B the rest (B's dangling rank is spread over
// both), as NetworkX's pagerank gives. A symmetric MEETS pair ranks evenly.
TEST_F(AnalyticsTest, PageRankHandComputed) {
  Ingest({MakeClaim(Ref("A"), Relation::kCriticizes, Ref("B"))});
  GraphSnapshot s = Load();
  std::vector<double> pr = PageRank(s, RankOptions{.tolerance = 1e-12});
  EXPECT_NEAR(pr[At(s, "A")], 0.5 / 1.425, 1e-9);
  EXPECT_NEAR(pr[At(s, "B")], 1 - 0.5 / 1.425, 1e-9);

  Ingest({MakeClaim(Ref("C"), Relation::kMeets, Ref("D"))});
  GraphSnapshot t = Load(SnapshotOptions{{}, {Relation::kMeets}});
  ASSERT_EQ(t.size(), 4u);  // A and B stay, without edges
  pr = PageRank(t);
  EXPECT_NEAR(pr[At(t, "C")], pr[At(t, "D")], 1e-12);
  EXPECT_GT(pr[At(t, "C")], pr[At(t, "A")]);
}

TEST_F(AnalyticsTest, ComponentsAreWeakAndSorted) {
  Ingest({MakeClaim(Ref("A"), Relation::kCriticizes, Ref("B")),
          MakeClaim(Ref("C"), Relation::kCriticizes, Ref("B")),  // joined only against direction
          MakeClaim(Ref("D"), Relation::kMeets, Ref("E"))});
  Ingest({MakeClaim(Ref("F", NodeKind::kState), Relation::kSupports, Ref("x", NodeKind::kPosition))});
  GraphSnapshot s = Load(SnapshotOptions{{NodeKind::kPerson, NodeKind::kState}, {}});
  ASSERT_EQ(s.size(), 6u);  // F without its position: an isolated node
  auto all = Components(s);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].members, (std::vector<uint64_t>{s.ids[At(s, "A")], s.ids[At(s, "B")], s.ids[At(s, "C")]}));
  EXPECT_EQ(all[1].members, (std::vector<uint64_t>{s.ids[At(s, "D")], s.ids[At(s, "E")]}));
  EXPECT_EQ(all[2].members.size(), 1u);
  EXPECT_EQ(Components(s, 2).size(), 2u);
}

TEST_F(AnalyticsTest, ProvenanceRelationsOnlyWhenAsked) {
  Ingest({MakeClaim(Ref("A"), Relation::kCriticizes, Ref("B"))});
  GraphSnapshot s = Load(SnapshotOptions{{NodeKind::kArticle, NodeKind::kPerson, NodeKind::kSource},
                                         {Relation::kMentions, Relation::kCites}});
  EXPECT_EQ(s.size(), 4u);
  EXPECT_EQ(s.edges.size(), 3u);  // a1 MENTIONS A, B; CITES Outlet
  EXPECT_EQ(Components(s).size(), 1u);
}

// The sampled estimate with every node as a source is the exact value.
TEST_F(AnalyticsTest, SampledBetweennessWithAllSourcesIsExact) {
  std::mt19937 rng(3);
  const Relation relations[] = {Relation::kCriticizes, Relation::kMeets, Relation::kAttacks};
  for (int i = 0; i < 4; ++i) {
    std::vector<Claim> claims;
    for (int k = 0; k < 10; ++k) {
      claims.push_back(MakeClaim(Ref("N" + std::to_string(rng() % 25)), relations[rng() % 3],
                                 Ref("N" + std::to_string(rng() % 25))));
    }
    Ingest(claims);
  }
  GraphSnapshot s = Load();
  std::vector<double> exact = Betweenness(s);
  RankOptions sampled;
  sampled.exact_betweenness_limit = 0;
  sampled.betweenness_samples = s.size();
  std::vector<double> estimate = Betweenness(s, sampled);
  ASSERT_EQ(exact.size(), estimate.size());
  double total = 0;
  for (size_t i = 0; i < exact.size(); ++i) {
    EXPECT_NEAR(exact[i], estimate[i], 1e-9) << i;
    total += exact[i];
  }
  EXPECT_GT(total, 0);
  sampled.betweenness_samples = s.size() / 2;  // an estimate: the same order of size
  double half = 0;
  for (double x : Betweenness(s, sampled)) half += x;
  EXPECT_GT(half, total / 3);
  EXPECT_LT(half, total * 3);
}

}  // namespace
}  // namespace sg::query
