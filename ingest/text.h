// Tokens and sentences of an article's text (private to ingest/).
//
// The tokenizer keeps byte offsets into the text it was given, so every claim can
// point back at its span. It is a hand-written scanner: no regular expressions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sg::ingest {

struct Token {
  uint32_t begin = 0;  // byte offsets in the text
  uint32_t end = 0;
  std::string norm;    // folded lower case, dots and apostrophes dropped ("U.S." -> "us")
  uint8_t newlines_before = 0;  // line breaks between the previous token and this one (max 2)
  bool word = false;   // letters or digits; otherwise one punctuation character
  bool cap = false;    // starts with an upper-case letter
  bool upper = false;  // two or more letters, all upper case ("NATO", "U.S.")
  bool digit = false;  // starts with a digit
  bool abbrev = false; // ends with a dot that is not a full stop ("U.S.", "Mr.", "K.")
  bool possessive = false;  // the "'s" split off a word
};

// Splits `text` into tokens. Possessive "'s" becomes its own token; "U.S.",
// "Kremlin.ru", "pre-emptively" stay whole; a capitalised word before a hyphen
// ("U.S.-initiated", "Russia-Ukraine") is split at the hyphen.
std::vector<Token> Tokenize(std::string_view text);

struct Sentence {
  uint32_t first = 0;  // token range [first, last)
  uint32_t last = 0;
};

// Sentence boundaries: terminal punctuation before a capital, paragraph breaks,
// and single line breaks when the text is written one paragraph a line or the
// line ends a sentence. A quotation that spans sentences stays in one sentence.
std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens);

// The token's text.
inline std::string_view Surface(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

// Folds one word as Token::norm does.
std::string FoldWord(std::string_view word);

// Whether `c` at the start of `s` is an upper-case letter (UTF-8 aware).
bool StartsUpper(std::string_view s);

// Line number (1-based) of byte `offset` in `text`.
int LineOf(std::string_view text, size_t offset);

}  // namespace sg::ingest
