// query_bench: query latency on a generated graph held in the store, against an
// in-memory lower bound (a Boost.Graph CSR in the same process). Named
// workloads, LevelDB db_bench style:
//
//   query_bench --db DIR generate [--nodes 1000000] [--edges 10000000] [--seed 1]
//       ingest the synthetic graph (query_bench_graph.cc) through Store::IngestArticle
//       and compact it; resumable, and a no-op when DIR already holds it
//   query_bench --db DIR export-edges OUTDIR
//       OUTDIR/nodes.tsv and OUTDIR/edges.tsv, the analyst graph, for query_peers.py
//   query_bench --db DIR run [--queries 2hop,2hop_top100,path,stance,count]
//       [--warmup 3] [--repeat 20] [--json OUT.json]
//       opens DIR read-only (timed), loads the CSR (timed), picks the query
//       parameters from the graph, and times each query in three ways:
//         engine  sg::query::RunQuery with Cypher text (when the engine is built)
//         direct  the Store API (AdjacencyReader, GetEdge, Counts) by hand
//         csr     boost::compressed_sparse_row_graph in memory
//
// Analyst relations are every relation but MENTIONS and CITES; the walks (2hop,
// path) follow them in both directions. Latencies are per query in a warm process:
// median and p90 (nearest rank) of --repeat runs after --warmup runs.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include "storage/store.h"
#include "tools/bench/query_bench.h"
#ifdef SG_BENCH_WITH_ENGINE
#include "query/engine.h"
#include "query/paths.h"
#endif

namespace {

using Clock = std::chrono::steady_clock;
using sg::Relation;
using sg::Status;

double MsSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "query_bench: %s\n", what.c_str());
  std::exit(1);
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

struct Flags {
  std::string db, command, arg;
  sg::bench::GraphShape shape;
  std::vector<std::string> queries = {"2hop", "2hop_top100", "path", "stance", "count"};
  int warmup = 3, repeat = 20;
  std::string json;
};

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--db") f.db = next();
    else if (a == "--nodes") f.shape.nodes = std::atol(next().c_str());
    else if (a == "--edges") f.shape.edges = std::atol(next().c_str());
    else if (a == "--seed") f.shape.seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--queries") f.queries = SplitCommas(next());
    else if (a == "--warmup") f.warmup = std::atoi(next().c_str());
    else if (a == "--repeat") f.repeat = std::max(1, std::atoi(next().c_str()));
    else if (a == "--json") f.json = next();
    else if (a.starts_with("--")) Die("unknown flag " + a);
    else if (f.command.empty()) f.command = a;
    else f.arg = a;
  }
  if (f.db.empty() || f.command.empty()) {
    std::fprintf(stderr, "usage: query_bench --db DIR generate|export-edges OUTDIR|run [flags]\n");
    std::exit(2);
  }
  return f;
}

// ----- The in-memory lower bound

struct CsrEdge {
  uint8_t relation = 0;
  uint32_t claims = 0;
  uint32_t first = 0, last = 0;  // keys::DateKey
};
using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, CsrEdge,
                                               boost::no_property, uint32_t, uint32_t>;

struct Memory {
  std::unique_ptr<Csr> g;
  std::vector<std::string> names;  // by node id
  std::vector<uint8_t> kinds;      // by node id; 0 for ids that are not nodes
};

Memory LoadMemory(const sg::Store& store) {
  Memory m;
  Check(store.ForEachNode([&](const sg::NodeRecord& n) {
          if (n.id >= m.names.size()) {
            m.names.resize(n.id + 1);
            m.kinds.resize(n.id + 1);
          }
          m.names[n.id] = n.name;
          m.kinds[n.id] = static_cast<uint8_t>(n.kind);
          return Status::OK();
        }),
        "reading nodes");
  std::vector<std::pair<uint32_t, uint32_t>> ends;
  std::vector<CsrEdge> props;
  Check(store.ForEachEdge([](const sg::keys::EdgeKey& k) { return !sg::IsDerived(k.relation); },
                          [&](const sg::EdgeRecord& e) {
                            ends.emplace_back(e.key.source, e.key.target);
                            props.push_back({static_cast<uint8_t>(e.key.relation), e.claim_count,
                                             sg::keys::DateKey(e.first_date),
                                             sg::keys::DateKey(e.last_date)});
                            return Status::OK();
                          }),
        "reading edges");
  m.g = std::make_unique<Csr>(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(),
                              props.begin(), static_cast<uint32_t>(m.names.size()));
  return m;
}

template <typename Fn>
void ForEachNeighbor(const Csr& g, uint32_t v, Fn fn) {
  for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) fn(boost::target(e, g));
  for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) fn(boost::source(e, g));
}

// Visited marks that need no clearing between queries: a node is marked when its
// stamp equals the current query's.
struct Marks {
  std::vector<uint32_t> stamp;
  uint32_t now = 0;
  explicit Marks(size_t n) : stamp(n, 0) {}
  void Reset() { ++now; }
  bool Mark(uint32_t v) { return stamp[v] == now ? false : (stamp[v] = now, true); }
};

int64_t CsrTwoHop(const Csr& g, uint32_t hub, Marks* marks) {
  marks->Reset();
  marks->Mark(hub);
  std::vector<uint32_t> first;
  ForEachNeighbor(g, hub, [&](uint32_t x) { if (marks->Mark(x)) first.push_back(x); });
  int64_t n = static_cast<int64_t>(first.size());
  for (uint32_t v : first) ForEachNeighbor(g, v, [&](uint32_t x) { n += marks->Mark(x); });
  return n;
}

// Bidirectional BFS, level by level from the smaller frontier; -1 past max_hops.
int64_t CsrShortestPath(const Csr& g, uint32_t a, uint32_t b, int max_hops, Marks* side_a,
                        Marks* side_b) {
  if (a == b) return 0;
  side_a->Reset();
  side_b->Reset();
  side_a->Mark(a);
  side_b->Mark(b);
  std::vector<uint32_t> fa{a}, fb{b}, next;
  for (int hops = 1; hops <= max_hops && !fa.empty() && !fb.empty(); ++hops) {
    const bool from_a = fa.size() <= fb.size();
    auto& frontier = from_a ? fa : fb;
    Marks* mine = from_a ? side_a : side_b;
    Marks* theirs = from_a ? side_b : side_a;
    bool met = false;
    next.clear();
    for (uint32_t v : frontier) {
      ForEachNeighbor(g, v, [&](uint32_t x) {
        if (theirs->stamp[x] == theirs->now) met = true;
        if (mine->Mark(x)) next.push_back(x);
      });
      if (met) return hops;
    }
    frontier.swap(next);
  }
  return -1;
}

// ----- Results

struct Timing {
  std::vector<double> ms;
  std::string answer;
  std::string error;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p * double(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// Runs fn warmup + repeat times; fn returns the answer as text, or throws a
// std::runtime_error with the query's error. A query too slow for that many runs
// in kBudgetMs gets fewer: its first run counts, and as many more as fit.
constexpr double kBudgetMs = 60'000;
Timing Measure(int warmup, int repeat, const std::function<std::string()>& fn) {
  Timing t;
  try {
    auto start = Clock::now();
    t.answer = fn();
    const double first = MsSince(start);
    if (first * (warmup + repeat) > kBudgetMs) {
      t.ms.push_back(first);
      repeat = std::min(repeat - 1, static_cast<int>(kBudgetMs / std::max(first, 1e-3)) - 1);
      warmup = 0;
    } else {
      --warmup;
    }
    for (int i = 0; i < warmup; ++i) t.answer = fn();
    for (int i = 0; i < repeat; ++i) {
      auto start = Clock::now();
      t.answer = fn();
      t.ms.push_back(MsSince(start));
    }
  } catch (const std::exception& e) {
    t.error = e.what();
    t.ms.clear();
  }
  return t;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}


// ----- The queries

constexpr Relation kFirstAnalyst = Relation::kHoldsOffice;  // analyst relations are 1..11
constexpr Relation kLastAnalyst = Relation::kAttacks;
constexpr const char* kAnalystTypes =
    "HOLDS_OFFICE|MEMBER_OF|SUPPORTS|OPPOSES|PROPOSES|MEETS|COOPERATES_WITH|CRITICIZES|"
    "THREATENS|SANCTIONS|ATTACKS";
constexpr int kMaxHops = 6;
constexpr const char* kSince = "2024-01-01";
constexpr size_t kStanceLimit = 20;

struct QueryParams {
  uint32_t hub = 0, hub_degree = 0;
  uint32_t top100 = 0, top100_degree = 0;
  size_t top_percent_nodes = 0;
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  uint32_t position = 0, position_opposes = 0;
};

uint32_t Degree(const Csr& g, uint32_t v) {
  return static_cast<uint32_t>(boost::out_degree(v, g) + boost::in_degree(v, g));
}

// The hub is the node of median degree among the top 1% by degree; top100 the
// 100th by degree; five random pairs of connected actors; the position with the
// 10th most OPPOSES edges.
QueryParams ChooseParams(const Memory& m, uint64_t seed) {
  const Csr& g = *m.g;
  std::vector<uint32_t> nodes, actors, positions;
  for (uint32_t v = 0; v < m.kinds.size(); ++v) {
    if (m.kinds[v] == 0 || Degree(g, v) == 0) continue;
    nodes.push_back(v);
    auto kind = static_cast<sg::NodeKind>(m.kinds[v]);
    if (sg::IsActorKind(kind)) actors.push_back(v);
    if (kind == sg::NodeKind::kPosition) positions.push_back(v);
  }
  if (actors.size() < 2 || positions.empty()) Die("the graph is too small to query");
  auto by_degree = [&](uint32_t a, uint32_t b) {
    return std::pair(Degree(g, a), b) > std::pair(Degree(g, b), a);
  };
  std::sort(nodes.begin(), nodes.end(), by_degree);
  QueryParams p;
  p.top_percent_nodes = std::max<size_t>(1, nodes.size() / 100);
  p.hub = nodes[p.top_percent_nodes / 2];
  p.top100 = nodes[std::min<size_t>(99, nodes.size() - 1)];
  p.hub_degree = Degree(g, p.hub);
  p.top100_degree = Degree(g, p.top100);
  std::mt19937_64 rng(seed * 31 + 7);
  while (p.pairs.size() < 5) {
    uint32_t a = actors[rng() % actors.size()], b = actors[rng() % actors.size()];
    if (a != b) p.pairs.emplace_back(a, b);
  }
  auto opposes = [&](uint32_t v) {
    uint32_t n = 0;
    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) {
      n += g[e].relation == static_cast<uint8_t>(Relation::kOpposes);
    }
    return n;
  };
  std::vector<std::pair<uint32_t, uint32_t>> ranked;  // (OPPOSES in-degree, position)
  for (uint32_t v : positions) ranked.emplace_back(opposes(v), v);
  std::sort(ranked.rbegin(), ranked.rend());
  const auto& chosen = ranked[std::min<size_t>(9, ranked.size() - 1)];
  p.position = chosen.second;
  p.position_opposes = chosen.first;
  return p;
}

std::string JoinInts(const std::vector<int64_t>& v) {
  std::string s;
  for (int64_t x : v) s += (s.empty() ? "" : ",") + std::to_string(x);
  return s;
}

// The count query's answer: analyst relations only (the peers hold no others),
// by name; symmetric relations twice, as `MATCH ()-[r]->()` meets them from both ends.
std::string CountAnswer(const std::map<std::string, int64_t>& by_type) {
  std::string s;
  for (const auto& [type, n] : by_type) {
    auto r = sg::ParseRelation(type);
    if (r && !sg::IsDerived(*r)) s += (s.empty() ? "" : ",") + type + "=" + std::to_string(n);
  }
  return s;
}

// The questions, each answered three ways.
class Questions {
 public:
  virtual ~Questions() = default;
  virtual int64_t TwoHop(uint32_t hub) = 0;
  virtual int64_t Path(uint32_t a, uint32_t b) = 0;
  virtual std::vector<int64_t> Stance(uint32_t position) = 0;  // claims, most first
  virtual std::map<std::string, int64_t> Count() = 0;
};

void Throw(const Status& s) {
  if (!s.ok()) throw std::runtime_error(s.ToString());
}

class DirectQuestions : public Questions {
 public:
  explicit DirectQuestions(const sg::Store& store)
      : store_(store), reader_(store.NewAdjacencyReader()) {}

  int64_t TwoHop(uint32_t hub) override {
    std::vector<uint64_t> first;
    Neighbors(hub, &first);
    std::sort(first.begin(), first.end());
    first.erase(std::unique(first.begin(), first.end()), first.end());
    std::vector<uint64_t> all = first;
    for (uint64_t v : first) Neighbors(v, &all);
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return static_cast<int64_t>(all.size()) - std::binary_search(all.begin(), all.end(), hub);
  }

#ifdef SG_BENCH_WITH_ENGINE
  // The library's bidirectional BFS (query/paths.h), over analyst relations.
  int64_t Path(uint32_t a, uint32_t b) override {
    sg::query::PathOptions options;
    options.max_hops = kMaxHops;
    std::vector<sg::query::GraphPath> paths;
    Throw(sg::query::ShortestPaths(store_, a, b, options, &paths));
    return paths.empty() ? -1 : static_cast<int64_t>(paths[0].edges.size());
  }
#else
  int64_t Path(uint32_t a, uint32_t b) override { return BenchPath(a, b); }
#endif

  // A bidirectional BFS over the AdjacencyReader, for builds without query/paths.h.
  int64_t BenchPath(uint32_t a, uint32_t b) {
    if (a == b) return 0;
    std::unordered_set<uint64_t> seen_a{a}, seen_b{b};
    std::vector<uint64_t> fa{a}, fb{b}, next, around;
    for (int hops = 1; hops <= kMaxHops && !fa.empty() && !fb.empty(); ++hops) {
      const bool from_a = fa.size() <= fb.size();
      auto& frontier = from_a ? fa : fb;
      auto& mine = from_a ? seen_a : seen_b;
      auto& theirs = from_a ? seen_b : seen_a;
      next.clear();
      for (uint64_t v : frontier) {
        around.clear();
        Neighbors(v, &around);
        for (uint64_t x : around) {
          if (theirs.count(x)) return hops;
          if (mine.insert(x).second) next.push_back(x);
        }
      }
      frontier.swap(next);
    }
    return -1;
  }

  std::vector<int64_t> Stance(uint32_t position) override {
    std::vector<sg::keys::EdgeKey> in;
    Throw(reader_->In(position, Relation::kOpposes,
                      [&](const sg::keys::EdgeKey& k) { in.push_back(k); }));
    const uint32_t since = sg::keys::DateKey(kSince);
    std::vector<std::pair<int64_t, uint64_t>> rows;  // (claims, actor)
    for (const auto& k : in) {
      sg::EdgeRecord e;
      Throw(store_.GetEdge(k, &e));
      uint32_t last = sg::keys::DateKey(e.last_date);
      if (last != sg::keys::kUnknownDate && last >= since) rows.emplace_back(e.claim_count, k.source);
    }
    return TopRows(&rows);
  }

  std::map<std::string, int64_t> Count() override {
    sg::StoreCounts c;
    Throw(store_.Counts(&c));
    std::map<std::string, int64_t> out;
    for (const auto& [r, n] : c.edges_by_relation) {
      out[std::string(sg::RelationName(r))] = static_cast<int64_t>(n) * (sg::IsSymmetric(r) ? 2 : 1);
    }
    return out;
  }

 private:
  void Neighbors(uint64_t v, std::vector<uint64_t>* out) {
    Throw(reader_->Out(v, kFirstAnalyst, kLastAnalyst,
                       [&](const sg::keys::EdgeKey& k) { out->push_back(k.target); }));
    Throw(reader_->In(v, kFirstAnalyst, kLastAnalyst,
                      [&](const sg::keys::EdgeKey& k) { out->push_back(k.source); }));
  }

  // The first rows by claims, with the actors' names read as a result would be.
  std::vector<int64_t> TopRows(std::vector<std::pair<int64_t, uint64_t>>* rows) {
    size_t n = std::min(kStanceLimit, rows->size());
    std::partial_sort(rows->begin(), rows->begin() + n, rows->end(), std::greater<>());
    std::vector<int64_t> claims;
    for (size_t i = 0; i < n; ++i) {
      sg::NodeRecord node;
      Throw(store_.GetNode((*rows)[i].second, &node));
      claims.push_back((*rows)[i].first);
    }
    return claims;
  }

  const sg::Store& store_;
  std::unique_ptr<sg::Store::AdjacencyReader> reader_;
};

class CsrQuestions : public Questions {
 public:
  explicit CsrQuestions(const Memory& m)
      : m_(m), marks_(m.names.size()), other_(m.names.size()) {}

  int64_t TwoHop(uint32_t hub) override { return CsrTwoHop(*m_.g, hub, &marks_); }
  int64_t Path(uint32_t a, uint32_t b) override {
    return CsrShortestPath(*m_.g, a, b, kMaxHops, &marks_, &other_);
  }
  std::vector<int64_t> Stance(uint32_t position) override {
    const Csr& g = *m_.g;
    const uint32_t since = sg::keys::DateKey(kSince);
    std::vector<std::pair<int64_t, uint32_t>> rows;
    for (auto e : boost::make_iterator_range(boost::in_edges(position, g))) {
      const CsrEdge& p = g[e];
      if (p.relation == static_cast<uint8_t>(Relation::kOpposes) && p.last != sg::keys::kUnknownDate &&
          p.last >= since) {
        rows.emplace_back(p.claims, boost::source(e, g));
      }
    }
    size_t n = std::min(kStanceLimit, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + n, rows.end(), std::greater<>());
    std::vector<int64_t> claims;
    std::vector<std::string> names;  // copied, as a result row would hold them
    for (size_t i = 0; i < n; ++i) {
      claims.push_back(rows[i].first);
      names.push_back(m_.names[rows[i].second]);
    }
    return claims;
  }
  // Scans every edge: the honest in-memory cost of a count nobody kept.
  std::map<std::string, int64_t> Count() override {
    const Csr& g = *m_.g;
    int64_t histogram[256] = {};
    for (auto e : boost::make_iterator_range(boost::edges(g))) ++histogram[g[e].relation];
    std::map<std::string, int64_t> out;
    for (Relation r : sg::kAllRelations) {
      int64_t n = histogram[static_cast<uint8_t>(r)];
      if (n) out[std::string(sg::RelationName(r))] = n * (sg::IsSymmetric(r) ? 2 : 1);
    }
    return out;
  }

 private:
  const Memory& m_;
  Marks marks_, other_;
};

#ifdef SG_BENCH_WITH_ENGINE
class EngineQuestions : public Questions {
 public:
  explicit EngineQuestions(const sg::Store& store) : store_(store) {}

  int64_t TwoHop(uint32_t hub) override {
    auto r = Run(std::string("MATCH (h)-[:") + kAnalystTypes +
                     "*1..2]-(x) WHERE id(h) = $hub AND id(x) <> $hub RETURN count(DISTINCT x)",
                 {{"hub", sg::query::Value(int64_t{hub})}});
    return Int(r.at(0).at(0));
  }
  int64_t Path(uint32_t a, uint32_t b) override {
    auto r = Run(std::string("MATCH p = shortestPath((a)-[:") + kAnalystTypes + "*.." +
                     std::to_string(kMaxHops) +
                     "]-(b)) WHERE id(a) = $a AND id(b) = $b RETURN length(p)",
                 {{"a", sg::query::Value(int64_t{a})}, {"b", sg::query::Value(int64_t{b})}});
    return r.empty() ? -1 : Int(r[0].at(0));
  }
  std::vector<int64_t> Stance(uint32_t position) override {
    auto r = Run(std::string("MATCH (a)-[r:OPPOSES]->(p:Position) WHERE id(p) = $p AND "
                             "r.last_date >= date('") + kSince + "') RETURN a.name, r.claims "
                 "ORDER BY r.claims DESC LIMIT " + std::to_string(kStanceLimit),
                 {{"p", sg::query::Value(int64_t{position})}});
    std::vector<int64_t> claims;
    for (const auto& row : r) claims.push_back(Int(row.at(1)));
    return claims;
  }
  std::map<std::string, int64_t> Count() override {
    auto r = Run("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n", {});
    std::map<std::string, int64_t> out;
    for (const auto& row : r) out[row.at(0).as<std::string>()] = Int(row.at(1));
    return out;
  }

 private:
  std::vector<std::vector<sg::query::Value>> Run(const std::string& text,
                                                 const sg::query::Params& params) {
    sg::query::QueryResult result;
    Throw(sg::query::RunQuery(store_, text, params, sg::query::QueryLimits(), &result));
    return std::move(result.rows);
  }
  static int64_t Int(const sg::query::Value& v) {
    if (!v.is<int64_t>()) throw std::runtime_error("expected an integer, got " + sg::query::ToDisplay(v));
    return v.as<int64_t>();
  }
  const sg::Store& store_;
};
#endif

// ----- run

struct SystemResults {
  std::string name;
  std::map<std::string, Timing> by_query;
};

SystemResults Time(const std::string& name, Questions* q, const QueryParams& p, const Flags& f) {
  SystemResults out{name, {}};
  for (const std::string& query : f.queries) {
    Timing t;
    if (query == "2hop" || query == "2hop_top100") {
      uint32_t hub = query == "2hop" ? p.hub : p.top100;
      t = Measure(f.warmup, f.repeat, [&] { return std::to_string(q->TwoHop(hub)); });
    } else if (query == "path") {
      std::vector<int64_t> lengths(p.pairs.size());
      size_t i = 0;
      const size_t n = p.pairs.size();
      t = Measure(f.warmup * int(n), f.repeat * int(n), [&] {
        const auto& [a, b] = p.pairs[i % n];
        lengths[i++ % n] = q->Path(a, b);
        return JoinInts(lengths);
      });
    } else if (query == "stance") {
      t = Measure(f.warmup, f.repeat, [&] { return JoinInts(q->Stance(p.position)); });
    } else if (query == "count") {
      t = Measure(f.warmup, f.repeat, [&] { return CountAnswer(q->Count()); });
    } else {
      Die("unknown query " + query);
    }
    std::printf("  %-12s %-12s median %9.3f ms  p90 %9.3f ms  (n=%zu)  answer %s%s\n",
                name.c_str(), query.c_str(), Percentile(t.ms, 0.5), Percentile(t.ms, 0.9),
                t.ms.size(), t.answer.substr(0, 60).c_str(),
                t.error.empty() ? "" : (" ERROR " + t.error).c_str());
    std::fflush(stdout);
    out.by_query[query] = std::move(t);
  }
  return out;
}

long PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

void WriteJson(const std::string& path, const std::string& setup, const QueryParams& p,
               const std::vector<SystemResults>& systems) {
  std::ofstream out(path);
  out << "{\n  \"setup\": {" << setup << "},\n  \"params\": {";
  out << "\"hub\": " << p.hub << ", \"hub_degree\": " << p.hub_degree
      << ", \"top_percent_nodes\": " << p.top_percent_nodes << ", \"top100\": " << p.top100
      << ", \"top100_degree\": " << p.top100_degree << ", \"pairs\": [";
  for (size_t i = 0; i < p.pairs.size(); ++i) {
    out << (i ? ", " : "") << "[" << p.pairs[i].first << ", " << p.pairs[i].second << "]";
  }
  out << "], \"position\": " << p.position << ", \"position_opposes\": " << p.position_opposes
      << ", \"since\": \"" << kSince << "\", \"max_hops\": " << kMaxHops
      << ", \"stance_limit\": " << kStanceLimit << "},\n  \"results\": {";
  for (size_t s = 0; s < systems.size(); ++s) {
    out << (s ? ",\n" : "\n") << "    " << JsonString(systems[s].name) << ": {";
    size_t i = 0;
    for (const auto& [query, t] : systems[s].by_query) {
      out << (i++ ? ", " : "") << JsonString(query) << ": {\"median_ms\": " << Percentile(t.ms, 0.5)
          << ", \"p90_ms\": " << Percentile(t.ms, 0.9) << ", \"n\": " << t.ms.size()
          << ", \"answer\": " << JsonString(t.answer) << ", \"error\": " << JsonString(t.error) << "}";
    }
    out << "}";
  }
  out << "\n  }\n}\n";
}

std::unique_ptr<sg::Store> OpenReadOnly(const std::string& db, std::vector<double>* open_ms) {
  std::unique_ptr<sg::Store> store;
  for (int i = 0; i < 5; ++i) {
    store.reset();
    auto start = Clock::now();
    Check(sg::Store::Open(db, sg::Store::Mode::kReadOnly, &store), "opening the database");
    open_ms->push_back(MsSince(start));
  }
  return store;
}

int Run(const Flags& f) {
  std::vector<double> open_ms;
  std::unique_ptr<sg::Store> store = OpenReadOnly(f.db, &open_ms);
  std::printf("open (read-only): first %.1f ms, median of 5 %.1f ms\n", open_ms[0],
              Percentile(open_ms, 0.5));
  sg::StoreStats stats;
  auto start = Clock::now();
  Check(store->Stats(&stats), "reading the counts");
  const double stats_ms = MsSince(start);
  uint64_t analyst = 0;
  std::ostringstream by_relation;
  for (const auto& [r, n] : stats.edges_by_relation) {
    if (!sg::IsDerived(r)) analyst += n;
    by_relation << (by_relation.tellp() ? ", " : "") << "\"" << sg::RelationName(r) << "\": " << n;
  }
  std::printf("graph: %llu nodes, %llu edges (%llu analyst), %llu claims, %llu articles, "
              "%.1f MiB on disk (Stats in %.1f ms)\n", (unsigned long long)stats.nodes,
              (unsigned long long)stats.edges, (unsigned long long)analyst,
              (unsigned long long)stats.claims, (unsigned long long)stats.articles,
              stats.disk_bytes / 1048576.0, stats_ms);

  start = Clock::now();
  Memory memory = LoadMemory(*store);
  const double load_ms = MsSince(start);
  std::printf("csr: loaded %zu vertices, %zu edges from the store in %.1f s\n",
              memory.names.size(), static_cast<size_t>(boost::num_edges(*memory.g)), load_ms / 1000);
  const QueryParams p = ChooseParams(memory, f.shape.seed);
  std::printf("params: hub %u (degree %u, median of the top 1%% = %zu nodes), top100 hub %u "
              "(degree %u), position %u (%u OPPOSES edges), %zu pairs\n", p.hub, p.hub_degree,
              p.top_percent_nodes, p.top100, p.top100_degree, p.position, p.position_opposes,
              p.pairs.size());

  std::vector<SystemResults> systems;
#ifdef SG_BENCH_WITH_ENGINE
  EngineQuestions engine(*store);
  systems.push_back(Time("ours-engine", &engine, p, f));
#else
  std::printf("  ours-engine  not built (sg_query has no engine.cc yet)\n");
#endif
  DirectQuestions direct(*store);
  systems.push_back(Time("ours-direct", &direct, p, f));
  CsrQuestions csr(memory);
  systems.push_back(Time("csr", &csr, p, f));

  std::ostringstream setup;
  setup << "\"open_ms_first\": " << open_ms[0] << ", \"open_ms_median\": "
        << Percentile(open_ms, 0.5) << ", \"stats_ms\": " << stats_ms
        << ", \"csr_load_ms\": " << load_ms << ", \"nodes\": " << stats.nodes
        << ", \"edges\": " << stats.edges << ", \"analyst_edges\": " << analyst
        << ", \"claims\": " << stats.claims << ", \"articles\": " << stats.articles
        << ", \"disk_bytes\": " << stats.disk_bytes << ", \"peak_rss_mib\": " << PeakRssMiB()
        << ", \"edges_by_relation\": {" << by_relation.str() << "}";
  if (!f.json.empty()) WriteJson(f.json, setup.str(), p, systems);
  std::printf("peak RSS: %ld MiB\n", PeakRssMiB());
  return 0;
}

int Generate(const Flags& f) {
  const std::string done_file = f.db + "/QBENCH_DONE";
  const std::string want = std::to_string(f.shape.nodes) + " " + std::to_string(f.shape.edges) +
                           " " + std::to_string(f.shape.seed);
  std::string have;
  if (std::getline(std::ifstream(done_file) >> std::ws, have) && have == want) {
    std::printf("generate: %s already holds the graph (%s)\n", f.db.c_str(), want.c_str());
    return 0;
  }
  std::unique_ptr<sg::Store> store;
  Check(sg::Store::Open(f.db, sg::Store::Mode::kReadWrite, &store), "opening the database");
  auto start = Clock::now();
  Check(sg::bench::GenerateGraph(f.shape, store.get(), f.db + "/QBENCH_PROGRESS"), "generating");
  sg::StoreStats st;
  Check(store->Stats(&st), "reading the counts");
  uint64_t analyst = 0;
  for (const auto& [r, n] : st.edges_by_relation) {
    std::printf("  %-16s %12llu edges\n", std::string(sg::RelationName(r)).c_str(),
                (unsigned long long)n);
    if (!sg::IsDerived(r)) analyst += n;
  }
  for (const auto& [k, n] : st.nodes_by_kind) {
    std::printf("  %-16s %12llu nodes\n", std::string(sg::NodeKindName(k)).c_str(),
                (unsigned long long)n);
  }
  std::printf("generate: %llu nodes, %llu edges (%llu analyst), %llu claims, %llu articles in "
              "%.0f s; %.1f MiB on disk after compaction: %.0f bytes/edge, %.0f bytes/claim; "
              "peak RSS %ld MiB\n", (unsigned long long)st.nodes, (unsigned long long)st.edges,
              (unsigned long long)analyst, (unsigned long long)st.claims,
              (unsigned long long)st.articles, MsSince(start) / 1000, st.disk_bytes / 1048576.0,
              double(st.disk_bytes) / double(st.edges), double(st.disk_bytes) / double(st.claims),
              PeakRssMiB());
  std::ofstream(done_file) << want << "\n";
  return 0;
}

int Export(const Flags& f) {
  if (f.arg.empty()) Die("export-edges needs an output directory");
  std::filesystem::create_directories(f.arg);
  std::unique_ptr<sg::Store> store;
  Check(sg::Store::Open(f.db, sg::Store::Mode::kReadOnly, &store), "opening the database");
  auto start = Clock::now();
  Check(sg::bench::ExportAnalystGraph(*store, f.arg), "exporting");
  std::printf("export-edges: %s/nodes.tsv, %s/edges.tsv in %.1f s\n", f.arg.c_str(), f.arg.c_str(),
              MsSince(start) / 1000);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Flags f = ParseFlags(argc, argv);
  if (f.command == "generate") return Generate(f);
  if (f.command == "export-edges") return Export(f);
  if (f.command == "run") return Run(f);
  Die("unknown command " + f.command + " (generate, export-edges, run)");
}
