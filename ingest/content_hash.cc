#include "ingest/content_hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdio>

namespace sg::ingest {

ContentHasher::ContentHasher() : state_(XXH3_createState()) {
  XXH3_128bits_reset(static_cast<XXH3_state_t*>(state_));
}

ContentHasher::~ContentHasher() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

void ContentHasher::Add(std::string_view piece) {
  auto* s = static_cast<XXH3_state_t*>(state_);
  const uint64_t size = piece.size();
  XXH3_128bits_update(s, &size, sizeof(size));
  XXH3_128bits_update(s, piece.data(), piece.size());
}

std::string ContentHasher::Hex() const {
  XXH128_hash_t h = XXH3_128bits_digest(static_cast<XXH3_state_t*>(state_));
  char buf[33];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

std::string ContentHash(std::string_view text) {
  ContentHasher h;
  h.Add(text);
  return h.Hex();
}

}  // namespace sg::ingest
