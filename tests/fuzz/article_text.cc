// Fuzz target: a plain-text article (ReadArticles on a ".txt" path, then the
// extractor): sentence splitting, mentions, cues, citations, dates.
#include "tests/fuzz/article_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sg::fuzz::ReadAndExtract("fuzz/article.txt", sg::fuzz::AsText(data, size));
  return 0;
}
