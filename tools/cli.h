// The `stancegraph` command line: one function per command, sharing the
// conventions below. Exit status: 0 success, 1 failure, 2 usage.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/status.h"
#include "query/engine.h"
#include "storage/store.h"
#include "tools/query_format.h"

namespace sg::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Prints "stancegraph: <status>" to stderr and returns the exit code for it.
int Fail(const Status& status);

// Opens the database for a command; read-only commands may run beside an ingest.
Status OpenStore(const std::string& db, Store::Mode mode, std::unique_ptr<Store>* out);

// Resolves NAME to one node, as `show` and `neighbors` take it: an exact kind
// match if `kind` is set, else the single node of that name (actors before
// positions before articles and sources). NotFound / InvalidInput (ambiguous)
// name the candidates.
Status ResolveNode(const Store& store, const std::string& name, const std::string& kind,
                   NodeRecord* out);

struct IngestArgs {
  std::string db;
  std::vector<std::string> paths;
  std::vector<std::string> lexicons;
  bool skip_invalid = false;
  bool quiet = false;
  bool json = false;
};
int RunIngest(const IngestArgs& args);
// What RunIngest does, without the summary: checks every input, then writes each
// article into args.db (created when missing) with the same extractor and
// lexicons. Prints only warnings (and, unless args.quiet, a progress line on a
// terminal). `eval` ingests through it, so it measures what `ingest` stores.
Status IngestPaths(const IngestArgs& args);

struct EvalArgs {
  std::vector<std::string> paths;     // directories and article files
  std::vector<std::string> lexicons;  // as `ingest --lexicon`
  double min_precision = 0;           // thresholds on the mean of the articles
  double min_core_recall = 0;
  int max_split = -1;  // on the split actors of all articles together; -1: none
  bool json = false;
  bool verbose = false;
};
// `eval` (docs/eval.md): ingests each article alone into a fresh database in a
// temporary directory (removed afterwards), exports it as `export --format
// jsonl` does, scores it against the gold file beside it (NAME.gold.tsv) and
// prints a table with pooled and mean summary lines, or JSON. Exit 1 when a
// threshold is not met (each named on stderr), on a malformed gold line
// (FILE:LINE), or on an article that cannot be read or ingested.
int RunEval(const EvalArgs& args);

struct ReadArgs {
  std::string db;
  std::string name;
  std::string kind;
  int depth = 1;
  std::vector<std::string> relations;
  int claims_per_edge = 5;
  bool json = false;
};
int RunStats(const ReadArgs& args);
int RunShow(const ReadArgs& args);
int RunNeighbors(const ReadArgs& args);

struct ExplainArgs {
  std::string db;
  std::string subject, relation, object;
  bool json = false;
};
// Every claim behind one edge (query::EvidenceOf), negated ones marked "not
// RELATION" and left out of the count. 1 when there is neither an edge nor a
// claim.
int RunExplain(const ExplainArgs& args);

struct CheckArgs {
  std::string db;
  bool repair = false;
  bool json = false;
};
// `check`: verifies the database's integrity (storage/check.h) on a read-only
// open, so it runs beside an ingest. Exit 0 with an "ok: ..." line when sound,
// 1 with one "problem: ..." line each otherwise. With `repair`: opens
// read-write, rebuilds what is derived, prints what it fixed and checks again
// (exit 0 when the new check passes).
int RunCheck(const CheckArgs& args);

struct ExportArgs {
  std::string db;
  std::string format;
  std::string out;  // "" or "-": stdout; a directory for neo4j-csv (required)
  // The subgraph to export (tools/export.h ExportFilter); empty: everything.
  std::string around;  // a name, resolved as `neighbors` resolves it
  std::string kind;    // the kind of `around`, when its name is ambiguous
  int depth = 1;
  std::string since, until;
  std::vector<std::string> kinds;
  std::vector<std::string> relations;
  std::string query;                // a Cypher query choosing the subgraph
  std::vector<std::string> params;  // its parameters, "name=value"
};
int RunExport(const ExportArgs& args);

struct ServeArgs {
  std::string db;
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (printed at start)
};
// Serves the web viewer and its JSON API (docs/viewer.md) until killed. Opens the
// database read-only. Fails (1) when the port cannot be bound.
int RunServe(const ServeArgs& args);

// ----- Queries and the analyst verbs (tools/cli_query.cc, tools/cli_verbs.cc):
// Cypher over the stored graph (docs/query.md), results printed by
// tools/query_format.h. Each opens the database read-only.

// How a command prints a result: --format, --json (an alias of --format json),
// --wide (table cells not cut).
struct OutputArgs {
  std::string format = "table";
  bool json = false;
  bool wide = false;
  // What one query may use (query::QueryLimits); past a limit it fails clearly.
  size_t max_rows = query::QueryLimits().max_rows;
  int max_hops = query::QueryLimits().max_hops;
  double timeout = query::QueryLimits().max_seconds;
};
struct Output {
  tools::ResultFormat format = tools::ResultFormat::kTable;
  tools::FormatOptions options;
  query::QueryLimits limits;
};
// Usage error (InvalidInput naming the formats) for an unknown --format.
Status ParseOutput(const OutputArgs& args, Output* out);
// Parses --param "name=value" arguments (query::ParseParam); a later one with
// the same name wins. InvalidInput on a bad name.
Status ParseParams(const std::vector<std::string>& assignments, query::Params* out);
// Prints "stancegraph: <message>" to stderr and returns kExitUsage.
int Usage(const std::string& message);

struct QueryArgs {
  std::string db;
  std::string text;  // the query; "-": read it from stdin
  std::string file;  // read the query from this file instead ("-": stdin)
  std::vector<std::string> params;  // "name=value"
  OutputArgs output;
};
// Runs one statement. 1 with the engine's message ("invalid input: line L,
// column C: ..." and the caret lines) when it fails.
int RunQueryCommand(const QueryArgs& args);

struct ShellArgs {
  std::string db;
  std::vector<std::string> params;  // initial parameters, as :param sets them
  OutputArgs output;
};
// The interactive shell when stdin is a terminal (libedit: line editing,
// history in ~/.stancegraph_history); else runs the `;`-terminated statements
// of stdin in order, reporting each failure (statement number, input line) and
// going on. Piped: exit 1 when any statement or shell command failed; on a
// terminal: 0 (each error was shown as it came).
int RunShell(const ShellArgs& args);

// The analyst verbs: each resolves its names as `show` does and prints rows as
// `query` does. `stances` and `timeline` answer from query/verbs.h, as the
// viewer's API does; `path`, `actors` and `positions` run one Cypher query.
struct VerbArgs {
  std::string db;
  std::string name;   // stances: the actor; timeline: the position; path: A
  std::string other;  // path: B
  std::string kind;   // the kind of `name`, when it is ambiguous; actors: only this kind
  std::string position;  // stances --position
  std::string actor;     // timeline --actor
  std::string since, until;  // ISO dates, inclusive; a month or year covers all of it
  int max_hops = 6;          // path
  std::vector<std::string> relations;  // path: empty: the analyst relations
  int limit = 20;  // actors, positions: --limit; rank, components: --top; 0: all
  std::string by = "degree";       // rank: degree, claims, pagerank, betweenness
  std::vector<std::string> kinds;  // rank, components: the snapshot's node kinds
  int members = 10;                // components: members named per component
  OutputArgs output;
};
int RunStances(const VerbArgs& args);
int RunTimeline(const VerbArgs& args);
int RunPath(const VerbArgs& args);
int RunActors(const VerbArgs& args);
int RunPositions(const VerbArgs& args);
// Graph analytics over a snapshot of the graph (query/analytics.h), printed as
// rows like the verbs above.
int RunRank(const VerbArgs& args);
int RunComponents(const VerbArgs& args);

}  // namespace sg::cli
