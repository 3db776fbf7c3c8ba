// ExportFilter and Subgraph: which nodes and edges an export keeps.
#include <algorithm>
#include <unordered_set>

#include "query/neighborhood.h"
#include "tools/export.h"
#include "tools/export_internal.h"

namespace sg::tools {
namespace {

template <typename T, typename Parse>
Status ParseNames(const std::vector<std::string>& names, const char* what, Parse parse,
                  std::set<T>* out) {
  for (const auto& name : names) {
    auto value = parse(name);
    if (!value) return Status::InvalidInput("unknown " + std::string(what) + " '" + name + "'");
    out->insert(*value);
  }
  return Status::OK();
}

Status CheckDate(const std::string& date, const char* option) {
  if (date.empty() || IsIsoDate(date)) return Status::OK();
  return Status::InvalidInput(std::string(option) + " '" + date +
                              "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
}

bool InDateRange(const ExportFilter& f, const EdgeRecord& e) {
  if (f.since.empty() && f.until.empty()) return true;
  const std::string& first = e.first_date.empty() ? e.last_date : e.first_date;
  const std::string& last = e.last_date.empty() ? e.first_date : e.last_date;
  if (first.empty()) return false;
  if (!f.since.empty() && DateLast(last) < DateFirst(f.since)) return false;
  return f.until.empty() || DateFirst(first) <= DateLast(f.until);
}

}  // namespace

Status ParseKinds(const std::vector<std::string>& names, std::set<NodeKind>* out) {
  return ParseNames(names, "kind", ParseNodeKind, out);
}

Status ParseRelations(const std::vector<std::string>& names, std::set<Relation>* out) {
  return ParseNames(names, "relation", ParseRelation, out);
}

Status Subgraph::Compute(const Store& store, const ExportFilter& filter, Subgraph* out) {
  SG_RETURN_IF_ERROR(CheckDate(filter.since, "--since"));
  SG_RETURN_IF_ERROR(CheckDate(filter.until, "--until"));
  out->store_ = &store;
  out->filter_ = filter;
  out->kinds_.clear();
  out->walked_.clear();
  SG_RETURN_IF_ERROR(filter.from_query ? out->CollectQueried()
                     : filter.around   ? out->CollectNeighbourhood()
                                       : out->CollectAll());
  if (filter.HasEdgeFilter()) SG_RETURN_IF_ERROR(out->DropNodesWithoutEdges());
  return Status::OK();
}

void Subgraph::Add(const NodeRecord& n) {
  if (filter_.kinds.empty() || filter_.kinds.count(n.kind)) kinds_.emplace(n.id, n.kind);
}

Status Subgraph::CollectAll() {
  return store_->ForEachNode([&](const NodeRecord& n) {
    Add(n);
    return Status::OK();
  });
}

Status Subgraph::CollectNeighbourhood() {
  query::NeighborhoodOptions options;
  options.depth = filter_.depth;
  options.relations = filter_.relations;
  query::Neighborhood hood;
  SG_RETURN_IF_ERROR(query::Neighbors(*store_, *filter_.around, options, &hood));
  truncated_ = hood.truncated;
  Add(hood.start);
  for (const auto& n : hood.nodes) Add(n.node);
  for (const auto& [id, kind] : kinds_) walked_.push_back(id);
  std::sort(walked_.begin(), walked_.end());
  return Status::OK();
}

Status Subgraph::CollectQueried() {
  for (uint64_t id : filter_.query_nodes) {
    NodeRecord n;
    SG_RETURN_IF_ERROR(store_->GetNode(id, &n));
    Add(n);
  }
  for (const auto& [id, kind] : kinds_) walked_.push_back(id);
  std::sort(walked_.begin(), walked_.end());
  return Status::OK();
}

Status Subgraph::DropNodesWithoutEdges() {
  std::unordered_set<uint64_t> linked;
  SG_RETURN_IF_ERROR(ForEachEdge([&](const EdgeRecord& e) {
    linked.insert(e.key.source);
    linked.insert(e.key.target);
    return Status::OK();
  }));
  std::erase_if(kinds_, [&](const auto& entry) {
    return !linked.count(entry.first) && entry.first != filter_.around;
  });
  std::erase_if(walked_, [&](uint64_t id) { return !kinds_.count(id); });
  return Status::OK();
}

bool Subgraph::KeepsEdge(const EdgeRecord& e) const {
  if (!KeepsNode(e.key.source) || !KeepsNode(e.key.target)) return false;
  if (!filter_.relations.empty() && !filter_.relations.count(e.key.relation)) return false;
  return InDateRange(filter_, e);
}

Status Subgraph::ForEachNode(const std::function<Status(const NodeRecord&)>& fn) const {
  if (!filter_.around && !filter_.from_query) {
    return store_->ForEachNode([&](const NodeRecord& n) {
      return KeepsNode(n.id) ? fn(n) : Status::OK();
    });
  }
  for (uint64_t id : walked_) {
    NodeRecord n;
    SG_RETURN_IF_ERROR(store_->GetNode(id, &n));
    SG_RETURN_IF_ERROR(fn(n));
  }
  return Status::OK();
}

Status Subgraph::ForEachEdge(const std::function<Status(const EdgeRecord&)>& fn) const {
  if (filter_.from_query) {  // exactly the relationships the query returned
    for (const auto& key : filter_.query_edges) {
      EdgeRecord e;
      SG_RETURN_IF_ERROR(store_->GetEdge(key, &e));
      if (KeepsEdge(e)) SG_RETURN_IF_ERROR(fn(e));
    }
    return Status::OK();
  }
  if (!filter_.around) {
    return store_->ForEachEdge([&](const EdgeRecord& e) {
      return KeepsEdge(e) ? fn(e) : Status::OK();
    });
  }
  // A neighbourhood is small: its nodes' out-edges hold every edge between them,
  // each once, in key order.
  for (uint64_t id : walked_) {
    std::vector<EdgeRecord> out;
    SG_RETURN_IF_ERROR(store_->OutEdges(id, std::nullopt, &out));
    for (const auto& e : out) {
      if (KeepsEdge(e)) SG_RETURN_IF_ERROR(fn(e));
    }
  }
  return Status::OK();
}

}  // namespace sg::tools
