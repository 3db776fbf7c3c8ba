// The JSON shapes of stored records, shared by the CLI's --json output and the
// viewer's API, so a node, an edge or a claim looks the same everywhere.
#pragma once

#include <nlohmann/json.hpp>

#include "storage/records.h"

namespace sg::tools {

// {"id","kind","name","aliases","code"?,"properties":{...}}
nlohmann::json NodeJson(const NodeRecord& n);
// {"id","source","relation","target","tone","claims","articles","first_date",
//  "last_date","titles","outlets"}; source and target are node ids.
nlohmann::json EdgeJson(const EdgeRecord& e);
// Every provenance field of a claim.
nlohmann::json ClaimJson(const ClaimRecord& c);

// "positive", "negative" or "neutral": RelationTone() as a word.
std::string_view ToneName(Relation relation);

}  // namespace sg::tools
