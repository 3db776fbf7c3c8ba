// ReadArticles(): front matter, JSON lines and raw text (docs/extraction.md).

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "graph/names.h"
#include "ingest/article.h"
#include "ingest/content_hash.h"
#include "ingest/dates.h"
#include "ingest/input_checks.h"
#include "ingest/text.h"

namespace sg::ingest {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string Unquote(std::string_view v) {
  v = Trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    v = v.substr(1, v.size() - 2);
  return std::string(v);
}

std::string WithoutCr(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\r') out.push_back(s[i]);
    else if (i + 1 == s.size() || s[i + 1] != '\n') out.push_back('\n');  // old Mac line end
  }
  return out;
}

std::string Stem(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Whether `value`, read as `iso`, has more after it than a time of day:
// "2025-05-16T10:00:00Z" and "2025-05-16 10:00" are dates, "2025-05-16x" is not.
bool JunkAfterIsoDate(std::string_view value, std::string_view iso) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '"')) value.remove_prefix(1);
  if (value.substr(0, iso.size()) != iso) return false;  // a written-out date: "May 16, 2025"
  std::string_view rest = value.substr(iso.size());
  return !rest.empty() && rest.front() != 'T' && rest.front() != ' ' && rest.front() != '"';
}

// A metadata date: ISO (YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time) or one
// written-out date ("May 16, 2025"); a real calendar date in the years 1000-2999,
// as claims' dates (docs/claims-format.md). Stored as ISO.
Status NormalizeDate(const std::string& where, std::string* date) {
  if (date->empty()) return Status::OK();
  Ymd d;
  const std::string iso = ParseDate(*date, &d) ? IsoDate(d) : "";
  if (!IsIsoDate(iso) || JunkAfterIsoDate(*date, iso)) {
    return Status::InvalidInput(fmt::format(
        "{}: field \"date\": not a date: \"{}\" (YYYY-MM-DD, YYYY-MM, YYYY or e.g. \"May 16, 2025\"; "
        "years 1000-2999)",
        where, Excerpt(*date)));
  }
  *date = iso;
  return Status::OK();
}

Status SetField(std::string_view key, std::string value, ArticleMeta* m) {
  if (key == "id") m->id = std::move(value);
  else if (key == "title") m->title = std::move(value);
  else if (key == "date") m->date = std::move(value);
  else if (key == "url") m->url = std::move(value);
  else if (key == "source") m->source = std::move(value);
  else if (key == "author") m->author = std::move(value);
  return Status::OK();
}

// "---" lines around "key: value" pairs at the very start. Sets *body_offset and
// *body_line to where the text after the closing line starts, and *date_line to
// the line of the "date" key (1 when there is none).
Status ParseFrontMatter(const std::string& path, std::string_view text, ArticleMeta* meta,
                        size_t* body_offset, int* body_line, int* date_line) {
  *body_offset = 0;
  *body_line = 1;
  *date_line = 1;
  if (text.substr(0, 4) != "---\n") return Status::OK();
  size_t pos = 4;
  int line = 2;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (l == "---" || l == "...") {
      *body_offset = std::min(pos, text.size());
      *body_line = line + 1;
      return Status::OK();
    }
    if (!l.empty() && l.front() != '#') {
      size_t colon = l.find(':');
      if (colon == std::string_view::npos)
        return Status::InvalidInput(fmt::format("{}:{}: front matter: expected \"key: value\"", path, line));
      std::string key = std::string(Trim(l.substr(0, colon)));
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (key == "date") *date_line = line;
      SetField(key, Unquote(l.substr(colon + 1)), meta).PermitUncheckedError();
    }
    ++line;
  }
  return Status::InvalidInput(fmt::format("{}:1: front matter is not closed by a \"---\" line", path));
}

// A Markdown file's first "# Heading" is its title when front matter gave none.
std::string MarkdownTitle(std::string_view body) {
  size_t i = 0;
  while (i < body.size() && body[i] == '\n') ++i;
  if (body.substr(i, 2) != "# ") return "";
  size_t nl = body.find('\n', i);
  return std::string(Trim(body.substr(i + 2, nl == std::string_view::npos ? nl : nl - i - 2)));
}

Status TooLong(const std::string& where, size_t size) {
  return Status::InvalidInput(fmt::format("{}: the article's text is {} bytes, over the limit of {} MiB "
                                          "for one article (split it)",
                                          where, size, kMaxArticleBytes >> 20));
}

Status ReadTextArticle(const std::string& path, std::string_view content, ArticleDoc* doc) {
  if (content.size() > kMaxArticleBytes) return TooLong(path + ":1", content.size());
  std::string text = WithoutCr(content);
  size_t offset = 0;
  int date_line = 1;
  SG_RETURN_IF_ERROR(ParseFrontMatter(path, text, &doc->meta, &offset, &doc->first_line, &date_line));
  doc->text = text.substr(offset);
  if (doc->meta.title.empty() && EndsWith(path, ".md")) doc->meta.title = MarkdownTitle(doc->text);
  SG_RETURN_IF_ERROR(NormalizeDate(fmt::format("{}:{}", path, date_line), &doc->meta.date));
  if (doc->meta.id.empty())
    doc->meta.id = path == "-" ? "stdin-" + ContentHash(content).substr(0, 16) : Stem(path);
  return Status::OK();
}

Status StringField(const nlohmann::json& obj, const char* key, const std::string& where,
                   bool required, std::string* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (!required) return Status::OK();
    return Status::InvalidInput(fmt::format("{}: missing field \"{}\"", where, key));
  }
  if (it->is_number_integer() && std::string_view(key) == "id") {
    *out = std::to_string(it->get<long long>());
    return Status::OK();
  }
  if (!it->is_string())
    return Status::InvalidInput(fmt::format("{}: field \"{}\" must be a string", where, key));
  *out = it->get<std::string>();
  if (out->find('\0') != std::string::npos)
    return Status::InvalidInput(fmt::format("{}: field \"{}\" contains a NUL character (\\u0000)", where, key));
  return Status::OK();
}

Status ParseJsonLine(const std::string& path, int line, std::string_view text, ArticleDoc* doc) {
  const std::string where = fmt::format("{}:{}", path, line);
  if (text.size() > kMaxJsonLineBytes)
    return Status::InvalidInput(fmt::format("{}: line is longer than {} MiB", where, kMaxJsonLineBytes >> 20));
  if (JsonNestsDeeperThan(text, kMaxJsonDepth))
    return Status::InvalidInput(fmt::format("{}: JSON nests deeper than {} levels", where, kMaxJsonDepth));
  nlohmann::json obj = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded()) return Status::InvalidInput(where + ": not valid JSON");
  if (!obj.is_object()) return Status::InvalidInput(where + ": expected a JSON object");
  ArticleMeta& m = doc->meta;
  SG_RETURN_IF_ERROR(StringField(obj, "text", where, true, &doc->text));
  SG_RETURN_IF_ERROR(StringField(obj, "id", where, false, &m.id));
  SG_RETURN_IF_ERROR(StringField(obj, "title", where, false, &m.title));
  SG_RETURN_IF_ERROR(StringField(obj, "date", where, false, &m.date));
  SG_RETURN_IF_ERROR(StringField(obj, "url", where, false, &m.url));
  SG_RETURN_IF_ERROR(StringField(obj, "source", where, false, &m.source));
  SG_RETURN_IF_ERROR(StringField(obj, "author", where, false, &m.author));
  SG_RETURN_IF_ERROR(NormalizeDate(where, &m.date));
  if (doc->text.size() > kMaxArticleBytes) return TooLong(where, doc->text.size());
  doc->text = WithoutCr(doc->text);
  if (!IsValidUtf8(doc->text)) return Status::InvalidInput(where + ": field \"text\": invalid UTF-8");
  if (m.id.empty()) m.id = fmt::format("{}-{}", Stem(path), line);
  doc->first_line = line;
  return Status::OK();
}

Status ReadJsonLines(const std::string& path, std::string_view content, std::vector<ArticleDoc>* out) {
  int line = 0;
  for (size_t pos = 0; pos < content.size();) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view l = Trim(content.substr(pos, nl - pos));
    pos = nl + 1;
    ++line;
    if (l.empty()) continue;
    ArticleDoc doc;
    doc.meta.path = path;
    SG_RETURN_IF_ERROR(ParseJsonLine(path, line, l, &doc));
    out->push_back(std::move(doc));
  }
  return Status::OK();
}

// The date from the text when the metadata gave none.
void FillDate(ArticleDoc* doc) {
  if (doc->meta.date.empty()) doc->meta.date = InferArticleDate(doc->text);
}

}  // namespace

Status ReadArticles(const std::string& path, std::string_view content, std::vector<ArticleDoc>* out) {
  if (content.substr(0, kBom.size()) == kBom) content.remove_prefix(kBom.size());
  int line = 1;
  if (std::string problem = EncodingProblem(content, &line); !problem.empty())
    return Status::InvalidInput(fmt::format("{}:{}: {}", path, line, problem));
  std::vector<ArticleDoc> docs;
  if (IsBlank(content)) return Status::OK();  // an empty file holds no article
  if (EndsWith(path, ".jsonl")) {
    SG_RETURN_IF_ERROR(ReadJsonLines(path, content, &docs));
  } else {
    ArticleDoc doc;
    doc.meta.path = path;
    SG_RETURN_IF_ERROR(ReadTextArticle(path, content, &doc));
    docs.push_back(std::move(doc));
  }
  for (ArticleDoc& d : docs) {
    FillDate(&d);
    out->push_back(std::move(d));
  }
  return Status::OK();
}

}  // namespace sg::ingest
