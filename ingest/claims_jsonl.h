// Ready-made claims as JSON lines (docs/claims-format.md), for teams that
// extract elsewhere: by hand, with a language model, from event data.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"

namespace sg::ingest {

struct ClaimsReadOptions {
  // Report bad lines through `warn` and go on, instead of failing the file.
  bool skip_invalid = false;
  std::function<void(const std::string& message)> warn;
};

// Whether a JSON line holds a claim (it has "subject", "relation" or "object")
// rather than an article.
bool LooksLikeClaimLine(std::string_view line);

// The claims of one JSON-lines file, grouped by article, in order of first
// appearance. Claims that name no article belong to an article named after the
// file's stem (for stdin, "-", "stdin-" and a digest of the content).
//
// Index() reads and checks every line but keeps only where each article's lines
// are, so memory grows with the number of lines, not with their text; Read()
// parses one article's claims when it is written. `content` must outlive the
// ClaimsFile.
class ClaimsFile {
 public:
  // A bad line (not JSON, a missing or mistyped field, an unknown kind or
  // relation, a relation the schema does not allow between the kinds, a bad
  // date) fails the file with InvalidInput "path:line: field what"; with
  // options.skip_invalid it is reported through options.warn and left out.
  static Status Index(const std::string& path, std::string_view content,
                      const ClaimsReadOptions& options, ClaimsFile* out);

  size_t size() const { return articles_.size(); }
  const ArticleMeta& meta(size_t i) const { return articles_[i].meta; }
  // A digest of article i's lines: the same lines give the same hash.
  std::string ContentHash(size_t i) const;
  // Article i with its claims and content hash. REQUIRES: i < size().
  Status Read(size_t i, ArticleClaims* out) const;

 private:
  struct Line {
    size_t offset;
    size_t length;
    int64_t number;
  };
  struct Group {
    ArticleMeta meta;
    std::vector<Line> lines;
  };
  std::string path_;
  std::string_view content_;
  std::vector<Group> articles_;
};

// Index() and Read() of every article at once, for small inputs and tests. On
// error *out is left as it was.
Status ReadClaimsJsonl(const std::string& path, std::string_view content,
                       const ClaimsReadOptions& options, std::vector<ArticleClaims>* out);

// The stem of a path: "dir/000_x.txt" -> "000_x"; "-" -> "" .
std::string FileStem(const std::string& path);

}  // namespace sg::ingest
