// The working state of one article during extraction (private to ingest/):
// tokens, sentences, actor mentions, citations. Built in pipeline order by
// extractor.cc: Tokenize -> SplitSentences -> FindCitations -> FindMentions ->
// the rule families of rules.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/model.h"
#include "ingest/lexicon_impl.h"
#include "ingest/text.h"

namespace sg::ingest {

// One actor of the article: every mention of it resolves here.
struct Entity {
  NodeKind kind = NodeKind::kPerson;
  std::string name;                  // canonical
  std::string code;                  // ISO code of a state
  std::vector<std::string> aliases;  // surface forms seen, in order
  const LexEntry* lex = nullptr;     // its lexicon entry, if any
  int mentions = 0;
  int speaks_for = -1;               // a ministry's state: its claims are the state's too
  // A group actor ("Syrian troops") acts for `group_of` (a state or organization entity),
  // with a sector ("military", "police", ...): claims name the group_of entity and carry
  // the sector (groups.cc).
  int group_of = -1;
  std::string sector;
};

struct Mention {
  uint32_t first = 0, last = 0;  // token range
  int entity = -1;
  FormKind form = FormKind::kName;
  bool modifier = false;  // names a state inside an office phrase: never a clause subject
};

// Outlets cited in one parenthesis: "(Kommersant, February 17; Vedomosti, February 27)".
struct CiteGroup {
  uint32_t first = 0, last = 0;  // token range, parentheses included
  std::vector<SourceCite> sources;
};

// HOLDS_OFFICE (or MEMBER_OF) found by the office patterns.
struct OfficeFact {
  int person = -1;
  int org = -1;       // state or organization; -1: not said, inferred later
  std::string title;
  uint32_t first = 0, last = 0;  // tokens of the whole phrase
  std::string rule;
  bool former = false;
  bool unnamed_org = false;  // "the president of the transitional council": no state to infer
};

struct Doc {
  Doc(std::string_view t, const Lexicon::Impl& l) : text(t), lex(l) {}

  std::string_view text;
  const Lexicon::Impl& lex;
  std::string date;  // the article's ISO date, may be ""

  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<uint32_t> sentence_of;  // token -> sentence index
  std::vector<uint8_t> masked;        // token inside a citation: no mentions there
  std::vector<CiteGroup> cites;
  std::vector<Entity> entities;
  std::vector<Mention> mentions;      // sorted by first token
  std::vector<int> mention_at;        // token -> mention index, or -1
  std::vector<uint8_t> appositive;    // token inside ", the U.K. Prime Minister,"
  std::vector<OfficeFact> offices;
  std::vector<uint8_t> in_office;     // token inside an office phrase ("Pakistan's army chief")
  std::vector<uint8_t> title_start;   // token can start a title ("prime", "foreign"): a cache

  std::string_view Surface(uint32_t first, uint32_t last) const {
    return text.substr(tokens[first].begin, tokens[last - 1].end - tokens[first].begin);
  }
  const std::string& Norm(size_t i) const { return tokens[i].norm; }
  const Mention* MentionAt(size_t i) const {
    return i < mention_at.size() && mention_at[i] >= 0 ? &mentions[mention_at[i]] : nullptr;
  }
  // The entity of `name` and `kind`, created when new.
  int EntityFor(NodeKind kind, std::string_view name, const LexEntry* lex = nullptr);
  // Adds a mention; REQUIRES: tokens [first, last) are not covered by another.
  void AddMention(uint32_t first, uint32_t last, int entity, FormKind form);
  // Re-sorts mentions and rebuilds mention_at.
  void IndexMentions();

 private:
  std::unordered_map<std::string, int> entity_index_;
};

// The citations of the text (citations.cc); marks their tokens in doc->masked.
void FindCitations(Doc* doc);
// Actor mentions: lexicon names, office patterns, short names (mentions.cc).
void FindMentions(Doc* doc);
// Title phrase at token i ("Prime Minister", "Minister of Foreign Affairs");
// returns its end token (== i when none) and the canonical title (offices.cc).
size_t MatchTitle(const Doc& doc, size_t i, size_t end, std::string* title, bool* former);
// A run of capitalised name words at token i: "Sergei Lavrov", "Pavel K Baev";
// returns its end (i when none) (mentions.cc).
size_t NameRun(const Doc& doc, size_t i);
// "led by", "commanded by" right before token i (mentions.cc).
bool LedBy(const Doc& doc, size_t i, size_t sentence_first);
// Whether token i ends its sentence's token range (i == the sentence's last).
inline bool IsSentenceEnd(const Doc& doc, size_t i) {
  return i >= doc.tokens.size() || doc.sentence_of[i] != doc.sentence_of[i - 1];
}
// Fills doc->title_start (offices.cc).
void MarkTitleStarts(Doc* doc);
// The office patterns (offices.cc): fills doc->offices, creates people.
void FindOffices(Doc* doc);
// Group actors ("Syrian troops", "security forces in Guinea") over the mentions
// (groups.cc). REQUIRES: offices found (doc->in_office filled).
void FindGroupActors(Doc* doc);
// Gives offices without a named state one: the person's lexicon affiliation, else
// for government titles the article's main state. REQUIRES: mentions counted.
void InferOfficeHolders(Doc* doc);

}  // namespace sg::ingest
