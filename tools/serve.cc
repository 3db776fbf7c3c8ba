// `stancegraph serve`: the web viewer and its JSON API (docs/viewer.md). The
// handlers only parse requests, call the read verbs of query/ and shape JSON;
// the database is opened read-only, so the viewer runs beside an ingest.

#include <httplib.h>
#include <sys/socket.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "query/neighborhood.h"
#include "query/verbs.h"
#include "tools/cli.h"
#include "tools/records_json.h"
#include "tools/web_assets.h"

namespace sg::cli {
namespace {

using nlohmann::json;
using httplib::Request;
using httplib::Response;
using tools::ClaimJson;
using tools::EdgeJson;
using tools::NodeJson;

// ----- JSON shapes

// Cytoscape.js element shapes: {"data": {...}}, ids as strings.
json CyNode(const NodeRecord& n, int depth) {
  return {{"data", {{"id", std::to_string(n.id)}, {"label", n.name},
                    {"kind", NodeKindName(n.kind)}, {"depth", depth}}}};
}

json CyEdge(const EdgeRecord& e) {
  json data = EdgeJson(e);
  data["id"] = "e" + std::to_string(e.id);
  data["source"] = std::to_string(e.key.source);
  data["target"] = std::to_string(e.key.target);
  return {{"data", std::move(data)}};
}

// A stance with its counts in the request's date range beside the edge's
// stored aggregate (every date).
json StanceJson(const query::Stance& x) {
  return {{"edge", EdgeJson(x.edge)},
          {"position", NodeJson(x.position)},
          {"stance", RelationName(x.edge.key.relation)},
          {"claims", x.claims},
          {"articles", x.articles},
          {"first_date", x.first_date},
          {"last_date", x.last_date}};
}

// ----- Replies

void Reply(Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void ReplyError(Response& res, int status, const std::string& message) {
  Reply(res, json{{"error", message}}, status);
}

void ReplyStatus(Response& res, const Status& s) {
  const int code = s.IsNotFound() ? 404 : s.IsInvalidInput() ? 400 : 500;
  ReplyError(res, code, s.message());
}

// ----- Request parameters. Each returns InvalidInput naming the parameter.

Status ParseUint(std::string_view text, std::string_view what, uint64_t* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    return Status::InvalidInput(std::string(what) + " must be a number, not '" +
                                std::string(text) + "'");
  }
  return Status::OK();
}

Status ParseBounded(const Request& req, const char* name, uint64_t lo, uint64_t hi,
                    uint64_t* out) {
  if (!req.has_param(name)) return Status::OK();
  SG_RETURN_IF_ERROR(ParseUint(req.get_param_value(name), name, out));
  if (*out < lo || *out > hi) {
    return Status::InvalidInput(std::string(name) + " must be in " + std::to_string(lo) + ".." +
                                std::to_string(hi));
  }
  return Status::OK();
}

// Comma-separated values of parameter `name`, each parsed by `parse`.
template <typename T, typename Parse>
Status ParseList(const Request& req, const char* name, Parse parse, std::set<T>* out) {
  const std::string param = req.get_param_value(name);  // by value: keep it alive
  std::string_view list = param;
  while (!list.empty()) {
    const size_t comma = std::min(list.find(','), list.size());
    const std::string_view item = list.substr(0, comma);
    list.remove_prefix(std::min(comma + 1, list.size()));
    if (item.empty()) continue;
    auto value = parse(item);
    if (!value) return Status::InvalidInput("unknown " + std::string(name) + " '" + std::string(item) + "'");
    out->insert(*value);
  }
  return Status::OK();
}

Status ParseDate(const Request& req, const char* name, std::string* out) {
  *out = req.get_param_value(name);
  if (out->empty() || IsIsoDate(*out)) return Status::OK();
  return Status::InvalidInput(std::string(name) + " must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
}

Status ParseKind(const Request& req, std::optional<NodeKind>* out) {
  const std::string kind = req.get_param_value("kind");
  if (kind.empty()) return Status::OK();
  *out = ParseNodeKind(kind);
  return *out ? Status::OK() : Status::InvalidInput("unknown kind '" + kind + "'");
}

Status PathId(const Request& req, size_t group, uint64_t* out) {
  return ParseUint(req.matches[group].str(), "node id", out);
}

// ----- Handlers

class Api {
 public:
  explicit Api(const Store& store) : store_(store) {}

  void Search(const Request& req, Response& res) const {
    query::SearchOptions o;
    o.text = req.get_param_value("q");
    uint64_t limit = o.limit;
    Status s = ParseKind(req, &o.kind);
    if (s.ok()) s = ParseBounded(req, "limit", 1, 1000, &limit);
    o.limit = limit;
    query::SearchResult found;
    if (s.ok()) s = query::Search(store_, o, &found);
    if (!s.ok()) return ReplyStatus(res, s);
    json hits = json::array();
    for (const auto& h : found.hits) {
      json j = NodeJson(h.node);
      j["matched"] = h.matched;
      j["prefix"] = h.prefix;
      hits.push_back(std::move(j));
    }
    Reply(res, {{"results", hits}, {"truncated", found.truncated}});
  }

  void Node(const Request& req, Response& res) const {
    uint64_t id = 0;
    NodeRecord node;
    Status s = PathId(req, 1, &id);
    if (s.ok()) s = store_.GetNode(id, &node);
    if (!s.ok()) return ReplyStatus(res, s);
    Reply(res, NodeJson(node));
  }

  void Neighborhood(const Request& req, Response& res) const {
    uint64_t id = 0;
    query::NeighborhoodOptions o;
    query::Neighborhood hood;
    Status s = PathId(req, 1, &id);
    if (s.ok()) s = NeighborhoodFilters(req, &o);
    if (s.ok()) s = query::Neighbors(store_, id, o, &hood);
    if (!s.ok()) return ReplyStatus(res, s);
    json nodes = json::array({CyNode(hood.start, 0)});
    for (const auto& n : hood.nodes) nodes.push_back(CyNode(n.node, n.depth));
    json edges = json::array();
    for (const auto& e : hood.edges) edges.push_back(CyEdge(e));
    Reply(res, {{"elements", {{"nodes", nodes}, {"edges", edges}}},
                {"truncated", hood.truncated}});
  }

  void Stances(const Request& req, Response& res) const {
    uint64_t id = 0;
    query::StancesOptions o;
    query::Stances st;
    Status s = PathId(req, 1, &id);
    if (s.ok()) s = ParseDates(req, &o.dates);
    if (s.ok()) s = query::StancesOf(store_, id, o, &st);
    if (!s.ok()) return ReplyStatus(res, s);
    json list = json::array();
    for (const auto& x : st.stances) list.push_back(StanceJson(x));
    Reply(res, {{"actor", NodeJson(st.actor)},
                {"stances", list},
                {"counts", {{"SUPPORTS", st.supports}, {"OPPOSES", st.opposes},
                            {"PROPOSES", st.proposes}}}});
  }

  void Timeline(const Request& req, Response& res) const {
    uint64_t id = 0;
    query::TimelineOptions o;
    query::Timeline tl;
    Status s = PathId(req, 1, &id);
    if (s.ok()) s = ParseDates(req, &o.dates);
    if (s.ok()) s = query::TimelineOf(store_, id, o, &tl);
    if (!s.ok()) return ReplyStatus(res, s);
    json entries = json::array();
    for (const auto& e : tl.entries) {
      json j = ClaimJson(e.claim);
      j["relation"] = RelationName(e.claim.edge.relation);
      j["stance"] = query::StanceLabel(e.claim);
      j["actor"] = {{"id", e.actor.id}, {"name", e.actor.name}, {"kind", NodeKindName(e.actor.kind)}};
      entries.push_back(std::move(j));
    }
    Reply(res, {{"position", NodeJson(tl.position)}, {"claims", entries}});
  }

  void EdgeClaims(const Request& req, Response& res) const {
    keys::EdgeKey key;
    query::EdgeEvidence ev;
    Status s = EdgeKeyOf(req, &key);
    if (s.ok()) s = query::EvidenceOf(store_, key, &ev);
    if (!s.ok()) return ReplyStatus(res, s);
    json claims = json::array();
    for (const auto& c : ev.claims) {
      claims.push_back(ClaimJson(c));
      claims.back()["stance"] = query::StanceLabel(c);
    }
    Reply(res, {{"edge", ev.edge ? EdgeJson(*ev.edge) : json(nullptr)},
                {"source", NodeJson(ev.source)},
                {"target", NodeJson(ev.target)},
                {"claims", claims}});
  }

 private:
  static Status NeighborhoodFilters(const Request& req, query::NeighborhoodOptions* o) {
    uint64_t depth = 1;
    SG_RETURN_IF_ERROR(ParseBounded(req, "depth", 1, 3, &depth));
    o->depth = static_cast<int>(depth);
    o->max_nodes = 500;  // a browser draws a few hundred nodes well, not thousands
    SG_RETURN_IF_ERROR(ParseList<Relation>(req, "relations", ParseRelation, &o->relations));
    SG_RETURN_IF_ERROR(ParseList<NodeKind>(req, "kinds", ParseNodeKind, &o->kinds));
    SG_RETURN_IF_ERROR(ParseDate(req, "since", &o->since));
    return ParseDate(req, "until", &o->until);
  }

  static Status ParseDates(const Request& req, query::DateRange* dates) {
    SG_RETURN_IF_ERROR(ParseDate(req, "since", &dates->since));
    return ParseDate(req, "until", &dates->until);
  }

  static Status EdgeKeyOf(const Request& req, keys::EdgeKey* key) {
    SG_RETURN_IF_ERROR(PathId(req, 1, &key->source));
    SG_RETURN_IF_ERROR(PathId(req, 3, &key->target));
    auto relation = ParseRelation(req.matches[2].str());
    if (!relation) return Status::InvalidInput("unknown relation '" + req.matches[2].str() + "'");
    key->relation = *relation;
    return Status::OK();
  }

  const Store& store_;
};

void ServeAsset(const std::string& path, Response& res) {
  const web::Asset* asset = web::FindAsset(path == "/" ? "/index.html" : path);
  if (!asset) return ReplyError(res, 404, "no such page: " + path);
  res.set_content(std::string(asset->bytes), std::string(asset->content_type));
}

void Route(httplib::Server& svr, const Api& api) {
  using Method = void (Api::*)(const Request&, Response&) const;
  auto get = [&](const char* pattern, Method m) {
    svr.Get(pattern, [&api, m](const Request& req, Response& res) { (api.*m)(req, res); });
  };
  get("/api/search", &Api::Search);
  get(R"(/api/node/([^/]+))", &Api::Node);
  get(R"(/api/neighborhood/([^/]+))", &Api::Neighborhood);
  get(R"(/api/stances/([^/]+))", &Api::Stances);
  get(R"(/api/timeline/([^/]+))", &Api::Timeline);
  get(R"(/api/edge/([^/]+)/([^/]+)/([^/]+)/claims)", &Api::EdgeClaims);
  svr.Get(R"(/api/.*)", [](const Request& req, Response& res) {
    ReplyError(res, 404, "no such endpoint: " + req.path);
  });
  svr.Get(R"(/[^/]*)", [](const Request& req, Response& res) { ServeAsset(req.path, res); });
  svr.set_error_handler([](const Request& req, Response& res) {
    if (res.body.empty()) ReplyError(res, res.status, "cannot " + req.method + " " + req.path);
  });
  svr.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
    ReplyError(res, 500, "internal error");
  });
}

// On every answer: the page runs only its own scripts (so news text that ever
// slipped into HTML still could not run), and nothing is sniffed or framed.
// Inline styles are allowed: Cytoscape.js adds a <style> element.
httplib::Headers SecurityHeaders() {
  return {{"Content-Security-Policy",
           "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"},
          {"X-Content-Type-Options", "nosniff"},
          {"Referrer-Policy", "no-referrer"}};
}

// The host of a Host header: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:80" -> "::1".
std::string_view HostName(std::string_view host) {
  if (host.starts_with('[')) return host.substr(1, host.find(']') - 1);
  return host.substr(0, host.find(':'));
}

bool IsLoopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

// A web page elsewhere can point its own name at 127.0.0.1 (DNS rebinding) and
// read a loopback server's answers: one bound to loopback answers only requests
// addressed to loopback.
void GuardLoopback(httplib::Server& svr, const std::string& bound_host) {
  if (!IsLoopback(HostName(bound_host))) return;
  svr.set_pre_routing_handler([](const Request& req, Response& res) {
    if (IsLoopback(HostName(req.get_header_value("Host")))) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    ReplyError(res, 403, "this server answers requests to 127.0.0.1 or localhost only");
    return httplib::Server::HandlerResponse::Handled;
  });
}

// Only SO_REUSEADDR: httplib's default adds SO_REUSEPORT, which would let a
// second server bind a port already in use instead of failing.
void ExclusiveSocket(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

int Bind(httplib::Server& svr, const ServeArgs& args) {
  errno = 0;
  if (args.port == 0) return svr.bind_to_any_port(args.host);
  if (svr.bind_to_port(args.host, args.port)) return args.port;
  return -1;
}

}  // namespace

int RunServe(const ServeArgs& args) {
  std::unique_ptr<Store> store;
  Status s = OpenStore(args.db, Store::Mode::kReadOnly, &store);
  if (!s.ok()) return Fail(s);
  Api api(*store);
  httplib::Server svr;
  svr.set_socket_options(ExclusiveSocket);
  svr.set_default_headers(SecurityHeaders());
  GuardLoopback(svr, args.host);
  Route(svr, api);
  const int port = Bind(svr, args);
  if (port <= 0) {
    const std::string why = errno ? std::strerror(errno) : "address in use or not available";
    return Fail(Status::IOError("cannot listen on " + args.host + ":" + std::to_string(args.port) +
                                ": " + why));
  }
  std::fprintf(stderr, "stancegraph: serving %s at http://%s:%d/%s\n", args.db.c_str(),
               args.host.c_str(), port,
               web::kViewerBuilt ? "" : " (API only: the viewer's assets were not built)");
  std::fflush(stderr);
  return svr.listen_after_bind() ? kExitOk : Fail(Status::IOError("the server stopped"));
}

}  // namespace sg::cli
