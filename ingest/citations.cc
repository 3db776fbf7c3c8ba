// Parenthetical citations: "(Kommersant, February 17; Vedomosti, February 27)",
// "(Kremlin.ru; Meduza, March 6)", "(see EDM, September 10, 2024)".

#include <optional>

#include "ingest/dates.h"
#include "ingest/doc.h"

namespace sg::ingest {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == ',' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '.' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::string_view StripLead(std::string_view s) {
  for (std::string_view lead : {"see also ", "See also ", "see ", "See ", "cf. ", "via ", "e.g. "})
    if (s.substr(0, lead.size()) == lead) return Trim(s.substr(lead.size()));
  return s;
}

struct Part {
  std::string name;
  std::optional<Ymd> date;
};

bool PlausibleName(std::string_view name) {
  if (name.empty() || name.size() > 60 || !(StartsUpper(name) || (name[0] >= '0' && name[0] <= '9')))
    return false;
  int words = 1;
  for (char c : name) words += (c == ' ');
  return words <= 7;
}

// "Kommersant, February 17" -> {Kommersant, Feb 17}; "Kremlin.ru" -> {Kremlin.ru}.
std::optional<Part> ParsePart(std::string_view text) {
  text = StripLead(Trim(text));
  Part p;
  auto dates = FindDates(text);
  std::string_view name = text;
  if (!dates.empty() && Trim(text.substr(dates.back().end)).empty()) {
    p.date = dates.back().date;
    name = Trim(text.substr(0, dates.back().begin));
  }
  if (!PlausibleName(name)) return std::nullopt;
  p.name = std::string(name);
  return p;
}

std::vector<std::string_view> SplitParts(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    size_t at = s.find(';', start);
    out.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

bool IsOutlet(const Doc& doc, const std::string& name) {
  const LexEntry* e = doc.lex.FindEntry(name);
  return e && e->outlet;
}

// The sources of one parenthesis' inner text, or empty when it is no citation.
std::vector<SourceCite> ParseGroup(const Doc& doc, std::string_view inner) {
  std::vector<Part> parts;
  bool dated = false, outlets = true;
  for (std::string_view raw : SplitParts(inner)) {
    auto p = ParsePart(raw);
    if (!p) return {};
    dated |= p->date.has_value();
    outlets &= IsOutlet(doc, p->name);
    parts.push_back(std::move(*p));
  }
  if (!dated && !outlets) return {};
  std::vector<SourceCite> out(parts.size());
  std::optional<Ymd> next;  // an undated outlet shares the date of the next one
  for (size_t k = parts.size(); k-- > 0;) {
    if (parts[k].date) next = parts[k].date;
    out[k].name = parts[k].name;
    if (next) out[k].date = IsoDate(ResolveYear(*next, doc.date));
  }
  return out;
}

}  // namespace

// "OTTAWA, March 4, 2025 —" / "KYIV (Reuters) -": a dateline names a place, no actor.
void MaskDateline(Doc* doc) {
  const auto& t = doc->tokens;
  if (t.empty() || !t[0].upper) return;
  for (size_t k = 1; k < t.size() && k < 14; ++k) {
    const std::string& n = t[k].norm;
    if (n == "\u2014" || n == "\u2013" || n == "-") {
      for (size_t j = 0; j <= k; ++j) doc->masked[j] = 1;
      return;
    }
    if (t[k].newlines_before > 0) return;
  }
}

void FindCitations(Doc* doc) {
  const auto& t = doc->tokens;
  doc->masked.assign(t.size(), 0);
  MaskDateline(doc);
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].norm != "(") continue;
    size_t j = i + 1;
    while (j < t.size() && j - i < 60 && t[j].norm != ")" && t[j].norm != "(") ++j;
    if (j >= t.size() || t[j].norm != ")" || j == i + 1) continue;
    std::string_view inner = doc->text.substr(t[i].end, t[j].begin - t[i].end);
    std::vector<SourceCite> sources = ParseGroup(*doc, inner);
    if (sources.empty()) continue;
    for (size_t k = i; k <= j; ++k) doc->masked[k] = 1;
    doc->cites.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1), std::move(sources)});
    i = j;
  }
}

}  // namespace sg::ingest
