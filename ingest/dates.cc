#include "ingest/dates.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <tuple>

namespace sg::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// 1..12 for a capitalised month name or abbreviation, else 0.
int MonthOf(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kFull = {
      "January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December"};
  for (int m = 0; m < 12; ++m) {
    if (w == kFull[m]) return m + 1;
    if (w.size() == 3 && kFull[m].substr(0, 3) == w && m != 4) return m + 1;
  }
  return w == "Sept" ? 9 : 0;
}

size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

// Reads 1..4 digits at i not followed by a letter or digit; returns digit count.
size_t ReadNumber(std::string_view s, size_t i, int* value) {
  size_t j = i;
  int v = 0;
  while (j < s.size() && IsDigit(s[j]) && j - i < 5) v = v * 10 + (s[j++] - '0');
  if (j == i || j - i > 4) return 0;
  *value = v;
  return j - i;
}

bool IsYear(int v, size_t digits) { return digits == 4 && v >= 1900 && v <= 2100; }

size_t SkipOrdinal(std::string_view s, size_t i) {
  if (i + 2 <= s.size()) {
    std::string_view suf = s.substr(i, 2);
    if ((suf == "st" || suf == "nd" || suf == "rd" || suf == "th") &&
        (i + 2 == s.size() || !IsAlpha(s[i + 2])))
      return i + 2;
  }
  return i;
}

// ", 2024" or " 2024" after a day; returns the end or `i` when absent.
size_t ReadYearAfter(std::string_view s, size_t i, int* year) {
  size_t j = i;
  if (j < s.size() && s[j] == ',') ++j;
  j = SkipSpaces(s, j);
  int v = 0;
  size_t n = ReadNumber(s, j, &v);
  if (!IsYear(v, n)) return i;
  *year = v;
  return j + n;
}

// A date around the month name at [mb, me).
bool DateAtMonth(std::string_view s, size_t mb, size_t me, int month, FoundDate* out) {
  size_t i = me;
  if (i < s.size() && s[i] == '.') ++i;
  i = SkipSpaces(s, i);
  int v = 0;
  size_t n = ReadNumber(s, i, &v);
  out->date = Ymd{0, month, 0};
  out->begin = mb;
  if (n >= 1 && n <= 2 && v >= 1 && v <= 31) {  // "March 7[, 2025]"
    out->date.day = v;
    size_t end = SkipOrdinal(s, i + n);
    out->end = ReadYearAfter(s, end, &out->date.year);
    return true;
  }
  // "7 March[ 2025]"
  size_t b = mb;
  if (b >= 2 && s[b - 1] == ' ' && IsDigit(s[b - 2])) {
    size_t d = b - 2;
    while (d > 0 && IsDigit(s[d - 1])) --d;
    int day = 0;
    if (ReadNumber(s, d, &day) <= 2 && day >= 1 && day <= 31 && (d == 0 || !IsAlpha(s[d - 1]))) {
      out->begin = d;
      out->date.day = day;
      out->end = ReadYearAfter(s, me, &out->date.year);
      return true;
    }
  }
  if (IsYear(v, n)) {  // "March 2025"
    out->date.year = v;
    out->end = i + n;
    return true;
  }
  return false;
}

// "2025-03-07" at i.
bool IsoAt(std::string_view s, size_t i, FoundDate* out) {
  if (i + 10 > s.size() || (i > 0 && (IsDigit(s[i - 1]) || IsAlpha(s[i - 1])))) return false;
  for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!IsDigit(s[i + k])) return false;
  if (s[i + 4] != '-' || s[i + 7] != '-') return false;
  if (i + 10 < s.size() && IsDigit(s[i + 10])) return false;
  int y = std::stoi(std::string(s.substr(i, 4)));
  int m = std::stoi(std::string(s.substr(i + 5, 2)));
  int d = std::stoi(std::string(s.substr(i + 8, 2)));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  *out = FoundDate{i, i + 10, Ymd{y, m, d}};
  return true;
}

bool Later(const Ymd& a, const Ymd& b) {
  return std::tie(a.year, a.month, a.day) > std::tie(b.year, b.month, b.day);
}

bool IsDash(std::string_view s, size_t i) {
  return i < s.size() && (s[i] == '-' || s.substr(i, 3) == "\u2014" || s.substr(i, 3) == "\u2013");
}

}  // namespace

std::vector<FoundDate> FindDates(std::string_view s) {
  std::vector<FoundDate> out;
  for (size_t i = 0; i < s.size();) {
    if (IsDigit(s[i])) {
      FoundDate f;
      if (IsoAt(s, i, &f)) {
        out.push_back(f);
        i = f.end;
        continue;
      }
      while (i < s.size() && IsDigit(s[i])) ++i;
      continue;
    }
    if (!IsAlpha(s[i])) { ++i; continue; }
    size_t e = i;
    while (e < s.size() && IsAlpha(s[e])) ++e;
    int month = (i == 0 || !IsAlpha(s[i - 1])) ? MonthOf(s.substr(i, e - i)) : 0;
    FoundDate f;
    if (month && DateAtMonth(s, i, e, month, &f)) {
      out.push_back(f);
      e = std::max(e, f.end);
    }
    i = e;
  }
  return out;
}

bool ParseDate(std::string_view text, Ymd* out) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '"')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '"')) text.remove_suffix(1);
  if (text.size() >= 10) {
    FoundDate f;
    if (IsoAt(text.substr(0, 10), 0, &f) || (IsoAt(text, 0, &f))) {
      *out = f.date;
      return true;
    }
  }
  int v = 0;
  if (ReadNumber(text, 0, &v) == 4 && text.size() == 4 && IsYear(v, 4)) {
    *out = Ymd{v, 0, 0};
    return true;
  }
  auto found = FindDates(text);
  if (found.size() != 1) return false;
  *out = found[0].date;
  return true;
}

std::string IsoDate(const Ymd& d) {
  if (d.year == 0) return "";
  if (d.month == 0) return fmt::format("{:04d}", d.year);
  if (d.day == 0) return fmt::format("{:04d}-{:02d}", d.year, d.month);
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

Ymd ResolveYear(Ymd d, std::string_view article_iso) {
  Ymd a;
  if (d.year != 0 || !ParseDate(article_iso, &a) || a.year == 0) return d;
  d.year = a.year;
  bool after = a.day == 0 ? d.month > a.month : std::tie(d.month, d.day) > std::tie(a.month, a.day);
  if (a.month != 0 && after) --d.year;
  return d;
}

std::string InferArticleDate(std::string_view text) {
  auto found = FindDates(text);
  size_t para_end = text.find("\n\n");
  for (const FoundDate& f : found) {
    if (f.begin > 200 || f.begin > para_end) break;
    if (f.date.year == 0 || f.date.day == 0) continue;
    size_t after = SkipSpaces(text, f.end);
    bool line_alone = after >= text.size() || text[after] == '\n' || text[after] == '\r';
    if (IsDash(text, after) || line_alone) return IsoDate(f.date);
  }
  // The newest full date; without one, the newest month ("in May 2025").
  for (bool need_day : {true, false}) {
    const FoundDate* best = nullptr;
    for (const FoundDate& f : found)
      if (f.date.year && f.date.month && (f.date.day || !need_day) && (!best || Later(f.date, best->date)))
        best = &f;
    if (best) return IsoDate(need_day ? best->date : Ymd{best->date.year, best->date.month, 0});
  }
  return "";
}

}  // namespace sg::ingest
