// The synthetic news graph of query_bench (query_bench.h).
//
// Shape: 200 states, 6% organizations, 14% positions, the rest persons. A global
// pool (every state, 1% of the organizations and positions, 0.25% of the persons)
// is named by articles everywhere with a Zipf law: these are the hubs. Every other
// node belongs to one topic community of ~300 nodes. An article is about one
// community: its cast is 3 global nodes, 8 local ones drawn by a Zipf law (local
// hubs) and 30 taken in turn (so every node is named), and its claims join cast
// members, so its MENTIONS edges stay few (~41 per 200 claims). An edge is new
// almost always: a drawn edge that exists is kept as a repeat claim one time in
// seven (so some edges have several claims and a date range), else redrawn. No
// edge joins two global nodes, so the distinct analyst edges are counted exactly.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "tools/bench/query_bench.h"

namespace sg::bench {
namespace {

// Draws ranks 0..n-1 with probability ~ 1/(rank+1).
class Zipf {
 public:
  explicit Zipf(size_t n) : cdf_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cdf_[i] = (sum += 1.0 / double(i + 1));
    for (auto& c : cdf_) c /= sum;
  }
  size_t Next(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    size_t r = std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin();
    return std::min(r, cdf_.size() - 1);
  }
  size_t size() const { return cdf_.size(); }

 private:
  std::vector<double> cdf_;
};

// Nodes are numbered 0..nodes-1 by kind: states, organizations, positions, persons.
struct Layout {
  long states, orgs, positions, persons;
  long g_orgs, g_positions, g_persons;  // the first ones of each kind are global

  explicit Layout(long n) {
    states = std::min(200L, std::max(2L, n / 50));
    orgs = n * 6 / 100;
    positions = n * 14 / 100;
    persons = n - states - orgs - positions;
    g_orgs = std::max(1L, orgs / 100);
    g_positions = std::max(1L, positions / 100);
    g_persons = std::max(1L, persons / 400);
  }
  long org0() const { return states; }
  long pos0() const { return states + orgs; }
  long person0() const { return states + orgs + positions; }
  NodeKind Kind(long u) const {
    if (u < org0()) return NodeKind::kState;
    if (u < pos0()) return NodeKind::kOrganization;
    if (u < person0()) return NodeKind::kPosition;
    return NodeKind::kPerson;
  }
  bool Global(long u) const {
    if (u < org0()) return true;
    if (u < pos0()) return u - org0() < g_orgs;
    if (u < person0()) return u - pos0() < g_positions;
    return u - person0() < g_persons;
  }
  std::string Name(long u) const {
    switch (Kind(u)) {
      case NodeKind::kState: return "State " + std::to_string(u);
      case NodeKind::kOrganization: return "Org " + std::to_string(u - org0());
      case NodeKind::kPosition: return "Position " + std::to_string(u - pos0());
      default: return "Person " + std::to_string(u - person0());
    }
  }
};

// The global pool in Zipf rank order: kinds interleaved, so the top hubs are a
// state, a position, an organization, a person, the next state, ...
std::vector<long> GlobalPool(const Layout& l) {
  std::vector<long> pool;
  long most = std::max({l.states, l.g_orgs, l.g_positions, l.g_persons});
  for (long i = 0; i < most; ++i) {
    if (i < l.states) pool.push_back(i);
    if (i < l.g_positions) pool.push_back(l.pos0() + i);
    if (i < l.g_orgs) pool.push_back(l.org0() + i);
    if (i < l.g_persons) pool.push_back(l.person0() + i);
  }
  return pool;
}

// The local nodes of community c: every non-global node u with u % count == c,
// shuffled so that local hubs are of every kind.
std::vector<long> CommunityNodes(const Layout& l, long c, long count, uint64_t seed) {
  std::vector<long> nodes;
  const long n = l.person0() + l.persons;
  for (long u = c; u < n; u += count) {
    if (!l.Global(u)) nodes.push_back(u);
  }
  std::mt19937_64 rng(seed * 7919 + c);
  std::shuffle(nodes.begin(), nodes.end(), rng);
  return nodes;
}

struct RelationMix {
  Relation relation;
  int weight;  // percent
};
constexpr RelationMix kMix[] = {
    {Relation::kSupports, 20},   {Relation::kOpposes, 18},        {Relation::kProposes, 7},
    {Relation::kMeets, 10},      {Relation::kCooperatesWith, 8},  {Relation::kCriticizes, 10},
    {Relation::kThreatens, 5},   {Relation::kSanctions, 4},       {Relation::kAttacks, 3},
    {Relation::kMemberOf, 10},   {Relation::kHoldsOffice, 5},
};

Relation DrawRelation(std::mt19937_64& rng) {
  int x = static_cast<int>(rng() % 100);
  for (const auto& m : kMix) {
    if ((x -= m.weight) < 0) return m.relation;
  }
  return Relation::kSupports;
}

std::string IsoDate(int day_index) {  // 0..(4*12*28-1): 2022-01-01 .. 2025-12-28
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 2022 + day_index / 336,
                1 + (day_index / 28) % 12, 1 + day_index % 28);
  return buf;
}

// One community's articles, made and ingested in order.
class CommunityWriter {
 public:
  CommunityWriter(const GraphShape& shape, const Layout& layout, const std::vector<long>& pool,
                  const Zipf& pool_zipf, long community, long communities)
      : shape_(shape), layout_(layout), pool_(pool), pool_zipf_(pool_zipf),
        community_(community),
        local_(CommunityNodes(layout, community, communities, shape.seed)),
        local_zipf_(std::max<size_t>(1, local_.size())),
        rng_(shape.seed * 1000003 + community) {}

  // Ingests articles until `quota` distinct analyst edges are written.
  Status Write(long quota, Store* store, long* claims, long* articles) {
    for (int k = 0; edges_ < quota; ++k) {
      ArticleClaims a = MakeArticle(k, quota);
      Store::IngestOutcome outcome;
      SG_RETURN_IF_ERROR(store->IngestArticle(a, &outcome));
      *claims += static_cast<long>(a.claims.size());
      ++*articles;
    }
    return Status::OK();
  }

 private:
  ArticleClaims MakeArticle(int k, long quota) {
    ArticleClaims a;
    a.article.id = "q-" + std::to_string(community_) + "-" + std::to_string(k);
    a.article.title = "Community " + std::to_string(community_) + ", article " + std::to_string(k);
    a.article.date = IsoDate(static_cast<int>(rng_() % (4 * 336)));
    a.article.source = "Outlet " + std::to_string(rng_() % 50);
    a.content_hash = std::to_string(shape_.seed) + "/" + a.article.id;
    MakeCast();
    while (static_cast<int>(a.claims.size()) < shape_.claims_per_article && edges_ < quota) {
      if (auto c = MakeClaim(a)) a.claims.push_back(std::move(*c));
    }
    return a;
  }

  void MakeCast() {
    cast_.clear();
    auto add = [&](long u) {
      if (std::find(cast_.begin(), cast_.end(), u) == cast_.end()) cast_.push_back(u);
    };
    for (int i = 0; i < 3; ++i) add(pool_[pool_zipf_.Next(rng_)]);
    if (local_.empty()) return;
    for (int i = 0; i < 8; ++i) add(local_[local_zipf_.Next(rng_)]);
    for (int i = 0; i < 30; ++i) add(local_[cursor_++ % local_.size()]);
  }

  // A cast member: half the time by a Zipf law over the cast's order (globals and
  // local hubs first), else uniformly.
  long DrawMember() {
    size_t n = cast_.size();
    size_t i = rng_() % 2 ? rng_() % n : std::min(n - 1, Zipf1(n));
    return cast_[i];
  }
  size_t Zipf1(size_t n) {  // continuous approximation of a Zipf draw over n ranks
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return static_cast<size_t>(std::exp(u * std::log(double(n) + 1)) - 1);
  }

  // A member of a kind `ok` accepts: from the cast, else from the global pool.
  template <typename Ok>
  long DrawOfKind(Ok ok) {
    for (int t = 0; t < 40; ++t) {
      long u = DrawMember();
      if (ok(layout_.Kind(u))) return u;
    }
    for (;;) {
      long u = pool_[pool_zipf_.Next(rng_)];
      if (ok(layout_.Kind(u))) return u;
    }
  }

  std::optional<Claim> MakeClaim(const ArticleClaims& a) {
    Relation rel = DrawRelation(rng_);
    long s = DrawOfKind([&](NodeKind k) {
      return rel == Relation::kHoldsOffice ? k == NodeKind::kPerson : IsActorKind(k);
    });
    long o = DrawOfKind([&](NodeKind k) { return RelationAllows(rel, NodeKind::kPerson, k) ||
                                                 RelationAllows(rel, NodeKind::kState, k); });
    if (o == s || !RelationAllows(rel, layout_.Kind(s), layout_.Kind(o))) return std::nullopt;
    if (layout_.Global(s) && layout_.Global(o)) return std::nullopt;
    if (!NoteEdge(s, rel, o)) return std::nullopt;
    Claim c;
    c.subject = {layout_.Name(s), layout_.Kind(s), {}, ""};
    c.relation = rel;
    c.object = {layout_.Name(o), layout_.Kind(o), {}, ""};
    c.sentence = "Claim " + std::to_string(a.claims.size()) + " of " + a.article.id + ".";
    c.sentence_no = static_cast<uint32_t>(a.claims.size() + 1);
    c.cue = "said";
    c.rule = "query_bench";
    c.date = a.article.date;
    if (rng_() % 20 == 0) c.sources = {{"Outlet " + std::to_string(rng_() % 50), c.date}};
    return c;
  }

  // Whether to write a claim of edge (s, rel, o): yes when the edge is new, and
  // one time in seven when it exists (a repeat claim).
  bool NoteEdge(long s, Relation rel, long o) {
    if (IsSymmetric(rel) && o < s) std::swap(s, o);
    uint64_t key = (uint64_t(s) << 36) ^ (uint64_t(o) << 4) ^ uint64_t(rel);
    if (seen_.insert(key).second) {
      ++edges_;
      return true;
    }
    return rng_() % 7 == 0;
  }

  const GraphShape& shape_;
  const Layout& layout_;
  const std::vector<long>& pool_;
  const Zipf& pool_zipf_;
  const long community_;
  const std::vector<long> local_;
  const Zipf local_zipf_;
  std::mt19937_64 rng_;
  std::vector<long> cast_;
  size_t cursor_ = 0;
  std::unordered_set<uint64_t> seen_;
  long edges_ = 0;
};

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

long ReadProgress(const std::string& file) {
  std::ifstream in(file);
  long done = 0;
  return (in >> done) ? done : 0;
}

void WriteProgress(const std::string& file, long done) {
  std::ofstream(file + ".tmp") << done << "\n";
  std::rename((file + ".tmp").c_str(), file.c_str());
}

}  // namespace

Status GenerateGraph(const GraphShape& shape, Store* store, const std::string& progress_file) {
  const Layout layout(shape.nodes);
  const std::vector<long> pool = GlobalPool(layout);
  const Zipf pool_zipf(pool.size());
  const long local_nodes = shape.nodes - static_cast<long>(pool.size());
  const long communities = std::max(1L, local_nodes / shape.community);
  const long first = ReadProgress(progress_file);
  std::fprintf(stderr,
               "generate: %ld nodes (%ld states, %ld organizations, %ld positions, %ld persons; "
               "%zu global), %ld analyst edges, %ld communities, %d claims/article%s\n",
               shape.nodes, layout.states, layout.orgs, layout.positions, layout.persons,
               pool.size(), shape.edges, communities, shape.claims_per_article,
               first ? (", resuming at community " + std::to_string(first)).c_str() : "");
  const auto start = std::chrono::steady_clock::now();
  long claims = 0, articles = 0;
  for (long c = first; c < communities; ++c) {
    const long quota = shape.edges / communities + (c < shape.edges % communities ? 1 : 0);
    CommunityWriter w(shape, layout, pool, pool_zipf, c, communities);
    SG_RETURN_IF_ERROR(w.Write(quota, store, &claims, &articles));
    WriteProgress(progress_file, c + 1);
    if ((c + 1) % 100 == 0 || c + 1 == communities) {
      double s = SecondsSince(start), done = double(c + 1 - first) / double(communities - first);
      std::fprintf(stderr, "generate: %ld/%ld communities, %ld articles, %ld claims, "
                   "%.0f claims/s, %.0f s, ETA %.0f s\n", c + 1, communities, articles, claims,
                   claims / s, s, s / done - s);
    }
  }
  std::fprintf(stderr, "generate: ingested %ld claims in %ld articles in %.1f s; compacting\n",
               claims, articles, SecondsSince(start));
  const auto compact = std::chrono::steady_clock::now();
  SG_RETURN_IF_ERROR(store->Compact());
  std::fprintf(stderr, "generate: compacted in %.1f s\n", SecondsSince(compact));
  return Status::OK();
}

Status ExportAnalystGraph(const Store& store, const std::string& dir) {
  std::FILE* nodes = std::fopen((dir + "/nodes.tsv").c_str(), "w");
  std::FILE* edges = std::fopen((dir + "/edges.tsv").c_str(), "w");
  if (!nodes || !edges) {
    if (nodes) std::fclose(nodes);
    if (edges) std::fclose(edges);
    return Status::IOError("cannot write " + dir + "/nodes.tsv or edges.tsv");
  }
  Status s = store.ForEachNode([&](const NodeRecord& n) {
    if (n.kind != NodeKind::kArticle && n.kind != NodeKind::kSource) {
      std::fprintf(nodes, "%llu\t%s\t%s\n", (unsigned long long)n.id,
                   std::string(NodeKindName(n.kind)).c_str(), n.name.c_str());
    }
    return Status::OK();
  });
  if (s.ok()) {
    s = store.ForEachEdge(
        [](const keys::EdgeKey& k) { return !IsDerived(k.relation); },
        [&](const EdgeRecord& e) {
          std::fprintf(edges, "%llu\t%s\t%llu\t%u\t%s\t%s\n", (unsigned long long)e.key.source,
                       std::string(RelationName(e.key.relation)).c_str(),
                       (unsigned long long)e.key.target, e.claim_count, e.first_date.c_str(),
                       e.last_date.c_str());
          return Status::OK();
        });
  }
  bool closed = std::fclose(nodes) == 0;
  closed = std::fclose(edges) == 0 && closed;
  if (s.ok() && !closed) s = Status::IOError("writing " + dir);
  return s;
}

}  // namespace sg::bench
