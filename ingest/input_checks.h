// Checks that every reader of user files runs before parsing (private to
// ingest/): encoding, NUL bytes, JSON nesting, and how a bad value is quoted
// back in a message. docs/reliability.md, "Hostile input", lists what each
// input gets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sg::ingest {

// A JSON line (a claim, or an article of a .jsonl file) longer than this is
// refused before it is parsed.
inline constexpr size_t kMaxJsonLineBytes = 16u << 20;
// JSON nested deeper than this is refused before it is parsed.
inline constexpr int kMaxJsonDepth = 64;
// An article's text longer than this is refused: extraction time grows faster
// than linearly with an article's length (TODO(perf): office facts are scanned
// per mention), and no news article comes near it.
inline constexpr size_t kMaxArticleBytes = 4u << 20;

// Whether the JSON text `line` nests objects and arrays deeper than `max_depth`
// (strings are skipped; the text need not be valid JSON).
bool JsonNestsDeeperThan(std::string_view line, int max_depth);

// What is wrong with the encoding of `content` (a whole file, any BOM already
// removed), as "LINE: what", or "" when it is UTF-8 without NUL bytes. Names a
// UTF-16 or UTF-32 byte order mark, the first invalid UTF-8 byte, the first NUL.
// `line` is set to the offending line (1-based).
std::string EncodingProblem(std::string_view content, int* line);

// `value` quoted for a message: at most `max_bytes` of it (cut at a UTF-8
// boundary) and its length when cut, so a 10 KB value makes a short message.
std::string Excerpt(std::string_view value, size_t max_bytes = 40);

}  // namespace sg::ingest
