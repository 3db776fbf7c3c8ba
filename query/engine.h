// The query engine: a read-only subset of openCypher over the stored graph
// (docs/query.md). Parse -> plan against the key layout -> run.
//
// Thread safety: RunQuery only reads; it is safe on a store opened read-only and
// from several threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "query/value.h"
#include "storage/store.h"

namespace sg::query {

// What one query may use; past a limit the query fails with a clear error
// (Status::InvalidInput, "... limit ..."), never a partial answer.
struct QueryLimits {
  int max_hops = 10;              // cap on variable-length patterns (*, *..N) and shortestPath
  size_t max_rows = 1'000'000;    // rows in the result, and rows between clauses
  double max_seconds = 60;        // wall-clock time; <= 0: no limit
  size_t max_expansions = 50'000'000;  // adjacency entries read, over the whole query
};

using Params = std::map<std::string, Value, std::less<>>;

struct QueryResult {
  // Column names as written in RETURN: the alias, else the expression's text.
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;  // node, relationship and path values carry records
};

// Parses, plans and runs `text` (one statement, an optional trailing `;`).
// Errors:
//   InvalidInput "line L, column C: <message>\n<the line>\n<caret>" for syntax
//     errors, unknown functions or variables, type errors, missing parameters;
//   InvalidInput "read-only: ..." for CREATE, MERGE, DELETE, SET, REMOVE;
//   InvalidInput "... limit ..." when a QueryLimits bound is reached;
//   store errors (IOError, Corruption) as they come.
Status RunQuery(const Store& store, std::string_view text, const Params& params,
                const QueryLimits& limits, QueryResult* out);

// Parses a command-line parameter "name=value": value as a Cypher literal
// (1, 2.5, 'x', "x", true, null, [..], {..}, date('2025-01-01')) or, when it is
// not one, as a string. InvalidInput on a bad name.
Status ParseParam(std::string_view assignment, std::string* name, Value* value);

}  // namespace sg::query
