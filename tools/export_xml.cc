// The XML exports, GraphML and GEXF 1.3, through libxml2's writer (escaping is
// its job; XmlSafe drops what XML 1.0 cannot carry at all).
#include <libxml/xmlwriter.h>

#include <algorithm>
#include <span>
#include <unordered_map>
#include <utility>

#include "tools/export.h"
#include "tools/export_internal.h"

namespace sg::tools {
namespace {

// libxml2's writer over a memory buffer, drained to the stream as it fills.
class XmlOut {
 public:
  XmlOut() : buffer_(xmlBufferCreate()), w_(xmlNewTextWriterMemory(buffer_, 0)) {
    xmlTextWriterSetIndent(w_, 1);
    xmlTextWriterSetIndentString(w_, BAD_CAST "  ");
    xmlTextWriterStartDocument(w_, nullptr, "UTF-8", nullptr);
  }
  ~XmlOut() {
    if (w_) xmlFreeTextWriter(w_);
    xmlBufferFree(buffer_);
  }
  XmlOut(const XmlOut&) = delete;
  XmlOut& operator=(const XmlOut&) = delete;

  void Start(const char* name) { xmlTextWriterStartElement(w_, BAD_CAST name); }
  void End() { xmlTextWriterEndElement(w_); }
  void Attr(const char* name, std::string_view value) {
    xmlTextWriterWriteAttribute(w_, BAD_CAST name, BAD_CAST XmlSafe(value).c_str());
  }
  void Text(std::string_view text) {
    xmlTextWriterWriteString(w_, BAD_CAST XmlSafe(text).c_str());
  }
  // Moves what was written so far to `out`, keeping memory flat on big graphs.
  void Drain(std::ostream& out) {
    xmlTextWriterFlush(w_);
    out.write(reinterpret_cast<const char*>(xmlBufferContent(buffer_)), xmlBufferLength(buffer_));
    xmlBufferEmpty(buffer_);
  }
  void DrainEvery(size_t count, std::ostream& out) {
    if (count % 4096 == 0) Drain(out);
  }
  void Finish(std::ostream& out) {
    xmlTextWriterEndDocument(w_);
    Drain(out);
  }

 private:
  xmlBufferPtr buffer_;
  xmlTextWriterPtr w_;
};

// One declared property: its name and its type, as GraphML and GEXF spell it.
struct Key {
  const char* name;
  const char* graphml_type;
  const char* gexf_type;
};

// `labelV` / `labelE` are TinkerPop's GraphMLReader label keys (GraphML only).
constexpr Key kNodeKeys[] = {
    {"label", "string", "string"},  {"labelV", "string", nullptr},
    {"kind", "string", "string"},
    {"name", "string", "string"},   {"aliases", "string", "string"},
    {"code", "string", "string"},   {"title", "string", "string"},
    {"date", "string", "string"},   {"url", "string", "string"},
    {"source", "string", "string"}, {"author", "string", "string"},
};
constexpr Key kEdgeKeys[] = {
    {"label", "string", "string"},      {"labelE", "string", nullptr},
    {"relation", "string", "string"},
    {"title", "string", "string"},      {"titles", "string", "string"},
    {"claims", "int", "integer"},       {"articles", "int", "integer"},
    {"first_date", "string", "string"}, {"last_date", "string", "string"},
    {"sources", "string", "string"},
};

// A property to write: its key and its text ("" is left out).
using Value = std::pair<const char*, std::string>;

// Lists are joined with '|' (GraphML has no list type; Gephi reads '|' lists).
std::vector<Value> NodeValues(const NodeRecord& n) {
  const std::string kind(NodeKindName(n.kind));
  std::vector<Value> v = {{"label", n.name}, {"labelV", kind}, {"kind", kind},
                          {"name", n.name}, {"aliases", Join(n.aliases, "|")}, {"code", n.code}};
  for (const char* key : kArticleProperties) v.emplace_back(key, NodeProperty(n, key));
  return v;
}

std::vector<Value> EdgeValues(const EdgeRecord& e) {
  const std::string relation(RelationName(e.key.relation));
  return {{"label", relation},
          {"labelE", relation},
          {"relation", relation},
          {"title", e.titles.empty() ? "" : e.titles.front()},
          {"titles", Join(e.titles, "|")},
          {"claims", std::to_string(e.claim_count)},
          {"articles", std::to_string(e.article_count)},
          {"first_date", e.first_date},
          {"last_date", e.last_date},
          {"sources", Join(e.outlets, "|")}};
}

// ----- GraphML

// Key ids carry their domain: a node's `title` and an edge's `title` differ.
std::string GraphmlKeyId(const char* domain, const char* name) {
  return std::string(domain == std::string_view("node") ? "n_" : "e_") + name;
}

void WriteGraphmlKeys(XmlOut& x, const char* domain, std::span<const Key> keys) {
  for (const auto& k : keys) {
    x.Start("key");
    x.Attr("id", GraphmlKeyId(domain, k.name));
    x.Attr("for", domain);
    x.Attr("attr.name", k.name);
    x.Attr("attr.type", k.graphml_type);
    x.End();
  }
}

void WriteGraphmlData(XmlOut& x, const char* domain, const std::vector<Value>& values) {
  for (const auto& [key, value] : values) {
    if (value.empty()) continue;
    x.Start("data");
    x.Attr("key", GraphmlKeyId(domain, key));
    x.Text(value);
    x.End();
  }
}

void WriteGraphmlHeader(XmlOut& x) {
  x.Start("graphml");
  x.Attr("xmlns", "http://graphml.graphdrawing.org/xmlns");
  WriteGraphmlKeys(x, "node", kNodeKeys);
  WriteGraphmlKeys(x, "edge", kEdgeKeys);
  x.Start("graph");
  x.Attr("id", "stancegraph");
  x.Attr("edgedefault", "directed");
}

void WriteGraphmlEdge(XmlOut& x, const EdgeRecord& e) {
  x.Start("edge");
  x.Attr("id", "e" + std::to_string(e.id));
  x.Attr("source", "n" + std::to_string(e.key.source));
  x.Attr("target", "n" + std::to_string(e.key.target));
  WriteGraphmlData(x, "edge", EdgeValues(e));
  x.End();
}

// ----- GEXF 1.3

// Each node's first and last claim date (YYYYMMDD, whole days) over its
// exported edges; nodes with no dated edge are absent.
using Spans = std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>>;

void Widen(Spans& spans, uint64_t node, uint32_t first, uint32_t last) {
  auto [it, added] = spans.try_emplace(node, first, last);
  if (added) return;
  it->second.first = std::min(it->second.first, first);
  it->second.second = std::max(it->second.second, last);
}

// An edge's span: its first and last dates, a partial date standing for its
// whole month or year. {0, 0} when undated.
std::pair<uint32_t, uint32_t> EdgeSpan(const EdgeRecord& e) {
  const std::string& first = e.first_date.empty() ? e.last_date : e.first_date;
  const std::string& last = e.last_date.empty() ? e.first_date : e.last_date;
  return {DateFirst(first), DateLast(last)};
}

Status CollectSpans(const Subgraph& g, Spans* spans) {
  return g.ForEachEdge([&](const EdgeRecord& e) {
    auto [first, last] = EdgeSpan(e);
    if (first == 0 || last == 0) return Status::OK();
    Widen(*spans, e.key.source, first, last);
    Widen(*spans, e.key.target, first, last);
    return Status::OK();
  });
}

void WriteSpell(XmlOut& x, uint32_t first, uint32_t last) {
  if (first == 0 || last == 0) return;
  x.Start("spells");
  x.Start("spell");
  x.Attr("start", FormatDate(first));
  x.Attr("end", FormatDate(last));
  x.End();
  x.End();
}

// GEXF has its own label attribute; TinkerPop's keys are GraphML's business.
bool GexfAttribute(std::string_view name) {
  return name != "label" && name != "labelV" && name != "labelE";
}

void WriteGexfAttributes(XmlOut& x, const char* cls, std::span<const Key> keys) {
  x.Start("attributes");
  x.Attr("class", cls);
  x.Attr("mode", "static");
  for (const auto& k : keys) {
    if (!GexfAttribute(k.name)) continue;
    x.Start("attribute");
    x.Attr("id", k.name);
    x.Attr("title", k.name);
    x.Attr("type", k.gexf_type);
    x.End();
  }
  x.End();
}

void WriteGexfValues(XmlOut& x, const std::vector<Value>& values) {
  x.Start("attvalues");
  for (const auto& [key, value] : values) {
    if (value.empty() || !GexfAttribute(key)) continue;
    x.Start("attvalue");
    x.Attr("for", key);
    x.Attr("value", value);
    x.End();
  }
  x.End();
}

void WriteGexfHeader(XmlOut& x) {
  x.Start("gexf");
  x.Attr("xmlns", "http://gexf.net/1.3");
  x.Attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  x.Attr("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
  x.Attr("version", "1.3");
  x.Start("meta");
  x.Start("creator");
  x.Text("Stancegraph");
  x.End();
  x.End();
  x.Start("graph");
  x.Attr("mode", "dynamic");
  x.Attr("defaultedgetype", "directed");
  x.Attr("timeformat", "date");
  WriteGexfAttributes(x, "node", kNodeKeys);
  WriteGexfAttributes(x, "edge", kEdgeKeys);
}

void WriteGexfNode(XmlOut& x, const NodeRecord& n, const Spans& spans) {
  x.Start("node");
  x.Attr("id", "n" + std::to_string(n.id));
  x.Attr("label", n.name);
  WriteGexfValues(x, NodeValues(n));
  auto it = spans.find(n.id);
  if (it != spans.end()) WriteSpell(x, it->second.first, it->second.second);
  x.End();
}

// Symmetric relations are "mutual"; `kind` keeps two relations between one
// pair as two edges in Gephi instead of merging them.
void WriteGexfEdge(XmlOut& x, const EdgeRecord& e) {
  x.Start("edge");
  x.Attr("id", "e" + std::to_string(e.id));
  x.Attr("source", "n" + std::to_string(e.key.source));
  x.Attr("target", "n" + std::to_string(e.key.target));
  x.Attr("type", IsSymmetric(e.key.relation) ? "mutual" : "directed");
  x.Attr("kind", RelationName(e.key.relation));
  x.Attr("label", RelationName(e.key.relation));
  x.Attr("weight", std::to_string(e.claim_count));
  WriteGexfValues(x, EdgeValues(e));
  auto [first, last] = EdgeSpan(e);
  WriteSpell(x, first, last);
  x.End();
}

}  // namespace

Status WriteGraphml(const Subgraph& g, std::ostream& out, ExportCounts* counts) {
  XmlOut x;
  WriteGraphmlHeader(x);
  SG_RETURN_IF_ERROR(g.ForEachNode([&](const NodeRecord& n) {
    x.Start("node");
    x.Attr("id", "n" + std::to_string(n.id));
    WriteGraphmlData(x, "node", NodeValues(n));
    x.End();
    x.DrainEvery(++counts->nodes, out);
    return Status::OK();
  }));
  SG_RETURN_IF_ERROR(g.ForEachEdge([&](const EdgeRecord& e) {
    WriteGraphmlEdge(x, e);
    x.DrainEvery(++counts->edges, out);
    return Status::OK();
  }));
  x.Finish(out);
  return Status::OK();
}

Status WriteGexf(const Subgraph& g, std::ostream& out, ExportCounts* counts) {
  Spans spans;
  SG_RETURN_IF_ERROR(CollectSpans(g, &spans));
  XmlOut x;
  WriteGexfHeader(x);
  x.Start("nodes");
  SG_RETURN_IF_ERROR(g.ForEachNode([&](const NodeRecord& n) {
    WriteGexfNode(x, n, spans);
    x.DrainEvery(++counts->nodes, out);
    return Status::OK();
  }));
  x.End();
  x.Start("edges");
  SG_RETURN_IF_ERROR(g.ForEachEdge([&](const EdgeRecord& e) {
    WriteGexfEdge(x, e);
    x.DrainEvery(++counts->edges, out);
    return Status::OK();
  }));
  x.Finish(out);
  return Status::OK();
}

}  // namespace sg::tools
