// Lexicon: the TSV format of docs/extraction.md.

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "graph/names.h"
#include "ingest/lexicon_impl.h"
#include "ingest/text.h"

namespace sg::ingest {

// Generated from ingest/lexicon/*.tsv by embed_lexicon.cmake.
extern const std::pair<std::string_view, std::string_view> kBuiltinLexicon[];
extern const int kBuiltinLexiconCount;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::vector<std::string> List(std::string_view cell) {
  std::vector<std::string> out;
  for (std::string_view part : Split(cell, '|'))
    if (!Trim(part).empty()) out.emplace_back(Trim(part));
  return out;
}

bool ParseKind(std::string_view k, LexKind* kind) {
  if (k == "State") *kind = LexKind::kState;
  else if (k == "Organization") *kind = LexKind::kOrganization;
  else if (k == "Person") *kind = LexKind::kPerson;
  else if (k == "Office") *kind = LexKind::kOffice;
  else return false;
  return true;
}

bool IsAcronym(std::string_view form) {
  size_t letters = 0;
  for (char c : form) {
    if (c >= 'a' && c <= 'z') return false;
    letters += (c >= 'A' && c <= 'Z');
  }
  return letters >= 2 && letters <= 6;
}

bool StartsLower(std::string_view form) { return !form.empty() && form[0] >= 'a' && form[0] <= 'z'; }

// "Russian" -> "Russians", "Israeli" -> "Israelis".
std::vector<std::string> WithPlurals(const std::vector<std::string>& demonyms) {
  std::vector<std::string> out = demonyms;
  for (const std::string& d : demonyms)
    if (!d.empty() && (d.back() == 'n' || d.back() == 'i')) out.push_back(d + "s");
  return out;
}

Status ParseLine(std::string_view line, const std::string& where, LexEntry* e) {
  std::vector<std::string_view> cols = Split(line, '\t');
  if (cols.size() < 2)
    return Status::InvalidInput(where + ": expected tab-separated kind and name");
  if (!ParseKind(Trim(cols[0]), &e->kind))
    return Status::InvalidInput(fmt::format(
        "{}: unknown kind \"{}\" (State, Organization, Person or Office)", where, Trim(cols[0])));
  e->name = std::string(Trim(cols[1]));
  if (e->name.empty()) return Status::InvalidInput(where + ": empty name");
  auto col = [&](size_t i) { return i < cols.size() ? Trim(cols[i]) : std::string_view(); };
  e->aliases = List(col(2));
  e->code = std::string(col(3));
  e->demonyms = WithPlurals(List(col(4)));
  e->metonyms = List(col(5));
  e->title = std::string(col(6));
  e->affiliation = std::string(col(7));
  e->outlet = e->kind == LexKind::kOrganization && e->affiliation == "outlet";
  return Status::OK();
}

}  // namespace

std::string PhraseKey(std::string_view phrase) {
  std::string key;
  for (const Token& t : Tokenize(phrase)) {
    if (!t.word && !t.possessive) continue;
    if (key.empty() && t.norm == "the") continue;
    if (!key.empty()) key.push_back(' ');
    key += t.norm;
  }
  return key;
}

const std::vector<LexForm>* Lexicon::Impl::FindForms(const std::string& key) const {
  auto it = forms.find(key);
  return it == forms.end() ? nullptr : &it->second;
}

const LexEntry* Lexicon::Impl::FindEntry(std::string_view name) const {
  if (name.empty()) return nullptr;
  auto it = by_name.find(NormalizeName(name));
  if (it != by_name.end()) return &entries[it->second];
  const std::vector<LexForm>* f = FindForms(PhraseKey(name));
  return f ? &entries[f->front().entry] : nullptr;
}

void Lexicon::Impl::Add(LexEntry e) {
  const auto id = static_cast<uint32_t>(entries.size());
  auto index = [&](const std::string& form, FormKind kind) {
    std::string key = PhraseKey(form);
    if (key.empty()) return;
    forms[key].push_back(LexForm{id, kind, IsAcronym(form), StartsLower(form)});
    size_t n = static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
    std::string first = key.substr(0, key.find(' '));
    if (e.kind == LexKind::kOffice) office_first.insert(first);
    uint8_t& m = max_tokens[first];
    m = std::max<uint8_t>(m, static_cast<uint8_t>(std::min<size_t>(n, 255)));
  };
  index(e.name, FormKind::kName);
  for (const auto& a : e.aliases) index(a, FormKind::kAlias);
  for (const auto& d : e.demonyms) index(d, FormKind::kDemonym);
  for (const auto& m : e.metonyms) index(m, FormKind::kMetonym);
  by_name.emplace(NormalizeName(e.name), id);
  entries.push_back(std::move(e));
}

Lexicon::Lexicon() : impl_(std::make_unique<Impl>()) {}
Lexicon::~Lexicon() = default;
Lexicon::Lexicon(Lexicon&&) noexcept = default;
Lexicon& Lexicon::operator=(Lexicon&&) noexcept = default;

Status Lexicon::LoadBuiltin(Lexicon* out) {
  Lexicon lex;
  for (int i = 0; i < kBuiltinLexiconCount; ++i)
    SG_RETURN_IF_ERROR(lex.AddText(kBuiltinLexicon[i].second, kBuiltinLexicon[i].first));
  *out = std::move(lex);
  return Status::OK();
}

Status Lexicon::AddFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(fmt::format("{}: cannot open lexicon file", path));
  std::stringstream buf;
  buf << in.rdbuf();
  return AddText(buf.str(), path);
}

Status Lexicon::AddText(std::string_view tsv, std::string_view origin) {
  std::vector<LexEntry> parsed;
  int line_no = 0;
  for (std::string_view line : Split(tsv, '\n')) {
    ++line_no;
    std::string_view l = Trim(line);
    if (l.empty() || l.front() == '#' || l.substr(0, 5) == "kind\t") continue;
    if (!IsValidUtf8(line))
      return Status::InvalidInput(fmt::format("{}:{}: invalid UTF-8", origin, line_no));
    LexEntry e;
    SG_RETURN_IF_ERROR(ParseLine(line, fmt::format("{}:{}", origin, line_no), &e));
    parsed.push_back(std::move(e));
  }
  for (LexEntry& e : parsed) impl_->Add(std::move(e));
  return Status::OK();
}

}  // namespace sg::ingest
