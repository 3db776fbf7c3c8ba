// Integrity check and repair of a store (docs/reliability.md, "Integrity check").
//
// The store's records are of two sorts:
//  - primary: articles, claims and the actor, position and source nodes. They
//    hold what was read and cannot be recomputed from anything else.
//  - derived: the edge aggregates in `out` (claim relations and the MENTIONS and
//    CITES provenance edges), `in`, `edge_claims`, `names`, `kinds`, the Article
//    nodes' properties, the counts and the id counters. Each is a function of the
//    primary records (docs/storage-format.md).
//
// CheckStore verifies every invariant of docs/storage-format.md and reports each
// violation as one line naming the records involved. RepairStore rebuilds the
// derived records from the primary ones, so that the repaired store passes
// CheckStore and holds the graph a fresh ingest of its articles would give.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/status.h"
#include "storage/store.h"

namespace sg {

struct CheckOptions {
  // Problems kept in CheckReport::problems; the rest are only counted.
  size_t max_problems = 100;
};

struct CheckReport {
  uint64_t nodes = 0, edges = 0, claims = 0, articles = 0;  // records scanned
  uint64_t problem_count = 0;         // every problem found
  std::vector<std::string> problems;  // the first max_problems of them, in scan order
  bool ok() const { return problem_count == 0; }
};

// Reads every column family of `store` and reports what disagrees with the
// storage format: edge aggregates versus their claims, out- versus
// in-adjacency, edge_claims versus claims, articles versus claims, the names and
// kinds indexes versus the nodes, orphan nodes, undecodable values, the kept
// counts versus a scan, the id counters and the schema version.
//
// On a read-only store it runs beside a writer and checks the database as the
// open saw it; on a read-write one, REQUIRES no ingest meanwhile. Problems in the data are in *report; the returned Status is
// non-ok only when reading fails (I/O). Memory: proportional to the number of
// nodes, edges, claims and articles (a few dozen bytes each, plus names).
Status CheckStore(const Store& store, const CheckOptions& options, CheckReport* report);

struct RepairReport {
  std::vector<std::string> fixes;  // what was changed, one line per kind of fix
  uint64_t changes = 0;            // keys written or deleted
};

// Rebuilds every derived record from the primary ones, in one atomic
// WriteBatch (a crash midway leaves the store as it was; running it again is
// safe). Primary records that cannot stand are dropped: an undecodable value, a
// claim whose article is missing or does not list it, a claim naming a missing
// node, an actor, position or source node that no claim names. An article that
// loses claims that way keeps the rest with its content hash cleared, so that
// the next ingest of it rewrites it whole.
//
// REQUIRES: `store` is opened kReadWrite, and no ingest runs on it meanwhile.
// Afterwards CheckStore passes, unless a write fails (IOError).
Status RepairStore(Store* store, RepairReport* report);

}  // namespace sg
