// Ingest under injected I/O faults (after LevelDB's db/fault_injection_test.cc):
// a file system that runs out of space after N bytes (writing the part that
// fits, as a full disk does), or fails its Nth sync or Nth new file. For each N:
// IngestArticle fails cleanly (never a crash, never a success that was not
// written); reopened without faults, the store passes CheckStore and holds
// exactly the articles acknowledged (the failed one possibly too, never part of
// it); finishing the ingest gives the graph of a clean run.

#include "storage/check.h"

#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <random>

#include "test_util.h"

namespace sg {
namespace {

using testing::GraphLines;
using testing::TempDir;

// Which operation runs out, and after how many bytes or calls.
enum class Fault { kNoSpaceOnAppend, kFailedSync, kFailedNewFile };

// The budget shared by a FaultFs and its files. Negative: no faults.
struct FaultBudget {
  Fault fault = Fault::kNoSpaceOnAppend;
  std::atomic<int64_t> left{-1};
  std::atomic<uint64_t> used{0};  // bytes or calls seen, with or without faults
  std::atomic<uint64_t> injected{0};

  // How much of `n` may proceed (n for "all"); counts one injected fault when not all.
  uint64_t Take(Fault f, uint64_t n) {
    if (f != fault) return n;
    used += n;
    int64_t l = left.load();
    if (l < 0) return n;
    const uint64_t ok = std::min<uint64_t>(n, static_cast<uint64_t>(l));
    left -= static_cast<int64_t>(ok);
    if (ok < n) injected++;
    return ok;
  }
};

class FaultFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultFile(std::unique_ptr<rocksdb::FSWritableFile> f, FaultBudget* budget)
      : FSWritableFileOwnerWrapper(std::move(f)), budget_(budget) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           rocksdb::IODebugContext* dbg) override {
    const uint64_t ok = budget_->Take(Fault::kNoSpaceOnAppend, data.size());
    if (ok == data.size()) return target()->Append(data, o, dbg);
    // A full disk takes what fits: the file ends in a torn record.
    target()->Append(rocksdb::Slice(data.data(), ok), o, dbg).PermitUncheckedError();
    return rocksdb::IOStatus::NoSpace("injected: no space left on device");
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           const rocksdb::DataVerificationInfo&, rocksdb::IODebugContext* dbg) override {
    return Append(data, o, dbg);
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                     const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (budget_->Take(Fault::kNoSpaceOnAppend, data.size()) != data.size()) {
      return rocksdb::IOStatus::NoSpace("injected: no space left on device");
    }
    return target()->PositionedAppend(data, offset, o, dbg);
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (!budget_->Take(Fault::kFailedSync, 1)) return rocksdb::IOStatus::IOError("injected: sync failed");
    return target()->Sync(o, dbg);
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (!budget_->Take(Fault::kFailedSync, 1)) return rocksdb::IOStatus::IOError("injected: fsync failed");
    return target()->Fsync(o, dbg);
  }

 private:
  FaultBudget* budget_;
};

class FaultFs : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultFs(FaultBudget* budget)
      : FileSystemWrapper(rocksdb::FileSystem::Default()), budget_(budget) {}
  const char* Name() const override { return "FaultFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSWritableFile>* r,
                                    rocksdb::IODebugContext* dbg) override {
    if (!budget_->Take(Fault::kFailedNewFile, 1)) return rocksdb::IOStatus::NoSpace("injected: cannot create " + f);
    std::unique_ptr<rocksdb::FSWritableFile> file;
    rocksdb::IOStatus s = target()->NewWritableFile(f, o, &file, dbg);
    if (s.ok()) r->reset(new FaultFile(std::move(file), budget_));
    return s;
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                       std::unique_ptr<rocksdb::FSWritableFile>* r,
                                       rocksdb::IODebugContext* dbg) override {
    std::unique_ptr<rocksdb::FSWritableFile> file;
    rocksdb::IOStatus s = target()->ReopenWritableFile(f, o, &file, dbg);
    if (s.ok()) r->reset(new FaultFile(std::move(file), budget_));
    return s;
  }
  rocksdb::IOStatus ReuseWritableFile(const std::string& f, const std::string& old,
                                      const rocksdb::FileOptions& o,
                                      std::unique_ptr<rocksdb::FSWritableFile>* r,
                                      rocksdb::IODebugContext* dbg) override {
    if (!budget_->Take(Fault::kFailedNewFile, 1)) return rocksdb::IOStatus::NoSpace("injected: cannot create " + f);
    std::unique_ptr<rocksdb::FSWritableFile> file;
    rocksdb::IOStatus s = target()->ReuseWritableFile(f, old, o, &file, dbg);
    if (s.ok()) r->reset(new FaultFile(std::move(file), budget_));
    return s;
  }

 private:
  FaultBudget* budget_;
};

// A deterministic corpus: articles with fixed names per actor (so that node
// names do not depend on order), negated claims, cited outlets, and at the end
// new versions of earlier articles (replacements).
std::vector<ArticleClaims> Corpus(int articles, int replacements, uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  auto make = [&](const std::string& id, int version) {
    ArticleClaims a;
    a.article.id = id;
    a.article.title = id + " v" + std::to_string(version);
    a.article.date = "2025-0" + std::to_string(1 + pick(9)) + "-1" + std::to_string(pick(10));
    a.article.source = "Outlet " + std::to_string(pick(5));
    a.content_hash = a.article.title;
    for (int i = 0, n = 2 + pick(6); i < n; ++i) {
      Claim c;
      const int p = pick(30);
      c.subject = EntityRef{"Person " + std::to_string(p), NodeKind::kPerson,
                            p % 4 ? std::vector<std::string>{} : std::vector<std::string>{"P" + std::to_string(p)}, ""};
      if (pick(3)) {
        c.relation = pick(2) ? Relation::kSupports : Relation::kOpposes;
        c.object = EntityRef{"position " + std::to_string(pick(15)), NodeKind::kPosition, {}, ""};
      } else {
        c.relation = pick(2) ? Relation::kMeets : Relation::kCriticizes;
        c.object = EntityRef{"State " + std::to_string(pick(10)), NodeKind::kState, {}, ""};
      }
      if (pick(2)) c.sources.push_back(SourceCite{"Outlet " + std::to_string(pick(5)), "2025-02-0" + std::to_string(1 + pick(9))});
      if (pick(3) == 0) c.date = "2025-0" + std::to_string(1 + pick(9));
      if (pick(10) == 0) c.polarity = -1;
      c.sentence = id + " sentence " + std::to_string(i);
      a.claims.push_back(std::move(c));
    }
    return a;
  };
  std::vector<ArticleClaims> out;
  for (int i = 0; i < articles; ++i) out.push_back(make("art-" + std::to_string(i), 1));
  for (int i = 0; i < replacements; ++i) out.push_back(make("art-" + std::to_string(pick(articles)), 2));
  return out;
}

void ExpectSound(const Store& store, const std::string& where) {
  CheckReport report;
  ASSERT_TRUE(CheckStore(store, CheckOptions(), &report).ok()) << where;
  EXPECT_TRUE(report.ok()) << where << ": " << report.problem_count << " problems, first: "
                           << (report.problems.empty() ? "" : report.problems[0]);
}

class FaultInjectionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    corpus_ = new std::vector<ArticleClaims>(Corpus(40, 12, 7));
    prefixes_ = new std::vector<std::set<std::string>>();
    TempDir dir;
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir.path(), Store::Mode::kReadWrite, &store).ok());
    prefixes_->push_back(GraphLines(*store));
    for (const auto& a : *corpus_) {
      Store::IngestOutcome outcome;
      ASSERT_TRUE(store->IngestArticle(a, &outcome).ok());
      prefixes_->push_back(GraphLines(*store));
    }
  }
  static void TearDownTestSuite() {
    delete corpus_;
    delete prefixes_;
  }

  // Bytes or calls a clean ingest of the corpus uses, under `fault`'s measure.
  static uint64_t Usage(Fault fault) {
    FaultBudget budget;
    budget.fault = fault;
    auto fs = std::make_shared<FaultFs>(&budget);
    std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
    TempDir dir;
    {
      std::unique_ptr<Store> store;
      EXPECT_TRUE(Store::OpenWithEnv(dir.path(), Store::Mode::kReadWrite, env.get(), &store).ok());
      for (const auto& a : *corpus_) {
        Store::IngestOutcome outcome;
        EXPECT_TRUE(store->IngestArticle(a, &outcome).ok());
      }
    }
    return budget.used;
  }

  // How runs ended, for the figures in docs/reliability.md.
  struct Tally {
    uint64_t runs = 0, fired = 0;
    uint64_t open_failed = 0, article_failed = 0, failed_article_kept = 0, only_close_failed = 0;
    std::string Line() const {
      return std::to_string(runs) + " runs, fault fired in " + std::to_string(fired) + ": open failed " +
             std::to_string(open_failed) + ", an article failed " + std::to_string(article_failed) +
             " (the failed article found whole after reopening: " + std::to_string(failed_article_kept) +
             "), only the close failed or nothing did " + std::to_string(only_close_failed);
    }
  };

  // One run: ingest under a fault after `n`, stop at the first error as the
  // CLI does; then verify as the file's comment says.
  static void RunWithFault(Fault fault, int64_t n, Tally* tally) {
    const std::string where = "fault " + std::to_string(int(fault)) + " after " + std::to_string(n);
    TempDir dir;
    FaultBudget budget;
    budget.fault = fault;
    budget.left = n;
    size_t acked = 0;
    bool open_failed = false, article_failed = false;
    {
      auto fs = std::make_shared<FaultFs>(&budget);
      std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
      std::unique_ptr<Store> store;
      Status s = Store::OpenWithEnv(dir.path(), Store::Mode::kReadWrite, env.get(), &store);
      open_failed = !s.ok();
      for (; s.ok() && acked < corpus_->size(); ++acked) {
        Store::IngestOutcome outcome;
        s = store->IngestArticle((*corpus_)[acked], &outcome);
        if (!s.ok()) {
          article_failed = true;
          EXPECT_EQ(s.code(), Status::Code::kIOError) << where << ": " << s.ToString();
          break;
        }
      }
    }  // the store closes under the fault too (its flush may fail)
    std::unique_ptr<Store> store;
    Status s = Store::Open(dir.path(), Store::Mode::kReadWrite, &store);
    EXPECT_TRUE(s.ok()) << where << ": reopening: " << s.ToString();
    tally->runs++;
    tally->fired += budget.injected > 0;
    tally->open_failed += open_failed;
    tally->article_failed += article_failed;
    tally->only_close_failed += !open_failed && !article_failed;
    if (!s.ok()) return;
    ExpectSound(*store, where + ", reopened");
    const auto lines = GraphLines(*store);
    const bool acked_only = lines == (*prefixes_)[acked];
    const bool with_failed = acked < corpus_->size() && lines == (*prefixes_)[acked + 1];
    tally->failed_article_kept += !acked_only && with_failed;
    EXPECT_TRUE(acked_only || with_failed)
        << where << ": the graph is not that of the " << acked << " acknowledged articles";
    for (const auto& a : *corpus_) {
      Store::IngestOutcome outcome;
      EXPECT_TRUE(store->IngestArticle(a, &outcome).ok()) << where;
    }
    ExpectSound(*store, where + ", finished");
    EXPECT_EQ(GraphLines(*store), prefixes_->back()) << where << ": finished graph differs";
  }

  static std::vector<ArticleClaims>* corpus_;
  static std::vector<std::set<std::string>>* prefixes_;  // the graph after each prefix
};

std::vector<ArticleClaims>* FaultInjectionTest::corpus_ = nullptr;
std::vector<std::set<std::string>>* FaultInjectionTest::prefixes_ = nullptr;

// A full disk at 200 points spread evenly over a clean ingest's bytes (opening,
// every article, closing), in 4 interleaved shards that ctest runs apart.
class NoSpaceTest : public FaultInjectionTest, public ::testing::WithParamInterface<int> {};

TEST_P(NoSpaceTest, AtEveryPointOfTheIngest) {
  constexpr int kPoints = 200, kShards = 4;
  const uint64_t total = Usage(Fault::kNoSpaceOnAppend);
  ASSERT_GT(total, 0u);
  Tally tally;
  for (int i = GetParam(); i < kPoints; i += kShards) {
    RunWithFault(Fault::kNoSpaceOnAppend, static_cast<int64_t>(total * i / kPoints), &tally);
  }
  EXPECT_EQ(tally.fired, tally.runs) << "runs where the fault fired";
  std::printf("no space, shard %d of a %llu-byte ingest: %s\n", GetParam(), (unsigned long long)total,
              tally.Line().c_str());
}

INSTANTIATE_TEST_SUITE_P(Shards, NoSpaceTest, ::testing::Range(0, 4));

// A failed sync, at each sync of a clean ingest (opening and closing sync).
TEST_F(FaultInjectionTest, FailedSyncAtEachSync) {
  const uint64_t total = Usage(Fault::kFailedSync);
  ASSERT_GT(total, 0u);
  Tally tally;
  for (uint64_t i = 0; i <= total; ++i) RunWithFault(Fault::kFailedSync, i, &tally);
  std::printf("failed sync (%llu syncs): %s\n", (unsigned long long)total, tally.Line().c_str());
}

// A file that cannot be created, at each file a clean ingest creates.
TEST_F(FaultInjectionTest, FailedNewFileAtEachFile) {
  const uint64_t total = Usage(Fault::kFailedNewFile);
  ASSERT_GT(total, 0u);
  Tally tally;
  for (uint64_t i = 0; i <= total; ++i) RunWithFault(Fault::kFailedNewFile, i, &tally);
  std::printf("failed new file (%llu files): %s\n", (unsigned long long)total, tally.Line().c_str());
}

}  // namespace
}  // namespace sg
