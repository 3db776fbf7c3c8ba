// `query` and `shell`: Cypher over the stored graph from the command line
// (docs/query.md). Both open the database read-only, so they run beside an ingest.

#include <editline/readline.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tools/cli.h"

namespace sg::cli {

Status ParseOutput(const OutputArgs& args, Output* out) {
  if (args.json && args.format != "table" && args.format != "json")
    return Status::InvalidInput("--json and --format " + args.format + " disagree");
  auto format = tools::ParseResultFormat(args.json ? "json" : args.format);
  if (!format) {
    return Status::InvalidInput("unknown format '" + args.format + "' (" +
                                std::string(tools::ResultFormatNames()) + ")");
  }
  out->format = *format;
  out->options.max_cell_width = args.wide ? 0 : tools::FormatOptions().max_cell_width;
  out->limits.max_rows = args.max_rows;
  out->limits.max_hops = args.max_hops;
  out->limits.max_seconds = args.timeout;
  return Status::OK();
}

Status ParseParams(const std::vector<std::string>& assignments, query::Params* out) {
  for (const auto& a : assignments) {
    std::string name;
    query::Value value;
    Status s = query::ParseParam(a, &name, &value);
    if (!s.ok()) return Status::InvalidInput("--param " + a + ": " + s.message());
    (*out)[name] = std::move(value);
  }
  return Status::OK();
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "stancegraph: %s\n", message.c_str());
  return kExitUsage;
}

namespace {

Status ReadAll(std::istream& in, const std::string& name, std::string* out) {
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError(name + ": read failed");
  *out = text.str();
  return Status::OK();
}

Status ReadQueryText(const QueryArgs& args, std::string* out) {
  const std::string& from = args.file.empty() ? args.text : args.file;
  if (from == "-") return ReadAll(std::cin, "stdin", out);
  if (args.file.empty()) {
    *out = args.text;
    return Status::OK();
  }
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return Status::NotFound(args.file + ": no such file");
  return ReadAll(in, args.file, out);
}

Status RunAndPrint(const Store& store, std::string_view text, const query::Params& params,
                   const Output& output) {
  query::QueryResult result;
  SG_RETURN_IF_ERROR(query::RunQuery(store, text, params, output.limits, &result));
  tools::WriteResult(result, output.format, output.options, std::cout);
  std::cout.flush();
  return Status::OK();
}

}  // namespace

int RunQueryCommand(const QueryArgs& args) {
  if (args.text.empty() == args.file.empty())
    return Usage("query: give the query text, '-' for stdin, or --file F (one of them)");
  Output output;
  query::Params params;
  Status s = ParseOutput(args.output, &output);
  if (s.ok()) s = ParseParams(args.params, &params);
  if (!s.ok()) return Usage(s.message());
  std::string text;
  std::unique_ptr<Store> store;
  s = ReadQueryText(args, &text);
  if (s.ok()) s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (s.ok()) s = RunAndPrint(*store, text, params, output);
  return s.ok() ? kExitOk : Fail(s);
}

// ----- The shell

namespace {

constexpr const char* kPrompt = "stancegraph> ";
constexpr const char* kContinuationPrompt = "         ...> ";
constexpr const char* kShellHelp =
    "End each Cypher statement with ';' (it may span lines). Commands, on a line of their own:\n"
    "  :param NAME=VALUE   set $NAME (a Cypher literal, else a string)\n"
    "  :params             list the parameters\n"
    "  :format FORMAT      table, json, jsonl or csv\n"
    "  :help               this text\n"
    "  :quit, :exit        leave (so does Ctrl-D)\n"
    "docs/query.md describes the query language and the graph.\n";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A parameter value as a Cypher literal, for :params.
std::string Literal(const query::Value& v) {
  if (!v.is<std::string>()) return query::ToDisplay(v);
  std::string out = "'";
  for (char c : v.as<std::string>()) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// Reads lines from a terminal through libedit, with history; or from a pipe.
class LineReader {
 public:
  explicit LineReader(bool interactive) : interactive_(interactive) {
    if (!interactive_) return;
    if (const char* home = std::getenv("HOME"); home && *home) {
      history_ = std::string(home) + "/.stancegraph_history";
    }
    using_history();
    stifle_history(2000);
    if (!history_.empty()) read_history(history_.c_str());  // absent on first use: fine
  }
  ~LineReader() {
    if (interactive_ && !history_.empty()) write_history(history_.c_str());
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its newline; empty at end of input.
  std::optional<std::string> Next(bool continuation) {
    if (!interactive_) {
      std::string line;
      if (!std::getline(std::cin, line)) return std::nullopt;
      return line;
    }
    char* raw = readline(continuation ? kContinuationPrompt : kPrompt);
    if (raw == nullptr) return std::nullopt;
    std::string line(raw);
    std::free(raw);  // readline's buffer is malloc'd
    if (!Trim(line).empty()) add_history(line.c_str());
    return line;
  }

 private:
  bool interactive_;
  std::string history_;
};

class Shell {
 public:
  Shell(const Store& store, Output output, query::Params params, bool interactive)
      : store_(store), output_(output), params_(std::move(params)), interactive_(interactive) {}

  // Reads and runs statements until the input ends or :quit. The exit status.
  int Run() {
    LineReader reader(interactive_);
    if (interactive_) std::cout << "Cypher over the graph, read-only. :help for help.\n";
    while (auto line = reader.Next(splitter_.pending())) {
      ++line_no_;
      if (!splitter_.pending() && Trim(*line).starts_with(':')) {
        splitter_.SkipLine();
        if (!Command(Trim(*line))) break;
        continue;
      }
      for (const auto& st : splitter_.Feed(*line + "\n")) Execute(st);
    }
    if (auto rest = splitter_.Finish()) Execute(*rest);  // the last statement may omit its ';'
    if (interactive_) {
      std::cout << '\n';
      return kExitOk;  // the user has seen each error as it came
    }
    return failed_ > 0 ? kExitFailure : kExitOk;
  }

 private:
  // Runs one statement; a failure is reported and counted.
  void Execute(const tools::Statement& st) {
    ++statements_;
    Status s = RunAndPrint(store_, st.text, params_, output_);
    if (s.ok() && interactive_) std::cout << '\n';  // a gap before the next prompt
    if (!s.ok()) Report(s, "statement " + std::to_string(statements_) + " (line " +
                               std::to_string(st.line) + "): ");
  }

  // Reports a failed statement or command and counts it; `where` names it in
  // piped input (an interactive user knows what they just typed).
  void Report(const Status& s, const std::string& where) {
    ++failed_;
    std::fprintf(stderr, "stancegraph: %s%s\n", interactive_ ? "" : where.c_str(),
                 s.ToString().c_str());
  }

  // A ':' command. False for :quit.
  bool Command(std::string_view line) {
    if (line.ends_with(';')) line = Trim(line.substr(0, line.size() - 1));
    const size_t space = line.find_first_of(" \t");
    const std::string_view name = line.substr(0, space);
    const std::string_view arg = space == std::string_view::npos ? "" : Trim(line.substr(space));
    if (name == ":quit" || name == ":exit") return false;
    Status s;
    if (name == ":help") {
      std::cout << kShellHelp;
    } else if (name == ":params" || (name == ":param" && arg.empty())) {
      for (const auto& [k, v] : params_) std::cout << k << " = " << Literal(v) << '\n';
    } else if (name == ":param") {
      s = SetParam(arg);
    } else if (name == ":format") {
      OutputArgs args;
      args.format = std::string(arg);
      args.wide = output_.options.max_cell_width == 0;
      s = ParseOutput(args, &output_);
    } else {
      s = Status::InvalidInput("unknown command '" + std::string(name) + "' (:help lists them)");
    }
    if (!s.ok()) Report(s, "line " + std::to_string(line_no_) + ": ");
    return true;
  }

  // "name=value", also "name => value" as cypher-shell writes it.
  Status SetParam(std::string_view arg) {
    const size_t eq = arg.find('=');
    if (eq == std::string_view::npos) return Status::InvalidInput(":param wants NAME=VALUE");
    std::string_view value = arg.substr(eq + 1);
    if (value.starts_with('>')) value.remove_prefix(1);
    const std::string assignment =
        std::string(Trim(arg.substr(0, eq))) + "=" + std::string(Trim(value));
    std::string name;
    query::Value v;
    SG_RETURN_IF_ERROR(query::ParseParam(assignment, &name, &v));
    params_[name] = std::move(v);
    return Status::OK();
  }

  const Store& store_;
  Output output_;
  query::Params params_;
  const bool interactive_;
  tools::StatementSplitter splitter_;
  int line_no_ = 0;     // the input line last read
  int statements_ = 0;  // statements run so far
  int failed_ = 0;
};

}  // namespace

int RunShell(const ShellArgs& args) {
  Output output;
  query::Params params;
  Status s = ParseOutput(args.output, &output);
  if (s.ok()) s = ParseParams(args.params, &params);
  if (!s.ok()) return Usage(s.message());
  std::unique_ptr<Store> store;
  s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (!s.ok()) return Fail(s);
  Shell shell(*store, output, std::move(params), isatty(STDIN_FILENO) == 1);
  return shell.Run();
}

}  // namespace sg::cli
