#include "tools/records_json.h"

namespace sg::tools {

using nlohmann::json;

std::string_view ToneName(Relation relation) {
  switch (RelationTone(relation)) {
    case Tone::kPositive: return "positive";
    case Tone::kNegative: return "negative";
    case Tone::kNeutral: break;
  }
  return "neutral";
}

json NodeJson(const NodeRecord& n) {
  json j = {{"id", n.id}, {"kind", NodeKindName(n.kind)}, {"name", n.name}, {"aliases", n.aliases}};
  if (!n.code.empty()) j["code"] = n.code;
  j["properties"] = json::object();
  for (const auto& [k, v] : n.properties) j["properties"][k] = v;
  return j;
}

json EdgeJson(const EdgeRecord& e) {
  return {{"id", e.id},
          {"source", e.key.source},
          {"relation", RelationName(e.key.relation)},
          {"target", e.key.target},
          {"tone", ToneName(e.key.relation)},
          {"claims", e.claim_count},
          {"articles", e.article_count},
          {"first_date", e.first_date},
          {"last_date", e.last_date},
          {"titles", e.titles},
          {"outlets", e.outlets}};
}

json ClaimJson(const ClaimRecord& c) {
  json sources = json::array();
  for (const auto& s : c.sources) sources.push_back({{"name", s.name}, {"date", s.date}});
  return {{"id", c.id},
          {"article", c.article_id},
          {"sentence", c.sentence},
          {"sentence_no", c.sentence_no},
          {"span", {c.span_begin, c.span_end}},
          {"cue", c.cue},
          {"sources", sources},
          {"date", c.date},
          {"publisher", c.publisher},
          {"polarity", c.polarity},
          {"subject_text", c.subject_text},
          {"object_text", c.object_text},
          {"rule", c.rule},
          {"confidence", c.confidence},
          {"title", c.title}};
}

}  // namespace sg::tools
