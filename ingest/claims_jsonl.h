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

// Parses `content`, read from `path`, one claim a line (blank lines allowed), and
// groups the claims by article, in order of first appearance. Claims that name
// no article belong to an article named after the file's stem (for stdin, "-",
// after a digest of the content). Each group's content_hash digests its lines.
//
// A bad line (not JSON, a missing or mistyped field, an unknown kind or
// relation, a relation the schema does not allow between the kinds, a bad
// date) fails the whole file with InvalidInput "path:line: field: what", and
// *out is left as it was; with options.skip_invalid it is reported and skipped.
Status ReadClaimsJsonl(const std::string& path, std::string_view content,
                       const ClaimsReadOptions& options, std::vector<ArticleClaims>* out);

// The stem of a path: "dir/000_x.txt" -> "000_x"; "-" -> "" .
std::string FileStem(const std::string& path);

}  // namespace sg::ingest
