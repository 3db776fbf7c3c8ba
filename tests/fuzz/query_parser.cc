// Fuzz target: the Cypher subset's parser (ParseQuery, ParseExpression) and the
// command line's --param NAME=VALUE (ParseParam).
#include <string>

#include "query/engine.h"
#include "query/parser.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = sg::fuzz::AsText(data, size);
  sg::query::ast::Query query;
  sg::Status s = sg::query::ParseQuery(text, &query);
  if (!s.ok()) {
    const std::string& m = s.message();
    SG_FUZZ_CHECK(m.rfind("line ", 0) == 0 || m.rfind("read-only:", 0) == 0,
                  "a syntax error starts with its line or says read-only");
  }
  sg::query::ast::ExprPtr expr;
  (void)sg::query::ParseExpression(text, &expr);
  std::string name;
  sg::query::Value value;
  (void)sg::query::ParseParam(text, &name, &value);
  return 0;
}
