// The article targets: ReadArticles() on one input named `path` (its extension
// picks the reader), then the extractor over every article it yields.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/article.h"
#include "tests/fuzz/fuzz_util.h"

namespace sg::fuzz {

inline const ingest::Extractor& BuiltinExtractor() {
  // Built once per process and never freed: the lexicon is immutable.
  static const ingest::Lexicon* lexicon = [] {
    auto* l = new ingest::Lexicon();
    Status s = ingest::Lexicon::LoadBuiltin(l);
    SG_FUZZ_CHECK(s.ok(), "the built-in lexicon loads");
    return l;
  }();
  static const ingest::Extractor* extractor = new ingest::Extractor(*lexicon);
  return *extractor;
}

// Properties: ReadArticles never crashes; on error it appends nothing and names
// the path; on success every article has an id and valid line numbers, and
// extraction never crashes and cites sentences inside the article.
inline void ReadAndExtract(const std::string& path, std::string_view content) {
  std::vector<ingest::ArticleDoc> docs;
  Status s = ingest::ReadArticles(path, content, &docs);
  if (!s.ok()) {
    SG_FUZZ_CHECK(docs.empty(), "nothing appended on error");
    SG_FUZZ_CHECK(s.message().rfind(path + ":", 0) == 0, "the error names the path");
    return;
  }
  const ingest::Extractor& extractor = BuiltinExtractor();
  for (const ingest::ArticleDoc& doc : docs) {
    SG_FUZZ_CHECK(!doc.meta.id.empty(), "every article has an id");
    SG_FUZZ_CHECK(doc.first_line >= 1, "first_line is 1-based");
    ArticleClaims claims = extractor.Extract(doc);
    for (const Claim& c : claims.claims) {
      SG_FUZZ_CHECK(c.span_begin <= c.span_end, "span begin <= end");
    }
  }
}

}  // namespace sg::fuzz
