#include "tools/export.h"

#include <libxml/xmlwriter.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "graph/names.h"

namespace sg::tools {
namespace {

using nlohmann::json;

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// json::dump with invalid UTF-8 replaced rather than thrown on.
std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

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

Status WriteJsonl(const Store& store, std::ostream& out, size_t* nodes, size_t* edges) {
  std::unordered_map<uint64_t, NodeKind> kinds;
  SG_RETURN_IF_ERROR(store.ForEachNode([&](const NodeRecord& n) {
    kinds[n.id] = n.kind;
    ++*nodes;
    json j = {{"type", "node"}, {"id", std::to_string(n.id)},
              {"labels", {NodeKindName(n.kind)}}, {"properties", NodeProperties(n)}};
    out << Dump(j) << '\n';
    return Status::OK();
  }));
  return store.ForEachEdge([&](const EdgeRecord& e) {
    ++*edges;
    auto end = [&](uint64_t id) {
      return json{{"id", std::to_string(id)}, {"labels", {NodeKindName(kinds[id])}}};
    };
    json j = {{"type", "relationship"}, {"id", std::to_string(e.id)},
              {"label", RelationName(e.key.relation)}, {"start", end(e.key.source)},
              {"end", end(e.key.target)}, {"properties", EdgeProperties(e)}};
    out << Dump(j) << '\n';
    return Status::OK();
  });
}

// ----- GraphML, through libxml2's writer (escaping is its job).

struct GraphmlKey {
  const char* id;
  const char* domain;  // "node" or "edge"
  const char* type;    // GraphML attr.type
};
constexpr GraphmlKey kGraphmlKeys[] = {
    {"kind", "node", "string"},      {"name", "node", "string"},
    {"aliases", "node", "string"},   {"code", "node", "string"},
    {"relation", "edge", "string"},  {"title", "edge", "string"},
    {"claims", "edge", "int"},       {"articles", "edge", "int"},
    {"first_date", "edge", "string"}, {"last_date", "edge", "string"},
    {"sources", "edge", "string"},
};

class XmlOut {
 public:
  XmlOut() : buffer_(xmlBufferCreate()), w_(xmlNewTextWriterMemory(buffer_, 0)) {
    xmlTextWriterSetIndent(w_, 1);
    xmlTextWriterSetIndentString(w_, BAD_CAST "  ");
  }
  ~XmlOut() {
    if (w_) xmlFreeTextWriter(w_);
    xmlBufferFree(buffer_);
  }
  void Start(const char* name) { xmlTextWriterStartElement(w_, BAD_CAST name); }
  void End() { xmlTextWriterEndElement(w_); }
  void Attr(const char* name, std::string_view value) {
    xmlTextWriterWriteAttribute(w_, BAD_CAST name, BAD_CAST XmlSafe(value).c_str());
  }
  void Data(const char* key, std::string_view value) {
    Start("data");
    Attr("key", key);
    xmlTextWriterWriteString(w_, BAD_CAST XmlSafe(value).c_str());
    End();
  }
  // Moves what was written so far to `out`, keeping memory flat on big graphs.
  void Drain(std::ostream& out) {
    xmlTextWriterFlush(w_);
    out.write(reinterpret_cast<const char*>(xmlBufferContent(buffer_)), xmlBufferLength(buffer_));
    xmlBufferEmpty(buffer_);
  }
  xmlTextWriterPtr writer() { return w_; }

 private:
  xmlBufferPtr buffer_;
  xmlTextWriterPtr w_;
};

Status WriteGraphml(const Store& store, std::ostream& out, size_t* nodes, size_t* edges) {
  XmlOut x;
  xmlTextWriterStartDocument(x.writer(), nullptr, "UTF-8", nullptr);
  x.Start("graphml");
  x.Attr("xmlns", "http://graphml.graphdrawing.org/xmlns");
  for (const auto& k : kGraphmlKeys) {
    x.Start("key");
    x.Attr("id", k.id);
    x.Attr("for", k.domain);
    x.Attr("attr.name", k.id);
    x.Attr("attr.type", k.type);
    x.End();
  }
  x.Start("graph");
  x.Attr("id", "stancegraph");
  x.Attr("edgedefault", "directed");
  SG_RETURN_IF_ERROR(store.ForEachNode([&](const NodeRecord& n) {
    ++*nodes;
    x.Start("node");
    x.Attr("id", "n" + std::to_string(n.id));
    x.Data("kind", NodeKindName(n.kind));
    x.Data("name", n.name);
    x.Data("aliases", Join(n.aliases, "|"));
    if (!n.code.empty()) x.Data("code", n.code);
    x.End();
    if (*nodes % 4096 == 0) x.Drain(out);
    return Status::OK();
  }));
  SG_RETURN_IF_ERROR(store.ForEachEdge([&](const EdgeRecord& e) {
    ++*edges;
    x.Start("edge");
    x.Attr("id", "e" + std::to_string(e.id));
    x.Attr("source", "n" + std::to_string(e.key.source));
    x.Attr("target", "n" + std::to_string(e.key.target));
    x.Data("relation", RelationName(e.key.relation));
    if (!e.titles.empty()) x.Data("title", Join(e.titles, "|"));
    x.Data("claims", std::to_string(e.claim_count));
    x.Data("articles", std::to_string(e.article_count));
    if (!e.first_date.empty()) x.Data("first_date", e.first_date);
    if (!e.last_date.empty()) x.Data("last_date", e.last_date);
    x.Data("sources", Join(e.outlets, "|"));
    x.End();
    if (*edges % 4096 == 0) x.Drain(out);
    return Status::OK();
  }));
  xmlTextWriterEndDocument(x.writer());
  x.Drain(out);
  return Status::OK();
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
  switch (r) {
    case Relation::kSupports: case Relation::kProposes: case Relation::kCooperatesWith:
      return "forestgreen";
    case Relation::kOpposes: case Relation::kCriticizes: case Relation::kThreatens:
    case Relation::kSanctions: case Relation::kAttacks:
      return "firebrick";
    case Relation::kMentions: case Relation::kCites:
      return "gray70";
    default:
      return "gray30";
  }
}

Status WriteDot(const Store& store, std::ostream& out, size_t* nodes, size_t* edges) {
  out << "digraph stancegraph {\n  graph [overlap=false, splines=true];\n"
         "  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=9];\n";
  SG_RETURN_IF_ERROR(store.ForEachNode([&](const NodeRecord& n) {
    ++*nodes;
    out << "  n" << n.id << " [label=" << DotQuote(n.name) << ", shape=" << Shape(n.kind)
        << ", kind=" << DotQuote(NodeKindName(n.kind)) << "];\n";
    return Status::OK();
  }));
  SG_RETURN_IF_ERROR(store.ForEachEdge([&](const EdgeRecord& e) {
    ++*edges;
    std::string label(RelationName(e.key.relation));
    if (!e.titles.empty()) label += "\n" + e.titles.front();
    out << "  n" << e.key.source << " -> n" << e.key.target << " [label=" << DotQuote(label)
        << ", color=" << Color(e.key.relation) << ", claims=" << e.claim_count;
    if (IsSymmetric(e.key.relation)) out << ", dir=both";
    out << "];\n";
    return Status::OK();
  }));
  out << "}\n";
  return Status::OK();
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "graphml") return ExportFormat::kGraphml;
  if (name == "dot") return ExportFormat::kDot;
  return std::nullopt;
}

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

Status ExportGraph(const Store& store, ExportFormat format, std::ostream& out, size_t* nodes,
                   size_t* edges) {
  size_t n = 0, e = 0;
  Status s;
  switch (format) {
    case ExportFormat::kJsonl: s = WriteJsonl(store, out, &n, &e); break;
    case ExportFormat::kGraphml: s = WriteGraphml(store, out, &n, &e); break;
    case ExportFormat::kDot: s = WriteDot(store, out, &n, &e); break;
  }
  if (nodes) *nodes = n;
  if (edges) *edges = e;
  SG_RETURN_IF_ERROR(s);
  if (!out) return Status::IOError("writing the export failed");
  return Status::OK();
}

}  // namespace sg::tools
