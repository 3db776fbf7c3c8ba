// extract_bench: sentences per second of extraction alone and of extraction plus
// ingest into the store, on one core, over a corpus of repeated articles.
//
//   build/bin/extract_bench [--articles=10000] [--dir=tests/data/articles] [--db=DIR]
//
// The development articles are read once and cycled (each copy under its own
// id) until --articles have been processed; the resident set size is sampled as
// the corpus streams through, to show that memory does not grow with it.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/article.h"
#include "ingest/text.h"
#include "storage/store.h"

namespace {

namespace fs = std::filesystem;

struct Flags {
  long articles = 10000;
  std::string dir = SG_SOURCE_DIR "/tests/data/articles";
  std::string db;
};

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--articles=", 0) == 0) f.articles = std::atol(a.c_str() + 11);
    else if (a.rfind("--dir=", 0) == 0) f.dir = a.substr(6);
    else if (a.rfind("--db=", 0) == 0) f.db = a.substr(5);
    else {
      std::fprintf(stderr, "extract_bench: unknown flag %s\n", a.c_str());
      std::exit(2);
    }
  }
  return f;
}

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Current resident set size in MiB, from /proc/self/statm.
long RssMiB() {
  long pages = 0, resident = 0;
  std::ifstream statm("/proc/self/statm");
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE) / (1 << 20);
}

void Die(const sg::Status& s) {
  std::fprintf(stderr, "extract_bench: %s\n", s.ToString().c_str());
  std::exit(1);
}

std::vector<sg::ingest::ArticleDoc> LoadArticles(const std::string& dir) {
  std::vector<std::string> paths;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string ext = e.path().extension().string();
    if (ext == ".txt" || ext == ".md") paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<sg::ingest::ArticleDoc> docs;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    sg::Status s = sg::ingest::ReadArticles(p, text, &docs);
    if (!s.ok()) Die(s);
  }
  return docs;
}

// Runs `n` articles through `step`, cycling over `docs`; returns sentences/s.
template <typename Step>
double Run(const char* name, const std::vector<sg::ingest::ArticleDoc>& docs,
           const std::vector<long>& sentences, long n, Step&& step) {
  long total_sentences = 0, claims = 0, rss_first = 0, rss_max = 0;
  const double start = Now();
  for (long i = 0; i < n; ++i) {
    sg::ingest::ArticleDoc doc = docs[i % docs.size()];
    doc.meta.id += "#" + std::to_string(i);
    claims += step(doc);
    total_sentences += sentences[i % docs.size()];
    if (i % 1000 == 999) {
      long rss = RssMiB();
      if (!rss_first) rss_first = rss;
      rss_max = std::max(rss_max, rss);
    }
  }
  const double secs = Now() - start;
  std::printf("%-8s: %9.0f sentences/s  %7.0f articles/s  %8ld claims  (%.1f s; RSS %ld MiB at "
              "1k articles, %ld MiB max)\n",
              name, total_sentences / secs, n / secs, claims, secs, rss_first, rss_max);
  return total_sentences / secs;
}

}  // namespace

int main(int argc, char** argv) {
  Flags f = ParseFlags(argc, argv);
  std::vector<sg::ingest::ArticleDoc> docs = LoadArticles(f.dir);
  if (docs.empty()) {
    std::fprintf(stderr, "extract_bench: no articles in %s\n", f.dir.c_str());
    return 1;
  }
  std::vector<long> sentences;
  long corpus_sentences = 0;
  for (const auto& d : docs) {
    auto tokens = sg::ingest::Tokenize(d.text);
    sentences.push_back(static_cast<long>(sg::ingest::SplitSentences(d.text, tokens).size()));
    corpus_sentences += sentences.back();
  }
  sg::ingest::Lexicon lexicon;
  double t = Now();
  sg::Status s = sg::ingest::Lexicon::LoadBuiltin(&lexicon);
  if (!s.ok()) Die(s);
  std::printf("extract_bench: %zu distinct articles (%ld sentences) cycled to %ld articles; "
              "lexicon loaded in %.1f ms\n",
              docs.size(), corpus_sentences, f.articles, (Now() - t) * 1000);
  sg::ingest::Extractor extractor(lexicon);

  Run("extract", docs, sentences, f.articles,
      [&](const sg::ingest::ArticleDoc& d) { return extractor.Extract(d).claims.size(); });

  const bool temp = f.db.empty();
  if (temp) f.db = (fs::temp_directory_path() / ("sg-extract-bench-" + std::to_string(getpid()))).string();
  fs::remove_all(f.db);
  std::unique_ptr<sg::Store> store;
  s = sg::Store::Open(f.db, sg::Store::Mode::kReadWrite, &store);
  if (!s.ok()) Die(s);
  Run("ingest", docs, sentences, f.articles, [&](const sg::ingest::ArticleDoc& d) {
    sg::ArticleClaims claims = extractor.Extract(d);
    claims.article = d.meta;
    claims.content_hash = d.meta.id;
    sg::Store::IngestOutcome outcome;
    sg::Status st = store->IngestArticle(claims, &outcome);
    if (!st.ok()) Die(st);
    return claims.claims.size();
  });
  store.reset();
  if (temp) fs::remove_all(f.db);
  return 0;
}
