// Stance and interaction rules over one sentence's tokens and mentions.
//
// A clause's subject is found by scanning left from the cue for an actor in subject
// position: not inside a prepositional phrase, an appositive or a relative clause,
// not a demonym or possessive modifying a thing ("Russian territory"), not the
// object of a verb form. Coordinated actors ("Russia, China and Burkina Faso") all
// count. Coordinated predicates and purpose infinitives ("..., and pledged to",
// "met X to press for") take the main clause's subject. "We" inside a quotation is
// its speaker.

#include "ingest/rules.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "ingest/cues.h"
#include "ingest/positions.h"

namespace sg::ingest {
namespace {

using WordSet = std::unordered_set<std::string_view>;
using Actors = std::vector<int>;

bool In(const WordSet& set, std::string_view w) { return set.count(w) > 0; }

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() > suf.size() && s.substr(s.size() - suf.size()) == suf;
}

const WordSet kPreps = {"of", "in", "with", "for", "to", "from", "on", "at", "by", "against",
                        "between", "into", "over", "about", "toward", "towards", "among", "than",
                        "like", "during", "under", "including", "via", "across", "through",
                        "without", "amid", "despite", "upon", "within", "beyond", "around", "near"};
// Nouns after a demonym or possessive that make it act: "Russian forces", "Russia's army".
const WordSet kAgentNouns = {
    "officials", "official", "government", "authorities", "leadership", "leaders", "leader",
    "forces", "troops", "army", "military", "navy", "diplomats", "diplomat", "delegation",
    "negotiators", "side", "administration", "regime", "ministry", "state", "drones", "missiles",
    "jets", "warplanes", "artillery", "soldiers", "invasion", "war", "offensive", "strike",
    "strikes", "attack", "attacks", "parliament", "lawmakers", "cabinet", "envoy", "intelligence",
    "air", "president", "prime", "foreign", "defense", "defence", "team", "bombers", "aircraft",
    "units", "fighters", "militants", "police", "security", "spy", "court", "courts", "office",
    "negotiating", "counterparts", "embassy", "representatives", "aggression", "shelling",
    "coast", "guard", "media", "spokesman", "spokeswoman", "spokesperson", "warships", "ships",
    "fighter", "rebels", "militia", "militias", "junta", "governments", "mission", "delegations",
    "negotiator", "soldier", "drone", "missile", "jet", "warship", "bomber", "unit", "diplomacy",
    "representative", "envoys", "armed"};
const WordSet kNegators = {"not", "never", "didnt", "doesnt", "dont", "wont", "cannot", "cant",
                           "wouldnt", "isnt", "arent", "wasnt", "werent", "hasnt", "havent",
                           "hadnt", "shouldnt", "couldnt", "nor", "refused", "refuses", "refuse",
                           "declined", "declines", "failed", "fails", "neither", "no", "suspended",
                           "suspends", "suspend", "halted", "froze", "frozen", "ended", "terminated",
                           "abandoned", "scrapped"};
const WordSet kSpeculative = {"may", "might", "could"};
const WordSet kModals = {"may", "might", "could", "would", "reportedly", "allegedly", "possibly",
                         "perhaps", "probably", "likely"};
const WordSet kBeForms = {"is", "are", "was", "were", "be", "been", "being"};
const WordSet kCopulas = {"is", "are", "was", "were", "remains", "remain", "remained", "becomes",
                          "became", "be", "been", "seems", "seemed", "appears"};
const WordSet kSpeech = {"said", "says", "say", "claimed", "claims", "declared", "declares",
                         "stated", "states", "told", "added", "insisted", "insists", "noted",
                         "stressed", "wrote", "argued", "asserted", "explained", "emphasized",
                         "emphasised", "warned", "announced", "tweeted", "posted", "according"};
const WordSet kClauseBreak = {",", ";", "(", "that", "which", "who", "but", "while", "because",
                              "although", "whereas", ":", "\u2014", "\u2013", "if", "when", "unless",
                              "until"};
const WordSet kDealNouns = {"deal", "agreement", "accord", "treaty", "pact", "memorandum",
                            "contract", "declaration", "partnership", "truce", "ceasefire",
                            "understanding", "deals", "agreements", "text", "charter"};
const WordSet kSanctionNouns = {"sanctions", "tariffs", "penalties", "restrictions", "embargo",
                                "duties", "levies", "package", "tariff", "sanction"};
const WordSet kObstacles = {"block", "obstacle", "obstacles", "hurdle", "roadblock",
                            "impediment", "stumbling"};
const WordSet kTerritory = {"territory", "territories", "land", "lands", "region", "regions",
                            "oblast", "oblasts", "provinces", "province"};
// Things whose agent an earlier sentence named: "condemned the strikes".
const WordSet kEventNouns = {"strike", "attack", "operation", "launch", "test", "drill", "exercise",
                             "invasion", "offensive", "raid", "bombing", "airstrike", "action",
                             "incursion", "shelling", "blockade", "maneuver", "manoeuvre", "move",
                             "decision", "tariff", "duty", "sanction", "levy", "measure"};

// The event an interaction cue or an event noun names: "struck", "airstrikes" -> "strike".
std::string EventKey(std::string_view w) {
  static const std::pair<std::string_view, std::string_view> kStems[] = {
      {"struck", "strike"}, {"strik", "strike"}, {"airstrik", "strike"}, {"attack", "attack"},
      {"launch", "launch"}, {"test", "launch"}, {"invad", "invasion"}, {"invasion", "invasion"},
      {"drill", "drill"}, {"exercise", "drill"}, {"sanction", "sanction"}, {"tariff", "sanction"},
      {"dut", "sanction"}, {"levy", "sanction"}, {"impos", "sanction"}, {"bomb", "strike"},
      {"shell", "strike"}, {"fire", "strike"}, {"raid", "strike"}};
  for (const auto& [prefix, key] : kStems)
    if (w.substr(0, prefix.size()) == prefix) return std::string(key);
  return std::string(w);
}
// Nouns of documents that co-refer: "the resolution" ... "the text".
const WordSet kDocNouns = {"text", "measure", "draft", "document", "motion", "resolution",
                           "proposal", "plan", "deal", "agreement", "bill", "initiative", "accord",
                           "package", "framework", "declaration", "treaty", "understanding"};
// Rejecting these is no stance on a policy: "Hamas rejected the charge".
const WordSet kSpeechNouns = {"charge", "accusation", "allegation", "claim", "report", "remark",
                              "comment", "statement", "criticism", "assertion", "suggestion"};
const WordSet kStopVerbs = {"end", "stop", "halt", "cease", "withdraw", "abandon", "refrain",
                            "drop", "lift", "remove", "scrap", "reverse", "repeal"};
const WordSet kMeetingNouns = {"talks", "meeting", "meetings", "negotiations", "rounds", "round",
                               "summit", "dialogue", "contacts", "consultations", "call", "calls"};
// Words before "between A and B" that make it a meeting.
const WordSet kBetweenCues = {"talks", "meeting", "meetings", "negotiations", "rounds", "round",
                              "summit", "dialogue", "held", "contacts", "consultations", "call",
                              "calls", "meet", "met", "mediate", "mediated", "mediating", "mediation",
                              "broker", "brokered", "brokering"};
const WordSet kRelationNouns = {"relations", "ties"};
const WordSet kCurrencies = {"dollar", "dollars", "peso", "pesos", "euro", "euros", "yuan", "rouble",
                             "roubles", "ruble", "rubles", "pound", "pounds", "rupee", "rupees", "yen"};

bool IsFirstPerson(std::string_view n) { return n == "we" || n == "i" || n == "our" || n == "my"; }

struct Span {
  size_t first = 0, last = 0;  // tokens
  int speaker = -1;            // for quotations
};

// Doc-wide memory: recent positions ("such deployment") and the agents of the
// latest military events ("condemned the strikes").
struct RuleState {
  std::vector<std::pair<PositionPhrase, uint32_t>> recent;
  std::vector<std::pair<Actors, uint32_t>> groups;  // coordinated actors, for "the three governments"
  Actors event_agents;                                  // of the latest event of any kind
  std::unordered_map<std::string, Actors> agents_by_event;  // EventKey -> its latest agents
  Actors last_main;  // the previous sentence's main subject, for "they" and "it"
  // The actor of a lead-in ending with ":" ("The Network:"), for list items that open
  // with their verb ("Calls on all parties to ..."), and the sentence it was set in.
  Actors list_subject;
  uint32_t list_sentence = 0;
};

class SentenceRules {
 public:
  SentenceRules(const Doc& doc, uint32_t index, RuleState* state, std::vector<Fact>* out)
      : doc_(doc), s_(doc.sentences[index]), index_(index), state_(state), out_(out) {}

  void Run() {
    FindQuotes();
    FindRelativeClauses();
    for (size_t i = s_.first; i < s_.last; ++i) {
      if (doc_.masked[i] || doc_.mention_at[i] >= 0 || !doc_.tokens[i].word) continue;
      NoXOnTable(i);
      Unlawful(i);
      Obstacle(i);
      Between(i);
      Joint(i);
      MustClause(i);
      OutOfQuestion(i);
      if (Sponsor(i)) continue;
      if (size_t end = FutureCoercion(i); end > 0) {
        i = end - 1;
        continue;
      }
      CueMatch cue;
      if (MatchCue(doc_, i, s_.last, &cue)) {
        Apply(cue);
        i = cue.last - 1;
      }
    }
    Actors main = MainSubjects(s_.last);
    if (!main.empty()) state_->last_main = main;
    NoteListLeadIn();
  }

 private:
  // Past the last token reads as no word: lookahead such as N(cue + 1) may run off
  // the end of an article that stops mid-sentence (found by tests/fuzz/articles_jsonl).
  const std::string& N(size_t k) const {
    static const std::string kNoWord;
    return k < doc_.tokens.size() ? doc_.Norm(k) : kNoWord;
  }
  bool IsActor(int entity) const { return entity >= 0 && IsActorKind(doc_.entities[entity].kind); }
  NodeKind KindOf(int entity) const { return doc_.entities[entity].kind; }

  // ---- sentence structure

  void FindQuotes() {
    size_t open = s_.last;
    for (size_t k = s_.first; k < s_.last; ++k) {
      const std::string& n = N(k);
      bool opens = n == "\u201c" || (n == "\"" && open == s_.last);
      bool closes = n == "\u201d" || (n == "\"" && open != s_.last);
      if (opens && open == s_.last) {
        open = k;
      } else if (closes && open != s_.last) {
        quotes_.push_back({open + 1, k, -1});
        open = s_.last;
      }
    }
    if (open != s_.last) quotes_.push_back({open + 1, s_.last, -1});
    for (Span& q : quotes_) q.speaker = Speaker(q);
  }

  // ", which arms and trains the Houthis," is no place for the main clause's subject; nor
  // is a description after an actor: "Pakistan, a key U.S. ally in the region, has refused".
  void FindRelativeClauses() {
    for (size_t k = s_.first; k + 1 < s_.last; ++k) {
      bool description = N(k) == "," && (N(k + 1) == "a" || N(k + 1) == "an") && MentionEndingAt(k - 1);
      if (description) {
        size_t e = k + 2;
        while (e < s_.last && e < k + 16 && N(e) != "," && N(e) != ";") ++e;
        if (e < s_.last && N(e) == ",") relatives_.push_back({k, e + 1, -1});
        continue;
      }
      if (N(k) != "," || (N(k + 1) != "which" && N(k + 1) != "who" && N(k + 1) != "whose")) continue;
      size_t e = k + 2;
      while (e < s_.last && N(e) != "," && N(e) != ";") ++e;
      relatives_.push_back({k, e, -1});
    }
  }

  bool InRelative(size_t k, size_t cue) const {
    for (const Span& r : relatives_)
      if (k >= r.first && k < r.last && cue >= r.last) return true;
    return false;
  }

  const Span* QuoteAt(size_t k) const {
    for (const Span& q : quotes_)
      if (k >= q.first && k < q.last) return &q;
    return nullptr;
  }

  int Speaker(const Span& q) const {
    size_t k = q.first - 1;  // the opening mark
    while (k > s_.first && (N(k - 1) == "," || N(k - 1) == ":")) --k;
    if (k > s_.first && In(kSpeech, N(k - 1))) {
      Actors a = FindSubjects(k - 1);
      return a.empty() ? -1 : a.back();
    }
    size_t j = q.last + 1;
    while (j < s_.last && N(j) == ",") ++j;
    if (j < s_.last && In(kSpeech, N(j))) {
      Actors a = ActorsAfter(j + 1, 6, -1, true);
      return a.empty() ? -1 : a.front();
    }
    for (size_t v = j; v < s_.last && v < j + 7; ++v) {  // "..." the Malian foreign ministry said
      if (!In(kSpeech, N(v))) continue;
      for (size_t k = j; k < v; ++k)
        if (const Mention* m = doc_.MentionAt(k); m && IsActor(m->entity)) return m->entity;
      break;
    }
    return -1;
  }

  // ---- subjects

  // The token before a parenthesis ending at k ("China (PRC)"), else k.
  size_t SkipParenthesis(size_t k) const {
    if (N(k) != ")") return k;
    for (size_t j = k; j-- > s_.first && k - j < 12;)
      if (N(j) == "(") return j > s_.first ? j - 1 : j;
    return k;
  }

  // The mention ending just before token k, across "and", "," and a parenthesis.
  const Mention* MentionEndingAt(size_t k) const {
    size_t p = SkipParenthesis(k);
    const Mention* m = doc_.MentionAt(p);
    return m && m->last == p + 1 ? m : nullptr;
  }

  bool InPP(const Mention& m, int depth = 0) const {
    if (m.first <= s_.first || depth > 4) return false;
    size_t k = m.first - 1;
    if (N(k) == "the" && k > s_.first) --k;
    const std::string& n = N(k);
    // "envoys of the army and the RSF signed": the people of an actor act for it.
    static const WordSet kEnvoys = {"envoys", "delegations", "representatives", "negotiators",
                                    "officials", "delegates", "emissaries", "group", "team", "delegation"};
    if (n == "of" && k > s_.first && In(kEnvoys, N(k - 1))) return false;
    if (In(kPreps, n)) return true;
    if ((n == "and" || n == "or") && k > s_.first) {
      const Mention* prev = MentionEndingAt(k - 1);
      return prev && InPP(*prev, depth + 1);
    }
    return false;
  }

  // "encouraging the European Union to ...": the object of a verb form.
  bool AfterVerbForm(const Mention& m) const {
    if (m.first <= s_.first) return false;
    size_t k = m.first - 1;
    if (N(k) == "the" && k > s_.first) --k;
    const Token& t = doc_.tokens[k];
    if (!t.word || t.cap || t.norm.size() < 5 || doc_.mention_at[k] >= 0) return false;
    if (k > s_.first && N(k - 1) == "-") return false;  // "Iranian-backed Hezbollah": an adjective
    return EndsWith(t.norm, "ing") || EndsWith(t.norm, "ed");
  }

  // An agent noun within the next three words: "Russian forces", "Russia's new army".
  bool AgentFollows(size_t k) const {
    if (k < s_.last && doc_.tokens[k].possessive) ++k;
    if (k + 1 < s_.last && N(k) == "-") k += 2;  // "Hamas-led militants"
    for (size_t j = k; j < s_.last && j < k + 3; ++j) {
      if (In(kAgentNouns, N(j))) return true;
      if (!doc_.tokens[j].word || In(kPreps, N(j))) return false;
    }
    return false;
  }

  // "Palestinians", "the Russians": a plural demonym names people, who act.
  bool PluralPeople(const Mention& m) const {
    return m.form == FormKind::kDemonym && N(m.last - 1).back() == 's';
  }

  bool SubjectLike(const Mention& m) const {
    if (m.modifier || !IsActor(m.entity)) return false;
    bool for_to = m.first > s_.first && N(m.first - 1) == "for" && m.last < s_.last && N(m.last) == "to";
    if ((InPP(m) || AfterVerbForm(m)) && !for_to) return false;
    bool possessive = m.last < s_.last && doc_.tokens[m.last].possessive;
    bool compound = m.last + 1 < s_.last && N(m.last) == "-" && doc_.tokens[m.last].begin == doc_.tokens[m.last - 1].end;
    bool plural_people = PluralPeople(m);
    if ((m.form == FormKind::kDemonym && !plural_people) || possessive || compound) return AgentFollows(m.last);
    return true;
  }

  // The latest person named before `before` outside a prepositional phrase: "he".
  int LastPerson(size_t before) const {
    for (size_t k = before; k-- > 0;) {
      const Mention* m = doc_.MentionAt(k);
      if (!m || m->modifier || KindOf(m->entity) != NodeKind::kPerson) continue;
      size_t start = PhraseStart(*m);
      if (start == 0 || !In(kPreps, N(start - 1))) return m->entity;
      k = start;
    }
    return -1;
  }

  // "the Armenian prime minister", "the bloc's foreign policy chief": a definite description
  // of [start, end) naming the one person the article gave that title (of that state or
  // organization) before. Returns the person, or -1.
  int DescribedPerson(size_t start, size_t end) const {
    size_t j = end;  // the last "the" of the span: "On Tuesday the Italian prime minister"
    while (j > start && end - j < 7 && N(j - 1) != "the") --j;
    if (j == start || N(j - 1) != "the") return -1;
    start = j - 1;
    int org = -1;
    if (const Mention* m = doc_.MentionAt(j); m && m->first == j && m->last < end) {
      if (KindOf(m->entity) == NodeKind::kPerson) return -1;
      org = m->entity;
      j = m->last;
      if (j < end && doc_.tokens[j].possessive) ++j;
    }
    if (j >= end || doc_.mention_at[j] >= 0) return -1;
    std::string title;
    bool former = false;
    if (MatchTitle(doc_, j, end, &title, &former) != end || former) return -1;
    int found = -1;
    for (const OfficeFact& f : doc_.offices) {
      if (f.last > start || f.former || (org >= 0 && f.org != org)) continue;
      if (PhraseKey(f.title) != PhraseKey(title)) continue;
      if (found >= 0 && found != f.person) return -1;  // two holders: ambiguous
      found = f.person;
    }
    return found;
  }

  // Where the noun phrase of a person starts: "German Chancellor Olaf Scholz".
  size_t PhraseStart(const Mention& m) const {
    for (const OfficeFact& f : doc_.offices)
      if (f.person == m.entity && f.last == m.last && f.first < m.first) return f.first;
    return m.first;
  }

  // Adds the actors coordinated before `m`: "Russia, China and [m]".
  void AddCoordinated(const Mention& m, Actors* out) const {
    size_t k = PhraseStart(m);
    for (int n = 0; n < 8 && k > s_.first + 1; ++n) {
      size_t j = k - 1;
      if (N(j) == "the" && j > s_.first) --j;
      bool conj = N(j) == "and" || N(j) == "or";
      if (!conj && !(N(j) == "," && n > 0)) return;  // commas only inside "A, B and C"
      if (N(j) == "and" && j > s_.first && N(j - 1) == ",") --j;
      while (j > s_.first + 1 && doc_.appositive[j - 1]) --j;  // "Wagner, the Foreign Minister of X, and"
      const Mention* prev = j > s_.first ? MentionEndingAt(j - 1) : nullptr;
      // "expelled French troops, and Mali ... turned to": the object of an earlier clause.
      if (!prev || !IsActor(prev->entity) || prev->modifier || AfterVerbForm(*prev)) return;
      out->insert(out->begin(), prev->entity);
      k = PhraseStart(*prev);
    }
  }

  // "the court dismissed": a common noun with a determiner is the clause's subject.
  bool NounSubjectBefore(size_t cue) const {
    static const WordSet kAux = {"has", "have", "had", "will", "would", "did", "does", "do", "also",
                                 "then", "later", "now", "still", "already", "again", "is", "are",
                                 "was", "were", "not", "never", "can",
                                 "could", "may", "might", "must", "should"};
    size_t k = cue;
    auto skippable = [&](size_t j) {
      const std::string& n = N(j);
      bool control = n == "to" && j > s_.first && EndsWith(N(j - 1), "ed");  // "failed to agree"
      return In(kAux, n) || EndsWith(n, "ly") || control || (N(j + 1) == "to" && EndsWith(n, "ed"));
    };
    while (k > s_.first && skippable(k - 1)) --k;
    if (k < s_.first + 2) return false;
    const Token& noun = doc_.tokens[k - 1];
    size_t d = k - 2;
    if (const Mention* m = doc_.MentionAt(d); m && m->form == FormKind::kDemonym && m->first > s_.first)
      d = m->first - 1;  // "the Arab participants"
    const std::string& det = N(d);
    bool determiner = det == "the" || det == "a" || det == "an" || det == "its" || det == "their" ||
                      det == "this" || det == "both";
    return noun.word && !noun.cap && doc_.mention_at[k - 1] < 0 && determiner && !IsFirstPerson(noun.norm);
  }

  // REQUIRES: `at_verb` false when `before` is a noun cue ("the strategic partnership").
  Actors FindSubjects(size_t before, bool at_verb = true) const {
    if (Actors group = GroupBefore(before); !group.empty()) return group;  // "The two agreed"
    bool gerund = before < s_.last && EndsWith(N(before), "ing");
    if (at_verb && !gerund && NounSubjectBefore(before)) return {};
    for (size_t k = before; k-- > s_.first;) {
      if (doc_.masked[k] || doc_.appositive[k] || InRelative(k, before)) continue;
      const std::string& n = N(k);
      if (n == ";") break;
      if (n == ")") {  // "(PRC)" names no subject
        size_t open = SkipParenthesis(k);
        if (open != k) k = open + 1;
        continue;
      }
      if (IsFirstPerson(n)) {
        const Span* q = QuoteAt(k);
        if (q && q->speaker >= 0) return {q->speaker};
      }
      if ((n == "he" || n == "she") && !QuoteAt(k)) {
        int p = LastPerson(k);
        return p >= 0 ? Actors{p} : Actors{};
      }
      if ((n == "it" || n == "they") && !QuoteAt(k) && IsSubjectPronoun(k)) {
        // "Gazprom announced that it would halt": the speaker, who may be no actor.
        if (k >= s_.first + 2 && N(k - 1) == "that" && In(kSpeech, N(k - 2))) return FindSubjects(k - 2);
        Actors main = MainSubjects(k);
        return main.empty() ? state_->last_main : main;
      }
      const Mention* m = doc_.MentionAt(k);
      if (!m) continue;
      if (SubjectLike(*m)) {
        Actors out{m->entity};
        AddCoordinated(*m, &out);
        return out;
      }
      k = m->first;
    }
    return {};
  }

  // "it threatened", "they have since announced": a pronoun before a verb, not after one.
  bool IsSubjectPronoun(size_t k) const {
    if (k == s_.first) return true;
    const std::string& prev = N(k - 1);
    return prev == "," || prev == "and" || prev == "but" || prev == "that" || prev == ";";
  }

  // The main clause's subject: the first actor in subject position, with its conjuncts.
  Actors MainSubjects(size_t before) const {
    const std::string& opener = N(s_.first);  // "He met Conille ..., and said"
    if ((opener == "he" || opener == "she") && !QuoteAt(s_.first)) {
      int p = LastPerson(s_.first);
      if (p >= 0) return {p};
    }
    if ((opener == "it" || opener == "they") && !state_->last_main.empty()) return state_->last_main;
    for (size_t k = s_.first; k < before; ++k) {
      const Mention* m = doc_.MentionAt(k);
      if (!m || doc_.appositive[k]) continue;
      if (!SubjectLike(*m)) {
        k = m->last - 1;
        continue;
      }
      size_t end = m->last;
      while (end + 1 < s_.last && (N(end) == "," || N(end) == "and")) {
        size_t j = end + 1;
        if (N(j) == "and" && j + 1 < s_.last) ++j;
        if (N(j) == "the" && j + 1 < s_.last) ++j;
        const Mention* next = doc_.MentionAt(j);
        if (!next || next->first != j || !IsActor(next->entity)) break;
        end = next->last;
      }
      return FindSubjects(end);
    }
    return {};
  }

  // Coordinated predicates (", and pledged") and purpose infinitives ("to press for")
  // belong to the main clause's subject.
  bool SharesMainSubject(size_t cue) const {
    size_t k = cue;
    while (k > s_.first && EndsWith(N(k - 1), "ly")) --k;
    if (k == s_.first) return false;
    const std::string& prev = N(k - 1);
    if (prev == ",") {
      // The comma closing an appositive, a relative clause or a name ("Col. Assimi Goita,
      // met") ends no predicate.
      const Mention* named = k >= s_.first + 2 ? doc_.MentionAt(k - 2) : nullptr;
      bool closes = k >= s_.first + 2 && (doc_.appositive[k - 2] || InRelative(k - 2, k) ||
                                          (named && named->last == k - 1 && IsActor(named->entity)));
      return !closes;
    }
    if (prev == "and") return true;
    if (prev != "to" || k - 1 == s_.first) return false;
    // "Trump was likely to meet", "agreed to send": the nearest subject; "met X in
    // Jerusalem to press for": a purpose, the main clause's.
    static const WordSet kControl = {"able", "about", "set", "due", "going", "want", "wants",
                                     "plan", "plans", "hope", "hopes", "seek", "seeks", "aim",
                                     "aims", "try", "tries", "need", "needs", "ready", "willing",
                                     "likely", "unlikely", "expected", "certain", "sure"};
    const Token& before = doc_.tokens[k - 2];
    const std::string& b = before.norm;
    return !In(kControl, b) && !EndsWith(b, "ed") && !EndsWith(b, "ing") && !EndsWith(b, "ly") &&
           !In(kBeForms, b);
  }

  // "called the sanctions against Moraes": the subject evaluates the event, not its agent.
  bool EvaluatedNoun(size_t noun) const {
    static const WordSet kEvaluation = {
        "called", "calls", "call", "condemned", "criticized", "criticised", "denounced", "rejected",
        "welcomed", "described", "opposed", "praised", "cited", "blamed", "decried", "protested",
        "slammed", "supported", "backed", "dismissed", "questioned", "challenged", "lamented"};
    for (size_t k = noun; k-- > s_.first && noun - k <= 4;) {
      if (In(kEvaluation, N(k))) return true;
      if (!doc_.tokens[k].word || doc_.mention_at[k] >= 0 || In(kPreps, N(k))) return false;
    }
    return false;
  }

  Actors SubjectsOf(size_t cue, bool at_verb = true) const {
    if (SharesMainSubject(cue)) {
      Actors main = MainSubjects(cue);
      if (!main.empty()) return main;
    }
    Actors found = FindSubjects(cue, at_verb);
    if (found.empty() && at_verb && OpensListItem(cue)) return state_->list_subject;
    return found;
  }

  // "2. Demands that the RSF lift the siege": a list item whose first word is its verb,
  // within a few sentences of a lead-in that named its actor.
  bool OpensListItem(size_t cue) const {
    if (state_->list_subject.empty() || index_ - state_->list_sentence > 12) return false;
    for (size_t k = s_.first; k < cue; ++k)
      if (doc_.tokens[k].word && !doc_.tokens[k].digit) return false;
    return doc_.tokens[cue].cap;
  }

  // "The Network:", "The ministers agreed on the following:": the lead-in of a list.
  void NoteListLeadIn() {
    size_t end = s_.last;
    while (end > s_.first && !doc_.tokens[end - 1].word && N(end - 1) != ":") --end;  // "**The Network:**"
    if (end == s_.first || N(end - 1) != ":") return;
    Actors lead = MainSubjects(s_.last);
    for (size_t k = s_.first; k < s_.last && lead.empty(); ++k)
      if (const Mention* m = doc_.MentionAt(k); m && IsActor(m->entity) && !m->modifier) lead = {m->entity};
    if (lead.empty()) return;
    state_->list_subject = lead;
    state_->list_sentence = index_;
  }

  // The owner written just before a noun cue: "Russia's invasion", "a massive Russian strike".
  Actors PossessorBefore(size_t noun) const {
    size_t k = noun;
    while (k > s_.first && noun - k < 3) {
      const Token& t = doc_.tokens[k - 1];
      bool adjective = t.word && !t.cap && doc_.mention_at[k - 1] < 0 && !In(kPreps, t.norm) &&
                       t.norm != "the" && t.norm != "a" && t.norm != "an" && !In(kBeForms, t.norm) &&
                       t.norm != "his" && t.norm != "her" && t.norm != "its" && t.norm != "their";
      if (!adjective) break;
      --k;
    }
    if (k == s_.first) return {};
    size_t p = k - 1;
    const std::string& n = N(p);
    if (n == "his" || n == "her" || n == "its" || n == "their") {
      Actors subj = FindSubjects(p);
      int person = LastPerson(p);
      if (subj.empty() && (n == "his" || n == "her") && person >= 0) subj = {person};
      return subj;
    }
    if (doc_.tokens[p].possessive && p > s_.first) --p;
    const Mention* m = doc_.MentionAt(p);
    if (!m || m->last != p + 1 || !IsActor(m->entity)) return {};
    Actors out{m->entity};
    AddCoordinated(*m, &out);
    return out;
  }

  // A noun cue opening a clause ("that attacks on X would continue") has no owner here.
  bool OpensClause(size_t noun) const {
    size_t k = noun;
    while (k > s_.first && doc_.tokens[k - 1].word && !doc_.tokens[k - 1].cap &&
           !In(kPreps, N(k - 1)) && !In(kBeForms, N(k - 1)) && noun - k < 3 && N(k - 1) != "that")
      --k;
    return k == s_.first || N(k - 1) == "that" || N(k - 1) == "," || N(k - 1) == "and";
  }

  // ---- objects

  // Actors from `from` within `max` tokens of the clause, with their conjuncts. Strict
  // scans stop at a preposition other than "of" ("ships linked to Israel").
  Actors ActorsAfter(size_t from, size_t max, int exclude, bool lenient, bool lenient_in = false) const {
    Actors out;
    for (size_t k = from; k < s_.last && k < from + max; ++k) {
      if (doc_.masked[k]) continue;
      const std::string& n = N(k);
      bool list_comma = n == "," && (doc_.in_office[k] || (!out.empty() && ListGoesOn(k)));
      if (k > from && In(kClauseBreak, n) && !list_comma) break;
      bool and_prep = !out.empty() && N(k - 1) == "and";  // "with A and with B"
      bool location = k == from && (n == "in" || n == "at" || n == "near") && !lenient_in;
      if (location) break;  // "met in Brussels": a place, not a partner
      bool place = n == "in" && lenient_in;               // "strikes on nine sites in Pakistan"
      if (!lenient && k > from && In(kPreps, n) && n != "of" && !and_prep && !place) break;
      const Mention* m = doc_.MentionAt(k);
      if (!m) {
        bool office = doc_.in_office[k];  // "Pakistan's army chief, General Asim Munir"
        if (!out.empty() && n != "," && n != "and" && n != "the" && !office && !In(kPreps, n)) break;
        continue;
      }
      bool compound = m->last < s_.last && N(m->last) == "-";
      bool currency = m->last < s_.last && In(kCurrencies, N(m->last));  // "Canadian dollars"
      if (IsActor(m->entity) && m->entity != exclude && !m->modifier && !compound && !currency)
        out.push_back(m->entity);
      k = m->last - 1;
    }
    return out;
  }

  // After a comma in "A, B and C": the next item is an actor followed by "," or "and".
  bool ListGoesOn(size_t comma) const {
    size_t j = comma + 1;
    if (j < s_.last && (N(j) == "and" || N(j) == "or")) return true;
    if (j < s_.last && N(j) == "the") ++j;
    const Mention* m = j < s_.last ? doc_.MentionAt(j) : nullptr;
    if (!m || m->first != j || m->last >= s_.last) return false;
    const std::string& after = N(m->last);
    return after == "," || after == "and" || after == "or";
  }

  // Actors right after the cue ("rejected Ukraine"), not owners ("rejected Ukraine's plan").
  Actors DirectActors(size_t k) const {
    if (k < s_.last && N(k) == "the") ++k;
    const Mention* m = doc_.MentionAt(k);
    if (!m || !IsActor(m->entity) || m->first != k || m->form == FormKind::kDemonym) return {};
    if (m->last < s_.last && (doc_.tokens[m->last].possessive || N(m->last) == "-")) return {};
    return ActorsAfter(k, 12, -1, false);
  }

  // "tariffs on most of their exports": "their" is the clause's subject.
  bool PronounObject(size_t k) const {
    for (size_t j = k; j < s_.last && j < k + 4; ++j) {
      if (N(j) == "their" || N(j) == "its") return true;
      if (In(kClauseBreak, N(j))) return false;
    }
    return false;
  }

  static Actors Without(Actors a, const Actors& drop) {
    a.erase(std::remove_if(a.begin(), a.end(),
                           [&](int e) { return std::find(drop.begin(), drop.end(), e) != drop.end(); }),
            a.end());
    return a;
  }

  bool Halfway(size_t k) const {
    for (size_t j = k; j < s_.last && j < k + 8; ++j)
      if (N(j) == "halfway") return true;
    return false;
  }

  // ---- modifiers of a cue

  bool Negated(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 4;) {
      const std::string& n = N(k);
      if (In(kNegators, n)) return !(k + 1 < s_.last && N(k + 1) == "only");
      if (n == "than" && k > s_.first && N(k - 1) == "rather") return true;  // "rather than block"
      if (n == "of" && k > s_.first && N(k - 1) == "instead") return true;
      if (!doc_.tokens[k].word || doc_.mention_at[k] >= 0) return false;
    }
    return false;
  }

  float Modality(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 4;)
      if (In(kModals, N(k))) return 0.7f;
    return 1.0f;
  }

  // "may join", "could reject": speculation, not a stated fact.
  bool Speculative(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 3;) {
      if (In(kSpeculative, N(k))) return true;
      if (!doc_.tokens[k].word) return false;
    }
    return false;
  }

  bool ThreatBefore(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 8;) {
      const std::string& n = N(k);
      if (n.rfind("threat", 0) == 0 || n.rfind("warn", 0) == 0) return true;
    }
    return false;
  }

  // "the sanctions", "financial sanctions", "another block": a noun, not a verb.
  bool LooksLikeNoun(const CueMatch& cue) const {
    if (cue.first == s_.first) return false;
    static const WordSet kNounLeft = {
        "the", "a", "an", "its", "his", "her", "their", "our", "new", "further", "more", "any",
        "such", "these", "those", "this", "another", "economic", "financial", "personal", "tougher",
        "fresh", "additional", "western", "sweeping", "targeted", "secondary", "military", "of",
        "no", "first", "second", "latest", "main", "major", "key", "joint", "nuclear",
        "billion", "million", "trillion"};
    const Token& prev = doc_.tokens[cue.first - 1];
    const Mention* m = doc_.MentionAt(cue.first - 1);
    // "forces in Guinea attacked", "... beat up": a past form or a verb with its particle
    // after a place is still the verb.
    bool past = cue.participle || EndsWith(N(cue.first), "ed") || cue.last - cue.first > 1;
    return In(kNounLeft, prev.norm) || prev.possessive || prev.digit ||
           (m && ((m->form == FormKind::kDemonym && !PluralPeople(*m)) || m->modifier || (InPP(*m) && !past)));
  }

  // "a statement promising to ...": a gerund modifying a noun is no predicate of the clause.
  bool ReducedRelative(size_t cue) const {
    const std::string& n = N(cue);
    if (n.size() < 5 || !EndsWith(n, "ing") || cue == s_.first) return false;
    static const WordSet kGerundTakers = {
        "is", "are", "was", "were", "be", "been", "being", "keep", "keeps", "kept", "continue",
        "continues", "continued", "started", "start", "starts", "began", "begin", "stop", "stopped",
        "avoid", "avoided", "considering", "considered", "consider", "not", "also", "still", "and", "or",
        "without", "by", "of", "for", "after", "before", "while", "on", "in", "from", "about"};
    const Token& prev = doc_.tokens[cue - 1];
    return prev.word && !prev.cap && doc_.mention_at[cue - 1] < 0 && !In(kGerundTakers, prev.norm) &&
           !EndsWith(prev.norm, "ly");
  }

  // ---- emitting

  // "Zelensky says Ukraine will not allow ...": the speaker holds the stance of the state he
  // leads too. Returns the speaker, or -1.
  int SpeakerOfState(const Actors& subjects, size_t cue) const {
    if (subjects.size() != 1 || KindOf(subjects[0]) != NodeKind::kState) return -1;
    // A relative or parenthetical clause of the state does not count toward the distance:
    // "Michal says Estonia, whose navy has patrolled the route since May, welcomes it".
    size_t skipped = 0;
    for (size_t k = cue; k-- > s_.first && cue - k < 12 + skipped;) {
      if (N(k) == "," && k > s_.first + 1) {
        size_t open = k;
        while (open-- > s_.first && cue - open < 30 && N(open) != "," && N(open) != "whose" &&
               N(open) != "which" && N(open) != "who")
          ;
        bool rel = open > s_.first && open < k &&
                   (N(open) == "whose" || N(open) == "which" || N(open) == "who");
        if (rel && N(open - 1) == ",") {
          skipped += k - open + 1;
          k = open - 1;
          continue;
        }
      }
      if (!In(kSpeech, N(k))) continue;
      Actors speaker = SubjectsOf(k);
      if (speaker.size() != 1 || KindOf(speaker[0]) != NodeKind::kPerson) return -1;
      return OwnState(speaker[0], subjects[0]) ? speaker[0] : -1;
    }
    return -1;
  }

  // Whether `person` holds an office of `state` (in this article or the lexicon).
  bool OwnState(int person, int state) const {
    for (const OfficeFact& f : doc_.offices)
      if (f.person == person && f.org == state) return true;
    const LexEntry* lex = doc_.entities[person].lex;
    return lex && PhraseKey(lex->affiliation) == PhraseKey(doc_.entities[state].name);
  }

  // A ministry's claims are its state's too ("China's foreign ministry condemned").
  Actors WithStates(const Actors& subjects) const {
    Actors out = subjects;
    for (int s : subjects) {
      int st = s >= 0 ? doc_.entities[s].speaks_for : -1;
      if (st >= 0 && std::find(out.begin(), out.end(), st) == out.end()) out.push_back(st);
    }
    return out;
  }

  void Emit(const Actors& subjects_in, Relation rel, const Actors& objects, const CueMatch& cue,
            const char* rule, int8_t polarity = 1) {
    if (rel == kNone || InsidePosition(cue.first)) return;
    const Actors subjects = WithStates(subjects_in);
    if (rel == Relation::kSanctions && ThreatBefore(cue.first)) return;  // a threatened sanction
    NoteGroup(subjects);
    NoteGroup(objects);
    for (int s : subjects) {
      if (rel == Relation::kAttacks || rel == Relation::kThreatens || rel == Relation::kSanctions)
        NoteEventAgent(s, N(cue.first));
      for (int o : objects) {
        if (s < 0 || o < 0 || s == o) continue;
        if (rel == Relation::kMemberOf && KindOf(o) != NodeKind::kOrganization) continue;
        Fact f;
        f.subject = s;
        f.relation = rel;
        f.object = o;
        Finish(cue, rule, polarity, &f);
      }
    }
  }

  void NoteGroup(const Actors& group) {
    if (group.size() >= 2) state_->groups.emplace_back(group, index_);
  }

  // "The two agreed", "both leaders said": a group right before the verb.
  Actors GroupBefore(size_t verb) const {
    size_t k = verb;
    while (k > s_.first && (N(k - 1) == "have" || N(k - 1) == "had" || N(k - 1) == "also" || EndsWith(N(k - 1), "ly")))
      --k;
    for (size_t start = k >= s_.first + 4 ? k - 4 : s_.first; start < k; ++start) {
      if (N(start) != "the" && N(start) != "both") continue;
      if (N(start) == "the" && start + 2 == k && (N(start + 1) == "two" || N(start + 1) == "three"))
        return RecentGroup(N(start + 1) == "two" ? 2 : 3);
      Actors g = GroupAt(start);
      if (!g.empty()) return g;
    }
    return {};
  }

  Actors RecentGroup(size_t size) const {
    for (auto it = state_->groups.rbegin(); it != state_->groups.rend(); ++it) {
      if (index_ - it->second > 4) break;
      if (it->first.size() == size) return it->first;
    }
    return {};
  }

  // "the three European governments", "both ministers": a recent group of that size.
  Actors GroupAt(size_t k) const {
    static const WordSet kGroupNouns = {"governments", "countries", "states", "powers", "nations",
                                        "capitals", "allies", "ministers", "leaders", "sides",
                                        "parties", "delegations", "presidents", "neighbours", "neighbors"};
    static const std::pair<std::string_view, size_t> kNumbers[] = {
        {"both", 2}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}};
    if (k < s_.last && N(k) == "the") ++k;
    size_t size = 0;
    for (const auto& [word, n] : kNumbers)
      if (k < s_.last && N(k) == word) size = n;
    if (size == 0) return {};
    size_t j = k + 1;
    while (j < s_.last && j < k + 4 && !In(kGroupNouns, N(j)) && doc_.tokens[j].word && doc_.mention_at[j] < 0) ++j;
    if (j >= s_.last || !In(kGroupNouns, N(j))) return {};
    for (auto it = state_->groups.rbegin(); it != state_->groups.rend(); ++it) {
      if (index_ - it->second > 4) break;
      if (it->first.size() == size) return it->first;
    }
    return {};
  }

  void NoteEventAgent(int s, std::string_view cue_word) {
    if (noted_agents_ == 0) state_->event_agents.clear();
    auto add = [s](Actors* a) {
      if (std::find(a->begin(), a->end(), s) == a->end()) a->push_back(s);
    };
    add(&state_->event_agents);
    std::string key = EventKey(cue_word);
    Actors& keyed = state_->agents_by_event[key];
    if (noted_keys_.insert(key).second) keyed.clear();
    add(&keyed);
    ++noted_agents_;
  }

  bool InsidePosition(size_t k) const {
    for (const Span& p : positions_)
      if (k >= p.first && k < p.last) return true;
    return false;
  }

  void EmitPosition(const Actors& subjects_in, Relation rel, PositionPhrase pos, const CueMatch& cue,
                    const char* rule, int8_t polarity = 1) {
    Actors subjects = WithStates(subjects_in);
    if (int speaker = SpeakerOfState(subjects_in, cue.first); speaker >= 0) subjects.push_back(speaker);
    if (subjects.empty() || rel == kNone || InsidePosition(cue.first)) return;
    NoteGroup(subjects);
    Resolve(&pos);
    positions_.push_back({pos.first, pos.last, -1});
    for (int s : subjects) {
      Fact f;
      f.subject = s;
      f.relation = rel;
      f.position = pos.name;
      f.position_surface = pos.surface;
      if (pos.proposer >= 0 && pos.proposer != s && IsActor(pos.proposer)) {
        Fact p = f;
        p.subject = pos.proposer;
        p.relation = Relation::kProposes;
        Finish(cue, "stance.proposal_owner", 1, &p);
      }
      Finish(cue, rule, polarity, &f);
    }
    state_->recent.emplace_back(std::move(pos), index_);
  }

  void Finish(const CueMatch& cue, const char* rule, int8_t polarity, Fact* f) {
    f->sentence = index_;
    f->cue_first = static_cast<uint32_t>(cue.first);
    f->cue_last = static_cast<uint32_t>(cue.last);
    f->rule = rule;
    f->polarity = polarity;
    f->confidence = (cue.def ? cue.def->confidence : 1.0f) * Modality(cue.first);
    out_->push_back(std::move(*f));
  }

  // "such deployment" names a recent position sharing its stem; "the text" a recent document.
  void Resolve(PositionPhrase* pos) const {
    if (std::count(pos->name.begin(), pos->name.end(), ' ') > 1) return;
    bool doc_noun = In(kDocNouns, pos->head);
    if (!pos->anaphoric && !doc_noun) return;
    for (auto it = state_->recent.rbegin(); it != state_->recent.rend(); ++it) {
      if (index_ - it->second > 3) break;
      bool same = pos->anaphoric ? SharesStem(*pos, it->first) : In(kDocNouns, it->first.head);
      if (same) {
        pos->name = it->first.name;
        return;
      }
    }
  }

  // "voted against it": "it" is the document of a recent sentence.
  bool RecentDocument(size_t k, PositionPhrase* pos) const {
    if (k >= s_.last || (N(k) != "it" && N(k) != "them")) return false;
    if (k + 1 < s_.last && doc_.tokens[k + 1].word && !In(kClauseBreak, N(k + 1)) && N(k + 1) != "as")
      return false;
    for (auto it = state_->recent.rbegin(); it != state_->recent.rend(); ++it) {
      if (index_ - it->second > 2) break;
      if (!In(kDocNouns, it->first.head)) continue;
      *pos = it->first;
      pos->surface = N(k);
      pos->first = static_cast<uint32_t>(k);
      pos->last = static_cast<uint32_t>(k + 1);
      pos->proposer = -1;
      return true;
    }
    return false;
  }

  bool Position(size_t start, size_t limit, PositionPhrase* pos) const {
    if (!ExtractPosition(doc_, start, limit, pos)) return false;
    if (In(kSpeechNouns, pos->head) && pos->name.find(' ') == std::string::npos) return false;
    // An infinitive of one word ("refuses to remove") says too little.
    return !(pos->verbal && pos->name.find(' ') == std::string::npos);
  }

  // "condemned the strikes": criticism of whoever struck; "supported the operation":
  // cooperation with them.
  bool EventObject(const Actors& subjects, const CueMatch& cue, const PositionPhrase& pos) {
    Relation rel = cue.def->to_position == Relation::kOpposes ? Relation::kCriticizes
                                                               : Relation::kCooperatesWith;
    const std::string& head = pos.head;
    if ((!In(kEventNouns, head) && !ActNounClass(head)) || cue.def->to_actor != rel) return false;
    if (Actors agents = AgentBy(pos.first); !agents.empty()) {  // "condemned the assault by the RSF"
      Emit(subjects, rel, agents, cue, "interaction.event_object");
      return true;
    }
    for (size_t k = pos.first; k < pos.last; ++k) {  // "condemned a Malian drone strike"
      const Mention* m = doc_.MentionAt(k);
      if (!m || !IsActor(m->entity)) continue;
      if (In(kPreps, N(m->first > 0 ? m->first - 1 : 0))) break;  // "strikes on Yemen": a target
      Emit(subjects, rel, {m->entity}, cue, "interaction.event_object");
      return true;
    }
    if (state_->event_agents.empty()) return false;
    auto keyed = state_->agents_by_event.find(EventKey(head));
    Actors agents = keyed != state_->agents_by_event.end() ? keyed->second : state_->event_agents;
    state_->agents_by_event[EventKey(head)] = agents;  // "the operation" names the same event later
    Emit(subjects, rel, agents, cue, "interaction.event_object");
    return true;
  }

  // ---- frames

  void Apply(const CueMatch& cue) {
    if (Speculative(cue.first) && !Negated(cue.first)) return;
    if (Hypothetical(cue)) return;
    Frame f = cue.def->frame;
    // "a suspension of air links": a cue word ending in -ion is a noun, whatever its frame.
    bool nominal = EndsWith(N(cue.first), "ion") || EndsWith(N(cue.first), "ions");
    bool verbal = f != Frame::kNoun && f != Frame::kCopulaFor && f != Frame::kNoRoom && !nominal;
    bool reduced = f != Frame::kImposeOn && ReducedRelative(cue.first);  // "an order raising tariffs" acts
    if (verbal && (LooksLikeNoun(cue) || reduced)) return;
    bool by_agent = cue.last < s_.last && N(cue.last) == "by";
    if (f != Frame::kVerb && verbal && by_agent && Passive(cue)) return;  // "a halt was urged by Blinken"
    switch (cue.def->frame) {
      case Frame::kVerb: return Verb(cue);
      case Frame::kNoun: return Noun(cue);
      case Frame::kCopulaFor: return CopulaFor(cue);
      case Frame::kNoRoom: return NoRoom(cue);
      case Frame::kConcede: return Concede(cue);
      case Frame::kWithActor: return WithActor(cue);
      case Frame::kImposeOn: return ImposeOn(cue);
      case Frame::kUrge: return Urge(cue);
      case Frame::kNotAllow: return NotAllow(cue);
      case Frame::kTogether: return Together(cue);
      case Frame::kCeaseFire: return CeaseFire(cue);
      case Frame::kTradeBan: return TradeBan(cue);
      case Frame::kGiveTo: return GiveTo(cue, cue.def->to_actor);
    }
  }

  // The be-auxiliary of a passive before the participle, or s_.last.
  size_t PassiveAux(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 4;) {
      const std::string& n = N(k);
      if (In(kBeForms, n)) return k;
      bool adverb = n == "not" || n == "only" || n == "also" || n == "even" || EndsWith(n, "ly");
      if (!adverb) break;
    }
    return s_.last;
  }

  size_t ClauseStart(size_t k) const {
    static const WordSet kSubordinators = {"after", "before", "since", "as", "once", "because"};
    while (k > s_.first && !In(kClauseBreak, N(k - 1)) && !In(kSubordinators, N(k - 1))) --k;
    return k;
  }

  // "the UAE, which it accuses of arming the RSF": the antecedent of "which" is the object.
  bool ObjectRelative(const CueMatch& cue, Actors* subjects, Actors* objects) const {
    size_t k = cue.first;
    while (k > s_.first && (EndsWith(N(k - 1), "ly") || N(k - 1) == "has" || N(k - 1) == "have" ||
                            N(k - 1) == "had" || N(k - 1) == "also"))
      --k;
    if (k < s_.first + 3) return false;
    size_t subj = k - 1;
    const Mention* sm = doc_.MentionAt(subj);
    size_t rel = sm ? sm->first - 1 : subj - 1;
    if (rel <= s_.first || (N(rel) != "which" && N(rel) != "whom")) return false;
    size_t ante = N(rel - 1) == "," ? rel - 1 : rel;
    const Mention* am = ante > s_.first ? MentionEndingAt(ante - 1) : nullptr;
    if (!am || !IsActor(am->entity)) return false;
    if (sm && IsActor(sm->entity)) *subjects = {sm->entity};
    else if (!sm && (N(subj) == "it" || N(subj) == "they")) *subjects = MainSubjects(rel);
    *objects = {am->entity};
    return !subjects->empty();
  }

  // A participle right after a noun and before "by ACTOR".
  bool ReducedPassive(const CueMatch& cue) const {
    if (cue.first == s_.first || cue.last >= s_.last || N(cue.last) != "by") return false;
    const Token& prev = doc_.tokens[cue.first - 1];
    return prev.word && !prev.cap && doc_.mention_at[cue.first - 1] < 0 && !In(kPreps, prev.norm) &&
           !In(kBeForms, prev.norm) && !EndsWith(prev.norm, "ly") && prev.norm != "has" &&
           prev.norm != "have" && prev.norm != "had";
  }

  // "X was rejected by Moscow"; "X was drafted by A and was backed by B".
  bool Passive(const CueMatch& cue) {
    if (!cue.participle) return false;
    size_t aux = PassiveAux(cue.first);
    bool reduced = aux == s_.last && ReducedPassive(cue);  // "an amendment proposed by Russia"
    if (reduced) aux = cue.first;
    if (aux == s_.last) return false;
    size_t by = cue.last;
    if (by >= s_.last || N(by) != "by") return true;  // agentless: no subject
    Actors agents = ActorsAfter(by + 1, 10, -1, false);
    if (agents.empty()) return true;
    size_t start = ClauseStart(aux), end = aux;
    if (aux > s_.first && N(aux - 1) == "and" && passive_subject_.last > 0) {
      start = passive_subject_.first;  // shares the previous passive's subject
      end = passive_subject_.last;
    }
    passive_subject_ = {start, end, -1};
    size_t head = N(start) == "the" && start + 1 < end ? start + 1 : start;
    if (int p = DescribedPerson(start, end); p >= 0 && cue.def->to_actor != kNone) {
      Emit(agents, cue.def->to_actor, {p}, cue, "interaction.passive_described");
      return true;
    }
    const Mention* m = doc_.MentionAt(head);
    if (m && m->last == end && IsActor(m->entity)) {
      Emit(agents, cue.def->to_actor, {m->entity}, cue, "interaction.passive");
      return true;
    }
    if (Actors group = GroupAt(start); !group.empty() && cue.def->to_actor != kNone) {
      Emit(agents, cue.def->to_actor, group, cue, "interaction.passive_group");
      return true;
    }
    PositionPhrase pos;
    if (Position(start, end, &pos))
      EmitPosition(agents, cue.def->to_position, pos, cue, "stance.passive", Negated(cue.first) ? -1 : 1);
    return true;
  }

  void Verb(const CueMatch& cue) {
    const std::string& first = N(cue.first);
    bool gerund = first.size() > 4 && EndsWith(first, "ing");
    if (gerund && cue.first > s_.first && In(kPreps, N(cue.first - 1))) return;
    if (Passive(cue)) return;
    if (Actors subj, obj; cue.def->to_actor != kNone && ObjectRelative(cue, &subj, &obj))
      return Emit(subj, cue.def->to_actor, obj, cue, "interaction.relative");
    Actors subjects = SubjectsOf(cue.first);
    if (subjects.empty()) return;
    int8_t polarity = Negated(cue.first) ? -1 : 1;
    const CueDef& d = *cue.def;
    if (d.to_position == kNone && d.to_actor == Relation::kCooperatesWith && first.rfind("co-", 0) == 0)
      return EachOther(subjects, d.to_actor, cue, "interaction.co_verb");  // "co-hosted talks"
    if (d.to_actor != kNone && EachOtherAt(cue.last)) return Reciprocal(subjects, d.to_actor, cue, polarity);
    if (d.to_actor != kNone) {
      Actors objects = DirectActors(cue.last);
      if (objects.empty()) objects = GroupAt(cue.last);  // "received both ministers"
      if (objects.empty() && d.to_position == kNone) {
        size_t from = cue.last;
        if (d.to_actor == Relation::kThreatens && from < s_.last && N(from) == "that") {
          const Mention* m = ++from < s_.last ? doc_.MentionAt(N(from) == "the" ? from + 1 : from) : nullptr;
          if (m && SubjectLike(*m)) objects = ActorsAfter(m->first, 8, subjects.front(), false);
          // "O'Brien warned that Washington could impose ...": his own side threatens others.
          objects.erase(std::remove_if(objects.begin(), objects.end(),
                                       [&](int o) { return OwnState(subjects.front(), o); }),
                        objects.end());
        } else if (d.to_actor == Relation::kThreatens) {
          objects = ThreatTargets(from, subjects);
        } else {
          objects = ActorsAfter(from, 16, subjects.front(), false);
        }
        if (objects.empty() && d.to_actor == Relation::kAttacks && PronounObject(cue.last))
          objects = Without(MainSubjects(cue.first), subjects);  // "said India had struck its bases"
      }
      if (Halfway(cue.last)) return;  // "meet Canada halfway": a compromise, not a meeting
      if (!objects.empty()) return Emit(subjects, d.to_actor, objects, cue, "interaction.verb", polarity);
      if (d.to_actor == Relation::kAttacks || d.to_actor == Relation::kThreatens)
        for (int s : subjects) NoteEventAgent(s, first);  // "North Korea test-fired a missile"
    }
    if (d.to_position == kNone) return;
    size_t k = cue.last;
    if (const Mention* m = doc_.MentionAt(k < s_.last && N(k) == "the" ? k + 1 : k);
        m && IsActor(m->entity) && m->form != FormKind::kDemonym && m->last < s_.last &&
        doc_.tokens[m->last].word && !In(kPreps, N(m->last)))
      k = m->last;  // "offered Ukraine security guarantees"
    if (d.to_position == Relation::kSupports && N(k) == "that") return ThatClause(subjects, cue, k + 1, polarity);
    PositionPhrase pos;
    if (!Position(k, s_.last, &pos) && !RecentDocument(k, &pos)) return;
    if (EventObject(subjects, cue, pos)) return;
    if (polarity < 0 && d.to_position == Relation::kSupports && IsConsent(first))  // "did not accept a truce"
      EmitPosition(subjects, Relation::kOpposes, pos, cue, "stance.refused_consent");
    if (polarity > 0 && subjects.size() >= 2 && In(kDealNouns, pos.head) && first.rfind("agree", 0) == 0)
      EachOther(subjects, Relation::kCooperatesWith, cue, "interaction.agreed_together");
    // "pressed for the ban to be lifted": against the ban too.
    if (d.to_position == Relation::kSupports) {
      static const WordSet kUndone = {"lifted", "scrapped", "dropped", "removed", "repealed",
                                      "withdrawn", "abolished", "reversed", "rescinded", "revoked"};
      for (size_t j = pos.first + 1; j + 2 < s_.last && j <= pos.last; ++j) {
        if (N(j) != "to" || N(j + 1) != "be" || !In(kUndone, N(j + 2))) continue;
        PositionPhrase undone;
        if (Position(k, j, &undone))  // the lifting itself is supported, below
          EmitPosition(subjects, Relation::kOpposes, undone, cue, "stance.verb_undo", polarity);
        break;
      }
    }
    EmitPosition(subjects, d.to_position, pos, cue, "stance.verb", polarity);
  }

  void Noun(const CueMatch& cue) {
    Actors subjects = PossessorBefore(cue.first);
    bool owned = !subjects.empty();
    Actors agents = AgentBy(cue.first + 1);  // "the bombardment of markets by the army"
    if (!agents.empty()) subjects = agents, owned = true;
    if (!owned && !OpensClause(cue.first) && !EvaluatedNoun(cue.first)) subjects = SubjectsOf(cue.first, false);
    if (subjects.empty()) return;
    const CueDef& d = *cue.def;
    bool both = d.to_actor == Relation::kThreatens && d.to_position != kNone;
    if (d.to_actor != kNone) {
      size_t from = N(cue.last - 1) == "by" ? AfterAgent(cue.last) : cue.last;
      Actors objects = Without(DirectActors(from), agents);
      if (objects.empty() && (d.to_position == kNone || both))
        objects = Without(ActorsAfter(from, 10, subjects.front(), d.to_actor == Relation::kThreatens,
                                      d.to_actor == Relation::kAttacks),
                          agents);
      if (objects.empty() && PronounObject(cue.last)) objects = Without(MainSubjects(cue.first), subjects);
      bool undone = d.to_actor == Relation::kSanctions && Undone(cue.first);  // "lifted sanctions on"
      Emit(subjects, d.to_actor, objects, cue, "interaction.noun", Negated(cue.first) || undone ? -1 : 1);
      if (objects.empty() && (d.to_actor == Relation::kAttacks || d.to_actor == Relation::kThreatens))
        for (int s : subjects) NoteEventAgent(s, N(cue.first));  // "launched drills around the island"
      if (owned && IsTariff(cue)) SupportTariff(subjects, cue);  // "Trump's tariffs"
      if (!objects.empty() && !both) return;
    }
    PositionPhrase pos;
    if (d.to_position != kNone && Position(cue.last, s_.last, &pos))
      EmitPosition(subjects, d.to_position, pos, cue, "stance.noun");
  }

  // "The proposition for a ceasefire remains a non-starter for Moscow".
  void CopulaFor(const CueMatch& cue) {
    Actors actors = ActorsAfter(cue.last, 3, -1, false);
    if (actors.empty()) return;
    size_t k = cue.first;
    while (k > s_.first && cue.first - k < 5 && !In(kCopulas, N(k - 1))) --k;
    if (k == s_.first || !In(kCopulas, N(k - 1))) return;
    size_t copula = k - 1;
    PositionPhrase pos;
    if (Position(ClauseStart(copula), copula, &pos))
      EmitPosition(actors, cue.def->to_position, pos, cue, "stance.copula_for");
  }

  // "Lavrov has declared that there is no space for compromise".
  void NoRoom(const CueMatch& cue) {
    PositionPhrase pos;
    Actors subjects = FindSubjects(cue.first);
    if (!subjects.empty() && Position(cue.last, s_.last, &pos))
      EmitPosition(subjects, cue.def->to_position, pos, cue, "stance.no_room");
  }

  // "we will not give up what is ours": against concessions; "would not give up
  // enrichment": for keeping it.
  void Concede(const CueMatch& cue) {
    if (!Negated(cue.first)) {  // "gave up its demand for X": X is dropped, not wanted
      if (N(cue.first).rfind("hand", 0) == 0) return GiveTo(cue, Relation::kCooperatesWith);  // "handed over aid to"
      PositionPhrase dropped;
      if (ExtractPosition(doc_, cue.last, s_.last, &dropped)) positions_.push_back({dropped.first, dropped.last, -1});
      return;
    }
    Actors subjects = SubjectsOf(cue.first);
    if (subjects.empty()) return;
    PositionPhrase pos;
    size_t end = cue.last;
    while (end < s_.last && end < cue.last + 8 && doc_.tokens[end].word) ++end;
    bool territory = false;
    for (size_t k = cue.last; k < end; ++k) territory |= In(kTerritory, N(k));
    if (!territory && Position(cue.last, s_.last, &pos)) {
      CueMatch keep = cue;
      return EmitPosition(subjects, Relation::kSupports, pos, keep, "stance.keep");
    }
    pos = PositionPhrase();
    pos.name = territory ? "territorial concession" : "concession";
    pos.surface = std::string(doc_.Surface(static_cast<uint32_t>(cue.first), static_cast<uint32_t>(end)));
    EmitPosition(subjects, cue.def->to_position, pos, cue, "stance.concede");
  }

  // "signed a trade deal with Beijing", "held separate talks in Moscow with Lavrov";
  // "Congo and Rwanda signed a peace agreement": the signatories with each other.
  void WithActor(const CueMatch& cue) {
    Relation rel = cue.def->to_actor;
    const WordSet& nouns = rel == Relation::kMeets       ? kMeetingNouns
                           : rel == Relation::kCriticizes ? kRelationNouns
                                                          : kDealNouns;
    bool noun = In(nouns, N(cue.last - 1));
    for (size_t k = cue.last; k < s_.last && k < cue.last + 10; ++k) {
      const std::string& n = N(k);
      if (n == "with" && noun) {
        Actors subjects = SubjectsOf(cue.first);
        if (subjects.empty()) return;
        return Emit(subjects, cue.def->to_actor, ActorsAfter(k + 1, 10, subjects.front(), false), cue,
                    "interaction.with", Negated(cue.first) ? -1 : 1);
      }
      noun |= In(nouns, n) && k < cue.last + 4;
      if (In(kClauseBreak, n)) break;
    }
    if (noun && rel != Relation::kCriticizes)
      EachOther(SubjectsOf(cue.first), cue.def->to_actor, cue, "interaction.with_each_other", Negated(cue.first) ? -1 : 1);
  }

  void EachOther(const Actors& group, Relation rel, const CueMatch& cue, const char* rule, int8_t polarity = 1) {
    NoteGroup(group);
    for (size_t a = 0; a < group.size(); ++a)
      for (size_t b = a + 1; b < group.size(); ++b) Emit({group[a]}, rel, {group[b]}, cue, rule, polarity);
  }

  // "Israel would not cease fire": against a ceasefire; "agreed to stop fighting": for one.
  void CeaseFire(const CueMatch& cue) {
    Actors subjects = SubjectsOf(cue.first);
    if (subjects.empty()) return;
    PositionPhrase pos;
    pos.name = "ceasefire";
    pos.surface = std::string(doc_.Surface(static_cast<uint32_t>(cue.first), static_cast<uint32_t>(cue.last)));
    pos.first = static_cast<uint32_t>(cue.first);
    pos.last = static_cast<uint32_t>(cue.last);
    bool negated = Negated(cue.first);
    EmitPosition(subjects, negated ? Relation::kOpposes : Relation::kSupports, pos, cue, "stance.cease_fire");
  }

  // "suspended all imports of aquatic products from Japan": a trade sanction.
  // "suspended aid deliveries to Bosnia", "a suspension of air links with Serbia", "closed
  // its borders with Iran": cutting what flows between two actors.
  void TradeBan(const CueMatch& cue) {
    static const WordSet kFlows = {"imports", "exports", "purchases", "shipments", "aid", "links",
                                   "flights", "relations", "ties", "cooperation", "deliveries",
                                   "assistance", "program", "programme", "funding", "visas",
                                   "border", "borders", "trade", "contacts", "talks", "supplies"};
    bool trade = false;
    for (size_t k = cue.first; k < s_.last && k < cue.last + 8; ++k) {
      const std::string& n = N(k);
      trade |= In(kFlows, n);
      bool toward = n == "from" || n == "to" || n == "with" || n == "for" || n == "in";
      if (trade && toward) {
        Actors subjects = SubjectsOf(cue.first);
        if (!subjects.empty())
          Emit(subjects, cue.def->to_actor, ActorsAfter(k + 1, 4, subjects.front(), false), cue, "interaction.trade_ban");
        return;
      }
      if (k > cue.first && In(kClauseBreak, n)) return;
    }
  }

  // "donated medicine to the Red Crescent", "gave Tanzania a grant", "granted asylum to five
  // Panamanian officers": the giver cooperates with the receiver. Troops, speeches and
  // warnings are no gifts.
  void GiveTo(const CueMatch& cue, Relation rel) {
    static const WordSet kNoGift = {"troops", "forces", "soldiers", "speech", "interview", "statement",
                                    "address", "warning", "ultimatum", "signal", "message", "notice",
                                    "briefing", "deadline", "impression", "orders", "order"};
    if (Modality(cue.first) < 1.0f) return;  // "would give Israel a green light": not given
    Actors subjects = SubjectsOf(cue.first);
    if (subjects.empty()) return;
    bool handed = cue.last - cue.first > 1;  // "handed over Assad": the thing, not the receiver
    Actors receivers = handed ? Actors{} : DirectActors(cue.last);  // "gave Tanzania a grant"
    for (size_t k = cue.last; receivers.empty() && k < s_.last && k < cue.last + 14; ++k) {
      if (In(kClauseBreak, N(k)) || In(kNoGift, N(k))) return;
      if (N(k) == "to" && k > cue.last) receivers = ActorsAfter(k + 1, 8, subjects.front(), false);
      if (N(k) == "to") break;
    }
    for (size_t k = cue.last; k < s_.last && k < cue.last + 6; ++k)
      if (In(kNoGift, N(k))) return;
    if (!receivers.empty()) Emit(subjects, rel, receivers, cue, "interaction.give", Negated(cue.first) ? -1 : 1);
  }

  // "brought Tshisekedi and Kagame together": the host meets both, and they meet.
  void Together(const CueMatch& cue) {
    size_t end = cue.last;
    while (end < s_.last && end < cue.last + 14 && N(end) != "together") ++end;
    if (end >= s_.last || N(end) != "together") return;
    Actors subjects = SubjectsOf(cue.first);
    Actors guests = ActorsAfter(cue.last, end - cue.last, -1, false);
    if (subjects.empty() || guests.size() < 2) return;
    Emit(subjects, cue.def->to_actor, guests, cue, "interaction.together");
    EachOther(guests, cue.def->to_actor, cue, "interaction.together");
  }

  // "imposed new sanctions on Russia"; "raising tariffs on Brazilian goods" also
  // supports the tariffs.
  void ImposeOn(const CueMatch& cue) {
    for (size_t k = cue.last; k < s_.last && k < cue.last + 4; ++k)  // "Tokyo and Beijing announced an understanding"
      if (In(kDealNouns, N(k)))
        return EachOther(SubjectsOf(cue.first), Relation::kCooperatesWith, cue, "interaction.with_each_other");
    bool sanction = false;
    size_t noun = s_.last;
    for (size_t k = cue.last; k < s_.last && k < cue.last + 8; ++k) {
      const std::string& n = N(k);
      if (In(kSanctionNouns, n) && !sanction) sanction = true, noun = k;
      bool on = (n == "on" || n == "against") && sanction;
      bool package = noun < s_.last && N(noun) == "package" && !on;
      if (!package && (on || (sanction && (In(kClauseBreak, n) || k + 1 == s_.last)))) {
        Actors subjects = SubjectsOf(cue.first);
        if (subjects.empty()) return;
        if (on) Emit(subjects, cue.def->to_actor, ActorsAfter(k + 1, 10, subjects.front(), false), cue,
                     "interaction.impose");
        CueMatch tariff{cue.def, noun, noun + 1, false};
        if (IsTariff(tariff) && !ThreatBefore(cue.first)) SupportTariff(subjects, tariff);
        return;
      }
      if (In(kClauseBreak, n)) return;
    }
    if (N(cue.first).rfind("announc", 0) == 0) {  // "announced a €250 million package to ...": a proposal
      PositionPhrase pos;
      Actors subjects = SubjectsOf(cue.first);
      static const WordSet kProposals = {"package", "plan", "initiative", "proposal", "programme",
                                         "program", "fund", "scheme", "strategy", "roadmap"};
      if (!subjects.empty() && Position(cue.last, s_.last, &pos) && In(kProposals, pos.head))
        EmitPosition(subjects, Relation::kProposes, pos, cue, "stance.announce");
    }
  }

  // Tariffs are a policy their imposer stands for.
  bool IsTariff(const CueMatch& cue) const {
    const std::string& n = N(cue.first);
    return n == "tariff" || n == "tariffs" || n == "duties" || n == "duty";
  }

  void SupportTariff(const Actors& subjects, const CueMatch& cue) {
    PositionPhrase pos;
    pos.name = "tariff";
    pos.surface = std::string(doc_.Surface(static_cast<uint32_t>(cue.first), static_cast<uint32_t>(cue.last)));
    pos.first = static_cast<uint32_t>(cue.first);
    pos.last = static_cast<uint32_t>(cue.last);
    CueMatch c = cue;
    c.def = nullptr;
    EmitPosition(subjects, Relation::kSupports, pos, c, "stance.tariff");
  }

  // The "to" of "urged Beijing to ..." within a few tokens.
  size_t InfinitiveAfter(size_t k) const {
    static const WordSet kNominal = {"the", "a", "an", "all", "both", "either", "its", "their", "his",
                                     "her", "this", "that", "these", "those", "each", "any"};
    for (size_t j = k; j < s_.last && j < k + 10; ++j) {
      // "calls on all parties to the conflict to agree": "to the conflict" is no infinitive.
      bool preposition = j + 1 < s_.last && (In(kNominal, N(j + 1)) || doc_.MentionAt(j + 1) ||
                                             doc_.tokens[j + 1].cap || doc_.tokens[j + 1].digit);
      if (N(j) == "to" && !preposition) return j;
      if (In(kClauseBreak, N(j))) break;
    }
    return s_.last;
  }

  // "urged Beijing to end its intimidation", "called on the government to approve X".
  void Urge(const CueMatch& cue) {
    size_t to = InfinitiveAfter(cue.last);
    if (to == s_.last) return;
    Actors subjects = SubjectsOf(cue.first);
    if (subjects.empty()) return;
    Actors addressees = ActorsAfter(cue.last, to - cue.last, subjects.front(), false);
    PositionPhrase pos;
    if (!Position(to, s_.last, &pos)) return;
    bool stop = to + 1 < s_.last && In(kStopVerbs, N(to + 1));
    if (stop && !addressees.empty()) Emit(subjects, cue.def->to_actor, addressees, cue, "interaction.urge_stop");
    PositionPhrase stopped;  // "urged Beijing to lift the ban": against the ban
    if (stop && Position(to + 2, s_.last, &stopped))
      EmitPosition(subjects, Relation::kOpposes, stopped, cue, "stance.urge_stop");
    EmitPosition(subjects, cue.def->to_position, pos, cue, "stance.urge");
  }

  // "Washington has said that Iran must not be permitted to enrich uranium";
  // "Washington will not allow Iran to enrich uranium".
  void NotAllow(const CueMatch& cue) {
    if (!Negated(cue.first)) return;
    size_t to = InfinitiveAfter(cue.last);
    if (to == s_.last) return;
    Actors holders;
    if (PassiveAux(cue.first) != s_.last) {
      for (size_t k = cue.first; k-- > s_.first;)
        if (N(k) == "that") {
          holders = FindSubjects(k);
          break;
        }
    } else {
      holders = SubjectsOf(cue.first);
    }
    PositionPhrase pos;
    if (!holders.empty() && Position(to, s_.last, &pos))
      EmitPosition(holders, cue.def->to_position, pos, cue, "stance.not_allow");
  }

  // "no concessions are under consideration", "no X is on the table".
  void NoXOnTable(size_t i) {
    if (N(i) != "no") return;
    for (size_t j = i + 2; j < s_.last && j < i + 7; ++j) {
      if (!In(kBeForms, N(j)) && N(j) != "remain" && N(j) != "remains") continue;
      if (!OffTheTable(j + 1)) return;
      PositionPhrase pos;
      Actors subjects = FindSubjects(i);
      CueMatch cue{nullptr, i, j + 2, false};
      if (!subjects.empty() && Position(i + 1, j, &pos))
        EmitPosition(subjects, Relation::kOpposes, pos, cue, "stance.no_x_on_table");
      return;
    }
  }

  // "the High Court ruled that the deployment was unconstitutional": against it.
  void Unlawful(size_t i) {
    static const WordSet kVerdicts = {"unconstitutional", "illegal", "unlawful", "invalid", "illegitimate",
                                      "void", "inadmissible"};
    if (!In(kVerdicts, N(i)) || i < s_.first + 2) return;
    size_t be = i - 1;
    while (be > s_.first && (N(be) == "not" || EndsWith(N(be), "ly"))) --be;
    if (!In(kBeForms, N(be)) || N(be - 1) == "not") return;
    size_t start = ClauseStart(be);
    if (start == s_.first || N(start - 1) != "that") return;
    PositionPhrase pos;
    Actors subjects = FindSubjects(start - 1);
    CueMatch cue{nullptr, i, i + 1, false};
    if (!subjects.empty() && Position(start, be, &pos))
      EmitPosition(subjects, Relation::kOpposes, pos, cue, "stance.unlawful");
  }

  bool OffTheTable(size_t k) const {
    auto at = [&](size_t j) -> std::string_view { return j < s_.last ? std::string_view(N(j)) : ""; };
    return (at(k) == "under" && at(k + 1) == "consideration") ||
           (at(k) == "on" && at(k + 1) == "the" && at(k + 2) == "table") || at(k) == "acceptable" ||
           at(k) == "negotiable" || at(k) == "possible" ||
           (at(k) == "up" && at(k + 1) == "for" && (at(k + 2) == "discussion" || at(k + 2) == "negotiation")) ||
           (at(k) == "an" && at(k + 1) == "option");
  }

  // "Another block on the road to peace that Russia refuses to remove is X".
  void Obstacle(size_t i) {
    if (!In(kObstacles, N(i))) return;
    Actors actors;
    for (size_t k = i + 1; k < s_.last && k < i + 16; ++k) {
      const Mention* m = doc_.MentionAt(k);
      if (m && actors.empty() && IsActor(m->entity) && !InPP(*m)) actors.push_back(m->entity);
      if (m) k = m->last - 1;
      if (!In(kCopulas, N(k)) || actors.empty()) continue;
      PositionPhrase pos;
      CueMatch cue{nullptr, i, i + 1, false};
      if (Position(k + 1, s_.last, &pos)) EmitPosition(actors, Relation::kOpposes, pos, cue, "stance.obstacle");
      return;
    }
  }

  // "talks between Iran and the United States": they meet.
  void Between(size_t i) {
    if (N(i) != "between" || i + 3 >= s_.last) return;
    bool meeting = false;
    for (size_t k = i; k-- > s_.first && i - k <= 6;) meeting |= In(kBetweenCues, N(k));
    Actors pair = ActorsAfter(i + 1, 8, -1, false);
    if (pair.size() != 2) return;
    NoteGroup(pair);  // "the ceasefire between India and Pakistan ... the two sides"
    if (!meeting) return;
    CueMatch cue{nullptr, i, i + 1, false};
    Emit({pair[0]}, Relation::kMeets, {pair[1]}, cue, "interaction.between");
    // "launched a mediation effort between A and B", "brokered talks between": the
    // mediator meets both.
    for (size_t k = i; k-- > s_.first && i - k <= 6;) {
      const std::string& w = N(k);
      if (w.rfind("mediat", 0) != 0 && w.rfind("broker", 0) != 0) continue;
      Actors mediator = Without(SubjectsOf(k), pair);
      if (!mediator.empty()) Emit(mediator, Relation::kMeets, pair, cue, "interaction.mediator");
      break;
    }
  }

  // "the United States, South Korea and Japan held a joint exercise": they cooperate.
  void Joint(size_t i) {
    if (N(i) != "joint") return;
    for (size_t k = i; k-- > s_.first && doc_.mention_at[k] < 0;)
      if (N(k) == "," || N(k) == ";") return;  // "..., the six governments said in a joint statement"
    CueMatch cue{nullptr, i, i + 1, false};
    EachOther(FindSubjects(i), Relation::kCooperatesWith, cue, "interaction.joint");
  }

  // "before possible negotiations with X", "a potential strike on Iran", "if Israel attacks
  // Iran": an event the text only considers is no fact.
  bool Hypothetical(const CueMatch& cue) const {
    static const WordSet kConsidered = {"possible", "potential", "prospective", "planned", "future",
                                        "proposed", "hypothetical", "eventual", "expected", "likely",
                                        "looming", "feared"};
    for (size_t k = cue.first; k-- > s_.first && cue.first - k <= 3;) {
      if (In(kConsidered, N(k))) return true;
      if (!doc_.tokens[k].word || doc_.mention_at[k] >= 0) break;
    }
    // An event in a condition is not a fact ("if Israel attacks Iran"); a stance in one
    // usually is ("if Moscow kept refusing a ceasefire").
    if (cue.def->to_position != kNone) return false;
    for (size_t k = cue.first; k-- > s_.first;) {  // the cue's clause opens with a condition
      const std::string& n = N(k);
      if (n == "if" || n == "unless" || n == "whether") return true;
      if (In(kClauseBreak, n) || n == "and" || n == "but") return false;
    }
    return false;
  }

  // ---- agents, reciprocals and sponsors

  // The agent of an act noun: "by ACTOR" within its phrase ("the assault by the RSF on
  // Zamzam camp", "the bombardment of markets ... by the Sudanese Armed Forces").
  Actors AgentBy(size_t from) const {
    static const WordSet kVerbal = {"has", "have", "had", "will", "would", "can", "could", "may", "must"};
    for (size_t k = from; k < s_.last && k < from + 14; ++k) {
      const std::string& n = N(k);
      if (k > from && (In(kClauseBreak, n) || In(kSpeech, n) || In(kBeForms, n) || In(kVerbal, n))) break;
      // "drills around Taiwan after a visit to Taipei by Pelosi": "by" belongs to "visit".
      bool complement = n == "of" || n == "on" || n == "against" || n == "in" || n == "across" ||
                        n == "near" || n == "by";
      if (k > from && ((In(kPreps, n) && !complement) || n == "after" || n == "before")) break;
      if (n != "by") continue;
      if (k > from && EndsWith(N(k - 1), "ed")) break;  // "... rejected by Moscow": a passive verb's agent
      return ActorsAfter(k + 1, 6, -1, false);
    }
    return {};
  }

  // The token after the agent that follows a cue ending with "by".
  size_t AfterAgent(size_t k) const {
    if (k < s_.last && N(k) == "the") ++k;
    const Mention* m = doc_.MentionAt(k);
    return m && m->first == k ? m->last : k;
  }

  bool EachOtherAt(size_t k) const {
    auto at = [&](size_t j) -> std::string_view { return j < s_.last ? std::string_view(N(j)) : ""; };
    return (at(k) == "each" && at(k + 1) == "other") || (at(k) == "one" && at(k + 1) == "another");
  }

  // "India and Pakistan accused each other", "the two sides traded fire": every party
  // to every other, both ways.
  void Reciprocal(const Actors& group, Relation rel, const CueMatch& cue, int8_t polarity) {
    NoteGroup(group);
    for (int a : group)
      for (int b : group)
        if (a != b) Emit({a}, rel, {b}, cue, "interaction.reciprocal", polarity);
  }

  // "Iranian-backed Hezbollah", "Hezbollah, the Iranian-backed movement": the sponsor
  // cooperates with the group it backs.
  // Returns whether token i is the participle of such a compound (then no verb).
  bool Sponsor(size_t i) {
    static const WordSet kSponsored = {"backed", "sponsored", "funded", "armed", "supported",
                                       "financed", "trained"};
    if (!In(kSponsored, N(i)) || i < s_.first + 2 || N(i - 1) != "-") return false;
    const Mention* m = MentionEndingAt(i - 2);
    if (!m || !IsActor(m->entity)) return true;
    int backed = -1;
    for (size_t k = i + 1; k < s_.last && k < i + 5 && backed < 0; ++k)
      if (const Mention* g = doc_.MentionAt(k); g && IsActor(g->entity)) backed = g->entity;
    // "Hezbollah, the Iranian-backed movement,": the actor before the description.
    size_t k = m->first;
    while (k > s_.first && k > m->first - 4 && N(k - 1) != ",") --k;
    if (backed < 0 && k > s_.first + 1 && N(k - 1) == ",")
      if (const Mention* g = MentionEndingAt(k - 2); g && IsActor(g->entity)) backed = g->entity;
    if (backed < 0) return true;
    CueMatch cue{nullptr, i - 1, i + 1, false};
    Emit({m->entity}, Relation::kCooperatesWith, {backed}, cue, "interaction.sponsor");
    return true;
  }

  // ---- threats, demands and verdicts as wire reports phrase them

  // The actors a threatened act or its condition names, up to an attribution: "threatened
  // to cut gas supplies to Moldova", "threatened further action against Russia",
  // "threatened to ban voting in East Jerusalem if Hamas ran". Not the threatener's own
  // side.
  Actors ThreatTargets(size_t from, const Actors& subjects) const {
    static const WordSet kConditions = {"if", "unless", "until"};
    Actors out;
    for (size_t k = from; k < s_.last && k < from + 24; ++k) {
      if (doc_.masked[k]) continue;
      const std::string& n = N(k);
      bool list = n == "," && (ListGoesOn(k) || In(kConditions, N(k + 1)));
      if (n == ";" || n == ":" || (n == "," && !list) || (k > from && In(kSpeech, n))) break;
      const Mention* m = doc_.MentionAt(k);
      if (!m) continue;
      k = m->last - 1;
      bool compound = m->last < s_.last && N(m->last) == "-";
      bool attributive = m->form == FormKind::kDemonym && N(m->last - 1).back() != 's';  // "Russian gas"
      if (!IsActor(m->entity) || m->modifier || compound || attributive) continue;
      bool own = std::find(subjects.begin(), subjects.end(), m->entity) != subjects.end() ||
                 (KindOf(subjects.front()) == NodeKind::kPerson && OwnState(subjects.front(), m->entity));
      if (!own && std::find(out.begin(), out.end(), m->entity) == out.end()) out.push_back(m->entity);
    }
    return out;
  }

  // "said they would blockade Paris", "will withdraw its force from Chad unless ...": a
  // coercive act announced for later, in reported speech or under a condition, is a
  // threat against its target, not an event (CAMEO's THREATEN). Returns the end of the
  // act's cue when it read one (the act itself is then not asserted), else 0.
  size_t FutureCoercion(size_t i) {
    static const WordSet kFuture = {"will", "would", "shall", "ll"};
    static const WordSet kCoercive = {"boycott", "withdraw", "blockade", "suspend", "cut", "break",
                                      "halt", "stop", "close", "expel", "ban", "sever", "freeze",
                                      "retaliate", "impose", "sanction", "pull", "block", "seize"};
    if (!In(kFuture, N(i))) return 0;
    size_t v = i + 1;
    while (v < s_.last && v < i + 4 && (EndsWith(N(v), "ly") || N(v) == "also" || N(v) == "then")) ++v;
    if (v >= s_.last || N(v) == "not" || N(v) == "never") return 0;
    CueMatch cue{nullptr, v, v + 1, false};
    bool coercive = In(kCoercive, N(v));
    if (CueMatch c; MatchCue(doc_, v, s_.last, &c)) {
      coercive |= c.def->to_actor == Relation::kAttacks || c.def->to_actor == Relation::kSanctions;
      cue = c;
    }
    if (!coercive || !(Conditional(v) || ReportedBefore(i))) return 0;
    Actors subjects = SubjectsOf(i);
    if (subjects.empty()) return 0;
    Actors targets = ThreatTargets(cue.last, subjects);
    if (targets.empty()) return 0;
    CueMatch threat{nullptr, i, cue.last, false};
    Emit(subjects, Relation::kThreatens, targets, threat, "interaction.future_coercion");
    return cue.last;
  }

  // "... unless Baghdad accepts", "... if Hamas runs": a condition after token k.
  bool Conditional(size_t k) const {
    for (size_t j = k; j < s_.last; ++j)
      if (N(j) == "unless" || N(j) == "if") return true;
    return false;
  }

  // A speech verb before token k in the sentence: "said they would", "warned it would".
  bool ReportedBefore(size_t k) const {
    for (size_t j = k; j-- > s_.first && k - j < 12;)
      if (In(kSpeech, N(j)) || N(j) == "vowed" || N(j) == "threatened") return true;
    return false;
  }

  // "demanded that the US cancel its plans", "insisted that Hamas must disarm": the
  // subject wants what the clause says its subject is to do (CAMEO's DEMAND).
  void ThatClause(const Actors& subjects, const CueMatch& cue, size_t k, int8_t polarity) {
    if (k < s_.last && N(k) == "the") ++k;
    const Mention* m = doc_.MentionAt(k);
    bool pronoun = k < s_.last && (N(k) == "it" || N(k) == "they" || N(k) == "he" || N(k) == "she");
    if (!pronoun && (!m || m->first != k || !IsActor(m->entity))) return;
    k = pronoun ? k + 1 : m->last;
    if (k < s_.last && N(k) == "(") {  // "the Democratic People's Republic of Korea (DPRK) forsake"
      while (k < s_.last && N(k) != ")") ++k;
      ++k;
    }
    while (k + 1 < s_.last && (N(k) == "and" || N(k) == ",")) {  // "Kagame and his party must"
      size_t j = k + 1;
      while (j < s_.last && j < k + 4 && !doc_.MentionAt(j)) ++j;
      const Mention* next = doc_.MentionAt(j);
      if (!next || !IsActor(next->entity)) break;
      k = next->last;
    }
    if (k < s_.last && (N(k) == "must" || N(k) == "should")) ++k;
    PositionPhrase pos;
    if (Position(k, s_.last, &pos)) EmitPosition(subjects, cue.def->to_position, pos, cue, "stance.demand_that", polarity);
  }

  // "Russia said Sudan must return the helicopter", "said US and British forces must ensure
  // security": the speaker wants it done; "must not" opposes it.
  void MustClause(size_t i) {
    if ((N(i) != "must" && N(i) != "should") || i < s_.first + 3) return;
    const Mention* m = MentionEndingAt(i - 1);
    if (!m || !IsActor(m->entity)) return;
    Actors clause{m->entity};
    AddCoordinated(*m, &clause);
    size_t speech = s_.last;
    for (size_t j = PhraseStart(*m); j-- > s_.first && PhraseStart(*m) - j < 8;) {
      if (In(kSpeech, N(j))) speech = j;
      if (speech != s_.last || doc_.mention_at[j] >= 0) break;
    }
    if (speech == s_.last) return;
    Actors speaker = SubjectsOf(speech);
    if (speaker.empty()) return;
    bool negated = i + 1 < s_.last && N(i + 1) == "not";
    size_t vp = negated ? i + 2 : i + 1;
    PositionPhrase pos;
    if (vp >= s_.last || In(kBeForms, N(vp)) || !Position(vp, s_.last, &pos)) return;
    CueMatch cue{nullptr, i, i + 1, false};
    EmitPosition(Without(speaker, clause), negated ? Relation::kOpposes : Relation::kSupports, pos, cue, "stance.must");
  }

  // "removing the sanctions is out of the question", "a third term is unacceptable", said
  // by the subject of a speech verb before the clause.
  void OutOfQuestion(size_t i) {
    if (!In(kBeForms, N(i)) || i < s_.first + 3) return;
    size_t k = i + 1;
    while (k < s_.last && (EndsWith(N(k), "ly") || N(k) == "still" || N(k) == "simply")) ++k;
    auto at = [&](size_t j) -> std::string_view { return j < s_.last ? std::string_view(N(j)) : ""; };
    bool verdict = (at(k) == "out" && at(k + 1) == "of" && at(k + 3) == "question") ||
                   (at(k) == "off" && at(k + 1) == "the" && at(k + 2) == "table") ||
                   at(k) == "unacceptable" || (at(k) == "not" && at(k + 1) == "acceptable") ||
                   (at(k) == "not" && at(k + 1) == "an" && at(k + 2) == "option");
    if (!verdict) return;
    size_t start = ClauseStart(i);
    if (start <= s_.first || (N(start - 1) != "that" && !In(kSpeech, N(start - 1)))) return;
    Actors speaker = FindSubjects(start - 1);
    PositionPhrase pos;
    CueMatch cue{nullptr, i, k + 1, false};
    if (!speaker.empty() && Position(start, i, &pos)) EmitPosition(speaker, Relation::kOpposes, pos, cue, "stance.out_of_question");
  }

  // Consent verbs whose refusal is opposition: "did not accept a truce".
  static bool IsConsent(const std::string& w) {
    static const std::string_view kConsent[] = {"accept", "agree", "approv", "endors", "sign", "ratif", "recogni"};
    for (std::string_view c : kConsent)
      if (w.rfind(c, 0) == 0) return true;
    return false;
  }

  // "lifted / eased / removed sanctions on X": the opposite of imposing them.
  bool Undone(size_t noun) const {
    static const std::string_view kUndo[] = {"lift", "eas", "remov", "end", "scrap", "waiv", "relax",
                                             "drop", "lower", "reduc", "cut", "suspend", "unfreez",
                                             "rescind", "revok", "repeal", "roll"};
    for (size_t k = noun; k-- > s_.first && noun - k <= 4;) {
      const std::string& n = N(k);
      if (!doc_.tokens[k].word || doc_.mention_at[k] >= 0 || In(kClauseBreak, n)) return false;
      for (std::string_view u : kUndo)
        if (n.rfind(u, 0) == 0) return true;
    }
    return false;
  }

  const Doc& doc_;
  const Sentence& s_;
  uint32_t index_;
  RuleState* state_;
  std::vector<Fact>* out_;
  std::vector<Span> quotes_, relatives_, positions_;
  Span passive_subject_;
  int noted_agents_ = 0;
  std::unordered_set<std::string> noted_keys_;
};

}  // namespace

void ApplyRules(const Doc& doc, std::vector<Fact>* out) {
  RuleState state;
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) SentenceRules(doc, s, &state, out).Run();
}

}  // namespace sg::ingest
