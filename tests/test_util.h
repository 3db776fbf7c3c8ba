// Helpers shared by the storage and CLI tests.
#pragma once

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <utility>

#include "storage/store.h"

namespace sg::testing {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("sgtest-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The graph as a set of lines independent of ids: nodes "Kind:name[aliases]"
// and edges "src -REL-> dst claims articles first..last titles outlets".
inline std::set<std::string> GraphLines(const Store& store) {
  std::set<std::string> lines;
  auto name = [&](uint64_t id) {
    NodeRecord n;
    return store.GetNode(id, &n).ok() ? n.name : "<missing " + std::to_string(id) + ">";
  };
  store.ForEachNode([&](const NodeRecord& n) {
    std::string aliases;
    std::set<std::string> sorted(n.aliases.begin(), n.aliases.end());
    for (const auto& a : sorted) aliases += a + ",";
    lines.insert(std::string(NodeKindName(n.kind)) + ":" + n.name + "[" + aliases + "]");
    return Status::OK();
  }).PermitUncheckedError();
  store.ForEachEdge([&](const EdgeRecord& e) {
    std::string a = name(e.key.source), b = name(e.key.target);
    // A symmetric edge is stored from the smaller id, which differs between databases.
    if (IsSymmetric(e.key.relation) && b < a) std::swap(a, b);
    std::string s = a + " -" + std::string(RelationName(e.key.relation)) + "-> " + b + " " + std::to_string(e.claim_count) + " " +
                    std::to_string(e.article_count) + " " + e.first_date + ".." + e.last_date;
    for (size_t i = 0; i < e.titles.size(); ++i)
      s += " t:" + e.titles[i] + "x" + std::to_string(i < e.title_counts.size() ? e.title_counts[i] : 0);
    for (size_t i = 0; i < e.outlets.size(); ++i)
      s += " o:" + e.outlets[i] + "x" + std::to_string(i < e.outlet_counts.size() ? e.outlet_counts[i] : 0);
    lines.insert(s);
    return Status::OK();
  }).PermitUncheckedError();
  return lines;
}

}  // namespace sg::testing
