#include "graph/model.h"

#include <array>

namespace sg {
namespace {

struct KindName {
  NodeKind kind;
  std::string_view name;
};
constexpr std::array<KindName, 6> kKindNames = {{
    {NodeKind::kPerson, "Person"},
    {NodeKind::kState, "State"},
    {NodeKind::kOrganization, "Organization"},
    {NodeKind::kPosition, "Position"},
    {NodeKind::kArticle, "Article"},
    {NodeKind::kSource, "Source"},
}};

struct RelationNameEntry {
  Relation relation;
  std::string_view name;
};
constexpr std::array<RelationNameEntry, 13> kRelationNames = {{
    {Relation::kHoldsOffice, "HOLDS_OFFICE"},
    {Relation::kMemberOf, "MEMBER_OF"},
    {Relation::kSupports, "SUPPORTS"},
    {Relation::kOpposes, "OPPOSES"},
    {Relation::kProposes, "PROPOSES"},
    {Relation::kMeets, "MEETS"},
    {Relation::kCooperatesWith, "COOPERATES_WITH"},
    {Relation::kCriticizes, "CRITICIZES"},
    {Relation::kThreatens, "THREATENS"},
    {Relation::kSanctions, "SANCTIONS"},
    {Relation::kAttacks, "ATTACKS"},
    {Relation::kMentions, "MENTIONS"},
    {Relation::kCites, "CITES"},
}};

bool IsActorOrPosition(NodeKind kind) { return IsActorKind(kind) || kind == NodeKind::kPosition; }

}  // namespace

std::string_view NodeKindName(NodeKind kind) {
  for (const auto& e : kKindNames)
    if (e.kind == kind) return e.name;
  return "Unknown";
}

std::string_view RelationName(Relation relation) {
  for (const auto& e : kRelationNames)
    if (e.relation == relation) return e.name;
  return "UNKNOWN";
}

std::optional<NodeKind> ParseNodeKind(std::string_view name) {
  for (const auto& e : kKindNames)
    if (e.name == name) return e.kind;
  return std::nullopt;
}

std::optional<Relation> ParseRelation(std::string_view name) {
  for (const auto& e : kRelationNames)
    if (e.name == name) return e.relation;
  return std::nullopt;
}

bool IsActorKind(NodeKind kind) {
  return kind == NodeKind::kPerson || kind == NodeKind::kState ||
         kind == NodeKind::kOrganization;
}

bool IsSymmetric(Relation relation) {
  return relation == Relation::kMeets || relation == Relation::kCooperatesWith;
}

Tone RelationTone(Relation relation) {
  switch (relation) {
    case Relation::kSupports: case Relation::kProposes: case Relation::kCooperatesWith:
      return Tone::kPositive;
    case Relation::kOpposes: case Relation::kCriticizes: case Relation::kThreatens:
    case Relation::kSanctions: case Relation::kAttacks:
      return Tone::kNegative;
    default:
      return Tone::kNeutral;
  }
}

bool IsDerived(Relation relation) {
  return relation == Relation::kMentions || relation == Relation::kCites;
}

bool RelationAllows(Relation relation, NodeKind subject, NodeKind object) {
  switch (relation) {
    case Relation::kHoldsOffice:
      return subject == NodeKind::kPerson &&
             (object == NodeKind::kState || object == NodeKind::kOrganization);
    case Relation::kMemberOf:
      return IsActorKind(subject) &&
             (object == NodeKind::kOrganization || object == NodeKind::kState);
    case Relation::kSupports:
    case Relation::kOpposes:
    case Relation::kProposes:
      return IsActorKind(subject) && object == NodeKind::kPosition;
    case Relation::kMeets:
    case Relation::kCooperatesWith:
    case Relation::kCriticizes:
    case Relation::kThreatens:
    case Relation::kSanctions:
    case Relation::kAttacks:
      return IsActorKind(subject) && IsActorKind(object);
    case Relation::kMentions:
      return subject == NodeKind::kArticle && IsActorOrPosition(object);
    case Relation::kCites:
      return subject == NodeKind::kArticle && object == NodeKind::kSource;
  }
  return false;
}

bool IsIsoDate(std::string_view d) {
  auto digits = [&](size_t pos, size_t n, int lo, int hi) {
    if (pos + n > d.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
      v = v * 10 + (d[i] - '0');
    }
    return v >= lo && v <= hi;
  };
  if (!digits(0, 4, 1000, 2999)) return false;
  if (d.size() == 4) return true;
  if (d.size() < 7 || d[4] != '-' || !digits(5, 2, 1, 12)) return false;
  if (d.size() == 7) return true;
  if (d.size() != 10 || d[7] != '-' || !digits(8, 2, 1, 31)) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int month = (d[5] - '0') * 10 + (d[6] - '0');
  const int day = (d[8] - '0') * 10 + (d[9] - '0');
  return day <= kDays[month - 1];
}

}  // namespace sg
