#include "storage/store.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <random>

#include "storage/keys.h"
#include "test_util.h"

namespace sg {
namespace {

using testing::GraphLines;
using testing::TempDir;

EntityRef Person(std::string name, std::vector<std::string> aliases = {}) {
  return EntityRef{std::move(name), NodeKind::kPerson, std::move(aliases), ""};
}
EntityRef State(std::string name, std::string code = "") {
  return EntityRef{std::move(name), NodeKind::kState, {}, std::move(code)};
}
EntityRef Position(std::string name) { return EntityRef{std::move(name), NodeKind::kPosition, {}, ""}; }

Claim MakeClaim(EntityRef s, Relation r, EntityRef o, std::string date = "",
                std::vector<SourceCite> sources = {}, std::string title = "") {
  Claim c;
  c.subject = std::move(s);
  c.relation = r;
  c.object = std::move(o);
  c.date = std::move(date);
  c.sources = std::move(sources);
  c.title = std::move(title);
  c.sentence = "A sentence.";
  c.rule = "test";
  return c;
}

ArticleClaims Article(std::string id, std::string hash, std::vector<Claim> claims) {
  ArticleClaims a;
  a.article.id = std::move(id);
  a.article.date = "2025-03-10";
  a.article.source = "EDM";
  a.content_hash = std::move(hash);
  a.claims = std::move(claims);
  return a;
}

// The kept counts equal a full scan.
void ExpectCountsMatchAScan(const Store& store) {
  StoreCounts kept, scanned;
  ASSERT_TRUE(store.Counts(&kept).ok());
  ASSERT_TRUE(store.ScanCounts(&scanned).ok());
  EXPECT_EQ(kept, scanned);
  EXPECT_EQ(kept.nodes_by_kind, scanned.nodes_by_kind);
  EXPECT_EQ(kept.edges_by_relation, scanned.edges_by_relation);
}

// The database under a Store, opened with RocksDB directly, to write what an
// older build would have left.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    std::vector<std::string> names;
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    EXPECT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, cfs, &handles_, &raw).ok());
    db_.reset(raw);
  }
  ~RawDb() {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  rocksdb::DB* db() { return db_.get(); }
  // The keys of the meta ("default") column family.
  std::vector<std::string> MetaKeys() {
    std::vector<std::string> out;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) out.push_back(it->key().ToString());
    return out;
  }
  uint32_t SchemaVersion() {
    std::string v;
    EXPECT_TRUE(db_->Get(rocksdb::ReadOptions(), std::string(keys::kSchemaVersionKey), &v).ok());
    return v.size() == 4 ? keys::DecodeFixed32BE(v.data()) : 0;
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store_).ok()); }

  Store::IngestOutcome Ingest(const ArticleClaims& a) {
    Store::IngestOutcome outcome{};
    Status s = store_->IngestArticle(a, &outcome);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return outcome;
  }

  uint64_t NodeId(const std::string& name, NodeKind kind) {
    NodeRecord n;
    Status s = store_->FindNode(name, kind, &n);
    EXPECT_TRUE(s.ok()) << name << ": " << s.ToString();
    return n.id;
  }

  EdgeRecord Edge(const std::string& s, NodeKind sk, Relation r, const std::string& o, NodeKind ok) {
    EdgeRecord e;
    Status st = store_->GetEdge({NodeId(s, sk), r, NodeId(o, ok)}, &e);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return e;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, IngestsClaimsIntoNodesEdgesAndAggregates) {
  Ingest(Article("a1", "h1",
                 {MakeClaim(Person("Sergei Lavrov"), Relation::kHoldsOffice, State("Russia", "RUS"),
                            "", {}, "Foreign Minister"),
                  MakeClaim(Person("Sergei Lavrov"), Relation::kOpposes, Position("territorial concessions"),
                            "2025-02-17", {{"Kommersant", "2025-02-17"}}),
                  MakeClaim(Person("Sergei Lavrov"), Relation::kOpposes, Position("territorial concessions"),
                            "2025-02-27", {{"Vedomosti", "2025-02-27"}})}));
  EdgeRecord e = Edge("Sergei Lavrov", NodeKind::kPerson, Relation::kOpposes, "territorial concessions",
                      NodeKind::kPosition);
  EXPECT_EQ(e.claim_count, 2u);
  EXPECT_EQ(e.article_count, 1u);
  EXPECT_EQ(e.first_date, "2025-02-17");
  EXPECT_EQ(e.last_date, "2025-02-27");
  EXPECT_EQ(e.outlets, (std::vector<std::string>{"EDM", "Kommersant", "Vedomosti"}));
  EdgeRecord office = Edge("Sergei Lavrov", NodeKind::kPerson, Relation::kHoldsOffice, "Russia", NodeKind::kState);
  EXPECT_EQ(office.titles, std::vector<std::string>{"Foreign Minister"});
  EXPECT_EQ(office.first_date, "2025-03-10");  // undated claim takes the article's date

  NodeRecord russia;
  ASSERT_TRUE(store_->FindNode("russia", NodeKind::kState, &russia).ok());
  EXPECT_EQ(russia.code, "RUS");

  StoreStats st;
  ASSERT_TRUE(store_->Stats(&st).ok());
  EXPECT_EQ(st.articles, 1u);
  // MENTIONS and CITES are edges of the Article node, not claims.
  EXPECT_EQ(st.claims, 3u);
  EXPECT_EQ(st.edges_by_relation[Relation::kOpposes], 1u);
  EXPECT_EQ(st.edges_by_relation[Relation::kMentions], 3u);
  EXPECT_EQ(st.edges_by_relation[Relation::kCites], 2u);
  EXPECT_EQ(st.nodes_by_kind[NodeKind::kArticle], 1u);
  EXPECT_EQ(st.nodes_by_kind[NodeKind::kSource], 2u);
}

TEST_F(StoreTest, ClaimsOfAnEdgeComeInDateOrder) {
  Ingest(Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"), "2025-03-01"),
                              MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"), "2024-09-10"),
                              MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"), "2025-01-05")}));
  std::vector<ClaimRecord> claims;
  ASSERT_TRUE(store_->ClaimsOfEdge({NodeId("Russia", NodeKind::kState), Relation::kOpposes,
                                    NodeId("ceasefire", NodeKind::kPosition)},
                                   &claims).ok());
  ASSERT_EQ(claims.size(), 3u);
  EXPECT_EQ(claims[0].date, "2024-09-10");
  EXPECT_EQ(claims[1].date, "2025-01-05");
  EXPECT_EQ(claims[2].date, "2025-03-01");
  EXPECT_EQ(claims[0].publisher, "EDM");
}

TEST_F(StoreTest, NamesDifferingInCaseAccentsAndDotsAreOneNode) {
  Ingest(Article("a1", "h1", {MakeClaim(State("U.S."), Relation::kSupports, Position("sanctions")),
                              MakeClaim(State("US"), Relation::kSupports, Position("Sanctions")),
                              MakeClaim(Person("Pedro Sánchez"), Relation::kSupports, Position("sanctions")),
                              MakeClaim(Person("pedro sanchez"), Relation::kSupports, Position("sanctions"))}));
  StoreStats st;
  ASSERT_TRUE(store_->Stats(&st).ok());
  EXPECT_EQ(st.nodes_by_kind[NodeKind::kState], 1u);
  EXPECT_EQ(st.nodes_by_kind[NodeKind::kPerson], 1u);
  EXPECT_EQ(st.nodes_by_kind[NodeKind::kPosition], 1u);
  NodeRecord us;
  ASSERT_TRUE(store_->FindNode("US", NodeKind::kState, &us).ok());
  EXPECT_EQ(us.name, "U.S.");
  EXPECT_EQ(us.aliases, std::vector<std::string>{"US"});
}

TEST_F(StoreTest, AnAliasMergesLaterMentionsAcrossArticles) {
  Ingest(Article("a1", "h1", {MakeClaim(Person("Sergei Lavrov", {"Lavrov"}), Relation::kOpposes,
                                        Position("ceasefire"))}));
  Ingest(Article("a2", "h2", {MakeClaim(Person("Lavrov"), Relation::kOpposes, Position("peacekeepers"))}));
  // A later claim can also bring a new alias that merges into an existing node.
  Ingest(Article("a3", "h3", {MakeClaim(Person("Sergey Lavrov", {"Lavrov"}), Relation::kMeets,
                                        Person("Marco Rubio"))}));
  std::vector<NodeRecord> found;
  ASSERT_TRUE(store_->FindNodes("lavrov", &found).ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Sergei Lavrov");
  std::vector<EdgeRecord> out;
  ASSERT_TRUE(store_->OutEdges(found[0].id, std::nullopt, &out).ok());
  // OPPOSES ceasefire, OPPOSES peacekeepers, and MEETS (kept from the smaller id: Lavrov's).
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].key.relation, Relation::kMeets);
  NodeRecord merged;
  ASSERT_TRUE(store_->FindNode("Sergey Lavrov", NodeKind::kPerson, &merged).ok());
  EXPECT_EQ(merged.id, found[0].id);
}

TEST_F(StoreTest, NegatedClaimsAreKeptButAreNoEvidence) {
  Claim negated = MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"), "2025-01-01");
  negated.polarity = -1;  // "Moscow did not rule out a ceasefire"
  Ingest(Article("a1", "h1", {negated}));
  EdgeRecord e;
  keys::EdgeKey key{NodeId("Russia", NodeKind::kState), Relation::kOpposes,
                    NodeId("ceasefire", NodeKind::kPosition)};
  EXPECT_TRUE(store_->GetEdge(key, &e).IsNotFound());
  std::vector<ClaimRecord> claims;
  ASSERT_TRUE(store_->ClaimsOfEdge(key, &claims).ok());
  ASSERT_EQ(claims.size(), 1u);  // still there for `explain`
  EXPECT_EQ(claims[0].polarity, -1);

  Ingest(Article("a2", "h2", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"),
                                        "2025-03-01", {{"TASS", ""}})}));
  ASSERT_TRUE(store_->GetEdge(key, &e).ok());
  EXPECT_EQ(e.claim_count, 1u);
  EXPECT_EQ(e.article_count, 1u);
  EXPECT_EQ(e.first_date, "2025-03-01");  // the negated claim's date is not a bound
}

// Review finding: names past the alias cap were indexed but not recorded on the
// node, so deleting the node left them pointing at nothing.
TEST_F(StoreTest, RegressionOrphanDeletionRemovesEveryIndexedName) {
  std::vector<std::string> aliases;
  for (int i = 0; i < 70; ++i) aliases.push_back("Alias" + std::to_string(i));
  Ingest(Article("a1", "h1", {MakeClaim(Person("Many Names", aliases), Relation::kSupports,
                                        Position("ceasefire"))}));
  Ingest(Article("a1", "h2", {MakeClaim(Person("Someone Else"), Relation::kSupports,
                                        Position("ceasefire"))}));
  std::vector<NodeRecord> found;
  ASSERT_TRUE(store_->FindNodes("Alias68", &found).ok());
  EXPECT_TRUE(found.empty());
  Ingest(Article("a2", "h3", {MakeClaim(Person("Alias68"), Relation::kSupports, Position("ceasefire"))}));
}

// Review finding: article ids that normalize alike shared one Article node, so
// replacing one article dropped the other's provenance edges.
TEST_F(StoreTest, RegressionArticleIdsThatNormalizeAlikeKeepTheirOwnNodes) {
  Ingest(Article("Report.1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"))}));
  Ingest(Article("report1", "h2", {MakeClaim(State("France"), Relation::kSupports, Position("ceasefire"))}));
  Ingest(Article("Report.1", "h3", {}));  // the first article loses its claims
  ArticleRecord other;
  ASSERT_TRUE(store_->GetArticle("report1", &other).ok());
  ASSERT_NE(other.node, 0u);
  std::vector<EdgeRecord> out;
  ASSERT_TRUE(store_->OutEdges(other.node, Relation::kMentions, &out).ok());
  EXPECT_EQ(out.size(), 2u);  // France and ceasefire
  NodeRecord node;
  ASSERT_TRUE(store_->GetNode(other.node, &node).ok());
  EXPECT_EQ(node.name, "report1");
  Ingest(Article("report1", "h4", {MakeClaim(State("France"), Relation::kOpposes, Position("ceasefire"))}));
}

TEST_F(StoreTest, SymmetricRelationsAreOneEdgeWhicheverWayRound) {
  Ingest(Article("a1", "h1", {MakeClaim(Person("A"), Relation::kMeets, Person("B")),
                              MakeClaim(Person("B"), Relation::kMeets, Person("A")),
                              MakeClaim(Person("A"), Relation::kCriticizes, Person("B")),
                              MakeClaim(Person("B"), Relation::kCriticizes, Person("A"))}));
  StoreStats st;
  ASSERT_TRUE(store_->Stats(&st).ok());
  EXPECT_EQ(st.edges_by_relation[Relation::kMeets], 1u);
  EXPECT_EQ(st.edges_by_relation[Relation::kCriticizes], 2u);
}

TEST_F(StoreTest, InAndOutAdjacencyAgree) {
  Ingest(Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kAttacks, State("Ukraine")),
                              MakeClaim(State("Russia"), Relation::kThreatens, State("Moldova"))}));
  uint64_t ukraine = NodeId("Ukraine", NodeKind::kState);
  std::vector<EdgeRecord> in;
  ASSERT_TRUE(store_->InEdges(ukraine, Relation::kAttacks, &in).ok());
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].key.source, NodeId("Russia", NodeKind::kState));
  std::vector<EdgeRecord> out;
  ASSERT_TRUE(store_->OutEdges(NodeId("Russia", NodeKind::kState), Relation::kThreatens, &out).ok());
  ASSERT_EQ(out.size(), 1u);
}

TEST_F(StoreTest, ReingestingAnUnchangedArticleIsANoOp) {
  ArticleClaims a = Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"))});
  EXPECT_EQ(Ingest(a), Store::IngestOutcome::kAdded);
  auto before = GraphLines(*store_);
  StoreStats st1;
  ASSERT_TRUE(store_->Stats(&st1).ok());
  EXPECT_EQ(Ingest(a), Store::IngestOutcome::kUnchanged);
  StoreStats st2;
  ASSERT_TRUE(store_->Stats(&st2).ok());
  EXPECT_EQ(GraphLines(*store_), before);
  EXPECT_EQ(st1.claims, st2.claims);
}

TEST_F(StoreTest, ReingestingAChangedArticleReplacesItExactly) {
  ArticleClaims other = Article("other", "o1", {MakeClaim(State("Russia"), Relation::kOpposes,
                                                          Position("ceasefire"), "2024-01-01", {{"TASS", ""}})});
  ArticleClaims v1 = Article("a1", "h1", {
      MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"), "2025-02-01", {{"RBC", ""}}),
      MakeClaim(Person("Gone Person"), Relation::kSupports, Position("gone position")),
      MakeClaim(Person("Sergei Lavrov"), Relation::kHoldsOffice, State("Russia"), "", {}, "Minister")});
  ArticleClaims v2 = Article("a1", "h2", {
      MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"), "2025-03-01", {{"Meduza", ""}}),
      MakeClaim(Person("Sergei Lavrov"), Relation::kHoldsOffice, State("Russia"), "", {}, "Foreign Minister")});
  Ingest(other);
  Ingest(v1);
  EXPECT_EQ(Ingest(v2), Store::IngestOutcome::kReplaced);

  TempDir fresh_dir;
  std::unique_ptr<Store> fresh;
  ASSERT_TRUE(Store::Open(fresh_dir.path(), Store::Mode::kReadWrite, &fresh).ok());
  Store::IngestOutcome o;
  ASSERT_TRUE(fresh->IngestArticle(other, &o).ok());
  ASSERT_TRUE(fresh->IngestArticle(v2, &o).ok());
  EXPECT_EQ(GraphLines(*store_), GraphLines(*fresh));

  EdgeRecord e = Edge("Russia", NodeKind::kState, Relation::kOpposes, "ceasefire", NodeKind::kPosition);
  EXPECT_EQ(e.claim_count, 2u);
  EXPECT_EQ(e.article_count, 2u);
  EXPECT_EQ(e.first_date, "2024-01-01");
  EXPECT_EQ(e.last_date, "2025-03-01");
  EXPECT_EQ(e.outlets, (std::vector<std::string>{"EDM", "Meduza", "TASS"}));
  NodeRecord gone;
  EXPECT_TRUE(store_->FindNode("Gone Person", NodeKind::kPerson, &gone).IsNotFound());
  EXPECT_TRUE(store_->FindNode("gone position", NodeKind::kPosition, &gone).IsNotFound());
  StoreStats a, b;
  ASSERT_TRUE(store_->Stats(&a).ok());
  ASSERT_TRUE(fresh->Stats(&b).ok());
  EXPECT_EQ(a.claims, b.claims);
  EXPECT_EQ(a.nodes, b.nodes);
  EXPECT_EQ(a.edges, b.edges);
}

TEST_F(StoreTest, ReplacingWithNoClaimsRemovesTheArticlesGraph) {
  Ingest(Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"))}));
  Ingest(Article("a1", "h2", {}));
  StoreStats st;
  ASSERT_TRUE(store_->Stats(&st).ok());
  EXPECT_EQ(st.claims, 0u);
  EXPECT_EQ(st.edges, 0u);
  EXPECT_EQ(st.nodes, 0u);
  EXPECT_EQ(st.articles, 1u);
}

TEST_F(StoreTest, AClaimTheSchemaForbidsWritesNothing) {
  ArticleClaims bad = Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire")),
                                           MakeClaim(State("Russia"), Relation::kOpposes, Person("Someone"))});
  Store::IngestOutcome o;
  Status s = store_->IngestArticle(bad, &o);
  EXPECT_TRUE(s.IsInvalidInput()) << s.ToString();
  StoreStats st;
  ASSERT_TRUE(store_->Stats(&st).ok());
  EXPECT_EQ(st.claims, 0u);
  EXPECT_EQ(st.nodes, 0u);
  EXPECT_EQ(st.articles, 0u);
}

// A cited outlet whose name has no letters or digits could never be found by
// name again: every cite would have made a new, unindexed Source node.
TEST_F(StoreTest, RegressionACitedOutletWithoutLettersIsRefused) {
  ArticleClaims bad = Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes,
                                                     Position("ceasefire"), "2025-03-10",
                                                     {SourceCite{"--", ""}})});
  Store::IngestOutcome o;
  Status s = store_->IngestArticle(bad, &o);
  EXPECT_TRUE(s.IsInvalidInput()) << s.ToString();
  StoreStats st;
  ASSERT_TRUE(store_->Stats(&st).ok());
  EXPECT_EQ(st.nodes, 0u);
  EXPECT_EQ(st.articles, 0u);
}

TEST_F(StoreTest, PersistsAcrossReopen) {
  Ingest(Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"))}));
  auto before = GraphLines(*store_);
  store_.reset();
  ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store_).ok());
  EXPECT_EQ(GraphLines(*store_), before);
  // Ids keep counting from where they were: a new node does not reuse an id.
  Ingest(Article("a2", "h2", {MakeClaim(State("France"), Relation::kSupports, Position("ceasefire"))}));
  std::set<uint64_t> ids;
  ASSERT_TRUE(store_->ForEachNode([&](const NodeRecord& n) {
    EXPECT_TRUE(ids.insert(n.id).second) << "duplicate id " << n.id;
    return Status::OK();
  }).ok());
}

TEST_F(StoreTest, ASecondWriterGetsBusyAndReadersStillWork) {
  Ingest(Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"))}));
  std::unique_ptr<Store> second;
  Status s = Store::Open(dir_.path(), Store::Mode::kReadWrite, &second);
  EXPECT_TRUE(s.IsBusy()) << s.ToString();
  EXPECT_NE(s.message().find("another writer"), std::string::npos);
  std::unique_ptr<Store> reader;
  ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadOnly, &reader).ok());
  EXPECT_EQ(GraphLines(*reader), GraphLines(*store_));
  Store::IngestOutcome o;
  EXPECT_FALSE(reader->IngestArticle(Article("x", "y", {}), &o).ok());
}

// Random articles, each ingested in several versions in random order, must leave
// exactly the graph of a fresh ingest of the versions ingested last: counts,
// dates at the edges' bounds, titles and outlets included.
TEST_F(StoreTest, RandomReplacementsMatchAFreshIngest) {
  std::mt19937 rng(20251127);
  const char* actors[] = {"Russia", "Ukraine", "France", "Sergei Lavrov", "NATO", "Turkey"};
  const NodeKind actor_kinds[] = {NodeKind::kState, NodeKind::kState, NodeKind::kState,
                                  NodeKind::kPerson, NodeKind::kOrganization, NodeKind::kState};
  const char* positions[] = {"ceasefire", "sanctions", "peacekeeping force", "security guarantees"};
  const char* dates[] = {"", "2024-09-10", "2025-01", "2025-02-17", "2025-02-27", "2025"};
  const char* outlets[] = {"Kommersant", "Vedomosti", "TASS", "Reuters"};
  auto random_article = [&](int id, int version) {
    std::vector<Claim> claims;
    int n = static_cast<int>(rng() % 6);  // sometimes no claims at all
    for (int i = 0; i < n; ++i) {
      int a = rng() % 6, b = rng() % 6;
      EntityRef subject{actors[a], actor_kinds[a], {}, ""};
      Claim c;
      switch (rng() % 3) {
        case 0: c = MakeClaim(subject, rng() % 2 ? Relation::kSupports : Relation::kOpposes,
                              Position(positions[rng() % 4]), dates[rng() % 6]); break;
        case 1: c = MakeClaim(subject, rng() % 2 ? Relation::kMeets : Relation::kCriticizes,
                              EntityRef{actors[b], actor_kinds[b], {}, ""}, dates[rng() % 6]); break;
        default: c = MakeClaim(Person("Sergei Lavrov"), Relation::kHoldsOffice, State("Russia"),
                               dates[rng() % 6], {}, rng() % 2 ? "Foreign Minister" : "Minister");
      }
      if (rng() % 2) c.sources.push_back({outlets[rng() % 4], dates[rng() % 6]});
      if (rng() % 5 == 0) c.polarity = -1;
      claims.push_back(c);
    }
    ArticleClaims art = Article("art" + std::to_string(id), "v" + std::to_string(version), claims);
    art.article.source = rng() % 2 ? "EDM" : "";
    art.article.date = dates[rng() % 6];
    return art;
  };
  std::map<int, ArticleClaims> last;
  for (int step = 0; step < 200; ++step) {
    int id = rng() % 25;
    ArticleClaims a = random_article(id, step);
    Ingest(a);
    last[id] = a;
    if (step % 10 == 0) ExpectCountsMatchAScan(*store_);
  }
  ExpectCountsMatchAScan(*store_);
  TempDir fresh_dir;
  std::unique_ptr<Store> fresh;
  ASSERT_TRUE(Store::Open(fresh_dir.path(), Store::Mode::kReadWrite, &fresh).ok());
  for (const auto& [id, a] : last) {
    Store::IngestOutcome o;
    ASSERT_TRUE(fresh->IngestArticle(a, &o).ok());
  }
  EXPECT_EQ(GraphLines(*store_), GraphLines(*fresh));
  StoreStats x, y;
  ASSERT_TRUE(store_->Stats(&x).ok());
  ASSERT_TRUE(fresh->Stats(&y).ok());
  EXPECT_EQ(x.claims, y.claims);
  EXPECT_EQ(x.nodes_by_kind, y.nodes_by_kind);
  EXPECT_EQ(x.edges_by_relation, y.edges_by_relation);
  ExpectCountsMatchAScan(*fresh);
  store_.reset();  // the counts survive a reopen
  ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadOnly, &store_).ok());
  ExpectCountsMatchAScan(*store_);
}

TEST_F(StoreTest, CountsFollowAddsReplacementsAndOrphans) {
  Ingest(Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes, Position("ceasefire"), "",
                                        {{"TASS", ""}}),
                              MakeClaim(Person("A"), Relation::kMeets, Person("B")),
                              MakeClaim(Person("B"), Relation::kMeets, Person("A"))}));
  StoreCounts c;
  ASSERT_TRUE(store_->Counts(&c).ok());
  EXPECT_EQ(c.articles, 1u);
  EXPECT_EQ(c.claims, 3u);
  EXPECT_EQ(c.edges_by_relation[Relation::kMeets], 1u);  // symmetric: one edge
  EXPECT_EQ(c.edges_by_relation[Relation::kMentions], 4u);
  EXPECT_EQ(c.edges_by_relation[Relation::kCites], 1u);
  EXPECT_EQ(c.nodes, 6u);  // Russia, ceasefire, A, B, TASS, the article
  ExpectCountsMatchAScan(*store_);
  Ingest(Article("a1", "h2", {MakeClaim(State("Russia"), Relation::kSupports, Position("ceasefire"))}));
  ASSERT_TRUE(store_->Counts(&c).ok());
  EXPECT_EQ(c.claims, 1u);
  EXPECT_EQ(c.edges_by_relation.count(Relation::kMeets), 0u);  // zero counts are left out
  EXPECT_EQ(c.nodes_by_kind.count(NodeKind::kPerson), 0u);
  ExpectCountsMatchAScan(*store_);
  Ingest(Article("a1", "h3", {}));
  ASSERT_TRUE(store_->Counts(&c).ok());
  EXPECT_EQ(c, (StoreCounts{{}, {}, 0, 0, 0, 1}));
  ExpectCountsMatchAScan(*store_);
}

TEST(StoreOpenTest, ReadOnlyOpenOfAMissingDatabaseIsNotFound) {
  TempDir dir;
  std::unique_ptr<Store> store;
  Status s = Store::Open(dir.file("nothing-here"), Store::Mode::kReadOnly, &store);
  EXPECT_TRUE(s.IsNotFound()) << s.ToString();
}

TEST(StoreOpenTest, ANewerSchemaVersionIsRefused) {
  TempDir dir;
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir.path(), Store::Mode::kReadWrite, &store).ok());
  }
  {
    // Write a future version straight into the meta column family.
    RawDb raw(dir.path());
    std::string v;
    keys::PutFixed32BE(&v, keys::kSchemaVersion + 1);
    ASSERT_TRUE(raw.db()->Put(rocksdb::WriteOptions(), std::string(keys::kSchemaVersionKey), v).ok());
  }
  std::unique_ptr<Store> store;
  Status s = Store::Open(dir.path(), Store::Mode::kReadOnly, &store);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported) << s.ToString();
}

// A version-1 database (no counts) is read by scanning when opened read-only,
// and migrated by its first read-write open: counts written, version 2.
TEST(StoreOpenTest, AVersion1DatabaseIsCountedThenMigrated) {
  TempDir dir;
  StoreCounts expected;
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir.path(), Store::Mode::kReadWrite, &store).ok());
    Store::IngestOutcome o;
    ASSERT_TRUE(store->IngestArticle(Article("a1", "h1", {MakeClaim(State("Russia"), Relation::kOpposes,
                                                                    Position("ceasefire"), "", {{"TASS", ""}})}),
                                     &o).ok());
    ASSERT_TRUE(store->IngestArticle(Article("a2", "h1", {MakeClaim(Person("A"), Relation::kMeets,
                                                                    Person("B"))}), &o).ok());
    ASSERT_TRUE(store->ScanCounts(&expected).ok());
  }
  {
    // What a version-1 build leaves: version 1, no counts.
    RawDb raw(dir.path());
    std::string v;
    keys::PutFixed32BE(&v, 1);
    ASSERT_TRUE(raw.db()->Put(rocksdb::WriteOptions(), std::string(keys::kSchemaVersionKey), v).ok());
    for (const auto& key : raw.MetaKeys()) {
      if (key.starts_with(keys::kCountPrefix)) {
        ASSERT_TRUE(raw.db()->Delete(rocksdb::WriteOptions(), key).ok());
      }
    }
  }
  {
    std::unique_ptr<Store> reader;
    ASSERT_TRUE(Store::Open(dir.path(), Store::Mode::kReadOnly, &reader).ok());
    StoreCounts c;
    ASSERT_TRUE(reader->Counts(&c).ok());  // by scanning
    EXPECT_EQ(c, expected);
  }
  {
    RawDb raw(dir.path());
    EXPECT_EQ(raw.SchemaVersion(), 1u);  // a read-only open changes nothing
  }
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir.path(), Store::Mode::kReadWrite, &store).ok());
    StoreCounts c;
    ASSERT_TRUE(store->Counts(&c).ok());
    EXPECT_EQ(c, expected);
    Store::IngestOutcome o;
    ASSERT_TRUE(store->IngestArticle(Article("a1", "h2", {MakeClaim(State("France"), Relation::kSupports,
                                                                    Position("ceasefire"))}), &o).ok());
    ExpectCountsMatchAScan(*store);
  }
  RawDb raw(dir.path());
  EXPECT_EQ(raw.SchemaVersion(), 2u);
  int counts = 0;
  for (const auto& key : raw.MetaKeys()) counts += key.starts_with(keys::kCountPrefix);
  EXPECT_EQ(counts, 6 + 13 + 2);  // every kind and relation, claims, articles
}

}  // namespace
}  // namespace sg
