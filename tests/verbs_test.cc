#include "query/verbs.h"

#include <gtest/gtest.h>

#include "query/neighborhood.h"
#include "test_util.h"

namespace sg::query {
namespace {

using testing::TempDir;

EntityRef Ref(std::string name, NodeKind kind, std::vector<std::string> aliases = {}) {
  return EntityRef{std::move(name), kind, std::move(aliases), ""};
}

Claim MakeClaim(EntityRef s, Relation r, EntityRef o, std::string date, std::string sentence,
                int polarity = 1) {
  Claim c;
  c.polarity = static_cast<int8_t>(polarity);
  c.subject = std::move(s);
  c.relation = r;
  c.object = std::move(o);
  c.date = std::move(date);
  c.sentence = std::move(sentence);
  c.rule = "test";
  return c;
}

class VerbsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store_).ok());
    const auto russia = Ref("Russia", NodeKind::kState, {"Moscow", "the Kremlin"});
    const auto truce = Ref("unconditional ceasefire", NodeKind::kPosition);
    ArticleClaims a;
    a.article.id = "a1";
    a.article.date = "";  // so that Putin's claim stays undated
    a.article.source = "Desk";
    a.content_hash = "h1";
    a.claims = {
        MakeClaim(russia, Relation::kOpposes, truce, "2025-05-16", "Moscow rejected a truce."),
        MakeClaim(Ref("Ukraine", NodeKind::kState), Relation::kSupports, truce, "2025-05-15",
                  "Kyiv pressed for a ceasefire."),
        MakeClaim(Ref("Ukraine", NodeKind::kState), Relation::kMeets, russia, "2024-01-02",
                  "The delegations met."),
        MakeClaim(Ref("Vladimir Putin", NodeKind::kPerson), Relation::kHoldsOffice, russia, "",
                  "Putin is president."),
        MakeClaim(Ref("Rosatom", NodeKind::kOrganization), Relation::kProposes,
                  Ref("prisoner exchange", NodeKind::kPosition), "2025-05-17", "Swap."),
    };
    Store::IngestOutcome outcome{};
    ASSERT_TRUE(store_->IngestArticle(a, &outcome).ok());
  }

  // A second article of negated claims on the truce: one on Russia's OPPOSES
  // edge, one by Turkey, who has no asserted claim on it and so no edge.
  void IngestNegated() {
    const auto truce = Ref("unconditional ceasefire", NodeKind::kPosition);
    ArticleClaims a;
    a.article.id = "a2";
    a.article.source = "Desk";
    a.content_hash = "h2";
    a.claims = {
        MakeClaim(Ref("Russia", NodeKind::kState), Relation::kOpposes, truce, "2025-06-01",
                  "Moscow did not oppose the truce.", -1),
        MakeClaim(Ref("Turkey", NodeKind::kState), Relation::kOpposes, truce, "2025-06-02",
                  "Ankara did not oppose the truce.", -1),
    };
    Store::IngestOutcome outcome{};
    ASSERT_TRUE(store_->IngestArticle(a, &outcome).ok());
  }

  Stances StancesOfRussia(std::string since = "", std::string until = "") {
    StancesOptions o;
    o.dates = {std::move(since), std::move(until)};
    Stances st;
    EXPECT_TRUE(StancesOf(*store_, Id("Russia", NodeKind::kState), o, &st).ok());
    return st;
  }

  // The truce's timeline as "actor stance date" lines.
  std::vector<std::string> TruceTimeline(TimelineOptions o = {}) {
    Timeline tl;
    EXPECT_TRUE(TimelineOf(*store_, Id("unconditional ceasefire", NodeKind::kPosition), o, &tl).ok());
    std::vector<std::string> lines;
    for (const auto& e : tl.entries)
      lines.push_back(e.actor.name + " " + StanceLabel(e.claim) + " " + e.claim.date);
    return lines;
  }

  uint64_t Id(const std::string& name, NodeKind kind) {
    NodeRecord n;
    EXPECT_TRUE(store_->FindNode(name, kind, &n).ok()) << name;
    return n.id;
  }

  std::vector<std::string> SearchNames(const std::string& text, std::optional<NodeKind> kind = {}) {
    SearchOptions o;
    o.text = text;
    o.kind = kind;
    SearchResult r;
    EXPECT_TRUE(Search(*store_, o, &r).ok());
    std::vector<std::string> names;
    for (const auto& h : r.hits) names.push_back(h.node.name + (h.prefix ? "^" : "~") + h.matched);
    return names;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(VerbsTest, SearchPrefixBeforeSubstringCaseAndAccentInsensitive) {
  EXPECT_EQ(SearchNames("RÚS"), std::vector<std::string>{"Russia^Russia"});
  EXPECT_EQ(SearchNames("kreml"), std::vector<std::string>{"Russia^the Kremlin"});
  EXPECT_EQ(SearchNames("ceasefire"), std::vector<std::string>{"unconditional ceasefire~unconditional ceasefire"});
  EXPECT_EQ(SearchNames("ex"), (std::vector<std::string>{"prisoner exchange~prisoner exchange"}));
}

TEST_F(VerbsTest, SearchSkipsArticlesAndSourcesAndFiltersKind) {
  EXPECT_TRUE(SearchNames("a1").empty());
  EXPECT_EQ(SearchNames("z", NodeKind::kPerson), std::vector<std::string>{});
  EXPECT_EQ(SearchNames("putin", NodeKind::kPerson), std::vector<std::string>{"Vladimir Putin~Vladimir Putin"});
}

TEST_F(VerbsTest, SearchLimitTruncates) {
  SearchOptions o;
  o.text = "u";
  o.limit = 1;
  SearchResult r;
  ASSERT_TRUE(Search(*store_, o, &r).ok());
  EXPECT_EQ(r.hits.size(), 1u);
  EXPECT_TRUE(r.truncated);
}

TEST_F(VerbsTest, SearchRejectsEmptyTextAndNonActorKinds) {
  SearchResult r;
  SearchOptions o;
  o.text = "  ..";
  EXPECT_TRUE(Search(*store_, o, &r).IsInvalidInput());
  o.text = "a";
  o.kind = NodeKind::kArticle;
  EXPECT_TRUE(Search(*store_, o, &r).IsInvalidInput());
}

TEST_F(VerbsTest, StancesOfAnActor) {
  Stances st;
  ASSERT_TRUE(StancesOf(*store_, Id("Russia", NodeKind::kState), {}, &st).ok());
  ASSERT_EQ(st.stances.size(), 1u);
  EXPECT_EQ(st.stances[0].position.name, "unconditional ceasefire");
  EXPECT_EQ(st.opposes, 1u);
  EXPECT_EQ(st.supports, 0u);
  Stances none;
  EXPECT_TRUE(StancesOf(*store_, Id("unconditional ceasefire", NodeKind::kPosition), {}, &none).IsInvalidInput());
  EXPECT_TRUE(StancesOf(*store_, 999999, {}, &none).IsNotFound());
}

TEST_F(VerbsTest, TimelineInDateOrder) {
  Timeline tl;
  ASSERT_TRUE(TimelineOf(*store_, Id("unconditional ceasefire", NodeKind::kPosition), {}, &tl).ok());
  ASSERT_EQ(tl.entries.size(), 2u);
  EXPECT_EQ(tl.entries[0].actor.name, "Ukraine");
  EXPECT_EQ(tl.entries[1].actor.name, "Russia");
  EXPECT_EQ(tl.entries[1].claim.sentence, "Moscow rejected a truce.");
  Timeline bad;
  EXPECT_TRUE(TimelineOf(*store_, Id("Russia", NodeKind::kState), {}, &bad).IsInvalidInput());
}

TEST_F(VerbsTest, EvidenceOfSymmetricEdgeEitherWayRound) {
  const uint64_t russia = Id("Russia", NodeKind::kState), ukraine = Id("Ukraine", NodeKind::kState);
  for (auto [a, b] : {std::pair{russia, ukraine}, std::pair{ukraine, russia}}) {
    EdgeEvidence ev;
    ASSERT_TRUE(EvidenceOf(*store_, {a, Relation::kMeets, b}, &ev).ok());
    ASSERT_EQ(ev.claims.size(), 1u);
    EXPECT_EQ(ev.claims[0].sentence, "The delegations met.");
  }
  EdgeEvidence none;
  EXPECT_TRUE(EvidenceOf(*store_, {russia, Relation::kAttacks, ukraine}, &none).IsNotFound());
}

TEST(DateRangeTest, BoundsAreInclusiveAndUntilCoversAMonthOrYear) {
  EXPECT_TRUE(DateRange{}.Contains(""));
  EXPECT_FALSE((DateRange{"2025", ""}.Contains("")));
  EXPECT_TRUE((DateRange{"2025-05", "2025-05"}.Contains("2025-05-31")));
  EXPECT_TRUE((DateRange{"2025-05", "2025-05"}.Contains("2025-05")));
  EXPECT_FALSE((DateRange{"2025-05-02", ""}.Contains("2025-05-01")));
  EXPECT_TRUE((DateRange{"", "2025"}.Contains("2025-12-31")));
  EXPECT_FALSE((DateRange{"", "2025"}.Contains("2026-01-01")));
  EXPECT_TRUE(CheckDateRange({"2025-05", "2025"}).ok());
  EXPECT_TRUE(CheckDateRange({"May", ""}).IsInvalidInput());
}

// Bug: `stances ACTOR --since D` counted negated claims as evidence; without a
// date it did not.
TEST_F(VerbsTest, StancesNeverCountNegatedClaimsWithOrWithoutDates) {
  IngestNegated();
  for (const auto& st : {StancesOfRussia(), StancesOfRussia("2025"), StancesOfRussia("", "2025-12")}) {
    ASSERT_EQ(st.stances.size(), 1u);
    EXPECT_EQ(st.stances[0].claims, 1u);
    EXPECT_EQ(st.stances[0].articles, 1u);
    EXPECT_EQ(st.stances[0].last_date, "2025-05-16");
    EXPECT_EQ(st.opposes, 1u);
  }
  EXPECT_TRUE(StancesOfRussia("2025-06").stances.empty()) << "only a negated claim is that late";
  Stances turkey;
  ASSERT_TRUE(StancesOf(*store_, Id("Turkey", NodeKind::kState), {{"2025", ""}, {}, ""}, &turkey).ok());
  EXPECT_TRUE(turkey.stances.empty());
}

TEST_F(VerbsTest, StancesFilterPositionsByNameInAnyCaseAndCheckDates) {
  StancesOptions o;
  o.position_contains = "CEASE";
  Stances st;
  ASSERT_TRUE(StancesOf(*store_, Id("Russia", NodeKind::kState), o, &st).ok());
  EXPECT_EQ(st.stances.size(), 1u);
  o.position_contains = "exchange";
  Stances none;
  ASSERT_TRUE(StancesOf(*store_, Id("Russia", NodeKind::kState), o, &none).ok());
  EXPECT_TRUE(none.stances.empty());
  EXPECT_TRUE(StancesOf(*store_, Id("Russia", NodeKind::kState), {{"May", ""}, {}, ""}, &none)
                  .IsInvalidInput());
}

// Bug: a claim that is only negated makes no edge, so `timeline` never showed it.
TEST_F(VerbsTest, NegatedOnlyClaimIsInTimelineAsNotOpposes) {
  IngestNegated();
  EXPECT_EQ(TruceTimeline(), (std::vector<std::string>{
                                 "Ukraine SUPPORTS 2025-05-15", "Russia OPPOSES 2025-05-16",
                                 "Russia not OPPOSES 2025-06-01", "Turkey not OPPOSES 2025-06-02"}));
  EXPECT_EQ(TruceTimeline({{"2025-06", ""}, {}}),
            (std::vector<std::string>{"Russia not OPPOSES 2025-06-01", "Turkey not OPPOSES 2025-06-02"}));
  EXPECT_EQ(TruceTimeline({{"", "2025-06-01"}, Id("Turkey", NodeKind::kState)}),
            std::vector<std::string>{});
  EXPECT_EQ(TruceTimeline({{}, Id("Turkey", NodeKind::kState)}),
            std::vector<std::string>{"Turkey not OPPOSES 2025-06-02"});
  Timeline bad;
  EXPECT_TRUE(TimelineOf(*store_, Id("unconditional ceasefire", NodeKind::kPosition),
                         {{}, Id("unconditional ceasefire", NodeKind::kPosition)}, &bad)
                  .IsInvalidInput());
}

TEST_F(VerbsTest, EvidenceOfNegatedOnlyClaimsHasClaimsButNoEdge) {
  IngestNegated();
  EdgeEvidence ev;
  ASSERT_TRUE(EvidenceOf(*store_, {Id("Turkey", NodeKind::kState), Relation::kOpposes,
                                   Id("unconditional ceasefire", NodeKind::kPosition)},
                         &ev).ok());
  EXPECT_FALSE(ev.edge.has_value());
  ASSERT_EQ(ev.claims.size(), 1u);
  EXPECT_EQ(StanceLabel(ev.claims[0]), "not OPPOSES");
  EXPECT_EQ(ev.source.name, "Turkey");
  EdgeEvidence russia;
  ASSERT_TRUE(EvidenceOf(*store_, {Id("Russia", NodeKind::kState), Relation::kOpposes,
                                   Id("unconditional ceasefire", NodeKind::kPosition)},
                         &russia).ok());
  ASSERT_TRUE(russia.edge.has_value());
  EXPECT_EQ(russia.edge->claim_count, 1u) << "the negated claim is no evidence";
  EXPECT_EQ(russia.claims.size(), 2u);
}

// The names reached from `start`, with the given kinds and date bounds.
std::set<std::string> Reached(const Store& store, uint64_t start, std::set<NodeKind> kinds = {},
                              std::string since = "", std::string until = "") {
  NeighborhoodOptions o;
  o.kinds = std::move(kinds);
  o.since = std::move(since);
  o.until = std::move(until);
  Neighborhood hood;
  EXPECT_TRUE(Neighbors(store, start, o, &hood).ok());
  std::set<std::string> names;
  for (const auto& n : hood.nodes) names.insert(n.node.name);
  return names;
}

TEST_F(VerbsTest, NeighborhoodFiltersKindsAndDates) {
  const uint64_t russia = Id("Russia", NodeKind::kState);
  EXPECT_EQ(Reached(*store_, russia),
            (std::set<std::string>{"Ukraine", "Vladimir Putin", "unconditional ceasefire"}));
  EXPECT_EQ(Reached(*store_, russia, {NodeKind::kPerson}), std::set<std::string>{"Vladimir Putin"});
  // Undated edges (Putin's) are left out once a bound is set.
  EXPECT_EQ(Reached(*store_, russia, {}, "2025"), std::set<std::string>{"unconditional ceasefire"});
  EXPECT_EQ(Reached(*store_, russia, {}, "", "2024-12"), std::set<std::string>{"Ukraine"});
}

}  // namespace
}  // namespace sg::query
