// Group actors: a state or organization and an agent noun ("Syrian troops", "Egyptian
// police", "Kurdish militants", "Nigerian security forces", "Hamas fighters", "security
// forces in Guinea") act for their state or group, with a sector, as event coders
// (CAMEO, PLOVER) attribute them. docs/extraction.md "Group actors".

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "ingest/doc.h"

namespace sg::ingest {
namespace {

// The sector an agent noun names. "officers" and "units" take the sector of a noun
// before them ("police officers"), else military.
const std::unordered_map<std::string_view, std::string_view>& AgentNouns() {
  static const std::unordered_map<std::string_view, std::string_view> kNouns = [] {
    std::unordered_map<std::string_view, std::string_view> m;
    auto add = [&](std::string_view sector, std::initializer_list<std::string_view> nouns) {
      for (std::string_view n : nouns) m.emplace(n, sector);
    };
    add("military", {"troops", "soldiers", "soldier", "forces", "army", "armies", "military",
                     "navy", "warplanes", "jets", "tanks", "helicopters", "artillery", "gunboats",
                     "warships", "drones", "marines", "paratroopers", "commandos", "servicemen",
                     "battalions", "brigades", "officers", "units", "airstrikes", "aircraft",
                     "bombers", "missiles", "peacekeepers"});
    add("police", {"police", "policemen", "gendarmes", "gendarmerie", "guards", "guard",
                   "security"});
    add("government", {"officials", "authorities", "government", "administration", "ministers",
                       "diplomats", "negotiators", "delegation", "delegates", "envoys",
                       "lawmakers", "legislators", "parliament", "cabinet", "regime", "junta",
                       "leaders", "leadership", "embassy", "prosecutors", "judges", "courts",
                       "court", "officialdom"});
    add("rebels", {"rebels", "insurgents", "guerrillas", "guerillas", "militants",
                   "militiamen", "militia", "militias", "separatists", "fighters",
                   "paramilitaries", "jihadists", "extremists", "gunmen", "insurgency"});
    add("intelligence", {"intelligence", "spies", "agents"});
    add("civilians", {"civilians", "residents", "protesters", "protestors", "demonstrators",
                      "students", "workers", "farmers", "refugees", "settlers", "villagers",
                      "doctors", "journalists", "activists", "citizens", "hackers", "youths",
                      "detainees", "prisoners", "migrants", "nationals", "pilgrims",
                      "fishermen", "hostages", "children", "women", "opposition"});
    add("business", {"companies", "firms", "businesses", "exporters", "banks", "businessmen",
                     "investors", "traders"});
    return m;
  }();
  return kNouns;
}

// Words that may stand between the actor and its agent noun: "Syrian government troops",
// "Israeli security forces", "Russian special forces", "Irish nationalist guerrillas".
bool Modifier(const Token& t) {
  static const std::unordered_set<std::string_view> kNot = {
      "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from",
      "is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says", "that"};
  return t.word && !t.cap && !t.possessive && !kNot.count(t.norm);
}

// Office words after an agent noun make it part of a title ("army chief", "police
// spokesman"): the office patterns own those.
bool TitleFollows(const Doc& doc, size_t k) {
  static const std::unordered_set<std::string_view> kTitles = {
      "chief", "chiefs", "commander", "spokesman", "spokeswoman", "spokesperson", "head",
      "minister", "secretary", "council", "service", "services", "committee", "agency"};
  return k < doc.tokens.size() && kTitles.count(doc.Norm(k)) > 0;
}

// The sector of the agent noun at `noun`; police words among its modifiers win
// ("security forces", "border guards", "police officers").
std::string SectorOf(const Doc& doc, size_t first, size_t noun) {
  std::string_view sector = AgentNouns().at(doc.Norm(noun));
  for (size_t k = first; k <= noun; ++k) {
    std::string_view n = doc.Norm(k);
    if (n == "security" || n == "police" || n == "border" || n == "riot" || n == "guards") sector = "police";
  }
  return std::string(sector);
}


// The agent noun ending a group that starts at token k, within three words, or k.
size_t AgentNounAfter(const Doc& doc, size_t k, size_t end) {
  size_t found = k;
  for (size_t j = k; j < end && j < k + 3; ++j) {
    const Token& t = doc.tokens[j];
    if (doc.masked[j] || doc.mention_at[j] >= 0 || doc.in_office[j] || !Modifier(t)) break;
    if (AgentNouns().count(t.norm)) found = j + 1;
  }
  // "security" alone is a modifier ("security forces"), not a group.
  if (found > k && doc.Norm(found - 1) == "security" && found < end && doc.Norm(found) != "forces")
    return k;
  return TitleFollows(doc, found) ? k : found;
}

// An acronym not in the lexicon before an agent noun names an organization: "ELN
// rebels", "M23 fighters".
void UnknownGroups(Doc* doc) {
  for (const Sentence& s : doc->sentences) {
    for (size_t k = s.first; k + 1 < s.last; ++k) {
      const Token& t = doc->tokens[k];
      std::string_view text = doc->text.substr(t.begin, t.end - t.begin);
      bool acronym = text.size() >= 2 && text.size() <= 6 && std::isupper(static_cast<unsigned char>(text[0])) &&
                     std::all_of(text.begin(), text.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); });
      if (!acronym || doc->mention_at[k] >= 0 || doc->masked[k] || doc->in_office[k]) continue;
      size_t noun = AgentNounAfter(*doc, k + 1, s.last);
      if (noun == k + 1 || SectorOf(*doc, k + 1, noun - 1) == "government") continue;
      int e = doc->EntityFor(NodeKind::kOrganization, text);
      doc->AddMention(static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1), e, FormKind::kName);
    }
  }
  doc->IndexMentions();
}

// "Iranian-backed militias", "Russian-funded media": the sponsor is not the group.
bool Sponsored(const Doc& doc, const Mention& m) {
  static const std::unordered_set<std::string_view> kSponsored = {
      "backed", "sponsored", "funded", "armed", "supported", "aligned", "allied", "trained",
      "financed", "affiliated", "linked", "inspired", "controlled", "installed", "appointed"};
  size_t k = m.last;
  return k + 1 < doc.tokens.size() && doc.Norm(k) == "-" && kSponsored.count(doc.Norm(k + 1));
}

int GroupEntity(Doc* doc, int base, const std::string& sector) {
  Entity copy = doc->entities[base];
  int e = doc->EntityFor(copy.kind, copy.name + " (" + sector + ")");
  Entity& g = doc->entities[e];
  g.group_of = base;
  g.sector = sector;
  g.code = copy.code;
  return e;
}

bool ActorMention(const Doc& doc, const Mention& m) {
  NodeKind kind = doc.entities[m.entity].kind;
  return !m.modifier && (kind == NodeKind::kState || kind == NodeKind::kOrganization) &&
         doc.entities[m.entity].group_of < 0;
}

// A demonym before a capitalised plural that names no other actor: "Bosnian Serbs",
// "Iraqi Kurds", "Greek Cypriots".
bool EthnicPlural(const Doc& doc, const Mention& m, size_t end) {
  if (m.form != FormKind::kDemonym || m.last >= end || doc.mention_at[m.last] >= 0) return false;
  const Token& t = doc.tokens[m.last];
  return t.word && t.cap && !t.upper && t.norm.size() > 3 && t.norm.back() == 's' && !doc.masked[m.last];
}

// "Syrian troops", "US forces", "Hamas fighters", "Russia's army".
void GroupsAfterNames(Doc* doc) {
  for (size_t mi = 0; mi < doc->mentions.size(); ++mi) {
    Mention m = doc->mentions[mi];
    if (!ActorMention(*doc, m) || Sponsored(*doc, m)) continue;
    size_t start = m.last;
    if (start < doc->tokens.size() && doc->tokens[start].possessive) ++start;
    if (start < doc->tokens.size() && doc->Norm(start) == "-" && start + 1 < doc->tokens.size() &&
        doc->Norm(start + 1) == "led")
      start += 2;  // "Saudi-led forces": the leader acts
    size_t end = doc->sentences[doc->sentence_of[m.first]].last;
    size_t noun = AgentNounAfter(*doc, start, end);
    std::string sector;
    if (noun > start) {
      sector = SectorOf(*doc, start, noun - 1);
    } else if (EthnicPlural(*doc, m, end)) {  // "Bosnian Serbs", "Iraqi Kurds": people of the state
      noun = m.last + 1;
      sector = "civilians";
    } else {
      continue;
    }
    int e = GroupEntity(doc, m.entity, sector);
    doc->mentions[mi] = Mention{m.first, static_cast<uint32_t>(noun), e, FormKind::kGroup, false};
    for (size_t k = m.first; k < noun; ++k) doc->mention_at[k] = static_cast<int>(mi);
  }
}

// "security forces in Guinea", "rebels in Darfur", "the army of Myanmar".
void GroupsBeforeNames(Doc* doc) {
  for (const Sentence& s : doc->sentences) {
    for (size_t k = s.first; k + 2 < s.last; ++k) {
      if (doc->mention_at[k] >= 0 || doc->in_office[k] || !AgentNouns().count(doc->Norm(k))) continue;
      const std::string& prep = doc->Norm(k + 1);
      if (prep != "in" && prep != "of") continue;
      size_t at = k + 2 < s.last && doc->Norm(k + 2) == "the" ? k + 3 : k + 2;
      const Mention* m = doc->MentionAt(at);
      if (!m || m->first != at || !ActorMention(*doc, *m) || doc->entities[m->entity].kind != NodeKind::kState)
        continue;
      size_t first = k;
      auto modifies = [&](size_t j) {  // "security forces", "Security forces" opening the sentence
        const Token& t = doc->tokens[j];
        return (Modifier(t) || (j == s.first && t.word)) && doc->mention_at[j] < 0 &&
               AgentNouns().count(t.norm) > 0;
      };
      while (first > s.first && first + 2 > k && modifies(first - 1)) --first;
      int e = GroupEntity(doc, m->entity, SectorOf(*doc, first, k));
      doc->AddMention(static_cast<uint32_t>(first), static_cast<uint32_t>(k + 1), e, FormKind::kGroup);
    }
  }
  doc->IndexMentions();
}

}  // namespace

void FindGroupActors(Doc* doc) {
  UnknownGroups(doc);
  GroupsAfterNames(doc);
  GroupsBeforeNames(doc);
}

}  // namespace sg::ingest
