// Cap'n Proto encoding of the stored records. Internal to storage/.
//
// Decoding copies the bytes into a word-aligned buffer first (RocksDB values have
// no alignment guarantee) and reads them with traversal limits, so a corrupt or
// hostile value yields Status::Corruption, never a crash.
#pragma once

#include <string>
#include <string_view>

#include "graph/status.h"
#include "storage/records.h"

namespace sg::codec {

std::string EncodeNode(const NodeRecord& r);
std::string EncodeEdge(const EdgeRecord& r);
std::string EncodeClaim(const ClaimRecord& r);
std::string EncodeArticle(const ArticleRecord& r);

Status DecodeNode(std::string_view bytes, NodeRecord* r);
Status DecodeEdge(std::string_view bytes, EdgeRecord* r);
Status DecodeClaim(std::string_view bytes, ClaimRecord* r);
Status DecodeArticle(std::string_view bytes, ArticleRecord* r);

}  // namespace sg::codec
