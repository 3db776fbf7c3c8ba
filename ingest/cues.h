// The cue lexicon of the stance and interaction rules (private to ingest/): English
// verbs, nouns and adjectives of support, opposition and interaction, with the
// frame that says where their subject and object are.
#pragma once

#include <cstddef>
#include <string_view>

#include "graph/model.h"
#include "ingest/doc.h"
#include "ingest/verb_classes.h"

namespace sg::ingest {

enum class Frame : uint8_t {
  kVerb,       // SUBJ cue OBJ: "Lavrov ruled out X", "Russia struck Ukraine"; passive too
  kNoun,       // [Owner's|Demonym] cue OBJ: "Russia's invasion of Ukraine", "his commitment to X"
  kCopulaFor,  // X is cue ACTOR: "a ceasefire remains a non-starter for Moscow"
  kNoRoom,     // SUBJ ... cue X: "there is no space for compromise"
  kConcede,    // SUBJ will not cue X: "we will not give up what is ours" (negated only)
  kWithActor,  // SUBJ cue ... with ACTOR: "signed a deal with Beijing", "held talks ... with"
  kImposeOn,   // SUBJ cue sanctions ... on ACTOR: "imposed tariffs on China"
  kUrge,       // SUBJ cue [ACTOR] to VP: "urged Beijing to act with restraint"
  kNotAllow,   // SUBJ will not cue ACTOR to VP: "Iran must not be permitted to enrich"
  kTogether,   // SUBJ cue A and B together: "brought Tshisekedi and Kagame together"
  kCeaseFire,  // SUBJ [not] cue: "Israel would not cease fire" (for or against a ceasefire)
  kTradeBan,   // SUBJ cue imports ... from ACTOR: "suspended all imports of seafood from Japan"
  kGiveTo,     // SUBJ cue [ACTOR] THING [to ACTOR]: "donated medicine to the Red Crescent"
};

// Relation::kMentions marks "none".
inline constexpr Relation kNone = Relation::kMentions;

struct CueDef {
  std::string_view pattern;  // words; "x~" = verb forms, "a|b" = alternatives
  Frame frame;
  Relation to_position;      // when the object is a position
  Relation to_actor;         // when the object is an actor
  float confidence;
};

struct CueMatch {
  const CueDef* def = nullptr;
  size_t first = 0, last = 0;  // tokens
  bool participle = false;     // first word is a past participle ("rejected", "struck")
};

// The longest cue starting at token i, ending at or before `end`: a hand-written cue,
// else a verb of a WordNet verb class (verb_classes.h) read in the kVerb frame.
bool MatchCue(const Doc& doc, size_t i, size_t end, CueMatch* out);

}  // namespace sg::ingest
