// Position phrases: the object of a stance, cut from the text and normalized
// ("any discussion on territorial concessions" -> "territorial concession").
#pragma once

#include <string>

#include "ingest/doc.h"

namespace sg::ingest {

struct PositionPhrase {
  std::string name;      // normalized: framing and determiners stripped, head singular
  std::string surface;   // the text as written, kept as an alias
  std::string head;      // the head noun, lower case and singular ("package" of "sanctions package against Moscow")
  int proposer = -1;     // "the French initiative on X": France's proposal
  uint32_t first = 0, last = 0;  // tokens of the surface
  bool anaphoric = false;  // "such deployment", "this plan": may name an earlier position
  bool verbal = false;     // an infinitive or gerund phrase ("to remove", "granting ...")
};

// Cuts the noun phrase starting at token `start`, ending before `limit` or the first
// clause boundary, and normalizes it. False when nothing usable is left (a pronoun,
// a bare actor, punctuation).
bool ExtractPosition(const Doc& doc, size_t start, size_t limit, PositionPhrase* out);

// Whether two positions' heads share a stem ("deployment" / "deploying").
bool SharesStem(const PositionPhrase& anaphor, const PositionPhrase& earlier);

}  // namespace sg::ingest
