#include "storage/check.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <functional>
#include <map>

#include "storage/codec.h"
#include "storage/keys.h"
#include "test_util.h"

namespace sg {
namespace {

using testing::GraphLines;
using testing::TempDir;

Claim MakeClaim(std::string s, NodeKind sk, Relation r, std::string o, NodeKind ok,
                std::string date = "", std::vector<SourceCite> sources = {}, int8_t polarity = 1) {
  Claim c;
  c.subject = EntityRef{std::move(s), sk, {}, ""};
  c.relation = r;
  c.object = EntityRef{std::move(o), ok, {}, ""};
  c.date = std::move(date);
  c.sources = std::move(sources);
  c.polarity = polarity;
  c.sentence = "A sentence.";
  return c;
}

ArticleClaims Article(std::string id, std::string hash, std::vector<Claim> claims) {
  ArticleClaims a;
  a.article.id = std::move(id);
  a.article.title = "Title of " + a.article.id;
  a.article.date = "2025-03-10";
  a.article.source = "EDM";
  a.content_hash = std::move(hash);
  a.claims = std::move(claims);
  return a;
}

constexpr auto kP = NodeKind::kPerson, kS = NodeKind::kState, kPos = NodeKind::kPosition;

std::vector<ArticleClaims> Articles() {
  std::vector<Claim> a1 = {
      MakeClaim("Sergei Lavrov", kP, Relation::kOpposes, "ceasefire", kPos, "2025-02-17", {{"Kommersant", "2025-02-17"}}),
      MakeClaim("Russia", kS, Relation::kOpposes, "ceasefire", kPos, "2025-02"),
      MakeClaim("Russia", kS, Relation::kMeets, "Ukraine", kS, "2025-03-01"),
      MakeClaim("Russia", kS, Relation::kSupports, "ceasefire", kPos, "", {}, -1)};
  a1[0].title = "Foreign Minister";
  a1[0].subject.aliases = {"Lavrov"};
  std::vector<Claim> a2 = {
      MakeClaim("Lavrov", kP, Relation::kOpposes, "ceasefire", kPos, "2025-04-02", {{"TASS", ""}}),
      MakeClaim("Ukraine", kS, Relation::kMeets, "Russia", kS, "2025-04-03"),
      MakeClaim("Kremlin", kS, Relation::kCriticizes, "Ukraine", kS)};
  std::vector<Claim> a1b = {a1[0], a1[2], MakeClaim("Poland", kS, Relation::kSupports, "ceasefire", kPos, "2025-05")};
  return {Article("a1", "h1", a1), Article("a2", "h2", a2), Article("a3", "h3", {}),
          Article("a1", "h1b", a1b), Article("a4", "h4", a1)};
}

// The database under a Store, opened with RocksDB directly, to damage it.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    std::vector<std::string> names;
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    EXPECT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, cfs, &handles, &raw).ok());
    db_.reset(raw);
    for (size_t i = 0; i < names.size(); ++i) cf_[names[i]] = handles[i];
  }
  ~RawDb() {
    for (auto& [n, h] : cf_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  void Put(const std::string& cf, const std::string& k, const std::string& v) {
    ASSERT_TRUE(db_->Put(rocksdb::WriteOptions(), cf_.at(cf), k, v).ok());
  }
  void Delete(const std::string& cf, const std::string& k) {
    ASSERT_TRUE(db_->Delete(rocksdb::WriteOptions(), cf_.at(cf), k).ok());
  }
  std::string Get(const std::string& cf, const std::string& k) {
    std::string v;
    EXPECT_TRUE(db_->Get(rocksdb::ReadOptions(), cf_.at(cf), k, &v).ok()) << cf;
    return v;
  }
  // The first key of `cf`.
  std::string FirstKey(const std::string& cf) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_.at(cf)));
    it->SeekToFirst();
    return it->Valid() ? it->key().ToString() : "";
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> cf_;
};

class CheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Ingest(dir_.path(), Articles());
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadOnly, &store).ok());
    clean_ = GraphLines(*store);
  }
  static void Ingest(const std::string& path, const std::vector<ArticleClaims>& articles) {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(path, Store::Mode::kReadWrite, &store).ok());
    for (const auto& a : articles) {
      Store::IngestOutcome outcome;
      ASSERT_TRUE(store->IngestArticle(a, &outcome).ok());
    }
  }
  CheckReport Check() {
    std::unique_ptr<Store> store;
    EXPECT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadOnly, &store).ok());
    CheckReport report;
    EXPECT_TRUE(CheckStore(*store, CheckOptions(), &report).ok());
    return report;
  }
  // Whether some problem contains `text`.
  bool Reports(const std::string& text) {
    const CheckReport r = Check();
    for (const auto& p : r.problems) {
      if (p.find(text) != std::string::npos) return true;
    }
    ADD_FAILURE() << "no problem contains \"" << text << "\"; got " << r.problem_count << ":\n"
                  << [&] { std::string s; for (const auto& p : r.problems) s += "  " + p + "\n"; return s; }();
    return false;
  }
  // Repairs, then expects a clean check and the clean graph.
  void RepairAndExpectClean() {
    {
      std::unique_ptr<Store> store;
      ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store).ok());
      RepairReport repair;
      ASSERT_TRUE(RepairStore(store.get(), &repair).ok());
      EXPECT_GT(repair.changes, 0u);
      CheckReport report;
      ASSERT_TRUE(CheckStore(*store, CheckOptions(), &report).ok());
      EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);
    }
    EXPECT_TRUE(Check().ok());
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadOnly, &store).ok());
    EXPECT_EQ(GraphLines(*store), clean_);
  }
  uint64_t NodeId(const std::string& name, NodeKind kind) {
    std::unique_ptr<Store> store;
    EXPECT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadOnly, &store).ok());
    NodeRecord n;
    EXPECT_TRUE(store->FindNode(name, kind, &n).ok()) << name;
    return n.id;
  }
  keys::EdgeKey Edge(const std::string& s, NodeKind sk, Relation r, const std::string& o, NodeKind ok) {
    return keys::EdgeKey{NodeId(s, sk), r, NodeId(o, ok)};
  }
  static std::string U64(uint64_t v) { std::string s; keys::PutFixed64BE(&s, v); return s; }

  TempDir dir_;
  std::set<std::string> clean_;
};

TEST_F(CheckTest, AFreshIngestWithReplacementsIsSound) {
  const CheckReport r = Check();
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems[0]);
  EXPECT_EQ(r.articles, 4u);
  EXPECT_GT(r.edges, 5u);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store).ok());
  RepairReport repair;
  ASSERT_TRUE(RepairStore(store.get(), &repair).ok());
  EXPECT_EQ(repair.changes, 0u) << "a sound store needs no repair";
}

TEST_F(CheckTest, AWrongAggregateIsNamedAndRebuilt) {
  const auto key = Edge("Sergei Lavrov", kP, Relation::kOpposes, "ceasefire", kPos);
  {
    RawDb raw(dir_.path());
    EdgeRecord e;
    ASSERT_TRUE(codec::DecodeEdge(raw.Get("out", keys::OutKey(key)), &e).ok());
    e.claim_count += 1;
    e.first_date = "1999";
    raw.Put("out", keys::OutKey(key), codec::EncodeEdge(e));
  }
  const std::string name = "edge " + std::to_string(key.source) + " -OPPOSES-> " + std::to_string(key.target);
  EXPECT_TRUE(Reports(name + ": claim_count 4 but its claims give 3; first_date '1999' but its claims give '2025-02-17'"));
  RepairAndExpectClean();
}

TEST_F(CheckTest, AdjacencyBothWays) {
  const auto key = Edge("Russia", kS, Relation::kOpposes, "ceasefire", kPos);
  {
    RawDb raw(dir_.path());
    raw.Delete("in", keys::InKey(key));
    raw.Put("in", keys::InKey(keys::EdgeKey{key.target, Relation::kAttacks, key.source}), "");
  }
  EXPECT_TRUE(Reports("edge " + std::to_string(key.source) + " -OPPOSES-> " + std::to_string(key.target) + " has no in-adjacency entry"));
  EXPECT_TRUE(Reports("in-adjacency " + std::to_string(key.source) + " <-ATTACKS- " + std::to_string(key.target) + " has no out edge"));
  RepairAndExpectClean();
}

TEST_F(CheckTest, NamesAndKindsAgainstNodes) {
  const uint64_t lavrov = NodeId("Lavrov", kP);
  {
    RawDb raw(dir_.path());
    raw.Delete("names", keys::NameKey("lavrov", kP));
    raw.Put("names", keys::NameKey("kremlin", kS), U64(9999));
    raw.Delete("kinds", keys::KindKey(kP, lavrov));
  }
  EXPECT_TRUE(Reports("name 'lavrov' (Person) of node " + std::to_string(lavrov) + " (Person 'Sergei Lavrov') is not indexed"));
  EXPECT_TRUE(Reports("name 'kremlin' (State) points to missing node 9999"));
  EXPECT_TRUE(Reports("node " + std::to_string(lavrov) + " (Person 'Sergei Lavrov') is missing from the kinds index"));
  RepairAndExpectClean();
}

TEST_F(CheckTest, CountsCountersAndEdgeClaims) {
  {
    RawDb raw(dir_.path());
    raw.Put("default", keys::EdgeCountKey(Relation::kMeets), U64(5));
    raw.Put("default", std::string(keys::kNextClaimIdKey), U64(1));
    raw.Delete("edge_claims", raw.FirstKey("edge_claims"));
  }
  EXPECT_TRUE(Reports("count_edges[MEETS] is 5, scan finds 1"));
  EXPECT_TRUE(Reports("next_claim_id is 1 but id "));
  EXPECT_TRUE(Reports("has no edge_claims entry under edge"));
  RepairAndExpectClean();
}

TEST_F(CheckTest, AnUndecodableNodeAndAnOrphan) {
  const uint64_t poland = NodeId("Poland", kS);
  {
    RawDb raw(dir_.path());
    std::string v = raw.Get("nodes", keys::NodeKey(poland));
    raw.Put("nodes", keys::NodeKey(poland), v.substr(0, 3));
    NodeRecord orphan;
    orphan.id = 500;
    orphan.kind = kP;
    orphan.name = "Nobody";
    raw.Put("nodes", keys::NodeKey(500), codec::EncodeNode(orphan));
    raw.Put("kinds", keys::KindKey(kP, 500), "");
    raw.Put("names", keys::NameKey("nobody", kP), U64(500));
  }
  EXPECT_TRUE(Reports("Cap'n Proto value of node " + std::to_string(poland) + " does not decode"));
  EXPECT_TRUE(Reports("node 500 (Person 'Nobody') has no edges (orphan)"));
  EXPECT_TRUE(Reports("next_node_id is"));
  // Poland's only claim names a node that is gone: repair drops the claim, and
  // the next ingest of its article (hash cleared) brings both back.
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store).ok());
  RepairReport repair;
  ASSERT_TRUE(RepairStore(store.get(), &repair).ok());
  CheckReport report;
  ASSERT_TRUE(CheckStore(*store, CheckOptions(), &report).ok());
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);
  for (const auto& a : Articles()) {
    Store::IngestOutcome outcome;
    ASSERT_TRUE(store->IngestArticle(a, &outcome).ok());
  }
  ASSERT_TRUE(CheckStore(*store, CheckOptions(), &report).ok());
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);
  EXPECT_EQ(GraphLines(*store), clean_);
}

TEST_F(CheckTest, ClaimsAgainstArticles) {
  ArticleRecord a2;
  {
    RawDb raw(dir_.path());
    ASSERT_TRUE(codec::DecodeArticle(raw.Get("articles", "a2"), &a2).ok());
    raw.Delete("claims", keys::ClaimKey(a2.claim_ids[0]));
    ClaimRecord stray;
    ASSERT_TRUE(codec::DecodeClaim(raw.Get("claims", keys::ClaimKey(a2.claim_ids[1])), &stray).ok());
    stray.id = 900;
    stray.article_id = "gone";
    raw.Put("claims", keys::ClaimKey(900), codec::EncodeClaim(stray));
  }
  EXPECT_TRUE(Reports("article 'a2' lists claim " + std::to_string(a2.claim_ids[0]) + ", which is missing"));
  EXPECT_TRUE(Reports("claim 900 is of article 'gone', which is missing"));
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadWrite, &store).ok());
  RepairReport repair;
  ASSERT_TRUE(RepairStore(store.get(), &repair).ok());
  CheckReport report;
  ASSERT_TRUE(CheckStore(*store, CheckOptions(), &report).ok());
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);
  std::string hash;
  ASSERT_TRUE(store->FindArticleHash("a2", &hash).ok());
  EXPECT_EQ(hash, "") << "an article that lost a claim is rewritten by the next ingest";
  for (const auto& a : Articles()) {
    Store::IngestOutcome outcome;
    ASSERT_TRUE(store->IngestArticle(a, &outcome).ok());
  }
  EXPECT_EQ(GraphLines(*store), clean_);
}

TEST_F(CheckTest, ProblemsAreCapped) {
  {
    RawDb raw(dir_.path());
    for (int i = 0; i < 30; ++i) raw.Put("in", keys::InKey(keys::EdgeKey{1000u + i, Relation::kMeets, 1}), "");
  }
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir_.path(), Store::Mode::kReadOnly, &store).ok());
  CheckOptions options;
  options.max_problems = 10;
  CheckReport report;
  ASSERT_TRUE(CheckStore(*store, options, &report).ok());
  EXPECT_EQ(report.problems.size(), 10u);
  EXPECT_EQ(report.problem_count, 30u);
}

}  // namespace
}  // namespace sg
