#include "ingest/positions.h"

#include <algorithm>
#include <unordered_set>

namespace sg::ingest {
namespace {

using WordSet = std::unordered_set<std::string_view>;

// Words that end a position phrase: clause links, auxiliaries, time words.
bool IsStop(std::string_view n) {
  static const WordSet kStop = {
      "that", "which", "who", "whom", "whose", "because", "since", "while", "whereas", "although",
      "though", "but", "as", "if", "when", "whenever", "after", "before", "during", "despite",
      "amid", "until", "unless", "so", "instead", "without", "is", "are", "was", "were", "will",
      "would", "could", "should", "can", "may", "might", "must", "has", "have", "had", "do", "does",
      "did", "said", "says", "say", "according", "yesterday", "today", "tomorrow", "earlier",
      "later", "again", "now", "then", "rather", "saying", "adding", "where", "once",
      "not", "nor", "thereby", "therefore", "however", "also", "whether", "than"};
  return kStop.count(n) > 0;
}

bool IsLeading(std::string_view n) {
  static const WordSet kLead = {
      "the", "a", "an", "any", "all", "such", "this", "that", "these", "those", "its", "his", "her",
      "their", "our", "my", "your", "some", "further", "possible", "potential", "even", "very",
      "more", "most", "so-called", "proposed", "only", "also", "just", "each", "every", "either",
      "both", "much", "much-anticipated", "anticipated", "new", "latest", "recent", "current",
      "so", "quite", "really", "again", "immediate", "swift", "quick", "real", "genuine", "actual",
      "entire", "whole", "full", "other", "critical", "many", "several", "elements", "element",
      "parts", "part"};
  return kLead.count(n) > 0;
}

bool IsQuantifier(std::string_view n) {
  return n == "some" || n == "all" || n == "most" || n == "any" || n == "each" || n == "both" ||
         n == "many" || n == "much" || n == "one" || n == "part" || n == "parts" || n == "elements" ||
         n == "element";
}

bool IsAnaphoric(std::string_view n) {
  return n == "such" || n == "this" || n == "that" || n == "these" || n == "those";
}

bool IsFraming(std::string_view n) {
  static const WordSet kFrame = {
      "discussion", "discussions", "talk", "talks", "negotiation", "negotiations", "debate",
      "idea", "ideas", "notion", "proposal", "proposals", "proposition", "initiative", "initiatives",
      "plan", "plans", "prospect", "prospects", "possibility", "question", "issue", "matter",
      "demand", "demands", "call", "calls", "push", "concept", "option", "suggestion", "offer",
      "subject", "topic", "consideration", "case", "principle", "policy", "participation",
      "effort", "efforts", "attempt", "attempts", "bid"};
  return kFrame.count(n) > 0;
}

// Framing nouns whose owner proposes the position: "the French initiative on X".
bool IsProposal(std::string_view n) {
  static const WordSet kOwn = {"proposal", "proposals", "proposition", "initiative",
                               "initiatives", "plan", "plans", "idea", "call", "calls",
                               "push", "suggestion", "offer", "demand", "demands"};
  return kOwn.count(n) > 0;
}

// Nouns of an attempt: "efforts to end the war", "any effort that helped end the war".
bool IsEffort(std::string_view n) {
  return n == "effort" || n == "efforts" || n == "attempt" || n == "attempts" || n == "bid" ||
         n == "bids";
}

bool IsFramePrep(std::string_view n) {
  return n == "on" || n == "of" || n == "for" || n == "about" || n == "over" || n == "regarding" ||
         n == "to";
}

bool IsPrep(std::string_view n) {
  static const WordSet kPrep = {"of", "on", "for", "to", "in", "with", "from", "against", "between",
                                "about", "over", "under", "into", "by", "at", "and", "or",
                                "toward", "towards", "among", "without", "through", "across"};
  return kPrep.count(n) > 0;
}

bool IsPronoun(std::string_view n) {
  static const WordSet kPron = {"it", "them", "him", "her", "this", "that", "these", "those", "us",
                                "me", "you", "itself", "themselves", "what", "which", "who", "they",
                                "he", "she", "we", "i", "there", "something", "anything", "one",
                                "ones", "so", "here", "whatever", "down", "away", "off", "out",
                                "up", "back", "over", "ahead"};
  return kPron.count(n) > 0;
}

bool IsMonth(std::string_view n) {
  static const WordSet kMonths = {"january", "february", "march", "april", "may", "june", "july",
                                  "august", "september", "october", "november", "december"};
  return kMonths.count(n) > 0;
}

// "on March 7", "in 2024", "this week": a time adjunct starts at k.
bool TimeAdjunct(const Doc& doc, size_t k, size_t limit) {
  const std::string& n = doc.Norm(k);
  if (n == "last" || n == "next" || n == "this") {
    return k + 1 < limit && (doc.Norm(k + 1) == "week" || doc.Norm(k + 1) == "month" ||
                             doc.Norm(k + 1) == "year" || IsMonth(doc.Norm(k + 1)));
  }
  if (n != "on" && n != "in" && n != "by" && n != "since" && n != "within") return false;
  static const WordSet kDays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                "sunday", "hours", "days", "weeks", "the"};
  if (k + 1 >= limit) return false;
  const std::string& next = doc.Norm(k + 1);
  if (next == "the") return n == "within";
  return IsMonth(next) || doc.tokens[k + 1].digit || kDays.count(next) > 0;
}

// "X and requested Y", "X and to exchange Y": a second predicate starts at "and".
bool SecondClause(const Doc& doc, size_t k, size_t limit) {
  if (doc.Norm(k) != "and" || k + 1 >= limit) return false;
  const Token& next = doc.tokens[k + 1];
  const std::string& n = next.norm;
  bool past = !next.cap && n.size() > 4 && n.compare(n.size() - 2, 2, "ed") == 0;
  if (past || IsPrep(n) || n == "said" || n == "says") return true;  // "X and for Y", "X and to Y"
  // "X and Mexican President Claudia Sheinbaum agreed": a capitalised subject, then a verb.
  for (size_t j = k + 2; j < limit && j < k + 7; ++j) {
    const Token& t = doc.tokens[j];
    bool verb = t.word && !t.cap && t.norm.size() > 4 && t.norm.compare(t.norm.size() - 2, 2, "ed") == 0;
    if (verb) return doc.tokens[j - 1].cap;
    if (!t.word) return false;
  }
  return false;
}

bool Joined(const Doc& doc, size_t k) {
  return k > 0 && doc.tokens[k].begin == doc.tokens[k - 1].end;
}

// The end of the raw phrase from `k`.
size_t PhraseEnd(const Doc& doc, size_t k, size_t limit) {
  size_t end = k, words = 0;
  while (end < limit && words < 16 && !doc.masked[end]) {
    const Token& t = doc.tokens[end];
    if (!t.word) {
      bool inner = t.possessive || ((t.norm == "-" || t.norm == "/") && Joined(doc, end)) ||
                   t.norm == "\u20ac" || t.norm == "$" || t.norm == "\u00a3" || t.norm == "%";
      if (!inner) break;
    } else if (IsStop(t.norm) || TimeAdjunct(doc, end, limit) || SecondClause(doc, end, limit)) {
      break;
    }
    words += t.word;
    ++end;
  }
  while (end > k && (!doc.tokens[end - 1].word || IsPrep(doc.Norm(end - 1)) ||
                     IsLeading(doc.Norm(end - 1))))
    --end;
  return end;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool IsPluralException(std::string_view w) {
  static const WordSet kKeep = {"talks", "news", "arms", "means", "series", "politics", "economics",
                                "affairs", "species", "gas", "bus", "status", "crisis", "basis",
                                "analysis", "thesis", "whereas", "its", "this", "us", "headquarters",
                                "logistics", "ethics", "physics", "tactics", "always", "sometimes",
                                "towards", "afterwards", "lens", "chaos", "congress"};
  return kKeep.count(w) > 0;
}

std::string Singular(std::string w) {
  auto ends = [&](std::string_view s) { return w.size() > s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0; };
  if (w.size() <= 3 || IsPluralException(w) || !(w.back() == 's')) return w;
  if (ends("ss") || ends("us") || ends("is")) return w;
  if (ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zes")) return w.substr(0, w.size() - 2);
  if (ends("ses")) return w.substr(0, w.size() - 1);  // "bases", "responses", "purchases"
  return w.substr(0, w.size() - 1);
}

// One word of the name: proper nouns keep their case; the head is singular.
std::string NameWord(const Doc& doc, size_t k, bool head) {
  const Token& t = doc.tokens[k];
  std::string w(Surface(doc.text, t));
  bool proper = t.cap && (doc.mention_at[k] >= 0 || t.upper || doc.sentences[doc.sentence_of[k]].first != k);
  if (!proper) w = Lower(w);
  if (head && !t.cap) w = Singular(std::move(w));
  return w;
}

// "truce" and "ceasefire" meet; "peace accord" and "peace deal" meet.
std::string CanonicalSynonyms(std::string name) {
  static const std::pair<std::string_view, std::string_view> kSyn[] = {
      {"cease-fire", "ceasefire"}, {"cease fire", "ceasefire"}, {"truce", "ceasefire"},
      {"armistice", "ceasefire"}, {"peace agreement", "peace deal"}, {"peace accord", "peace deal"},
      {"peace treaty", "peace deal"}, {"peacekeepers", "peacekeeping force"},
      {"peacekeeping troops", "peacekeeping force"}, {"peacekeeper", "peacekeeping force"},
      {"peacekeeping forces", "peacekeeping force"}, {"peacekeeping mission", "peacekeeping force"}};
  for (const auto& [from, to] : kSyn) {
    for (size_t at = name.find(from); at != std::string::npos; at = name.find(from, at + to.size())) {
      bool left = at == 0 || name[at - 1] == ' ';
      size_t after = at + from.size();
      bool right = after == name.size() || name[after] == ' ';
      if (left && right) name.replace(at, from.size(), to);
      else at += 1;
    }
  }
  return name;
}

// Drops determiners and framing ("the proposition for", "any discussion on"); records
// the owner of a proposal. Returns the first token left.
size_t StripFraming(const Doc& doc, size_t s, size_t end, PositionPhrase* out) {
  for (int round = 0; round < 3; ++round) {
    for (size_t stripped = 0; s < end; ++stripped, ++s) {
      const std::string& n = doc.Norm(s);
      bool conj = stripped > 0 && (n == "and" || n == "or");  // "a full and immediate ceasefire"
      conj |= stripped > 0 && n == "of" && IsQuantifier(doc.Norm(s - 1));  // "some of the ..."
      if (!IsLeading(n) && !conj) break;
      out->anaphoric |= IsAnaphoric(n);
    }
    size_t f = s, owner = end;
    while (f < end && f < s + 4 && !IsFraming(doc.Norm(f))) {
      const Token& t = doc.tokens[f];
      bool modifier = t.possessive || doc.mention_at[f] >= 0 || (t.word && !IsPrep(t.norm));
      if (!modifier) break;
      if (doc.mention_at[f] >= 0) owner = f;
      ++f;
    }
    if (f >= end || f + 2 > end || !IsFraming(doc.Norm(f)) || !IsFramePrep(doc.Norm(f + 1))) return s;
    if (owner < end && IsProposal(doc.Norm(f))) out->proposer = doc.mentions[doc.mention_at[owner]].entity;
    out->anaphoric = false;
    s = f + 2;
  }
  return s;
}

// The head noun: the last word before the first preposition.
size_t HeadOf(const Doc& doc, size_t s, size_t end) {
  size_t head = s;
  for (size_t k = s; k < end; ++k) {
    if (k > s && IsPrep(doc.Norm(k))) break;
    if (doc.tokens[k].word) head = k;
  }
  return head;
}

bool OnlyOneActor(const Doc& doc, size_t s, size_t end) {
  const Mention* m = doc.MentionAt(s);
  return m && m->last >= end;
}

}  // namespace

bool ExtractPosition(const Doc& doc, size_t start, size_t limit, PositionPhrase* out) {
  *out = PositionPhrase();
  size_t k = start;
  while (k < limit && (doc.Norm(k) == "\u201c" || doc.Norm(k) == "\"" || doc.Norm(k) == "\u2018")) ++k;
  size_t end = PhraseEnd(doc, k, limit);
  if (end <= k) return false;
  size_t s = StripFraming(doc, k, end, out);
  // "any effort that helped end the war": the effort's aim is the position.
  if (s + 1 == end && end + 2 < limit && IsEffort(doc.Norm(s)) &&
      (doc.Norm(end) == "that" || doc.Norm(end) == "which")) {
    const std::string& verb = doc.Norm(end + 1);
    size_t aim = 0;
    if (verb == "help" || verb == "helps" || verb == "helped") aim = end + 2;
    if ((verb == "would" || verb == "could") && end + 3 < limit && doc.Norm(end + 2) == "help") aim = end + 3;
    if (aim > 0 && aim < limit && doc.Norm(aim) == "to") ++aim;
    size_t aim_end = aim > 0 && aim < limit ? PhraseEnd(doc, aim, limit) : aim;
    if (aim_end > aim) s = aim, end = aim_end, out->verbal = true;
  }
  if (s < end && doc.Norm(s) == "to") ++s, out->verbal = true;
  auto pronoun = [&](size_t j) { return !doc.tokens[j].cap && IsPronoun(doc.Norm(j)); };  // "us", not "U.S."
  if (s >= end || OnlyOneActor(doc, s, end) || pronoun(s) || pronoun(end - 1) ||
      (IsPrep(doc.Norm(s)) && doc.Norm(s) != "to"))
    return false;
  const std::string& first = doc.Norm(s);
  // A gerund opening the phrase ("granting Ukraine ..."), not a noun after "the" ("the finding").
  out->verbal |= s == k && first.size() > 4 && first.compare(first.size() - 3, 3, "ing") == 0 && !doc.tokens[s].cap;
  size_t head = HeadOf(doc, s, end);
  std::string name;
  for (size_t j = s; j < end; ++j) {
    if (!name.empty() && !Joined(doc, j)) name.push_back(' ');
    name += NameWord(doc, j, j == head);
  }
  out->name = CanonicalSynonyms(std::move(name));
  out->head = Singular(Lower(Surface(doc.text, doc.tokens[head])));
  out->surface = std::string(doc.Surface(static_cast<uint32_t>(k), static_cast<uint32_t>(end)));
  out->first = static_cast<uint32_t>(k);
  out->last = static_cast<uint32_t>(end);
  return !out->name.empty();
}

bool SharesStem(const PositionPhrase& anaphor, const PositionPhrase& earlier) {
  std::string_view head = anaphor.name;
  if (size_t sp = head.rfind(' '); sp != std::string_view::npos) head = head.substr(sp + 1);
  if (head.size() < 5) return false;
  std::string_view rest = earlier.name;
  size_t need = std::max<size_t>(5, head.size() * 6 / 10);
  for (size_t at = 0; at < rest.size();) {
    size_t sp = rest.find(' ', at);
    std::string_view w = rest.substr(at, sp == std::string_view::npos ? sp : sp - at);
    size_t common = 0;
    while (common < w.size() && common < head.size() && w[common] == head[common]) ++common;
    if (common >= need) return true;
    if (sp == std::string_view::npos) break;
    at = sp + 1;
  }
  return false;
}

}  // namespace sg::ingest
