// ReadArticles(): front matter, JSON lines and raw text (docs/extraction.md).

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "graph/names.h"
#include "ingest/article.h"
#include "ingest/content_hash.h"
#include "ingest/dates.h"
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

// The first invalid byte's line, or 0 when `content` is valid UTF-8.
int InvalidUtf8Line(std::string_view content) {
  if (IsValidUtf8(content)) return 0;
  int line = 1;
  for (size_t start = 0; start < content.size(); ++line) {
    size_t nl = content.find('\n', start);
    if (nl == std::string_view::npos) nl = content.size();
    if (!IsValidUtf8(content.substr(start, nl - start))) return line;
    start = nl + 1;
  }
  return line;
}

Status NormalizeDate(const std::string& where, std::string* date) {
  if (date->empty()) return Status::OK();
  Ymd d;
  if (!ParseDate(*date, &d) || d.year == 0)
    return Status::InvalidInput(fmt::format("{}: field \"date\": not a date: \"{}\"", where, *date));
  *date = IsoDate(d);
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
// *body_line to where the text after the closing line starts.
Status ParseFrontMatter(const std::string& path, std::string_view text, ArticleMeta* meta,
                        size_t* body_offset, int* body_line) {
  *body_offset = 0;
  *body_line = 1;
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

Status ReadTextArticle(const std::string& path, std::string_view content, ArticleDoc* doc) {
  std::string text = WithoutCr(content);
  size_t offset = 0;
  SG_RETURN_IF_ERROR(ParseFrontMatter(path, text, &doc->meta, &offset, &doc->first_line));
  doc->text = text.substr(offset);
  if (doc->meta.title.empty() && EndsWith(path, ".md")) doc->meta.title = MarkdownTitle(doc->text);
  SG_RETURN_IF_ERROR(NormalizeDate(fmt::format("{}:1", path), &doc->meta.date));
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
  return Status::OK();
}

Status ParseJsonLine(const std::string& path, int line, std::string_view text, ArticleDoc* doc) {
  const std::string where = fmt::format("{}:{}", path, line);
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
  if (int bad = InvalidUtf8Line(content))
    return Status::InvalidInput(fmt::format("{}:{}: invalid UTF-8", path, bad));
  std::vector<ArticleDoc> docs;
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
