// Read verbs over the stored graph: search by name, an actor's stances, a
// position's timeline, the evidence behind one edge. The one implementation of
// each: the CLI (`stances`, `timeline`, `explain`) prints these results and the
// web viewer's API (tools/serve.cc) serializes them.
//
// Each verb only reads: it is safe on a store opened read-only, and safe to call
// from several threads at once (Store's reads are).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// ----- Dates

// The claim dates a verb keeps: inclusive ISO bounds (YYYY, YYYY-MM or
// YYYY-MM-DD), "" for none. A month or year given as `until` covers all of it
// ("2025-01" keeps 2025-01-31). With either bound, undated claims are left out.
struct DateRange {
  std::string since, until;

  bool empty() const { return since.empty() && until.empty(); }
  // Whether a claim dated `date` ("" when undated) is in the range.
  bool Contains(std::string_view date) const;
};

// InvalidInput naming the bound when one is not an ISO date.
Status CheckDateRange(const DateRange& dates);

// How a claim reads as a stance: its relation ("OPPOSES"), or "not OPPOSES"
// when it is negated (polarity -1).
std::string StanceLabel(const ClaimRecord& claim);

// ----- Stances: an actor's SUPPORTS / OPPOSES / PROPOSES edges
//
// Only asserted claims count: a negated claim ("did not oppose") is never
// evidence for a stance, with or without dates.

struct StancesOptions {
  DateRange dates;  // empty: the edges' stored aggregates
  // Only the position with this id, else (when not empty) the positions whose
  // name contains this text in any case.
  std::optional<uint64_t> position;
  std::string position_contains;
};

struct Stance {
  NodeRecord position;
  EdgeRecord edge;  // the stored aggregate, over every date
  // The edge's asserted claims in the date range (all of them without one):
  // how many, from how many articles, and the first and last date ("" when
  // none is dated).
  uint32_t claims = 0;
  uint32_t articles = 0;
  std::string first_date, last_date;
};

struct Stances {
  NodeRecord actor;
  // Most claims first, then by position name and relation name. A stance with
  // no claim in the date range is left out.
  std::vector<Stance> stances;
  uint32_t supports = 0;  // Stance::claims summed over the positions, by relation
  uint32_t opposes = 0;
  uint32_t proposes = 0;
};

// NotFound when `actor` is not a node; InvalidInput when it is not an actor or
// a date bound is malformed.
Status StancesOf(const Store& store, uint64_t actor, const StancesOptions& options, Stances* out);

// ----- Timeline: the claims on one position, in date order

struct TimelineOptions {
  DateRange dates;
  std::optional<uint64_t> actor;  // only this actor's claims
};

struct TimelineEntry {
  ClaimRecord claim;  // asserted or negated: StanceLabel() tells which
  NodeRecord actor;
};

struct Timeline {
  NodeRecord position;
  // By date (undated last), then actor name, StanceLabel and claim id.
  std::vector<TimelineEntry> entries;
};

// Every SUPPORTS, OPPOSES and PROPOSES claim whose object is `position`,
// negated ones included, also those whose edge has no asserted claim and so is
// not in the graph. NotFound when `position` (or options.actor) is not a node;
// InvalidInput when it is not a Position (not an actor), or a date bound is
// malformed.
Status TimelineOf(const Store& store, uint64_t position, const TimelineOptions& options,
                  Timeline* out);

// ----- Evidence: the claims behind one edge

struct EdgeEvidence {
  // The stored aggregate; empty when every claim is negated, since a negated
  // claim makes no edge.
  std::optional<EdgeRecord> edge;
  NodeRecord source;
  NodeRecord target;
  std::vector<ClaimRecord> claims;  // asserted and negated, in date order, undated last
};

// The edge (source, relation, target) with its claims. A symmetric relation is
// found whichever way round its ends are given. NotFound when there is neither
// an edge nor a claim.
Status EvidenceOf(const Store& store, keys::EdgeKey key, EdgeEvidence* out);

}  // namespace sg::query
