// The query parser: a lexer that turns the whole text into tokens up front,
// then a recursive-descent parser with one function per precedence level.
//
// Robustness (the parser is fuzzed): recursion is bounded by counting nesting
// levels (brackets, prefix operators, and each operator of a chain, since a
// chain builds a tree as deep as it is long), so both the parser's stack and
// the depth of the AST it hands to the engine stay under kMaxNesting levels.
// Lexing and parsing are linear in the input.
#include "query/parser.h"

#include <charconv>
#include <cstdint>
#include <deque>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sg::query {
namespace {

using ast::BinaryOp;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Pos;

// ---------------------------------------------------------------- Tokens

enum class Tok : uint8_t {
  kEnd,         // after the last token; pos is the end of the last token
  kError,       // a lexical error; value holds the message
  kName,        // identifier or keyword, as written
  kQuotedName,  // `backticked`: never a keyword
  kString,
  kInteger,
  kFloat,
  kParam,
  kPunct,
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string_view text;  // as written in the query
  Pos pos;
  // Names, decoded strings, parameter names, error messages: a view of the
  // query text, or of Tokens::decoded when escapes changed it.
  std::string_view value;
  uint64_t integer = 0;   // kInteger: at most 2^63 (only valid after a unary minus)
  double number = 0;      // kFloat
};

constexpr uint64_t kMinInt64Magnitude = uint64_t{1} << 63;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}
// Bytes >= 0x80 are taken as name characters so that UTF-8 names work.
bool IsNameStart(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

std::string Lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// "line L, column C: msg\n<line>\n<caret>", the caret under pos.
std::string Locate(std::string_view src, const Pos& pos, std::string_view msg) {
  size_t line_start = pos.offset - (pos.column - 1);
  size_t line_end = src.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = src.size();
  std::string_view line = src.substr(line_start, line_end - line_start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string out = "line " + std::to_string(pos.line) + ", column " +
                    std::to_string(pos.column) + ": ";
  out.append(msg);
  out += '\n';
  out.append(line);
  out += '\n';
  for (size_t k = 0; k + 1 < pos.column; ++k) {
    out += (k < line.size() && line[k] == '\t') ? '\t' : ' ';
  }
  out += '^';
  return out;
}

// ---------------------------------------------------------------- Lexer

struct Tokens {
  std::vector<Token> list;  // ends with kEnd
  // Token::value storage when it is not a slice of the text. A deque, so that
  // views stay valid as it grows.
  std::deque<std::string> decoded;
};

// Turns the text into tokens, ending with kEnd. A lexical error becomes a
// kError token where it happened (then kEnd), so that the parser reports
// whichever error comes first in the text.
class Lexer {
 public:
  Lexer(std::string_view src, Tokens* tokens)
      : src_(src), decoded_(&tokens->decoded), out_(&tokens->list) {}

  void Run() {
    std::vector<Token>& out = *out_;
    // A token takes a byte or more: reserving the most (untouched pages cost
    // nothing) avoids copying on growth.
    out.reserve(src_.size() + 2);
    Pos end;
    for (;;) {
      Token t;
      if (!SkipSpaceAndComments(&t)) {
        out.push_back(std::move(t));
        break;
      }
      if (AtEnd()) break;
      bool ok = Next(&t);
      out.push_back(std::move(t));
      if (!ok) break;
      end = Here();
    }
    Token t;
    t.kind = Tok::kEnd;
    t.pos = end;
    t.text = src_.substr(end.offset, 0);
    out.push_back(std::move(t));
  }

 private:
  bool AtEnd() const { return i_ >= src_.size(); }
  char Peek(size_t k = 0) const { return i_ + k < src_.size() ? src_[i_ + k] : '\0'; }
  void Bump() {
    if (src_[i_] == '\n') {
      ++line_;
      line_start_ = i_ + 1;
    }
    ++i_;
  }
  Pos Here() const {
    return Pos{line_, static_cast<uint32_t>(i_ - line_start_ + 1), static_cast<uint32_t>(i_)};
  }

  bool Fail(Token* t, const Pos& pos, std::string msg) {
    t->kind = Tok::kError;
    t->pos = pos;
    t->text = {};
    decoded_->push_back(std::move(msg));
    t->value = decoded_->back();
    return false;
  }

  // The value of a quoted token: the raw text between the quotes, or buf_
  // when an escape made them differ.
  std::string_view Keep(bool escaped, size_t raw_begin, size_t raw_end) {
    if (!escaped) return src_.substr(raw_begin, raw_end - raw_begin);
    decoded_->push_back(buf_);
    return decoded_->back();
  }

  bool SkipSpaceAndComments(Token* t) {
    while (!AtEnd()) {
      char c = Peek();
      if (IsSpace(c)) {
        Bump();
      } else if (c == '/' && Peek(1) == '/') {
        while (!AtEnd() && Peek() != '\n') Bump();
      } else if (c == '/' && Peek(1) == '*') {
        Pos start = Here();
        size_t close = src_.find("*/", i_ + 2);
        if (close == std::string_view::npos) return Fail(t, start, "unterminated comment");
        while (i_ < close + 2) Bump();
      } else {
        return true;
      }
    }
    return true;
  }

  bool Next(Token* t) {
    t->pos = Here();
    size_t start = i_;
    char c = Peek();
    bool ok;
    if (IsNameStart(c)) {
      ok = LexName(t);
    } else if (c == '`') {
      t->kind = Tok::kQuotedName;
      ok = LexQuotedName(t);
    } else if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) {
      ok = LexNumber(t);
    } else if (c == '\'' || c == '"') {
      ok = LexString(t);
    } else if (c == '$') {
      ok = LexParam(t);
    } else {
      ok = LexPunct(t);
    }
    if (ok) t->text = src_.substr(start, i_ - start);
    return ok;
  }

  bool LexName(Token* t) {
    size_t start = i_;
    while (!AtEnd() && IsNameChar(Peek())) Bump();
    t->kind = Tok::kName;
    t->value = src_.substr(start, i_ - start);
    return true;
  }

  // `name`, a doubled backtick standing for one.
  bool LexQuotedName(Token* t) {
    Pos start = Here();
    Bump();
    size_t begin = i_;
    bool escaped = false;
    buf_.clear();
    for (;;) {
      if (AtEnd()) return Fail(t, start, "unterminated quoted name (missing closing '`')");
      if (Peek() == '`') {
        if (Peek(1) != '`') break;
        escaped = true;
        buf_.push_back('`');
        Bump();
        Bump();
        continue;
      }
      buf_.push_back(Peek());
      Bump();
    }
    if (buf_.empty()) return Fail(t, start, "empty quoted name");
    t->value = Keep(escaped, begin, i_);
    Bump();
    return true;
  }

  bool LexParam(Token* t) {
    Pos start = Here();
    Bump();
    t->kind = Tok::kParam;
    if (Peek() == '`') return LexQuotedName(t);
    size_t name_start = i_;
    while (!AtEnd() && IsNameChar(Peek())) Bump();
    if (i_ == name_start) return Fail(t, start, "expected a parameter name after '$'");
    t->value = src_.substr(name_start, i_ - name_start);
    return true;
  }

  bool LexNumber(Token* t) {
    Pos start = Here();
    size_t begin = i_;
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X')) return LexHex(t, start);
    bool is_float = false;
    while (IsDigit(Peek())) Bump();
    if (Peek() == '.' && IsDigit(Peek(1))) {
      is_float = true;
      Bump();
      while (IsDigit(Peek())) Bump();
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      is_float = true;
      Bump();
      Bump();
      while (IsDigit(Peek())) Bump();
    }
    if (IsNameChar(Peek())) return BadNumber(t, start, begin);
    std::string_view text = src_.substr(begin, i_ - begin);
    if (is_float) return FloatValue(t, start, text);
    return IntegerValue(t, start, text, 10);
  }

  bool LexHex(Token* t, const Pos& start) {
    size_t begin = i_;
    Bump();
    Bump();
    size_t digits = i_;
    while (IsHexDigit(Peek())) Bump();
    if (i_ == digits || IsNameChar(Peek())) return BadNumber(t, start, begin);
    return IntegerValue(t, start, src_.substr(digits, i_ - digits), 16);
  }

  bool BadNumber(Token* t, const Pos& start, size_t begin) {
    while (!AtEnd() && IsNameChar(Peek())) Bump();
    return Fail(t, start, "invalid number '" + std::string(src_.substr(begin, i_ - begin)) + "'");
  }

  bool IntegerValue(Token* t, const Pos& start, std::string_view digits, int base) {
    uint64_t v = 0;
    for (char c : digits) {
      uint64_t d = static_cast<uint64_t>(HexValue(c));
      if (v > (kMinInt64Magnitude - d) / static_cast<uint64_t>(base)) {
        return Fail(t, start, "integer is too large (the largest is 9223372036854775807)");
      }
      v = v * static_cast<uint64_t>(base) + d;
    }
    t->kind = Tok::kInteger;
    t->integer = v;
    return true;
  }

  bool FloatValue(Token* t, const Pos& start, std::string_view text) {
    double d = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return Fail(t, start, "float '" + std::string(text) + "' is out of range");
    }
    t->kind = Tok::kFloat;
    t->number = d;
    return true;
  }

  bool LexString(Token* t) {
    Pos start = Here();
    char quote = Peek();
    Bump();
    t->kind = Tok::kString;
    size_t begin = i_;
    bool escaped = false;
    buf_.clear();
    for (;;) {
      if (AtEnd()) return Fail(t, start, "unterminated string");
      char c = Peek();
      if (c == quote) break;
      if (c == '\\') {
        escaped = true;
        if (!LexEscape(t, start)) return false;
        continue;
      }
      buf_.push_back(c);
      Bump();
    }
    t->value = Keep(escaped, begin, i_);
    Bump();
    return true;
  }

  bool LexEscape(Token* t, const Pos& string_start) {
    Pos at = Here();
    Bump();
    if (AtEnd()) return Fail(t, string_start, "unterminated string");
    char c = Peek();
    char decoded;
    switch (c) {
      case '\\': decoded = '\\'; break;
      case '\'': decoded = '\''; break;
      case '"': decoded = '"'; break;
      case 'n': decoded = '\n'; break;
      case 't': decoded = '\t'; break;
      case 'r': decoded = '\r'; break;
      case 'b': decoded = '\b'; break;
      case 'f': decoded = '\f'; break;
      case 'u': case 'U': return LexUnicodeEscape(t, at);
      default: {
        std::string shown = IsSpace(c) || static_cast<unsigned char>(c) < 0x20 ? "" : std::string(1, c);
        return Fail(t, at, "invalid escape sequence '\\" + shown + "' (valid: \\\\ \\' \\\" \\n \\t \\r \\b \\f \\uXXXX)");
      }
    }
    buf_.push_back(decoded);
    Bump();
    return true;
  }

  // At the 'u' of \uXXXX; a UTF-16 surrogate pair written as two escapes is
  // joined into one code point.
  bool LexUnicodeEscape(Token* t, const Pos& at) {
    Bump();
    uint32_t cp;
    if (!Hex4(&cp)) return Fail(t, at, "invalid unicode escape: expected \\u and 4 hex digits");
    if (cp >= 0xD800 && cp <= 0xDBFF && Peek() == '\\' && (Peek(1) == 'u' || Peek(1) == 'U')) {
      size_t save = i_;
      i_ += 2;
      uint32_t low;
      if (Hex4(&low) && low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00), &buf_);
        return true;
      }
      i_ = save;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      return Fail(t, at, "invalid unicode escape: unpaired surrogate");
    }
    AppendUtf8(cp, &buf_);
    return true;
  }

  // Four hex digits (never newlines, so no line bookkeeping).
  bool Hex4(uint32_t* cp) {
    *cp = 0;
    for (int k = 0; k < 4; ++k) {
      if (!IsHexDigit(Peek())) return false;
      *cp = *cp * 16 + static_cast<uint32_t>(HexValue(Peek()));
      ++i_;
    }
    return true;
  }

  bool LexPunct(Token* t) {
    static constexpr std::string_view kTwo[] = {"<>", "!=", "<=", ">=", "=~", ".."};
    static constexpr std::string_view kOne = "()[]{},.:|;+-*/%^=<>";
    std::string_view rest = src_.substr(i_);
    for (std::string_view op : kTwo) {
      if (rest.substr(0, 2) == op) {
        t->kind = Tok::kPunct;
        Bump();
        Bump();
        return true;
      }
    }
    char c = Peek();
    if (kOne.find(c) != std::string_view::npos) {
      t->kind = Tok::kPunct;
      Bump();
      return true;
    }
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7F) return Fail(t, Here(), std::string("unexpected character '") + c + "'");
    static constexpr char kHex[] = "0123456789ABCDEF";
    return Fail(t, Here(), std::string("unexpected byte 0x") + kHex[u >> 4] + kHex[u & 15]);
  }

  std::string_view src_;
  std::deque<std::string>* decoded_;
  std::vector<Token>* out_;
  std::string buf_;  // a quoted token's value as decoded so far
  size_t i_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;
};

// ---------------------------------------------------------------- Words

// Words that cannot name a variable unless backticked. Any word may be a
// property key, map key, label or relationship type.
bool IsReserved(std::string_view word) {
  static constexpr std::string_view kReserved[] = {
      "ALL",    "AND",     "AS",       "ASC",    "ASCENDING", "BY",     "CALL",
      "CASE",   "CONTAINS", "CREATE",  "DELETE", "DESC",      "DESCENDING",
      "DETACH", "DISTINCT", "ELSE",    "END",    "ENDS",      "FALSE",  "FOREACH",
      "IN",     "IS",      "LIMIT",    "LOAD",   "MATCH",     "MERGE",  "NOT",
      "NULL",   "OPTIONAL", "OR",      "ORDER",  "REMOVE",    "RETURN", "SET",
      "SKIP",   "STARTS",  "THEN",     "TRUE",   "UNION",     "UNWIND", "WHEN",
      "WHERE",  "WITH",    "XOR",
  };
  for (std::string_view r : kReserved) {
    if (EqualsIgnoreCase(word, r)) return true;
  }
  return false;
}

// The write clauses, as the error names them; empty when `word` is none.
std::string_view WriteClause(std::string_view word) {
  static constexpr std::pair<std::string_view, std::string_view> kWrites[] = {
      {"CREATE", "CREATE"}, {"MERGE", "MERGE"},     {"DELETE", "DELETE"},
      {"DETACH", "DETACH DELETE"}, {"SET", "SET"},  {"REMOVE", "REMOVE"},
      {"FOREACH", "FOREACH"},      {"LOAD", "LOAD CSV"}, {"CALL", "CALL"},
  };
  for (const auto& [w, shown] : kWrites) {
    if (EqualsIgnoreCase(word, w)) return shown;
  }
  return {};
}

// ---------------------------------------------------------------- AST helpers

ExprPtr NewExpr(ExprKind kind, const Pos& pos) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

ExprPtr NewBinary(BinaryOp op, ExprPtr lhs, ExprPtr rhs) {
  auto e = NewExpr(ExprKind::kBinary, lhs->pos);
  e->op = op;
  e->args.push_back(std::move(lhs));
  e->args.push_back(std::move(rhs));
  return e;
}

// A deep copy, for the middle operand of a chained comparison. Depth is
// bounded by the parser's nesting limit.
ExprPtr Clone(const Expr& e) {
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->pos = e.pos;
  c->value = e.value;
  c->name = e.name;
  c->keys = e.keys;
  c->op = e.op;
  c->distinct = e.distinct;
  c->star = e.star;
  c->labels = e.labels;
  c->has_subject = e.has_subject;
  c->has_else = e.has_else;
  for (const ExprPtr& a : e.args) c->args.push_back(a ? Clone(*a) : nullptr);
  return c;
}

// ---------------------------------------------------------------- Parser

class Parser {
 public:
  explicit Parser(std::string_view src) : src_(src) { Lexer(src, &tokens_).Run(); }

  Status Query(ast::Query* out);
  Status WholeExpression(ExprPtr* out);

 private:
  // Restores the nesting depth when a parse function returns.
  class Nesting {
   public:
    explicit Nesting(Parser* p) : p_(p), saved_(p->depth_) {}
    ~Nesting() { p_->depth_ = saved_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Parser* p_;
    int saved_;
  };

  // Binary operator levels, loosest first.
  enum Level { kOrLevel, kXorLevel, kAndLevel, kAddLevel, kMulLevel, kPowLevel };

  // ----- Tokens
  const Token& Cur() const { return toks_[pos_]; }
  const Token& Ahead(size_t k) const {
    return toks_[pos_ + k < toks_.size() ? pos_ + k : toks_.size() - 1];
  }
  const Token& Take() {
    const Token& t = toks_[pos_];
    if (t.kind != Tok::kEnd && t.kind != Tok::kError) ++pos_;
    prev_end_ = t.pos.offset + t.text.size();
    return t;
  }
  static bool IsPunct(const Token& t, std::string_view p) {
    return t.kind == Tok::kPunct && t.text == p;
  }
  static bool IsKeyword(const Token& t, std::string_view kw) {
    return t.kind == Tok::kName && EqualsIgnoreCase(t.text, kw);
  }
  static bool IsName(const Token& t) {
    return t.kind == Tok::kName || t.kind == Tok::kQuotedName;
  }
  bool Accept(std::string_view p) {
    if (!IsPunct(Cur(), p)) return false;
    Take();
    return true;
  }
  bool AcceptKeyword(std::string_view kw) {
    if (!IsKeyword(Cur(), kw)) return false;
    Take();
    return true;
  }

  // ----- Errors
  Status Fail(const Token& at, std::string_view msg) const {
    if (at.kind == Tok::kError) return Status::InvalidInput(Locate(src_, at.pos, at.value));
    return Status::InvalidInput(Locate(src_, at.pos, msg));
  }
  static std::string Describe(const Token& t);
  Status Unexpected(std::string_view expected) const {
    if (Cur().kind == Tok::kEnd) {
      return Fail(Cur(), "unexpected end of input, expected " + std::string(expected));
    }
    return Fail(Cur(), "expected " + std::string(expected) + " but found " + Describe(Cur()));
  }
  Status Expect(std::string_view p) {
    if (Accept(p)) return Status::OK();
    return Unexpected("'" + std::string(p) + "'");
  }
  Status ExpectKeyword(std::string_view kw) {
    if (AcceptKeyword(kw)) return Status::OK();
    return Unexpected(kw);
  }
  Status Deeper() {
    if (++depth_ <= kMaxNesting) return Status::OK();
    return Fail(Cur(), "expression nested too deeply (the limit is " +
                           std::to_string(kMaxNesting) +
                           " levels; each operator of a chain counts as one)");
  }

  // ----- Names
  Status SymbolicName(std::string* out, std::string_view what);
  Status VariableName(std::string* out, std::string_view what);

  // ----- Clauses
  Status SingleQuery(ast::SingleQuery* out);
  Status AfterReturn();
  Status ReadOnly(const Token& t) const;
  Status MatchClause(ast::Clause* out);
  Status UnwindClause(ast::Clause* out);
  Status ProjectionClause(ast::Clause* out);
  Status Projection(ast::Projection* out);
  Status ProjectionItem(ast::ProjectionItem* out);
  Status SortItems(std::vector<ast::SortItem>* out);

  // ----- Patterns
  Status Pattern(std::vector<ast::PatternPart>* out);
  Status PatternPart(ast::PatternPart* out);
  Status Chain(ast::PatternPart* out);
  Status NodePattern(ast::NodePattern* out);
  Status RelPattern(ast::RelPattern* out);
  Status RelDetail(ast::RelPattern* out);
  Status HopRange(ast::RelPattern* out);
  Status HopCount(int* out);
  Status Labels(std::vector<std::vector<std::string>>* out);
  Status PropertyMap(std::vector<std::pair<std::string, ExprPtr>>* out);

  // ----- Expressions, loosest first
  Status Expression(ExprPtr* out) { return BinaryChain(kOrLevel, out); }
  Status BinaryChain(Level level, ExprPtr* out);
  Status Operand(Level level, ExprPtr* out);
  std::optional<BinaryOp> TakeOperator(Level level);
  Status Not(ExprPtr* out);
  Status Comparison(ExprPtr* out);
  std::optional<BinaryOp> TakeComparison();
  Status Predicates(ExprPtr* out);
  Status Predicate(ExprPtr* out, bool* matched);
  Status Unary(ExprPtr* out);
  Status Postfix(ExprPtr* out);
  Status Subscript(ExprPtr* out);
  Status Atom(ExprPtr* out);
  Status NameAtom(ExprPtr* out);
  bool AtFunctionCall() const;
  Status FunctionCall(ExprPtr* out);
  Status ListLiteral(ExprPtr* out);
  Status MapLiteral(ExprPtr* out);
  Status Case(ExprPtr* out);

  std::string_view src_;
  Tokens tokens_;
  const std::vector<Token>& toks_ = tokens_.list;
  size_t pos_ = 0;
  size_t prev_end_ = 0;  // byte offset just past the last token taken
  int depth_ = 0;
};

std::string Parser::Describe(const Token& t) {
  if (t.kind == Tok::kEnd) return "end of input";
  std::string_view text = t.text;
  bool cut = false;
  if (text.size() > 40) {
    size_t n = 37;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    text = text.substr(0, n);
    cut = true;
  }
  std::string out(text);
  if (cut) out += "...";
  if (t.kind == Tok::kString) return "string " + out;
  return "'" + out + "'";
}

// ----- Names

Status Parser::SymbolicName(std::string* out, std::string_view what) {
  if (!IsName(Cur())) return Unexpected(what);
  *out = std::string(Take().value);
  return Status::OK();
}

Status Parser::VariableName(std::string* out, std::string_view what) {
  const Token& t = Cur();
  if (t.kind == Tok::kName && IsReserved(t.text)) {
    return Fail(t, "expected " + std::string(what) + " but found '" + std::string(t.text) +
                       "', a reserved word (write `" + std::string(t.text) +
                       "` to use it as a name)");
  }
  return SymbolicName(out, what);
}

// ----- Clauses

Status Parser::Query(ast::Query* out) {
  if (Cur().kind == Tok::kEnd) return Fail(Cur(), "empty query");
  for (;;) {
    out->parts.emplace_back();
    SG_RETURN_IF_ERROR(SingleQuery(&out->parts.back()));
    if (!AcceptKeyword("UNION")) break;
    out->union_all.push_back(AcceptKeyword("ALL"));
  }
  Accept(";");
  if (Cur().kind != Tok::kEnd) return Unexpected("end of input");
  return Status::OK();
}

Status Parser::SingleQuery(ast::SingleQuery* out) {
  for (;;) {
    const Token& t = Cur();
    ast::Clause clause;
    clause.pos = t.pos;
    if (IsKeyword(t, "RETURN")) {
      SG_RETURN_IF_ERROR(ProjectionClause(&clause));
      out->clauses.push_back(std::move(clause));
      return AfterReturn();
    }
    if (t.kind == Tok::kEnd || IsKeyword(t, "UNION") || IsPunct(t, ";")) {
      return Fail(t, "query must end with RETURN");
    }
    if (t.kind == Tok::kName && !WriteClause(t.text).empty()) return ReadOnly(t);
    if (IsKeyword(t, "MATCH") || IsKeyword(t, "OPTIONAL")) {
      SG_RETURN_IF_ERROR(MatchClause(&clause));
    } else if (IsKeyword(t, "UNWIND")) {
      SG_RETURN_IF_ERROR(UnwindClause(&clause));
    } else if (IsKeyword(t, "WITH")) {
      SG_RETURN_IF_ERROR(ProjectionClause(&clause));
    } else {
      return Unexpected("a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN)");
    }
    out->clauses.push_back(std::move(clause));
  }
}

Status Parser::AfterReturn() {
  const Token& t = Cur();
  if (t.kind == Tok::kEnd || IsKeyword(t, "UNION") || IsPunct(t, ";")) return Status::OK();
  if (t.kind == Tok::kName && !WriteClause(t.text).empty()) return ReadOnly(t);
  for (std::string_view kw : {"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN"}) {
    if (IsKeyword(t, kw)) {
      return Fail(t, "RETURN must be the last clause, but found '" + std::string(t.text) + "'");
    }
  }
  return Unexpected("UNION, ';' or end of input");
}

Status Parser::ReadOnly(const Token& t) const {
  std::string msg = std::string(WriteClause(t.text)) +
                    " is not supported; queries only read the graph (use `stancegraph "
                    "ingest` to add to it)";
  return Status::InvalidInput("read-only: " + Locate(src_, t.pos, msg));
}

Status Parser::MatchClause(ast::Clause* out) {
  out->kind = ast::ClauseKind::kMatch;
  if (AcceptKeyword("OPTIONAL")) {
    out->optional = true;
    SG_RETURN_IF_ERROR(ExpectKeyword("MATCH"));
  } else {
    Take();
  }
  SG_RETURN_IF_ERROR(Pattern(&out->pattern));
  if (AcceptKeyword("WHERE")) return Expression(&out->where);
  return Status::OK();
}

Status Parser::UnwindClause(ast::Clause* out) {
  out->kind = ast::ClauseKind::kUnwind;
  Take();
  SG_RETURN_IF_ERROR(Expression(&out->unwind_expr));
  SG_RETURN_IF_ERROR(ExpectKeyword("AS"));
  return VariableName(&out->unwind_var, "a variable name");
}

// WITH or RETURN.
Status Parser::ProjectionClause(ast::Clause* out) {
  bool is_with = IsKeyword(Take(), "WITH");
  out->kind = is_with ? ast::ClauseKind::kWith : ast::ClauseKind::kReturn;
  SG_RETURN_IF_ERROR(Projection(&out->projection));
  if (is_with && AcceptKeyword("WHERE")) return Expression(&out->projection.where);
  return Status::OK();
}

Status Parser::Projection(ast::Projection* out) {
  out->distinct = AcceptKeyword("DISTINCT");
  bool need_item = true;
  if (Accept("*")) {
    out->star = true;
    need_item = Accept(",");
  }
  while (need_item) {
    out->items.emplace_back();
    SG_RETURN_IF_ERROR(ProjectionItem(&out->items.back()));
    need_item = Accept(",");
  }
  if (AcceptKeyword("ORDER")) {
    SG_RETURN_IF_ERROR(ExpectKeyword("BY"));
    SG_RETURN_IF_ERROR(SortItems(&out->order_by));
  }
  if (AcceptKeyword("SKIP")) SG_RETURN_IF_ERROR(Expression(&out->skip));
  if (AcceptKeyword("LIMIT")) SG_RETURN_IF_ERROR(Expression(&out->limit));
  return Status::OK();
}

Status Parser::ProjectionItem(ast::ProjectionItem* out) {
  out->pos = Cur().pos;
  size_t start = Cur().pos.offset;
  SG_RETURN_IF_ERROR(Expression(&out->expr));
  out->name = std::string(src_.substr(start, prev_end_ - start));
  if (!AcceptKeyword("AS")) return Status::OK();
  out->has_alias = true;
  return VariableName(&out->name, "a name after AS");
}

Status Parser::SortItems(std::vector<ast::SortItem>* out) {
  do {
    ast::SortItem item;
    SG_RETURN_IF_ERROR(Expression(&item.expr));
    if (AcceptKeyword("DESC") || AcceptKeyword("DESCENDING")) {
      item.descending = true;
    } else if (!AcceptKeyword("ASC")) {
      AcceptKeyword("ASCENDING");
    }
    out->push_back(std::move(item));
  } while (Accept(","));
  return Status::OK();
}

// ----- Patterns

Status Parser::Pattern(std::vector<ast::PatternPart>* out) {
  do {
    out->emplace_back();
    SG_RETURN_IF_ERROR(PatternPart(&out->back()));
  } while (Accept(","));
  return Status::OK();
}

Status Parser::PatternPart(ast::PatternPart* out) {
  out->pos = Cur().pos;
  if (IsName(Cur()) && IsPunct(Ahead(1), "=")) {
    SG_RETURN_IF_ERROR(VariableName(&out->path_var, "a path name"));
    Take();
  }
  bool shortest = IsKeyword(Cur(), "shortestPath");
  bool all_shortest = IsKeyword(Cur(), "allShortestPaths");
  if (!(shortest || all_shortest) || !IsPunct(Ahead(1), "(")) return Chain(out);
  out->kind = shortest ? ast::PathKind::kShortest : ast::PathKind::kAllShortest;
  Take();
  Take();
  SG_RETURN_IF_ERROR(Chain(out));
  return Expect(")");
}

Status Parser::Chain(ast::PatternPart* out) {
  out->nodes.emplace_back();
  SG_RETURN_IF_ERROR(NodePattern(&out->nodes.back()));
  while (IsPunct(Cur(), "-") || IsPunct(Cur(), "<")) {
    out->rels.emplace_back();
    SG_RETURN_IF_ERROR(RelPattern(&out->rels.back()));
    out->nodes.emplace_back();
    SG_RETURN_IF_ERROR(NodePattern(&out->nodes.back()));
  }
  return Status::OK();
}

Status Parser::NodePattern(ast::NodePattern* out) {
  out->pos = Cur().pos;
  SG_RETURN_IF_ERROR(Expect("("));
  if (IsName(Cur())) SG_RETURN_IF_ERROR(VariableName(&out->var, "a variable name"));
  if (IsPunct(Cur(), ":")) SG_RETURN_IF_ERROR(Labels(&out->labels));
  if (IsPunct(Cur(), "{")) SG_RETURN_IF_ERROR(PropertyMap(&out->properties));
  if (Accept(")")) return Status::OK();
  return Unexpected(out->properties.empty() ? "')', a label or a property map" : "')'");
}

Status Parser::RelPattern(ast::RelPattern* out) {
  out->pos = Cur().pos;
  bool left = Accept("<");
  SG_RETURN_IF_ERROR(Expect("-"));
  if (Accept("[")) {
    SG_RETURN_IF_ERROR(RelDetail(out));
    SG_RETURN_IF_ERROR(Expect("]"));
  }
  SG_RETURN_IF_ERROR(Expect("-"));
  bool right = Accept(">");
  if (left == right) {
    out->direction = ast::Direction::kBoth;
  } else {
    out->direction = left ? ast::Direction::kLeft : ast::Direction::kRight;
  }
  return Status::OK();
}

Status Parser::RelDetail(ast::RelPattern* out) {
  if (IsName(Cur())) SG_RETURN_IF_ERROR(VariableName(&out->var, "a variable name"));
  if (Accept(":")) {
    do {
      Accept(":");
      out->types.emplace_back();
      SG_RETURN_IF_ERROR(SymbolicName(&out->types.back(), "a relationship type"));
    } while (Accept("|"));
  }
  if (IsPunct(Cur(), "*")) SG_RETURN_IF_ERROR(HopRange(out));
  if (IsPunct(Cur(), "{")) SG_RETURN_IF_ERROR(PropertyMap(&out->properties));
  if (IsPunct(Cur(), "]")) return Status::OK();
  return Unexpected("']'");
}

// `*`, `*n`, `*n..m`, `*..m`, `*n..`.
Status Parser::HopRange(ast::RelPattern* out) {
  const Token& star = Take();
  out->variable_length = true;
  bool has_min = Cur().kind == Tok::kInteger;
  if (has_min) SG_RETURN_IF_ERROR(HopCount(&out->min_hops));
  if (Accept("..")) {
    if (Cur().kind == Tok::kInteger) {
      int max = 0;
      SG_RETURN_IF_ERROR(HopCount(&max));
      out->max_hops = max;
    }
  } else if (has_min) {
    out->max_hops = out->min_hops;
  }
  if (out->max_hops && *out->max_hops < out->min_hops) {
    return Fail(star, "the minimum number of hops (" + std::to_string(out->min_hops) +
                          ") is greater than the maximum (" + std::to_string(*out->max_hops) +
                          ")");
  }
  return Status::OK();
}

Status Parser::HopCount(int* out) {
  const Token& t = Cur();
  if (t.integer > static_cast<uint64_t>(std::numeric_limits<int>::max())) {
    return Fail(t, "hop count " + std::string(t.text) + " is too large");
  }
  *out = static_cast<int>(Take().integer);
  return Status::OK();
}

// (':' Label ('|' [':'] Label)*)+
Status Parser::Labels(std::vector<std::vector<std::string>>* out) {
  while (Accept(":")) {
    std::vector<std::string> group;
    do {
      Accept(":");
      group.emplace_back();
      SG_RETURN_IF_ERROR(SymbolicName(&group.back(), "a label"));
    } while (Accept("|"));
    out->push_back(std::move(group));
  }
  return Status::OK();
}

Status Parser::PropertyMap(std::vector<std::pair<std::string, ExprPtr>>* out) {
  Nesting scope(this);
  SG_RETURN_IF_ERROR(Deeper());
  SG_RETURN_IF_ERROR(Expect("{"));
  if (Accept("}")) return Status::OK();
  do {
    out->emplace_back();
    SG_RETURN_IF_ERROR(SymbolicName(&out->back().first, "a property name"));
    SG_RETURN_IF_ERROR(Expect(":"));
    SG_RETURN_IF_ERROR(Expression(&out->back().second));
  } while (Accept(","));
  return Expect("}");
}

// ----- Expressions

Status Parser::BinaryChain(Level level, ExprPtr* out) {
  Nesting scope(this);
  SG_RETURN_IF_ERROR(Operand(level, out));
  while (std::optional<BinaryOp> op = TakeOperator(level)) {
    SG_RETURN_IF_ERROR(Deeper());
    ExprPtr rhs;
    SG_RETURN_IF_ERROR(Operand(level, &rhs));
    *out = NewBinary(*op, std::move(*out), std::move(rhs));
  }
  return Status::OK();
}

Status Parser::Operand(Level level, ExprPtr* out) {
  switch (level) {
    case kOrLevel: return BinaryChain(kXorLevel, out);
    case kXorLevel: return BinaryChain(kAndLevel, out);
    case kAndLevel: return Not(out);
    case kAddLevel: return BinaryChain(kMulLevel, out);
    case kMulLevel: return BinaryChain(kPowLevel, out);
    case kPowLevel: return Unary(out);
  }
  return Unary(out);
}

std::optional<BinaryOp> Parser::TakeOperator(Level level) {
  static constexpr std::pair<std::string_view, BinaryOp> kSymbols[] = {
      {"+", BinaryOp::kAdd}, {"-", BinaryOp::kSub}, {"*", BinaryOp::kMul},
      {"/", BinaryOp::kDiv}, {"%", BinaryOp::kMod}, {"^", BinaryOp::kPow},
  };
  const Token& t = Cur();
  std::optional<BinaryOp> op;
  if (level == kOrLevel && IsKeyword(t, "OR")) op = BinaryOp::kOr;
  if (level == kXorLevel && IsKeyword(t, "XOR")) op = BinaryOp::kXor;
  if (level == kAndLevel && IsKeyword(t, "AND")) op = BinaryOp::kAnd;
  for (size_t i = 0; i < std::size(kSymbols) && t.kind == Tok::kPunct && !op; ++i) {
    bool at_level = (level == kAddLevel && i < 2) || (level == kMulLevel && i >= 2 && i < 5) ||
                    (level == kPowLevel && i == 5);
    if (at_level && t.text == kSymbols[i].first) op = kSymbols[i].second;
  }
  if (op) Take();
  return op;
}

Status Parser::Not(ExprPtr* out) {
  Nesting scope(this);
  std::vector<Pos> nots;
  while (IsKeyword(Cur(), "NOT")) {
    nots.push_back(Take().pos);
    SG_RETURN_IF_ERROR(Deeper());
  }
  SG_RETURN_IF_ERROR(Comparison(out));
  for (size_t i = nots.size(); i-- > 0;) {
    auto e = NewExpr(ExprKind::kNot, nots[i]);
    e->args.push_back(std::move(*out));
    *out = std::move(e);
  }
  return Status::OK();
}

// A chain `a < b <= c` means (a < b) AND (b <= c), as in openCypher; the
// middle operand is copied.
Status Parser::Comparison(ExprPtr* out) {
  Nesting scope(this);
  SG_RETURN_IF_ERROR(Predicates(out));
  const Expr* last_rhs = nullptr;
  while (std::optional<BinaryOp> op = TakeComparison()) {
    SG_RETURN_IF_ERROR(Deeper());
    ExprPtr rhs;
    SG_RETURN_IF_ERROR(Predicates(&rhs));
    const Expr* rhs_ptr = rhs.get();
    if (last_rhs == nullptr) {
      *out = NewBinary(*op, std::move(*out), std::move(rhs));
    } else {
      ExprPtr next = NewBinary(*op, Clone(*last_rhs), std::move(rhs));
      *out = NewBinary(BinaryOp::kAnd, std::move(*out), std::move(next));
    }
    last_rhs = rhs_ptr;
  }
  return Status::OK();
}

std::optional<BinaryOp> Parser::TakeComparison() {
  static constexpr std::pair<std::string_view, BinaryOp> kOps[] = {
      {"=", BinaryOp::kEq}, {"<>", BinaryOp::kNe}, {"!=", BinaryOp::kNe},
      {"<", BinaryOp::kLt}, {"<=", BinaryOp::kLe}, {">", BinaryOp::kGt},
      {">=", BinaryOp::kGe},
  };
  if (Cur().kind != Tok::kPunct) return std::nullopt;
  for (const auto& [text, op] : kOps) {
    if (Cur().text == text) {
      Take();
      return op;
    }
  }
  return std::nullopt;
}

// IN, STARTS WITH, ENDS WITH, CONTAINS, =~, IS [NOT] NULL: left to right,
// binding tighter than comparisons.
Status Parser::Predicates(ExprPtr* out) {
  Nesting scope(this);
  SG_RETURN_IF_ERROR(BinaryChain(kAddLevel, out));
  for (;;) {
    bool matched = false;
    SG_RETURN_IF_ERROR(Predicate(out, &matched));
    if (!matched) return Status::OK();
  }
}

Status Parser::Predicate(ExprPtr* out, bool* matched) {
  const Token& t = Cur();
  std::optional<BinaryOp> op;
  if (IsKeyword(t, "IS")) {
    *matched = true;
    SG_RETURN_IF_ERROR(Deeper());
    Take();
    bool negated = AcceptKeyword("NOT");
    SG_RETURN_IF_ERROR(ExpectKeyword("NULL"));
    auto e = NewExpr(negated ? ExprKind::kIsNotNull : ExprKind::kIsNull, (*out)->pos);
    e->args.push_back(std::move(*out));
    *out = std::move(e);
    return Status::OK();
  }
  if (IsKeyword(t, "IN")) op = BinaryOp::kIn;
  if (IsKeyword(t, "CONTAINS")) op = BinaryOp::kContains;
  if (IsPunct(t, "=~")) op = BinaryOp::kRegex;
  if (IsKeyword(t, "STARTS")) op = BinaryOp::kStartsWith;
  if (IsKeyword(t, "ENDS")) op = BinaryOp::kEndsWith;
  if (!op) return Status::OK();
  *matched = true;
  SG_RETURN_IF_ERROR(Deeper());
  Take();
  if (*op == BinaryOp::kStartsWith || *op == BinaryOp::kEndsWith) {
    SG_RETURN_IF_ERROR(ExpectKeyword("WITH"));
  }
  ExprPtr rhs;
  SG_RETURN_IF_ERROR(BinaryChain(kAddLevel, &rhs));
  *out = NewBinary(*op, std::move(*out), std::move(rhs));
  return Status::OK();
}

// Prefix - and +. A minus before a number literal folds into the literal, so
// -9223372036854775808 is the smallest integer.
Status Parser::Unary(ExprPtr* out) {
  Nesting scope(this);
  std::vector<const Token*> signs;
  while (IsPunct(Cur(), "-") || IsPunct(Cur(), "+")) {
    signs.push_back(&Take());
    SG_RETURN_IF_ERROR(Deeper());
  }
  if (!signs.empty() && signs.back()->text == "-" && Cur().kind == Tok::kInteger &&
      Cur().integer == kMinInt64Magnitude) {
    *out = NewExpr(ExprKind::kLiteral, signs.back()->pos);
    (*out)->value = std::numeric_limits<int64_t>::min();
    Take();
    signs.pop_back();
  } else {
    SG_RETURN_IF_ERROR(Postfix(out));
  }
  for (size_t i = signs.size(); i-- > 0;) {
    if (signs[i]->text == "+") continue;
    Expr& e = **out;
    if (e.kind == ExprKind::kLiteral && e.value.is<double>()) {
      e.value = -e.value.as<double>();
    } else if (e.kind == ExprKind::kLiteral && e.value.is<int64_t>() &&
               e.value.as<int64_t>() != std::numeric_limits<int64_t>::min()) {
      e.value = -e.value.as<int64_t>();
    } else {
      auto neg = NewExpr(ExprKind::kNegate, signs[i]->pos);
      neg->args.push_back(std::move(*out));
      *out = std::move(neg);
      continue;
    }
    e.pos = signs[i]->pos;
  }
  return Status::OK();
}

// .key, [index], [from..to], :Label
Status Parser::Postfix(ExprPtr* out) {
  Nesting scope(this);
  SG_RETURN_IF_ERROR(Atom(out));
  for (;;) {
    if (IsPunct(Cur(), ".")) {
      SG_RETURN_IF_ERROR(Deeper());
      Take();
      auto e = NewExpr(ExprKind::kProperty, (*out)->pos);
      SG_RETURN_IF_ERROR(SymbolicName(&e->name, "a property name after '.'"));
      e->args.push_back(std::move(*out));
      *out = std::move(e);
    } else if (IsPunct(Cur(), "[")) {
      SG_RETURN_IF_ERROR(Deeper());
      SG_RETURN_IF_ERROR(Subscript(out));
    } else if (IsPunct(Cur(), ":")) {
      SG_RETURN_IF_ERROR(Deeper());
      auto e = NewExpr(ExprKind::kLabelTest, (*out)->pos);
      SG_RETURN_IF_ERROR(Labels(&e->labels));
      e->args.push_back(std::move(*out));
      *out = std::move(e);
    } else {
      return Status::OK();
    }
  }
}

Status Parser::Subscript(ExprPtr* out) {
  auto e = NewExpr(ExprKind::kIndex, (*out)->pos);
  e->args.push_back(std::move(*out));
  Take();
  ExprPtr from;
  if (!IsPunct(Cur(), "..")) SG_RETURN_IF_ERROR(Expression(&from));
  e->args.push_back(std::move(from));
  if (Accept("..")) {
    e->kind = ExprKind::kSlice;
    ExprPtr to;
    if (!IsPunct(Cur(), "]")) SG_RETURN_IF_ERROR(Expression(&to));
    e->args.push_back(std::move(to));
  }
  *out = std::move(e);
  return Expect("]");
}

Status Parser::Atom(ExprPtr* out) {
  const Token& t = Cur();
  switch (t.kind) {
    case Tok::kInteger:
      if (t.integer == kMinInt64Magnitude) {
        return Fail(t, "integer is too large (the largest is 9223372036854775807)");
      }
      *out = NewExpr(ExprKind::kLiteral, t.pos);
      (*out)->value = static_cast<int64_t>(Take().integer);
      return Status::OK();
    case Tok::kFloat:
      *out = NewExpr(ExprKind::kLiteral, t.pos);
      (*out)->value = Take().number;
      return Status::OK();
    case Tok::kString:
      *out = NewExpr(ExprKind::kLiteral, t.pos);
      (*out)->value = std::string(Take().value);
      return Status::OK();
    case Tok::kParam:
      *out = NewExpr(ExprKind::kParameter, t.pos);
      (*out)->name = std::string(Take().value);
      return Status::OK();
    case Tok::kName:
    case Tok::kQuotedName:
      return NameAtom(out);
    default:
      break;
  }
  if (IsPunct(t, "(")) {
    Nesting scope(this);
    SG_RETURN_IF_ERROR(Deeper());
    Take();
    SG_RETURN_IF_ERROR(Expression(out));
    return Expect(")");
  }
  if (IsPunct(t, "[")) return ListLiteral(out);
  if (IsPunct(t, "{")) return MapLiteral(out);
  return Unexpected("an expression");
}

// A keyword literal, CASE, a function call or a variable.
Status Parser::NameAtom(ExprPtr* out) {
  const Token& t = Cur();
  if (t.kind == Tok::kName) {
    std::optional<Value> literal;
    if (EqualsIgnoreCase(t.text, "null")) literal = Value();
    if (EqualsIgnoreCase(t.text, "true")) literal = Value(true);
    if (EqualsIgnoreCase(t.text, "false")) literal = Value(false);
    if (literal) {
      *out = NewExpr(ExprKind::kLiteral, t.pos);
      (*out)->value = std::move(*literal);
      Take();
      return Status::OK();
    }
    if (EqualsIgnoreCase(t.text, "CASE")) return Case(out);
  }
  if (AtFunctionCall()) return FunctionCall(out);
  if (t.kind == Tok::kName && IsReserved(t.text)) return Unexpected("an expression");
  *out = NewExpr(ExprKind::kVariable, t.pos);
  (*out)->name = std::string(Take().value);
  return Status::OK();
}

// name ('.' name)* '(' — a possibly namespaced function name.
bool Parser::AtFunctionCall() const {
  size_t k = 1;
  while (IsPunct(Ahead(k), ".") && IsName(Ahead(k + 1))) k += 2;
  return IsPunct(Ahead(k), "(");
}

Status Parser::FunctionCall(ExprPtr* out) {
  Nesting scope(this);
  SG_RETURN_IF_ERROR(Deeper());
  auto e = NewExpr(ExprKind::kFunction, Cur().pos);
  e->name = Lowered(Take().value);
  while (Accept(".")) e->name += "." + Lowered(Take().value);
  Take();  // (
  if (e->name == "count" && IsPunct(Cur(), "*") && IsPunct(Ahead(1), ")")) {
    e->star = true;
    Take();
  } else {
    e->distinct = AcceptKeyword("DISTINCT");
  }
  if (!e->star && !IsPunct(Cur(), ")")) {
    do {
      e->args.emplace_back();
      SG_RETURN_IF_ERROR(Expression(&e->args.back()));
    } while (Accept(","));
  }
  *out = std::move(e);
  return Expect(")");
}

Status Parser::ListLiteral(ExprPtr* out) {
  Nesting scope(this);
  SG_RETURN_IF_ERROR(Deeper());
  auto e = NewExpr(ExprKind::kList, Take().pos);
  if (!IsPunct(Cur(), "]")) {
    do {
      e->args.emplace_back();
      SG_RETURN_IF_ERROR(Expression(&e->args.back()));
    } while (Accept(","));
  }
  *out = std::move(e);
  return Expect("]");
}

Status Parser::MapLiteral(ExprPtr* out) {
  auto e = NewExpr(ExprKind::kMap, Cur().pos);
  std::vector<std::pair<std::string, ExprPtr>> entries;
  SG_RETURN_IF_ERROR(PropertyMap(&entries));
  for (auto& [key, value] : entries) {
    e->keys.push_back(std::move(key));
    e->args.push_back(std::move(value));
  }
  *out = std::move(e);
  return Status::OK();
}

Status Parser::Case(ExprPtr* out) {
  Nesting scope(this);
  SG_RETURN_IF_ERROR(Deeper());
  auto e = NewExpr(ExprKind::kCase, Take().pos);
  if (!IsKeyword(Cur(), "WHEN")) {
    e->has_subject = true;
    e->args.emplace_back();
    SG_RETURN_IF_ERROR(Expression(&e->args.back()));
  }
  if (!IsKeyword(Cur(), "WHEN")) return Unexpected("WHEN");
  while (AcceptKeyword("WHEN")) {
    e->args.emplace_back();
    SG_RETURN_IF_ERROR(Expression(&e->args.back()));
    SG_RETURN_IF_ERROR(ExpectKeyword("THEN"));
    e->args.emplace_back();
    SG_RETURN_IF_ERROR(Expression(&e->args.back()));
  }
  if (AcceptKeyword("ELSE")) {
    e->has_else = true;
    e->args.emplace_back();
    SG_RETURN_IF_ERROR(Expression(&e->args.back()));
  }
  *out = std::move(e);
  return ExpectKeyword("END");
}

Status Parser::WholeExpression(ExprPtr* out) {
  SG_RETURN_IF_ERROR(Expression(out));
  if (Cur().kind != Tok::kEnd) return Unexpected("end of input");
  return Status::OK();
}

Status CheckSize(std::string_view text) {
  if (text.size() < std::numeric_limits<uint32_t>::max()) return Status::OK();
  return Status::InvalidInput("query is too large (4 GiB or more)");
}

}  // namespace

Status ParseQuery(std::string_view text, ast::Query* out) {
  SG_RETURN_IF_ERROR(CheckSize(text));
  Parser parser(text);
  ast::Query query;
  SG_RETURN_IF_ERROR(parser.Query(&query));
  *out = std::move(query);
  return Status::OK();
}

Status ParseExpression(std::string_view text, ast::ExprPtr* out) {
  SG_RETURN_IF_ERROR(CheckSize(text));
  Parser parser(text);
  ExprPtr expr;
  SG_RETURN_IF_ERROR(parser.WholeExpression(&expr));
  *out = std::move(expr);
  return Status::OK();
}

}  // namespace sg::query
