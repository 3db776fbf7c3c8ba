// `stancegraph ingest`: two passes over the inputs. The first reads and checks
// every file, so a malformed one fails the command before anything is written;
// the second extracts and writes each article in its own atomic batch.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>
#include <utility>

#include "ingest/article.h"
#include "ingest/claims_jsonl.h"
#include "ingest/content_hash.h"
#include "ingest/input_text.h"
#include "tools/cli.h"

namespace sg::ingest {
extern const std::pair<std::string_view, std::string_view> kBuiltinLexicon[];
extern const int kBuiltinLexiconCount;
}  // namespace sg::ingest

namespace sg::cli {
namespace {

namespace fs = std::filesystem;

// Bump when extraction rules change, so re-ingesting an article re-extracts it.
constexpr std::string_view kExtractorVersion = "extractor-1";

bool HasArticleExtension(const fs::path& p) {
  static const char* const kExts[] = {".txt", ".md", ".markdown", ".jsonl", ".ndjson"};
  const std::string ext = p.extension().string();
  return std::any_of(std::begin(kExts), std::end(kExts), [&](const char* e) { return ext == e; });
}

// Files named on the command line, with directories walked recursively in
// sorted order (hidden entries skipped).
Status CollectFiles(const std::vector<std::string>& paths, std::vector<std::string>* files) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (p == "-" || !fs::is_directory(p, ec)) {
      if (p != "-" && !fs::exists(p, ec)) return Status::NotFound(p + ": no such file or directory");
      files->push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && HasArticleExtension(it->path()) &&
          it->path().string().find(".gold.") == std::string::npos) {
        found.push_back(it->path().string());
      }
    }
    if (ec) return Status::IOError(p + ": " + ec.message());
    std::sort(found.begin(), found.end());
    files->insert(files->end(), found.begin(), found.end());
  }
  return Status::OK();
}

enum class InputKind { kClaims, kArticles };

InputKind Sniff(std::string_view content) {
  size_t pos = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (pos == std::string_view::npos || content[pos] != '{') return InputKind::kArticles;
  size_t end = content.find('\n', pos);
  return ingest::LooksLikeClaimLine(content.substr(pos, end == std::string_view::npos ? end : end - pos))
             ? InputKind::kClaims
             : InputKind::kArticles;
}

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}
  void Update(uint64_t articles, uint64_t claims) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    std::fprintf(stderr, "\r  ingesting: %llu articles, %llu claims", (unsigned long long)articles,
                 (unsigned long long)claims);
    shown_ = true;
  }
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// One input of the command, checked in pass 1 and written in pass 2.
struct Input {
  ingest::InputText text;
  InputKind kind = InputKind::kArticles;
  ingest::ClaimsFile claims;  // kClaims: the index built in pass 1
};

class Ingester {
 public:
  explicit Ingester(const IngestArgs& args) : args_(args), progress_(!args.quiet) {}

  Status Run();
  void PrintSummary(double seconds) const;

 private:
  Status Check(const std::string& path, Input* input);
  Status IngestClaims(const Input& input);
  Status IngestArticles(const Input& input);
  Status Write(const ArticleClaims& article);
  Status LoadLexicon();
  void Warn(const std::string& message) { std::cerr << "stancegraph: warning: " << message << '\n'; }

  const IngestArgs& args_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ingest::Lexicon> lexicon_;
  std::unique_ptr<ingest::Extractor> extractor_;
  std::string lexicon_fingerprint_;
  Progress progress_;
  uint64_t files_ = 0, added_ = 0, replaced_ = 0, unchanged_ = 0, claims_ = 0;
};

// Pass 1: read and check without writing. Claims files keep their line index
// for pass 2; articles are read again there (extraction is the costly part).
Status Ingester::Check(const std::string& path, Input* input) {
  SG_RETURN_IF_ERROR(ingest::InputText::Open(path, &input->text));
  input->kind = Sniff(input->text.text());
  if (input->kind == InputKind::kClaims) {
    ingest::ClaimsReadOptions options;
    options.skip_invalid = args_.skip_invalid;
    options.warn = [this](const std::string& m) { Warn(m); };
    return ingest::ClaimsFile::Index(path, input->text.text(), options, &input->claims);
  }
  std::vector<ingest::ArticleDoc> docs;
  return ingest::ReadArticles(path, input->text.text(), &docs);
}

Status Ingester::IngestClaims(const Input& input) {
  const ingest::ClaimsFile& file = input.claims;
  for (size_t i = 0; i < file.size(); ++i) {
    std::string stored;
    if (store_->FindArticleHash(file.meta(i).id, &stored).ok() && stored == file.ContentHash(i)) {
      ++unchanged_;  // skip parsing altogether
      continue;
    }
    ArticleClaims article;
    SG_RETURN_IF_ERROR(file.Read(i, &article));
    SG_RETURN_IF_ERROR(Write(article));
  }
  return Status::OK();
}

Status Ingester::LoadLexicon() {
  if (lexicon_) return Status::OK();
  lexicon_ = std::make_unique<ingest::Lexicon>();
  SG_RETURN_IF_ERROR(ingest::Lexicon::LoadBuiltin(lexicon_.get()));
  ingest::ContentHasher h;
  h.Add(kExtractorVersion);
  for (int i = 0; i < ingest::kBuiltinLexiconCount; ++i) h.Add(ingest::kBuiltinLexicon[i].second);
  for (const auto& file : args_.lexicons) {
    SG_RETURN_IF_ERROR(lexicon_->AddFile(file));
    ingest::InputText text;
    SG_RETURN_IF_ERROR(ingest::InputText::Open(file, &text));
    h.Add(text.text());
  }
  lexicon_fingerprint_ = h.Hex();
  extractor_ = std::make_unique<ingest::Extractor>(*lexicon_);
  return Status::OK();
}

Status Ingester::IngestArticles(const Input& input) {
  SG_RETURN_IF_ERROR(LoadLexicon());
  std::vector<ingest::ArticleDoc> docs;
  SG_RETURN_IF_ERROR(ingest::ReadArticles(input.text.path(), input.text.text(), &docs));
  for (const auto& doc : docs) {
    ingest::ContentHasher h;
    h.Add(lexicon_fingerprint_);
    for (const std::string* f : {&doc.meta.title, &doc.meta.date, &doc.meta.url, &doc.meta.source,
                                 &doc.meta.author, &doc.text}) {
      h.Add(*f);
    }
    const std::string hash = h.Hex();
    std::string stored;
    if (store_->FindArticleHash(doc.meta.id, &stored).ok() && stored == hash) {
      ++unchanged_;  // skip extraction altogether
      continue;
    }
    ArticleClaims claims = extractor_->Extract(doc);
    claims.article = doc.meta;
    claims.content_hash = hash;
    SG_RETURN_IF_ERROR(Write(claims));
  }
  return Status::OK();
}

Status Ingester::Write(const ArticleClaims& article) {
  Store::IngestOutcome outcome;
  Status s = store_->IngestArticle(article, &outcome);
  if (s.code() == Status::Code::kIOError) {  // a full disk, a failed write: say what is kept
    return Status::IOError(s.message() + ". The " + std::to_string(added_ + replaced_) +
                           " article(s) this ingest wrote before it are stored whole, and it is stored "
                           "whole or not at all; make room and run the same ingest again to finish");
  }
  SG_RETURN_IF_ERROR(s);
  switch (outcome) {
    case Store::IngestOutcome::kAdded: ++added_; claims_ += article.claims.size(); break;
    case Store::IngestOutcome::kReplaced: ++replaced_; claims_ += article.claims.size(); break;
    case Store::IngestOutcome::kUnchanged: ++unchanged_; break;
  }
  progress_.Update(added_ + replaced_ + unchanged_, claims_);
  return Status::OK();
}

Status Ingester::Run() {
  std::vector<std::string> files;
  SG_RETURN_IF_ERROR(CollectFiles(args_.paths, &files));
  std::vector<std::unique_ptr<Input>> inputs;
  bool articles = false;
  for (const auto& f : files) {
    inputs.push_back(std::make_unique<Input>());
    SG_RETURN_IF_ERROR(Check(f, inputs.back().get()));
    articles |= inputs.back()->kind == InputKind::kArticles;
  }
  // The lexicon too is input: a bad one must fail before anything is written.
  if (articles || !args_.lexicons.empty()) SG_RETURN_IF_ERROR(LoadLexicon());
  SG_RETURN_IF_ERROR(OpenStore(args_.db, Store::Mode::kReadWrite, &store_));
  for (const auto& input : inputs) {
    ++files_;
    SG_RETURN_IF_ERROR(input->kind == InputKind::kClaims ? IngestClaims(*input) : IngestArticles(*input));
  }
  return Status::OK();
}

void Ingester::PrintSummary(double seconds) const {
  if (args_.json) {
    nlohmann::json j = {{"files", files_},         {"added", added_},     {"replaced", replaced_},
                        {"unchanged", unchanged_}, {"claims", claims_},   {"seconds", seconds}};
    std::cout << j.dump() << '\n';
  } else if (!args_.quiet) {
    std::printf("ingested %llu file(s): %llu article(s) added, %llu replaced, %llu unchanged; "
                "%llu claim(s) in %.2f s\n",
                (unsigned long long)files_, (unsigned long long)added_,
                (unsigned long long)replaced_, (unsigned long long)unchanged_,
                (unsigned long long)claims_, seconds);
  }
}

}  // namespace

Status IngestPaths(const IngestArgs& args) {
  Ingester ingester(args);
  return ingester.Run();
}

int RunIngest(const IngestArgs& args) {
  auto start = std::chrono::steady_clock::now();
  Ingester ingester(args);
  Status s = ingester.Run();
  if (!s.ok()) return Fail(s);
  ingester.PrintSummary(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return kExitOk;
}

}  // namespace sg::cli
