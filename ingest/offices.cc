// Office patterns: HOLDS_OFFICE facts from titles next to people's names.
//   [State|Demonym|State's|Org] Title Person      "Italian Prime Minister Giorgia Meloni"
//   Title of State[,] Person                      "the Prime Minister of Spain, Pedro Sánchez"
//   Person, [the] [State's] Title [of|at Org]     "Keir Starmer, the U.K. Prime Minister"
//   Person is a Title at Org                      "Pavel K Baev is a Research Professor at PRIO"

#include <algorithm>
#include <cstdint>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "ingest/doc.h"

namespace sg::ingest {
namespace {

struct TitleDef {
  std::string_view canonical;
  bool extends;  // may take "of/for Capitalised Words": "Minister of Foreign Affairs"
};

const std::unordered_map<std::string_view, TitleDef>& Titles() {
  static const std::unordered_map<std::string_view, TitleDef> kTitles = {
      {"president", {"President", false}}, {"vice president", {"Vice President", false}},
      {"prime minister", {"Prime Minister", false}}, {"pm", {"Prime Minister", false}},
      {"premier", {"Premier", false}}, {"chancellor", {"Chancellor", false}},
      {"minister", {"Minister", true}}, {"secretary of state", {"Secretary of State", false}},
      {"secretary", {"Secretary", true}}, {"king", {"King", false}}, {"queen", {"Queen", false}},
      {"crown prince", {"Crown Prince", false}}, {"emir", {"Emir", false}},
      {"sultan", {"Sultan", false}}, {"supreme leader", {"Supreme Leader", false}},
      {"ambassador", {"Ambassador", false}}, {"envoy", {"Envoy", false}},
      {"special envoy", {"Special Envoy", false}}, {"spokesman", {"Spokesman", false}},
      {"spokeswoman", {"Spokeswoman", false}}, {"spokesperson", {"Spokesperson", false}},
      {"senator", {"Senator", false}}, {"sen", {"Senator", false}},
      {"governor", {"Governor", false}}, {"mayor", {"Mayor", false}},
      {"speaker", {"Speaker", false}}, {"chief of staff", {"Chief of Staff", false}},
      {"national security adviser", {"National Security Adviser", false}},
      {"national security advisor", {"National Security Adviser", false}},
      {"adviser", {"Adviser", false}}, {"advisor", {"Adviser", false}},
      {"secretary general", {"Secretary General", false}},
      {"secretary-general", {"Secretary General", false}},
      {"director general", {"Director General", false}},
      {"director-general", {"Director General", false}}, {"director", {"Director", false}},
      {"chairman", {"Chairman", false}}, {"chairwoman", {"Chairwoman", false}},
      {"chair", {"Chair", false}}, {"commander", {"Commander", false}},
      {"commander-in-chief", {"Commander-in-Chief", false}}, {"admiral", {"Admiral", false}},
      {"commissioner", {"Commissioner", false}},
      {"high representative", {"High Representative", false}},
      {"foreign policy chief", {"Foreign Policy Chief", false}},
      {"ceo", {"CEO", false}}, {"chief executive", {"Chief Executive", false}},
      {"professor", {"Professor", false}}, {"research professor", {"Research Professor", false}},
      {"senior fellow", {"Senior Fellow", false}}, {"fellow", {"Fellow", false}},
      {"researcher", {"Researcher", false}}, {"analyst", {"Analyst", false}},
      {"head", {"Head", false}}, {"leader", {"Leader", false}}, {"general", {"General", false}},
      {"gen", {"General", false}}, {"foreign secretary", {"Foreign Secretary", false}},
      {"defense secretary", {"Defense Secretary", false}},
      {"defence secretary", {"Defence Secretary", false}},
      {"home secretary", {"Home Secretary", false}}, {"negotiator", {"Negotiator", false}},
      {"chief negotiator", {"Chief Negotiator", false}}, {"captain", {"Captain", false}},
      {"colonel", {"Colonel", false}}, {"col", {"Colonel", false}},
      {"lieutenant", {"Lieutenant", false}}, {"lt", {"Lieutenant", false}},
      {"field marshal", {"Field Marshal", false}}, {"marshal", {"Marshal", false}},
      {"brigadier general", {"Brigadier General", false}}, {"lieutenant general", {"Lieutenant General", false}},
      {"major general", {"Major General", false}}, {"aide", {"Aide", false}},
      {"administrator", {"Administrator", false}}, {"candidate", {"Candidate", false}}, {"activist", {"Activist", false}},
      {"dissident", {"Dissident", false}}, {"journalist", {"Journalist", false}},
      {"lawyer", {"Lawyer", false}}, {"opposition leader", {"Opposition Leader", false}},
      {"lawmaker", {"Lawmaker", false}}, {"judge", {"Judge", false}},
      {"justice", {"Justice", false}}, {"prosecutor", {"Prosecutor", false}},
      {"commerce secretary", {"Commerce Secretary", false}}, {"treasury secretary", {"Treasury Secretary", false}}};
  return kTitles;
}

// Titles of a government: without a named state, the article's main state holds them.
bool IsStateTitle(std::string_view title) {
  for (std::string_view w : {"President", "Minister", "Chancellor", "King", "Queen", "Emir", "Governor", "Mayor",
                             "Premier", "Secretary of State", "Foreign Secretary", "Supreme Leader",
                             "Crown Prince", "Sultan"})
    if (title.find(w) != std::string_view::npos) return true;
  return false;
}

std::string TitleCase(std::string_view w) {
  std::string s(w);
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

bool IsTitleModifier(std::string_view n) {
  return n == "deputy" || n == "vice" || n == "first" || n == "acting" || n == "interim";
}

// The core title at k: a known phrase, a lexicon Office, or "<Word> Minister".
// "then-President" -> "president".
std::string_view WithoutTimePrefix(std::string_view n) {
  for (std::string_view p : {"then-", "ex-", "former-"})
    if (n.size() > p.size() && n.substr(0, p.size()) == p) return n.substr(p.size());
  return n;
}

// Whether a title can start with `first` (a cheap test before the phrase lookups).
bool CanStartTitle(const Doc& doc, std::string_view first) {
  static const std::unordered_set<std::string_view> kFirst = [] {
    std::unordered_set<std::string_view> s;
    for (const auto& [key, def] : Titles()) s.insert(key.substr(0, key.find(' ')));
    return s;
  }();
  return kFirst.count(first) > 0 || doc.lex.office_first.find(first) != doc.lex.office_first.end();
}

size_t MatchCore(const Doc& doc, size_t k, size_t end, std::string* canonical, bool* extends) {
  if (k >= end || !doc.tokens[k].word) return k;
  const std::string& next = k + 1 < end ? doc.Norm(k + 1) : doc.Norm(k);
  const std::string& third = k + 2 < end ? doc.Norm(k + 2) : doc.Norm(k);
  bool can_start = k < doc.title_start.size() ? doc.title_start[k] : CanStartTitle(doc, WithoutTimePrefix(doc.Norm(k)));
  if (!can_start && next != "minister" && next != "secretary" && next != "chief" && third != "minister" &&
      third != "secretary")
    return k;
  std::string key;
  size_t best = k;
  for (size_t j = k; j < end && j < k + 5; ++j) {
    const Token& t = doc.tokens[j];
    if (t.norm == "-" && j > k && t.begin == doc.tokens[j - 1].end) continue;  // "Secretary-General"
    if (!t.word || doc.masked[j]) break;
    if (j > k) key.push_back(' ');
    key += j == k ? WithoutTimePrefix(t.norm) : std::string_view(t.norm);
    if (auto it = Titles().find(key); it != Titles().end()) {
      best = j + 1, *canonical = std::string(it->second.canonical), *extends = it->second.extends;
    } else if (const auto* forms = doc.lex.FindForms(key)) {
      const LexEntry& e = doc.lex.entries[forms->front().entry];
      if (e.kind == LexKind::kOffice)
        best = j + 1, *canonical = e.title.empty() ? e.name : e.title, *extends = false;
    }
  }
  if (best > k && best < end && (doc.Norm(best) == "minister" || doc.Norm(best) == "secretary")) {
    // "Justice Minister": a longer title than "Justice".
    *canonical = TitleCase(doc.Surface(static_cast<uint32_t>(k), static_cast<uint32_t>(best))) + " " +
                 TitleCase(doc.Norm(best));
    *extends = false;
    return best + 1;
  }
  if (best > k) return best;
  const Token& t = doc.tokens[k];
  if (t.word && t.cap && k + 2 < end && doc.tokens[k + 1].cap && doc.mention_at[k] < 0 &&
      doc.mention_at[k + 1] < 0 && (doc.Norm(k + 2) == "minister" || doc.Norm(k + 2) == "secretary")) {
    *canonical = TitleCase(doc.Surface(static_cast<uint32_t>(k), static_cast<uint32_t>(k + 3)));
    *extends = false;
    return k + 3;  // "National Security Minister"
  }
  if (t.word && k + 1 < end && doc.mention_at[k] < 0 && (t.cap || k + 2 <= end)) {
    const std::string& next = doc.Norm(k + 1);
    if (next == "minister" || next == "secretary" || next == "chief") {
      *canonical = TitleCase(Surface(doc.text, t)) + " " + TitleCase(next);
      *extends = false;
      return k + 2;
    }
  }
  return k;
}

// "of Foreign Affairs" after "Minister".
// "to the United Nations", "for Sudan", "for Regional Integration" after "Ambassador",
// "Special Envoy", "Minister of State": the portfolio is part of the title.
size_t ExtendPortfolio(const Doc& doc, size_t k, size_t end, std::string_view core) {
  bool takes = false;
  for (std::string_view w : {"Ambassador", "Envoy", "Adviser", "Minister", "Secretary", "Representative",
                             "Coordinator", "Commissioner"})
    takes |= core.find(w) != std::string_view::npos;
  if (!takes || k + 1 >= end || (doc.Norm(k) != "to" && doc.Norm(k) != "for")) return k;
  size_t j = k + 1;
  if (doc.Norm(j) == "the") ++j;
  size_t first = j;
  while (j < end && j < first + 5 && doc.tokens[j].cap && doc.tokens[j].word) {
    const Mention* m = doc.MentionAt(j);
    if (m && doc.entities[m->entity].kind == NodeKind::kPerson) break;
    if (!m && NameRun(doc, j) > j + 1) break;  // the holder's name follows: "for Sudan Tom Perriello"
    j = m ? m->last : j + 1;
  }
  return j == first ? k : j;
}

// The title as written, capitalised: "External Affairs Minister", "Ambassador to the
// United Nations"; abbreviations ("PM", "Gen.") give the canonical title instead.
std::string WrittenTitle(const Doc& doc, size_t first, size_t last, const std::string& canonical) {
  std::string out;
  for (size_t k = first; k < last; ++k) {
    const Token& t = doc.tokens[k];
    if (t.abbrev || (t.upper && k == first)) return canonical;
    std::string w(WithoutTimePrefix(Surface(doc.text, t)));
    bool minor = t.norm == "of" || t.norm == "for" || t.norm == "to" || t.norm == "the" || t.norm == "and";
    if (!minor) w = TitleCase(w);
    if (!out.empty() && t.begin != doc.tokens[k - 1].end) out.push_back(' ');
    out += w;
  }
  return out;
}

size_t ExtendTitle(const Doc& doc, size_t k, size_t end, std::string* canonical) {
  if (k + 1 >= end || (doc.Norm(k) != "of" && doc.Norm(k) != "for")) return k;
  size_t j = k + 1;
  while (j < end && j < k + 5 && doc.tokens[j].cap && doc.mention_at[j] < 0 && doc.tokens[j].word &&
         NameRun(doc, j) == j)
    ++j;
  if (j == k + 1) return k;
  *canonical += " " + std::string(doc.Surface(static_cast<uint32_t>(k), static_cast<uint32_t>(j)));
  return j;
}

bool UniformCase(const Doc& doc, size_t first, size_t last) {
  bool caps = true, lower = true;
  for (size_t k = first; k < last; ++k) {
    const std::string& n = doc.Norm(k);
    if (!doc.tokens[k].word || n == "of" || n == "the" || n == "for" || n == "and" || n == "to") continue;
    caps &= doc.tokens[k].cap;
    lower &= !doc.tokens[k].cap;
  }
  return caps || lower;
}

}  // namespace

void MarkTitleStarts(Doc* doc) {
  doc->title_start.assign(doc->tokens.size(), 0);
  for (size_t k = 0; k < doc->tokens.size(); ++k)
    if (doc->tokens[k].word) doc->title_start[k] = CanStartTitle(*doc, WithoutTimePrefix(doc->Norm(k)));
}

size_t MatchTitle(const Doc& doc, size_t i, size_t end, std::string* title, bool* former) {
  size_t k = i;
  std::string prefix;
  *former = false;
  while (k < end && k < i + 3) {
    const std::string& n = doc.Norm(k);
    if (n == "former" || n == "ex") *former = true;
    else if (IsTitleModifier(n)) prefix += TitleCase(n) + " ";
    else break;
    ++k;
  }
  bool extends = false;
  std::string core;
  size_t c_end = MatchCore(doc, k, end, &core, &extends);
  if (c_end == k || !UniformCase(doc, i, c_end)) return i;
  if (extends) c_end = ExtendTitle(doc, c_end, end, &core);
  c_end = ExtendPortfolio(doc, c_end, end, core);
  if (c_end + 1 < end && doc.Norm(c_end) == "-" && doc.Norm(c_end + 1) == "elect") c_end += 2;
  size_t written = i;  // "former" is a property, not part of the title
  while (written < k && (doc.Norm(written) == "former" || doc.Norm(written) == "ex")) ++written;
  *title = WrittenTitle(doc, written, c_end, prefix + core);
  return c_end;
}

namespace {

bool IsActorRef(const Doc& doc, const Mention* m) {
  if (!m) return false;
  NodeKind k = doc.entities[m->entity].kind;
  return k == NodeKind::kState || k == NodeKind::kOrganization;
}

bool OrgKeyword(std::string_view n) {
  static constexpr std::array<std::string_view, 30> kWords = {
      "institute", "university", "agency", "council", "organization", "organisation", "bank",
      "fund", "ministry", "committee", "center", "centre", "foundation", "party", "commission",
      "court", "office", "association", "endowment", "forum", "group", "network", "school",
      "college", "academy", "service", "corporation", "company", "program", "programme"};
  return std::find(kWords.begin(), kWords.end(), n) != kWords.end();
}

// An organization named after "at/of": a mention, else "the International Atomic
// Energy Agency" / "PRIO" (created). Returns the entity or -1; sets *end.
bool IsNameStopWord(std::string_view n) {
  static const std::unordered_set<std::string_view> kStop = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "state", "states", "staff", "the"};
  return kStop.count(n) > 0;
}

int OrgAt(Doc* doc, size_t k, size_t last, size_t* end, bool allow_place = false) {
  if (k < last && doc->Norm(k) == "the") ++k;
  if (const Mention* m = doc->MentionAt(k); IsActorRef(*doc, m)) {
    // "the secretary of Iran's Supreme National Security Council": the body, not the state.
    if (m->last + 1 < last && doc->tokens[m->last].possessive) {
      // A ministry or department stands for its state ("Iran's Foreign Ministry" -> Iran);
      // other bodies (councils, agencies, commissions) are organizations of their own.
      size_t b = m->last + 1, run = b;
      while (run < last && run < b + 8 && doc->tokens[run].word && doc->tokens[run].cap &&
             doc->mention_at[run] < 0)
        ++run;
      const std::string& head = run > b ? doc->Norm(run - 1) : doc->Norm(b);
      bool ministry = head == "ministry" || head == "department" || head == "ministries";
      const Mention* body = doc->MentionAt(b);
      if (body && body->first == b && IsActorRef(*doc, body) &&
          doc->entities[body->entity].kind == NodeKind::kOrganization) {
        *end = body->last;
        return body->entity;
      }
      size_t body_end = b;
      int o = !body && !ministry && run > b + 1 ? OrgAt(doc, b, last, &body_end) : -1;
      if (o >= 0) {
        *end = body_end;
        return o;
      }
    }
    *end = m->last;
    return m->entity;
  }
  size_t j = k;
  bool keyword = false;
  while (j < last && j < k + 8) {
    const Token& t = doc->tokens[j];
    bool joiner = (t.norm == "of" || t.norm == "for" || t.norm == "and") && j > k && j + 1 < last &&
                  doc->tokens[j + 1].cap;
    if (!(t.word && (t.cap || joiner)) || doc->mention_at[j] >= 0 || doc->masked[j]) break;
    keyword |= OrgKeyword(t.norm);
    ++j;
  }
  bool acronym = j == k + 1 && doc->tokens[k].upper;
  bool place = allow_place && j == k + 1 && !IsNameStopWord(doc->Norm(k)) && !keyword &&
               !(j < last && doc->Norm(j) == "of");  // "Premier of Ontario", not "the Office of ..."
  if (j == k || !(keyword || acronym || place)) return -1;
  int e = doc->EntityFor(NodeKind::kOrganization, doc->Surface(static_cast<uint32_t>(k), static_cast<uint32_t>(j)));
  doc->AddMention(static_cast<uint32_t>(k), static_cast<uint32_t>(j), e, FormKind::kName);
  *end = j;
  return e;
}

int AffiliationOf(Doc* doc, const Entity& person) {
  if (!person.lex || person.lex->affiliation.empty()) return -1;
  const LexEntry* e = doc->lex.FindEntry(person.lex->affiliation);
  if (!e || (e->kind != LexKind::kState && e->kind != LexKind::kOrganization)) return -1;
  return doc->EntityFor(e->kind == LexKind::kState ? NodeKind::kState : NodeKind::kOrganization, e->name, e);
}

bool IsTitleAdjective(std::string_view n) {
  return n == "senior" || n == "top" || n == "incoming" || n == "outgoing" || n == "new" ||
         n == "longtime" || n == "veteran" || n == "then";
}

// The state or organization written just before a title at `start`.
// Sets *first to where the reference starts.
int RefBefore(Doc* doc, size_t start, size_t sentence_first, size_t* first) {
  if (start == sentence_first) return -1;
  size_t k = start - 1;
  if (doc->tokens[k].possessive && k > sentence_first) --k;
  Mention* m = doc->mention_at[k] >= 0 ? &doc->mentions[doc->mention_at[k]] : nullptr;
  if (!IsActorRef(*doc, m) || m->last != k + 1) return -1;
  m->modifier = true;
  *first = m->first;
  return m->entity;
}

// Words that find people but name no office: "candidate Edmundo González".
bool IsOffice(std::string_view title) {
  for (std::string_view w : {"Candidate", "Activist", "Dissident", "Journalist", "Lawyer"})
    if (title.find(w) != std::string_view::npos) return false;
  return true;
}

// A state or organization named inside a title ("President of the European Commission").
int RefInside(Doc* doc, size_t first, size_t last) {
  for (size_t k = first; k < last; ++k) {
    Mention* m = doc->mention_at[k] >= 0 ? &doc->mentions[doc->mention_at[k]] : nullptr;
    if (m && m->first >= first && m->last <= last && IsActorRef(*doc, m)) {
      m->modifier = true;
      return m->entity;
    }
  }
  return -1;
}

void AddFact(Doc* doc, int person, int org, std::string title, size_t first, size_t last,
             const char* rule, bool former) {
  if (!IsOffice(title)) return;
  if (org < 0) org = RefInside(doc, first, last);
  doc->offices.push_back({person, org, std::move(title), static_cast<uint32_t>(first),
                          static_cast<uint32_t>(last), rule, former});
}

// "[Ref] Title [of Ref][,] Person".
bool TitleBefore(Doc* doc, const Sentence& s, const Mention& person) {
  for (size_t start = person.first > s.first + 6 ? person.first - 6 : s.first; start < person.first; ++start) {
    std::string title;
    bool former = false;
    size_t t_end = MatchTitle(*doc, start, person.first, &title, &former);
    if (t_end == start) continue;
    int org = -1;
    size_t after = t_end;
    if (t_end < person.first && doc->Norm(t_end) == "of") after = t_end + 1;
    if (after > t_end) org = OrgAt(doc, after, person.first, &after);
    if (after < person.first && doc->Norm(after) == ",") ++after;
    if (after != person.first) {  // "Pakistan's army chief, General Asim Munir": the outer title
      std::string inner;
      bool inner_former = false;
      if (MatchTitle(*doc, after, person.first, &inner, &inner_former) != person.first) continue;
    }
    size_t first = start;
    if (org < 0) org = RefBefore(doc, start, s.first, &first);
    AddFact(doc, person.entity, org, title, first, person.last, "office.title_name", former);
    return true;
  }
  return false;
}

// "Person, [the] [Ref['s]] Title [of|at Org]" and "Person is a Title at Org".
bool TitleAfter(Doc* doc, const Sentence& s, const Mention& person) {
  size_t k = person.last;
  if (k >= s.last) return false;
  const std::string& link = doc->Norm(k);
  bool appositive = link == ",";
  if (!appositive && link != "is" && link != "was" && link != "as") return false;
  ++k;
  // "X was named Syria's president", "X was appointed as foreign minister", "sworn in as".
  if (!appositive && link != "as" && k + 1 < s.last) {
    const std::string& verb = doc->Norm(k);
    if (verb == "named" || verb == "appointed" || verb == "elected" || verb == "installed" ||
        verb == "chosen") {
      ++k;
      if (doc->Norm(k) == "as") ++k;
    } else if (verb == "sworn" && k + 2 < s.last && doc->Norm(k + 1) == "in" && doc->Norm(k + 2) == "as") {
      k += 3;
    }
  }
  if (k < s.last && (doc->Norm(k) == "the" || doc->Norm(k) == "a" || doc->Norm(k) == "an")) ++k;
  int org = -1;
  while (k < s.last && IsTitleAdjective(doc->Norm(k))) ++k;
  if (Mention* m = k < s.last && doc->mention_at[k] >= 0 ? &doc->mentions[doc->mention_at[k]] : nullptr) {
    bool possessive = m->last < s.last && doc->tokens[m->last].possessive;
    if (IsActorRef(*doc, m)) {
      org = m->entity;
      m->modifier = true;
      k = m->last + possessive;
    } else if (possessive) {  // "Trump's envoy": the office of the patron's state
      org = AffiliationOf(doc, doc->entities[m->entity]);
      m->modifier = true;
      k = m->last + 1;
    }
  }
  while (k < s.last && IsTitleAdjective(doc->Norm(k))) ++k;
  std::string title;
  bool former = false;
  size_t end = MatchTitle(*doc, k, s.last, &title, &former);
  // "the White House national security spokesman": lower-case words before the title.
  for (size_t skip = 1; end == k && skip <= 3 && k + skip < s.last; ++skip) {
    const Token& t = doc->tokens[k + skip - 1];
    if (!(t.possessive || (t.word && !t.cap)) || doc->mention_at[k + skip - 1] >= 0) break;
    size_t e = MatchTitle(*doc, k + skip, s.last, &title, &former);
    if (e > k + skip) k += skip, end = e;
  }
  if (end == k) return false;
  bool unnamed = false;
  if (end + 1 < s.last) {
    const std::string& prep = doc->Norm(end);
    // With a state before the title, "for Sudan" is the portfolio, not the employer.
    bool portfolio = org >= 0 && prep != "of" && prep != "at";
    if (!portfolio && (prep == "of" || prep == "at" || prep == "for" || prep == "in" || prep == "with")) {
      size_t org_end = end;
      int o = OrgAt(doc, end + 1, s.last, &org_end, prep == "of" && IsStateTitle(title));
      if (o >= 0) org = o, end = org_end;
      unnamed = o < 0 && (prep == "of" || prep == "at");
    }
  }
  if (appositive)
    for (size_t j = person.last; j < end; ++j) doc->appositive[j] = 1;
  AddFact(doc, person.entity, org, title, person.first, end,
          appositive ? "office.appositive" : "office.copula", former);
  if (unnamed && !doc->offices.empty() && doc->offices.back().person == person.entity)
    doc->offices.back().unnamed_org = true;
  return true;
}

// "President Trump" with no fuller name anywhere: a one-word person.
void OneWordPeople(Doc* doc, const Sentence& s) {
  for (size_t i = s.first; i < s.last; ++i) {
    std::string title;
    bool former = false;
    size_t t_end = MatchTitle(*doc, i, s.last, &title, &former);
    if (t_end == i || t_end >= s.last || !doc->tokens[i].cap) continue;
    size_t n_end = NameRun(*doc, t_end);
    if (n_end != t_end + 1) continue;
    int e = doc->EntityFor(NodeKind::kPerson, Surface(doc->text, doc->tokens[t_end]));
    doc->AddMention(static_cast<uint32_t>(t_end), static_cast<uint32_t>(n_end), e, FormKind::kName);
    i = n_end - 1;
  }
}

}  // namespace

// "the Rapid Support Forces (RSF), led by Mohamed Hamdan Dagalo": the leader of the
// organization or state named just before.
void LedByOffice(Doc* doc, const Mention& person) {
  const Sentence& s = doc->sentences[doc->sentence_of[person.first]];
  size_t k = person.first;
  if (!LedBy(*doc, k, s.first)) return;
  static const std::pair<std::string_view, std::string_view> kTitles[] = {
      {"led", "Leader"}, {"headed", "Head"}, {"commanded", "Commander"}, {"chaired", "Chair"},
      {"founded", "Founder"}};
  std::string title;
  for (const auto& [verb, t] : kTitles)
    if (doc->Norm(k - 2) == verb) title = t;
  size_t j = k - 2;  // before "led"
  if (j > s.first && doc->Norm(j - 1) == ",") --j;
  if (j > s.first && doc->Norm(j - 1) == ")") {
    while (j > s.first && doc->Norm(j - 1) != "(") --j;
    if (j > s.first) --j;
  }
  const Mention* org = j > s.first ? doc->MentionAt(j - 1) : nullptr;
  if (!IsActorRef(*doc, org) || org->last != j) return;
  AddFact(doc, person.entity, org->entity, title, org->first, person.last, "office.led_by", false);
}

void FindOffices(Doc* doc) {
  for (const Sentence& s : doc->sentences) OneWordPeople(doc, s);
  doc->IndexMentions();
  for (size_t m = 0; m < doc->mentions.size(); ++m) {
    const Mention person = doc->mentions[m];  // a copy: OrgAt() may add mentions
    if (doc->entities[person.entity].kind != NodeKind::kPerson) continue;
    const Sentence& s = doc->sentences[doc->sentence_of[person.first]];
    if (!TitleBefore(doc, s, person) && !TitleAfter(doc, s, person)) LedByOffice(doc, person);
  }
}

namespace {

// The state named most in the article, when it clearly leads; else -1.
int MainState(const Doc& doc) {
  int best = -1, second = 0;
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& ent = doc.entities[e];
    if (ent.kind != NodeKind::kState) continue;
    if (best < 0 || ent.mentions > doc.entities[best].mentions) {
      if (best >= 0) second = std::max(second, doc.entities[best].mentions);
      best = static_cast<int>(e);
    } else {
      second = std::max(second, ent.mentions);
    }
  }
  if (best < 0 || doc.entities[best].mentions < 3 || doc.entities[best].mentions * 2 < second * 3) return -1;
  return best;
}

}  // namespace

// Whether mention m is the object of a preposition ("action against Russia", "talks with
// Iran"): a state named so is what an office holder acts on, not the state he serves.
bool ObjectOfPreposition(const Doc& doc, const Mention& m) {
  static const std::unordered_set<std::string_view> kPreps = {
      "against", "on", "with", "to", "into", "toward", "towards", "at", "over", "from", "by",
      "for", "in", "about", "between", "upon", "onto", "across"};
  size_t k = m.first;
  if (k > 0 && doc.Norm(k - 1) == "the") --k;
  return k > 0 && kPreps.count(doc.Norm(k - 1)) > 0;
}

// The state named most in tokens [first, last] (first named on a tie), or -1. States in
// prepositional phrases after token `acted_on_after` do not count: "President Bush
// threatened action against Russia" gives Bush no office of Russia.
int StateIn(const Doc& doc, size_t first, size_t last, size_t acted_on_after = SIZE_MAX) {
  std::unordered_map<int, int> counts;
  int best = -1;
  for (const Mention& m : doc.mentions) {
    if (m.first < first || m.first > last || doc.entities[m.entity].kind != NodeKind::kState) continue;
    if (m.first > acted_on_after && ObjectOfPreposition(doc, m)) continue;
    int c = ++counts[m.entity];
    if (best < 0 || c > counts[best]) best = m.entity;
  }
  return best;
}

// The state named most in the paragraph of token k, or -1.
int ParagraphState(const Doc& doc, size_t k) {
  size_t first = k, last = k;
  while (first > 0 && doc.tokens[first].newlines_before == 0) --first;
  while (last + 1 < doc.tokens.size() && doc.tokens[last + 1].newlines_before == 0) ++last;
  return StateIn(doc, first, last, k);
}

// The state a list-style paragraph is labelled with ("- Moldova (Chisinau): President ...",
// "Poland: backs ..."), or -1.
int LabelState(const Doc& doc, size_t k) {
  size_t first = k;
  while (first > 0 && doc.tokens[first].newlines_before == 0) --first;
  size_t j = first;
  while (j < k && !doc.tokens[j].word && (doc.Norm(j) == "-" || doc.Norm(j) == "*" || doc.Norm(j) == "•")) ++j;
  const Mention* m = doc.MentionAt(j);
  if (!m || m->first != j || doc.entities[m->entity].kind != NodeKind::kState) return -1;
  j = m->last;
  if (j < k && doc.Norm(j) == "(") {
    size_t close = j;
    while (close < k && close < j + 8 && doc.Norm(close) != ")") ++close;
    if (close >= k || doc.Norm(close) != ")") return -1;
    j = close + 1;
  }
  return j < k && doc.Norm(j) == ":" ? m->entity : -1;
}

void InferOfficeHolders(Doc* doc) {
  const int main_state = MainState(*doc);
  for (OfficeFact& f : doc->offices) {
    if (f.org >= 0) continue;
    f.org = AffiliationOf(doc, doc->entities[f.person]);
    if (f.org >= 0) {
      f.rule += "+lexicon";
    } else if (IsStateTitle(f.title) && main_state >= 0) {
      f.org = main_state;
      f.rule += "+main_state";
    } else if (IsStateTitle(f.title) && !f.unnamed_org) {
      const Sentence& s = doc->sentences[doc->sentence_of[f.first]];
      f.org = LabelState(*doc, f.first);
      if (f.org < 0) f.org = StateIn(*doc, s.first, s.last - 1, f.first);
      if (f.org < 0) f.org = ParagraphState(*doc, f.first);
      if (f.org >= 0) f.rule += "+context_state";
    }
  }
}

}  // namespace sg::ingest
