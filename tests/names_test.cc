#include "graph/names.h"

#include <gtest/gtest.h>

#include "graph/model.h"

namespace sg {
namespace {

TEST(NamesTest, FoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(NormalizeName("U.S."), "us");
  EXPECT_EQ(NormalizeName("US"), "us");
  EXPECT_EQ(NormalizeName("the Kremlin"), "kremlin");
  EXPECT_EQ(NormalizeName("The  Kremlin "), "kremlin");
  EXPECT_EQ(NormalizeName("Pedro Sánchez"), "pedro sanchez");
  EXPECT_EQ(NormalizeName("PEDRO SANCHEZ"), "pedro sanchez");
  EXPECT_EQ(NormalizeName("Türkiye"), "turkiye");
  EXPECT_EQ(NormalizeName("Coalition-of-the-willing"), "coalition of the willing");
  EXPECT_EQ(NormalizeName("O’Brien"), "obrien");
  EXPECT_EQ(NormalizeName("Kremlin.ru"), "kremlinru");
  EXPECT_EQ(NormalizeName("Россия"), "россия");
  EXPECT_EQ(NormalizeName("..."), "");
  EXPECT_EQ(NormalizeName("the"), "the");
}

TEST(NamesTest, DropsInvalidUtf8) {
  EXPECT_EQ(NormalizeName("Ky\xffiv"), "kyiv");
  EXPECT_FALSE(IsValidUtf8("Ky\xffiv"));
  EXPECT_TRUE(IsValidUtf8("Київ"));
}

TEST(ModelTest, KindAndRelationNamesRoundTrip) {
  for (NodeKind k : kAllNodeKinds) EXPECT_EQ(ParseNodeKind(NodeKindName(k)), k);
  for (Relation r : kAllRelations) EXPECT_EQ(ParseRelation(RelationName(r)), r);
  EXPECT_FALSE(ParseNodeKind("person").has_value());
  EXPECT_FALSE(ParseRelation("LIKES").has_value());
}

TEST(ModelTest, RelationsRespectTheSchema) {
  EXPECT_TRUE(RelationAllows(Relation::kHoldsOffice, NodeKind::kPerson, NodeKind::kState));
  EXPECT_FALSE(RelationAllows(Relation::kHoldsOffice, NodeKind::kState, NodeKind::kState));
  EXPECT_TRUE(RelationAllows(Relation::kOpposes, NodeKind::kState, NodeKind::kPosition));
  EXPECT_FALSE(RelationAllows(Relation::kOpposes, NodeKind::kState, NodeKind::kPerson));
  EXPECT_TRUE(RelationAllows(Relation::kAttacks, NodeKind::kState, NodeKind::kOrganization));
  EXPECT_FALSE(RelationAllows(Relation::kMentions, NodeKind::kPerson, NodeKind::kPerson));
}

TEST(ModelTest, IsoDates) {
  EXPECT_TRUE(IsIsoDate("2025-02-17"));
  EXPECT_TRUE(IsIsoDate("2025-02"));
  EXPECT_TRUE(IsIsoDate("2025"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2025-02-30"));
  EXPECT_FALSE(IsIsoDate("2025-13"));
  EXPECT_FALSE(IsIsoDate("99999-01-01"));
  EXPECT_FALSE(IsIsoDate("0001-01-01"));
  EXPECT_FALSE(IsIsoDate("Feb 17"));
  EXPECT_FALSE(IsIsoDate(""));
}

}  // namespace
}  // namespace sg

namespace sg {
namespace {

// The ASCII fast path must agree with the Unicode path: a non-ASCII character
// that folds away ("\u00AD", soft hyphen, is ignorable) forces the slow path.
TEST(NamesTest, AsciiFastPathAgreesWithUnicodePath) {
  const char* names[] = {"U.S.", "The Kremlin", "  the  White-House ", "O'Brien", "NATO's",
                         "Kremlin.ru", "A&B (C)", "the", "The", "x", "3rd Corps", "..a..b"};
  for (const char* n : names) {
    EXPECT_EQ(NormalizeName(n), NormalizeName(std::string(n) + "\u00AD")) << n;
  }
}

}  // namespace
}  // namespace sg
