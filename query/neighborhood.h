// Neighbourhoods: the nodes within N hops of a node, walked over the stored
// adjacency (one prefix scan per node and direction).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"
#include "storage/store.h"

namespace sg::query {

struct NeighborhoodOptions {
  int depth = 1;                      // hops, >= 1
  std::set<Relation> relations;       // empty: every relation but MENTIONS and CITES
  size_t max_nodes = 100000;          // stop expanding past this many nodes
  std::set<NodeKind> kinds;           // empty: every kind; else only reach these kinds
  // ISO dates; "" is open. An edge is walked only when its claims' date range
  // [first_date, last_date] meets [since, until], dates compared as YYYYMMDD
  // numbers (keys::DateKey: a missing month or day is 00). With either bound set,
  // undated edges are left out.
  std::string since, until;
};

struct Neighbor {
  NodeRecord node;
  int depth = 0;          // hops from the start
  EdgeRecord via;         // the edge that first reached it
};

struct Neighborhood {
  NodeRecord start;
  std::vector<Neighbor> nodes;  // by depth, then by the claims behind `via`, most first
  std::vector<EdgeRecord> edges;  // every edge walked, each once
  bool truncated = false;         // max_nodes was reached
};

// Breadth-first over out- and in-edges from `start`. InvalidInput when depth < 1.
Status Neighbors(const Store& store, uint64_t start, const NeighborhoodOptions& options,
                 Neighborhood* out);

// The default relation filter of analyst views: all but provenance relations.
bool IsAnalystRelation(Relation relation);

}  // namespace sg::query
