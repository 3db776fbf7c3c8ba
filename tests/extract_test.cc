#include "ingest/article.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "graph/names.h"

namespace sg::ingest {
namespace {

// A small lexicon of our own, so these tests do not move with ingest/lexicon/*.tsv.
constexpr std::string_view kLexicon =
    "kind\tname\taliases\tcode\tdemonyms\tmetonyms\ttitle\taffiliation\n"
    "# a comment\n"
    "State\tRussia\tRussian Federation\tRUS\tRussian\tMoscow|the Kremlin\n"
    "State\tUkraine\t\tUKR\tUkrainian\tKyiv\n"
    "State\tUnited States\tUS|U.S.|USA\tUSA\tAmerican\tWashington|the White House\n"
    "State\tUnited Kingdom\tUK|U.K.|Britain\tGBR\tBritish\tLondon\n"
    "State\tItaly\t\tITA\tItalian\tRome\n"
    "State\tSpain\t\tESP\tSpanish\tMadrid\n"
    "State\tFrance\t\tFRA\tFrench\tParis\n"
    "State\tChina\tPRC\tCHN\tChinese\tBeijing\n"
    "State\tIran\t\tIRN\tIranian\tTehran\n"
    "State\tIsrael\t\tISR\tIsraeli\n"
    "State\tYemen\t\tYEM\tYemeni\tSanaa\n"
    "Organization\tNATO\n"
    "Organization\tInternational Atomic Energy Agency\tIAEA\n"
    "Organization\tKommersant\t\t\t\t\t\toutlet\n"
    "Person\tVolodymyr Zelenskyy\tZelensky|Zelenskyy\t\t\t\tPresident\tUkraine\n"
    "Person\tSergey Lavrov\tLavrov|Sergei Lavrov\t\t\t\tForeign Minister\tRussia\n"
    "Office\tPrime Minister\tPM|prime minister\n";

class ExtractTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(lexicon_.AddText(kLexicon, "test.tsv").ok()); }

  ArticleClaims Run(const std::string& text, const std::string& date = "2025-03-10") const {
    ArticleDoc doc;
    doc.meta.id = "t";
    doc.meta.date = date;
    doc.text = text;
    return Extractor(lexicon_).Extract(doc);
  }

  static bool Named(const EntityRef& r, std::string_view name) {
    if (NormalizeName(r.name) == NormalizeName(name)) return true;
    return std::any_of(r.aliases.begin(), r.aliases.end(),
                       [&](const std::string& a) { return NormalizeName(a) == NormalizeName(name); });
  }

  // The first claim subject -relation-> object (an actor by name or alias, a position
  // by its name), or nullptr.
  static const Claim* Find(const ArticleClaims& a, std::string_view subject, Relation rel,
                           std::string_view object, int polarity = 1) {
    for (const Claim& c : a.claims) {
      if (c.relation != rel || c.polarity != polarity || !Named(c.subject, subject)) continue;
      bool obj = c.object.kind == NodeKind::kPosition ? c.object.name == object : Named(c.object, object);
      if (obj) return &c;
    }
    return nullptr;
  }

  static std::string Dump(const ArticleClaims& a) {
    std::string s;
    for (const Claim& c : a.claims)
      s += c.subject.name + " -" + std::string(RelationName(c.relation)) + "-> " + c.object.name +
           (c.polarity < 0 ? " (negated)" : "") + "\n";
    return s;
  }

  Lexicon lexicon_;
};

TEST_F(ExtractTest, OfficeWithDemonym) {
  auto a = Run("Italian Prime Minister Giorgia Meloni has suggested new guarantees.");
  const Claim* c = Find(a, "Giorgia Meloni", Relation::kHoldsOffice, "Italy");
  ASSERT_NE(c, nullptr) << Dump(a);
  EXPECT_EQ(c->title, "Prime Minister");
  EXPECT_EQ(c->object.code, "ITA");
}

TEST_F(ExtractTest, OfficeWithPossessiveAndAppositive) {
  auto a = Run(
      "Spain's Prime Minister Pedro Sánchez spoke first. Keir Starmer, the U.K. Prime Minister, "
      "spoke next. Rafael Grossi, Director General of the International Atomic Energy Agency, "
      "arrived later.");
  EXPECT_NE(Find(a, "Pedro Sánchez", Relation::kHoldsOffice, "Spain"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Keir Starmer", Relation::kHoldsOffice, "United Kingdom"), nullptr) << Dump(a);
  const Claim* g = Find(a, "Rafael Grossi", Relation::kHoldsOffice, "International Atomic Energy Agency");
  ASSERT_NE(g, nullptr) << Dump(a);
  EXPECT_EQ(g->title, "Director General");
}

TEST_F(ExtractTest, OfficeStateFromTheLexiconOrTheMainState) {
  auto a = Run(
      "Russia rejected the plan. Moscow said so twice. The Kremlin repeated it. "
      "Foreign Minister Sergei Lavrov spoke, and an aide to President Boris Gryzlov listened.");
  EXPECT_NE(Find(a, "Sergei Lavrov", Relation::kHoldsOffice, "Russia"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Boris Gryzlov", Relation::kHoldsOffice, "Russia"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, StanceVerbWithFramingStripped) {
  auto a = Run("Foreign Minister Sergei Lavrov pre-emptively ruled out any discussion on territorial concessions.");
  const Claim* c = Find(a, "Sergey Lavrov", Relation::kOpposes, "territorial concession");
  ASSERT_NE(c, nullptr) << Dump(a);
  EXPECT_EQ(c->cue, "ruled out");
  EXPECT_EQ(c->rule, "stance.verb");
  EXPECT_EQ(c->object.kind, NodeKind::kPosition);
  ASSERT_FALSE(c->object.aliases.empty());
  EXPECT_EQ(c->object.aliases[0], "any discussion on territorial concessions");
  EXPECT_TRUE(Named(c->subject, "Sergei Lavrov"));  // the surface form is an alias
}

TEST_F(ExtractTest, NegationSetsPolarity) {
  auto a = Run("Moscow did not rule out a ceasefire.");
  EXPECT_EQ(Find(a, "Russia", Relation::kOpposes, "ceasefire"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Russia", Relation::kOpposes, "ceasefire", -1), nullptr) << Dump(a);
  auto b = Run("The initiative was not only rejected by Moscow, but ignored.");
  EXPECT_NE(Find(b, "Russia", Relation::kOpposes, "initiative"), nullptr) << Dump(b);
}

TEST_F(ExtractTest, PassiveAndProposalOwner) {
  auto a = Run("Even the very limited French initiative on mutual restraint was rejected by Moscow.");
  EXPECT_NE(Find(a, "Russia", Relation::kOpposes, "mutual restraint"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "France", Relation::kProposes, "mutual restraint"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, NounAndAdjectiveCues) {
  auto a = Run(
      "The proposition for a ceasefire remains a non-starter for Moscow in the negotiations. "
      "Kyiv is adamant against any territorial concessions. "
      "Ukrainian President Volodymyr Zelenskyy has emphasized his commitment to peace.");
  EXPECT_NE(Find(a, "Russia", Relation::kOpposes, "ceasefire"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Ukraine", Relation::kOpposes, "territorial concession"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Volodymyr Zelenskyy", Relation::kSupports, "peace"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, TruceAndCeasefireMeet) {
  auto a = Run("Washington called for a truce. Moscow rejected any cease-fire.");
  const Claim* c = Find(a, "United States", Relation::kSupports, "ceasefire");
  ASSERT_NE(c, nullptr) << Dump(a);
  EXPECT_EQ(c->object.aliases, std::vector<std::string>{"a truce"});
  EXPECT_NE(Find(a, "Russia", Relation::kOpposes, "ceasefire"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, ReportedSpeechInAQuotation) {
  auto a = Run("During the meeting, Putin claimed, \xE2\x80\x9CWe will not give up what is ours.\xE2\x80\x9D "
               "Vladimir Putin is Russia's president.");
  EXPECT_NE(Find(a, "Putin", Relation::kOpposes, "concession"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, Interactions) {
  auto a = Run(
      "Russian forces struck Ukraine overnight. Iran condemned Israel on Monday. "
      "Washington imposed new sanctions on Iran. Zelensky met British Prime Minister Keir Starmer in London. "
      "Beijing signed a trade agreement with Moscow. Tehran threatened Israel.");
  EXPECT_NE(Find(a, "Russia", Relation::kAttacks, "Ukraine"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Iran", Relation::kCriticizes, "Israel"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "United States", Relation::kSanctions, "Iran"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Volodymyr Zelenskyy", Relation::kMeets, "Keir Starmer"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "China", Relation::kCooperatesWith, "Russia"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Iran", Relation::kThreatens, "Israel"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, NounInteractionsAndCoordinatedActors) {
  auto a = Run(
      "A massive Russian strike on Ukrainian energy infrastructure followed. "
      "Russia, China and Iran voted against the text.");
  EXPECT_NE(Find(a, "Russia", Relation::kAttacks, "Ukraine"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "China", Relation::kOpposes, "text"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Iran", Relation::kOpposes, "text"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, ThreatenedSanctionsAreAThreat) {
  auto a = Run("U.S. President Donald Trump spoke. "
               "This makes it necessary for Trump to reiterate the threat to tighten sanctions against Russia.");
  EXPECT_NE(Find(a, "Trump", Relation::kThreatens, "Russia"), nullptr) << Dump(a);
  EXPECT_EQ(Find(a, "Trump", Relation::kSanctions, "Russia"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, CitationsGiveSourcesAndDates) {
  auto a = Run(
      "Foreign Minister Sergei Lavrov ruled out any talks on concessions (Kommersant, February 17; "
      "Vedomosti, December 27). Moscow rejected the truce (see EDM, September 10, 2024).",
      "2025-03-10");
  const Claim* c = Find(a, "Sergei Lavrov", Relation::kOpposes, "concession");
  ASSERT_NE(c, nullptr) << Dump(a);
  ASSERT_EQ(c->sources.size(), 2u);
  EXPECT_EQ(c->sources[0].name, "Kommersant");
  EXPECT_EQ(c->sources[0].date, "2025-02-17");
  EXPECT_EQ(c->sources[1].name, "Vedomosti");
  EXPECT_EQ(c->sources[1].date, "2024-12-27");  // after the article: the year before
  EXPECT_EQ(c->date, "2025-02-17");
  const Claim* d = Find(a, "Russia", Relation::kOpposes, "ceasefire");
  ASSERT_NE(d, nullptr) << Dump(a);
  ASSERT_EQ(d->sources.size(), 1u);
  EXPECT_EQ(d->sources[0].name, "EDM");
  EXPECT_EQ(d->sources[0].date, "2024-09-10");
}

TEST_F(ExtractTest, ProvenanceSpansPointIntoTheText) {
  const std::string text = "Intro line.\nMoscow rejected the ceasefire.";
  auto a = Run(text, "");
  const Claim* c = Find(a, "Russia", Relation::kOpposes, "ceasefire");
  ASSERT_NE(c, nullptr) << Dump(a);
  EXPECT_EQ(c->sentence_no, 2u);
  EXPECT_EQ(c->sentence, "Moscow rejected the ceasefire.");
  EXPECT_EQ(text.substr(c->span_begin, c->span_end - c->span_begin), c->cue);
  EXPECT_EQ(c->date, "");
  EXPECT_TRUE(Named(c->subject, "Moscow"));
  EXPECT_EQ(c->subject.code, "RUS");
}

TEST_F(ExtractTest, NoJunkActors) {
  auto a = Run(
      "Vladimir Putin in March 2025. Photo: Contributor/Getty Images\n"
      "The Moscow Times and Reuters reported on Monday that the Kremlin rejected the proposal. "
      "In April, Trump's promise was particularly disagreeable for Moscow.");
  for (const Claim& c : a.claims)
    for (const EntityRef* r : {&c.subject, &c.object})
      for (std::string_view junk : {"March", "Photo", "Getty Images", "Contributor", "Monday", "April"})
        EXPECT_FALSE(Named(*r, junk)) << Dump(a);
  EXPECT_NE(Find(a, "Russia", Relation::kOpposes, "proposal"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, ShortNamesResolveToTheFullName) {
  auto a = Run(
      "Foreign Minister Pedro Alvarez of Spain arrived. Later Alvarez rejected the plan. "
      "Zelenskyy met Alvarez; Zelensky welcomed the plan.");
  const Claim* c = Find(a, "Pedro Alvarez", Relation::kOpposes, "plan");
  ASSERT_NE(c, nullptr) << Dump(a);
  EXPECT_TRUE(Named(c->subject, "Alvarez"));
  const Claim* z = Find(a, "Volodymyr Zelenskyy", Relation::kSupports, "plan");
  ASSERT_NE(z, nullptr) << Dump(a);
  EXPECT_TRUE(Named(z->subject, "Zelensky"));
}

TEST_F(ExtractTest, CoordinatedPassiveAgentsAndDocumentAnaphora) {
  auto a = Run(
      "The resolution was drafted by France, Britain and Italy and was backed by the United States. "
      "Russia, China and Iran voted against the text.");
  for (std::string_view p : {"France", "United Kingdom", "Italy"})
    EXPECT_NE(Find(a, p, Relation::kProposes, "resolution"), nullptr) << p << "\n" << Dump(a);
  EXPECT_NE(Find(a, "United States", Relation::kSupports, "resolution"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "China", Relation::kOpposes, "resolution"), nullptr) << Dump(a);  // "the text"
}

TEST_F(ExtractTest, CondemningAnEventCriticizesItsAgents) {
  auto a = Run(
      "The United States and Britain struck Yemen overnight. "
      "Iran, which arms the rebels, condemned the strikes.");
  EXPECT_NE(Find(a, "United States", Relation::kAttacks, "Yemen"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Iran", Relation::kCriticizes, "United States"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Iran", Relation::kCriticizes, "United Kingdom"), nullptr) << Dump(a);
  EXPECT_EQ(Find(a, "Iran", Relation::kOpposes, "strike"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, GroupAnaphoraAndObjectRelatives) {
  auto a = Run(
      "The plan was drafted by France, Britain and Italy. "
      "The three European governments were accused by Iran of bad faith. "
      "Israel objected to the presence of Iran, which it accuses of arming militias.");
  EXPECT_NE(Find(a, "Iran", Relation::kCriticizes, "Italy"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Israel", Relation::kCriticizes, "Iran"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, MeetingsAndCooperationBetweenCoordinatedActors) {
  auto a = Run(
      "Russian and Ukrainian delegations held direct talks in Istanbul. "
      "Five rounds have been held since April between Iran and the United States. "
      "Spain and Italy signed a peace agreement in Rome.");
  EXPECT_NE(Find(a, "Russia", Relation::kMeets, "Ukraine"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Iran", Relation::kMeets, "United States"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Spain", Relation::kCooperatesWith, "Italy"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, CeaseFireUrgeAndNotAllow) {
  auto a = Run(
      "Israel's Foreign Minister Israel Katz said that Israel would not cease fire. "
      "Washington urged Beijing to end its intimidation. "
      "Washington has said that Iran must not be permitted to enrich uranium.");
  EXPECT_NE(Find(a, "Israel", Relation::kOpposes, "ceasefire"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "United States", Relation::kCriticizes, "China"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "United States", Relation::kOpposes, "enrich uranium"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, SpeculationAndHypotheticalsAreNotClaims) {
  auto a = Run("Moscow may reject the plan. Israel has not ruled out a strike on Iran.");
  EXPECT_EQ(Find(a, "Russia", Relation::kOpposes, "plan"), nullptr) << Dump(a);
  EXPECT_EQ(Find(a, "Israel", Relation::kAttacks, "Iran"), nullptr) << Dump(a);
}

TEST(LexiconTest, ErrorsNameFileAndLine) {
  Lexicon lex;
  Status s = lex.AddText("# header\nState\tRussia\nCountry\tFrance\n", "my.tsv");
  ASSERT_TRUE(s.IsInvalidInput());
  EXPECT_NE(s.message().find("my.tsv:3"), std::string::npos) << s.message();
  s = lex.AddText("Person\t\n", "other.tsv");
  EXPECT_NE(s.message().find("other.tsv:1"), std::string::npos) << s.message();
  EXPECT_FALSE(lex.AddFile("/nonexistent/lexicon.tsv").ok());
}

TEST(LexiconTest, BuiltinLoads) {
  Lexicon lex;
  Status s = Lexicon::LoadBuiltin(&lex);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(ExtractTest, AcronymsMatchOnlyInUpperCase) {
  auto a = Run("Let us reject the plan. The US rejected the deal.");
  EXPECT_NE(Find(a, "United States", Relation::kOpposes, "deal"), nullptr) << Dump(a);
  EXPECT_EQ(Find(a, "United States", Relation::kOpposes, "plan"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, DefendingAPolicySupportsIt) {
  auto a = Run("Italy defended the pension reform on Monday. Spain will defend its coastline.");
  EXPECT_NE(Find(a, "Italy", Relation::kSupports, "pension reform"), nullptr) << Dump(a);
  EXPECT_EQ(Find(a, "Spain", Relation::kSupports, "coastline"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, SpeakerKeepsTheStanceAcrossARelativeClause) {
  auto a = Run("President Volodymyr Zelenskyy says Ukraine, whose army has held the line near the "
               "river for three long winters, welcomes the new grain corridor.");
  EXPECT_NE(Find(a, "Ukraine", Relation::kSupports, "grain corridor"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Volodymyr Zelenskyy", Relation::kSupports, "grain corridor"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, PassiveWithADefiniteDescriptionOfAnOfficeHolder) {
  auto a = Run("Italian Prime Minister Anna Verdi spoke in Rome on Monday. On Tuesday the Italian "
               "prime minister was criticised by France over the budget.");
  EXPECT_NE(Find(a, "France", Relation::kCriticizes, "Anna Verdi"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, ListLabelGivesTheStateOfAnOffice) {
  auto a = Run("Where they stand:\n\n- Spain (Madrid): Prime Minister Luis Ortega says Moscow is "
               "to blame for the delays.\n\n- France: the government backs the plan.");
  EXPECT_NE(Find(a, "Luis Ortega", Relation::kHoldsOffice, "Spain"), nullptr) << Dump(a);
  EXPECT_EQ(Find(a, "Luis Ortega", Relation::kHoldsOffice, "Russia"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, EffortFramingGivesItsAim) {
  auto a = Run("Italy welcomed any effort that helped end the blockade. Spain backed efforts to reopen "
               "the border crossing.");
  EXPECT_NE(Find(a, "Italy", Relation::kSupports, "end the blockade"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Spain", Relation::kSupports, "reopen the border crossing"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, TitleOfAStatesBodyNamesTheBody) {
  auto a = Run("Reza Tavakoli, the secretary of Iran's Supreme Defence Council, arrived in Rome. "
               "Omid Farahani, a spokesman of Iran's Foreign Ministry, said nothing.");
  EXPECT_NE(Find(a, "Reza Tavakoli", Relation::kHoldsOffice, "Supreme Defence Council"), nullptr) << Dump(a);
  EXPECT_EQ(Find(a, "Reza Tavakoli", Relation::kHoldsOffice, "Iran"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Omid Farahani", Relation::kHoldsOffice, "Iran"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, NamedOrSwornInAsATitle) {
  auto a = Run("Lucia Ferri was named Italy's foreign minister on Monday. Carlos Vega was sworn in as "
               "Spain's prime minister a week later.");
  EXPECT_NE(Find(a, "Lucia Ferri", Relation::kHoldsOffice, "Italy"), nullptr) << Dump(a);
  EXPECT_NE(Find(a, "Carlos Vega", Relation::kHoldsOffice, "Spain"), nullptr) << Dump(a);
}

TEST_F(ExtractTest, CallingForSomethingToBeLiftedOpposesIt) {
  auto a = Run("Italy called for the grain embargo to be lifted without delay.");
  EXPECT_NE(Find(a, "Italy", Relation::kOpposes, "grain embargo"), nullptr) << Dump(a);
}

}  // namespace
}  // namespace sg::ingest
