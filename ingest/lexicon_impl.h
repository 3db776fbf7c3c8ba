// Lexicon::Impl: the loaded TSV entries and the phrase index the extractor scans
// with (private to ingest/). Immutable after loading.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/model.h"
#include "ingest/article.h"

namespace sg::ingest {

enum class LexKind : uint8_t { kState, kOrganization, kPerson, kOffice };
// How a surface form names its entry; demonyms and metonyms name a state only
// in actor position ("a Russian strike", "the Kremlin said").
enum class FormKind : uint8_t { kName, kAlias, kDemonym, kMetonym, kGroup };

struct LexEntry {
  LexKind kind = LexKind::kState;
  std::string name;
  std::vector<std::string> aliases, demonyms, metonyms;
  std::string code;         // ISO 3166 alpha-3 for states
  std::string title;        // a person's office, or an office's canonical title
  std::string affiliation;  // a person's state/organization; "outlet" for news outlets
  bool outlet = false;      // an Organization that is a news outlet: a Source, never an actor
};

struct LexForm {
  uint32_t entry = 0;
  FormKind form = FormKind::kName;
  bool acronym = false;   // "NATO", "U.S.": matches only upper-case text
  bool lower_ok = false;  // the form itself is lower case: matches any case
};

// Hashes std::string and std::string_view alike, so lookups need no allocation.
struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using StringSet = std::unordered_set<std::string, TransparentHash, std::equal_to<>>;

struct Lexicon::Impl {
  std::vector<LexEntry> entries;
  // Token norms joined by ' ' ("united states", "us") -> the forms with that key.
  std::unordered_map<std::string, std::vector<LexForm>> forms;
  // First token norm -> the longest form starting with it, in tokens.
  std::unordered_map<std::string, uint8_t> max_tokens;
  // First token norms of Office forms ("prime", "foreign"): a cheap test before MatchTitle.
  StringSet office_first;
  // NormalizeName(entry name) -> entry, for affiliations.
  std::unordered_map<std::string, uint32_t> by_name;

  // The forms of `key`, or nullptr.
  const std::vector<LexForm>* FindForms(const std::string& key) const;
  // The entry named `name` (any surface form of its name), or nullptr.
  const LexEntry* FindEntry(std::string_view name) const;
  // Adds one entry and indexes its forms.
  void Add(LexEntry entry);
};

// The index key of a phrase: its tokens' norms joined by ' ', without a leading
// "the" and without hyphens ("the Kremlin" -> "kremlin", "U.S." -> "us").
std::string PhraseKey(std::string_view phrase);

}  // namespace sg::ingest
