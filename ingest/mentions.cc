// Actor mentions: lexicon names, people found by news patterns, short names.

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "graph/names.h"
#include "ingest/doc.h"

namespace sg::ingest {

int Doc::EntityFor(NodeKind kind, std::string_view name, const LexEntry* lex_entry) {
  std::string key = NormalizeName(name);
  key.push_back(static_cast<char>('0' + static_cast<int>(kind)));
  auto [it, added] = entity_index_.emplace(key, static_cast<int>(entities.size()));
  if (added) {
    Entity e;
    e.kind = kind;
    e.name = std::string(name);
    e.lex = lex_entry;
    if (lex_entry) e.code = lex_entry->code;
    entities.push_back(std::move(e));
  }
  return it->second;
}

void Doc::AddMention(uint32_t first, uint32_t last, int entity, FormKind form) {
  mentions.push_back({first, last, entity, form, false});
  for (uint32_t k = first; k < last; ++k) mention_at[k] = static_cast<int>(mentions.size() - 1);
}

void Doc::IndexMentions() {
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.first < b.first; });
  std::fill(mention_at.begin(), mention_at.end(), -1);
  for (size_t m = 0; m < mentions.size(); ++m)
    for (uint32_t k = mentions[m].first; k < mentions[m].last; ++k) mention_at[k] = static_cast<int>(m);
}

namespace {

NodeKind KindOf(LexKind k) {
  switch (k) {
    case LexKind::kState: return NodeKind::kState;
    case LexKind::kOrganization: return NodeKind::kOrganization;
    default: return NodeKind::kPerson;
  }
}

// The tokens of a phrase key starting at i: words, "'s", hyphens between words.
// Fills ends[n-1] with the end token of the first n key tokens; returns the count.
size_t KeyTokens(const Doc& doc, size_t i, size_t max_n, std::vector<std::string>* keys,
                 std::vector<uint32_t>* ends) {
  keys->clear();
  ends->clear();
  std::string key;
  for (size_t k = i; k < doc.tokens.size() && keys->size() < max_n; ++k) {
    const Token& t = doc.tokens[k];
    if (doc.masked[k] || (k > i && IsSentenceEnd(doc, k))) break;
    if (t.norm == "-" && k > i && doc.tokens[k - 1].end == t.begin) continue;
    if (!t.word && !t.possessive) break;
    if (!key.empty()) key.push_back(' ');
    key += t.norm;
    keys->push_back(key);
    ends->push_back(static_cast<uint32_t>(k + 1));
  }
  return keys->size();
}

bool CaseFits(const Doc& doc, const LexForm& f, size_t first, size_t last) {
  if (f.lower_ok) return true;
  if (!f.acronym) return doc.tokens[first].cap;
  for (size_t k = first; k < last; ++k)
    if (doc.tokens[k].word && !doc.tokens[k].upper) return false;
  return true;
}

// "Yunus" in "Yunus-Bek Yevkurov": a one-word person name that a longer unknown name goes on from.
bool InLongerName(const Doc& doc, size_t first, size_t last) {
  if (last != first + 1 || last >= doc.tokens.size() || IsSentenceEnd(doc, last)) return false;
  const Token& next = doc.tokens[last];
  bool hyphen = next.norm == "-" && next.begin == doc.tokens[first].end;
  return hyphen || (next.word && next.cap && !next.upper);
}

// A state's ministry acts for the state, as "the Kremlin" does: its state, else nullptr.
const LexEntry* SpokesState(const Doc& doc, const LexEntry& e) {
  if (e.kind != LexKind::kOrganization || e.name.find("Ministry") == std::string::npos) return nullptr;
  const LexEntry* state = doc.lex.FindEntry(e.affiliation);
  return state && state->kind == LexKind::kState ? state : nullptr;
}

// The lexicon's longest match at token i; returns its end (i when none).
size_t MatchLexicon(Doc* doc, size_t i) {
  const Token& t = doc->tokens[i];
  if (!t.word || doc->masked[i]) return i;
  auto mt = doc->lex.max_tokens.find(t.norm);
  if (mt == doc->lex.max_tokens.end()) return i;
  thread_local std::vector<std::string> keys;
  thread_local std::vector<uint32_t> ends;
  for (size_t n = KeyTokens(*doc, i, mt->second, &keys, &ends); n > 0; --n) {
    const auto* forms = doc->lex.FindForms(keys[n - 1]);
    if (!forms) continue;
    for (const LexForm& f : *forms) {
      const LexEntry& e = doc->lex.entries[f.entry];
      if (e.kind == LexKind::kOffice || e.outlet || !CaseFits(*doc, f, i, ends[n - 1])) continue;
      if (e.kind == LexKind::kPerson && f.form != FormKind::kName && InLongerName(*doc, i, ends[n - 1])) continue;
      int ent = doc->EntityFor(KindOf(e.kind), e.name, &e);
      if (const LexEntry* state = SpokesState(*doc, e)) {  // "China's foreign ministry" speaks for China
        int st = doc->EntityFor(NodeKind::kState, state->name, state);
        doc->entities[ent].speaks_for = st;
      }
      doc->AddMention(static_cast<uint32_t>(i), ends[n - 1], ent, f.form);
      return ends[n - 1];
    }
  }
  return i;
}

void LexiconPass(Doc* doc) {
  for (size_t i = 0; i < doc->tokens.size();) {
    size_t end = MatchLexicon(doc, i);
    i = end > i ? end : i + 1;
  }
}

// Capitalised words that do not start or continue a person's name.
bool IsNameStop(std::string_view norm) {
  static const std::unordered_set<std::string_view> kStop = {
      "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "of", "for", "and",
      "but", "or", "with", "by", "from", "to", "as", "after", "before", "during", "while", "if",
      "when", "since", "it", "he", "she", "they", "we", "i", "his", "her", "their", "its", "our",
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "photo", "images", "getty", "reuters", "ap", "afp", "said", "says",
      "meanwhile", "however", "also", "still", "yet", "now", "then", "today", "yesterday",
      "ministry", "office", "council", "committee", "party", "agency", "union", "army", "forces",
      "government", "parliament", "congress", "senate", "house", "court", "bank", "university",
      "institute", "foundation", "center", "centre", "group", "company", "news", "times", "post",
      "daily", "week", "year", "article", "charter", "treaty", "summit", "war", "republic",
      "kingdom", "state", "states", "federation", "city", "region", "province", "oblast",
      "president", "minister", "prime", "secretary", "chancellor", "general", "director", "mr",
      "mrs", "ms", "dr", "sir", "lord", "lady", "according", "despite", "under", "over", "about",
      "there", "here", "what", "who", "which", "where", "why", "how", "not", "no", "all", "some",
      "east", "west", "north", "south", "new", "old", "former", "late", "chief", "head", "leader",
      "sheikh", "ayatollah", "dame", "prince", "princess", "imam", "rabbi", "cardinal", "archbishop",
      "both", "each", "many", "several", "most", "few", "other", "others", "one", "two", "three"};
  return kStop.count(norm) > 0;
}

bool IsHonorific(std::string_view norm) {
  return norm == "sheikh" || norm == "ayatollah" || norm == "sir" || norm == "dame" || norm == "mr" ||
         norm == "mrs" || norm == "ms" || norm == "dr" || norm == "imam" || norm == "prince";
}

bool IsParticle(std::string_view norm) {
  return norm == "de" || norm == "da" || norm == "van" || norm == "von" || norm == "bin" ||
         norm == "al" || norm == "del" || norm == "la" || norm == "le" || norm == "di" || norm == "du" ||
         norm == "dos" || norm == "ibn";
}

// "al-Ezzi", "el-Sisi": a lower-case particle joined to a capitalised name.
bool IsArabicParticleName(std::string_view text) {
  for (std::string_view p : {"al-", "el-", "ad-", "as-", "ash-", "ibn-", "bin-", "abu-"})
    if (text.size() > p.size() + 1 && text.substr(0, p.size()) == p && StartsUpper(text.substr(p.size())))
      return true;
  return false;
}

bool IsNameWord(const Doc& doc, size_t k) {
  const Token& t = doc.tokens[k];
  if (!t.word || t.digit || doc.masked[k] || doc.mention_at[k] >= 0) return false;
  if (!t.cap) return IsArabicParticleName(Surface(doc.text, t));
  return !IsNameStop(t.norm) && (!t.upper || t.abbrev || t.norm.size() == 1);
}

// "-yul" of "Cho Tae-yul", but not "-led" of "Hamas-led".
bool IsNameSuffix(const Doc& doc, size_t k) {
  const Token& t = doc.tokens[k];
  if (!t.word || t.cap || t.begin != doc.tokens[k - 1].end || t.norm.size() > 6) return false;
  const std::string& n = t.norm;
  bool verbal = n.size() > 2 && (n.compare(n.size() - 2, 2, "ed") == 0 || n.compare(n.size() - 3, 3, "ing") == 0);
  static const std::unordered_set<std::string_view> kNot = {"bound", "based", "era", "style", "type", "born",
                                                             "made", "owned", "run", "led", "elect", "wide"};
  return !verbal && !kNot.count(n);
}

// "Wagner" in "Thérèse Kayikwamba Wagner", "Tiani" in "Abdourahamane Tiani": a
// one-word lexicon mention that ends a run of name words.
bool AbsorbableMention(const Doc& doc, size_t k) {
  const Mention* m = doc.MentionAt(k);
  if (!m || m->first != k || m->last != k + 1 || !doc.tokens[k].cap || doc.tokens[k].upper) return false;
  if (m->form == FormKind::kDemonym) return false;
  bool next_cap = k + 1 < doc.tokens.size() && doc.tokens[k + 1].cap && doc.tokens[k + 1].word &&
                  !IsSentenceEnd(doc, k + 1);
  return !next_cap;
}

}  // namespace

// A run of capitalised name words at i within the sentence: "Sergei Lavrov",
// "Pavel K Baev", "Pedro Sánchez". Returns its end (i when none).
size_t NameRun(const Doc& doc, size_t i) {
  size_t k = i, words = 0;
  while (k < doc.tokens.size() && words < 5) {
    if (k > i && IsSentenceEnd(doc, k)) break;
    if (IsNameWord(doc, k)) { ++k, ++words; continue; }
    if (words > 0 && AbsorbableMention(doc, k)) { ++k, ++words; continue; }
    const Token& t = doc.tokens[k];
    bool hyphen = t.norm == "-" && words > 0 && doc.tokens[k - 1].end == t.begin && k + 1 < doc.tokens.size();
    if (hyphen && IsNameSuffix(doc, k + 1)) {
      k += 2;
      continue;
    }
    bool joiner = words > 0 && k + 1 < doc.tokens.size() && IsNameWord(doc, k + 1) &&
                  (hyphen || IsParticle(t.norm));
    if (!joiner) break;
    ++k;
  }
  while (k > i && !doc.tokens[k - 1].word) --k;
  return words == 0 ? i : k;
}

bool LedBy(const Doc& doc, size_t i, size_t sentence_first) {
  if (i < sentence_first + 2 || doc.Norm(i - 1) != "by") return false;
  const std::string& v = doc.Norm(i - 2);
  return v == "led" || v == "headed" || v == "commanded" || v == "chaired" || v == "founded";
}

namespace {

size_t WordCount(const Doc& doc, size_t first, size_t last) {
  size_t n = 0;
  for (size_t k = first; k < last; ++k) n += doc.tokens[k].word && !IsParticle(doc.tokens[k].norm);
  return n;
}

bool IsTitleAdjectiveWord(std::string_view n) {
  return n == "senior" || n == "top" || n == "incoming" || n == "outgoing" || n == "new" ||
         n == "longtime" || n == "veteran" || n == "then";
}

// Skips ", the U.K." / "is a" / ", Spain's" between a name and a title; returns the
// title's start, or `end` when what follows is no title.
size_t TitleAfterName(const Doc& doc, size_t k, size_t end) {
  if (k >= end) return end;
  const std::string& n = doc.Norm(k);
  if (n == ",") ++k;
  else if (n == "is" || n == "was" || n == "becomes" || n == "became" || n == "as") ++k;
  else return end;
  // "was named Italy's foreign minister", "was sworn in as prime minister".
  if ((n == "is" || n == "was") && k + 1 < end) {
    const std::string& verb = doc.Norm(k);
    if (verb == "named" || verb == "appointed" || verb == "elected" || verb == "installed" ||
        verb == "chosen") {
      ++k;
      if (doc.Norm(k) == "as") ++k;
    } else if (verb == "sworn" && k + 2 < end && doc.Norm(k + 1) == "in" && doc.Norm(k + 2) == "as") {
      k += 3;
    }
  }
  if (k < end && (doc.Norm(k) == "the" || doc.Norm(k) == "a" || doc.Norm(k) == "an")) ++k;
  while (k < end && IsTitleAdjectiveWord(doc.Norm(k))) ++k;
  if (const Mention* m = doc.MentionAt(k); m && m->last < end) {
    k = m->last;
    if (k < end && doc.tokens[k].possessive) ++k;
  }
  while (k < end && IsTitleAdjectiveWord(doc.Norm(k))) ++k;
  std::string title;
  bool former = false;
  // "the separatist region's leader": a few lower-case words and a possessive first.
  for (size_t j = k; j < end && j < k + 4; ++j) {
    if (MatchTitle(doc, j, end, &title, &former) > j) return j;
    const Token& t = doc.tokens[j];
    if (!(t.possessive || (t.word && !t.cap))) break;
  }
  return end;
}

// The person named by tokens [first, last); a lexicon person inside ("Tiani") keeps its entity.
int PersonFor(Doc* doc, size_t first, size_t last) {
  std::string name(doc->Surface(static_cast<uint32_t>(first), static_cast<uint32_t>(last)));
  int e = -1;
  for (size_t k = first; k < last; ++k)
    if (const Mention* m = doc->MentionAt(k); m && doc->entities[m->entity].kind == NodeKind::kPerson) e = m->entity;
  auto inside = [&](const Mention& m) { return m.first >= first && m.last <= last; };
  if (std::any_of(doc->mentions.begin(), doc->mentions.end(), inside)) {
    doc->mentions.erase(std::remove_if(doc->mentions.begin(), doc->mentions.end(), inside), doc->mentions.end());
    doc->IndexMentions();
  }
  if (e < 0) e = doc->EntityFor(NodeKind::kPerson, name);
  doc->AddMention(static_cast<uint32_t>(first), static_cast<uint32_t>(last), e, FormKind::kName);
  return e;
}

// People not in the lexicon, named next to a title: "Foreign Minister Sergei
// Lavrov", "Keir Starmer, the U.K. Prime Minister", "Pavel K Baev is a Research Professor".
void PeoplePass(Doc* doc) {
  for (const Sentence& s : doc->sentences) {
    for (size_t i = s.first; i < s.last; ++i) {
      std::string title;
      bool former = false;
      size_t t_end = MatchTitle(*doc, i, s.last, &title, &former);
      if (t_end > i) {
        if (t_end + 1 < s.last && doc->Norm(t_end) == "," && doc->tokens[i].cap == false) ++t_end;  // "prime minister, Fumio Kishida"
        while (t_end < s.last && IsHonorific(doc->Norm(t_end))) ++t_end;
        size_t n_end = NameRun(*doc, t_end);
        if (WordCount(*doc, t_end, n_end) >= 2) PersonFor(doc, t_end, n_end);
        continue;
      }
      if (!IsNameWord(*doc, i) || (i > s.first && IsNameWord(*doc, i - 1))) continue;
      size_t n_end = NameRun(*doc, i);
      if (WordCount(*doc, i, n_end) >= 2 && (TitleAfterName(*doc, n_end, s.last) < s.last || LedBy(*doc, i, s.first)))
        PersonFor(doc, i, n_end);
    }
  }
}

// "Long Name (ACR)": the acronym names the same actor later in the article.
void AcronymAliases(Doc* doc, std::unordered_map<std::string, int>* names) {
  const auto& t = doc->tokens;
  for (size_t i = 1; i + 2 < t.size(); ++i) {
    if (t[i].norm != "(" || !t[i + 1].upper || t[i + 2].norm != ")" || doc->masked[i]) continue;
    const Mention* m = doc->MentionAt(i - 1);
    if (m && doc->mention_at[i + 1] < 0) (*names)[t[i + 1].norm] = m->entity;
  }
}

// "Congo" after "Democratic Republic of Congo": the last word of a state's name as
// written in this article, unless generic ("States", "Republic").
void AddStateShortName(const Doc& doc, int e, std::unordered_map<std::string, int>* names) {
  static const std::unordered_set<std::string_view> kGeneric = {
      "states", "republic", "kingdom", "islands", "emirates", "federation", "union", "arabia",
      "guinea", "africa", "america", "korea", "sudan", "leone", "lanka", "zealand", "rica", "salvador"};
  for (const Mention& m : doc.mentions) {
    if (m.entity != e || m.last - m.first < 3 || m.form != FormKind::kAlias) continue;
    const Token& last = doc.tokens[m.last - 1];
    if (!last.word || !last.cap || last.norm.size() < 4 || kGeneric.count(last.norm)) continue;
    auto [it, added] = names->emplace(last.norm, e);
    if (!added && it->second != e) it->second = -1;
  }
}

// Short names of people: "Lavrov" after "Sergei Lavrov".
std::unordered_map<std::string, int> ShortNames(const Doc& doc) {
  std::unordered_map<std::string, int> names;
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& ent = doc.entities[e];
    if (ent.kind == NodeKind::kState) {
      AddStateShortName(doc, static_cast<int>(e), &names);
      continue;
    }
    if (ent.kind != NodeKind::kPerson) continue;
    std::vector<std::string> parts;  // hyphenated parts stay whole: "ching-te"
    std::vector<Token> toks = Tokenize(ent.name);
    for (size_t k = 0; k < toks.size(); ++k) {
      const Token& t = toks[k];
      bool joined = k > 0 && !parts.empty() && t.begin == toks[k - 1].end;
      if (joined) parts.back() += t.norm;
      else if (t.word && !IsParticle(t.norm) && t.norm.size() > 1) parts.push_back(t.norm);
    }
    if (parts.size() < 2) continue;
    std::vector<std::string> keys = {parts.back(), parts.front() + " " + parts.back()};
    if (parts.size() >= 3) keys.push_back(parts[parts.size() - 2]);  // "González" of "Edmundo González Urrutia"
    // "Lai" for "Lai Ching-te", "Kim" for "Kim Jong Un": family name first.
    if (parts.back().find('-') != std::string::npos || parts.back().size() <= 2) keys.push_back(parts.front());
    for (std::string_view p : {"al-", "el-", "ad-", "as-", "ash-"})  // "Burhan" for "al-Burhan"
      if (parts.back().rfind(p, 0) == 0) keys.push_back(parts.back().substr(p.size()));
    for (const std::string& key : keys) {
      auto [it, added] = names.emplace(key, static_cast<int>(e));
      if (!added && it->second != static_cast<int>(e)) it->second = -1;  // ambiguous
    }
  }
  return names;
}

// "Zelensky" for "Zelenskyy": a long shared prefix and a near length.
int FuzzySurname(const std::unordered_map<std::string, int>& names, const std::string& norm) {
  if (norm.size() < 5) return -1;
  for (const auto& [key, e] : names) {
    if (e < 0 || key.find(' ') != std::string::npos) continue;
    size_t common = 0;
    while (common < key.size() && common < norm.size() && key[common] == norm[common]) ++common;
    size_t longer = std::max(key.size(), norm.size());
    if (common >= 5 && longer - common <= 2 && common + 1 >= std::min(key.size(), norm.size())) return e;
  }
  return -1;
}

// "Sheikh Mohammed" after "Sheikh Mohammed bin Abdulrahman Al Thani".
std::unordered_map<std::string, int> FirstNames(const Doc& doc) {
  std::unordered_map<std::string, int> names;
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    if (doc.entities[e].kind != NodeKind::kPerson) continue;
    auto toks = Tokenize(doc.entities[e].name);
    if (toks.size() < 2) continue;
    auto [it, added] = names.emplace(toks.front().norm, static_cast<int>(e));
    if (!added && it->second != static_cast<int>(e)) it->second = -1;
  }
  return names;
}

// The one armed force of the article ("Sudanese Armed Forces"), or -1.
int ArmedForce(const Doc& doc) {
  int found = -1;
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const std::string& n = doc.entities[e].name;
    if (doc.entities[e].kind != NodeKind::kOrganization) continue;
    bool armed = n.find("Armed Forces") != std::string::npos || n.find("Army") != std::string::npos ||
                 n.find("Defense Forces") != std::string::npos || n.find("Defence Forces") != std::string::npos;
    if (!armed) continue;
    if (found >= 0) return -1;
    found = static_cast<int>(e);
  }
  return found;
}

// "the army" once the article has named its one armed force.
void TheArmy(Doc* doc) {
  int army = ArmedForce(*doc);
  if (army < 0) return;
  static const std::unordered_set<std::string_view> kRoles = {
      "chief", "commander", "spokesman", "officer", "officers", "general", "units", "base", "bases"};
  for (size_t k = 1; k < doc->tokens.size(); ++k) {
    const std::string& n = doc->Norm(k);
    if ((n != "army" && n != "military") || doc->Norm(k - 1) != "the" || doc->mention_at[k] >= 0 ||
        doc->masked[k] || doc->tokens[k].cap)
      continue;
    if (k + 1 < doc->tokens.size() && kRoles.count(doc->Norm(k + 1))) continue;
    doc->AddMention(static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1), army, FormKind::kAlias);
  }
}

// "the Network" after "the Nile Valley Civilian Protection Network", "the Commission"
// after "the European Commission": the head noun of one organization named earlier in
// the article names it again. "the group", "the movement", "the militia" name the
// organization of that kind most recently named, within three sentences.
void DescribedOrganizations(Doc* doc) {
  static const std::unordered_set<std::string_view> kKinds = {"group", "movement", "militia"};
  std::unordered_map<std::string, int> heads;  // last word of an organization's name -> entity, -1: two
  int recent = -1;
  uint32_t recent_sentence = 0;
  for (size_t k = 0; k + 1 < doc->tokens.size(); ++k) {
    if (const Mention* m = doc->MentionAt(k); m && m->first == k) {
      const Entity& e = doc->entities[m->entity];
      if (e.kind == NodeKind::kOrganization) {
        std::string head = NormalizeName(e.name.substr(e.name.rfind(' ') + 1));
        auto [it, added] = heads.emplace(head, m->entity);
        if (!added && it->second != m->entity) it->second = -1;
        recent = m->entity;
        recent_sentence = doc->sentence_of[k];
      }
      k = m->last - 1;
      continue;
    }
    const Token& t = doc->tokens[k + 1];
    if (doc->Norm(k) != "the" || !t.word || doc->mention_at[k + 1] >= 0 || doc->masked[k + 1]) continue;
    if (k + 2 < doc->tokens.size() && doc->tokens[k + 2].word && doc->tokens[k + 2].cap) continue;  // "the Network Rail"
    int org = -1;
    if (auto it = heads.find(t.norm); it != heads.end() && t.norm.size() > 3) org = it->second;
    if (org < 0 && kKinds.count(t.norm) && recent >= 0 && doc->sentence_of[k] - recent_sentence <= 3) org = recent;
    if (org >= 0) doc->AddMention(static_cast<uint32_t>(k + 1), static_cast<uint32_t>(k + 2), org, FormKind::kAlias);
  }
  doc->IndexMentions();
}

void ShortNamePass(Doc* doc) {
  TheArmy(doc);
  auto names = ShortNames(*doc);
  auto firsts = FirstNames(*doc);
  AcronymAliases(doc, &names);
  for (const Sentence& s : doc->sentences) {
    for (size_t i = s.first; i < s.last; ++i) {
      if (!doc->tokens[i].cap || doc->mention_at[i] >= 0 || doc->masked[i]) continue;
      if (IsHonorific(doc->Norm(i)) && i + 1 < s.last && doc->mention_at[i + 1] < 0) {
        auto f = firsts.find(doc->Norm(i + 1));
        if (f != firsts.end() && f->second >= 0) {
          doc->AddMention(static_cast<uint32_t>(i), static_cast<uint32_t>(i + 2), f->second, FormKind::kAlias);
          ++i;
          continue;
        }
      }
      if (i + 1 < s.last && doc->tokens[i + 1].cap && doc->mention_at[i + 1] < 0 && doc->tokens[i + 1].word) {
        auto two = names.find(doc->Norm(i) + " " + doc->Norm(i + 1));
        if (two != names.end() && two->second >= 0) {
          doc->AddMention(static_cast<uint32_t>(i), static_cast<uint32_t>(i + 2), two->second, FormKind::kAlias);
          ++i;
          continue;
        }
      }
      auto it = names.find(doc->Norm(i));
      int e = it != names.end() ? it->second : FuzzySurname(names, doc->Norm(i));
      if (e >= 0 && !(i + 1 < s.last && IsNameWord(*doc, i + 1)))
        doc->AddMention(static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), e, FormKind::kAlias);
    }
  }
}

bool IsOrgHead(std::string_view n) {
  static const std::unordered_set<std::string_view> kHeads = {
      "office", "ministry", "command", "council", "committee", "party", "agency", "forum",
      "commission", "court", "institute", "university", "bank", "fund", "foundation", "association",
      "army", "guard", "corps", "front", "movement", "union", "alliance", "organization",
      "organisation", "service", "department", "authority", "parliament", "assembly", "bureau",
      "coalition", "centre", "center", "council", "navy", "brigade", "brigades", "group",
      "network", "watch", "federation", "league", "mission", "programme", "program", "secretariat",
      "tribunal", "observatory", "initiative", "forces"};
  return kHeads.count(n) > 0;
}

// Words that alone make no organization's name: "Foreign Ministry", "Defense Department".
bool IsGenericOrgWord(std::string_view n) {
  static const std::unordered_set<std::string_view> kGeneric = {
      "foreign", "defense", "defence", "interior", "national", "state", "finance", "justice", "home",
      "security", "affairs", "internal", "external", "health", "trade", "economy", "economic",
      "public", "central", "general", "federal", "of", "for", "and", "the", "main", "supreme"};
  return kGeneric.count(n) > 0 || IsOrgHead(n);
}

// Whether the capitalised words from j hold an organization word of their own.
bool TailHasHead(const Doc& doc, size_t j, size_t last) {
  for (size_t k = j; k < last && k < j + 6; ++k) {
    const Token& t = doc.tokens[k];
    if (IsOrgHead(t.norm)) return true;
    if (!t.possessive && !(t.word && (t.cap || t.norm == "the"))) return false;
  }
  return false;
}

// The end of a capitalised run from i that names an organization ("Taiwan Affairs
// Office", "Atomic Energy Organization of Iran"), or i when there is none.
size_t OrgRun(const Doc& doc, size_t i, size_t last) {
  size_t j = i, head_end = i;
  bool specific = false;
  for (; j < last && j < i + 9; ++j) {
    const Token& t = doc.tokens[j];
    bool joiner = (t.norm == "of" || t.norm == "for" || t.norm == "and" ||
                   (t.norm == "the" && j > i && doc.Norm(j - 1) == "of")) && j > i;
    if (t.possessive && j > i && j + 1 < last && doc.tokens[j + 1].cap && doc.mention_at[j - 1] < 0)
      continue;  // "People's Liberation Army", but not "Iran's Foreign Ministry"
    if (doc.masked[j] || !(t.word && (t.cap || joiner))) break;
    if (t.norm == "of" && head_end > i && specific && TailHasHead(doc, j + 1, last)) break;  // two organizations
    if (joiner && head_end == i && t.norm != "and") return i;  // "President of the European Council"
    if (IsOrgHead(t.norm)) head_end = j + 1;
    specific |= !IsGenericOrgWord(t.norm) || doc.mention_at[j] >= 0;
  }
  // A run may go on after its head only as "of <Capitalised words>".
  bool tail_ok = head_end == j || (head_end < j && doc.Norm(head_end) == "of");
  size_t end = tail_ok ? j : head_end;
  while (end > i && !doc.tokens[end - 1].cap) --end;
  if (head_end == i || !specific || end < i + 2) return i;
  return end;
}

void OrgPass(Doc* doc) {
  for (const Sentence& s : doc->sentences) {
    for (size_t i = s.first; i < s.last; ++i) {
      const Token& t = doc->tokens[i];
      bool inside_run = i > s.first && doc->tokens[i - 1].cap && doc->tokens[i - 1].word && doc->Norm(i - 1) != "the";
      if (!t.word || !t.cap || t.norm == "the" || inside_run) continue;
      // Inside a longer lexicon name ("People's Liberation Army"): that name stands.
      if (const Mention* covering = doc->MentionAt(i); covering && covering->first < i) continue;
      size_t start = i;  // "People's Liberation Army" starts before the possessive
      if (i >= s.first + 2 && doc->tokens[i - 1].possessive && doc->tokens[i - 2].cap &&
          doc->mention_at[i - 2] < 0 && !IsNameStop(doc->Norm(i - 2)))
        start = i - 2;
      size_t end = OrgRun(*doc, start, s.last);
      if (end == start) continue;
      i = start;
      const Mention* whole = doc->MentionAt(i);
      if (whole && whole->first == i && whole->last == end) continue;
      if (doc->mention_at[end - 1] >= 0 && doc->mentions[doc->mention_at[end - 1]].last > end) continue;
      auto inside = [&](const Mention& m) { return m.first >= i && m.last <= end; };
      doc->mentions.erase(std::remove_if(doc->mentions.begin(), doc->mentions.end(), inside), doc->mentions.end());
      doc->IndexMentions();
      int e = doc->EntityFor(NodeKind::kOrganization, doc->Surface(static_cast<uint32_t>(i), static_cast<uint32_t>(end)));
      doc->AddMention(static_cast<uint32_t>(i), static_cast<uint32_t>(end), e, FormKind::kName);
      i = end - 1;
    }
  }
}

void CollectAliases(Doc* doc) {
  for (const Mention& m : doc->mentions) {
    uint32_t last = m.last;
    while (last > m.first + 1 && doc->tokens[last - 1].possessive) --last;
    std::string surface(doc->Surface(m.first, last));
    Entity& e = doc->entities[m.entity];
    e.mentions += !m.modifier;
    if (surface != e.name && std::find(e.aliases.begin(), e.aliases.end(), surface) == e.aliases.end())
      e.aliases.push_back(std::move(surface));
  }
}

}  // namespace

void FindMentions(Doc* doc) {
  doc->mention_at.assign(doc->tokens.size(), -1);
  doc->appositive.assign(doc->tokens.size(), 0);
  MarkTitleStarts(doc);
  LexiconPass(doc);
  OrgPass(doc);
  PeoplePass(doc);
  ShortNamePass(doc);
  doc->IndexMentions();
  DescribedOrganizations(doc);
  FindOffices(doc);
  doc->IndexMentions();
  CollectAliases(doc);
  InferOfficeHolders(doc);
  doc->in_office.assign(doc->tokens.size(), 0);
  for (const OfficeFact& f : doc->offices)
    for (uint32_t k = f.first; k < f.last; ++k) doc->in_office[k] = 1;
  FindGroupActors(doc);
}

}  // namespace sg::ingest
