// Extraction quality: a graph, as `export --format jsonl` writes it, scored
// against hand-written gold facts (docs/eval.md). The rules are those of the
// scorer the project was first measured with (shared/eval/score.py), kept here
// so that a clone of the repository can measure itself; tests/eval_cli_test.py
// checks that both give the same figures.
//
// Everything here is a pure function of its arguments: no I/O, no globals
// written, safe to call from several threads.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/status.h"

namespace sg::eval {

// The key gold names and graph names are compared under: NFKD, combining marks
// dropped, full case folding, "’" as "'", "'s " as " ", dots and apostrophes
// dropped, hyphens as spaces, white space collapsed, then a few fixed synonyms
// of whole names ("U.S." -> "united states", "Britain" -> "united kingdom",
// "PRC" -> "china"), a leading "the " dropped only before their targets.
// Not graph/names.h NormalizeName: the gold was written against this key, and
// the figures must not move when the product's own folding does.
// REQUIRES: valid UTF-8 (invalid input is returned folded as far as it goes).
std::string NormalizeGoldName(std::string_view text);

// ----- The graph, as the scorer sees it.

struct GraphNode {
  std::string id;
  std::vector<std::string> labels;  // labels[0] is the kind: Person, State, ...
  std::string name;                 // as exported
  std::set<std::string> names;      // name and aliases, normalized; "" left out
};

struct GraphEdge {
  std::string label;       // the relation: OPPOSES, MEETS, ...
  std::string start, end;  // node ids; start is the subject
  // The relationship's properties as Python's json.dumps(..., ensure_ascii=False)
  // writes them: the title and outlet checks look for words in this text.
  std::string properties_json;
};

struct Graph {
  std::vector<GraphNode> nodes;  // in file order: add them with AddNode
  std::vector<GraphEdge> edges;  // in file order

  // Appends `node`; one with an id already present replaces that node in its
  // place (as a Python dict keeps a key's first position and its last value).
  void AddNode(GraphNode node);
  // The node with `id`, or nullptr.
  const GraphNode* FindNode(std::string_view id) const;

 private:
  std::unordered_map<std::string, size_t> index_;  // id -> position in nodes
};

// Parses the Neo4j APOC JSON lines of `export --format jsonl` (docs/exports.md).
// Lines of other types are skipped. InvalidInput "SOURCE:LINE: ..." for a line
// that is not a JSON object, or a node or relationship without its ids.
Status ParseGraphJsonl(std::string_view text, std::string_view source, Graph* out);

// ----- Gold facts (docs/eval.md, "Gold files").

enum class Tier { kCore, kBonus, kOk };
std::string_view TierName(Tier tier);

struct GoldFact {
  Tier tier = Tier::kCore;
  std::vector<std::string> subjects;   // alternatives, normalized
  std::vector<std::string> relations;  // alternatives, as written (HOLDS_OFFICE, ...)
  std::vector<std::string> objects;    // alternatives, normalized
  // "title" and "sources": the values that must appear in a matching edge's
  // properties, as written. A key is absent when the line does not ask for it.
  std::map<std::string, std::vector<std::string>> qualifiers;
  std::string text;   // subject, relation and object as written, tab-separated
  std::string where;  // "PATH:LINE"
};

// Parses a gold file's text; `path` names it in errors and in GoldFact::where.
// A leading byte-order mark is skipped. Lines are split at "\n", "\r\n" or
// "\r"; blank lines and lines starting with '#' are skipped. InvalidInput "PATH:LINE: ..." for the
// first malformed line: invalid UTF-8, fewer than four tab-separated columns, an unknown tier, an
// empty alternative, a relation that is not scored, an unknown qualifier.
Status ParseGold(std::string_view text, std::string_view path, std::vector<GoldFact>* out);

// ----- Scores.

// hit of total; value() is 0 when total is 0 (as the original scorer has it).
struct Ratio {
  size_t hit = 0;
  size_t total = 0;
  double value() const { return total ? static_cast<double>(hit) / total : 0.0; }
  Ratio& operator+=(const Ratio& o) {
    hit += o.hit;
    total += o.total;
    return *this;
  }
};

struct FactOutcome {
  Tier tier = Tier::kCore;
  std::string text;   // GoldFact::text
  std::string where;  // GoldFact::where
  bool found = false;
};

struct ArticleScore {
  Ratio edges;    // scored edges that match some gold fact (any tier) / scored edges
  Ratio core;     // core facts with a matching edge / core facts
  Ratio bonus;    // the same for bonus facts
  Ratio titles;   // core and bonus facts with title=: found with that title / asked
  Ratio sources;  // the same for sources=
  // Actors stored as several nodes of one kind, one "A / B (shared names)" per
  // pair (docs/eval.md, "Split actors").
  std::vector<std::string> split_actors;
  // The detail behind the figures: every core and bonus fact in gold order, and
  // the scored edges no fact matched ("Russia -SUPPORTS-> ceasefire").
  std::vector<FactOutcome> facts;
  std::vector<std::string> unmatched_edges;

  double precision() const { return edges.value(); }
  double core_recall() const { return core.value(); }
  Ratio found() const { return {core.hit + bonus.hit, core.total + bonus.total}; }
  double recall() const { return found().value(); }
  double f1() const;
};

// Scores `graph` against `gold` (docs/eval.md, "Matching").
ArticleScore ScoreArticle(const Graph& graph, const std::vector<GoldFact>& gold);

// Pairs of actor nodes of one kind that share a normalized name or alias, or,
// for persons, where one's one-word name is the other's surname ("Lavrov" beside
// "Sergei Lavrov"). In node order.
std::vector<std::string> SplitActors(const Graph& graph);

// The figures of several articles together.
struct SetScore {
  size_t articles = 0;
  // Pooled: the counts of every article summed, then divided.
  ArticleScore pooled;
  // Mean: the mean of each article's figure. Titles and sources are averaged
  // over the articles that ask for any; nullopt when none does.
  double mean_precision = 0, mean_core_recall = 0, mean_recall = 0, mean_f1 = 0;
  std::optional<double> mean_titles, mean_sources;
};
SetScore SummarizeSet(const std::vector<ArticleScore>& articles);

}  // namespace sg::eval
