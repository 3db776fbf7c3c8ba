// Content digests: how re-ingest tells an unchanged article from a changed one.
#pragma once

#include <string>
#include <string_view>

namespace sg::ingest {

// Incremental XXH3-128 over pieces of text; Hex() gives 32 lowercase hex digits.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;
  // Adds `piece` and a separator, so ("ab","c") and ("a","bc") differ.
  void Add(std::string_view piece);
  std::string Hex() const;

 private:
  void* state_;  // XXH3_state_t, kept out of this header
};

// The digest of one piece of text.
std::string ContentHash(std::string_view text);

}  // namespace sg::ingest
