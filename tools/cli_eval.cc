// `stancegraph eval`: extraction quality on annotated articles (docs/eval.md).
// Each article is ingested alone, by `ingest`'s own code, into a fresh database
// under $TMPDIR; the graph is read back as `export --format jsonl` writes it and
// scored by tools/eval_score.h against the gold file beside the article.

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ingest/input_text.h"
#include "tools/cli.h"
#include "tools/eval_score.h"
#include "tools/export.h"

namespace sg::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// One annotated article and its gold facts.
struct Annotated {
  std::string article;  // the path as given or found
  std::string gold;     // NAME.gold.tsv beside it
  std::vector<eval::GoldFact> facts;
};

// ----- Finding the articles.

std::string GoldBeside(const fs::path& article) {
  return (article.parent_path() / (article.stem().string() + ".gold.tsv")).string();
}

bool IsArticleInDirectory(const fs::directory_entry& e) {
  const std::string name = e.path().filename().string();
  const std::string ext = e.path().extension().string();
  std::error_code ec;
  return !name.starts_with(".") && (ext == ".txt" || ext == ".md") && e.is_regular_file(ec) &&
         fs::exists(GoldBeside(e.path()), ec);
}

// Every NAME.txt or NAME.md of `dir` (not its subdirectories) with a
// NAME.gold.tsv beside it, in name order.
Status CollectDirectory(const std::string& dir, std::vector<Annotated>* out) {
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (IsArticleInDirectory(*it)) found.push_back(it->path().string());
  }
  if (ec) return Status::IOError(dir + ": " + ec.message());
  if (found.empty()) {
    return Status::NotFound(dir +
                            ": no article NAME.txt or NAME.md with a NAME.gold.tsv beside it");
  }
  std::sort(found.begin(), found.end());
  for (auto& f : found) out->push_back({f, GoldBeside(f), {}});
  return Status::OK();
}

Status CollectArticles(const std::vector<std::string>& paths, std::vector<Annotated>* out) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      SG_RETURN_IF_ERROR(CollectDirectory(p, out));
      continue;
    }
    if (!fs::exists(p, ec)) return Status::NotFound(p + ": no such file or directory");
    const std::string gold = GoldBeside(p);
    if (!fs::exists(gold, ec)) return Status::NotFound(p + ": no gold file " + gold + " beside it");
    out->push_back({p, gold, {}});
  }
  return Status::OK();
}

// Reads and parses a's gold file into a->facts (done for every article before
// any is ingested, so a malformed line fails the command at once).
Status LoadGold(Annotated* a) {
  ingest::InputText text;
  SG_RETURN_IF_ERROR(ingest::InputText::Open(a->gold, &text));
  return eval::ParseGold(text.text(), a->gold, &a->facts);
}

// ----- Ingesting and reading back.

// A directory under $TMPDIR, removed with its contents when destroyed.
class ScratchDir {
 public:
  ScratchDir() = default;
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);  // a leftover in $TMPDIR is harmless
  }

  // IOError when the directory cannot be created ($TMPDIR missing, full, read-only).
  Status Create() {
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / "stancegraph-eval-XXXXXX").string();
    if (ec || mkdtemp(pattern.data()) == nullptr) {
      return Status::IOError("cannot create a temporary directory in $TMPDIR (" + pattern + ")");
    }
    path_ = pattern;
    return Status::OK();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The whole graph of `db`, as `export --format jsonl` writes it, read back.
Status ExportedGraph(const std::string& db, eval::Graph* out) {
  std::unique_ptr<Store> store;
  SG_RETURN_IF_ERROR(OpenStore(db, Store::Mode::kReadOnly, &store));
  tools::Subgraph graph;
  SG_RETURN_IF_ERROR(tools::Subgraph::Compute(*store, tools::ExportFilter(), &graph));
  std::ostringstream jsonl;
  SG_RETURN_IF_ERROR(tools::ExportGraph(graph, tools::ExportFormat::kJsonl, jsonl));
  return eval::ParseGraphJsonl(jsonl.str(), db + " (export)", out);
}

// Ingests `a` alone into a fresh database under `scratch` and scores it.
Status IngestAndScore(const EvalArgs& args, const Annotated& a, const ScratchDir& scratch,
                      eval::ArticleScore* out) {
  IngestArgs ingest;
  ingest.db = (fs::path(scratch.path()) / "db").string();
  ingest.paths = {a.article};
  ingest.lexicons = args.lexicons;
  ingest.quiet = true;
  eval::Graph graph;
  Status s = IngestPaths(ingest);
  if (s.ok()) s = ExportedGraph(ingest.db, &graph);
  std::error_code ec;
  fs::remove_all(ingest.db, ec);  // the next article starts from nothing
  if (s.ok() && ec) s = Status::IOError(ingest.db + ": cannot remove: " + ec.message());
  if (s.ok()) *out = eval::ScoreArticle(graph, a.facts);
  return s;
}

// ----- Printing.

// A figure as the table shows it: 0.93.
std::string TwoDecimals(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Count(const eval::Ratio& r) {
  return std::to_string(r.hit) + "/" + std::to_string(r.total);
}

std::string FigureAndCount(double v, const eval::Ratio& r) {
  return TwoDecimals(v) + " " + Count(r);
}

// A figure against a threshold: enough digits to show why 0.849 < 0.85.
std::string ThreeDecimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}
// A threshold as it was given: 0.85.
std::string Threshold(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string TwoDecimalsOrDash(const std::optional<double>& v) { return v ? TwoDecimals(*v) : "-"; }

void PrintRow(size_t width, const std::vector<std::string>& cells) {
  static constexpr size_t kWidths[] = {0, 14, 14, 6, 4, 7, 7, 5};
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    const size_t w = i == 0 ? width : kWidths[std::min(i, std::size(kWidths) - 1)];
    std::string cell = cells[i];
    if (i + 1 < cells.size() && cell.size() < w) cell.resize(w, ' ');
    line += (i ? "  " : "") + cell;
  }
  line.erase(line.find_last_not_of(' ') + 1);
  std::printf("%s\n", line.c_str());
}

std::vector<std::string> Row(const std::string& name, const eval::ArticleScore& s) {
  return {name,
          FigureAndCount(s.precision(), s.edges),
          FigureAndCount(s.core_recall(), s.core),
          TwoDecimals(s.recall()),
          TwoDecimals(s.f1()),
          Count(s.titles),
          Count(s.sources),
          std::to_string(s.split_actors.size())};
}

std::string Articles(size_t n) { return std::to_string(n) + (n == 1 ? " article" : " articles"); }

void PrintTable(const std::vector<Annotated>& in, const std::vector<eval::ArticleScore>& scores,
                const eval::SetScore& set) {
  const std::string pooled = "pooled (" + Articles(set.articles) + ")";
  size_t width = pooled.size();
  for (const auto& a : in) width = std::max(width, fs::path(a.article).filename().string().size());
  PrintRow(width,
           {"article", "precision", "core recall", "recall", "f1", "titles", "sources", "split"});
  for (size_t i = 0; i < in.size(); ++i)
    PrintRow(width, Row(fs::path(in[i].article).filename().string(), scores[i]));
  PrintRow(width, Row(pooled, set.pooled));
  PrintRow(width, {"mean (" + Articles(set.articles) + ")", TwoDecimals(set.mean_precision),
                   TwoDecimals(set.mean_core_recall), TwoDecimals(set.mean_recall),
                   TwoDecimals(set.mean_f1), TwoDecimalsOrDash(set.mean_titles),
                   TwoDecimalsOrDash(set.mean_sources), ""});
}

// score.py's detail: each core and bonus fact, the edges that matched none, the splits.
void PrintDetail(const Annotated& a, const eval::ArticleScore& s) {
  std::printf("== %s (gold %s)\n", a.article.c_str(), a.gold.c_str());
  for (const auto& f : s.facts) {
    std::printf("%s %-5s %s\n", f.found ? "hit " : "MISS",
                std::string(eval::TierName(f.tier)).c_str(), f.text.c_str());
  }
  for (const auto& e : s.unmatched_edges) std::printf("extra %s\n", e.c_str());
  for (const auto& split : s.split_actors) std::printf("split %s\n", split.c_str());
}

Json RatioJson(const eval::Ratio& r) { return {{"found", r.hit}, {"total", r.total}}; }

Json ScoreJson(const eval::ArticleScore& s) {
  return {{"precision", s.precision()},
          {"core_recall", s.core_recall()},
          {"recall", s.recall()},
          {"f1", s.f1()},
          {"edges", {{"matched", s.edges.hit}, {"scored", s.edges.total}}},
          {"core", RatioJson(s.core)},
          {"facts", RatioJson(s.found())},
          {"titles", RatioJson(s.titles)},
          {"sources", RatioJson(s.sources)},
          {"split", s.split_actors.size()},
          {"split_actors", s.split_actors}};
}

Json DetailJson(const eval::ArticleScore& s) {
  Json facts = Json::array();
  for (const auto& f : s.facts) {
    facts.push_back({{"tier", eval::TierName(f.tier)},
                     {"fact", f.text},
                     {"where", f.where},
                     {"found", f.found}});
  }
  return {{"gold_facts", facts}, {"unmatched_edges", s.unmatched_edges}};
}

Json OptionalJson(const std::optional<double>& v) { return v ? Json(*v) : Json(); }

Json SetJson(const eval::SetScore& set) {
  Json pooled = ScoreJson(set.pooled);
  pooled.erase("split_actors");  // listed with each article
  return {{"pooled", pooled},
          {"mean",
           {{"precision", set.mean_precision},
            {"core_recall", set.mean_core_recall},
            {"recall", set.mean_recall},
            {"f1", set.mean_f1},
            {"titles", OptionalJson(set.mean_titles)},
            {"sources", OptionalJson(set.mean_sources)}}}};
}

void PrintJson(const EvalArgs& args, const std::vector<Annotated>& in,
               const std::vector<eval::ArticleScore>& scores, const eval::SetScore& set,
               const std::vector<std::string>& failures) {
  Json articles = Json::array();
  for (size_t i = 0; i < in.size(); ++i) {
    Json a = {{"article", in[i].article}, {"gold", in[i].gold}};
    a.update(ScoreJson(scores[i]));
    if (args.verbose) a.update(DetailJson(scores[i]));
    articles.push_back(std::move(a));
  }
  Json out = {{"articles", std::move(articles)}, {"count", in.size()}};
  out.update(SetJson(set));
  out["failures"] = failures;
  std::cout << out.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

// The thresholds not met, each as a sentence.
std::vector<std::string> Failures(const EvalArgs& args, const eval::SetScore& set) {
  std::vector<std::string> failures;
  if (set.mean_precision < args.min_precision) {
    failures.push_back("mean precision " + ThreeDecimals(set.mean_precision) +
                       " is below --min-precision " + Threshold(args.min_precision));
  }
  if (set.mean_core_recall < args.min_core_recall) {
    failures.push_back("mean core recall " + ThreeDecimals(set.mean_core_recall) +
                       " is below --min-core-recall " + Threshold(args.min_core_recall));
  }
  const size_t split = set.pooled.split_actors.size();
  if (args.max_split >= 0 && split > static_cast<size_t>(args.max_split)) {
    failures.push_back(std::to_string(split) + " split actor(s), more than --max-split " +
                       std::to_string(args.max_split));
  }
  return failures;
}

Status ScoreAll(const EvalArgs& args, std::vector<Annotated>* in,
                std::vector<eval::ArticleScore>* scores) {
  SG_RETURN_IF_ERROR(CollectArticles(args.paths, in));
  for (auto& a : *in) SG_RETURN_IF_ERROR(LoadGold(&a));
  ScratchDir scratch;
  SG_RETURN_IF_ERROR(scratch.Create());
  scores->resize(in->size());
  for (size_t i = 0; i < in->size(); ++i) {
    SG_RETURN_IF_ERROR(IngestAndScore(args, (*in)[i], scratch, &(*scores)[i]));
  }
  return Status::OK();
}

}  // namespace

int RunEval(const EvalArgs& args) {
  std::vector<Annotated> in;
  std::vector<eval::ArticleScore> scores;
  Status s = ScoreAll(args, &in, &scores);
  if (!s.ok()) return Fail(s);
  const eval::SetScore set = eval::SummarizeSet(scores);
  const std::vector<std::string> failures = Failures(args, set);
  if (args.json) {
    PrintJson(args, in, scores, set, failures);
  } else {
    for (size_t i = 0; args.verbose && i < in.size(); ++i) PrintDetail(in[i], scores[i]);
    PrintTable(in, scores, set);
  }
  std::fflush(stdout);
  for (const auto& f : failures) std::fprintf(stderr, "stancegraph: eval: %s\n", f.c_str());
  return failures.empty() ? kExitOk : kExitFailure;
}

}  // namespace sg::cli
