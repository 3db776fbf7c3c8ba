// The analyst verbs: stances, timeline, path, actors, positions, rank,
// components. Each resolves names as `show` does and prints rows like `query`
// does (docs/query.md, "Command line"). `stances` and `timeline` print the
// results of query/verbs.h, the implementation the web viewer serves too;
// `path`, `actors` and `positions` run one Cypher query with parameters.

#include <functional>
#include <iostream>

#include "graph/model.h"
#include "query/analytics.h"
#include "query/neighborhood.h"
#include "query/verbs.h"
#include "tools/cli.h"
#include "tools/export.h"

namespace sg::cli {
namespace {

struct VerbQuery {
  std::string text;
  query::Params params;
  std::string if_empty;  // when set, no rows is a failure (NotFound) with this message
};

// A verb's answer: rows, and a heading printed above a table (e.g. which node
// a name resolved to).
struct VerbResult {
  std::string heading;
  query::QueryResult rows;
};

// Answers a verb on the open store.
using Answer = std::function<Status(const Store&, const Output&, VerbResult*)>;
// Prints a verb's answer; returns the exit status.
using Printer = std::function<int(const VerbResult&, const Output&)>;

int PrintResult(const VerbResult& r, const Output& output) {
  if (output.format == tools::ResultFormat::kTable && !r.heading.empty())
    std::cout << r.heading << '\n';
  tools::WriteResult(r.rows, output.format, output.options, std::cout);
  return kExitOk;
}

// "stance1|stance2": relation names for a pattern, from our own enum (never
// user text, so they are safe to splice into a query).
std::string RelationAlternatives(const std::vector<Relation>& relations) {
  std::string out;
  for (Relation r : relations) out += (out.empty() ? "" : "|") + std::string(RelationName(r));
  return out;
}

std::vector<Relation> AnalystRelations() {
  std::vector<Relation> out;
  for (Relation r : kAllRelations) {
    if (query::IsAnalystRelation(r)) out.push_back(r);
  }
  return out;
}

std::string Described(const NodeRecord& n) {
  return n.name + " (" + std::string(NodeKindName(n.kind)) + ")";
}

// ResolveNode, with a "did you mean" list of similar names when nothing has
// the name.
Status Resolve(const Store& store, const std::string& name, const std::string& kind,
               NodeRecord* out) {
  Status s = ResolveNode(store, name, kind, out);
  if (!s.IsNotFound()) return s;
  query::SearchOptions options;
  options.text = name;
  options.kind = ParseNodeKind(kind);
  options.limit = 5;
  query::SearchResult found;
  std::string hint;
  if (query::Search(store, options, &found).ok()) {  // a failed search only loses the hint
    for (const auto& h : found.hits) hint += (hint.empty() ? "; did you mean: " : ", ") + h.node.name;
  }
  return Status::NotFound("no " + (kind.empty() ? std::string("node") : kind) + " named '" +
                          name + "'" + hint);
}

Status ResolveActor(const Store& store, const std::string& name, const std::string& kind,
                    NodeRecord* out) {
  SG_RETURN_IF_ERROR(Resolve(store, name, kind, out));
  if (IsActorKind(out->kind)) return Status::OK();
  return Status::InvalidInput("'" + name + "' is " + Described(*out) +
                              ", not an actor (Person, State, Organization)");
}

query::DateRange Dates(const VerbArgs& args) { return {args.since, args.until}; }

// Opens the store, answers the verb, prints the answer.
int RunVerb(const VerbArgs& args, const Answer& answer, const Printer& print = PrintResult) {
  Output output;
  Status s = ParseOutput(args.output, &output);
  if (s.ok()) s = query::CheckDateRange(Dates(args));
  if (!s.ok()) return Usage(s.message());
  std::unique_ptr<Store> store;
  VerbResult result;
  s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (s.ok()) s = answer(*store, output, &result);
  if (!s.ok()) return Fail(s);
  const int code = print(result, output);
  std::cout.flush();
  return code;
}

// A verb that is one Cypher query: `build` writes it, the engine runs it.
Answer CypherVerb(std::function<Status(const Store&, VerbQuery*)> build) {
  return [build = std::move(build)](const Store& store, const Output& output, VerbResult* out) {
    VerbQuery q;
    SG_RETURN_IF_ERROR(build(store, &q));
    SG_RETURN_IF_ERROR(query::RunQuery(store, q.text, q.params, output.limits, &out->rows));
    if (out->rows.rows.empty() && !q.if_empty.empty()) return Status::NotFound(q.if_empty);
    return Status::OK();
  };
}

// A DATE value, or null for "" (an undated claim or edge), as Cypher shows dates.
query::Value DateValue(const std::string& iso) {
  if (iso.empty() || !IsIsoDate(iso)) return query::Value();
  return query::Date{keys::DateKey(iso), iso};
}

// ----- stances

// The --position filter: the Position of that name, else positions whose name
// contains the text (any case): "ceasefire" finds every ceasefire.
Status PositionFilter(const Store& store, const std::string& position,
                      query::StancesOptions* options) {
  if (position.empty()) return Status::OK();
  NodeRecord p;
  Status s = ResolveNode(store, position, "Position", &p);
  if (s.ok()) {
    options->position = p.id;
    return Status::OK();
  }
  if (!s.IsNotFound()) return s;
  options->position_contains = position;
  return Status::OK();
}

void StanceRows(const query::Stances& st, query::QueryResult* out) {
  out->columns = {"position", "stance", "claims", "articles", "first_date", "last_date"};
  for (const auto& x : st.stances) {
    out->rows.push_back({x.position.name, std::string(RelationName(x.edge.key.relation)),
                         int64_t{x.claims}, int64_t{x.articles}, DateValue(x.first_date),
                         DateValue(x.last_date)});
  }
}

Status AnswerStances(const Store& store, const VerbArgs& args, VerbResult* out) {
  NodeRecord actor;
  SG_RETURN_IF_ERROR(ResolveActor(store, args.name, args.kind, &actor));
  query::StancesOptions options;
  options.dates = Dates(args);
  SG_RETURN_IF_ERROR(PositionFilter(store, args.position, &options));
  query::Stances st;
  SG_RETURN_IF_ERROR(query::StancesOf(store, actor.id, options, &st));
  out->heading = "stances of " + Described(actor);
  StanceRows(st, &out->rows);
  return Status::OK();
}

// ----- timeline

// The outlet a claim is told by: the first it cites, else its publisher; null
// when it has neither.
query::Value Outlet(const ClaimRecord& c) {
  if (!c.sources.empty()) return c.sources[0].name;
  return c.publisher.empty() ? query::Value() : query::Value(c.publisher);
}

void TimelineRows(const query::Timeline& tl, query::QueryResult* out) {
  out->columns = {"date", "actor", "stance", "outlet", "article", "sentence"};
  for (const auto& e : tl.entries) {
    out->rows.push_back({DateValue(e.claim.date), e.actor.name, query::StanceLabel(e.claim),
                         Outlet(e.claim), e.claim.article_id, e.claim.sentence});
  }
}

Status AnswerTimeline(const Store& store, const VerbArgs& args, VerbResult* out) {
  NodeRecord position;
  SG_RETURN_IF_ERROR(Resolve(store, args.name, "Position", &position));
  query::TimelineOptions options;
  options.dates = Dates(args);
  if (!args.actor.empty()) {
    NodeRecord actor;
    SG_RETURN_IF_ERROR(ResolveActor(store, args.actor, "", &actor));
    options.actor = actor.id;
  }
  query::Timeline tl;
  SG_RETURN_IF_ERROR(query::TimelineOf(store, position.id, options, &tl));
  out->heading = "timeline of " + Described(position);
  TimelineRows(tl, &out->rows);
  return Status::OK();
}

// ----- path

Status PathRelations(const std::vector<std::string>& names, std::vector<Relation>* out) {
  if (names.empty()) {
    *out = AnalystRelations();
    return Status::OK();
  }
  for (const auto& n : names) {
    auto r = ParseRelation(n);
    if (!r) return Status::InvalidInput("unknown relation '" + n + "'");
    out->push_back(*r);
  }
  return Status::OK();
}

Status BuildPath(const Store& store, const VerbArgs& args, VerbQuery* q) {
  NodeRecord a, b;
  std::vector<Relation> relations;
  SG_RETURN_IF_ERROR(PathRelations(args.relations, &relations));
  SG_RETURN_IF_ERROR(Resolve(store, args.name, args.kind, &a));
  SG_RETURN_IF_ERROR(Resolve(store, args.other, "", &b));
  if (a.id == b.id) return Status::InvalidInput("'" + args.name + "' and '" + args.other +
                                                "' are the same node: " + Described(a));
  q->if_empty = "no path within " + std::to_string(args.max_hops) + " hops between " + a.name +
                " and " + b.name;
  q->params["a"] = static_cast<int64_t>(a.id);
  q->params["b"] = static_cast<int64_t>(b.id);
  q->text = "MATCH p = shortestPath((a)-[:" + RelationAlternatives(relations) + "*.." +
            std::to_string(args.max_hops) +
            "]-(b))\nWHERE id(a) = $a AND id(b) = $b\nRETURN p AS path";
  return Status::OK();
}

// A table shows the path as a chain of names; other formats print the row.
// REQUIRES: a row (RunVerb fails on none: VerbQuery::if_empty).
int PrintPath(const VerbResult& r, const Output& output) {
  const auto& rows = r.rows.rows;
  if (output.format != tools::ResultFormat::kTable || rows[0].empty() ||
      !rows[0][0].is<query::Path>()) {
    return PrintResult(r, output);
  }
  const auto& path = rows[0][0].as<query::Path>();
  std::cout << tools::PathChain(path) << '\n'
            << path.rels.size() << (path.rels.size() == 1 ? " hop\n" : " hops\n");
  return kExitOk;
}

// ----- actors, positions

std::string Limit(const VerbArgs& args, VerbQuery* q) {
  if (args.limit <= 0) return "";
  q->params["limit"] = static_cast<int64_t>(args.limit);
  return "\nLIMIT $limit";
}

Status BuildActors(const VerbArgs& args, VerbQuery* q) {
  std::string labels = "Person|State|Organization";
  if (!args.kind.empty()) {
    auto k = ParseNodeKind(args.kind);
    if (!k || !IsActorKind(*k))
      return Status::InvalidInput("'" + args.kind + "' is not an actor kind (Person, State, Organization)");
    labels = std::string(NodeKindName(*k));  // our own name: safe to splice
  }
  q->text = "MATCH (a:" + labels + ")-[r:" + RelationAlternatives(AnalystRelations()) + "]-()" +
            "\nRETURN a.name AS actor, labels(a)[0] AS kind, count(DISTINCT r) AS edges,"
            "\n       sum(r.claims) AS claims"
            "\nORDER BY claims DESC, edges DESC, actor" +
            Limit(args, q);
  return Status::OK();
}

Status BuildPositions(const VerbArgs& args, VerbQuery* q) {
  auto claims_of = [](const char* relation) {
    return std::string("sum(CASE WHEN type(r) = '") + relation + "' THEN r.claims ELSE 0 END)";
  };
  q->text = "MATCH (p:Position)-[r:" + RelationAlternatives(AnalystRelations()) + "]-(a)" +
            "\nRETURN p.name AS position, count(DISTINCT a) AS actors, count(DISTINCT r) AS edges,"
            "\n       sum(r.claims) AS claims, " + claims_of("SUPPORTS") + " AS supports,"
            "\n       " + claims_of("OPPOSES") + " AS opposes, " + claims_of("PROPOSES") +
            " AS proposes"
            "\nORDER BY claims DESC, edges DESC, position" +
            Limit(args, q);
  return Status::OK();
}

// ----- rank, components

std::optional<query::RankBy> ParseRankBy(std::string_view name) {
  if (name == "degree") return query::RankBy::kDegree;
  if (name == "claims") return query::RankBy::kClaims;
  if (name == "pagerank") return query::RankBy::kPageRank;
  if (name == "betweenness") return query::RankBy::kBetweenness;
  return std::nullopt;
}

// Opens the store and loads the snapshot of args.kinds (every relation but
// provenance, as analytics.h defaults).
Status LoadGraph(const VerbArgs& args, std::unique_ptr<Store>* store, query::GraphSnapshot* snap) {
  query::SnapshotOptions options;
  SG_RETURN_IF_ERROR(tools::ParseKinds(args.kinds, &options.kinds));
  SG_RETURN_IF_ERROR(OpenStore(args.db, Store::Mode::kReadOnly, store));
  return query::LoadSnapshot(**store, options, snap);
}

Status NodeName(const Store& store, uint64_t id, std::string* name) {
  NodeRecord n;
  SG_RETURN_IF_ERROR(store.GetNode(id, &n));
  *name = std::move(n.name);
  return Status::OK();
}

Status RankRows(const Store& store, const VerbArgs& args, query::RankBy by,
                const query::GraphSnapshot& snap, query::QueryResult* out) {
  const bool scored = by == query::RankBy::kPageRank || by == query::RankBy::kBetweenness;
  out->columns = {"rank", "name", "kind", "degree", "claims"};
  if (scored) out->columns.push_back(args.by);
  out->columns.push_back("id");
  const auto ranked = query::Rank(snap, by, static_cast<size_t>(args.limit));
  for (size_t i = 0; i < ranked.size(); ++i) {
    const auto& r = ranked[i];
    std::string name;
    SG_RETURN_IF_ERROR(NodeName(store, r.id, &name));
    auto& row = out->rows.emplace_back();
    row = {static_cast<int64_t>(i + 1), name, std::string(NodeKindName(r.kind)),
           static_cast<int64_t>(r.degree), static_cast<int64_t>(r.claims)};
    if (scored) row.emplace_back(r.score);
    row.emplace_back(static_cast<int64_t>(r.id));
  }
  return Status::OK();
}

// The names of a component's best-connected members, at most `limit` (0: all).
Status MemberNames(const Store& store, const query::GraphSnapshot& snap,
                   const query::Component& c, size_t limit, query::List* out) {
  std::vector<uint64_t> ids = c.members;
  auto degree = [&](uint64_t id) { return snap.degree[*snap.IndexOf(id)]; };
  std::stable_sort(ids.begin(), ids.end(),
                   [&](uint64_t a, uint64_t b) { return degree(a) > degree(b); });
  if (limit > 0 && ids.size() > limit) ids.resize(limit);
  for (uint64_t id : ids) {
    std::string name;
    SG_RETURN_IF_ERROR(NodeName(store, id, &name));
    out->emplace_back(std::move(name));
  }
  return Status::OK();
}

Status ComponentRows(const Store& store, const VerbArgs& args, const query::GraphSnapshot& snap,
                     query::QueryResult* out) {
  out->columns = {"component", "size", "members"};
  const auto components = query::Components(snap);
  for (size_t i = 0; i < components.size(); ++i) {
    if (args.limit > 0 && i == static_cast<size_t>(args.limit)) break;
    query::List names;
    SG_RETURN_IF_ERROR(MemberNames(store, snap, components[i], args.members, &names));
    out->rows.push_back({static_cast<int64_t>(i + 1),
                         static_cast<int64_t>(components[i].members.size()), std::move(names)});
  }
  return Status::OK();
}

// Loads the snapshot, makes the rows, prints them.
int RunAnalytics(const VerbArgs& args,
                 const std::function<Status(const Store&, const query::GraphSnapshot&,
                                            query::QueryResult*)>& rows) {
  Output output;
  Status s = ParseOutput(args.output, &output);
  if (!s.ok()) return Usage(s.message());
  std::unique_ptr<Store> store;
  query::GraphSnapshot snap;
  query::QueryResult result;
  s = LoadGraph(args, &store, &snap);
  if (s.ok()) s = rows(*store, snap, &result);
  if (!s.ok()) return Fail(s);
  tools::WriteResult(result, output.format, output.options, std::cout);
  std::cout.flush();
  return kExitOk;
}

}  // namespace

int RunRank(const VerbArgs& args) {
  auto by = ParseRankBy(args.by);
  if (!by) return Usage("rank --by: unknown '" + args.by + "' (degree, claims, pagerank, betweenness)");
  return RunAnalytics(args, [&](const Store& store, const query::GraphSnapshot& snap,
                                query::QueryResult* out) {
    return RankRows(store, args, *by, snap, out);
  });
}

int RunComponents(const VerbArgs& args) {
  return RunAnalytics(args, [&](const Store& store, const query::GraphSnapshot& snap,
                                query::QueryResult* out) {
    return ComponentRows(store, args, snap, out);
  });
}

int RunStances(const VerbArgs& args) {
  return RunVerb(args, [&](const Store& s, const Output&, VerbResult* r) {
    return AnswerStances(s, args, r);
  });
}

int RunTimeline(const VerbArgs& args) {
  return RunVerb(args, [&](const Store& s, const Output&, VerbResult* r) {
    return AnswerTimeline(s, args, r);
  });
}

int RunPath(const VerbArgs& args) {
  return RunVerb(args, CypherVerb([&](const Store& s, VerbQuery* q) { return BuildPath(s, args, q); }),
                 PrintPath);
}

int RunActors(const VerbArgs& args) {
  return RunVerb(args, CypherVerb([&](const Store&, VerbQuery* q) { return BuildActors(args, q); }));
}

int RunPositions(const VerbArgs& args) {
  return RunVerb(args,
                 CypherVerb([&](const Store&, VerbQuery* q) { return BuildPositions(args, q); }));
}

}  // namespace sg::cli
