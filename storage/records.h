// The records the store keeps, as C++ values (their bytes are Cap'n Proto,
// storage/schema.capnp).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "graph/model.h"
#include "storage/keys.h"

namespace sg {

using Properties = std::vector<std::pair<std::string, std::string>>;

struct NodeRecord {
  uint64_t id = 0;
  NodeKind kind = NodeKind::kPerson;
  std::string name;                  // canonical name
  std::vector<std::string> aliases;  // other surface names, first seen first
  std::string code;                  // ISO 3166 alpha-3 for states
  Properties properties;             // e.g. an Article node's title and date
};

// The aggregate of all claims with one (source, relation, target).
struct EdgeRecord {
  uint64_t id = 0;
  keys::EdgeKey key;
  uint32_t claim_count = 0;
  uint32_t article_count = 0;
  std::string first_date;  // ISO; "" when no claim is dated
  std::string last_date;
  std::vector<std::string> titles;   // distinct, sorted
  std::vector<std::string> outlets;  // distinct, sorted
  // How many of the edge's claims name each title / outlet (parallel to the
  // lists), so replacing an article can take its share out exactly.
  std::vector<uint32_t> title_counts;
  std::vector<uint32_t> outlet_counts;
};

struct ClaimRecord {
  uint64_t id = 0;
  std::string article_id;
  keys::EdgeKey edge;  // resolved subject, relation, object
  std::string subject_text;
  std::string object_text;
  std::string sentence;
  uint32_t sentence_no = 0;
  uint32_t span_begin = 0;
  uint32_t span_end = 0;
  std::string cue;
  std::vector<SourceCite> sources;
  std::string date;
  int8_t polarity = 1;
  std::string rule;
  float confidence = 1.0f;
  std::string title;
  Properties properties;
  std::string publisher;  // the article's outlet, counted among the edge's outlets
};

struct ArticleRecord {
  ArticleMeta meta;
  std::string content_hash;
  std::vector<uint64_t> claim_ids;
  uint64_t node = 0;  // the Article node
};

}  // namespace sg
