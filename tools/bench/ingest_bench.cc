// ingest_bench: claims per second into the store, and bytes per edge on disk.
//
//   build/bin/ingest_bench [--claims=1000000] [--claims_per_article=20]
//                          [--actors=20000] [--positions=2000] [--db=DIR] [--keep]
//
// Workloads, LevelDB db_bench style, run in order:
//   fill      ingest --claims synthetic claims into an empty database
//   reingest  ingest the same articles again (every one a no-op: unchanged hash)
//   replace   ingest 1% of the articles with new content (exact replacement)
// Names follow a Zipf-like law, so a few actors gather most claims, as in news.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

#include "storage/store.h"

namespace {

struct Flags {
  long claims = 1000000;
  int claims_per_article = 20;
  int actors = 20000;
  int positions = 2000;
  std::string db;
  bool keep = false;
};

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    auto value = [&](const char* name) -> const char* {
      size_t n = std::strlen(name);
      return std::strncmp(a, name, n) == 0 ? a + n : nullptr;
    };
    if (const char* v = value("--claims=")) f.claims = std::atol(v);
    else if (const char* v = value("--claims_per_article=")) f.claims_per_article = std::atoi(v);
    else if (const char* v = value("--actors=")) f.actors = std::atoi(v);
    else if (const char* v = value("--positions=")) f.positions = std::atoi(v);
    else if (const char* v = value("--db=")) f.db = v;
    else if (std::strcmp(a, "--keep") == 0) f.keep = true;
    else {
      std::fprintf(stderr, "ingest_bench: unknown flag %s\n", a);
      std::exit(2);
    }
  }
  return f;
}

// Draws ranks 0..n-1 with probability ~ 1/(rank+1).
class Zipf {
 public:
  Zipf(int n, uint64_t seed) : rng_(seed), cdf_(n) {
    double sum = 0;
    for (int i = 0; i < n; ++i) cdf_[i] = (sum += 1.0 / (i + 1));
    for (auto& c : cdf_) c /= sum;
  }
  int Next() {
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return static_cast<int>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
  }

 private:
  std::mt19937_64 rng_;
  std::vector<double> cdf_;
};

const sg::Relation kActorRelations[] = {sg::Relation::kMeets, sg::Relation::kCooperatesWith,
                                        sg::Relation::kCriticizes, sg::Relation::kThreatens,
                                        sg::Relation::kSanctions, sg::Relation::kAttacks};

sg::EntityRef Actor(int rank) {
  const sg::NodeKind kinds[] = {sg::NodeKind::kPerson, sg::NodeKind::kState, sg::NodeKind::kOrganization};
  return {"Actor " + std::to_string(rank), kinds[rank % 3], {"A" + std::to_string(rank)}, ""};
}

// Article `n` of the synthetic corpus; `version` changes its content.
sg::ArticleClaims MakeArticle(const Flags& f, long n, int version, Zipf* actors, Zipf* positions) {
  sg::ArticleClaims a;
  a.article.id = "bench-" + std::to_string(n);
  a.article.title = "Synthetic article " + std::to_string(n);
  a.article.date = "2025-" + std::to_string(10 + n % 3) + "-" + std::to_string(10 + n % 18);
  a.article.source = "Outlet " + std::to_string(n % 50);
  a.content_hash = std::to_string(n) + "/" + std::to_string(version);
  std::mt19937 rng(static_cast<uint32_t>(n * 31 + version));
  for (int i = 0; i < f.claims_per_article; ++i) {
    sg::Claim c;
    c.subject = Actor(actors->Next());
    int kind = rng() % 10;
    if (kind < 5) {
      c.relation = kind < 3 ? sg::Relation::kSupports : sg::Relation::kOpposes;
      c.object = {"position " + std::to_string(positions->Next()), sg::NodeKind::kPosition, {}, ""};
    } else {
      c.relation = kActorRelations[rng() % 6];
      c.object = Actor(actors->Next());
      if (c.object.name == c.subject.name) c.object = Actor((actors->Next() + 1) % f.actors);
    }
    c.sentence = "Synthetic sentence number " + std::to_string(i) +
                 " of an article, about as long as a sentence of news prose is on average.";
    c.sentence_no = i + 1;
    c.cue = "rejected";
    c.rule = "bench";
    // Analysis pieces cite an outlet for about one claim in three.
    if (rng() % 3 == 0) c.sources = {{"Outlet " + std::to_string(rng() % 200), a.article.date}};
    a.claims.push_back(std::move(c));
  }
  return a;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

// Runs `articles` through the store; returns claims written per second.
double Ingest(sg::Store* store, const Flags& f, long first, long count, int version, long* claims) {
  Zipf actors(f.actors, 1), positions(f.positions, 2);
  auto start = std::chrono::steady_clock::now();
  *claims = 0;
  for (long n = first; n < first + count; ++n) {
    sg::ArticleClaims a = MakeArticle(f, n, version, &actors, &positions);
    sg::Store::IngestOutcome outcome;
    sg::Status s = store->IngestArticle(a, &outcome);
    if (!s.ok()) {
      std::fprintf(stderr, "ingest_bench: %s\n", s.ToString().c_str());
      std::exit(1);
    }
    *claims += static_cast<long>(a.claims.size());
  }
  return *claims / Seconds(start);
}

}  // namespace

int main(int argc, char** argv) {
  Flags f = ParseFlags(argc, argv);
  namespace fs = std::filesystem;
  const bool temp = f.db.empty();
  if (temp) f.db = (fs::temp_directory_path() / ("sg-ingest-bench-" + std::to_string(getpid()))).string();
  fs::remove_all(f.db);
  std::unique_ptr<sg::Store> store;
  sg::Status s = sg::Store::Open(f.db, sg::Store::Mode::kReadWrite, &store);
  if (!s.ok()) {
    std::fprintf(stderr, "ingest_bench: %s\n", s.ToString().c_str());
    return 1;
  }
  const long articles = f.claims / f.claims_per_article;
  std::printf("ingest_bench: %ld claims in %ld articles, %d actors, %d positions\n",
              articles * f.claims_per_article, articles, f.actors, f.positions);

  long claims = 0;
  auto start = std::chrono::steady_clock::now();
  double rate = Ingest(store.get(), f, 0, articles, 1, &claims);
  std::printf("fill      : %10.0f claims/s  %8.1f articles/s  (%.1f s)\n", rate,
              articles / Seconds(start), Seconds(start));

  start = std::chrono::steady_clock::now();
  Ingest(store.get(), f, 0, articles, 1, &claims);
  std::printf("reingest  : %10.0f articles/s unchanged (%.1f s)\n", articles / Seconds(start),
              Seconds(start));

  const long changed = std::max(1L, articles / 100);
  start = std::chrono::steady_clock::now();
  rate = Ingest(store.get(), f, 0, changed, 2, &claims);
  std::printf("replace   : %10.0f claims/s  %8.1f articles/s  (%ld articles)\n", rate,
              changed / Seconds(start), changed);

  store.reset();  // close: flushes the memtables
  start = std::chrono::steady_clock::now();
  sg::Store::Open(f.db, sg::Store::Mode::kReadOnly, &store).PermitUncheckedError();
  std::printf("open (ro) : %10.1f ms\n", Seconds(start) * 1000);
  sg::StoreStats st;
  if (store && store->Stats(&st).ok()) {
    std::printf("stored    : %llu nodes, %llu edges, %llu claims, %.1f MiB on disk after close\n",
                (unsigned long long)st.nodes, (unsigned long long)st.edges,
                (unsigned long long)st.claims, st.disk_bytes / 1048576.0);
  }
  store.reset();
  sg::Store::Open(f.db, sg::Store::Mode::kReadWrite, &store).PermitUncheckedError();
  start = std::chrono::steady_clock::now();
  if (store && store->Compact().ok() && store->Stats(&st).ok()) {
    std::printf("compacted : %.1f MiB in %.1f s; bytes/edge %.0f, bytes/claim %.0f "
                "(all data: nodes, names, edges both ways, claims with sentences, articles)\n",
                st.disk_bytes / 1048576.0, Seconds(start), double(st.disk_bytes) / st.edges,
                double(st.disk_bytes) / st.claims);
  }
  std::printf("peak RSS  : %ld MiB\n", PeakRssMiB());
  store.reset();
  if (temp && !f.keep) fs::remove_all(f.db);
  return 0;
}
