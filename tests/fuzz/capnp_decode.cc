// Fuzz target: decoding stored values (storage/codec.h) from arbitrary bytes, as
// a corrupt or hostile RocksDB value would present them. Every decoder must
// return Corruption or a record, never crash; and a decoded record must encode
// and decode to the same bytes (the codec is stable on what it accepts).
#include <string>

#include "storage/codec.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

template <typename Record, typename Decode, typename Encode>
void DecodeRoundTrip(std::string_view bytes, Decode decode, Encode encode) {
  Record r;
  if (!decode(bytes, &r).ok()) return;
  const std::string once = encode(r);
  Record again;
  SG_FUZZ_CHECK(decode(once, &again).ok(), "an encoded record decodes");
  SG_FUZZ_CHECK(encode(again) == once, "encode(decode(encode(r))) == encode(r)");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sg;
  std::string_view bytes = fuzz::AsText(data, size);
  DecodeRoundTrip<NodeRecord>(bytes, codec::DecodeNode, codec::EncodeNode);
  DecodeRoundTrip<EdgeRecord>(bytes, codec::DecodeEdge, codec::EncodeEdge);
  DecodeRoundTrip<ClaimRecord>(bytes, codec::DecodeClaim, codec::EncodeClaim);
  DecodeRoundTrip<ArticleRecord>(bytes, codec::DecodeArticle, codec::EncodeArticle);
  return 0;
}
