// Verb classes read from WordNet 3.0 at build time (private to ingest/): the verbs
// that name an attack, a criticism, a sanction, a meeting or a threat, beyond the
// hand-written cue list ("shelled", "ambushed", "deported", "gunned down").
// Seeds and the generator: ingest/wordnet/. docs/extraction.md "Verb classes".
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "graph/model.h"
#include "ingest/doc.h"

namespace sg::ingest {

struct VerbClassMatch {
  Relation relation = Relation::kMentions;
  size_t first = 0, last = 0;  // tokens, a particle included ("gunned down")
  bool participle = false;     // a past form: "shelled", "overran"
};

// The class of the verb at token i, when its form reads as a verb: past and -ing forms
// always, bare and -s forms only for lemmas used mostly as verbs ("attack", not
// "bomb"). Thread-safe: the table is built once and never changes.
bool MatchVerbClass(const Doc& doc, size_t i, size_t end, VerbClassMatch* out);

// The relation of a noun of an act derived from a class verb through WordNet's
// derivational links ("bombardment", "expulsions", "abduction"), singular or plural.
std::optional<Relation> ActNounClass(std::string_view norm);

}  // namespace sg::ingest
