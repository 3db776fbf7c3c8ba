// Fuzz target: a Markdown article with front matter (ReadArticles on a ".md"
// path: "---" block, key: value pairs, quoting, dates, the "# Title" heading),
// then the extractor.
#include "tests/fuzz/article_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sg::fuzz::ReadAndExtract("fuzz/article.md", sg::fuzz::AsText(data, size));
  return 0;
}
