#include "query/paths.h"

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <random>

#include "test_util.h"

namespace sg::query {
namespace {

using keys::EdgeKey;
using testing::TempDir;

EntityRef P(const std::string& name) { return EntityRef{name, NodeKind::kPerson, {}, ""}; }

Claim MakeClaim(const std::string& s, Relation r, const std::string& o) {
  Claim c;
  c.subject = P(s);
  c.relation = r;
  c.object = P(o);
  c.sentence = "A sentence.";
  c.rule = "test";
  return c;
}

class PathsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store_).ok()); }

  void Ingest(const std::string& id, std::vector<Claim> claims) {
    ArticleClaims a;
    a.article.id = id;
    a.content_hash = "h";
    a.claims = std::move(claims);
    Store::IngestOutcome o;
    Status s = store_->IngestArticle(a, &o);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  uint64_t Id(const std::string& name) {
    NodeRecord n;
    EXPECT_TRUE(store_->FindNode(name, NodeKind::kPerson, &n).ok()) << name;
    return n.id;
  }

  // The paths as node names joined by '-'.
  std::vector<std::string> Paths(const std::string& from, const std::string& to, PathOptions o = {}) {
    std::vector<GraphPath> paths;
    Status s = ShortestPaths(*store_, Id(from), Id(to), o, &paths);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::vector<std::string> out;
    for (const auto& p : paths) {
      std::string line;
      for (uint64_t n : p.nodes) {
        NodeRecord r;
        EXPECT_TRUE(store_->GetNode(n, &r).ok());
        line += (line.empty() ? "" : "-") + r.name;
      }
      out.push_back(line);
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

// A -> B -> D, A -> C -> D (CRITICIZES), D MEETS E, and an isolated pair F, G.
class DiamondTest : public PathsTest {
 protected:
  void SetUp() override {
    PathsTest::SetUp();
    Ingest("a1", {MakeClaim("A", Relation::kCriticizes, "B"), MakeClaim("A", Relation::kCriticizes, "C"),
                  MakeClaim("B", Relation::kCriticizes, "D"), MakeClaim("C", Relation::kCriticizes, "D"),
                  MakeClaim("E", Relation::kMeets, "D"), MakeClaim("F", Relation::kMeets, "G")});
  }
};

TEST_F(DiamondTest, OneShortestPath) {
  auto paths = Paths("A", "D");
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_TRUE(paths[0] == "A-B-D" || paths[0] == "A-C-D") << paths[0];
}

TEST_F(DiamondTest, AllShortestPathsSortedByNodeIds) {
  PathOptions o;
  o.all = true;
  EXPECT_EQ(Paths("A", "D", o), (std::vector<std::string>{"A-B-D", "A-C-D"}));  // B's id < C's
  EXPECT_EQ(Paths("A", "E", o), (std::vector<std::string>{"A-B-D-E", "A-C-D-E"}));
  o.max_paths = 1;
  EXPECT_EQ(Paths("A", "E", o), (std::vector<std::string>{"A-B-D-E"}));
}

TEST_F(DiamondTest, EdgesAreAsStoredAndJoinTheNodes) {
  std::vector<GraphPath> paths;
  PathOptions o;
  o.direction = Direction::kIn;
  ASSERT_TRUE(ShortestPaths(*store_, Id("E"), Id("B"), o, &paths).ok());
  ASSERT_EQ(paths.size(), 1u);
  const GraphPath& p = paths[0];
  EXPECT_EQ(p.nodes, (std::vector<uint64_t>{Id("E"), Id("D"), Id("B")}));
  // MEETS is stored from the smaller id (D, made before E); CRITICIZES as said.
  EXPECT_EQ(p.edges[0], (EdgeKey{Id("D"), Relation::kMeets, Id("E")}));
  EXPECT_EQ(p.edges[1], (EdgeKey{Id("B"), Relation::kCriticizes, Id("D")}));
}

TEST_F(DiamondTest, DirectionsFollowStoredEdgesAndSymmetricOnesBothWays) {
  PathOptions out;
  out.direction = Direction::kOut;
  EXPECT_EQ(Paths("A", "D", out).size(), 1u);
  EXPECT_TRUE(Paths("D", "A", out).empty());
  EXPECT_EQ(Paths("A", "E", out).size(), 1u);  // over MEETS, stored E <- D
  EXPECT_EQ(Paths("E", "D", out).size(), 1u);  // and the other way
  PathOptions in;
  in.direction = Direction::kIn;
  EXPECT_TRUE(Paths("A", "D", in).empty());
  EXPECT_EQ(Paths("D", "A", in).size(), 1u);
  PathOptions both;
  auto paths = Paths("B", "C", both);
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_TRUE(paths[0] == "B-A-C" || paths[0] == "B-D-C") << paths[0];
}

TEST_F(DiamondTest, RelationFilterAndMaxHops) {
  PathOptions o;
  o.relations = {Relation::kCriticizes};
  EXPECT_TRUE(Paths("A", "E", o).empty());
  o.relations = {Relation::kCriticizes, Relation::kMeets};
  EXPECT_EQ(Paths("A", "E", o).size(), 1u);
  o.relations = {Relation::kMeets};
  EXPECT_EQ(Paths("D", "E", o).size(), 1u);
  PathOptions hops;
  hops.max_hops = 2;
  EXPECT_TRUE(Paths("A", "E", hops).empty());
  hops.max_hops = 3;
  EXPECT_EQ(Paths("A", "E", hops).size(), 1u);
  hops.max_hops = 1;
  EXPECT_EQ(Paths("A", "B", hops).size(), 1u);
}

TEST_F(DiamondTest, FromItselfUnreachableAndBadInput) {
  std::vector<GraphPath> paths;
  ASSERT_TRUE(ShortestPaths(*store_, Id("A"), Id("A"), {}, &paths).ok());
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_EQ(paths[0], (GraphPath{{Id("A")}, {}}));
  EXPECT_TRUE(Paths("A", "F").empty());
  PathOptions o;
  o.max_hops = 0;
  EXPECT_TRUE(ShortestPaths(*store_, Id("A"), Id("D"), o, &paths).IsInvalidInput());
  EXPECT_TRUE(ShortestPaths(*store_, Id("A"), 999999, {}, &paths).IsNotFound());
  o = {};
  o.max_visited = 2;
  EXPECT_TRUE(ShortestPaths(*store_, Id("A"), Id("E"), o, &paths).IsInvalidInput());
}

TEST_F(PathsTest, ProvenanceEdgesOnlyWhenAsked) {
  Ingest("a1", {MakeClaim("A", Relation::kCriticizes, "B")});
  Ingest("a2", {MakeClaim("C", Relation::kCriticizes, "D")});
  Ingest("a3", {MakeClaim("B", Relation::kCriticizes, "C")});
  EXPECT_EQ(Paths("A", "D"), (std::vector<std::string>{"A-B-C-D"}));
  PathOptions o;
  o.relations = {Relation::kMentions};  // through the articles that name both
  EXPECT_EQ(Paths("A", "C", o), (std::vector<std::string>{"A-a1-B-a3-C"}));
  o.max_hops = 3;
  EXPECT_TRUE(Paths("A", "C", o).empty());
}

// Parallel edges (two relations between the same nodes) are two paths.
TEST_F(PathsTest, ParallelEdgesAreDistinctPaths) {
  Ingest("a1", {MakeClaim("A", Relation::kCriticizes, "B"), MakeClaim("A", Relation::kThreatens, "B"),
                MakeClaim("B", Relation::kMeets, "C")});
  PathOptions o;
  o.all = true;
  std::vector<GraphPath> paths;
  ASSERT_TRUE(ShortestPaths(*store_, Id("A"), Id("C"), o, &paths).ok());
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[0].edges[0].relation, Relation::kCriticizes);
  EXPECT_EQ(paths[1].edges[0].relation, Relation::kThreatens);
}

// A plain single-source BFS over the edges in memory: distances and the number
// of shortest paths (edge sequences).
struct Reference {
  // node -> (other node, edge) walkable from node in `direction`.
  std::map<uint64_t, std::vector<std::pair<uint64_t, EdgeKey>>> adj;

  Reference(const Store& store, Direction direction) {
    store.ForEachEdge([&](const EdgeRecord& e) {
      if (IsDerived(e.key.relation)) return Status::OK();
      const bool sym = IsSymmetric(e.key.relation);
      if (direction != Direction::kIn || sym) adj[e.key.source].emplace_back(e.key.target, e.key);
      if (direction != Direction::kOut || sym) adj[e.key.target].emplace_back(e.key.source, e.key);
      return Status::OK();
    }).PermitUncheckedError();
  }

  // (distance, number of shortest paths) from `from` to `to`; distance -1 if none.
  std::pair<int, uint64_t> Bfs(uint64_t from, uint64_t to) {
    std::map<uint64_t, int> dist{{from, 0}};
    std::map<uint64_t, uint64_t> sigma{{from, 1}};
    std::deque<uint64_t> queue{from};
    while (!queue.empty()) {
      uint64_t u = queue.front();
      queue.pop_front();
      for (auto [v, e] : adj[u]) {
        if (!dist.count(v)) {
          dist[v] = dist[u] + 1;
          queue.push_back(v);
        }
        if (dist[v] == dist[u] + 1) sigma[v] += sigma[u];
      }
    }
    if (!dist.count(to)) return {-1, 0};
    return {dist[to], sigma[to]};
  }
};

TEST_F(PathsTest, RandomGraphsAgreeWithAPlainBfs) {
  std::mt19937 rng(7);
  const Relation relations[] = {Relation::kCriticizes, Relation::kThreatens, Relation::kMeets,
                                Relation::kCooperatesWith, Relation::kAttacks};
  for (int article = 0; article < 12; ++article) {
    std::vector<Claim> claims;
    for (int i = 0; i < 6; ++i) {
      claims.push_back(MakeClaim("N" + std::to_string(rng() % 40), relations[rng() % 5],
                                 "N" + std::to_string(rng() % 40)));
    }
    Ingest("a" + std::to_string(article), claims);
  }
  std::vector<uint64_t> nodes;
  ASSERT_TRUE(store_->ForEachNodeOfKind(NodeKind::kPerson, [&](uint64_t id) {
    nodes.push_back(id);
    return Status::OK();
  }).ok());
  ASSERT_GT(nodes.size(), 20u);
  int long_paths = 0;  // the trials must reach beyond neighbours
  for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
    Reference ref(*store_, d);
    for (int trial = 0; trial < 150; ++trial) {
      const uint64_t from = nodes[rng() % nodes.size()], to = nodes[rng() % nodes.size()];
      auto [dist, count] = ref.Bfs(from, to);
      PathOptions o;
      o.direction = d;
      o.max_hops = 5;
      o.all = trial % 2 == 0;
      std::vector<GraphPath> paths;
      ASSERT_TRUE(ShortestPaths(*store_, from, to, o, &paths).ok());
      if (dist < 0 || dist > o.max_hops) {
        EXPECT_TRUE(paths.empty()) << from << "->" << to;
        continue;
      }
      ASSERT_EQ(paths.size(), o.all ? count : 1u) << from << "->" << to << " dist " << dist;
      long_paths += dist >= 3;
      for (size_t i = 0; i < paths.size(); ++i) {
        const GraphPath& p = paths[i];
        ASSERT_EQ(p.edges.size(), static_cast<size_t>(dist));
        ASSERT_EQ(p.nodes.front(), from);
        ASSERT_EQ(p.nodes.back(), to);
        for (size_t k = 0; k < p.edges.size(); ++k) {  // each edge is walkable this way
          auto& walk = ref.adj[p.nodes[k]];
          EXPECT_NE(std::find(walk.begin(), walk.end(), std::pair{p.nodes[k + 1], p.edges[k]}), walk.end());
        }
        if (i > 0) {
          EXPECT_TRUE(std::tie(paths[i - 1].nodes, paths[i - 1].edges) < std::tie(p.nodes, p.edges));
        }
      }
    }
  }
  EXPECT_GT(long_paths, 20);
}

}  // namespace
}  // namespace sg::query
