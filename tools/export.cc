// The export front door, the JSON-based writers (Neo4j APOC JSON lines,
// Cytoscape.js) and Graphviz DOT. XML formats: export_xml.cc; CSV: export_csv.cc.
#include "tools/export.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "graph/names.h"
#include "tools/export_internal.h"

namespace sg::tools {
namespace {

using nlohmann::json;

// json::dump with invalid UTF-8 replaced rather than thrown on.
std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string NodeId(uint64_t id) { return "n" + std::to_string(id); }

// ----- Neo4j APOC JSON lines. `stancegraph eval` (tools/eval_score.h) scores
// the graph as these lines show it, as the original scorer did: keep the properties
// exactly.

json NodeProperties(const NodeRecord& n) {
  json p = {{"name", n.name}, {"aliases", n.aliases}};
  if (!n.code.empty()) p["code"] = n.code;
  for (const auto& [k, v] : n.properties) p[k] = v;
  return p;
}

json EdgeProperties(const EdgeRecord& e) {
  json p = {{"claims", e.claim_count}, {"articles", e.article_count}, {"sources", e.outlets}};
  if (!e.titles.empty()) {
    p["title"] = e.titles.front();
    p["titles"] = e.titles;
  }
  if (!e.first_date.empty()) p["first_date"] = e.first_date;
  if (!e.last_date.empty()) p["last_date"] = e.last_date;
  return p;
}

json ApocEnd(const Subgraph& g, uint64_t id) {
  return json{{"id", std::to_string(id)}, {"labels", {NodeKindName(g.KindOf(id))}}};
}

Status WriteApocNode(const NodeRecord& n, std::ostream& out) {
  json j = {{"type", "node"}, {"id", std::to_string(n.id)},
            {"labels", {NodeKindName(n.kind)}}, {"properties", NodeProperties(n)}};
  out << Dump(j) << '\n';
  return Status::OK();
}

Status WriteApocEdge(const Subgraph& g, const EdgeRecord& e, std::ostream& out) {
  json j = {{"type", "relationship"}, {"id", std::to_string(e.id)},
            {"label", RelationName(e.key.relation)}, {"start", ApocEnd(g, e.key.source)},
            {"end", ApocEnd(g, e.key.target)}, {"properties", EdgeProperties(e)}};
  out << Dump(j) << '\n';
  return Status::OK();
}

// ----- Cytoscape.js elements JSON (also Cytoscape desktop's .cyjs).

json CyNode(const NodeRecord& n) {
  json d = {{"id", NodeId(n.id)}, {"label", n.name}, {"kind", NodeKindName(n.kind)},
            {"name", n.name}, {"aliases", n.aliases}};
  if (!n.code.empty()) d["code"] = n.code;
  for (const char* key : kArticleProperties) {
    std::string_view v = NodeProperty(n, key);
    if (!v.empty()) d[key] = v;
  }
  return {{"data", std::move(d)}};
}

json CyEdge(const EdgeRecord& e) {
  json d = {{"id", "e" + std::to_string(e.id)}, {"source", NodeId(e.key.source)},
            {"target", NodeId(e.key.target)}, {"relation", RelationName(e.key.relation)},
            {"label", RelationName(e.key.relation)}, {"symmetric", IsSymmetric(e.key.relation)},
            {"claims", e.claim_count}, {"articles", e.article_count},
            {"titles", e.titles}, {"sources", e.outlets}};
  if (!e.titles.empty()) d["title"] = e.titles.front();
  if (!e.first_date.empty()) d["first_date"] = e.first_date;
  if (!e.last_date.empty()) d["last_date"] = e.last_date;
  return {{"data", std::move(d)}};
}

// ----- DOT: kinds as shapes, stance polarity as colour.

const char* Shape(NodeKind k) {
  switch (k) {
    case NodeKind::kPerson: return "ellipse";
    case NodeKind::kState: return "box";
    case NodeKind::kOrganization: return "hexagon";
    case NodeKind::kPosition: return "note";
    case NodeKind::kArticle: return "folder";
    case NodeKind::kSource: return "cylinder";
  }
  return "ellipse";
}

const char* Color(Relation r) {
  if (IsDerived(r)) return "gray70";
  switch (RelationTone(r)) {
    case Tone::kPositive: return "forestgreen";
    case Tone::kNegative: return "firebrick";
    case Tone::kNeutral: break;
  }
  return "gray30";
}

void WriteDotNode(const NodeRecord& n, std::ostream& out) {
  out << "  n" << n.id << " [label=" << DotQuote(n.name) << ", shape=" << Shape(n.kind)
      << ", kind=" << DotQuote(NodeKindName(n.kind)) << "];\n";
}

void WriteDotEdge(const EdgeRecord& e, std::ostream& out) {
  std::string label(RelationName(e.key.relation));
  if (!e.titles.empty()) label += "\n" + e.titles.front();
  out << "  n" << e.key.source << " -> n" << e.key.target << " [label=" << DotQuote(label)
      << ", color=" << Color(e.key.relation) << ", claims=" << e.claim_count;
  if (IsSymmetric(e.key.relation)) out << ", dir=both";
  out << "];\n";
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

// ----- Helpers shared by the writers (export_internal.h).

std::string_view NodeProperty(const NodeRecord& n, std::string_view key) {
  for (const auto& [k, v] : n.properties) {
    if (k == key) return v;
  }
  return {};
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

uint32_t DateFirst(std::string_view iso_date) {
  if (!IsIsoDate(iso_date)) return 0;
  const uint32_t key = keys::DateKey(iso_date);  // missing month / day are 00
  if (key % 10000 == 0) return key + 101;
  return key % 100 == 0 ? key + 1 : key;
}

uint32_t DateLast(std::string_view iso_date) {
  if (!IsIsoDate(iso_date)) return 0;
  const uint32_t key = keys::DateKey(iso_date);
  const int year = static_cast<int>(key / 10000);
  if (key % 10000 == 0) return key + 1231;
  return key % 100 == 0 ? key + DaysInMonth(year, static_cast<int>(key / 100 % 100)) : key;
}

std::string FormatDate(uint32_t d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", d / 10000, d / 100 % 100, d % 100);
  return buf;
}

Status WriteJsonl(const Subgraph& g, std::ostream& out, ExportCounts* counts) {
  SG_RETURN_IF_ERROR(g.ForEachNode([&](const NodeRecord& n) {
    ++counts->nodes;
    return WriteApocNode(n, out);
  }));
  return g.ForEachEdge([&](const EdgeRecord& e) {
    ++counts->edges;
    return WriteApocEdge(g, e, out);
  });
}

Status WriteCyjs(const Subgraph& g, std::ostream& out, ExportCounts* counts) {
  out << R"({"format_version":"1.0","generated_by":"stancegraph",)"
      << R"("target_cytoscapejs_version":"~3","data":{"name":"stancegraph"},)"
      << "\n\"elements\":{\"nodes\":[\n";
  SG_RETURN_IF_ERROR(g.ForEachNode([&](const NodeRecord& n) {
    out << (counts->nodes++ ? ",\n" : "") << Dump(CyNode(n));
    return Status::OK();
  }));
  out << "\n],\"edges\":[\n";
  SG_RETURN_IF_ERROR(g.ForEachEdge([&](const EdgeRecord& e) {
    out << (counts->edges++ ? ",\n" : "") << Dump(CyEdge(e));
    return Status::OK();
  }));
  out << "\n]}}\n";
  return Status::OK();
}

Status WriteDot(const Subgraph& g, std::ostream& out, ExportCounts* counts) {
  out << "digraph stancegraph {\n  graph [overlap=false, splines=true];\n"
         "  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=9];\n";
  SG_RETURN_IF_ERROR(g.ForEachNode([&](const NodeRecord& n) {
    ++counts->nodes;
    WriteDotNode(n, out);
    return Status::OK();
  }));
  SG_RETURN_IF_ERROR(g.ForEachEdge([&](const EdgeRecord& e) {
    ++counts->edges;
    WriteDotEdge(e, out);
    return Status::OK();
  }));
  out << "}\n";
  return Status::OK();
}

// ----- The public interface (export.h).

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "graphml") return ExportFormat::kGraphml;
  if (name == "dot") return ExportFormat::kDot;
  if (name == "gexf") return ExportFormat::kGexf;
  if (name == "cyjs") return ExportFormat::kCyjs;
  if (name == "neo4j-csv") return ExportFormat::kNeo4jCsv;
  return std::nullopt;
}

std::string_view ExportFormatNames() { return "graphml, gexf, dot, cyjs, jsonl, neo4j-csv"; }

bool WritesDirectory(ExportFormat format) { return format == ExportFormat::kNeo4jCsv; }

std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 0x20 || c == '\t' || c == '\n') out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    std::string_view cp = text.substr(i, len);
    if (len > 1 && cp.size() == len && IsValidUtf8(cp)) out.append(cp);
    i += len > 1 && cp.size() == len && IsValidUtf8(cp) ? len : 1;
  }
  return out;
}

std::string DotQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : XmlSafe(text)) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out + "\"";
}

Status ExportGraph(const Subgraph& graph, ExportFormat format, std::ostream& out,
                   ExportCounts* counts) {
  ExportCounts local;
  ExportCounts* c = counts ? counts : &local;
  *c = {};
  Status s;
  switch (format) {
    case ExportFormat::kJsonl: s = WriteJsonl(graph, out, c); break;
    case ExportFormat::kGraphml: s = WriteGraphml(graph, out, c); break;
    case ExportFormat::kDot: s = WriteDot(graph, out, c); break;
    case ExportFormat::kGexf: s = WriteGexf(graph, out, c); break;
    case ExportFormat::kCyjs: s = WriteCyjs(graph, out, c); break;
    case ExportFormat::kNeo4jCsv:
      return Status::InvalidInput("neo4j-csv writes a directory: give --out DIR");
  }
  SG_RETURN_IF_ERROR(s);
  if (!out) return Status::IOError("writing the export failed");
  return Status::OK();
}

}  // namespace sg::tools
