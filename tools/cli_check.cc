// `stancegraph check [--repair] [--json]`: the integrity check and repair of
// storage/check.h, printed for a person or as JSON.

#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "storage/check.h"
#include "tools/cli.h"

namespace sg::cli {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void PrintText(const CheckReport& r, double seconds) {
  if (r.ok()) {
    std::printf("ok: %llu nodes, %llu edges, %llu claims, %llu articles checked in %.2f s\n",
                (unsigned long long)r.nodes, (unsigned long long)r.edges,
                (unsigned long long)r.claims, (unsigned long long)r.articles, seconds);
    return;
  }
  for (const auto& p : r.problems) std::printf("problem: %s\n", p.c_str());
  std::printf("%llu problem(s)%s in %llu nodes, %llu edges, %llu claims, %llu articles "
              "(%.2f s); `stancegraph check --repair` rebuilds what is derived\n",
              (unsigned long long)r.problem_count,
              r.problems.size() < r.problem_count
                  ? (", the first " + std::to_string(r.problems.size()) + " shown").c_str()
                  : "",
              (unsigned long long)r.nodes, (unsigned long long)r.edges,
              (unsigned long long)r.claims, (unsigned long long)r.articles, seconds);
}

nlohmann::json ToJson(const CheckReport& r) {
  return {{"ok", r.ok()},           {"nodes", r.nodes},
          {"edges", r.edges},       {"claims", r.claims},
          {"articles", r.articles}, {"problem_count", r.problem_count},
          {"problems", r.problems}};
}

int RunCheckOnly(const CheckArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Store> store;
  Status s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (!s.ok()) return Fail(s);
  CheckReport report;
  s = CheckStore(*store, CheckOptions(), &report);
  if (!s.ok()) return Fail(s);
  if (args.json) {
    nlohmann::json j = ToJson(report);
    j["seconds"] = SecondsSince(start);
    std::cout << j.dump() << '\n';
  } else {
    PrintText(report, SecondsSince(start));
  }
  return report.ok() ? kExitOk : kExitFailure;
}

int RunRepair(const CheckArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Store> store;
  Status s = OpenStore(args.db, Store::Mode::kReadWrite, &store);
  if (!s.ok()) return Fail(s);
  CheckReport before, after;
  RepairReport repair;
  s = CheckStore(*store, CheckOptions(), &before);
  if (s.ok()) s = RepairStore(store.get(), &repair);
  if (s.ok()) s = CheckStore(*store, CheckOptions(), &after);
  if (!s.ok()) return Fail(s);
  if (args.json) {
    nlohmann::json j = ToJson(after);
    j["before"] = ToJson(before);
    j["repaired"] = repair.fixes;
    j["changes"] = repair.changes;
    j["seconds"] = SecondsSince(start);
    std::cout << j.dump() << '\n';
    return after.ok() ? kExitOk : kExitFailure;
  }
  for (const auto& p : before.problems) std::printf("found: %s\n", p.c_str());
  for (const auto& f : repair.fixes) std::printf("repaired: %s\n", f.c_str());
  std::printf("%llu problem(s) found, %llu key(s) written or deleted; checking again\n",
              (unsigned long long)before.problem_count, (unsigned long long)repair.changes);
  PrintText(after, SecondsSince(start));
  return after.ok() ? kExitOk : kExitFailure;
}

}  // namespace

int RunCheck(const CheckArgs& args) { return args.repair ? RunRepair(args) : RunCheckOnly(args); }

}  // namespace sg::cli
