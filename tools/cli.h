// The `stancegraph` command line: one function per command, sharing the
// conventions below. Exit status: 0 success, 1 failure, 2 usage.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/status.h"
#include "storage/store.h"

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
int RunExplain(const ExplainArgs& args);

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

}  // namespace sg::cli
