// Stance and interaction rules over one sentence's tokens and mentions.
// The clause subject is found by scanning left from the cue for an actor in subject
// position (not inside a prepositional phrase, not a demonym modifying a thing);
// reported speech and "we" inside a quotation resolve to the speaker.

#include "ingest/rules.h"

#include <algorithm>
#include <unordered_set>

#include "ingest/cues.h"
#include "ingest/positions.h"

namespace sg::ingest {
namespace {

using WordSet = std::unordered_set<std::string_view>;

bool In(const WordSet& set, std::string_view w) { return set.count(w) > 0; }

const WordSet kPreps = {"of", "in", "with", "for", "to", "from", "on", "at", "by", "against",
                        "between", "into", "over", "about", "toward", "towards", "among", "than",
                        "like", "after", "before", "during", "under", "including", "via", "across",
                        "through", "without", "amid", "despite", "upon", "within", "beyond"};
// Nouns after a demonym or possessive that make it act: "Russian forces", "Russia's army".
const WordSet kAgentNouns = {
    "officials", "official", "government", "authorities", "leadership", "leaders", "leader",
    "forces", "troops", "army", "military", "navy", "diplomats", "diplomat", "delegation",
    "negotiators", "side", "administration", "regime", "ministry", "state", "drones", "missiles",
    "jets", "warplanes", "artillery", "soldiers", "invasion", "war", "offensive", "strike",
    "strikes", "attack", "attacks", "parliament", "lawmakers", "cabinet", "envoy", "intelligence",
    "air", "president", "prime", "foreign", "defense", "defence", "team", "bombers", "aircraft",
    "units", "fighters", "militants", "police", "security", "spy", "navy", "court", "courts",
    "negotiating", "counterparts", "embassy", "representatives", "aggression", "shelling"};
const WordSet kNegators = {"not", "never", "didnt", "doesnt", "dont", "wont", "cannot", "cant",
                           "wouldnt", "isnt", "arent", "wasnt", "werent", "hasnt", "havent",
                           "hadnt", "shouldnt", "couldnt", "nor", "refused", "refuses", "refuse",
                           "declined", "declines", "failed", "fails"};
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
                              "although", "whereas", ":", "\u2014", "\u2013"};
const WordSet kDealNouns = {"deal", "agreement", "accord", "treaty", "pact", "memorandum",
                            "contract", "declaration", "partnership", "truce", "ceasefire",
                            "understanding", "deals", "agreements"};
const WordSet kSanctionNouns = {"sanctions", "tariffs", "penalties", "restrictions", "embargo",
                                "duties", "levies", "package", "tariff", "sanction"};
const WordSet kObstacles = {"block", "obstacle", "obstacles", "hurdle", "roadblock",
                            "impediment", "stumbling"};
const WordSet kTerritory = {"territory", "territories", "land", "lands", "region", "regions",
                            "oblast", "oblasts", "provinces", "province"};

bool IsFirstPerson(std::string_view n) { return n == "we" || n == "i" || n == "our" || n == "my"; }

struct QuoteSpan {
  size_t first = 0, last = 0;  // tokens inside the quotation marks
  int speaker = -1;
};

// Doc-wide memory of the rules: recent positions, for "such deployment".
struct RuleState {
  std::vector<std::pair<PositionPhrase, uint32_t>> recent;
};

class SentenceRules {
 public:
  SentenceRules(const Doc& doc, uint32_t index, RuleState* state, std::vector<Fact>* out)
      : doc_(doc), s_(doc.sentences[index]), index_(index), state_(state), out_(out) {}

  void Run() {
    FindQuotes();
    for (size_t i = s_.first; i < s_.last; ++i) {
      if (doc_.masked[i] || doc_.mention_at[i] >= 0 || !doc_.tokens[i].word) continue;
      NoXOnTable(i);
      Obstacle(i);
      CueMatch cue;
      if (MatchCue(doc_, i, s_.last, &cue)) Apply(cue);
    }
  }

 private:
  // ---- subjects and objects

  bool IsActor(int entity) const { return entity >= 0 && IsActorKind(doc_.entities[entity].kind); }

  bool InPP(const Mention& m, int depth = 0) const {
    if (m.first <= s_.first || depth > 4) return false;
    size_t k = m.first - 1;
    if (doc_.Norm(k) == "the" && k > s_.first) --k;
    const std::string& n = doc_.Norm(k);
    if (In(kPreps, n)) return true;
    if ((n == "and" || n == "or" || n == ",") && k > s_.first) {
      size_t p = SkipParenthesis(k - 1);
      const Mention* prev = doc_.MentionAt(p);
      return prev && prev->last == p + 1 && InPP(*prev, depth + 1);
    }
    return false;
  }

  // The token before a parenthesis ending at k ("China (PRC)"), else k.
  size_t SkipParenthesis(size_t k) const {
    if (doc_.Norm(k) != ")") return k;
    for (size_t j = k; j-- > s_.first && k - j < 12;)
      if (doc_.Norm(j) == "(") return j > s_.first ? j - 1 : j;
    return k;
  }

  // "encouraging the European Union to ...": the object of a verb form.
  bool AfterVerbForm(const Mention& m) const {
    if (m.first <= s_.first) return false;
    size_t k = m.first - 1;
    if (doc_.Norm(k) == "the" && k > s_.first) --k;
    const Token& t = doc_.tokens[k];
    const std::string& n = t.norm;
    if (!t.word || t.cap || n.size() < 5 || doc_.mention_at[k] >= 0) return false;
    return n.compare(n.size() - 3, 3, "ing") == 0 || n.compare(n.size() - 2, 2, "ed") == 0;
  }

  // An agent noun within the next three words: "Russian forces", "Russia's new army".
  bool AgentFollows(size_t k) const {
    if (k < s_.last && doc_.tokens[k].possessive) ++k;
    for (size_t j = k; j < s_.last && j < k + 3; ++j) {
      if (In(kAgentNouns, doc_.Norm(j))) return true;
      if (!doc_.tokens[j].word || In(kPreps, doc_.Norm(j))) return false;
    }
    return false;
  }

  bool SubjectLike(const Mention& m) const {
    if (m.modifier || !IsActor(m.entity)) return false;
    bool for_to = m.first > s_.first && doc_.Norm(m.first - 1) == "for" && m.last < s_.last &&
                  doc_.Norm(m.last) == "to";
    if ((InPP(m) || AfterVerbForm(m)) && !for_to) return false;
    bool possessive = m.last < s_.last && doc_.tokens[m.last].possessive;
    bool plural_people = m.form == FormKind::kDemonym && doc_.Norm(m.last - 1).back() == 's';
    if (m.form == FormKind::kDemonym && !plural_people) return AgentFollows(m.last);
    if (possessive) return AgentFollows(m.last);
    return true;
  }

  int LastPerson(size_t before) const {
    for (size_t k = before; k-- > 0;) {
      const Mention* m = doc_.MentionAt(k);
      if (m && !m->modifier && doc_.entities[m->entity].kind == NodeKind::kPerson) return m->entity;
    }
    return -1;
  }

  const QuoteSpan* QuoteAt(size_t k) const {
    for (const QuoteSpan& q : quotes_)
      if (k >= q.first && k < q.last) return &q;
    return nullptr;
  }

  int FindSubject(size_t before) const {
    for (size_t k = before; k-- > s_.first;) {
      if (doc_.masked[k] || doc_.appositive[k]) continue;
      const std::string& n = doc_.Norm(k);
      if (n == ";") break;
      if (IsFirstPerson(n)) {
        const QuoteSpan* q = QuoteAt(k);
        if (q && q->speaker >= 0) return q->speaker;
      }
      if ((n == "he" || n == "she") && !QuoteAt(k)) return LastPerson(k);
      const Mention* m = doc_.MentionAt(k);
      if (!m) continue;
      if (SubjectLike(*m)) return m->entity;
      k = m->first;
    }
    return -1;
  }

  // The owner written just before a noun cue: "Russia's invasion", "a massive Russian strike".
  int PossessorBefore(size_t noun) const {
    size_t k = noun;
    while (k > s_.first) {
      const Token& t = doc_.tokens[k - 1];
      bool adjective = t.word && !t.cap && doc_.mention_at[k - 1] < 0 && !In(kPreps, t.norm) &&
                       t.norm != "the" && t.norm != "a" && t.norm != "an" && !In(kBeForms, t.norm) &&
                       t.norm != "his" && t.norm != "her" && t.norm != "its" && t.norm != "their";
      if (!adjective || noun - k >= 3) break;
      --k;
    }
    if (k == s_.first) return -1;
    size_t p = k - 1;
    const std::string& n = doc_.Norm(p);
    if (n == "his" || n == "her" || n == "its" || n == "their") {
      int subj = FindSubject(p);
      return subj >= 0 || n == "its" || n == "their" ? subj : LastPerson(p);
    }
    if (doc_.tokens[p].possessive && p > s_.first) --p;
    const Mention* m = doc_.MentionAt(p);
    return m && m->last == p + 1 && IsActor(m->entity) ? m->entity : -1;
  }

  // The first actor from `from` within `max` tokens of the same clause.
  int ActorAfter(size_t from, size_t max, int exclude) const {
    for (size_t k = from; k < s_.last && k < from + max; ++k) {
      if (doc_.masked[k]) continue;
      if (k > from && In(kClauseBreak, doc_.Norm(k))) break;
      const Mention* m = doc_.MentionAt(k);
      if (!m) continue;
      if (IsActor(m->entity) && m->entity != exclude) return m->entity;
      k = m->last - 1;
    }
    return -1;
  }

  // An actor right after the cue ("rejected Ukraine"), not an owner ("rejected Ukraine's plan").
  const Mention* DirectActor(size_t k) const {
    if (k < s_.last && (doc_.Norm(k) == "the")) ++k;
    const Mention* m = doc_.MentionAt(k);
    if (!m || !IsActor(m->entity) || m->first != k) return nullptr;
    if (m->last < s_.last && doc_.tokens[m->last].possessive) return nullptr;
    if (m->form == FormKind::kDemonym) return nullptr;
    return m;
  }

  // ---- modifiers of a cue

  bool Negated(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 4;) {
      const std::string& n = doc_.Norm(k);
      if (In(kNegators, n)) return !(k + 1 < s_.last && doc_.Norm(k + 1) == "only");
      if (n == "no" && k + 1 < s_.last && doc_.Norm(k + 1) == "longer") return true;
      if (!doc_.tokens[k].word || doc_.mention_at[k] >= 0) return false;
    }
    return false;
  }

  float Modality(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 4;)
      if (In(kModals, doc_.Norm(k))) return 0.7f;
    return 1.0f;
  }

  bool ThreatBefore(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 8;) {
      const std::string& n = doc_.Norm(k);
      if (n.rfind("threat", 0) == 0 || n.rfind("warn", 0) == 0) return true;
    }
    return false;
  }

  // ---- quotations

  void FindQuotes() {
    size_t open = s_.last;
    for (size_t k = s_.first; k < s_.last; ++k) {
      const std::string& n = doc_.Norm(k);
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
    for (QuoteSpan& q : quotes_) q.speaker = Speaker(q);
  }

  int Speaker(const QuoteSpan& q) const {
    size_t k = q.first - 1;  // the opening mark
    while (k > s_.first && (doc_.Norm(k - 1) == "," || doc_.Norm(k - 1) == ":")) --k;
    if (k > s_.first && In(kSpeech, doc_.Norm(k - 1))) return FindSubject(k - 1);
    size_t j = q.last + 1;
    while (j < s_.last && doc_.Norm(j) == ",") ++j;
    if (j < s_.last && In(kSpeech, doc_.Norm(j))) return ActorAfter(j + 1, 6, -1);
    const Mention* m = j < s_.last ? doc_.MentionAt(j) : nullptr;
    if (m && m->last < s_.last && In(kSpeech, doc_.Norm(m->last)) && IsActor(m->entity)) return m->entity;
    return -1;
  }

  // ---- emitting

  void Emit(int subject, Relation rel, int object, const CueMatch& cue, const char* rule,
            int8_t polarity = 1) {
    if (subject < 0 || object < 0 || subject == object || rel == kNone) return;
    if (rel == Relation::kSanctions && ThreatBefore(cue.first)) return;  // a threatened sanction
    Fact f;
    f.subject = subject;
    f.relation = rel;
    f.object = object;
    Finish(cue, rule, polarity, &f);
  }

  void EmitPosition(int subject, Relation rel, PositionPhrase pos, const CueMatch& cue,
                    const char* rule, int8_t polarity = 1) {
    if (subject < 0 || rel == kNone) return;
    Resolve(&pos);
    Fact f;
    f.subject = subject;
    f.relation = rel;
    f.position = pos.name;
    f.position_surface = pos.surface;
    if (pos.proposer >= 0 && pos.proposer != subject && IsActor(pos.proposer)) {
      Fact p = f;
      p.subject = pos.proposer;
      p.relation = Relation::kProposes;
      Finish(cue, "stance.proposal_owner", 1, &p);
    }
    Finish(cue, rule, polarity, &f);
    state_->recent.emplace_back(std::move(pos), index_);
  }

  void Finish(const CueMatch& cue, const char* rule, int8_t polarity, Fact* f) {
    f->sentence = index_;
    f->cue_first = static_cast<uint32_t>(cue.first);
    f->cue_last = static_cast<uint32_t>(cue.last);
    f->rule = rule;
    f->polarity = polarity;
    f->confidence = cue.def ? cue.def->confidence * Modality(cue.first) : Modality(cue.first);
    out_->push_back(std::move(*f));
  }

  // "such deployment" names the position of a recent sentence that shares its stem.
  void Resolve(PositionPhrase* pos) const {
    if (!pos->anaphoric || std::count(pos->name.begin(), pos->name.end(), ' ') > 1) return;
    for (auto it = state_->recent.rbegin(); it != state_->recent.rend(); ++it) {
      if (index_ - it->second > 3) break;
      if (SharesStem(*pos, it->first)) {
        pos->name = it->first.name;
        return;
      }
    }
  }

  bool Position(size_t start, size_t limit, PositionPhrase* pos) const {
    if (!ExtractPosition(doc_, start, limit, pos)) return false;
    // An infinitive of one word ("refuses to remove") says too little.
    return !(pos->verbal && pos->name.find(' ') == std::string::npos);
  }

  // ---- frames

  void Apply(const CueMatch& cue) {
    switch (cue.def->frame) {
      case Frame::kVerb: return Verb(cue);
      case Frame::kNoun: return Noun(cue);
      case Frame::kCopulaFor: return CopulaFor(cue);
      case Frame::kNoRoom: return NoRoom(cue);
      case Frame::kConcede: return Concede(cue);
      case Frame::kWithActor: return WithActor(cue);
      case Frame::kImposeOn: return ImposeOn(cue);
    }
  }

  // "the sanctions", "financial sanctions", "another block": a noun, not a verb.
  bool LooksLikeNoun(size_t cue) const {
    if (cue == s_.first) return false;
    static const WordSet kNounLeft = {
        "the", "a", "an", "its", "his", "her", "their", "our", "new", "further", "more", "any",
        "such", "these", "those", "this", "another", "economic", "financial", "personal", "tougher",
        "fresh", "additional", "western", "sweeping", "targeted", "secondary", "military", "of",
        "and", "no", "first", "second", "latest", "main", "major", "key"};
    const Token& prev = doc_.tokens[cue - 1];
    return In(kNounLeft, prev.norm) || prev.possessive;
  }

  // The be-auxiliary of a passive before the participle, or s_.last.
  size_t PassiveAux(size_t cue) const {
    for (size_t k = cue; k-- > s_.first && cue - k <= 4;) {
      const std::string& n = doc_.Norm(k);
      if (In(kBeForms, n)) return k;
      bool adverb = n == "not" || n == "only" || n == "also" || n == "even" ||
                    (n.size() > 3 && n.compare(n.size() - 2, 2, "ly") == 0);
      if (!adverb) break;
    }
    return s_.last;
  }

  size_t ClauseStart(size_t k) const {
    while (k > s_.first && !In(kClauseBreak, doc_.Norm(k - 1))) --k;
    return k;
  }

  // "X was rejected by Moscow".
  bool Passive(const CueMatch& cue) {
    if (!cue.participle) return false;
    size_t aux = PassiveAux(cue.first);
    if (aux == s_.last) return false;
    size_t by = cue.last;
    if (by >= s_.last || doc_.Norm(by) != "by") return true;  // agentless: no subject
    int agent = ActorAfter(by + 1, 3, -1);
    if (agent < 0) return true;
    size_t start = ClauseStart(aux);
    const Mention* m = doc_.MentionAt(start == aux ? aux : (doc_.Norm(start) == "the" ? start + 1 : start));
    if (m && m->last == aux && IsActor(m->entity)) {
      Emit(agent, cue.def->to_actor, m->entity, cue, "interaction.passive");
      return true;
    }
    PositionPhrase pos;
    if (Position(start, aux, &pos))
      EmitPosition(agent, cue.def->to_position, pos, cue, "stance.passive", Negated(cue.first) ? -1 : 1);
    return true;
  }

  void Verb(const CueMatch& cue) {
    const std::string& first = doc_.Norm(cue.first);
    bool gerund = first.size() > 4 && first.compare(first.size() - 3, 3, "ing") == 0;
    if (gerund && cue.first > s_.first && In(kPreps, doc_.Norm(cue.first - 1))) return;
    if (LooksLikeNoun(cue.first)) return;
    if (Passive(cue)) return;
    int subject = FindSubject(cue.first);
    if (subject < 0) return;
    int8_t polarity = Negated(cue.first) ? -1 : 1;
    const CueDef& d = *cue.def;
    if (d.to_actor != kNone) {
      const Mention* direct = DirectActor(cue.last);
      int object = direct ? direct->entity
                          : (d.to_position == kNone ? ActorAfter(cue.last, 8, subject) : -1);
      if (object >= 0 && object != subject) {
        if (d.to_actor == Relation::kMemberOf &&
            doc_.entities[object].kind != NodeKind::kOrganization)
          return;
        return Emit(subject, d.to_actor, object, cue, "interaction.verb", polarity);
      }
    }
    if (d.to_position == kNone) return;
    size_t k = cue.last;
    if (const Mention* m = DirectActor(k); m && m->last < s_.last && doc_.tokens[m->last].word)
      k = m->last;  // "offered Ukraine security guarantees"
    PositionPhrase pos;
    if (Position(k, s_.last, &pos)) EmitPosition(subject, d.to_position, pos, cue, "stance.verb", polarity);
  }

  void Noun(const CueMatch& cue) {
    int subject = PossessorBefore(cue.first);
    if (subject < 0) subject = FindSubject(cue.first);
    if (subject < 0) return;
    const CueDef& d = *cue.def;
    bool both = d.to_actor == Relation::kThreatens;
    if (d.to_actor != kNone) {
      const Mention* direct = DirectActor(cue.last);
      int object = direct ? direct->entity
                          : (d.to_position == kNone || both ? ActorAfter(cue.last, 10, subject) : -1);
      if (object >= 0) Emit(subject, d.to_actor, object, cue, "interaction.noun");
      if (object >= 0 && !both) return;
    }
    PositionPhrase pos;
    if (d.to_position != kNone && Position(cue.last, s_.last, &pos))
      EmitPosition(subject, d.to_position, pos, cue, "stance.noun");
  }

  // "The proposition for a ceasefire remains a non-starter for Moscow".
  void CopulaFor(const CueMatch& cue) {
    int actor = ActorAfter(cue.last, 2, -1);
    if (actor < 0) return;
    size_t k = cue.first;
    while (k > s_.first && cue.first - k < 5 && !In(kCopulas, doc_.Norm(k - 1))) --k;
    if (k == s_.first || !In(kCopulas, doc_.Norm(k - 1))) return;
    size_t copula = k - 1;
    PositionPhrase pos;
    if (Position(ClauseStart(copula), copula, &pos))
      EmitPosition(actor, cue.def->to_position, pos, cue, "stance.copula_for");
  }

  // "Lavrov has declared that there is no space for compromise".
  void NoRoom(const CueMatch& cue) {
    PositionPhrase pos;
    int subject = FindSubject(cue.first);
    if (subject >= 0 && Position(cue.last, s_.last, &pos))
      EmitPosition(subject, cue.def->to_position, pos, cue, "stance.no_room");
  }

  // "we will not give up what is ours": opposes concessions.
  void Concede(const CueMatch& cue) {
    if (!Negated(cue.first)) return;
    int subject = FindSubject(cue.first);
    if (subject < 0) return;
    PositionPhrase pos;
    size_t end = cue.last;
    while (end < s_.last && end < cue.last + 8 && doc_.tokens[end].word) ++end;
    bool territory = false;
    for (size_t k = cue.last; k < end; ++k) territory |= In(kTerritory, doc_.Norm(k));
    pos.name = territory ? "territorial concession" : "concession";
    pos.surface = std::string(doc_.Surface(static_cast<uint32_t>(cue.first), static_cast<uint32_t>(end)));
    EmitPosition(subject, cue.def->to_position, pos, cue, "stance.concede");
  }

  // "signed a trade deal with Beijing".
  void WithActor(const CueMatch& cue) {
    bool deal = false;
    for (size_t k = cue.last; k < s_.last && k < cue.last + 8; ++k) {
      const std::string& n = doc_.Norm(k);
      deal |= In(kDealNouns, n) || In(kDealNouns, doc_.Norm(cue.last - 1));
      if (n == "with" && deal) {
        int subject = FindSubject(cue.first);
        return Emit(subject, cue.def->to_actor, ActorAfter(k + 1, 3, subject), cue, "interaction.with");
      }
      if (In(kClauseBreak, n)) return;
    }
  }

  // "imposed new sanctions on Russia".
  void ImposeOn(const CueMatch& cue) {
    bool sanction = false;
    for (size_t k = cue.last; k < s_.last && k < cue.last + 8; ++k) {
      const std::string& n = doc_.Norm(k);
      sanction |= In(kSanctionNouns, n);
      if ((n == "on" || n == "against") && sanction) {
        int subject = FindSubject(cue.first);
        return Emit(subject, cue.def->to_actor, ActorAfter(k + 1, 3, subject), cue, "interaction.impose");
      }
      if (In(kClauseBreak, n)) return;
    }
  }

  // "no concessions are under consideration", "no X is on the table".
  void NoXOnTable(size_t i) {
    if (doc_.Norm(i) != "no") return;
    for (size_t j = i + 2; j < s_.last && j < i + 7; ++j) {
      if (!In(kBeForms, doc_.Norm(j)) && doc_.Norm(j) != "remain" && doc_.Norm(j) != "remains") continue;
      if (!OffTheTable(j + 1)) return;
      PositionPhrase pos;
      int subject = FindSubject(i);
      CueMatch cue{nullptr, i, j + 2, false};
      if (subject >= 0 && Position(i + 1, j, &pos))
        EmitPosition(subject, Relation::kOpposes, pos, cue, "stance.no_x_on_table");
      return;
    }
  }

  bool OffTheTable(size_t k) const {
    auto at = [&](size_t j) -> std::string_view { return j < s_.last ? std::string_view(doc_.Norm(j)) : ""; };
    return (at(k) == "under" && at(k + 1) == "consideration") ||
           (at(k) == "on" && at(k + 1) == "the" && at(k + 2) == "table") || at(k) == "acceptable" ||
           at(k) == "negotiable" || at(k) == "possible" ||
           (at(k) == "up" && at(k + 1) == "for" && (at(k + 2) == "discussion" || at(k + 2) == "negotiation")) ||
           (at(k) == "an" && at(k + 1) == "option");
  }

  // "Another block on the road to peace that Russia refuses to remove is X".
  void Obstacle(size_t i) {
    if (!In(kObstacles, doc_.Norm(i))) return;
    int actor = -1;
    for (size_t k = i + 1; k < s_.last && k < i + 16; ++k) {
      const Mention* m = doc_.MentionAt(k);
      if (m && actor < 0 && IsActor(m->entity) && !InPP(*m)) actor = m->entity;
      if (m) k = m->last - 1;
      if (!In(kCopulas, doc_.Norm(k)) || actor < 0) continue;
      PositionPhrase pos;
      CueMatch cue{nullptr, i, i + 1, false};
      if (Position(k + 1, s_.last, &pos)) EmitPosition(actor, Relation::kOpposes, pos, cue, "stance.obstacle");
      return;
    }
  }

  const Doc& doc_;
  const Sentence& s_;
  uint32_t index_;
  RuleState* state_;
  std::vector<Fact>* out_;
  std::vector<QuoteSpan> quotes_;
};

}  // namespace

void ApplyRules(const Doc& doc, std::vector<Fact>* out) {
  RuleState state;
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) SentenceRules(doc, s, &state, out).Run();
}

}  // namespace sg::ingest
