#include "query/context.h"

#include <cstdio>

namespace sg::query {

RelMask AllRelations() {
  RelMask m = 0;
  for (Relation r : kAllRelations) m |= RelBit(r);
  return m;
}

std::string PointAt(std::string_view text, const ast::Pos& pos, std::string_view message) {
  size_t begin = std::min<size_t>(pos.offset, text.size());
  while (begin > 0 && text[begin - 1] != '\n') --begin;
  size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string caret;
  for (size_t i = begin; i < pos.offset && i - begin < line.size(); ++i) {
    caret.push_back(text[i] == '\t' ? '\t' : ' ');
  }
  return "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) + ": " +
         std::string(message) + "\n" + std::string(line) + "\n" + caret + "^";
}

QueryContext::QueryContext(const Store& store, std::string_view text, const Params& params,
                           const QueryLimits& limits)
    : store_(store), text_(text), params_(params), limits_(limits) {
  const auto budget = limits.max_seconds > 0 ? limits.max_seconds : 1e9;
  deadline_ = std::chrono::steady_clock::now() +
              std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                  std::chrono::duration<double>(budget));
}

Status QueryContext::Error(const ast::Pos& pos, std::string_view message) const {
  return Status::InvalidInput(PointAt(text_, pos, message));
}

Status QueryContext::Node(uint64_t id, std::shared_ptr<const NodeRecord>* out) {
  auto it = nodes_.find(id);
  if (it != nodes_.end()) {
    *out = it->second;
    return out->get() ? Status::OK() : Status::NotFound("node " + std::to_string(id));
  }
  auto rec = std::make_shared<NodeRecord>();
  Status s = store_.GetNode(id, rec.get());
  if (s.IsNotFound()) {
    nodes_.emplace(id, nullptr);
    return s;
  }
  SG_RETURN_IF_ERROR(s);
  *out = nodes_.emplace(id, std::move(rec)).first->second;
  return Status::OK();
}

Status QueryContext::KindOf(uint64_t id, NodeKind* out) {
  std::shared_ptr<const NodeRecord> n;
  Status s = Node(id, &n);
  if (s.IsNotFound()) {
    *out = static_cast<NodeKind>(0);
    return Status::OK();
  }
  SG_RETURN_IF_ERROR(s);
  *out = n->kind;
  return Status::OK();
}

Status QueryContext::Edge(const keys::EdgeKey& key, std::shared_ptr<const EdgeRecord>* out) {
  auto it = edges_.find(key);
  if (it != edges_.end()) {
    *out = it->second;
    return Status::OK();
  }
  auto rec = std::make_shared<EdgeRecord>();
  SG_RETURN_IF_ERROR(store_.GetEdge(key, rec.get()));
  *out = edges_.emplace(key, std::move(rec)).first->second;
  return Status::OK();
}

Status QueryContext::Claims(const keys::EdgeKey& key,
                            std::shared_ptr<const std::vector<ClaimRecord>>* out) {
  auto it = claims_.find(key);
  if (it != claims_.end()) {
    *out = it->second;
    return Status::OK();
  }
  auto list = std::make_shared<std::vector<ClaimRecord>>();
  SG_RETURN_IF_ERROR(store_.ClaimsOfEdge(key, list.get()));
  SG_RETURN_IF_ERROR(Charge(list->size()));
  *out = claims_.emplace(key, std::move(list)).first->second;
  return Status::OK();
}

Status QueryContext::Adjacent(uint64_t node, bool outgoing, RelMask mask,
                              const std::function<void(const keys::EdgeKey&)>& fn) {
  if (mask == 0) return Status::OK();
  if (!adjacency_) adjacency_ = store_.NewAdjacencyReader();
  const auto first = static_cast<Relation>(__builtin_ctz(mask));
  const auto last = static_cast<Relation>(31 - __builtin_clz(mask));
  size_t seen = 0;
  auto visit = [&](const keys::EdgeKey& k) {
    ++seen;
    if (mask & RelBit(k.relation)) fn(k);
  };
  Status s = outgoing ? adjacency_->Out(node, first, last, visit)
                      : adjacency_->In(node, first, last, visit);
  SG_RETURN_IF_ERROR(s);
  return Charge(seen + 1);
}

Status QueryContext::Charge(size_t n) {
  const size_t before = work_;
  work_ += n;
  if (work_ > limits_.max_expansions) {
    return Status::InvalidInput("query stopped: it read more than " +
                                std::to_string(limits_.max_expansions) +
                                " adjacency entries (the expansion limit; narrow the pattern "
                                "with labels, types or a smaller hop range)");
  }
  if ((before >> 12) != (work_ >> 12) && std::chrono::steady_clock::now() > deadline_) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", limits_.max_seconds);
    return Status::InvalidInput(std::string("query stopped: it ran longer than the time limit of ") +
                                seconds + " s (--timeout)");
  }
  return Status::OK();
}

Status QueryContext::CheckRows(size_t rows) const {
  if (rows <= limits_.max_rows) return Status::OK();
  return Status::InvalidInput("query stopped: more than " + std::to_string(limits_.max_rows) +
                              " rows (the row limit, --max-rows; add LIMIT or aggregate)");
}

}  // namespace sg::query
