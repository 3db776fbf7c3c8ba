// Name normalization: the key under which an actor's names are indexed, so that
// case, accents and punctuation do not split one actor into several nodes.
#pragma once

#include <string>
#include <string_view>

namespace sg {

// Folds a surface name to its index key: Unicode NFKC case folding, accents
// stripped, dots and apostrophes dropped, hyphens and other punctuation turned to
// spaces, white space collapsed, a leading "the " dropped.
//   "U.S." -> "us", "the Kremlin" -> "kremlin", "Zelenskyy" -> "zelenskyy",
//   "Sánchez" -> "sanchez", "Kremlin.ru" -> "kremlinru".
// Invalid UTF-8 bytes are dropped. Returns "" for a name with no letters or digits.
std::string NormalizeName(std::string_view name);

// Whether `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace sg
