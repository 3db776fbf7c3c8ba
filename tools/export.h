// Exports of the stored graph for the tools analysts already use
// (docs/exports.md): Neo4j APOC JSON lines, GraphML, Graphviz DOT.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "graph/status.h"
#include "storage/store.h"

namespace sg::tools {

enum class ExportFormat { kJsonl, kGraphml, kDot };

// "jsonl", "graphml", "dot"; empty when unknown.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

// Writes the whole graph in `format` to `out`. Node and edge counts go to *nodes
// and *edges when given.
Status ExportGraph(const Store& store, ExportFormat format, std::ostream& out,
                   size_t* nodes = nullptr, size_t* edges = nullptr);

// Text made safe for XML 1.0: invalid UTF-8 and control characters other than
// tab and newline are dropped (news text carries them).
std::string XmlSafe(std::string_view text);
// A DOT double-quoted string, quotes included.
std::string DotQuote(std::string_view text);

}  // namespace sg::tools
