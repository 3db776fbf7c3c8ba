// stancegraph: build a knowledge graph of political news and question it.
#include <CLI/CLI.hpp>

#include <iostream>

#include "tools/cli.h"

namespace {

using namespace sg::cli;

void AddDb(CLI::App* cmd, std::string* db) {
  cmd->add_option("--db", *db, "database directory (default: $STANCEGRAPH_DB or ./stancegraph.db)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"stancegraph: a knowledge graph of who holds which office, who stands for or "
               "against what, and who met, threatened or attacked whom, built from news."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "stancegraph 0.1.0");
  std::string db = sg::DefaultDatabasePath();
  app.add_option("--db", db, "database directory (default: $STANCEGRAPH_DB or ./stancegraph.db)");

  IngestArgs ingest;
  auto* ingest_cmd = app.add_subcommand(
      "ingest", "read articles (.txt, .md, .jsonl) or ready-made claims (.jsonl) into the graph");
  ingest_cmd->add_option("paths", ingest.paths, "files or directories, '-' for stdin")->required();
  ingest_cmd->add_option("--lexicon", ingest.lexicons, "extra lexicon TSV file (repeatable)");
  ingest_cmd->add_flag("--skip-invalid", ingest.skip_invalid, "report and skip malformed lines");
  ingest_cmd->add_flag("--quiet,-q", ingest.quiet, "no summary line");
  ingest_cmd->add_flag("--json", ingest.json, "print the summary as JSON");
  AddDb(ingest_cmd, &db);

  ReadArgs read;
  auto* stats_cmd = app.add_subcommand("stats", "count nodes, edges, claims and articles");
  stats_cmd->add_flag("--json", read.json, "print JSON");
  AddDb(stats_cmd, &db);

  auto* show_cmd = app.add_subcommand(
      "show", "a node with its aliases, its edges and their claims with sentences and sources");
  show_cmd->add_option("name", read.name, "a name or alias")->required();
  show_cmd->add_option("--kind", read.kind, "Person, State, Organization, Position, Article, Source");
  show_cmd->add_option("--claims", read.claims_per_edge, "claims shown per edge (default 5)")
      ->check(CLI::NonNegativeNumber);
  show_cmd->add_flag("--json", read.json, "print JSON");
  AddDb(show_cmd, &db);

  auto* neighbors_cmd = app.add_subcommand("neighbors", "the actors and positions near a node");
  neighbors_cmd->add_option("name", read.name, "a name or alias")->required();
  neighbors_cmd->add_option("--kind", read.kind, "the node's kind, when the name is ambiguous");
  neighbors_cmd->add_option("--depth", read.depth, "hops (default 1)")->check(CLI::Range(1, 6));
  neighbors_cmd->add_option("--relations", read.relations, "only these relations (comma-separated)")
      ->delimiter(',');
  neighbors_cmd->add_flag("--json", read.json, "print JSON");
  AddDb(neighbors_cmd, &db);

  ExplainArgs explain;
  auto* explain_cmd = app.add_subcommand(
      "explain", "each claim behind an edge, with its sentence, outlet and date");
  explain_cmd->add_option("subject", explain.subject)->required();
  explain_cmd->add_option("relation", explain.relation, "e.g. OPPOSES")->required();
  explain_cmd->add_option("object", explain.object)->required();
  explain_cmd->add_flag("--json", explain.json, "print JSON");
  AddDb(explain_cmd, &db);

  ExportArgs exp;
  auto* export_cmd = app.add_subcommand("export", "write the graph for Neo4j, Gephi or Graphviz");
  export_cmd->add_option("--format", exp.format,
                          "graphml, gexf, dot, cyjs, jsonl (Neo4j APOC), neo4j-csv (docs/exports.md)")
      ->required();
  export_cmd->add_option("--out", exp.out, "output file (default: stdout); a directory for neo4j-csv");
  export_cmd->add_option("--around", exp.around, "only the neighbourhood of this name or alias");
  export_cmd->add_option("--kind", exp.kind, "the kind of --around, when its name is ambiguous");
  export_cmd->add_option("--depth", exp.depth, "hops around --around (default 1)")
      ->check(CLI::Range(1, 6));
  export_cmd->add_option("--since", exp.since, "only edges with claims on or after this ISO date");
  export_cmd->add_option("--until", exp.until, "only edges with claims on or before this ISO date");
  export_cmd->add_option("--kinds", exp.kinds, "only nodes of these kinds (comma-separated)")
      ->delimiter(',');
  export_cmd->add_option("--relations", exp.relations, "only these relations (comma-separated)")
      ->delimiter(',');
  AddDb(export_cmd, &db);

  ServeArgs serve;
  auto* serve_cmd = app.add_subcommand(
      "serve", "browse the graph in a web page, and answer its JSON API (docs/viewer.md)");
  serve_cmd->add_option("--port", serve.port, "TCP port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--host", serve.host, "address to bind (default 127.0.0.1)");
  AddDb(serve_cmd, &db);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;  // CLI11's 100+ codes are usage errors
  }
  ingest.db = read.db = explain.db = exp.db = serve.db = db;
  if (*ingest_cmd) return RunIngest(ingest);
  if (*stats_cmd) return RunStats(read);
  if (*show_cmd) return RunShow(read);
  if (*neighbors_cmd) return RunNeighbors(read);
  if (*explain_cmd) return RunExplain(explain);
  if (*export_cmd) return RunExport(exp);
  if (*serve_cmd) return RunServe(serve);
  return kExitUsage;
}
