// Helpers shared by the export writers (tools/export*.cc); not for other folders.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "storage/records.h"
#include "tools/export.h"

namespace sg::tools {

// The properties an Article node carries (docs/schema.md), in export order.
inline constexpr const char* kArticleProperties[] = {"title", "date", "url", "source", "author"};

// The value of property `key` of `n`; "" when absent.
std::string_view NodeProperty(const NodeRecord& n, std::string_view key);

std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// An ISO date ("YYYY", "YYYY-MM", "YYYY-MM-DD") as a YYYYMMDD number at the first
// / last day it can stand for: "2025-02" -> 20250201 / 20250228. 0 when not a date.
uint32_t DateFirst(std::string_view iso_date);
uint32_t DateLast(std::string_view iso_date);
// YYYYMMDD -> "YYYY-MM-DD".
std::string FormatDate(uint32_t yyyymmdd);

// The stream writers; each counts what it writes into *counts.
Status WriteJsonl(const Subgraph& g, std::ostream& out, ExportCounts* counts);
Status WriteDot(const Subgraph& g, std::ostream& out, ExportCounts* counts);
Status WriteCyjs(const Subgraph& g, std::ostream& out, ExportCounts* counts);
Status WriteGraphml(const Subgraph& g, std::ostream& out, ExportCounts* counts);
Status WriteGexf(const Subgraph& g, std::ostream& out, ExportCounts* counts);

}  // namespace sg::tools
