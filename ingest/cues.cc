#include "ingest/cues.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sg::ingest {
namespace {

constexpr Relation S = Relation::kSupports, O = Relation::kOpposes, P = Relation::kProposes,
                   MEET = Relation::kMeets, COOP = Relation::kCooperatesWith,
                   CRIT = Relation::kCriticizes, THR = Relation::kThreatens,
                   SANC = Relation::kSanctions, ATT = Relation::kAttacks,
                   MEMB = Relation::kMemberOf, N = kNone;
constexpr Frame V = Frame::kVerb, NN = Frame::kNoun;

// Ordered by relation. "~" gives the regular verb forms, "~~" doubles the final
// consonant ("scrapped"); irregular forms are spelled out.
constexpr CueDef kCues[] = {
    // --- support of a position (an actor object means cooperation)
    {"support~", V, S, COOP, 1}, {"back~", V, S, COOP, 1}, {"endorse~", V, S, COOP, 1},
    {"favor~", V, S, N, 1}, {"favour~", V, S, N, 1}, {"welcome~", V, S, MEET, 1},
    {"hail~", V, S, N, 1}, {"defend~ the|this|that|these|those", V, S, N, 0.9f}, {"defend~", V, N, COOP, 0.9f}, {"praise~", V, S, COOP, 0.9f}, {"call~ for", V, S, N, 1}, {"demand~", V, S, N, 1},
    {"advocate~", V, S, N, 1}, {"champion~", V, S, N, 1}, {"push~ for", V, S, N, 1},
    {"press~ for", V, S, N, 1}, {"seek|seeks|sought|seeking", V, S, N, 0.8f},
    {"agree~ to|on|upon", V, S, N, 1}, {"accept~", V, S, N, 0.9f}, {"embrace~", V, S, N, 1},
    {"insist~ on", V, S, N, 1}, {"pledge~", V, S, N, 1}, {"promise~", V, S, N, 0.9f},
    {"vow~", V, S, N, 1}, {"commit~~ to", V, S, N, 1}, {"approve~", V, S, N, 1},
    {"want~", V, S, N, 0.8f}, {"take|takes|took|taken|taking the lead in|on", V, S, N, 1},
    {"lead|leads|led|leading efforts|push|calls to|for", V, S, N, 1},
    {"in favor|favour of", V, S, N, 1}, {"open to", V, S, N, 0.8f},
    {"ready to|for", V, S, N, 0.8f}, {"willing to", V, S, N, 0.8f},
    {"committed to", V, S, N, 1}, {"eager to|for", V, S, N, 0.8f}, {"keen on|to", V, S, N, 0.8f},
    {"stand|stands|stood|standing by", V, S, COOP, 0.8f},
    {"commitment|commitments to", NN, S, N, 1}, {"support for", NN, S, COOP, 1},
    {"call|calls for", NN, S, N, 1}, {"readiness to|for", NN, S, N, 1},
    {"insistence on", NN, S, N, 1}, {"push for", NN, S, N, 1}, {"demand|demands for", NN, S, N, 1},
    {"promise|promises|pledge|pledges to", NN, S, N, 0.9f}, {"backing for|of", NN, S, COOP, 1},
    // --- proposals
    {"propose~", V, P, N, 1}, {"suggest~", V, P, N, 1}, {"draft~", V, P, N, 0.9f},
    {"hope~", V, S, N, 0.8f}, {"urge~", Frame::kUrge, S, CRIT, 1},
    {"call|calls|called|calling on|upon", Frame::kUrge, S, CRIT, 1},
    {"encourage~", Frame::kUrge, S, N, 0.9f}, {"appeal~ to", Frame::kUrge, S, N, 0.9f},
    {"allow~", Frame::kNotAllow, O, N, 1}, {"permit~~", Frame::kNotAllow, O, N, 1},
    {"put|puts|putting forward", V, P, N, 1}, {"float~", V, P, N, 0.9f},
    {"unveil~", V, P, N, 1}, {"offer~", V, P, N, 0.8f},
    {"proposal|proposals|plan|plans|initiative for|on|to", NN, P, N, 0.9f},
    // --- opposition to a position (an actor object means criticism)
    {"oppose~", V, O, CRIT, 1}, {"reject~", V, O, CRIT, 1},
    {"rule|rules|ruled|ruling out", V, O, N, 1}, {"refuse~", V, O, N, 1},
    {"dismiss~", V, O, CRIT, 0.9f}, {"block~", V, O, N, 1},
    {"veto|vetoes|vetoed|vetoing", V, O, N, 1}, {"resist~", V, O, N, 1},
    {"object~ to", V, O, N, 1}, {"balk~ at", V, O, N, 1}, {"rebuff~", V, O, CRIT, 1},
    {"spurn~", V, O, N, 1}, {"scrap~~", V, O, N, 1}, {"warn~ against", V, O, N, 0.9f},
    {"vote~ against", V, O, N, 1}, {"speak|speaks|spoke|speaking out against", V, O, CRIT, 1},
    {"withdraw|withdraws|withdrew|withdrawn|withdrawing from", V, O, N, 0.9f},
    {"adamant against|about", V, O, N, 1}, {"opposed to", V, O, N, 1},
    {"is|are|was|were against", V, O, N, 0.9f}, {"hostile to|toward|towards", V, O, CRIT, 0.8f},
    {"skeptical|sceptical of|about", V, O, N, 0.7f}, {"wary of", V, O, N, 0.7f},
    {"reluctant to", V, O, N, 0.7f}, {"unwilling to", V, O, N, 0.9f},
    {"opposition|objection|objections to", NN, O, N, 1}, {"rejection of", NN, O, N, 1},
    {"refusal to|of", NN, O, N, 1}, {"veto of|on", NN, O, N, 1},
    {"non-starter|nonstarter|dealbreaker|deal-breaker for|to", Frame::kCopulaFor, O, N, 1},
    {"red line for", Frame::kCopulaFor, O, N, 1},
    {"unacceptable to|for", Frame::kCopulaFor, O, N, 1}, {"anathema to", Frame::kCopulaFor, O, N, 1},
    {"no space|room|place for", Frame::kNoRoom, O, N, 1}, {"no question of", Frame::kNoRoom, O, N, 1},
    {"give|gives|gave|given|giving up", Frame::kConcede, O, N, 1}, {"cede~", Frame::kConcede, O, N, 1},
    {"surrender~", Frame::kConcede, O, N, 1}, {"concede~", Frame::kConcede, O, N, 1},
    {"hand~ over", Frame::kConcede, O, N, 1},
    {"cease~ fire|fighting|hostilities", Frame::kCeaseFire, S, N, 1},
    {"stop|stops|stopped|stopping fighting|the fighting", Frame::kCeaseFire, S, N, 0.9f},
    // --- meetings
    {"meet|meets|met", V, N, MEET, 1}, {"meet|meets|met with", V, N, MEET, 1},
    {"hold|holds|held|holding", Frame::kWithActor, N, MEET, 1},
    {"talk~ with|to", V, N, MEET, 0.9f}, {"host~", V, N, MEET, 0.9f},
    {"visit~", V, N, MEET, 0.8f}, {"receive~", V, N, MEET, 0.8f}, {"negotiate~ with", V, N, MEET, 1},
    {"speak|speaks|spoke|spoken|speaking with|to", V, N, MEET, 0.8f},
    // "Biden told Netanyahu that ...": speaking to an actor, not to reporters
    {"tell|tells|told|telling", V, N, MEET, 0.8f},
    {"talks|meeting|meetings|summit|negotiations with", NN, N, MEET, 0.9f},
    {"phone|telephone call with", NN, N, MEET, 0.9f}, {"call|calls with", NN, N, MEET, 0.8f},
    // --- cooperation
    {"cooperate~ with", V, N, COOP, 1}, {"partner~ with", V, N, COOP, 1},
    {"ally|allies|allied with", V, N, COOP, 1}, {"team~ up with", V, N, COOP, 1},
    {"aid~", V, N, COOP, 0.8f},
    // giving: "donated medicine to the Red Crescent", "gave Tanzania a grant"
    {"donate~", Frame::kGiveTo, N, COOP, 0.9f}, {"deliver~", Frame::kGiveTo, N, COOP, 0.8f},
    {"grant~", Frame::kGiveTo, N, COOP, 0.9f},
    {"provide~", Frame::kGiveTo, N, COOP, 0.8f}, {"give|gives|gave|given|giving", Frame::kGiveTo, N, COOP, 0.8f},
    {"supply|supplies|supplied|supplying", Frame::kGiveTo, N, COOP, 0.8f}, {"arm~", V, N, COOP, 0.9f}, {"train~", V, N, COOP, 0.8f},
    {"fund~", V, N, COOP, 0.9f}, {"equip~~", V, N, COOP, 0.9f}, {"finance~", V, N, COOP, 0.9f},
    {"partnership|cooperation|alliance|rapprochement|collaboration with", NN, N, COOP, 1},
    {"sign~", Frame::kWithActor, N, COOP, 1}, {"reach|reaches|reached|reaching", Frame::kWithActor, N, COOP, 1},
    {"strike|strikes|struck|striking a deal", Frame::kWithActor, N, COOP, 1},
    {"conclude~", Frame::kWithActor, N, COOP, 1}, {"forge~", Frame::kWithActor, N, COOP, 1},
    {"join~", V, N, MEMB, 0.9f}, {"form~", V, N, MEMB, 0.8f}, {"found~", V, N, MEMB, 0.8f},
    {"turn~ to", V, N, COOP, 0.8f}, {"co-host~", V, N, COOP, 1}, {"co-sponsor~", V, N, COOP, 1},
    {"co-chair~", V, N, COOP, 1}, {"co-organize~", V, N, COOP, 1},
    {"sever~", Frame::kWithActor, N, CRIT, 1}, {"cut|cuts|cutting", Frame::kWithActor, N, CRIT, 1},
    {"boycott~", V, O, N, 0.9f}, {"decline~", V, O, N, 0.8f}, {"bring|brings|brought|bringing", Frame::kTogether, N, MEET, 0.9f},
    // --- verbal conflict
    {"accuse~", V, N, CRIT, 1}, {"summon~", V, N, CRIT, 0.9f}, {"condemn~", V, O, CRIT, 1}, {"criticize~", V, O, CRIT, 1},
    {"criticise~", V, O, CRIT, 1}, {"denounce~", V, O, CRIT, 1}, {"blame~", V, N, CRIT, 1},
    {"slam~~", V, O, CRIT, 1}, {"lambast~", V, O, CRIT, 1}, {"rebuke~", V, N, CRIT, 1},
    {"chide~", V, N, CRIT, 1}, {"castigate~", V, N, CRIT, 1}, {"disparage~", V, N, CRIT, 1},
    {"mock~", V, N, CRIT, 0.9f}, {"lash|lashes|lashed|lashing out at", V, N, CRIT, 1},
    {"criticism|condemnation of", NN, N, CRIT, 1}, {"protest|protests to|with|against", NN, N, CRIT, 1}, {"accusations against", NN, N, CRIT, 1},
    // --- threats
    {"threaten~", V, N, THR, 1}, {"warn~", V, N, THR, 0.6f}, {"surround~", V, N, THR, 0.9f},
    {"test-fire~", V, N, THR, 0.9f}, {"drills|exercises|exercise|maneuvers|manoeuvres around|near|off", NN, N, THR, 0.8f},
    {"threat|threats to|against", NN, S, THR, 0.9f}, {"ultimatum to", NN, N, THR, 1},
    // --- sanctions
    {"sanction~", V, N, SANC, 1}, {"blacklist~", V, N, SANC, 1},
    {"ban~~ imports|exports|purchases|shipments", Frame::kTradeBan, N, SANC, 1},
    {"suspend|suspends|suspended|suspending|halt|halts|halted|halting|restrict|restricts|restricted|"
     "restricting|block|blocks|blocked|blocking|bar|bars|barred|barring|stop|stops|stopped|stopping "
     "imports|exports|purchases|shipments|all", Frame::kTradeBan, N, SANC, 1},
    {"suspend~", Frame::kTradeBan, N, SANC, 0.9f}, {"freeze~", Frame::kTradeBan, N, SANC, 0.9f},
    {"close~ its|their|the border|borders", Frame::kTradeBan, N, SANC, 0.9f},
    {"suspension|suspensions|freeze|halt of", Frame::kTradeBan, N, SANC, 0.9f},
    {"impose~", Frame::kImposeOn, N, SANC, 1}, {"slap~~", Frame::kImposeOn, N, SANC, 1},
    {"levy|levies|levied|levying", Frame::kImposeOn, N, SANC, 1},
    {"adopt~", Frame::kImposeOn, N, SANC, 0.9f}, {"tighten~", Frame::kImposeOn, N, SANC, 0.9f},
    {"raise~", Frame::kImposeOn, N, SANC, 0.9f}, {"hike~", Frame::kImposeOn, N, SANC, 0.9f},
    {"announce~", Frame::kImposeOn, N, SANC, 0.9f},
    {"lobby|lobbies|lobbied|lobbying", Frame::kUrge, S, N, 0.9f},
    {"sanctions|tariffs|tariff|embargo|penalties|duties on|against", NN, N, SANC, 0.9f},
    // --- material conflict
    {"attack~", V, N, ATT, 1}, {"strike|strikes|struck|striking", V, N, ATT, 1},
    {"invade~", V, N, ATT, 1}, {"launch~", V, N, ATT, 0.8f}, {"bomb~", V, N, ATT, 1}, {"shell~", V, N, ATT, 1},
    {"hit|hits|hitting", V, N, ATT, 0.8f}, {"target~", V, N, ATT, 0.9f},
    {"shoot|shoots|shot|shooting down", V, N, ATT, 1},
    {"fire|fires|fired|firing missiles|rockets|drones|shells at|on|into", V, N, ATT, 1},
    {"launch|launches|launched|launching attacks|strikes|missiles|drones at|on|against", V, N, ATT, 1},
    {"strike|strikes|airstrike|airstrikes|attack|attacks|assault|assaults on|against", NN, N, ATT, 1},
    {"invasion|bombing|shelling|occupation|bombardment of", NN, N, ATT, 1},
    {"war|aggression|offensive against|on", NN, N, ATT, 0.9f},
    {"drone|bombing|air|military|missile|artillery|shelling campaign|campaigns against|on", NN, N, ATT, 0.9f},
};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool EndsWith(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

// "reject" -> reject, rejects, rejected, rejecting.
std::vector<std::string> VerbForms(std::string lemma, bool doubled) {
  std::string third, past, ing;
  if (EndsWith(lemma, "s") || EndsWith(lemma, "x") || EndsWith(lemma, "z") ||
      EndsWith(lemma, "ch") || EndsWith(lemma, "sh") || EndsWith(lemma, "o"))
    third = lemma + "es";
  else if (lemma.size() > 1 && lemma.back() == 'y' && !IsVowel(lemma[lemma.size() - 2]))
    third = lemma.substr(0, lemma.size() - 1) + "ies";
  else
    third = lemma + "s";
  if (doubled) {
    past = lemma + lemma.back() + "ed";
    ing = lemma + lemma.back() + "ing";
  } else if (lemma.back() == 'e') {
    past = lemma + "d";
    ing = lemma.substr(0, lemma.size() - 1) + "ing";
  } else if (lemma.size() > 1 && lemma.back() == 'y' && !IsVowel(lemma[lemma.size() - 2])) {
    past = lemma.substr(0, lemma.size() - 1) + "ied";
    ing = lemma + "ing";
  } else {
    past = lemma + "ed";
    ing = lemma + "ing";
  }
  return {lemma, third, past, ing};
}

std::vector<std::string> Alternatives(std::string_view word) {
  std::vector<std::string> out;
  if (word.size() > 2 && word.substr(word.size() - 2) == "~~")
    return VerbForms(std::string(word.substr(0, word.size() - 2)), true);
  if (word.back() == '~') return VerbForms(std::string(word.substr(0, word.size() - 1)), false);
  for (size_t start = 0;;) {
    size_t bar = word.find('|', start);
    out.emplace_back(word.substr(start, bar == std::string_view::npos ? bar : bar - start));
    if (bar == std::string_view::npos) return out;
    start = bar + 1;
  }
}

struct Compiled {
  std::vector<std::unordered_set<std::string>> words;  // words[0] holds every first word
  const CueDef* def;
};

struct CueIndex {
  std::unordered_map<std::string, std::vector<std::shared_ptr<const Compiled>>> by_first;
};

// shared_ptr: one compiled cue is listed under each of its first words.
const CueIndex& Index() {
  static const CueIndex index = [] {
    CueIndex idx;
    for (const CueDef& def : kCues) {
      auto c = std::make_shared<Compiled>();
      c->def = &def;
      std::string_view p = def.pattern;
      for (size_t start = 0; start <= p.size();) {
        size_t sp = p.find(' ', start);
        std::string_view w = p.substr(start, sp == std::string_view::npos ? sp : sp - start);
        auto alts = Alternatives(w);
        c->words.emplace_back(alts.begin(), alts.end());
        if (sp == std::string_view::npos) break;
        start = sp + 1;
      }
      for (const std::string& first : c->words[0]) idx.by_first[first].push_back(c);
    }
    return idx;
  }();
  return index;
}

bool IsParticiple(const std::string& w) {
  static const std::unordered_set<std::string_view> kIrregular = {
      "struck", "taken", "given", "held", "met", "hit", "shot", "sought", "withdrawn", "put",
      "led", "made", "told", "spoken", "stood"};
  return EndsWith(w, "ed") || kIrregular.count(w) > 0;
}

// A WordNet class verb reads like the hand-written verb of its relation ("attack~",
// "criticize~", ...), a little less sure.
const CueDef* ClassCue(Relation relation) {
  static constexpr CueDef kClassCues[] = {
      {"wordnet:attack", V, N, ATT, 0.8f}, {"wordnet:criticize", V, O, CRIT, 0.8f},
      {"wordnet:sanction", V, N, SANC, 0.8f}, {"wordnet:meet", V, N, MEET, 0.8f},
      {"wordnet:threaten", V, N, THR, 0.8f}};
  for (const CueDef& def : kClassCues)
    if (def.to_actor == relation) return &def;
  return nullptr;
}

// "the bombardment of X", "the expulsion of X's diplomats", "the abduction by X": a
// WordNet act noun with its preposition reads like the hand-written noun cues.
bool MatchClassNoun(const Doc& doc, size_t i, size_t end, CueMatch* out) {
  static constexpr CueDef kNounCues[] = {
      {"wordnet-noun:attack", NN, N, ATT, 0.8f}, {"wordnet-noun:criticize", NN, N, CRIT, 0.8f},
      {"wordnet-noun:sanction", NN, N, SANC, 0.8f}};
  if (i + 1 >= end || doc.masked[i + 1]) return false;
  const std::string& prep = doc.Norm(i + 1);
  if (prep != "of" && prep != "on" && prep != "against" && prep != "by") return false;
  std::optional<Relation> rel = ActNounClass(doc.Norm(i));
  if (!rel) return false;
  for (const CueDef& def : kNounCues)
    if (def.to_actor == *rel) {
      *out = CueMatch{&def, i, i + 2, false};
      return true;
    }
  return false;
}

bool MatchClassVerb(const Doc& doc, size_t i, size_t end, CueMatch* out) {
  if (MatchClassNoun(doc, i, end, out)) return true;
  VerbClassMatch v;
  if (!MatchVerbClass(doc, i, end, &v)) return false;
  const CueDef* def = ClassCue(v.relation);
  if (def == nullptr) return false;
  *out = CueMatch{def, v.first, v.last, v.participle};
  return true;
}

}  // namespace

bool MatchCue(const Doc& doc, size_t i, size_t end, CueMatch* out) {
  const auto& idx = Index().by_first;
  auto it = idx.find(doc.Norm(i));
  if (it == idx.end()) return MatchClassVerb(doc, i, end, out);
  size_t best = 0;
  for (const auto& c : it->second) {
    size_t n = c->words.size();
    if (i + n > end || n <= best) continue;
    bool ok = true;
    for (size_t k = 1; k < n && ok; ++k)
      ok = !doc.masked[i + k] && c->words[k].count(doc.Norm(i + k)) > 0;
    if (!ok) continue;
    best = n;
    *out = CueMatch{c->def, i, i + n, IsParticiple(doc.Norm(i))};
  }
  return best > 0 || MatchClassVerb(doc, i, end, out);
}

}  // namespace sg::ingest
