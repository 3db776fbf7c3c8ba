// Fuzz target: articles as JSON lines (ReadArticles on a ".jsonl" path: one
// {"id","title","date","url","source","author","text"} object a line), then the
// extractor.
#include "tests/fuzz/article_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sg::fuzz::ReadAndExtract("fuzz/articles.jsonl", sg::fuzz::AsText(data, size));
  return 0;
}
