// Reading articles and extracting claims from their text.
//
// The path of an article: ReadArticles() splits a file into ArticleDocs (front
// matter, JSON lines of articles, raw text); Extractor::Extract() turns one
// ArticleDoc into the claims of its sentences, using a Lexicon of known actors.
#pragma once

#include <string>
#include <string_view>
#include <vector>
#include <memory>

#include "graph/model.h"
#include "graph/status.h"

namespace sg::ingest {

// One article as read from disk, before extraction.
struct ArticleDoc {
  ArticleMeta meta;   // id is never empty after ReadArticles()
  std::string text;   // the body, front matter removed
  int first_line = 1; // line of `path` where `text` starts, for messages
};

// Splits `content` (read from `path`) into articles:
//  - ".jsonl": one {"id","title","date","url","source","author","text"} object a line;
//  - ".md" / ".txt" / anything else: one article, with optional front matter
//    ("---" lines around "key: value" pairs: id, title, date, source, url, author).
// An article without an id takes the file's stem ("000_x" for "dir/000_x.txt"), or
// for stdin ("-") a digest of its content. An empty file (nothing but a BOM and
// white space) holds no article. Errors name "path:line" (InvalidInput): a UTF-16
// or UTF-32 file, invalid UTF-8 or a NUL byte (also \u0000 in a JSON string), an
// article over kMaxArticleBytes or a JSON line over kMaxJsonLineBytes or nested
// deeper than kMaxJsonDepth (ingest/input_checks.h), a bad front matter line, a
// date that is not a real calendar date in the years 1000-2999.
// On error nothing is appended to *out.
Status ReadArticles(const std::string& path, std::string_view content,
                    std::vector<ArticleDoc>* out);

// Actors, offices and metonyms known by name (ingest/lexicon/*.tsv, compiled into
// the binary, plus users' files). Immutable after loading; safe to share between
// threads for reading.
class Lexicon {
 public:
  Lexicon();
  ~Lexicon();
  Lexicon(Lexicon&&) noexcept;
  Lexicon& operator=(Lexicon&&) noexcept;

  // The lexicon that ships in the repository.
  static Status LoadBuiltin(Lexicon* out);
  // Adds the entries of a user's lexicon file (same TSV format, docs/extraction.md).
  Status AddFile(const std::string& path);
  // Adds entries from TSV text; `origin` names it in errors.
  Status AddText(std::string_view tsv, std::string_view origin);

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Turns articles into claims. Deterministic; thread-compatible (const methods may
// run concurrently). Does not own `lexicon`, which must outlive it.
class Extractor {
 public:
  explicit Extractor(const Lexicon& lexicon);
  // Returns the claims of every sentence of `doc`, with provenance. The result's
  // content_hash is left empty: the caller computes it.
  ArticleClaims Extract(const ArticleDoc& doc) const;

 private:
  const Lexicon& lexicon_;
};

}  // namespace sg::ingest
