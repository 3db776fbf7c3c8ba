// query_bench's parts: the synthetic news graph it generates through the real
// ingest path, and the export its peers (tools/bench/query_peers.py) load.
#pragma once

#include <cstdint>
#include <string>

#include "graph/status.h"
#include "storage/store.h"

namespace sg::bench {

struct GraphShape {
  long nodes = 1'000'000;     // actors and positions (Article and Source nodes come on top)
  long edges = 10'000'000;    // distinct analyst edges (MENTIONS and CITES come on top)
  uint64_t seed = 1;
  int claims_per_article = 200;
  int community = 300;        // nodes per topic community
};

// Ingests the synthetic graph of `shape` into the read-write `store`, article by
// article through Store::IngestArticle, then compacts it. Resumable: progress is
// kept in `progress_file` (communities done), and a rerun skips what is done;
// articles are deterministic, so a half-written community is re-ingested as
// unchanged articles plus the missing ones. Prints progress to stderr.
Status GenerateGraph(const GraphShape& shape, Store* store, const std::string& progress_file);

// Writes the analyst part of the graph as two TSV files for the peers:
//   DIR/nodes.tsv  id, kind, name            (actors and positions)
//   DIR/edges.tsv  src, rel, dst, claims, first_date, last_date  (analyst relations;
//                  symmetric relations once, from the smaller id, as stored)
Status ExportAnalystGraph(const Store& store, const std::string& dir);

}  // namespace sg::bench
