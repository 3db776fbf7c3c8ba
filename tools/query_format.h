// Query results on the command line: how `query`, `shell` and the analyst verbs
// print a query::QueryResult (table, JSON, JSON lines, CSV), and how the shell
// cuts its input into statements. One place, so every command prints a value
// the same way (docs/query.md, "Command line").
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "query/engine.h"
#include "query/value.h"

namespace sg::tools {

// ----- Formats

enum class ResultFormat { kTable, kJson, kJsonl, kCsv };

// "table", "json", "jsonl", "csv"; empty when unknown.
std::optional<ResultFormat> ParseResultFormat(std::string_view name);
// "table, json, jsonl, csv": for usage messages.
std::string_view ResultFormatNames();

struct FormatOptions {
  // Table cells longer than this many display columns are cut and end in "…";
  // 0: never cut (--wide).
  size_t max_cell_width = 60;
};

// Writes `result` to `out`:
//   table  aligned columns under a header, numbers right-aligned, then a footer
//          line "N rows" (cells via query::ToDisplay, control characters shown
//          as spaces, cut at options.max_cell_width);
//   json   one array of row objects keyed by column name, indented;
//   jsonl  one compact row object per line;
//   csv    a header row, then one row per line (CsvValue cells).
void WriteResult(const query::QueryResult& result, ResultFormat format,
                 const FormatOptions& options, std::ostream& out);

// ----- Values

// A value as JSON, in the shapes Neo4j's drivers use: null, booleans, numbers
// and strings as themselves; DATE as its ISO text; LIST as an array; MAP as an
// object (keys in order); NODE as {"id","labels","properties"}; RELATIONSHIP as
// {"id","type","start","end","properties"}; PATH as {"nodes","relationships"}.
// A node or relationship without its record (NodeRef::record null) is printed
// with its ids only. NaN and infinities become null (JSON has no such numbers).
nlohmann::ordered_json ValueJson(const query::Value& v);

// A value as one CSV cell: empty for null; numbers and booleans as written;
// DATE as ISO text; strings through CsvCell (quoted when needed, formula guard);
// lists, maps, nodes, relationships and paths as their compact JSON text.
std::string CsvValue(const query::Value& v);

// A path as a readable chain in stored direction:
//   "Sergei Lavrov -[HOLDS_OFFICE]-> Russia <-[OPPOSES]- Ukraine -[MEETS]- Turkey"
// (symmetric relations have no arrow; a node without a record shows as "#id").
std::string PathChain(const query::Path& path);

// ----- Text

// Columns `text` takes in a terminal (UTF-8; wide East Asian characters count 2,
// combining marks 0; invalid bytes 1 each).
size_t DisplayWidth(std::string_view text);
// `text` cut to at most `width` display columns, ending in "…" when cut, never
// splitting a character. `width` 0 means no limit.
std::string TruncateDisplay(std::string_view text, size_t width);

// ----- Statements

// One statement cut from the shell's input.
struct Statement {
  std::string text;  // from its first token to before its `;`, comments kept
  int line = 1;      // the input line (1-based) its first token is on
};

// Cuts input into `;`-terminated statements. A `;` inside a 'string',
// "string" (with backslash escapes), `backtick name`, // line comment or
// /* block comment */ does not end a statement. Input is fed in pieces (lines,
// for the interactive shell); a statement that is only whitespace and comments
// is dropped.
class StatementSplitter {
 public:
  // Appends `text` and returns the statements it completed, in order.
  std::vector<Statement> Feed(std::string_view text);
  // Whether unfinished statement text (not only whitespace and comments) waits
  // for its `;`, or a block comment is open: the shell's continuation prompt.
  bool pending() const;
  // Counts a line the caller consumed itself (a shell command), so that later
  // statements keep their input line numbers. REQUIRES: !pending().
  void SkipLine() { ++line_; }
  // The unfinished statement, if any (the input ended without `;`); resets the
  // splitter.
  std::optional<Statement> Finish();

 private:
  enum class State { kCode, kSingle, kDouble, kBacktick, kLineComment, kBlockComment };
  void Step(char c, char next, std::vector<Statement>* done);
  void StepState(char c, char next, std::vector<Statement>* done);
  // Adds c to the statement; before its first token only a code character that
  // is not a space starts it (leading comments are dropped).
  void Append(char c, bool code);
  void EndStatement(std::vector<Statement>* done);

  State state_ = State::kCode;
  bool escaped_ = false;    // the previous character was a backslash in a string
  bool skip_next_ = false;  // the next character is the second of "//", "/*" or "*/"
  int line_ = 1;            // the input line being read
  std::string carry_;       // a last '/' or '*' waiting for the next piece
  Statement current_;       // text is empty until the first token
};

}  // namespace sg::tools
