// The query parser: text -> ast::Query (docs/query.md lists the grammar).
#pragma once

#include <string_view>

#include "graph/status.h"
#include "query/ast.h"

namespace sg::query {

// Parses one statement (a trailing `;` is allowed). On failure returns
// InvalidInput with the message
//   "line L, column C: <what was expected or found>\n<the line>\n<spaces>^"
// where the caret stands under the offending token. Write clauses (CREATE,
// MERGE, DELETE, DETACH, SET, REMOVE, FOREACH, LOAD CSV, CALL) fail with a
// message starting "read-only:". Every query must end with RETURN.
// Never crashes or recurses without bound: nesting deeper than kMaxNesting is an
// error.
Status ParseQuery(std::string_view text, ast::Query* out);

// Parses a lone expression (used for --param values), the whole text.
Status ParseExpression(std::string_view text, ast::ExprPtr* out);

inline constexpr int kMaxNesting = 200;

}  // namespace sg::query
