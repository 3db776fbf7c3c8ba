// The graph's vocabulary (docs/schema.md) and the plain records that flow from
// ingest/ through graph/ into storage/.
//
// The numeric values of NodeKind and Relation are persisted in keys and values:
// DO NOT CHANGE them; add new ones at the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sg {

enum class NodeKind : uint8_t {
  kPerson = 1,
  kState = 2,
  kOrganization = 3,
  kPosition = 4,
  kArticle = 5,
  kSource = 6,
};

enum class Relation : uint8_t {
  kHoldsOffice = 1,
  kMemberOf = 2,
  kSupports = 3,
  kOpposes = 4,
  kProposes = 5,
  kMeets = 6,
  kCooperatesWith = 7,
  kCriticizes = 8,
  kThreatens = 9,
  kSanctions = 10,
  kAttacks = 11,
  kMentions = 12,
  kCites = 13,
};

inline constexpr NodeKind kAllNodeKinds[] = {
    NodeKind::kPerson,   NodeKind::kState,   NodeKind::kOrganization,
    NodeKind::kPosition, NodeKind::kArticle, NodeKind::kSource};
inline constexpr Relation kAllRelations[] = {
    Relation::kHoldsOffice, Relation::kMemberOf,       Relation::kSupports,
    Relation::kOpposes,     Relation::kProposes,       Relation::kMeets,
    Relation::kCooperatesWith, Relation::kCriticizes,  Relation::kThreatens,
    Relation::kSanctions,   Relation::kAttacks,        Relation::kMentions,
    Relation::kCites};

// "Person", "HOLDS_OFFICE": the names of the schema, as exported.
std::string_view NodeKindName(NodeKind kind);
std::string_view RelationName(Relation relation);
// Parses the schema names; case-sensitive as in Cypher. Empty when unknown.
std::optional<NodeKind> ParseNodeKind(std::string_view name);
std::optional<Relation> ParseRelation(std::string_view name);

// Person, State or Organization.
bool IsActorKind(NodeKind kind);
// MEETS and COOPERATES_WITH: stored with the smaller node id as source.
bool IsSymmetric(Relation relation);
// How a relation reads for colouring: support and cooperation are positive,
// opposition and conflict negative, offices, membership and provenance neutral.
enum class Tone { kPositive, kNegative, kNeutral };
Tone RelationTone(Relation relation);

// MENTIONS and CITES: made by the store from an article's claims, never
// ingested as claims themselves.
bool IsDerived(Relation relation);
// Whether `subject -relation-> object` respects the schema's from/to kinds.
bool RelationAllows(Relation relation, NodeKind subject, NodeKind object);

// Whether `date` is an ISO date "YYYY-MM-DD", "YYYY-MM" or "YYYY" with a year in
// 1000..2999 and a real month and day: the only dates claims carry.
bool IsIsoDate(std::string_view date);

// A reference to a node as a claim names it, before resolution.
struct EntityRef {
  std::string name;
  NodeKind kind = NodeKind::kPerson;
  std::vector<std::string> aliases;  // other names of the same actor
  std::string code;                  // ISO 3166 alpha-3 for states; optional
};

// An outlet or document cited for a claim: "(Kommersant, February 17)".
struct SourceCite {
  std::string name;
  std::string date;  // ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY"; empty when unknown
};

// One ingested document.
struct ArticleMeta {
  std::string id;  // stable identity: re-ingesting the same id replaces
  std::string title;
  std::string date;  // ISO, may be empty
  std::string url;
  std::string source;  // the outlet that published it
  std::string author;
  std::string path;    // where it was read from, for messages
};

// One extracted fact with its provenance (docs/schema.md "Claims and edges").
struct Claim {
  EntityRef subject;
  Relation relation = Relation::kMentions;
  EntityRef object;

  std::string sentence;         // the sentence text
  uint32_t sentence_no = 0;     // 1-based within the article; 0 when unknown
  uint32_t span_begin = 0;      // byte offsets of the cue-bearing span
  uint32_t span_end = 0;        //   within the article text
  std::string cue;              // the cue phrase: "ruled out"
  std::vector<SourceCite> sources;
  std::string date;             // the cited date, else the article's date
  int8_t polarity = 1;          // +1 asserted, -1 negated
  std::string rule;             // extractor rule name or producer
  float confidence = 1.0f;
  std::string title;            // office title, for HOLDS_OFFICE
  std::vector<std::pair<std::string, std::string>> properties;  // anything else
};

// An article with all its claims: the unit of atomic ingest.
struct ArticleClaims {
  ArticleMeta article;
  std::vector<Claim> claims;
  // A digest of the input that produced the claims: re-ingesting an article
  // with the same id and hash is a no-op.
  std::string content_hash;
};

}  // namespace sg
