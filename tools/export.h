// Exports of the stored graph, or of a filtered part of it, for the tools
// analysts already use (docs/exports.md): GraphML, GEXF, Graphviz DOT,
// Cytoscape.js JSON, Neo4j APOC JSON lines and neo4j-admin CSV.
//
// Every writer streams: it iterates the Subgraph (which iterates the store) and
// never holds the whole document, or every record, in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/status.h"
#include "storage/store.h"

namespace sg::tools {

enum class ExportFormat { kJsonl, kGraphml, kDot, kGexf, kCyjs, kNeo4jCsv };

// "jsonl", "graphml", "dot", "gexf", "cyjs", "neo4j-csv"; empty when unknown.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
// The names above, comma-separated, for usage messages.
std::string_view ExportFormatNames();
// neo4j-csv writes a directory of files; the others write one stream.
bool WritesDirectory(ExportFormat format);

// Which part of the graph an export keeps (docs/exports.md "Filters").
//
// Node filters: `around` (the start node and the nodes query::Neighbors reaches
// within `depth` hops over `relations`, else over the analyst relations) and
// `kinds`. Edge filters: `relations` and the date range [since, until].
// An edge is kept when it passes the edge filters and both ends are kept. A node
// is kept when it passes the node filters and, if an edge filter is active, has
// at least one kept edge (the `around` start node is kept regardless).
struct ExportFilter {
  std::optional<uint64_t> around;  // start node id (resolved by the caller)
  int depth = 1;                   // hops from `around`, >= 1
  // ISO dates ("YYYY", "YYYY-MM", "YYYY-MM-DD"), "" for open. An edge is kept
  // when [first_date, last_date] meets [since, until], a partial date standing
  // for its whole month or year; undated edges are dropped when either is set.
  std::string since, until;
  std::set<NodeKind> kinds;        // empty: every kind
  std::set<Relation> relations;    // empty: every relation
  // `--query`: the nodes and relationships a query returned (the ends of each
  // relationship included); the filters above then apply to them. Not with
  // `around`.
  bool from_query = false;
  std::set<uint64_t> query_nodes;
  std::set<keys::EdgeKey> query_edges;

  bool HasEdgeFilter() const { return !since.empty() || !until.empty() || !relations.empty(); }
};

// Parses kind / relation names as the schema spells them ("Person",
// "OPPOSES"). InvalidInput names the first unknown one.
Status ParseKinds(const std::vector<std::string>& names, std::set<NodeKind>* out);
Status ParseRelations(const std::vector<std::string>& names, std::set<Relation>* out);

// The nodes and edges an ExportFilter keeps, computed once and iterated by every
// writer. Holds one (id, kind) entry per kept node, never node or edge records.
// Borrows the store, which must outlive it. Read-only after Compute(): safe to
// iterate from several threads.
class Subgraph {
 public:
  // Errors: InvalidInput (a date that is not ISO, depth < 1), NotFound (the
  // `around` node), and any store error.
  static Status Compute(const Store& store, const ExportFilter& filter, Subgraph* out);

  // Kept nodes in id order; kept edges in key order (source, relation, target).
  // A callback's non-ok status stops the scan and is returned.
  Status ForEachNode(const std::function<Status(const NodeRecord&)>& fn) const;
  Status ForEachEdge(const std::function<Status(const EdgeRecord&)>& fn) const;

  bool KeepsNode(uint64_t id) const { return kinds_.count(id) > 0; }
  bool KeepsEdge(const EdgeRecord& e) const;
  // REQUIRES: KeepsNode(id).
  NodeKind KindOf(uint64_t id) const { return kinds_.at(id); }
  size_t node_count() const { return kinds_.size(); }
  // The neighbourhood walk stopped at query::NeighborhoodOptions::max_nodes.
  bool truncated() const { return truncated_; }

 private:
  Status CollectAll();
  Status CollectNeighbourhood();
  Status CollectQueried();
  Status DropNodesWithoutEdges();
  void Add(const NodeRecord& n);

  const Store* store_ = nullptr;
  ExportFilter filter_;
  std::unordered_map<uint64_t, NodeKind> kinds_;  // the kept nodes
  std::vector<uint64_t> walked_;  // with `around` or a query: the kept ids, sorted
  bool truncated_ = false;
};

struct ExportCounts {
  size_t nodes = 0;
  size_t edges = 0;
};

// Writes `graph` in `format` to `out`; counts go to *counts when given.
// InvalidInput for a directory format (neo4j-csv); IOError when `out` fails.
Status ExportGraph(const Subgraph& graph, ExportFormat format, std::ostream& out,
                   ExportCounts* counts = nullptr);

// Writes nodes.csv, relationships.csv and README.md (with the neo4j-admin
// import command) into `dir`, creating it when missing. Each file is written
// beside its target and renamed into place, so a failure leaves no half file.
Status ExportNeo4jCsv(const Subgraph& graph, const std::string& dir,
                      ExportCounts* counts = nullptr);

// Text made safe for XML 1.0: invalid UTF-8 and control characters other than
// tab and newline are dropped (news text carries them).
std::string XmlSafe(std::string_view text);
// A DOT double-quoted string, quotes included.
std::string DotQuote(std::string_view text);
// One RFC 4180 CSV cell: quoted (with `"` doubled) when it holds a comma, quote,
// CR or LF. A cell starting with = + - @ tab or CR gets a leading `'` first, so
// spreadsheets show it as text instead of running it as a formula.
std::string CsvCell(std::string_view text);

}  // namespace sg::tools
