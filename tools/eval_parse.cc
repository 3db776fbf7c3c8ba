// The scorer's inputs (tools/eval_score.h): its name key, the exported graph and
// gold files. Each rule mirrors one line of shared/eval/score.py; the comments
// say which where the reason is not obvious.
#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "graph/names.h"
#include "tools/eval_score.h"

namespace sg::eval {
namespace {

using Json = nlohmann::ordered_json;  // keeps the file's key order, as Python's dict does

const std::unordered_map<std::string_view, std::string_view>& Synonyms() {
  static const auto* const kSynonyms = new std::unordered_map<std::string_view, std::string_view>{
      {"united states of america", "united states"},
      {"usa", "united states"},
      {"us", "united states"},
      {"america", "united states"},
      {"united kingdom of great britain and northern ireland", "united kingdom"},
      {"uk", "united kingdom"},
      {"britain", "united kingdom"},
      {"great britain", "united kingdom"},
      {"peoples republic of china", "china"},
      {"prc", "china"},
      {"russian federation", "russia"},
      {"eu", "european union"},
      {"turkiye", "turkey"},
      {"republic of turkey", "turkey"},
      {"north atlantic treaty organization", "nato"},
      {"islamic republic of iran", "iran"},
      {"the netherlands", "netherlands"},
      {"state of israel", "israel"},
      {"state of qatar", "qatar"}};
  return *kSynonyms;
}

bool IsSynonymTarget(std::string_view name) {
  const auto& s = Synonyms();
  return std::any_of(s.begin(), s.end(), [&](const auto& kv) { return kv.second == name; });
}

// utf8proc_map; the input unchanged when it is not valid UTF-8.
std::string Utf8Map(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                            static_cast<utf8proc_ssize_t>(text.size()), &out,
                                            static_cast<utf8proc_option_t>(options));
  if (len < 0) return std::string(text);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(len));
}

// Calls fn(code point, its UTF-8 bytes) for each code point; stops at invalid bytes.
template <typename Fn>
void ForEachCodePoint(std::string_view text, Fn fn) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) return;
    fn(c, std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n)));
    p += n;
    left -= n;
  }
}

// Python's unicodedata.combining(c) != 0.
std::string DropCombining(std::string_view text) {
  std::string out;
  ForEachCodePoint(text, [&](utf8proc_int32_t c, std::string_view bytes) {
    if (utf8proc_get_property(c)->combining_class == 0) out.append(bytes);
  });
  return out;
}

// Python's str.isspace(), which str.split() splits at.
bool IsPythonSpace(utf8proc_int32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// " ".join(text.split())
std::string CollapseSpace(std::string_view text) {
  std::string out;
  bool pending = false;
  ForEachCodePoint(text, [&](utf8proc_int32_t c, std::string_view bytes) {
    if (IsPythonSpace(c)) {
      pending = true;
      return;
    }
    if (pending && !out.empty()) out += ' ';
    pending = false;
    out.append(bytes);
  });
  return out;
}

// Python's str.replace.
std::string ReplaceAll(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = text.find(from, pos)) != std::string_view::npos;
       pos = hit + from.size()) {
    out.append(text.substr(pos, hit - pos)).append(to);
  }
  return out.append(text.substr(pos));
}

// Python's str.strip().
std::string TrimPython(std::string_view text) {
  size_t begin = std::string_view::npos, end = 0, at = 0;
  ForEachCodePoint(text, [&](utf8proc_int32_t c, std::string_view bytes) {
    if (!IsPythonSpace(c)) {
      begin = std::min(begin, at);
      end = at + bytes.size();
    }
    at += bytes.size();
  });
  return begin == std::string_view::npos ? "" : std::string(text.substr(begin, end - begin));
}

// ----- Python's json.dumps(value, ensure_ascii=False), for the qualifier checks.

void DumpPython(const Json& j, std::string* out);

void DumpPythonString(std::string_view s, std::string* out) {
  *out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          *out += ch;
        }
    }
  }
  *out += '"';
}

void DumpPythonObject(const Json& j, std::string* out) {
  *out += '{';
  bool first = true;
  for (const auto& [key, value] : j.items()) {
    if (!first) *out += ", ";
    first = false;
    DumpPythonString(key, out);
    *out += ": ";
    DumpPython(value, out);
  }
  *out += '}';
}

void DumpPythonArray(const Json& j, std::string* out) {
  *out += '[';
  for (size_t i = 0; i < j.size(); ++i) {
    if (i) *out += ", ";
    DumpPython(j[i], out);
  }
  *out += ']';
}

void DumpPython(const Json& j, std::string* out) {
  if (j.is_object()) return DumpPythonObject(j, out);
  if (j.is_array()) return DumpPythonArray(j, out);
  if (j.is_string()) return DumpPythonString(j.get_ref<const std::string&>(), out);
  *out += j.dump();  // numbers, true, false, null: as Python writes them
}

// ----- Graph lines.

// Python's str(value) for the ids and names the graph holds.
std::string AsText(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

Status LineError(std::string_view source, size_t line, std::string_view what) {
  return Status::InvalidInput(std::string(source) + ":" + std::to_string(line) + ": " +
                              std::string(what));
}

GraphNode ParseNode(const Json& obj) {
  GraphNode node;
  node.id = AsText(obj.at("id"));
  const Json labels = obj.value("labels", Json::array());
  for (const auto& l : labels.is_array() ? labels : Json::array()) {
    if (l.is_string()) node.labels.push_back(l.get<std::string>());
  }
  const Json props = obj.value("properties", Json::object());
  if (!props.is_object()) return node;
  node.name = props.contains("name") ? AsText(props["name"]) : "";
  node.names.insert(NormalizeGoldName(node.name));
  const Json aliases = props.value("aliases", Json::array());
  for (const auto& a : aliases.is_array() ? aliases : Json::array()) {
    if (a.is_string()) node.names.insert(NormalizeGoldName(a.get<std::string>()));
  }
  node.names.erase("");
  return node;
}

GraphEdge ParseEdge(const Json& obj) {
  GraphEdge edge;
  edge.label = obj.contains("label") ? AsText(obj["label"]) : "";
  edge.start = AsText(obj.at("start").at("id"));
  edge.end = AsText(obj.at("end").at("id"));
  const Json props = obj.value("properties", Json::object());
  DumpPython(props.is_null() ? Json::object() : props, &edge.properties_json);
  return edge;
}

Status ParseGraphLine(std::string_view line, std::string_view source, size_t number, Graph* g) {
  Json obj = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded() || !obj.is_object()) return LineError(source, number, "not a JSON object");
  const std::string type = obj.contains("type") ? AsText(obj["type"]) : "";
  try {
    if (type == "node") g->AddNode(ParseNode(obj));
    if (type == "relationship") g->edges.push_back(ParseEdge(obj));
  } catch (const Json::exception&) {
    return LineError(source, number, "a " + type + " without its id");
  }
  return Status::OK();
}

// ----- Gold lines.

// Splits at "\r\n", "\r" or "\n", as Python's text files do.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

std::vector<std::string> Split(std::string_view text, std::string_view sep) {
  std::vector<std::string> parts;
  size_t pos = 0;
  for (size_t hit; (hit = text.find(sep, pos)) != std::string_view::npos; pos = hit + sep.size()) {
    parts.emplace_back(text.substr(pos, hit - pos));
  }
  parts.emplace_back(text.substr(pos));
  return parts;
}

bool IsScoredRelation(std::string_view r) {
  static constexpr std::string_view kScored[] = {
      "HOLDS_OFFICE",    "MEMBER_OF",  "SUPPORTS",  "OPPOSES",   "PROPOSES", "MEETS",
      "COOPERATES_WITH", "CRITICIZES", "THREATENS", "SANCTIONS", "ATTACKS"};
  return std::find(std::begin(kScored), std::end(kScored), r) != std::end(kScored);
}

std::optional<Tier> ParseTier(std::string_view s) {
  if (s == "core") return Tier::kCore;
  if (s == "bonus") return Tier::kBonus;
  if (s == "ok") return Tier::kOk;
  return std::nullopt;
}

// Alternatives "A|B|C", normalized. An empty one would make score.py crash (as a
// subject) or match every position (as an object): a typo, refused.
Status ParseNames(std::string_view cell, std::string_view column, std::vector<std::string>* out) {
  for (const std::string& alt : Split(cell, "|")) {
    out->push_back(NormalizeGoldName(alt));
    if (out->back().empty()) {
      return Status::InvalidInput(std::string(column) + " alternative '" + alt +
                                  "' is empty once case, accents and punctuation are dropped");
    }
  }
  return Status::OK();
}

Status ParseRelations(std::string_view cell, std::vector<std::string>* out) {
  *out = Split(cell, "|");
  for (const auto& r : *out) {
    if (!IsScoredRelation(r)) {
      return Status::InvalidInput("relation '" + r +
                                  "' is not one the scorer matches "
                                  "(HOLDS_OFFICE, MEMBER_OF, SUPPORTS, OPPOSES, PROPOSES, MEETS, "
                                  "COOPERATES_WITH, CRITICIZES, THREATENS, SANCTIONS, ATTACKS)");
    }
  }
  return Status::OK();
}

// "title=Foreign Minister;;sources=Kommersant;Vedomosti"
Status ParseQualifiers(std::string_view cell,
                       std::map<std::string, std::vector<std::string>>* out) {
  if (cell.empty()) return Status::OK();
  for (const std::string& q : Split(cell, ";;")) {
    const size_t eq = q.find('=');
    const std::string key = TrimPython(q.substr(0, eq));
    if (key.empty() && eq == std::string::npos) continue;  // a stray ";;"
    if (key != "title" && key != "sources") {
      return Status::InvalidInput("unknown qualifier '" + q + "' (title=... or sources=...;...)");
    }
    auto& values = (*out)[key];
    values.clear();  // a repeated key: the last wins
    for (const std::string& v : Split(eq == std::string::npos ? "" : q.substr(eq + 1), ";")) {
      if (!TrimPython(v).empty()) values.push_back(TrimPython(v));
    }
  }
  return Status::OK();
}

Status ParseGoldColumns(const std::vector<std::string>& cols, GoldFact* fact) {
  if (cols.size() < 4) {
    return Status::InvalidInput(std::to_string(cols.size()) +
                                " column(s); expected tier, subject, "
                                "relation, object and optional qualifiers, separated by tabs");
  }
  auto tier = ParseTier(cols[0]);
  if (!tier) return Status::InvalidInput("unknown tier '" + cols[0] + "' (core, bonus or ok)");
  fact->tier = *tier;
  SG_RETURN_IF_ERROR(ParseNames(cols[1], "subject", &fact->subjects));
  SG_RETURN_IF_ERROR(ParseRelations(cols[2], &fact->relations));
  SG_RETURN_IF_ERROR(ParseNames(cols[3], "object", &fact->objects));
  if (cols.size() > 4) SG_RETURN_IF_ERROR(ParseQualifiers(cols[4], &fact->qualifiers));
  fact->text = cols[1] + "\t" + cols[2] + "\t" + cols[3];
  return Status::OK();
}

bool IsBlank(std::string_view line) {
  bool blank = true;
  ForEachCodePoint(line, [&](utf8proc_int32_t c, std::string_view) { blank &= IsPythonSpace(c); });
  return blank;
}

}  // namespace

std::string NormalizeGoldName(std::string_view text) {
  std::string s =
      DropCombining(Utf8Map(text, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT));
  s = Utf8Map(s, UTF8PROC_CASEFOLD);
  s = ReplaceAll(ReplaceAll(s, "\u2019", "'"), "'s ", " ");
  s = ReplaceAll(ReplaceAll(ReplaceAll(s, ".", ""), "'", ""), "-", " ");
  s = CollapseSpace(s);
  if (s.starts_with("the ") && IsSynonymTarget(std::string_view(s).substr(4))) s.erase(0, 4);
  auto it = Synonyms().find(s);
  return it == Synonyms().end() ? s : std::string(it->second);
}

void Graph::AddNode(GraphNode node) {
  auto [it, added] = index_.emplace(node.id, nodes.size());
  if (added) {
    nodes.push_back(std::move(node));
  } else {
    nodes[it->second] = std::move(node);
  }
}

const GraphNode* Graph::FindNode(std::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &nodes[it->second];
}

Status ParseGraphJsonl(std::string_view text, std::string_view source, Graph* out) {
  const std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (IsBlank(lines[i])) continue;
    SG_RETURN_IF_ERROR(ParseGraphLine(lines[i], source, i + 1, out));
  }
  return Status::OK();
}

std::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::kCore: return "core";
    case Tier::kBonus: return "bonus";
    case Tier::kOk: return "ok";
  }
  return "core";
}

Status ParseGold(std::string_view text, std::string_view path, std::vector<GoldFact>* out) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // as some editors save UTF-8
  const std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsValidUtf8(lines[i])) return LineError(path, i + 1, "not UTF-8");
    if (IsBlank(lines[i]) || lines[i].starts_with("#")) continue;
    GoldFact fact;
    Status s = ParseGoldColumns(Split(lines[i], "\t"), &fact);
    if (!s.ok()) return LineError(path, i + 1, s.message());
    fact.where = std::string(path) + ":" + std::to_string(i + 1);
    out->push_back(std::move(fact));
  }
  return Status::OK();
}

}  // namespace sg::eval
