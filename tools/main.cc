// stancegraph: build a knowledge graph of political news and question it.
#include <CLI/CLI.hpp>

#include <iostream>

#include "tools/cli.h"

namespace {

using namespace sg::cli;

void AddDb(CLI::App* cmd, std::string* db) {
  cmd->add_option("--db", *db, "database directory (default: $STANCEGRAPH_DB or ./stancegraph.db)");
}

void AddOutput(CLI::App* cmd, OutputArgs* out) {
  cmd->add_option("--format", out->format, "table (default), json, jsonl or csv");
  cmd->add_flag("--json", out->json, "the same as --format json");
  cmd->add_flag("--wide", out->wide, "do not cut long table cells");
}

// Limits of `query` and `shell` (the verbs ask bounded questions already).
void AddLimits(CLI::App* cmd, OutputArgs* out) {
  cmd->add_option("--max-rows", out->max_rows, "fail past this many rows (default 1000000)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-hops", out->max_hops,
                  "longest variable-length pattern or shortestPath allowed (default 10)")
      ->check(CLI::Range(1, 100));
  cmd->add_option("--timeout", out->timeout, "fail after this many seconds (default 60; 0: none)")
      ->check(CLI::NonNegativeNumber);
}

void AddDates(CLI::App* cmd, VerbArgs* v) {
  cmd->add_option("--since", v->since, "only claims on or after this ISO date");
  cmd->add_option("--until", v->until, "only claims on or before this ISO date (a month or year: all of it)");
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

  CheckArgs check;
  auto* check_cmd = app.add_subcommand(
      "check", "verify the database's integrity: edges against claims, indexes, counts");
  check_cmd->add_flag("--repair", check.repair, "rebuild what is derived from articles, claims and nodes");
  check_cmd->add_flag("--json", check.json, "print JSON");
  AddDb(check_cmd, &db);

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
  export_cmd->add_option("--query", exp.query,
                         "only the nodes, relationships and paths this query returns (docs/query.md)");
  export_cmd->add_option("--param", exp.params, "a parameter of --query, name=value (repeatable)");
  AddDb(export_cmd, &db);

  ServeArgs serve;
  auto* serve_cmd = app.add_subcommand(
      "serve", "browse the graph in a web page, and answer its JSON API (docs/viewer.md)");
  serve_cmd->add_option("--port", serve.port, "TCP port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--host", serve.host, "address to bind (default 127.0.0.1)");
  AddDb(serve_cmd, &db);

  QueryArgs query;
  auto* query_cmd = app.add_subcommand(
      "query", "run one read-only Cypher query (docs/query.md) and print its rows");
  query_cmd->add_option("text", query.text, "the query; '-' reads it from stdin");
  query_cmd->add_option("--file", query.file, "read the query from this file");
  query_cmd->add_option("--param", query.params, "a parameter NAME=VALUE, as $NAME (repeatable)");
  AddOutput(query_cmd, &query.output);
  AddLimits(query_cmd, &query.output);
  AddDb(query_cmd, &db);

  ShellArgs shell;
  auto* shell_cmd = app.add_subcommand(
      "shell", "an interactive Cypher shell; with stdin not a terminal, run its ';'-ended statements");
  shell_cmd->add_option("--param", shell.params, "a parameter NAME=VALUE, as $NAME (repeatable)");
  AddOutput(shell_cmd, &shell.output);
  AddLimits(shell_cmd, &shell.output);
  AddDb(shell_cmd, &db);

  VerbArgs verb;
  auto* stances_cmd = app.add_subcommand(
      "stances", "the positions an actor supports, opposes or proposes, most claims first");
  stances_cmd->add_option("actor", verb.name, "a name or alias")->required();
  stances_cmd->add_option("--kind", verb.kind, "the actor's kind, when the name is ambiguous");
  stances_cmd->add_option("--position", verb.position,
                          "only this position (a name, else any position whose name contains it)");
  AddDates(stances_cmd, &verb);
  AddOutput(stances_cmd, &verb.output);
  AddDb(stances_cmd, &db);

  auto* timeline_cmd = app.add_subcommand(
      "timeline", "the claims for and against a position, in date order, with sentences and outlets");
  timeline_cmd->add_option("position", verb.name, "a position's name")->required();
  timeline_cmd->add_option("--actor", verb.actor, "only this actor's claims");
  AddDates(timeline_cmd, &verb);
  AddOutput(timeline_cmd, &verb.output);
  AddDb(timeline_cmd, &db);

  auto* path_cmd = app.add_subcommand("path", "a shortest chain of relations between two nodes");
  path_cmd->add_option("from", verb.name, "a name or alias")->required();
  path_cmd->add_option("to", verb.other, "a name or alias")->required();
  path_cmd->add_option("--max-hops", verb.max_hops, "longest chain looked for (default 6)")
      ->check(CLI::Range(1, 10));
  path_cmd->add_option("--relations", verb.relations,
                       "only these relations (comma-separated; default: all but MENTIONS, CITES)")
      ->delimiter(',');
  AddOutput(path_cmd, &verb.output);
  AddDb(path_cmd, &db);

  auto* actors_cmd = app.add_subcommand("actors", "actors by claims, with their edge counts");
  actors_cmd->add_option("--kind", verb.kind, "only Person, State or Organization");
  actors_cmd->add_option("--limit", verb.limit, "rows (default 20; 0: all)")
      ->check(CLI::NonNegativeNumber);
  AddOutput(actors_cmd, &verb.output);
  AddDb(actors_cmd, &db);

  auto* positions_cmd = app.add_subcommand(
      "positions", "positions by claims, with their actors and claims for and against");
  positions_cmd->add_option("--limit", verb.limit, "rows (default 20; 0: all)")
      ->check(CLI::NonNegativeNumber);
  AddOutput(positions_cmd, &verb.output);
  AddDb(positions_cmd, &db);

  auto* rank_cmd = app.add_subcommand(
      "rank", "the most central nodes: by degree, claims, PageRank or betweenness");
  rank_cmd->add_option("--by", verb.by, "degree (default), claims, pagerank or betweenness");
  rank_cmd->add_option("--top", verb.limit, "rows (default 20; 0: all)")->check(CLI::NonNegativeNumber);
  rank_cmd->add_option("--kinds", verb.kinds,
                       "only nodes of these kinds (comma-separated; default: actors and positions)")
      ->delimiter(',');
  AddOutput(rank_cmd, &verb.output);
  AddDb(rank_cmd, &db);

  auto* components_cmd = app.add_subcommand(
      "components", "the connected parts of the graph, largest first, with their best-connected members");
  components_cmd->add_option("--top", verb.limit, "components (default 20; 0: all)")
      ->check(CLI::NonNegativeNumber);
  components_cmd->add_option("--members", verb.members, "members named per component (default 10; 0: all)")
      ->check(CLI::NonNegativeNumber);
  components_cmd->add_option("--kinds", verb.kinds,
                             "only nodes of these kinds (comma-separated; default: actors and positions)")
      ->delimiter(',');
  AddOutput(components_cmd, &verb.output);
  AddDb(components_cmd, &db);

  EvalArgs eval;
  auto* eval_cmd = app.add_subcommand(
      "eval", "score extraction on annotated articles: each NAME.txt or NAME.md against the "
              "NAME.gold.tsv beside it (docs/eval.md)");
  eval_cmd->add_option("paths", eval.paths, "directories of annotated articles, or article files")
      ->required();
  eval_cmd->add_option("--lexicon", eval.lexicons, "extra lexicon TSV file, as for ingest (repeatable)");
  eval_cmd->add_option("--min-precision", eval.min_precision,
                       "fail (exit 1) when the articles' mean precision is below this")
      ->check(CLI::Range(0.0, 1.0));
  eval_cmd->add_option("--min-core-recall", eval.min_core_recall,
                       "fail (exit 1) when the articles' mean core recall is below this")
      ->check(CLI::Range(0.0, 1.0));
  eval_cmd->add_option("--max-split", eval.max_split,
                       "fail (exit 1) when more actors than this are split, all articles together")
      ->check(CLI::NonNegativeNumber);
  eval_cmd->add_flag("--json", eval.json, "print JSON");
  eval_cmd->add_flag("-v,--verbose", eval.verbose,
                     "also each gold fact found or missed, and the edges that matched none");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;  // CLI11's 100+ codes are usage errors
  }
  check.db = db;
  ingest.db = read.db = explain.db = exp.db = serve.db = query.db = shell.db = verb.db = db;
  if (*ingest_cmd) return RunIngest(ingest);
  if (*stats_cmd) return RunStats(read);
  if (*show_cmd) return RunShow(read);
  if (*neighbors_cmd) return RunNeighbors(read);
  if (*explain_cmd) return RunExplain(explain);
  if (*check_cmd) return RunCheck(check);
  if (*export_cmd) return RunExport(exp);
  if (*serve_cmd) return RunServe(serve);
  if (*query_cmd) return RunQueryCommand(query);
  if (*shell_cmd) return RunShell(shell);
  if (*stances_cmd) return RunStances(verb);
  if (*timeline_cmd) return RunTimeline(verb);
  if (*path_cmd) return RunPath(verb);
  if (*actors_cmd) return RunActors(verb);
  if (*positions_cmd) return RunPositions(verb);
  if (*rank_cmd) return RunRank(verb);
  if (*components_cmd) return RunComponents(verb);
  if (*eval_cmd) return RunEval(eval);
  return kExitUsage;
}
