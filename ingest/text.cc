#include "ingest/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>

#include "graph/names.h"

namespace sg::ingest {
namespace {

struct Cp {
  int32_t c = 0;
  uint32_t len = 1;
};

Cp Decode(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  utf8proc_int32_t c = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &c);
  if (n <= 0) return {0xFFFD, 1};
  return {c, static_cast<uint32_t>(n)};
}

bool IsAsciiWord(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsWordCp(int32_t c) {
  if (c < 0x80) return IsAsciiWord(c);
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
      return true;
    default:
      return false;
  }
}

bool IsSpaceCp(int32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS || c == 0x200B || c == 0xFEFF;
}

bool IsApostrophe(int32_t c) { return c == '\'' || c == 0x2019; }

bool IsUpperCp(int32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  auto cat = utf8proc_category(c);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool IsWordAt(std::string_view s, size_t i) { return i < s.size() && IsWordCp(Decode(s, i).c); }

// Abbreviations whose dot is not a full stop.
bool IsAbbreviation(std::string_view norm) {
  static constexpr std::array<std::string_view, 44> kAbbrev = {
      "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
      "st", "jr", "sr", "prof", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb",
      "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "adm",
      "maj", "cmdr", "pres", "hon", "rev", "dept", "univ", "gens"};
  return std::find(kAbbrev.begin(), kAbbrev.end(), norm) != kAbbrev.end();
}

// "U.S", "D.C", "K": single letters separated by dots.
bool IsInitialism(std::string_view w) {
  if (w.empty()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    bool letter_pos = (i % 2 == 0);
    if (letter_pos != (w[i] != '.')) return false;
    if (letter_pos && !((w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= 'a' && w[i] <= 'z'))) return false;
  }
  return true;
}

std::string FoldAscii(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (char ch : w) {
    if (ch == '.' || ch == '\'') continue;
    out.push_back((ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  return out;
}

void SetCaseFlags(std::string_view w, Token* t) {
  size_t letters = 0, uppers = 0;
  for (size_t i = 0; i < w.size();) {
    Cp cp = Decode(w, i);
    if (IsWordCp(cp.c) && !(cp.c >= '0' && cp.c <= '9')) {
      ++letters;
      uppers += IsUpperCp(cp.c);
    }
    i += cp.len;
  }
  Cp first = Decode(w, 0);
  t->cap = IsUpperCp(first.c);
  t->digit = first.c >= '0' && first.c <= '9';
  t->upper = letters >= 2 && letters == uppers;
}

// A thousands separator: digits before, exactly three digits after ("10,000").
bool IsDigitRun3(std::string_view s, size_t start, size_t comma, size_t next) {
  auto digit = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (!digit(start) || !digit(comma - 1)) return false;
  return digit(next) && digit(next + 1) && digit(next + 2) && !digit(next + 3) &&
         !(next + 3 < s.size() && IsWordCp(Decode(s, next + 3).c));
}

// Scans a word starting at `i`; returns its end.
size_t ScanWord(std::string_view s, size_t i) {
  const size_t start = i;
  while (i < s.size()) {
    Cp cp = Decode(s, i);
    if (IsWordCp(cp.c)) { i += cp.len; continue; }
    size_t next = i + cp.len;
    if (cp.c == '.' && IsWordAt(s, next)) { i = next; continue; }
    if (cp.c == ',' && IsDigitRun3(s, start, i, next)) { i = next; continue; }  // "10,000"
    if (IsApostrophe(cp.c) && IsWordAt(s, next)) {
      bool poss = (s[next] == 's' || s[next] == 'S') && !IsWordAt(s, next + 1);
      if (poss) break;
      i = next;
      continue;
    }
    if ((cp.c == '-' || cp.c == 0x2010) && IsWordAt(s, next)) {
      if (IsUpperCp(Decode(s, start).c)) break;
      i = next;
      continue;
    }
    break;
  }
  return i;
}

void FinishWord(std::string_view s, size_t begin, size_t* end, Token* t) {
  std::string_view w = s.substr(begin, *end - begin);
  bool ascii = std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  t->norm = ascii ? FoldAscii(w) : FoldWord(w);
  if (*end < s.size() && s[*end] == '.' &&
      (IsInitialism(w) || (IsAbbreviation(t->norm) && StartsUpper(w)))) {
    ++*end;
    t->abbrev = true;
  }
  t->word = true;
  SetCaseFlags(w, t);
  t->begin = static_cast<uint32_t>(begin);
  t->end = static_cast<uint32_t>(*end);
}

}  // namespace

std::string FoldWord(std::string_view word) {
  std::string n = NormalizeName(word);
  std::replace(n.begin(), n.end(), ' ', '-');
  return n;
}

bool StartsUpper(std::string_view s) { return !s.empty() && IsUpperCp(Decode(s, 0).c); }

int LineOf(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 5);
  int newlines = 0;
  for (size_t i = 0; i < s.size();) {
    Cp cp = Decode(s, i);
    if (IsSpaceCp(cp.c)) {
      newlines += (cp.c == '\n');
      i += cp.len;
      continue;
    }
    Token t;
    t.newlines_before = static_cast<uint8_t>(std::min(newlines, 2));
    newlines = 0;
    if (IsWordCp(cp.c)) {
      size_t end = ScanWord(s, i);
      FinishWord(s, i, &end, &t);
      out.push_back(std::move(t));
      i = end;
      if (i + 1 < s.size() && IsApostrophe(Decode(s, i).c)) {
        size_t after = i + Decode(s, i).len;
        if (after < s.size() && (s[after] == 's' || s[after] == 'S') && !IsWordAt(s, after + 1)) {
          Token p;
          p.begin = static_cast<uint32_t>(i);
          p.end = static_cast<uint32_t>(after + 1);
          p.norm = "'s";
          p.possessive = true;
          out.push_back(std::move(p));
          i = after + 1;
        }
      }
      continue;
    }
    t.begin = static_cast<uint32_t>(i);
    t.end = static_cast<uint32_t>(i + cp.len);
    t.norm = std::string(s.substr(i, cp.len));
    out.push_back(std::move(t));
    i += cp.len;
  }
  return out;
}

namespace {

bool IsSentenceStarter(std::string_view norm) {
  static constexpr std::array<std::string_view, 20> kStarters = {
      "the", "this", "that", "these", "it", "he", "she", "they", "we", "but",
      "in", "on", "a", "an", "however", "meanwhile", "i", "its", "his", "their"};
  return std::find(kStarters.begin(), kStarters.end(), norm) != kStarters.end();
}

bool IsTerminal(std::string_view n) { return n == "." || n == "!" || n == "?" || n == "\u2026"; }
bool IsOpenQuote(std::string_view n) { return n == "\u201c" || n == "\u00ab"; }
bool IsCloseQuote(std::string_view n) { return n == "\u201d" || n == "\u00bb"; }
bool IsCloser(std::string_view n) { return IsCloseQuote(n) || n == ")" || n == "\"" || n == "\u2019" || n == "]"; }
bool IsOpener(std::string_view n) { return IsOpenQuote(n) || n == "(" || n == "\"" || n == "[" || n == "\u2018"; }

// Whether the text is one paragraph a line (no hard wrapping).
bool IsLineMode(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    if (nl - start > 160) return true;
    start = nl + 1;
  }
  return false;
}

bool IsBullet(std::string_view n) {
  return n == "#" || n == "-" || n == "*" || n == "\u2022" || n == ">" || n == "|";
}

class Splitter {
 public:
  Splitter(std::string_view text, const std::vector<Token>& tokens)
      : text_(text), t_(tokens), line_mode_(IsLineMode(text)) {}

  std::vector<Sentence> Run() {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (i > first_ && BreakBefore(i)) Cut(i);
      TrackQuote(i);
      size_t k = 0;
      if (BreakAfter(i, &k)) {
        Cut(k);
        i = k - 1;
      }
    }
    Cut(t_.size());
    return std::move(out_);
  }

 private:
  void Cut(size_t at) {
    if (at > first_) out_.push_back({static_cast<uint32_t>(first_), static_cast<uint32_t>(at)});
    first_ = at;
    quote_open_ = false;
  }

  void TrackQuote(size_t i) {
    const std::string& n = t_[i].norm;
    if (IsOpenQuote(n)) quote_open_ = true, quote_start_ = i;
    else if (IsCloseQuote(n)) quote_open_ = false;
    else if (n == "\"") quote_open_ = !quote_open_, quote_start_ = i;
  }

  bool InLongQuote(size_t i) const { return quote_open_ && i - quote_start_ < 90; }

  bool BreakBefore(size_t i) const {
    const Token& t = t_[i];
    if (t.newlines_before >= 2) return true;
    if (t.newlines_before == 0) return false;
    if (line_mode_ || IsBullet(t.norm)) return true;
    const Token& prev = t_[i - 1];
    if (IsTerminal(prev.norm) || IsCloser(prev.norm) || prev.norm == ":" || prev.norm == ";") return true;
    // A numbered list item: "2. Demands that ..." on its own line.
    if (t.digit && i + 1 < t_.size() && (t_[i + 1].norm == "." || t_[i + 1].norm == ")")) return true;
    // A short line before a capital: a heading in hard-wrapped text.
    size_t line_start = text_.rfind('\n', t.begin - 1);
    size_t prev_start = line_start == 0 ? 0 : text_.rfind('\n', line_start - 1);
    prev_start = prev_start == std::string_view::npos ? 0 : prev_start + 1;
    return t.cap && line_start != std::string_view::npos && line_start - prev_start < 50;
  }

  // Whether a sentence ends after token i; *next is the first token of the next one.
  bool BreakAfter(size_t i, size_t* next) const {
    const Token& t = t_[i];
    if (InLongQuote(i)) return false;
    size_t k = i + 1;
    if (IsTerminal(t.norm)) {
      while (k < t_.size() && IsCloser(t_[k].norm) && t_[k].newlines_before == 0 && t_[k].norm != "(") ++k;
      if (k >= t_.size()) return false;
      const Token& n = t_[k];
      if (n.cap || n.digit || IsOpener(n.norm) || n.newlines_before > 0) {
        *next = k;
        return true;
      }
      return false;
    }
    if (t.abbrev && t.upper && k < t_.size() && t_[k].cap && IsSentenceStarter(t_[k].norm)) {
      *next = k;
      return true;
    }
    return false;
  }

  std::string_view text_;
  const std::vector<Token>& t_;
  bool line_mode_;
  std::vector<Sentence> out_;
  size_t first_ = 0;
  bool quote_open_ = false;
  size_t quote_start_ = 0;
};

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens) {
  return Splitter(text, tokens).Run();
}

}  // namespace sg::ingest
