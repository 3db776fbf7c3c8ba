#include "tools/query_format.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "tools/export.h"

namespace sg::tools {

using nlohmann::ordered_json;
using query::Value;

// ----- Formats

std::optional<ResultFormat> ParseResultFormat(std::string_view name) {
  if (name == "table") return ResultFormat::kTable;
  if (name == "json") return ResultFormat::kJson;
  if (name == "jsonl") return ResultFormat::kJsonl;
  if (name == "csv") return ResultFormat::kCsv;
  return std::nullopt;
}

std::string_view ResultFormatNames() { return "table, json, jsonl, csv"; }

// ----- Values as JSON

namespace {

ordered_json DateOrNull(const std::string& iso) { return iso.empty() ? ordered_json() : ordered_json(iso); }

// The title most of the edge's claims give (ties: the first in sorted order).
ordered_json MainTitle(const EdgeRecord& e) {
  if (e.titles.empty()) return nullptr;
  size_t best = 0;
  for (size_t i = 1; i < e.titles.size() && i < e.title_counts.size(); ++i) {
    if (e.title_counts[i] > e.title_counts[best]) best = i;
  }
  return e.titles[best];
}

ordered_json NodeValueJson(const query::NodeRef& n) {
  ordered_json j = {{"id", n.id}};
  if (!n.record) return j;
  const NodeRecord& r = *n.record;
  j["labels"] = ordered_json::array({NodeKindName(r.kind)});
  ordered_json props = {{"name", r.name}, {"aliases", r.aliases}};
  if (!r.code.empty()) props["code"] = r.code;
  for (const auto& [k, v] : r.properties) props[k] = v;
  j["properties"] = std::move(props);
  return j;
}

ordered_json RelValueJson(const query::RelRef& rel) {
  ordered_json j;
  if (rel.record) j["id"] = rel.record->id;
  j["type"] = RelationName(rel.key.relation);
  j["start"] = rel.key.source;
  j["end"] = rel.key.target;
  if (!rel.record) return j;
  const EdgeRecord& e = *rel.record;
  j["properties"] = {{"claims", e.claim_count},           {"articles", e.article_count},
                     {"first_date", DateOrNull(e.first_date)}, {"last_date", DateOrNull(e.last_date)},
                     {"titles", e.titles},                {"title", MainTitle(e)},
                     {"outlets", e.outlets}};
  return j;
}

ordered_json PathValueJson(const query::Path& p) {
  ordered_json nodes = ordered_json::array(), rels = ordered_json::array();
  for (const auto& n : p.nodes) nodes.push_back(NodeValueJson(n));
  for (const auto& r : p.rels) rels.push_back(RelValueJson(r));
  return {{"nodes", std::move(nodes)}, {"relationships", std::move(rels)}};
}

struct JsonOf {
  ordered_json operator()(std::monostate) const { return nullptr; }
  ordered_json operator()(bool b) const { return b; }
  ordered_json operator()(int64_t i) const { return i; }
  ordered_json operator()(double d) const { return std::isfinite(d) ? ordered_json(d) : ordered_json(); }
  ordered_json operator()(const std::string& s) const { return s; }
  ordered_json operator()(const query::Date& d) const { return d.iso; }
  ordered_json operator()(const query::List& l) const {
    ordered_json a = ordered_json::array();
    for (const auto& x : l) a.push_back(ValueJson(x));
    return a;
  }
  ordered_json operator()(const query::Map& m) const {
    ordered_json o = ordered_json::object();
    for (const auto& [k, x] : m) o[k] = ValueJson(x);
    return o;
  }
  ordered_json operator()(const query::NodeRef& n) const { return NodeValueJson(n); }
  ordered_json operator()(const query::RelRef& r) const { return RelValueJson(r); }
  ordered_json operator()(const query::Path& p) const { return PathValueJson(p); }
};

std::string Compact(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json RowJson(const query::QueryResult& result, const std::vector<Value>& row) {
  ordered_json o = ordered_json::object();
  for (size_t i = 0; i < result.columns.size() && i < row.size(); ++i) {
    o[result.columns[i]] = ValueJson(row[i]);
  }
  return o;
}

}  // namespace

ordered_json ValueJson(const Value& v) { return std::visit(JsonOf{}, v.v); }

std::string CsvValue(const Value& v) {
  if (v.is_null()) return "";
  if (v.is<std::string>()) return CsvCell(v.as<std::string>());
  if (v.is<query::Date>()) return CsvCell(v.as<query::Date>().iso);
  // Numbers and booleans are not text a spreadsheet would run: no formula guard
  // (a negative number stays a number).
  if (v.is<bool>() || v.is<int64_t>() || v.is<double>()) return Compact(ValueJson(v));
  return CsvCell(Compact(ValueJson(v)));
}

namespace {

std::string NodeLabel(const query::NodeRef& n) {
  return n.record ? n.record->name : "#" + std::to_string(n.id);
}

}  // namespace

std::string PathChain(const query::Path& path) {
  if (path.nodes.empty()) return "";
  std::string out = NodeLabel(path.nodes[0]);
  for (size_t i = 0; i < path.rels.size() && i + 1 < path.nodes.size(); ++i) {
    const keys::EdgeKey& k = path.rels[i].key;
    const std::string name(RelationName(k.relation));
    if (IsSymmetric(k.relation)) {
      out += " -[" + name + "]- ";
    } else if (k.source == path.nodes[i].id) {
      out += " -[" + name + "]-> ";
    } else {
      out += " <-[" + name + "]- ";
    }
    out += NodeLabel(path.nodes[i + 1]);
  }
  return out;
}

// ----- Text

namespace {

// Calls f(bytes, columns) for each character of `text`; invalid bytes count as
// one column each.
template <typename F>
void ForEachChar(std::string_view text, F f) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    size_t width = 1;
    if (n <= 0) {
      n = 1;
    } else {
      width = static_cast<size_t>(std::max(0, utf8proc_charwidth(c)));
    }
    if (!f(std::string_view(reinterpret_cast<const char*>(p), n), width)) return;
    p += n;
    left -= n;
  }
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  ForEachChar(text, [&](std::string_view, size_t w) {
    width += w;
    return true;
  });
  return width;
}

std::string TruncateDisplay(std::string_view text, size_t width) {
  if (width == 0 || DisplayWidth(text) <= width) return std::string(text);
  std::string out;
  size_t used = 0;
  ForEachChar(text, [&](std::string_view bytes, size_t w) {
    if (used + w > width - 1) return false;  // keep a column for the ellipsis
    out += bytes;
    used += w;
    return true;
  });
  return out + "…";
}

// ----- Table

namespace {

// A cell's text on one line: control characters (newlines, tabs) as spaces.
std::string TableCell(const Value& v, size_t max_width) {
  std::string text = query::ToDisplay(v);
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return TruncateDisplay(text, max_width);
}

bool IsNumber(const Value& v) { return v.is<int64_t>() || v.is<double>(); }

void Pad(std::ostream& out, const std::string& text, size_t width, bool right) {
  const size_t w = DisplayWidth(text);
  const std::string fill(width > w ? width - w : 0, ' ');
  out << (right ? fill + text : text + fill);
}

void WriteTable(const query::QueryResult& result, const FormatOptions& options, std::ostream& out) {
  const size_t ncols = result.columns.size();
  std::vector<size_t> widths(ncols);
  std::vector<std::vector<std::string>> cells;
  for (size_t c = 0; c < ncols; ++c) widths[c] = DisplayWidth(result.columns[c]);
  for (const auto& row : result.rows) {
    auto& line = cells.emplace_back();
    for (size_t c = 0; c < ncols; ++c) {
      line.push_back(c < row.size() ? TableCell(row[c], options.max_cell_width) : "");
      widths[c] = std::max(widths[c], DisplayWidth(line.back()));
    }
  }
  auto write_line = [&](auto cell_text, auto right) {
    std::string line;
    for (size_t c = 0; c < ncols; ++c) {
      if (c > 0) out << " | ";
      // The last column is not padded on the left-aligned side: no trailing blanks.
      if (c + 1 == ncols && !right(c)) {
        out << cell_text(c);
      } else {
        Pad(out, cell_text(c), widths[c], right(c));
      }
    }
    out << '\n';
  };
  write_line([&](size_t c) { return result.columns[c]; }, [](size_t) { return false; });
  for (size_t c = 0; c < ncols; ++c) out << (c > 0 ? "-+-" : "") << std::string(widths[c], '-');
  out << '\n';
  for (size_t r = 0; r < cells.size(); ++r) {
    const auto& row = result.rows[r];
    write_line([&](size_t c) { return cells[r][c]; },
               [&](size_t c) { return c < row.size() && IsNumber(row[c]); });
  }
  const size_t n = result.rows.size();
  out << n << (n == 1 ? " row\n" : " rows\n");
}

}  // namespace

void WriteResult(const query::QueryResult& result, ResultFormat format,
                 const FormatOptions& options, std::ostream& out) {
  switch (format) {
    case ResultFormat::kTable:
      WriteTable(result, options, out);
      return;
    case ResultFormat::kJson: {
      ordered_json rows = ordered_json::array();
      for (const auto& row : result.rows) rows.push_back(RowJson(result, row));
      out << rows.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
      return;
    }
    case ResultFormat::kJsonl:
      for (const auto& row : result.rows) out << Compact(RowJson(result, row)) << '\n';
      return;
    case ResultFormat::kCsv:
      for (size_t c = 0; c < result.columns.size(); ++c) {
        out << (c > 0 ? "," : "") << CsvCell(result.columns[c]);
      }
      out << '\n';
      for (const auto& row : result.rows) {
        for (size_t c = 0; c < row.size(); ++c) out << (c > 0 ? "," : "") << CsvValue(row[c]);
        out << '\n';
      }
      return;
  }
}

// ----- Statements

std::vector<Statement> StatementSplitter::Feed(std::string_view text) {
  std::vector<Statement> done;
  carry_ += text;
  size_t i = 0;
  for (; i + 1 < carry_.size(); ++i) Step(carry_[i], carry_[i + 1], &done);
  // A last '/' or '*' may open or close a comment with the next piece's first
  // character: keep it until then.
  if (i < carry_.size() && carry_[i] != '/' && carry_[i] != '*') {
    Step(carry_[i], '\0', &done);
    ++i;
  }
  carry_.erase(0, i);
  return done;
}

bool StatementSplitter::pending() const {
  return !current_.text.empty() || state_ == State::kBlockComment || !carry_.empty();
}

std::optional<Statement> StatementSplitter::Finish() {
  std::vector<Statement> done;
  for (char c : carry_) Step(c, '\0', &done);  // at most one '/' or '*'
  EndStatement(&done);
  *this = StatementSplitter();
  if (done.empty()) return std::nullopt;
  return std::move(done.back());
}

void StatementSplitter::Append(char c, bool code) {
  if (current_.text.empty()) {
    if (!code || std::isspace(static_cast<unsigned char>(c))) return;  // before the first token
    current_.line = line_;
  }
  current_.text += c;
}

void StatementSplitter::EndStatement(std::vector<Statement>* done) {
  std::string& t = current_.text;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  if (!t.empty()) done->push_back(std::move(current_));
  current_ = Statement();
}

void StatementSplitter::Step(char c, char next, std::vector<Statement>* done) {
  if (skip_next_) {  // the second character of "//", "/*" or "*/"
    skip_next_ = false;
    Append(c, false);
  } else {
    StepState(c, next, done);
  }
  if (c == '\n') ++line_;
}

void StatementSplitter::StepState(char c, char next, std::vector<Statement>* done) {
  switch (state_) {
    case State::kCode:
      if (c == ';') return EndStatement(done);
      if (c == '/' && (next == '/' || next == '*')) {
        state_ = next == '/' ? State::kLineComment : State::kBlockComment;
        skip_next_ = true;
        return Append(c, false);
      }
      if (c == '\'') state_ = State::kSingle;
      if (c == '"') state_ = State::kDouble;
      if (c == '`') state_ = State::kBacktick;
      return Append(c, true);
    case State::kSingle:
    case State::kDouble:
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == (state_ == State::kSingle ? '\'' : '"')) {
        state_ = State::kCode;
      }
      return Append(c, true);
    case State::kBacktick:
      if (c == '`') state_ = State::kCode;
      return Append(c, true);
    case State::kLineComment:
      if (c == '\n') state_ = State::kCode;
      return Append(c, false);
    case State::kBlockComment:
      if (c == '*' && next == '/') {
        state_ = State::kCode;
        skip_next_ = true;
      }
      return Append(c, false);
  }
}

}  // namespace sg::tools
