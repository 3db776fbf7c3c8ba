// Matching gold facts to edges, split actors and set summaries
// (tools/eval_score.h). The rules are shared/eval/score.py's, line for line.
#include "tools/eval_score.h"

#include <algorithm>
#include <iterator>

namespace sg::eval {
namespace {

bool IsStance(std::string_view r) { return r == "SUPPORTS" || r == "OPPOSES"; }
bool IsSymmetric(std::string_view r) { return r == "MEETS" || r == "COOPERATES_WITH"; }
bool IsScored(std::string_view r) {
  return IsStance(r) || IsSymmetric(r) || r == "HOLDS_OFFICE" || r == "MEMBER_OF" ||
         r == "PROPOSES" || r == "CRITICIZES" || r == "THREATENS" || r == "SANCTIONS" ||
         r == "ATTACKS";
}
bool IsActorKind(std::string_view k) {
  return k == "Person" || k == "State" || k == "Organization";
}

// A PROPOSES edge is scored as SUPPORTS.
std::string_view ScoredAs(std::string_view label) {
  return label == "PROPOSES" ? "SUPPORTS" : label;
}

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// An actor matches when one of its names is an alternative.
bool ActorMatch(const GraphNode& node, const std::vector<std::string>& wanted) {
  return std::any_of(wanted.begin(), wanted.end(),
                     [&](const std::string& w) { return node.names.count(w) > 0; });
}

// A position matches when an alternative is part of one of its names, or a name
// of four or more characters is part of an alternative.
bool PositionMatch(const GraphNode& node, const std::vector<std::string>& wanted) {
  for (const auto& name : node.names) {
    for (const auto& w : wanted) {
      if (name.find(w) != std::string::npos) return true;
      if (CodePoints(name) >= 4 && w.find(name) != std::string::npos) return true;
    }
  }
  return false;
}

bool EdgeMatches(const GraphEdge& edge, const GoldFact& fact, const Graph& graph) {
  const std::string_view label = ScoredAs(edge.label);
  if (!Contains(fact.relations, label) && !Contains(fact.relations, edge.label)) return false;
  const GraphNode* start = graph.FindNode(edge.start);
  const GraphNode* end = graph.FindNode(edge.end);
  if (!start || !end) return false;
  const bool object_ok =
      IsStance(label) ? PositionMatch(*end, fact.objects) : ActorMatch(*end, fact.objects);
  if (ActorMatch(*start, fact.subjects) && object_ok) return true;
  return IsSymmetric(label) && ActorMatch(*end, fact.subjects) && ActorMatch(*start, fact.objects);
}

// Whether every wanted value appears, normalized, in the normalized properties
// of the matching edges (all of them, as one text: score.py's qualifier_ok).
bool QualifierFound(const std::vector<const GraphEdge*>& hits,
                    const std::vector<std::string>& wanted) {
  std::string blob = "[";
  for (size_t i = 0; i < hits.size(); ++i) blob += (i ? ", " : "") + hits[i]->properties_json;
  blob = NormalizeGoldName(blob + "]");
  return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
    return blob.find(NormalizeGoldName(w)) != std::string::npos;
  });
}

// Counts a fact asking for qualifier `key` into `tally`.
void TallyQualifier(const GoldFact& fact, const char* key,
                    const std::vector<const GraphEdge*>& hits, Ratio* tally) {
  auto it = fact.qualifiers.find(key);
  if (it == fact.qualifiers.end() || it->second.empty()) return;
  ++tally->total;
  if (!hits.empty() && QualifierFound(hits, it->second)) ++tally->hit;
}

std::string NodeLabel(const Graph& graph, const std::string& id) {
  const GraphNode* n = graph.FindNode(id);
  return n ? n->name : id;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t sp = s.find(' ', pos);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > pos) words.emplace_back(s.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return words;
}

// One-word names, and the last words of multi-word names (surnames, for persons).
std::set<std::string> SingleWords(const GraphNode& n) {
  std::set<std::string> out;
  for (const auto& name : n.names) {
    if (name.find(' ') == std::string::npos) out.insert(name);
  }
  return out;
}
std::set<std::string> Surnames(const GraphNode& n) {
  std::set<std::string> out;
  for (const auto& name : n.names) {
    if (name.find(' ') != std::string::npos) out.insert(Words(name).back());
  }
  return out;
}

std::set<std::string> Intersect(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

// The names that make `a` and `b` one actor; empty when they are two.
std::set<std::string> SharedNames(const GraphNode& a, const GraphNode& b) {
  std::set<std::string> shared = Intersect(a.names, b.names);
  if (shared.empty() && a.labels[0] == "Person") {
    shared = Intersect(SingleWords(a), Surnames(b));
    for (const auto& s : Intersect(SingleWords(b), Surnames(a))) shared.insert(s);
  }
  return shared;
}

std::string SplitLine(const GraphNode& a, const GraphNode& b, const std::set<std::string>& shared) {
  std::string line = a.name + " / " + b.name + " (";
  bool first = true;
  for (const auto& s : shared) {
    line += (first ? "" : ", ") + s;
    first = false;
  }
  return line + ")";
}

bool IsActor(const GraphNode& n) {
  return std::any_of(n.labels.begin(), n.labels.end(), IsActorKind);
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / values.size();
}

std::optional<double> MeanOfAsked(const std::vector<ArticleScore>& articles,
                                  Ratio ArticleScore::*r) {
  std::vector<double> values;
  for (const auto& a : articles) {
    if ((a.*r).total) values.push_back((a.*r).value());
  }
  if (values.empty()) return std::nullopt;
  return Mean(values);
}

double MeanOf(const std::vector<ArticleScore>& articles, double (ArticleScore::*figure)() const) {
  std::vector<double> values;
  for (const auto& a : articles) values.push_back((a.*figure)());
  return Mean(values);
}

}  // namespace

double ArticleScore::f1() const {
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

ArticleScore ScoreArticle(const Graph& graph, const std::vector<GoldFact>& gold) {
  std::vector<const GraphEdge*> scored;
  for (const auto& e : graph.edges) {
    if (IsScored(e.label)) scored.push_back(&e);
  }
  ArticleScore score;
  std::vector<bool> matched(scored.size(), false);
  for (const GoldFact& fact : gold) {
    std::vector<const GraphEdge*> hits;
    for (size_t i = 0; i < scored.size(); ++i) {
      if (!EdgeMatches(*scored[i], fact, graph)) continue;
      hits.push_back(scored[i]);
      matched[i] = true;
    }
    if (fact.tier == Tier::kOk) continue;  // true, never required
    Ratio& tier = fact.tier == Tier::kCore ? score.core : score.bonus;
    ++tier.total;
    tier.hit += !hits.empty();
    TallyQualifier(fact, "title", hits, &score.titles);
    TallyQualifier(fact, "sources", hits, &score.sources);
    score.facts.push_back({fact.tier, fact.text, fact.where, !hits.empty()});
  }
  for (size_t i = 0; i < scored.size(); ++i) {
    score.edges.total++;
    if (matched[i]) {
      score.edges.hit++;
      continue;
    }
    score.unmatched_edges.push_back(NodeLabel(graph, scored[i]->start) + " -" + scored[i]->label +
                                    "-> " + NodeLabel(graph, scored[i]->end));
  }
  score.split_actors = SplitActors(graph);
  return score;
}

std::vector<std::string> SplitActors(const Graph& graph) {
  std::vector<const GraphNode*> actors;
  for (const auto& n : graph.nodes) {
    if (IsActor(n)) actors.push_back(&n);
  }
  std::vector<std::string> split;
  for (size_t i = 0; i < actors.size(); ++i) {
    for (size_t j = i + 1; j < actors.size(); ++j) {
      const GraphNode& a = *actors[i];
      const GraphNode& b = *actors[j];
      if (a.labels[0] != b.labels[0]) continue;
      const std::set<std::string> shared = SharedNames(a, b);
      if (!shared.empty()) split.push_back(SplitLine(a, b, shared));
    }
  }
  return split;
}

SetScore SummarizeSet(const std::vector<ArticleScore>& articles) {
  SetScore set;
  set.articles = articles.size();
  for (const auto& a : articles) {
    set.pooled.edges += a.edges;
    set.pooled.core += a.core;
    set.pooled.bonus += a.bonus;
    set.pooled.titles += a.titles;
    set.pooled.sources += a.sources;
    for (const auto& s : a.split_actors) set.pooled.split_actors.push_back(s);
  }
  set.mean_precision = MeanOf(articles, &ArticleScore::precision);
  set.mean_core_recall = MeanOf(articles, &ArticleScore::core_recall);
  set.mean_recall = MeanOf(articles, &ArticleScore::recall);
  set.mean_f1 = MeanOf(articles, &ArticleScore::f1);
  set.mean_titles = MeanOfAsked(articles, &ArticleScore::titles);
  set.mean_sources = MeanOfAsked(articles, &ArticleScore::sources);
  return set;
}

}  // namespace sg::eval
