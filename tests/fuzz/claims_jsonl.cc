// Fuzz target: ready-made claims as JSON lines (docs/claims-format.md):
// LooksLikeClaimLine, ClaimsFile::Index/Read strict and with skip_invalid, and
// ReadClaimsJsonl.
#include <string>
#include <vector>

#include "ingest/claims_jsonl.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

const std::string kPath = "fuzz/claims.jsonl";

// A file that Index() accepted must Read() without error: the CLI checks in
// pass 1 and writes in pass 2, and a failure in pass 2 would leave a partial write.
void IndexThenRead(std::string_view content, bool skip_invalid) {
  sg::ingest::ClaimsReadOptions options;
  options.skip_invalid = skip_invalid;
  size_t warnings = 0;
  options.warn = [&](const std::string& m) {
    ++warnings;
    SG_FUZZ_CHECK(m.rfind(kPath + ":", 0) == 0, "a warning names the path");
  };
  sg::ingest::ClaimsFile file;
  sg::Status s = sg::ingest::ClaimsFile::Index(kPath, content, options, &file);
  if (!s.ok()) {
    // Only a UTF-16 or UTF-32 file fails whole with skip_invalid: no line of it reads.
    SG_FUZZ_CHECK(!skip_invalid || s.message().find("byte order mark") != std::string::npos,
                  "skip_invalid fails a file only for its encoding");
    SG_FUZZ_CHECK(s.message().rfind(kPath + ":", 0) == 0, "the error names the path");
    return;
  }
  for (size_t i = 0; i < file.size(); ++i) {
    sg::ArticleClaims article;
    sg::Status r = file.Read(i, &article);
    SG_FUZZ_CHECK(r.ok(), "Read() succeeds after Index()");
    SG_FUZZ_CHECK(!article.article.id.empty(), "every article has an id");
    SG_FUZZ_CHECK(article.content_hash == file.ContentHash(i), "the hash is stable");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content = sg::fuzz::AsText(data, size);
  size_t nl = content.find('\n');
  (void)sg::ingest::LooksLikeClaimLine(content.substr(0, nl));
  IndexThenRead(content, /*skip_invalid=*/false);
  IndexThenRead(content, /*skip_invalid=*/true);
  std::vector<sg::ArticleClaims> all;
  sg::Status s = sg::ingest::ReadClaimsJsonl(kPath, content, {}, &all);
  SG_FUZZ_CHECK(s.ok() || all.empty(), "nothing appended on error");
  return 0;
}
