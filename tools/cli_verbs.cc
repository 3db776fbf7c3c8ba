// The analyst verbs: stances, timeline, path, actors, positions. Each is a thin
// layer over the query engine: it resolves names as `show` does, builds one
// Cypher query with parameters, and prints the result like `query` does
// (docs/query.md, "Command line", shows each query).

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
  std::string heading;  // printed above a table, e.g. which node a name resolved to
  std::string if_empty;  // when set, no rows is a failure (NotFound) with this message
};

// Prints a verb's result; returns the exit status.
using Printer = std::function<int(const VerbArgs&, const VerbQuery&, const query::QueryResult&,
                                  const Output&)>;

int PrintResult(const VerbArgs&, const VerbQuery& q, const query::QueryResult& result,
                const Output& output) {
  if (output.format == tools::ResultFormat::kTable && !q.heading.empty())
    std::cout << q.heading << '\n';
  tools::WriteResult(result, output.format, output.options, std::cout);
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

const std::string kStanceRelations = "SUPPORTS|OPPOSES|PROPOSES";

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

// --since and --until as DATE parameters. A month or year given as --until
// covers all of it: its key is past every day in it ("2025-01" -> 2025-01-99).
query::Value SinceDate(const std::string& iso) { return query::Date{keys::DateKey(iso), iso}; }
query::Value UntilDate(const std::string& iso) {
  uint32_t key = keys::DateKey(iso);
  if (iso.size() == 7) key += 99;
  if (iso.size() == 4) key += 9999;
  return query::Date{key, iso};
}

// " AND c.date >= $since AND c.date <= $until" for the dates given.
std::string DateConditions(const VerbArgs& args, query::Params* params) {
  std::string out;
  if (!args.since.empty()) {
    out += " AND c.date >= $since";
    (*params)["since"] = SinceDate(args.since);
  }
  if (!args.until.empty()) {
    out += " AND c.date <= $until";
    (*params)["until"] = UntilDate(args.until);
  }
  return out;
}

Status CheckDates(const VerbArgs& args) {
  for (const auto* d : {&args.since, &args.until}) {
    if (!d->empty() && !IsIsoDate(*d))
      return Status::InvalidInput("'" + *d + "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
  }
  return Status::OK();
}

// Opens the store, builds the verb's query, runs it, prints it.
int RunVerb(const VerbArgs& args, const std::function<Status(const Store&, VerbQuery*)>& build,
            const Printer& print = PrintResult) {
  Output output;
  Status s = ParseOutput(args.output, &output);
  if (s.ok()) s = CheckDates(args);
  if (!s.ok()) return Usage(s.message());
  std::unique_ptr<Store> store;
  VerbQuery q;
  query::QueryResult result;
  s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (s.ok()) s = build(*store, &q);
  if (s.ok()) s = query::RunQuery(*store, q.text, q.params, output.limits, &result);
  if (s.ok() && result.rows.empty() && !q.if_empty.empty()) s = Status::NotFound(q.if_empty);
  if (!s.ok()) return Fail(s);
  const int code = print(args, q, result, output);
  std::cout.flush();
  return code;
}

// ----- stances

// The --position filter: the Position of that name, else positions whose name
// contains the text (any case): "ceasefire" finds every ceasefire.
Status PositionCondition(const Store& store, const std::string& position, VerbQuery* q) {
  if (position.empty()) return Status::OK();
  NodeRecord p;
  Status s = ResolveNode(store, position, "Position", &p);
  if (s.ok()) {
    q->text += " AND id(p) = $position";
    q->params["position"] = static_cast<int64_t>(p.id);
    return Status::OK();
  }
  if (!s.IsNotFound()) return s;
  q->text += " AND toLower(p.name) CONTAINS toLower($position)";
  q->params["position"] = position;
  return Status::OK();
}

Status BuildStances(const Store& store, const VerbArgs& args, VerbQuery* q) {
  NodeRecord actor;
  SG_RETURN_IF_ERROR(ResolveActor(store, args.name, args.kind, &actor));
  q->heading = "stances of " + Described(actor);
  q->params["id"] = static_cast<int64_t>(actor.id);
  q->text = "MATCH (a)-[r:" + kStanceRelations + "]->(p:Position)\nWHERE id(a) = $id";
  SG_RETURN_IF_ERROR(PositionCondition(store, args.position, q));
  if (args.since.empty() && args.until.empty()) {
    q->text +=
        "\nRETURN p.name AS position, type(r) AS stance, r.claims AS claims, r.articles AS articles,"
        "\n       r.first_date AS first_date, r.last_date AS last_date";
  } else {  // count only the claims dated in the range
    q->text += "\nUNWIND claims(r) AS c\nWITH p, r, c WHERE c.date IS NOT NULL" +
               DateConditions(args, &q->params) +
               "\nRETURN p.name AS position, type(r) AS stance, count(c) AS claims,"
               "\n       count(DISTINCT c.article) AS articles, min(c.date) AS first_date,"
               "\n       max(c.date) AS last_date";
  }
  q->text += "\nORDER BY claims DESC, position, stance";
  return Status::OK();
}

// ----- timeline

Status BuildTimeline(const Store& store, const VerbArgs& args, VerbQuery* q) {
  NodeRecord position;
  SG_RETURN_IF_ERROR(Resolve(store, args.name, "Position", &position));
  q->heading = "timeline of " + Described(position);
  q->params["id"] = static_cast<int64_t>(position.id);
  q->text = "MATCH (a)-[r:" + kStanceRelations + "]->(p)\nWHERE id(p) = $id";
  if (!args.actor.empty()) {
    NodeRecord actor;
    SG_RETURN_IF_ERROR(ResolveActor(store, args.actor, "", &actor));
    q->text += " AND id(a) = $actor";
    q->params["actor"] = static_cast<int64_t>(actor.id);
  }
  q->text += "\nUNWIND claims(r) AS c";
  if (!args.since.empty() || !args.until.empty()) {
    q->text += "\nWITH a, r, c WHERE c.date IS NOT NULL" + DateConditions(args, &q->params);
  }
  // A negated claim ("X did not oppose ...") is kept, its stance marked "not".
  q->text +=
      "\nRETURN c.date AS date, a.name AS actor,"
      "\n       CASE WHEN c.polarity < 0 THEN 'not ' + type(r) ELSE type(r) END AS stance,"
      "\n       c.outlet AS outlet, c.article AS article, c.sentence AS sentence"
      "\nORDER BY date, actor, stance";
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
int PrintPath(const VerbArgs& args, const VerbQuery& q, const query::QueryResult& result,
              const Output& output) {
  if (output.format != tools::ResultFormat::kTable || result.rows[0].empty() ||
      !result.rows[0][0].is<query::Path>()) {
    return PrintResult(args, q, result, output);
  }
  const auto& path = result.rows[0][0].as<query::Path>();
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
  return RunVerb(args, [&](const Store& s, VerbQuery* q) { return BuildStances(s, args, q); });
}

int RunTimeline(const VerbArgs& args) {
  return RunVerb(args, [&](const Store& s, VerbQuery* q) { return BuildTimeline(s, args, q); });
}

int RunPath(const VerbArgs& args) {
  return RunVerb(args, [&](const Store& s, VerbQuery* q) { return BuildPath(s, args, q); },
                 PrintPath);
}

int RunActors(const VerbArgs& args) {
  return RunVerb(args, [&](const Store&, VerbQuery* q) { return BuildActors(args, q); });
}

int RunPositions(const VerbArgs& args) {
  return RunVerb(args, [&](const Store&, VerbQuery* q) { return BuildPositions(args, q); });
}

}  // namespace sg::cli
