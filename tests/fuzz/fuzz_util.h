// Helpers shared by the libFuzzer targets in tests/fuzz/ (docs/reliability.md,
// "Fuzzing"). Each target defines LLVMFuzzerTestOneInput; a property that must
// hold for every input is checked with SG_FUZZ_CHECK, which aborts so that both
// libFuzzer and the corpus replay (replay_main.cc) report it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define SG_FUZZ_CHECK(cond, what)                                                  \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      std::fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", what, __FILE__, __LINE__); \
      std::abort();                                                                \
    }                                                                              \
  } while (0)

namespace sg::fuzz {

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace sg::fuzz
