// neo4j-csv: a directory of CSV files with `neo4j-admin database import full`
// headers, and a README.md with the command that imports them.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tools/export.h"
#include "tools/export_internal.h"

namespace sg::tools {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNodesFile = "nodes.csv";
constexpr const char* kRelationshipsFile = "relationships.csv";
// neo4j-admin splits `string[]` cells on this; an element holding it would split.
constexpr const char* kArrayDelimiter = ";";

constexpr const char* kNodesHeader =
    "id:ID,:LABEL,name,aliases:string[],code,title,date,url,source,author\n";
constexpr const char* kRelationshipsHeader =
    ":START_ID,:END_ID,:TYPE,claims:int,articles:int,first_date:date,last_date:date,"
    "title,titles:string[],sources:string[]\n";

bool StartsLikeFormula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

std::string ArrayCell(const std::vector<std::string>& items) {
  return CsvCell(Join(items, kArrayDelimiter));
}

void WriteNodeRow(const NodeRecord& n, std::ostream& out) {
  out << n.id << ',' << NodeKindName(n.kind) << ',' << CsvCell(n.name) << ','
      << ArrayCell(n.aliases) << ',' << CsvCell(n.code);
  for (const char* key : kArticleProperties) out << ',' << CsvCell(NodeProperty(n, key));
  out << '\n';
}

// Dates are ISO ("YYYY", "YYYY-MM" or "YYYY-MM-DD"), which Neo4j's date type reads.
void WriteRelationshipRow(const EdgeRecord& e, std::ostream& out) {
  out << e.key.source << ',' << e.key.target << ',' << RelationName(e.key.relation) << ','
      << e.claim_count << ',' << e.article_count << ',' << CsvCell(e.first_date) << ','
      << CsvCell(e.last_date) << ',' << CsvCell(e.titles.empty() ? "" : e.titles.front()) << ','
      << ArrayCell(e.titles) << ',' << ArrayCell(e.outlets) << '\n';
}

// A path as one shell word: single-quoted unless it is plainly safe.
std::string ShellWord(const std::string& text) {
  if (text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                             "/._-+:@%") == std::string::npos) {
    return text;
  }
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string ImportCommand(const fs::path& dir) {
  return "neo4j-admin database import full --nodes=" + ShellWord(dir / kNodesFile) +
         " --relationships=" + ShellWord(dir / kRelationshipsFile) + " --array-delimiter=\"" +
         kArrayDelimiter + "\" --multiline-fields=true neo4j";
}

void WriteReadme(const fs::path& dir, const ExportCounts& counts, std::ostream& out) {
  out << "# Stancegraph graph for Neo4j\n\n"
      << "Written by `stancegraph export --format neo4j-csv`: " << counts.nodes << " nodes in `"
      << kNodesFile << "`, " << counts.edges << " relationships in `" << kRelationshipsFile
      << "`.\n\nImport into an empty database named `neo4j` (Neo4j 5, server stopped; add "
         "`--overwrite-destination` to replace an existing one):\n\n    "
      << ImportCommand(fs::absolute(dir)) << "\n\n"
      << "- `--multiline-fields=true`: names and titles may hold line breaks, kept inside "
         "quoted cells.\n"
      << "- Array properties (`aliases`, `titles`, `sources`) are split on `" << kArrayDelimiter
      << "`.\n"
      << "- A text cell that would start with `=`, `+`, `-`, `@`, a tab or a carriage return "
         "starts with `'` instead, so spreadsheets show it rather than run it as a formula: "
         "strip that `'` if you need the exact text.\n"
      << "- More: docs/exports.md in the Stancegraph sources.\n";
}

// Writes `path` through `path.tmp` and a rename, so a failure leaves no half file.
template <typename Fn>
Status WriteFile(const fs::path& path, Fn write) {
  const fs::path tmp = fs::path(path) += ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError(tmp.string() + ": cannot create");
  Status s = write(out);
  out.close();
  if (s.ok() && !out) s = Status::IOError(tmp.string() + ": write failed");
  std::error_code ec;
  if (s.ok()) fs::rename(tmp, path, ec);
  if (s.ok() && ec) s = Status::IOError(path.string() + ": cannot rename into place");
  if (!s.ok()) fs::remove(tmp, ec);
  return s;
}

Status WriteNodes(const Subgraph& g, std::ostream& out, ExportCounts* counts) {
  out << kNodesHeader;
  return g.ForEachNode([&](const NodeRecord& n) {
    ++counts->nodes;
    WriteNodeRow(n, out);
    return Status::OK();
  });
}

Status WriteRelationships(const Subgraph& g, std::ostream& out, ExportCounts* counts) {
  out << kRelationshipsHeader;
  return g.ForEachEdge([&](const EdgeRecord& e) {
    ++counts->edges;
    WriteRelationshipRow(e, out);
    return Status::OK();
  });
}

}  // namespace

std::string CsvCell(std::string_view text) {
  std::string cell = StartsLikeFormula(text) ? "'" + std::string(text) : std::string(text);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Status ExportNeo4jCsv(const Subgraph& graph, const std::string& dir, ExportCounts* counts) {
  ExportCounts local;
  ExportCounts* c = counts ? counts : &local;
  *c = {};
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError(dir + ": cannot create directory: " + ec.message());
  const fs::path root(dir);
  SG_RETURN_IF_ERROR(WriteFile(root / kNodesFile, [&](std::ostream& out) {
    return WriteNodes(graph, out, c);
  }));
  SG_RETURN_IF_ERROR(WriteFile(root / kRelationshipsFile, [&](std::ostream& out) {
    return WriteRelationships(graph, out, c);
  }));
  return WriteFile(root / "README.md", [&](std::ostream& out) {
    WriteReadme(root, *c, out);
    return Status::OK();
  });
}

}  // namespace sg::tools
