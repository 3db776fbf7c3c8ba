// Read verbs over the stored graph: search by name, an actor's stances, a
// position's timeline, the evidence behind one edge. Shared by the web viewer
// (tools/serve.cc) and, later, the query engine and CLI verbs.
//
// Each verb only reads: it is safe on a store opened read-only, and safe to call
// from several threads at once (Store's reads are).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"
#include "storage/store.h"

namespace sg::query {

// ----- Search

struct SearchOptions {
  std::string text;               // matched case- and accent-insensitively
  std::optional<NodeKind> kind;   // empty: actors and positions
  size_t limit = 20;
  // The substring pass decodes at most this many nodes (a full scan of `nodes`);
  // past it the result is marked truncated.
  size_t max_scanned = 200000;
};

struct SearchHit {
  NodeRecord node;
  std::string matched;  // the name or alias that matched
  bool prefix = false;  // matched at the start of a name, not only inside one
};

struct SearchResult {
  std::vector<SearchHit> hits;  // prefix matches first (in name order), then substring ones
  bool truncated = false;       // `limit` or `max_scanned` cut the result
};

// Actors and positions whose name or alias contains `options.text`, normalized
// as names are (graph/names.h). Prefix matches come from one prefix scan of the
// `names` index; substring matches from a scan of `nodes`, bounded by
// `max_scanned`. InvalidInput when the text has no letters or digits, or the
// kind is not an actor or position kind.
Status Search(const Store& store, const SearchOptions& options, SearchResult* out);

// ----- Stances: an actor's SUPPORTS / OPPOSES / PROPOSES edges

struct Stance {
  EdgeRecord edge;
  NodeRecord position;
};

struct Stances {
  NodeRecord actor;
  std::vector<Stance> stances;  // most claims first
  uint32_t supports = 0;        // claims behind each relation, summed over positions
  uint32_t opposes = 0;
  uint32_t proposes = 0;
};

// NotFound when `actor` is not a node; InvalidInput when it is not an actor.
Status StancesOf(const Store& store, uint64_t actor, Stances* out);

// ----- Timeline: the claims on one position, in date order

struct TimelineEntry {
  ClaimRecord claim;
  NodeRecord actor;
};

struct Timeline {
  NodeRecord position;
  std::vector<TimelineEntry> entries;  // by date (undated last), then claim id
};

// Every SUPPORTS, OPPOSES and PROPOSES claim whose object is `position`.
// NotFound when it is not a node; InvalidInput when it is not a Position.
Status TimelineOf(const Store& store, uint64_t position, Timeline* out);

// ----- Evidence: the claims behind one edge

struct EdgeEvidence {
  EdgeRecord edge;
  NodeRecord source;
  NodeRecord target;
  std::vector<ClaimRecord> claims;  // in date order, undated last
};

// The edge (source, relation, target) with its claims. A symmetric relation is
// found whichever way round its ends are given. NotFound when there is no such
// edge.
Status EvidenceOf(const Store& store, keys::EdgeKey key, EdgeEvidence* out);

}  // namespace sg::query
