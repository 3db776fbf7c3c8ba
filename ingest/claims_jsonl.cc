#include "ingest/claims_jsonl.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "graph/names.h"
#include "ingest/content_hash.h"
#include "ingest/input_checks.h"

namespace sg::ingest {
namespace {

using nlohmann::json;

// A field error; the caller adds "path:line: ".
struct FieldError {
  std::string field;
  std::string what;
};

// Nesting deeper than kMaxJsonDepth is refused before parsing (hostile input);
// so is a line over kMaxJsonLineBytes: a claim is a sentence and some names.

std::optional<FieldError> GetString(const json& obj, const char* key, const std::string& field,
                                    bool required, std::string* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) return FieldError{field, "missing"};
    return std::nullopt;
  }
  if (!it->is_string()) return FieldError{field, "must be a string"};
  *out = it->get<std::string>();
  if (!IsValidUtf8(*out)) return FieldError{field, "is not valid UTF-8"};
  if (out->find('\0') != std::string::npos) return FieldError{field, "contains a NUL character (\\u0000)"};
  if (required && NormalizeName(*out).empty()) return FieldError{field, "is empty"};
  return std::nullopt;
}

std::optional<FieldError> GetDate(const json& obj, const char* key, const std::string& field,
                                  std::string* out) {
  if (auto e = GetString(obj, key, field, false, out)) return e;
  if (!out->empty() && !IsIsoDate(*out)) {
    return FieldError{field, "'" + Excerpt(*out) + "' is not a date (YYYY-MM-DD, YYYY-MM or YYYY; years 1000-2999)"};
  }
  return std::nullopt;
}

std::optional<FieldError> GetStringList(const json& obj, const char* key, const std::string& field,
                                        std::vector<std::string>* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) return FieldError{field, "must be an array of strings"};
  for (size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    if (!v.is_string()) return FieldError{fmt::format("{}[{}]", field, i), "must be a string"};
    out->push_back(v.get<std::string>());
  }
  return std::nullopt;
}

std::string KindList() {
  std::string s;
  for (NodeKind k : kAllNodeKinds) s += (s.empty() ? "" : ", ") + std::string(NodeKindName(k));
  return s;
}

std::string RelationList() {
  std::string s;
  for (Relation r : kAllRelations) s += (s.empty() ? "" : ", ") + std::string(RelationName(r));
  return s;
}

std::optional<FieldError> GetEntity(const json& obj, const char* key, EntityRef* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return FieldError{key, "missing"};
  if (!it->is_object()) return FieldError{key, "must be an object with name and kind"};
  const std::string f = key;
  if (auto e = GetString(*it, "name", f + ".name", true, &out->name)) return e;
  std::string kind;
  if (auto e = GetString(*it, "kind", f + ".kind", true, &kind)) return e;
  auto parsed = ParseNodeKind(kind);
  if (!parsed) return FieldError{f + ".kind", "unknown kind '" + Excerpt(kind) + "' (one of " + KindList() + ")"};
  out->kind = *parsed;
  if (auto e = GetStringList(*it, "aliases", f + ".aliases", &out->aliases)) return e;
  return GetString(*it, "code", f + ".code", false, &out->code);
}

std::optional<FieldError> GetSources(const json& obj, std::vector<SourceCite>* out) {
  auto it = obj.find("sources");
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) return FieldError{"sources", "must be an array"};
  for (size_t i = 0; i < it->size(); ++i) {
    const json& s = (*it)[i];
    const std::string f = fmt::format("sources[{}]", i);
    SourceCite cite;
    if (s.is_string()) {
      cite.name = s.get<std::string>();
    } else if (s.is_object()) {
      if (auto e = GetString(s, "name", f + ".name", true, &cite.name)) return e;
      if (auto e = GetDate(s, "date", f + ".date", &cite.date)) return e;
    } else {
      return FieldError{f, "must be a string or an object with name and date"};
    }
    if (NormalizeName(cite.name).empty()) return FieldError{f, "has no name"};
    out->push_back(std::move(cite));
  }
  return std::nullopt;
}

std::optional<FieldError> GetArticle(const json& obj, ArticleMeta* meta, bool* present) {
  auto it = obj.find("article");
  *present = it != obj.end() && !it->is_null();
  if (!*present) return std::nullopt;
  if (it->is_string()) {  // shorthand: just the id
    meta->id = it->get<std::string>();
    if (meta->id.find_first_not_of(" \t") == std::string::npos) return FieldError{"article", "is empty"};
    if (!IsValidUtf8(meta->id)) return FieldError{"article", "is not valid UTF-8"};
    if (meta->id.find('\0') != std::string::npos) return FieldError{"article", "contains a NUL character (\\u0000)"};
    return std::nullopt;
  }
  if (!it->is_object()) return FieldError{"article", "must be an object or an id string"};
  const json& a = *it;
  if (auto e = GetString(a, "id", "article.id", true, &meta->id)) return e;
  if (auto e = GetString(a, "title", "article.title", false, &meta->title)) return e;
  if (auto e = GetDate(a, "date", "article.date", &meta->date)) return e;
  if (auto e = GetString(a, "url", "article.url", false, &meta->url)) return e;
  if (auto e = GetString(a, "source", "article.source", false, &meta->source)) return e;
  return GetString(a, "author", "article.author", false, &meta->author);
}

std::optional<FieldError> GetNumber(const json& obj, const char* key, double lo, double hi,
                                    double* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) return FieldError{key, "must be a number"};
  *out = it->get<double>();
  if (!(*out >= lo && *out <= hi)) return FieldError{key, fmt::format("must be in {}..{}", lo, hi)};
  return std::nullopt;
}

std::optional<FieldError> GetProvenance(const json& obj, Claim* c) {
  if (auto e = GetString(obj, "sentence", "sentence", false, &c->sentence)) return e;
  if (auto e = GetString(obj, "cue", "cue", false, &c->cue)) return e;
  if (auto e = GetString(obj, "rule", "rule", false, &c->rule)) return e;
  if (auto e = GetDate(obj, "date", "date", &c->date)) return e;
  if (auto e = GetString(obj, "title", "title", false, &c->title)) return e;
  if (auto e = GetSources(obj, &c->sources)) return e;
  double v = 0;
  if (auto e = GetNumber(obj, "sentence_no", 0, 4e9, &v)) return e;
  if (v != static_cast<double>(static_cast<uint32_t>(v))) return FieldError{"sentence_no", "must be a whole number"};
  c->sentence_no = static_cast<uint32_t>(v);
  v = 1;
  if (auto e = GetNumber(obj, "confidence", 0, 1, &v)) return e;
  c->confidence = static_cast<float>(v);
  v = 1;
  if (auto e = GetNumber(obj, "polarity", -1, 1, &v)) return e;
  if (v != 1 && v != -1) return FieldError{"polarity", "must be 1 (asserted) or -1 (negated)"};
  c->polarity = static_cast<int8_t>(v);
  auto span = obj.find("span");
  if (span != obj.end() && !span->is_null()) {
    constexpr uint64_t kMax = 0xFFFFFFFFu;
    if (!span->is_array() || span->size() != 2 || !(*span)[0].is_number_unsigned() ||
        !(*span)[1].is_number_unsigned() || (*span)[0].get<uint64_t>() > kMax ||
        (*span)[1].get<uint64_t>() > kMax || (*span)[0].get<uint64_t>() > (*span)[1].get<uint64_t>()) {
      return FieldError{"span", "must be [begin, end] byte offsets, begin <= end < 2^32"};
    }
    c->span_begin = (*span)[0].get<uint32_t>();
    c->span_end = (*span)[1].get<uint32_t>();
  }
  return std::nullopt;
}

std::optional<FieldError> GetProperties(const json& obj, Claim* c) {
  auto it = obj.find("properties");
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_object()) return FieldError{"properties", "must be an object"};
  for (const auto& [key, value] : it->items()) {
    std::string text;
    if (value.is_string()) text = value.get<std::string>();
    else if (value.is_number() || value.is_boolean()) text = value.dump();
    else return FieldError{"properties." + key, "must be a string, number or boolean"};
    // "title" is the office of a HOLDS_OFFICE claim, as in the example.
    if (key == "title" && c->title.empty()) c->title = text;
    else c->properties.emplace_back(key, std::move(text));
  }
  return std::nullopt;
}

std::optional<FieldError> ParseClaim(const json& obj, Claim* c, ArticleMeta* meta,
                                     bool* has_article) {
  if (!obj.is_object()) return FieldError{"(line)", "must be a JSON object"};
  if (auto e = GetEntity(obj, "subject", &c->subject)) return e;
  std::string relation;
  if (auto e = GetString(obj, "relation", "relation", true, &relation)) return e;
  auto rel = ParseRelation(relation);
  if (!rel) {
    return FieldError{"relation", "unknown relation '" + Excerpt(relation) + "' (one of " + RelationList() + ")"};
  }
  c->relation = *rel;
  if (IsDerived(c->relation)) {
    return FieldError{"relation", relation + " edges are derived from articles, not given as claims"};
  }
  if (auto e = GetEntity(obj, "object", &c->object)) return e;
  if (!RelationAllows(c->relation, c->subject.kind, c->object.kind)) {
    return FieldError{"relation", fmt::format("{} does not go from {} to {} (docs/schema.md)", relation,
                                              NodeKindName(c->subject.kind), NodeKindName(c->object.kind))};
  }
  if (auto e = GetProvenance(obj, c)) return e;
  if (auto e = GetProperties(obj, c)) return e;
  return GetArticle(obj, meta, has_article);
}

// Splits content into lines, dropping a trailing "\r"; calls fn(line, number).
template <typename Fn>
Status ForEachLine(std::string_view content, Fn&& fn) {
  size_t pos = 0;
  int64_t number = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    SG_RETURN_IF_ERROR(fn(line, ++number));
    pos = end + 1;
  }
  return Status::OK();
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

std::string FileStem(const std::string& path) {
  if (path == "-") return "";
  return std::filesystem::path(path).stem().string();
}

bool LooksLikeClaimLine(std::string_view line) {
  if (line.size() > kMaxJsonLineBytes || JsonNestsDeeperThan(line, kMaxJsonDepth)) {
    // Too big to parse, and refused by either reader: a claim key near the start
    // sends it to the claims reader, whose error names the line.
    std::string_view head = line.substr(0, 4096);
    return head.find("\"subject\"") != std::string_view::npos ||
           head.find("\"relation\"") != std::string_view::npos ||
           head.find("\"object\"") != std::string_view::npos;
  }
  json obj = json::parse(line, nullptr, /*allow_exceptions=*/false);
  return obj.is_object() &&
         (obj.contains("subject") || obj.contains("relation") || obj.contains("object"));
}

namespace {

// Parses and checks one line; the error names path, line and field.
Status ParseLine(const std::string& path, std::string_view line, int64_t number, Claim* claim,
                 ArticleMeta* meta, bool* has_article) {
  std::optional<FieldError> err;
  if (line.size() > kMaxJsonLineBytes) {
    err = FieldError{"(line)", fmt::format("is longer than {} MiB", kMaxJsonLineBytes >> 20)};
  } else if (!IsValidUtf8(line)) {
    err = FieldError{"(line)", "is not valid UTF-8"};
  } else if (line.find('\0') != std::string_view::npos) {
    err = FieldError{"(line)", "contains a NUL byte (a binary file, or UTF-16 without a byte order mark?)"};
  } else if (JsonNestsDeeperThan(line, kMaxJsonDepth)) {
    err = FieldError{"(line)", fmt::format("nests deeper than {} levels", kMaxJsonDepth)};
  } else {
    try {
      err = ParseClaim(json::parse(line), claim, meta, has_article);
    } catch (const json::exception& e) {
      err = FieldError{"(line)", std::string("is not JSON: ") + e.what()};
    }
  }
  if (!err) return Status::OK();
  return Status::InvalidInput(fmt::format("{}:{}: {} {}", path, number, err->field, err->what));
}

}  // namespace

Status ClaimsFile::Index(const std::string& path, std::string_view content,
                         const ClaimsReadOptions& options, ClaimsFile* out) {
  size_t bom = content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  // A UTF-16 or UTF-32 file fails whole, even with skip_invalid: no line of it reads.
  int bad_line = 0;
  if (!bom && (content.substr(0, 2) == "\xFF\xFE" || content.substr(0, 2) == "\xFE\xFF" ||
               content.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4))) {
    return Status::InvalidInput(fmt::format("{}:1: {}", path, EncodingProblem(content, &bad_line)));
  }
  std::string default_id = FileStem(path);
  if (default_id.empty()) default_id = "stdin-" + ingest::ContentHash(content).substr(0, 16);
  std::vector<Group> groups;
  std::map<std::string, size_t> group_of;
  Status s = ForEachLine(content.substr(bom), [&](std::string_view line, int64_t number) -> Status {
    if (IsBlank(line)) return Status::OK();
    Claim claim;
    ArticleMeta meta;
    bool has_article = false;
    Status parsed = ParseLine(path, line, number, &claim, &meta, &has_article);
    if (!parsed.ok()) {
      if (!options.skip_invalid) return parsed;
      if (options.warn) options.warn(parsed.message() + " (skipped)");
      return Status::OK();
    }
    if (!has_article) meta.id = default_id;
    auto [it, fresh] = group_of.emplace(meta.id, groups.size());
    if (fresh) {
      meta.path = path;
      groups.push_back(Group{std::move(meta), {}});
    }
    groups[it->second].lines.push_back(
        Line{static_cast<size_t>(line.data() - content.data()), line.size(), number});
    return Status::OK();
  });
  SG_RETURN_IF_ERROR(s);
  out->path_ = path;
  out->content_ = content;
  out->articles_ = std::move(groups);
  return Status::OK();
}

std::string ClaimsFile::ContentHash(size_t i) const {
  ContentHasher h;
  for (const Line& line : articles_[i].lines) h.Add(content_.substr(line.offset, line.length));
  return h.Hex();
}

Status ClaimsFile::Read(size_t i, ArticleClaims* out) const {
  const Group& group = articles_[i];
  out->article = group.meta;
  out->content_hash = ContentHash(i);
  out->claims.clear();
  out->claims.reserve(group.lines.size());
  for (const Line& line : group.lines) {
    Claim claim;
    ArticleMeta ignored;
    bool has_article = false;
    SG_RETURN_IF_ERROR(ParseLine(path_, content_.substr(line.offset, line.length), line.number,
                                 &claim, &ignored, &has_article));
    out->claims.push_back(std::move(claim));
  }
  return Status::OK();
}

Status ReadClaimsJsonl(const std::string& path, std::string_view content,
                       const ClaimsReadOptions& options, std::vector<ArticleClaims>* out) {
  ClaimsFile file;
  SG_RETURN_IF_ERROR(ClaimsFile::Index(path, content, options, &file));
  std::vector<ArticleClaims> articles(file.size());
  for (size_t i = 0; i < file.size(); ++i) SG_RETURN_IF_ERROR(file.Read(i, &articles[i]));
  for (auto& a : articles) out->push_back(std::move(a));
  return Status::OK();
}

}  // namespace sg::ingest
