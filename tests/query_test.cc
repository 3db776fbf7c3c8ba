// Data-driven tests of the query engine (query/engine.h): every *.test file in
// tests/data/queries/ is one gtest, QueryFiles/QueryFileTest.Run/<stem> (after
// DuckDB's sqllogictest and Kùzu's test/test_files/*.test run by
// test/runner/e2e_test.cpp). tests/data/queries/README.md describes the
// fixture; the format, in short:
//
//   # comment (only between blocks)
//   load fixture.jsonl          (re)creates the database in a fresh temp dir from a
//                               claims file (path relative to the .test file),
//                               through ingest's claims reader and Store::IngestArticle;
//                               clears parameters and limits
//   restart                     closes the database and opens it again read-only
//   param NAME = LITERAL        sets $NAME for the queries that follow, parsed by
//                               sg::query::ParseParam ("NAME=LITERAL")
//   limit KEY = N               sets a QueryLimits field (max_hops, max_rows,
//                               max_expansions) for the queries that follow
//   query rowsort|ordered NAME  then the query (one or more lines), a line `----`,
//                               the column names tab-separated, then one line per
//                               row, cells tab-separated; a blank line ends the block
//   error NAME                  then the query, `----`, then lines that must each be
//                               a substring of the error message; a line `|TEXT`
//                               must equal one whole line of the message
//
// Cells are sg::query::ToDisplay of the value (strings bare, dates as their ISO
// text, other values as Cypher literals), with a tab written `\t`, a newline
// `\n`, and the empty string `(empty)`. `rowsort` compares the rows as sorted
// multisets, `ordered` in order.
//
// SG_QUERY_TEST_PRINT=1 prints every query's actual result in this format, to
// help write expectations (which must still be worked out from the fixture).
#include "query/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/claims_jsonl.h"
#include "test_util.h"

namespace sg::query {
namespace {

namespace fs = std::filesystem;

const fs::path kQueryDir = fs::path(SG_SOURCE_DIR) / "tests" / "data" / "queries";

// ----- The .test format

struct Step {
  enum class Kind { kLoad, kRestart, kParam, kLimit, kQuery, kError };
  Kind kind = Kind::kQuery;
  int line = 0;                         // of the directive, 1-based
  std::string arg;                      // load: file; param/limit: name; query/error: name
  std::string value;                    // param: literal; limit: number
  bool ordered = false;                 // query
  std::string text;                     // query/error: the query
  std::vector<std::string> expected;    // query: header then rows; error: substrings
};

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Splits "NAME = VALUE"; false when there is no '='.
bool SplitAssignment(const std::string& rest, std::string* name, std::string* value) {
  const auto eq = rest.find('=');
  if (eq == std::string::npos) return false;
  *name = Trim(rest.substr(0, eq));
  *value = Trim(rest.substr(eq + 1));
  return !name->empty() && !value->empty();
}

// Parses a .test file. On a malformed file returns false with *error naming the line.
bool ParseTestFile(const std::string& content, std::vector<Step>* steps, std::string* error) {
  std::vector<std::string> lines;
  std::istringstream in(content);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(l);
  }
  auto fail = [&](size_t i, const std::string& what) {
    *error = "line " + std::to_string(i + 1) + ": " + what;
    return false;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string line = Trim(lines[i]);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> w = Words(line);
    Step step;
    step.line = static_cast<int>(i + 1);
    const std::string rest = Trim(line.substr(w[0].size()));
    if (w[0] == "load" && w.size() == 2) {
      step.kind = Step::Kind::kLoad;
      step.arg = w[1];
    } else if (w[0] == "restart" && w.size() == 1) {
      step.kind = Step::Kind::kRestart;
    } else if (w[0] == "param" || w[0] == "limit") {
      step.kind = w[0] == "param" ? Step::Kind::kParam : Step::Kind::kLimit;
      if (!SplitAssignment(rest, &step.arg, &step.value)) return fail(i, "expected `" + w[0] + " NAME = VALUE`");
    } else if ((w[0] == "query" && w.size() == 3 && (w[1] == "rowsort" || w[1] == "ordered")) ||
               (w[0] == "error" && w.size() == 2)) {
      step.kind = w[0] == "query" ? Step::Kind::kQuery : Step::Kind::kError;
      step.ordered = w[1] == "ordered";
      step.arg = w.back();
      size_t j = i + 1;
      for (; j < lines.size() && Trim(lines[j]) != "----"; ++j) {
        if (Trim(lines[j]).empty()) return fail(j, "blank line inside a query (expected `----`)");
        step.text += (step.text.empty() ? "" : "\n") + lines[j];
      }
      if (j == lines.size()) return fail(i, "no `----` after the query");
      if (step.text.empty()) return fail(i, "empty query");
      for (++j; j < lines.size() && !Trim(lines[j]).empty(); ++j) step.expected.push_back(lines[j]);
      if (step.kind == Step::Kind::kQuery && step.expected.empty()) return fail(i, "no column names after `----`");
      if (step.kind == Step::Kind::kError && step.expected.empty()) return fail(i, "no expected error text after `----`");
      i = j;
    } else {
      return fail(i, "unknown directive: " + line);
    }
    steps->push_back(std::move(step));
  }
  return true;
}

// A value as the expected rows spell it.
std::string Cell(const Value& v) {
  const std::string shown = ToDisplay(v);
  if (shown.empty()) return "(empty)";
  std::string out;
  for (char c : shown) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else out.push_back(c);
  }
  return out;
}

std::string Join(const std::vector<std::string>& cells, const char* sep) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? sep : "") + cells[i];
  return out;
}

// The result as lines: the column names, then one line per row.
std::vector<std::string> ResultLines(const QueryResult& r) {
  std::vector<std::string> out = {Join(r.columns, "\t")};
  for (const auto& row : r.rows) {
    std::vector<std::string> cells;
    for (const auto& v : row) cells.push_back(Cell(v));
    out.push_back(Join(cells, "\t"));
  }
  return out;
}

std::string Dump(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "    " + l + "\n";
  return out;
}

// A line-by-line diff of two row lists: `-` expected only, `+` actual only.
std::string Diff(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  std::multiset<std::string> e(expected.begin(), expected.end()), a(actual.begin(), actual.end());
  std::string out;
  for (const auto& l : expected) {
    if (auto it = a.find(l); it != a.end()) a.erase(it);
    else out += "  - " + l + "\n";
  }
  for (const auto& l : actual) {
    if (auto it = e.find(l); it != e.end()) e.erase(it);
    else out += "  + " + l + "\n";
  }
  return out.empty() ? "  (same rows, different order)\n" : out;
}

bool PrintMode() {
  const char* v = std::getenv("SG_QUERY_TEST_PRINT");
  return v && *v && std::string(v) != "0";
}

// ----- Running a file

class QueryFileRunner {
 public:
  explicit QueryFileRunner(fs::path file) : file_(std::move(file)) {}

  void Run() {
    std::ifstream in(file_, std::ios::binary);
    ASSERT_TRUE(in) << "cannot read " << file_;
    std::stringstream buf;
    buf << in.rdbuf();
    std::vector<Step> steps;
    std::string error;
    ASSERT_TRUE(ParseTestFile(buf.str(), &steps, &error)) << file_.string() << ":" << error;
    for (const Step& step : steps) {
      Execute(step);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

 private:
  std::string Where(const Step& s) const { return file_.string() + ":" + std::to_string(s.line); }

  void Execute(const Step& s) {
    switch (s.kind) {
      case Step::Kind::kLoad: return Load(s);
      case Step::Kind::kRestart: return Restart(s);
      case Step::Kind::kParam: return SetParam(s);
      case Step::Kind::kLimit: return SetLimit(s);
      case Step::Kind::kQuery: return CheckQuery(s);
      case Step::Kind::kError: return CheckError(s);
    }
  }

  void Load(const Step& s) {
    store_.reset();
    dir_ = std::make_unique<sg::testing::TempDir>();
    params_.clear();
    limits_ = QueryLimits();
    const fs::path claims = file_.parent_path() / s.arg;
    std::ifstream in(claims, std::ios::binary);
    ASSERT_TRUE(in) << Where(s) << ": cannot read " << claims;
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string content = buf.str();
    std::vector<ArticleClaims> articles;
    Status st = ingest::ReadClaimsJsonl(claims.string(), content, {}, &articles);
    ASSERT_TRUE(st.ok()) << Where(s) << ": " << st.ToString();
    st = Store::Open(dir_->path(), Store::Mode::kReadWrite, &store_);
    ASSERT_TRUE(st.ok()) << Where(s) << ": " << st.ToString();
    for (const auto& a : articles) {
      Store::IngestOutcome outcome{};
      st = store_->IngestArticle(a, &outcome);
      ASSERT_TRUE(st.ok()) << Where(s) << ": article " << a.article.id << ": " << st.ToString();
    }
  }

  void Restart(const Step& s) {
    ASSERT_TRUE(dir_) << Where(s) << ": restart before load";
    store_.reset();
    Status st = Store::Open(dir_->path(), Store::Mode::kReadOnly, &store_);
    ASSERT_TRUE(st.ok()) << Where(s) << ": " << st.ToString();
  }

  void SetParam(const Step& s) {
    std::string name;
    Value value;
    Status st = ParseParam(s.arg + "=" + s.value, &name, &value);
    ASSERT_TRUE(st.ok()) << Where(s) << ": " << st.ToString();
    params_[name] = std::move(value);
  }

  void SetLimit(const Step& s) {
    char* end = nullptr;
    const long long n = std::strtoll(s.value.c_str(), &end, 10);
    ASSERT_TRUE(end && *end == '\0') << Where(s) << ": not a number: " << s.value;
    if (s.arg == "max_hops") limits_.max_hops = static_cast<int>(n);
    else if (s.arg == "max_rows") limits_.max_rows = static_cast<size_t>(n);
    else if (s.arg == "max_expansions") limits_.max_expansions = static_cast<size_t>(n);
    else FAIL() << Where(s) << ": unknown limit " << s.arg;
  }

  void CheckQuery(const Step& s) {
    ASSERT_TRUE(store_) << Where(s) << ": query before load";
    QueryResult result;
    Status st = RunQuery(*store_, s.text, params_, limits_, &result);
    if (!st.ok()) {
      ADD_FAILURE() << Where(s) << ": query " << s.arg << " failed:\n" << s.text << "\n"
                    << st.ToString() << "\nexpected:\n" << Dump(s.expected);
      return;
    }
    std::vector<std::string> actual = ResultLines(result);
    if (PrintMode()) {
      std::cout << Where(s) << "\nquery " << (s.ordered ? "ordered " : "rowsort ") << s.arg << "\n"
                << s.text << "\n----\n" << Join(actual, "\n") << "\n\n";
    }
    std::vector<std::string> expected = s.expected;
    const bool header_ok = expected[0] == actual[0];
    std::vector<std::string> e_rows(expected.begin() + 1, expected.end());
    std::vector<std::string> a_rows(actual.begin() + 1, actual.end());
    if (!s.ordered) {
      std::sort(e_rows.begin(), e_rows.end());
      std::sort(a_rows.begin(), a_rows.end());
    }
    if (header_ok && e_rows == a_rows) return;
    ADD_FAILURE() << Where(s) << ": query " << s.arg << (s.ordered ? " (ordered)" : " (rowsort)")
                  << " gave other rows\n" << s.text << "\n"
                  << (header_ok ? "" : "columns: expected [" + expected[0] + "], actual [" + actual[0] + "]\n")
                  << "expected " << expected.size() - 1 << " rows:\n" << Dump(expected)
                  << "actual " << actual.size() - 1 << " rows:\n" << Dump(actual)
                  << "diff (- expected only, + actual only):\n" << Diff(e_rows, a_rows);
  }

  void CheckError(const Step& s) {
    ASSERT_TRUE(store_) << Where(s) << ": query before load";
    QueryResult result;
    Status st = RunQuery(*store_, s.text, params_, limits_, &result);
    if (PrintMode()) {
      std::cout << Where(s) << "\nerror " << s.arg << "\n" << s.text << "\n----\n"
                << (st.ok() ? "(no error)" : st.message()) << "\n\n";
    }
    if (st.ok()) {
      ADD_FAILURE() << Where(s) << ": error " << s.arg << " expected an error, got "
                    << result.rows.size() << " rows\n" << s.text << "\n"
                    << Dump(ResultLines(result));
      return;
    }
    std::vector<std::string> message_lines;
    std::istringstream in(st.message());
    for (std::string l; std::getline(in, l);) message_lines.push_back(l);
    for (const auto& want : s.expected) {
      const bool whole = !want.empty() && want[0] == '|';
      const bool found =
          whole ? std::find(message_lines.begin(), message_lines.end(), want.substr(1)) != message_lines.end()
                : st.message().find(want) != std::string::npos;
      EXPECT_TRUE(found) << Where(s) << ": error " << s.arg << ": the message lacks "
                         << (whole ? "the line [" + want.substr(1) + "]" : "[" + want + "]")
                         << "\n" << s.text << "\nmessage:\n" << st.ToString();
    }
    if (!st.IsInvalidInput()) {
      ADD_FAILURE() << Where(s) << ": error " << s.arg << ": expected InvalidInput, got " << st.ToString();
    }
  }

  fs::path file_;
  std::unique_ptr<sg::testing::TempDir> dir_;
  std::unique_ptr<Store> store_;
  Params params_;
  QueryLimits limits_;
};

std::vector<std::string> TestFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kQueryDir, ec)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class QueryFileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(QueryFileTest, Run) { QueryFileRunner(kQueryDir / GetParam()).Run(); }

INSTANTIATE_TEST_SUITE_P(QueryFiles, QueryFileTest, ::testing::ValuesIn(TestFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = fs::path(info.param).stem().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// The runner itself: a parse of every directive, and its complaints.
TEST(QueryTestFormat, ParsesEveryDirective) {
  const std::string text =
      "# a comment\n"
      "load fixture.jsonl\n"
      "param who = 'Russia'\n"
      "limit max_hops = 3\n"
      "query ordered names\n"
      "MATCH (n)\n"
      "RETURN n.name AS name\n"
      "----\n"
      "name\n"
      "Russia\n"
      "\n"
      "restart\n"
      "error bad\n"
      "RETURN x\n"
      "----\n"
      "unknown\n"
      "|  ^\n";
  std::vector<Step> steps;
  std::string error;
  ASSERT_TRUE(ParseTestFile(text, &steps, &error)) << error;
  ASSERT_EQ(steps.size(), 6u);
  EXPECT_EQ(steps[0].kind, Step::Kind::kLoad);
  EXPECT_EQ(steps[0].arg, "fixture.jsonl");
  EXPECT_EQ(steps[1].arg, "who");
  EXPECT_EQ(steps[1].value, "'Russia'");
  EXPECT_EQ(steps[2].kind, Step::Kind::kLimit);
  EXPECT_EQ(steps[3].kind, Step::Kind::kQuery);
  EXPECT_TRUE(steps[3].ordered);
  EXPECT_EQ(steps[3].line, 5);
  EXPECT_EQ(steps[3].text, "MATCH (n)\nRETURN n.name AS name");
  EXPECT_EQ(steps[3].expected, (std::vector<std::string>{"name", "Russia"}));
  EXPECT_EQ(steps[4].kind, Step::Kind::kRestart);
  EXPECT_EQ(steps[5].kind, Step::Kind::kError);
  EXPECT_EQ(steps[5].expected, (std::vector<std::string>{"unknown", "|  ^"}));
}

TEST(QueryTestFormat, RejectsMalformedFiles) {
  for (const char* bad : {"query names\nRETURN 1\n----\n1\n",         // no mode
                          "query rowsort x\nRETURN 1\n",               // no ----
                          "query rowsort x\nRETURN 1\n----\n",         // no header
                          "query rowsort x\nRETURN 1\n\n----\n1\n",    // blank in query
                          "param x 1\n", "frobnicate\n"}) {
    std::vector<Step> steps;
    std::string error;
    EXPECT_FALSE(ParseTestFile(bad, &steps, &error)) << bad;
    EXPECT_NE(error.find("line "), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace sg::query
