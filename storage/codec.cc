#include "storage/codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/array.h>
#include <kj/exception.h>

#include <algorithm>
#include <cstring>

#include "storage/schema.capnp.h"

namespace sg::codec {
namespace {

// Hostile values must not make the reader walk more than this many words. The
// limit grows with the value: a record reads each of its words about once, while
// a list of zero-size elements costs one word per element however short the
// value, so a fixed limit let a 40-byte value decode into 60 million empty
// properties (found by tests/fuzz/capnp_decode; regression-zero-size-list-*).
constexpr uint64_t kTraversalLimitWords = 64ull << 20;  // 512 MiB
uint64_t TraversalLimitWords(size_t value_words) {
  return std::min<uint64_t>(kTraversalLimitWords, 8 * static_cast<uint64_t>(value_words) + 4096);
}

// First segment sizes near a typical record's, so encoding does not calloc and
// clear capnp's default 8 KiB segment every time.
constexpr unsigned kSmallRecordWords = 32;
constexpr unsigned kLargeRecordWords = 128;

std::string ToBytes(capnp::MessageBuilder& message) {
  kj::Array<capnp::word> words = capnp::messageToFlatArray(message);
  kj::ArrayPtr<const char> bytes = words.asChars();
  return std::string(bytes.begin(), bytes.size());
}

kj::StringPtr Text(const std::string& s) { return kj::StringPtr(s.c_str(), s.size()); }
std::string Str(capnp::Text::Reader t) { return std::string(t.cStr(), t.size()); }

template <typename Builder>
void SetTextList(Builder list, const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) list.set(i, Text(values[i]));
}

std::vector<std::string> GetTextList(capnp::List<capnp::Text>::Reader list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (auto t : list) out.push_back(Str(t));
  return out;
}

template <typename Builder>
void SetUIntList(Builder list, const std::vector<uint32_t>& values) {
  for (size_t i = 0; i < values.size(); ++i) list.set(i, values[i]);
}

std::vector<uint32_t> GetUIntList(capnp::List<uint32_t>::Reader list) {
  std::vector<uint32_t> out;
  out.reserve(list.size());
  for (uint32_t v : list) out.push_back(v);
  return out;
}

template <typename Builder>
void SetProperties(Builder list, const Properties& props) {
  for (size_t i = 0; i < props.size(); ++i) {
    list[i].setKey(Text(props[i].first));
    list[i].setValue(Text(props[i].second));
  }
}

Properties GetProperties(capnp::List<sg::schema::Property>::Reader list) {
  Properties out;
  for (auto p : list) out.emplace_back(Str(p.getKey()), Str(p.getValue()));
  return out;
}

// Runs `read` over a message parsed from `bytes`, turning any decoding failure
// into Status::Corruption.
template <typename Root, typename Fn>
Status Read(std::string_view bytes, const char* what, Fn&& read) {
  if (bytes.size() % sizeof(capnp::word) != 0 || bytes.empty()) {
    return Status::Corruption(std::string(what) + " value has a bad size");
  }
  kj::Array<capnp::word> aligned = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(aligned.begin(), bytes.data(), bytes.size());
  Status status;
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    capnp::ReaderOptions options;
    options.traversalLimitInWords = TraversalLimitWords(aligned.size());
    capnp::FlatArrayMessageReader reader(aligned.asPtr(), options);
    read(reader.getRoot<Root>());
  });
  KJ_IF_MAYBE(e, error) {
    return Status::Corruption(std::string(what) + " value does not decode: " +
                              e->getDescription().cStr());
  }
  return status;
}

}  // namespace

std::string EncodeNode(const NodeRecord& r) {
  capnp::MallocMessageBuilder message(kSmallRecordWords);
  auto b = message.initRoot<sg::schema::Node>();
  b.setId(r.id);
  b.setKind(static_cast<uint8_t>(r.kind));
  b.setName(Text(r.name));
  SetTextList(b.initAliases(r.aliases.size()), r.aliases);
  b.setCode(Text(r.code));
  SetProperties(b.initProperties(r.properties.size()), r.properties);
  return ToBytes(message);
}

Status DecodeNode(std::string_view bytes, NodeRecord* r) {
  return Read<sg::schema::Node>(bytes, "node", [&](sg::schema::Node::Reader n) {
    r->id = n.getId();
    r->kind = static_cast<NodeKind>(n.getKind());
    r->name = Str(n.getName());
    r->aliases = GetTextList(n.getAliases());
    r->code = Str(n.getCode());
    r->properties = GetProperties(n.getProperties());
  });
}

std::string EncodeEdge(const EdgeRecord& r) {
  capnp::MallocMessageBuilder message(kSmallRecordWords);
  auto b = message.initRoot<sg::schema::Edge>();
  b.setId(r.id);
  b.setSource(r.key.source);
  b.setRelation(static_cast<uint8_t>(r.key.relation));
  b.setTarget(r.key.target);
  b.setClaimCount(r.claim_count);
  b.setArticleCount(r.article_count);
  b.setFirstDate(Text(r.first_date));
  b.setLastDate(Text(r.last_date));
  SetTextList(b.initTitles(r.titles.size()), r.titles);
  SetTextList(b.initOutlets(r.outlets.size()), r.outlets);
  SetUIntList(b.initTitleCounts(r.title_counts.size()), r.title_counts);
  SetUIntList(b.initOutletCounts(r.outlet_counts.size()), r.outlet_counts);
  return ToBytes(message);
}

Status DecodeEdge(std::string_view bytes, EdgeRecord* r) {
  return Read<sg::schema::Edge>(bytes, "edge", [&](sg::schema::Edge::Reader e) {
    r->id = e.getId();
    r->key.source = e.getSource();
    r->key.relation = static_cast<Relation>(e.getRelation());
    r->key.target = e.getTarget();
    r->claim_count = e.getClaimCount();
    r->article_count = e.getArticleCount();
    r->first_date = Str(e.getFirstDate());
    r->last_date = Str(e.getLastDate());
    r->titles = GetTextList(e.getTitles());
    r->outlets = GetTextList(e.getOutlets());
    r->title_counts = GetUIntList(e.getTitleCounts());
    r->outlet_counts = GetUIntList(e.getOutletCounts());
  });
}

std::string EncodeClaim(const ClaimRecord& r) {
  capnp::MallocMessageBuilder message(kLargeRecordWords);
  auto b = message.initRoot<sg::schema::Claim>();
  b.setId(r.id);
  b.setArticleId(Text(r.article_id));
  b.setSource(r.edge.source);
  b.setRelation(static_cast<uint8_t>(r.edge.relation));
  b.setTarget(r.edge.target);
  b.setSubjectText(Text(r.subject_text));
  b.setObjectText(Text(r.object_text));
  b.setSentence(Text(r.sentence));
  b.setSentenceNo(r.sentence_no);
  b.setSpanBegin(r.span_begin);
  b.setSpanEnd(r.span_end);
  b.setCue(Text(r.cue));
  auto sources = b.initSources(r.sources.size());
  for (size_t i = 0; i < r.sources.size(); ++i) {
    sources[i].setName(Text(r.sources[i].name));
    sources[i].setDate(Text(r.sources[i].date));
  }
  b.setDate(Text(r.date));
  b.setPolarity(r.polarity);
  b.setRule(Text(r.rule));
  b.setConfidence(r.confidence);
  b.setTitle(Text(r.title));
  SetProperties(b.initProperties(r.properties.size()), r.properties);
  b.setPublisher(Text(r.publisher));
  return ToBytes(message);
}

Status DecodeClaim(std::string_view bytes, ClaimRecord* r) {
  return Read<sg::schema::Claim>(bytes, "claim", [&](sg::schema::Claim::Reader c) {
    r->id = c.getId();
    r->article_id = Str(c.getArticleId());
    r->edge.source = c.getSource();
    r->edge.relation = static_cast<Relation>(c.getRelation());
    r->edge.target = c.getTarget();
    r->subject_text = Str(c.getSubjectText());
    r->object_text = Str(c.getObjectText());
    r->sentence = Str(c.getSentence());
    r->sentence_no = c.getSentenceNo();
    r->span_begin = c.getSpanBegin();
    r->span_end = c.getSpanEnd();
    r->cue = Str(c.getCue());
    r->sources.clear();
    for (auto s : c.getSources()) r->sources.push_back({Str(s.getName()), Str(s.getDate())});
    r->date = Str(c.getDate());
    r->polarity = c.getPolarity();
    r->rule = Str(c.getRule());
    r->confidence = c.getConfidence();
    r->title = Str(c.getTitle());
    r->properties = GetProperties(c.getProperties());
    r->publisher = Str(c.getPublisher());
  });
}

std::string EncodeArticle(const ArticleRecord& r) {
  capnp::MallocMessageBuilder message(kLargeRecordWords);
  auto b = message.initRoot<sg::schema::Article>();
  b.setId(Text(r.meta.id));
  b.setTitle(Text(r.meta.title));
  b.setDate(Text(r.meta.date));
  b.setUrl(Text(r.meta.url));
  b.setSource(Text(r.meta.source));
  b.setAuthor(Text(r.meta.author));
  b.setPath(Text(r.meta.path));
  b.setContentHash(Text(r.content_hash));
  auto ids = b.initClaimIds(r.claim_ids.size());
  for (size_t i = 0; i < r.claim_ids.size(); ++i) ids.set(i, r.claim_ids[i]);
  b.setNode(r.node);
  return ToBytes(message);
}

Status DecodeArticle(std::string_view bytes, ArticleRecord* r) {
  return Read<sg::schema::Article>(bytes, "article", [&](sg::schema::Article::Reader a) {
    r->meta.id = Str(a.getId());
    r->meta.title = Str(a.getTitle());
    r->meta.date = Str(a.getDate());
    r->meta.url = Str(a.getUrl());
    r->meta.source = Str(a.getSource());
    r->meta.author = Str(a.getAuthor());
    r->meta.path = Str(a.getPath());
    r->content_hash = Str(a.getContentHash());
    r->claim_ids.clear();
    for (uint64_t id : a.getClaimIds()) r->claim_ids.push_back(id);
    r->node = a.getNode();
  });
}

}  // namespace sg::codec
