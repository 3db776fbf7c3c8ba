// The rule families that turn a sentence's mentions into facts (private to ingest/):
// stances (actor -> Position) and interactions (actor -> actor). Offices come from
// offices.cc. Each fact names its rule, e.g. "stance.verb", "interaction.noun".
#pragma once

#include <string>
#include <vector>

#include "graph/model.h"
#include "ingest/doc.h"

namespace sg::ingest {

struct Fact {
  int subject = -1;  // entity
  Relation relation = Relation::kMentions;
  int object = -1;   // entity; -1 when the object is a position
  std::string position;          // normalized position name
  std::string position_surface;  // as written
  uint32_t sentence = 0;         // index into Doc::sentences
  uint32_t cue_first = 0, cue_last = 0;  // tokens of the cue
  std::string rule;
  int8_t polarity = 1;
  float confidence = 1.0f;
};

// Appends the stance and interaction facts of every sentence of `doc`.
void ApplyRules(const Doc& doc, std::vector<Fact>* out);

}  // namespace sg::ingest
