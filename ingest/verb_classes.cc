#include "ingest/verb_classes.h"

#include <string>
#include <unordered_map>

namespace sg::ingest {

extern const std::string_view kVerbClassTable;  // generated from WordNet

namespace {

struct VerbEntry {
  Relation relation;
  bool base_is_verb;  // the bare form reads as a verb
};

struct VerbTable {
  std::unordered_map<std::string, VerbEntry> verbs;       // lemma (with particle) -> class
  std::unordered_map<std::string, std::string> irregular;  // form -> lemma
  std::unordered_map<std::string, Relation> act_nouns;     // "bombardment" -> ATTACKS
};

std::string_view Field(std::string_view line, int n) {
  for (; n > 0; --n) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return {};
    line.remove_prefix(tab + 1);
  }
  return line.substr(0, line.find('\t'));
}

const VerbTable& Table() {
  static const VerbTable table = [] {
    VerbTable t;
    std::string_view rest = kVerbClassTable;
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (line.substr(0, 2) == "V\t") {
        std::optional<Relation> rel = ParseRelation(Field(line, 2));
        if (rel) t.verbs.emplace(std::string(Field(line, 1)), VerbEntry{*rel, Field(line, 3) == "1"});
      } else if (line.substr(0, 2) == "N\t") {
        if (std::optional<Relation> rel = ParseRelation(Field(line, 2)))
          t.act_nouns.emplace(std::string(Field(line, 1)), *rel);
      } else if (line.substr(0, 2) == "X\t") {
        t.irregular.emplace(std::string(Field(line, 1)), std::string(Field(line, 2)));
      }
    }
    return t;
  }();
  return table;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 1 && s.substr(s.size() - suffix.size()) == suffix;
}

enum class Form { kBase, kThird, kPast, kGerund };

struct Lemma {
  const std::string* lemma = nullptr;  // a key of VerbTable::verbs, or null
  const VerbEntry* entry = nullptr;
  Form form = Form::kBase;
};

// Tries the candidate stems of `w` in order; the first that is a class verb wins.
Lemma Find(const VerbTable& t, std::string_view w, std::string_view particle) {
  auto look = [&](std::string stem, Form form, Lemma* out) {
    if (!particle.empty()) stem.append(" ").append(particle);
    auto it = t.verbs.find(stem);
    if (it == t.verbs.end()) return false;
    *out = Lemma{&it->first, &it->second, form};
    return true;
  };
  Lemma out;
  std::string word(w);
  if (auto ex = t.irregular.find(word); ex != t.irregular.end() && look(ex->second, Form::kPast, &out)) return out;
  if (look(word, Form::kBase, &out)) return out;
  auto stems = [&](std::string_view suffix, Form form) {
    if (!EndsWith(w, suffix)) return false;
    std::string stem(w.substr(0, w.size() - suffix.size()));
    if (look(stem, form, &out) || look(stem + "e", form, &out)) return true;
    bool doubled = stem.size() > 2 && stem.back() == stem[stem.size() - 2];
    if (doubled && look(stem.substr(0, stem.size() - 1), form, &out)) return true;
    return form == Form::kPast && stem.back() == 'i' && look(stem.substr(0, stem.size() - 1) + "y", form, &out);
  };
  if (stems("ing", Form::kGerund) || stems("ed", Form::kPast) || stems("es", Form::kThird) ||
      stems("s", Form::kThird))
    return out;
  return {};
}

}  // namespace

bool MatchVerbClass(const Doc& doc, size_t i, size_t end, VerbClassMatch* out) {
  const VerbTable& t = Table();
  const std::string& w = doc.Norm(i);
  if (w.size() < 3 || !doc.tokens[i].word) return false;
  Lemma hit;
  size_t last = i + 1;
  if (i + 1 < end && !doc.masked[i + 1]) {
    hit = Find(t, w, doc.Norm(i + 1));  // "gunned down", "wiped out"
    if (hit.entry) last = i + 2;
  }
  if (!hit.entry) hit = Find(t, w, {});
  if (!hit.entry) return false;
  bool bare = hit.form == Form::kBase || hit.form == Form::kThird;
  if (bare && !hit.entry->base_is_verb) return false;
  *out = VerbClassMatch{hit.entry->relation, i, last, hit.form == Form::kPast};
  return true;
}

}  // namespace sg::ingest

namespace sg::ingest {

std::optional<Relation> ActNounClass(std::string_view norm) {
  const auto& nouns = Table().act_nouns;
  std::string w(norm);
  if (auto it = nouns.find(w); it != nouns.end()) return it->second;
  if (w.size() > 3 && w.back() == 's') {
    w.pop_back();
    if (auto it = nouns.find(w); it != nouns.end()) return it->second;
  }
  return std::nullopt;
}

}  // namespace sg::ingest
