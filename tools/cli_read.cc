// The read-only commands: stats, show, neighbors, explain, export. They open the
// database read-only, so they work while an ingest runs.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "query/neighborhood.h"
#include "query/verbs.h"
#include "tools/cli.h"
#include "tools/export.h"
#include "tools/records_json.h"

namespace sg::cli {
namespace {

using nlohmann::json;
using tools::ClaimJson;
using tools::EdgeJson;
using tools::NodeJson;

std::string Dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

int KindRank(NodeKind k) {
  if (IsActorKind(k)) return 0;
  return k == NodeKind::kPosition ? 1 : 2;
}

std::string SourcesText(const ClaimRecord& c) {
  std::string out;
  for (const auto& s : c.sources) {
    out += (out.empty() ? "; cites " : "; ") + s.name + (s.date.empty() ? "" : ", " + s.date);
  }
  if (!c.publisher.empty()) out += "; published by " + c.publisher;
  return out;
}

// A negated claim is marked with its stance read as negated: "(not OPPOSES)".
void PrintClaimLine(const ClaimRecord& c) {
  std::printf("      [%s] %s%s\n", c.date.empty() ? "undated" : c.date.c_str(),
              c.sentence.empty() ? ("(" + c.rule + ")").c_str() : c.sentence.c_str(),
              c.polarity < 0 ? ("  (" + query::StanceLabel(c) + ")").c_str() : "");
  const std::string sources = SourcesText(c);
  std::printf("        article %s%s%s\n", c.article_id.c_str(), sources.c_str(),
              c.cue.empty() ? "" : ("; cue \"" + c.cue + "\"").c_str());
}

// All edges of `node`, out first, analyst relations before provenance.
Status AllEdges(const Store& store, uint64_t node, std::vector<EdgeRecord>* edges) {
  SG_RETURN_IF_ERROR(store.OutEdges(node, std::nullopt, edges));
  std::vector<EdgeRecord> in;
  SG_RETURN_IF_ERROR(store.InEdges(node, std::nullopt, &in));
  for (auto& e : in) {
    if (e.key.source != e.key.target) edges->push_back(std::move(e));  // a self-loop is out already
  }
  std::stable_sort(edges->begin(), edges->end(), [](const EdgeRecord& a, const EdgeRecord& b) {
    return query::IsAnalystRelation(a.key.relation) > query::IsAnalystRelation(b.key.relation);
  });
  return Status::OK();
}

}  // namespace

int Fail(const Status& status) {
  std::fprintf(stderr, "stancegraph: %s\n", status.ToString().c_str());
  return kExitFailure;
}

Status OpenStore(const std::string& db, Store::Mode mode, std::unique_ptr<Store>* out) {
  return Store::Open(db, mode, out);
}

Status ResolveNode(const Store& store, const std::string& name, const std::string& kind,
                   NodeRecord* out) {
  if (!kind.empty()) {
    auto k = ParseNodeKind(kind);
    if (!k) return Status::InvalidInput("unknown kind '" + kind + "'");
    return store.FindNode(name, *k, out);
  }
  std::vector<NodeRecord> found;
  SG_RETURN_IF_ERROR(store.FindNodes(name, &found));
  if (found.empty()) return Status::NotFound("no node named '" + name + "'");
  std::stable_sort(found.begin(), found.end(), [](const NodeRecord& a, const NodeRecord& b) {
    return KindRank(a.kind) < KindRank(b.kind);
  });
  if (found.size() > 1 && KindRank(found[0].kind) == KindRank(found[1].kind)) {
    std::string kinds;
    for (const auto& n : found) kinds += " " + std::string(NodeKindName(n.kind));
    return Status::InvalidInput("'" + name + "' names several nodes (" + kinds.substr(1) +
                                "); choose one with --kind");
  }
  *out = std::move(found[0]);
  return Status::OK();
}

int RunStats(const ReadArgs& args) {
  std::unique_ptr<Store> store;
  Status s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  StoreStats st;
  if (s.ok()) s = store->Stats(&st);
  if (!s.ok()) return Fail(s);
  if (args.json) {
    json j = {{"nodes", st.nodes}, {"edges", st.edges}, {"claims", st.claims},
              {"articles", st.articles}, {"disk_bytes", st.disk_bytes}};
    for (auto [k, n] : st.nodes_by_kind) j["nodes_by_kind"][std::string(NodeKindName(k))] = n;
    for (auto [r, n] : st.edges_by_relation) j["edges_by_relation"][std::string(RelationName(r))] = n;
    std::cout << Dump(j) << '\n';
    return kExitOk;
  }
  std::printf("database  %s\narticles  %llu\nclaims    %llu\nnodes     %llu\n", args.db.c_str(),
              (unsigned long long)st.articles, (unsigned long long)st.claims,
              (unsigned long long)st.nodes);
  for (auto [k, n] : st.nodes_by_kind)
    std::printf("  %-16s %llu\n", std::string(NodeKindName(k)).c_str(), (unsigned long long)n);
  std::printf("edges     %llu\n", (unsigned long long)st.edges);
  for (auto [r, n] : st.edges_by_relation)
    std::printf("  %-16s %llu\n", std::string(RelationName(r)).c_str(), (unsigned long long)n);
  std::printf("disk      %.1f KiB\n", st.disk_bytes / 1024.0);
  return kExitOk;
}

int RunShow(const ReadArgs& args) {
  std::unique_ptr<Store> store;
  NodeRecord node;
  std::vector<EdgeRecord> edges;
  Status s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (s.ok()) s = ResolveNode(*store, args.name, args.kind, &node);
  if (s.ok()) s = AllEdges(*store, node.id, &edges);
  if (!s.ok()) return Fail(s);
  json out = NodeJson(node);
  out["edges"] = json::array();
  if (!args.json) {
    std::printf("%s  (%s, id %llu%s%s)\n", node.name.c_str(), std::string(NodeKindName(node.kind)).c_str(),
                (unsigned long long)node.id, node.code.empty() ? "" : ", ", node.code.c_str());
    if (!node.aliases.empty()) {
      std::string a;
      for (const auto& x : node.aliases) a += (a.empty() ? "" : ", ") + x;
      std::printf("  aliases: %s\n", a.c_str());
    }
    for (const auto& [k, v] : node.properties) std::printf("  %s: %s\n", k.c_str(), v.c_str());
  }
  for (const auto& e : edges) {
    NodeRecord src, dst;
    std::vector<ClaimRecord> claims;
    s = store->GetNode(e.key.source, &src);
    if (s.ok()) s = store->GetNode(e.key.target, &dst);
    if (s.ok()) s = store->ClaimsOfEdge(e.key, &claims);
    if (!s.ok()) return Fail(s);
    if (args.json) {
      json je = EdgeJson(e);
      je["source_name"] = src.name;
      je["target_name"] = dst.name;
      je["claims_list"] = json::array();
      for (size_t i = 0; i < claims.size() && static_cast<int>(i) < args.claims_per_edge; ++i) {
        je["claims_list"].push_back(ClaimJson(claims[i]));
      }
      out["edges"].push_back(std::move(je));
      continue;
    }
    std::string title = e.titles.empty() ? "" : " [" + e.titles.front() + "]";
    std::printf("  %s -%s-> %s%s  (%u claim(s), %u article(s)%s%s)\n", src.name.c_str(),
                std::string(RelationName(e.key.relation)).c_str(), dst.name.c_str(), title.c_str(),
                e.claim_count, e.article_count, e.first_date.empty() ? "" : ", ",
                e.first_date == e.last_date ? e.first_date.c_str()
                                            : (e.first_date + " .. " + e.last_date).c_str());
    for (size_t i = 0; i < claims.size() && static_cast<int>(i) < args.claims_per_edge; ++i) {
      PrintClaimLine(claims[i]);
    }
    if (static_cast<int>(claims.size()) > args.claims_per_edge)
      std::printf("      ... %zu more\n", claims.size() - args.claims_per_edge);
  }
  if (args.json) std::cout << Dump(out) << '\n';
  return kExitOk;
}

int RunNeighbors(const ReadArgs& args) {
  std::unique_ptr<Store> store;
  NodeRecord node;
  query::NeighborhoodOptions options;
  options.depth = args.depth;
  for (const auto& r : args.relations) {
    auto rel = ParseRelation(r);
    if (!rel) return Fail(Status::InvalidInput("unknown relation '" + r + "'"));
    options.relations.insert(*rel);
  }
  query::Neighborhood hood;
  Status s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (s.ok()) s = ResolveNode(*store, args.name, args.kind, &node);
  if (s.ok()) s = query::Neighbors(*store, node.id, options, &hood);
  if (!s.ok()) return Fail(s);
  if (args.json) {
    json out = {{"start", NodeJson(hood.start)}, {"nodes", json::array()}, {"truncated", hood.truncated}};
    for (const auto& n : hood.nodes) {
      json j = NodeJson(n.node);
      j["depth"] = n.depth;
      j["via"] = RelationName(n.via.key.relation);
      out["nodes"].push_back(std::move(j));
    }
    std::cout << Dump(out) << '\n';
    return kExitOk;
  }
  std::printf("depth\tkind\tname\tvia\n");
  for (const auto& n : hood.nodes) {
    std::printf("%d\t%s\t%s\t%s\n", n.depth, std::string(NodeKindName(n.node.kind)).c_str(),
                n.node.name.c_str(), std::string(RelationName(n.via.key.relation)).c_str());
  }
  if (hood.truncated) std::fprintf(stderr, "stancegraph: neighbourhood truncated\n");
  return kExitOk;
}

namespace {

// "Russia -OPPOSES-> ceasefire: 2 claim(s); 1 negated (not OPPOSES), not counted".
// Only asserted claims count: a negated one is never evidence, and when every
// claim is negated there is no edge. Names as the user gave them (a symmetric
// edge is stored the other way round).
std::string EvidenceHeading(const query::EdgeEvidence& ev, const NodeRecord& subject,
                            std::string_view relation, const NodeRecord& object) {
  size_t negated = 0;
  for (const auto& c : ev.claims) negated += c.polarity < 0;
  const std::string edge = subject.name + " -" + std::string(relation) + "-> " + object.name;
  const std::string not_relation = " (not " + std::string(relation) + ")";
  if (!ev.edge) {
    return edge + ": no edge, only " + std::to_string(negated) + " negated claim(s)" + not_relation;
  }
  std::string out = edge + ": " + std::to_string(ev.claims.size() - negated) + " claim(s)";
  if (negated) out += "; " + std::to_string(negated) + " negated" + not_relation + ", not counted";
  return out;
}

}  // namespace

int RunExplain(const ExplainArgs& args) {
  auto rel = ParseRelation(args.relation);
  if (!rel) return Fail(Status::InvalidInput("unknown relation '" + args.relation + "'"));
  std::unique_ptr<Store> store;
  NodeRecord subject, object;
  Status s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (s.ok()) s = ResolveNode(*store, args.subject, "", &subject);
  if (s.ok()) s = ResolveNode(*store, args.object, "", &object);
  if (!s.ok()) return Fail(s);
  query::EdgeEvidence ev;
  s = query::EvidenceOf(*store, keys::EdgeKey{subject.id, *rel, object.id}, &ev);
  if (s.ok() && ev.claims.empty()) s = Status::NotFound("no claims");  // MENTIONS, CITES
  if (s.IsNotFound()) {
    s = Status::NotFound(subject.name + " -" + args.relation + "-> " + object.name +
                         ": no such edge");
  }
  if (!s.ok()) return Fail(s);
  if (args.json) {
    json out = json::array();
    for (const auto& c : ev.claims) {
      out.push_back(ClaimJson(c));
      out.back()["stance"] = query::StanceLabel(c);
    }
    std::cout << Dump(out) << '\n';
    return kExitOk;
  }
  std::printf("%s\n", EvidenceHeading(ev, subject, RelationName(*rel), object).c_str());
  for (const auto& c : ev.claims) PrintClaimLine(c);
  return kExitOk;
}

namespace {

// The export's filter, its start node resolved as `neighbors` resolves names.
// Every node and relationship inside a query result value, relationships'
// ends included.
void CollectGraph(const query::Value& v, tools::ExportFilter* f) {
  if (v.is<query::NodeRef>()) {
    f->query_nodes.insert(v.as<query::NodeRef>().id);
  } else if (v.is<query::RelRef>()) {
    const keys::EdgeKey& k = v.as<query::RelRef>().key;
    f->query_edges.insert(k);
    f->query_nodes.insert(k.source);
    f->query_nodes.insert(k.target);
  } else if (v.is<query::Path>()) {
    for (const auto& n : v.as<query::Path>().nodes) CollectGraph(query::Value(n), f);
    for (const auto& r : v.as<query::Path>().rels) CollectGraph(query::Value(r), f);
  } else if (v.is<query::List>()) {
    for (const auto& item : v.as<query::List>()) CollectGraph(item, f);
  } else if (v.is<query::Map>()) {
    for (const auto& [k, item] : v.as<query::Map>()) CollectGraph(item, f);
  }
}

// `export --query`: the subgraph of the nodes, relationships and paths the
// query returns.
Status QueriedSubgraph(const Store& store, const ExportArgs& args, tools::ExportFilter* f) {
  query::Params params;
  SG_RETURN_IF_ERROR(ParseParams(args.params, &params));
  query::QueryResult result;
  SG_RETURN_IF_ERROR(query::RunQuery(store, args.query, params, query::QueryLimits(), &result));
  f->from_query = true;
  for (const auto& row : result.rows) {
    for (const auto& v : row) CollectGraph(v, f);
  }
  return Status::OK();
}

Status MakeExportFilter(const Store& store, const ExportArgs& args, tools::ExportFilter* f) {
  SG_RETURN_IF_ERROR(tools::ParseKinds(args.kinds, &f->kinds));
  SG_RETURN_IF_ERROR(tools::ParseRelations(args.relations, &f->relations));
  f->since = args.since;
  f->until = args.until;
  f->depth = args.depth;
  if (!args.query.empty()) return QueriedSubgraph(store, args, f);
  if (args.around.empty()) return Status::OK();
  NodeRecord start;
  SG_RETURN_IF_ERROR(ResolveNode(store, args.around, args.kind, &start));
  f->around = start.id;
  return Status::OK();
}

// Writes beside `path` and renames, so a failed export leaves no half file.
Status ExportToFile(const tools::Subgraph& graph, tools::ExportFormat format,
                    const std::string& path, tools::ExportCounts* counts) {
  const std::string tmp = path + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError(tmp + ": cannot create");
  Status s = tools::ExportGraph(graph, format, out, counts);
  out.close();
  if (s.ok() && !out) s = Status::IOError(tmp + ": write failed");
  if (s.ok() && std::rename(tmp.c_str(), path.c_str()) != 0)
    s = Status::IOError(path + ": cannot rename into place");
  if (!s.ok()) std::remove(tmp.c_str());
  return s;
}

Status ExportTo(const tools::Subgraph& graph, tools::ExportFormat format, const std::string& out,
                tools::ExportCounts* counts) {
  if (tools::WritesDirectory(format)) return tools::ExportNeo4jCsv(graph, out, counts);
  if (!out.empty() && out != "-") return ExportToFile(graph, format, out, counts);
  Status s = tools::ExportGraph(graph, format, std::cout, counts);
  std::cout.flush();
  return s;
}

int ExportUsage(const std::string& message) {
  std::fprintf(stderr, "stancegraph: %s\n", message.c_str());
  return kExitUsage;
}

}  // namespace

int RunExport(const ExportArgs& args) {
  auto format = tools::ParseExportFormat(args.format);
  if (!format) {
    return ExportUsage("unknown export format '" + args.format + "' (" +
                       std::string(tools::ExportFormatNames()) + ")");
  }
  const bool to_stdout = args.out.empty() || args.out == "-";
  if (!args.query.empty() && !args.around.empty())
    return ExportUsage("--query and --around each choose the subgraph: give one of them");
  if (tools::WritesDirectory(*format) && to_stdout)
    return ExportUsage("--format " + args.format + " writes a directory: give --out DIR");
  std::unique_ptr<Store> store;
  tools::ExportFilter filter;
  tools::Subgraph graph;
  tools::ExportCounts counts;
  Status s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (s.ok()) s = MakeExportFilter(*store, args, &filter);
  if (s.ok()) s = tools::Subgraph::Compute(*store, filter, &graph);
  if (s.ok()) s = ExportTo(graph, *format, args.out, &counts);
  if (!s.ok()) return Fail(s);
  if (graph.truncated()) std::fprintf(stderr, "stancegraph: neighbourhood truncated\n");
  if (!to_stdout) {
    std::fprintf(stderr, "exported %zu nodes and %zu edges to %s\n", counts.nodes, counts.edges,
                 args.out.c_str());
  }
  return kExitOk;
}

}  // namespace sg::cli
