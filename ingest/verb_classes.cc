#include "ingest/verb_classes.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace sg::ingest {

extern const std::string_view kVerbClassTable;  // generated from WordNet

namespace {

// One inflected form of a class verb: "shelled" (past), "gunned" + "down".
struct VerbForm {
  std::string_view particle;  // "" for one-word verbs
  Relation relation;
  bool past;
};

// Lookups by std::string_view without building a std::string.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct VerbTable {
  std::unordered_map<std::string_view, std::vector<VerbForm>, ViewHash, std::equal_to<>> forms;
  std::unordered_map<std::string_view, Relation, ViewHash, std::equal_to<>> act_nouns;
};

std::string_view Field(std::string_view line, int n) {
  for (; n > 0; --n) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return {};
    line.remove_prefix(tab + 1);
  }
  return line.substr(0, line.find('\t'));
}

// The table's views point into kVerbClassTable, which lives for the whole program.
const VerbTable& Table() {
  static const VerbTable table = [] {
    VerbTable t;
    std::string_view rest = kVerbClassTable;
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (line.substr(0, 2) == "F\t") {
        if (std::optional<Relation> rel = ParseRelation(Field(line, 3)))
          t.forms[Field(line, 1)].push_back(VerbForm{Field(line, 2), *rel, Field(line, 4) == "d"});
      } else if (line.substr(0, 2) == "N\t") {
        if (std::optional<Relation> rel = ParseRelation(Field(line, 2))) t.act_nouns.emplace(Field(line, 1), *rel);
      }
    }
    return t;
  }();
  return table;
}

}  // namespace

bool MatchVerbClass(const Doc& doc, size_t i, size_t end, VerbClassMatch* out) {
  if (!doc.tokens[i].word) return false;
  const auto& forms = Table().forms;
  auto it = forms.find(std::string_view(doc.Norm(i)));
  if (it == forms.end()) return false;
  std::string_view next = i + 1 < end && !doc.masked[i + 1] ? std::string_view(doc.Norm(i + 1)) : "";
  const VerbForm* best = nullptr;
  for (const VerbForm& f : it->second) {
    if (!f.particle.empty() && f.particle == next) {  // "gunned down" beats "gunned"
      best = &f;
      break;
    }
    if (f.particle.empty() && best == nullptr) best = &f;
  }
  if (best == nullptr) return false;
  size_t last = best->particle.empty() ? i + 1 : i + 2;
  *out = VerbClassMatch{best->relation, i, last, best->past};
  return true;
}

std::optional<Relation> ActNounClass(std::string_view norm) {
  const auto& nouns = Table().act_nouns;
  if (auto it = nouns.find(norm); it != nouns.end()) return it->second;
  if (norm.size() > 3 && norm.back() == 's') {
    if (auto it = nouns.find(norm.substr(0, norm.size() - 1)); it != nouns.end()) return it->second;
  }
  return std::nullopt;
}

}  // namespace sg::ingest
