// Data-driven tests of extraction (ingest/article.h): every block of every *.test
// file in tests/data/extraction/ is one gtest,
// ExtractionCases/ExtractionCaseTest.Run/<file stem>_<block name or line>, run on
// the built-in lexicon. tests/data/extraction/README.md is the reference; in short:
//
//   # comment (any line starting with '#')
//   name: short-id              optional, unique in its file: the gtest's name
//   date: 2025-05-16            optional: the article's date (else inferred)
//   text: One or two sentences. several text: lines join with a space
//   para: Next paragraph.       starts a new paragraph (a blank line in the article)
//   expect: SUBJECT -RELATION-> OBJECT [key=value; ...]    an asserted claim (+1)
//   expect-negated: SUBJECT -RELATION-> OBJECT [...]       a negated claim (-1)
//   forbid: SUBJECT -RELATION-> OBJECT [...]               no asserted claim
//
// A blank line ends a block. SUBJECT, RELATION and OBJECT take alternatives
// separated by '|' and '*' for anything. An actor matches by its name or an alias
// (sg::NormalizeName on both sides); a Position matches when the expected text is
// a substring of its name or an alias, or equals one when written in double quotes.
// Qualifiers: title, rule, cue, date, source, confidence, subject_kind,
// object_kind are fields of the claim; any other key is a Claim::properties entry;
// `!key` says the property is absent. Values take '|' alternatives and a trailing
// '*' for a prefix.
//
// SG_EXTRACTION_TEST_PRINT=1 prints every block's claims in the expectation syntax.
#include "ingest/article.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/names.h"

namespace sg::ingest {
namespace {

namespace fs = std::filesystem;

const fs::path kCaseDir = fs::path(SG_SOURCE_DIR) / "tests" / "data" / "extraction";

// ----- The .test format

// One `key=value` (or `!key`) of an expectation.
struct Qualifier {
  std::string key;
  std::vector<std::string> values;  // alternatives; empty for `!key`
  bool absent = false;              // `!key`
};

// SUBJECT -RELATION-> OBJECT [qualifiers]: empty alternatives mean '*'.
struct ClaimPattern {
  std::vector<std::string> subjects;
  std::vector<Relation> relations;
  std::vector<std::string> objects;
  std::vector<Qualifier> qualifiers;
};

struct Expectation {
  enum class Kind { kExpect, kExpectNegated, kForbid };
  Kind kind = Kind::kExpect;
  int line = 0;
  std::string source;  // the line as written, for messages
  ClaimPattern pattern;
};

struct Case {
  std::string file;   // file name inside kCaseDir
  int line = 0;       // first line of the block
  std::string name;   // gtest name: "<stem>_<name>" or "<stem>_line<N>"
  std::string date;
  std::string text;
  std::vector<Expectation> expectations;
  std::string error;  // a malformed file gives one case that fails with this
};

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  for (size_t start = 0;;) {
    const size_t end = s.find(sep, start);
    out.push_back(Trim(s.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

// "a | b" -> {"a", "b"}; "*" -> {} (anything). False on an empty alternative.
bool ParseAlternatives(std::string_view field, std::vector<std::string>* out) {
  out->clear();
  if (Trim(field) == "*") return true;
  *out = Split(field, '|');
  return std::none_of(out->begin(), out->end(), [](const std::string& a) { return a.empty(); });
}

bool ParseRelations(std::string_view field, std::vector<Relation>* out, std::string* error) {
  std::vector<std::string> names;
  if (!ParseAlternatives(field, &names)) return *error = "empty relation", false;
  for (const std::string& n : names) {
    std::optional<Relation> r = ParseRelation(n);
    if (!r) return *error = "unknown relation " + n, false;
    out->push_back(*r);
  }
  return true;
}

bool ParseQualifiers(std::string_view text, std::vector<Qualifier>* out, std::string* error) {
  for (const std::string& part : Split(text, ';')) {
    Qualifier q;
    const size_t eq = part.find('=');
    if (!part.empty() && part[0] == '!' && eq == std::string::npos) {
      q.key = Trim(part.substr(1));
      q.absent = true;
    } else if (eq != std::string::npos) {
      q.key = Trim(part.substr(0, eq));
      if (!ParseAlternatives(part.substr(eq + 1), &q.values) || q.values.empty())
        return *error = "qualifier without a value: " + part, false;
    }
    if (q.key.empty()) return *error = "expected `key=value` or `!key`, got `" + part + "`", false;
    out->push_back(std::move(q));
  }
  return true;
}

// Parses "SUBJECT -RELATION-> OBJECT [k=v; ...]".
bool ParsePattern(std::string_view text, ClaimPattern* out, std::string* error) {
  std::string body = Trim(text);
  if (!body.empty() && body.back() == ']') {
    const size_t open = body.rfind('[');
    if (open == std::string::npos) return *error = "`]` without `[`", false;
    if (!ParseQualifiers(body.substr(open + 1, body.size() - open - 2), &out->qualifiers, error)) return false;
    body = Trim(body.substr(0, open));
  }
  const size_t arrow = body.find("->");
  const size_t dash = arrow == std::string::npos ? arrow : body.rfind(" -", arrow);
  if (dash == std::string::npos) return *error = "expected `SUBJECT -RELATION-> OBJECT`", false;
  const std::string subject = body.substr(0, dash), object = body.substr(arrow + 2);
  if (Trim(subject).empty() || Trim(object).empty()) return *error = "missing subject or object", false;
  if (!ParseAlternatives(subject, &out->subjects) || !ParseAlternatives(object, &out->objects))
    return *error = "empty alternative in subject or object", false;
  return ParseRelations(body.substr(dash + 2, arrow - dash - 2), &out->relations, error);
}

std::optional<Expectation::Kind> ExpectationKind(std::string_view key) {
  if (key == "expect") return Expectation::Kind::kExpect;
  if (key == "expect-negated") return Expectation::Kind::kExpectNegated;
  if (key == "forbid") return Expectation::Kind::kForbid;
  return std::nullopt;
}

std::string TestName(const std::string& file, const Case& c) {
  std::string name = fs::path(file).stem().string() + "_" + (c.name.empty() ? "line" + std::to_string(c.line) : c.name);
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

// Reads one block, lines [begin, end) of `lines`. Directives must come in order:
// name/date, then text/para, then expectations.
bool ParseBlock(const std::vector<std::string>& lines, size_t begin, size_t end, Case* c, std::string* error) {
  int stage = 0;  // 0: header, 1: text, 2: expectations
  for (size_t i = begin; i < end; ++i) {
    const std::string line = Trim(lines[i]);
    if (line[0] == '#') continue;
    auto fail = [&](const std::string& what) { return *error = "line " + std::to_string(i + 1) + ": " + what, false; };
    const size_t colon = line.find(':');
    if (colon == std::string::npos) return fail("expected `key: value`, got `" + line + "`");
    const std::string key = Trim(line.substr(0, colon)), value = Trim(line.substr(colon + 1));
    if (value.empty()) return fail("empty " + key);
    if (key == "name" || key == "date") {
      if (stage > 0) return fail(key + " after the text");
      if (key == "name" && !std::all_of(value.begin(), value.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
          }))
        return fail("a name takes letters, digits, '-' and '_' only");
      if (key == "date" && !IsIsoDate(value)) return fail("not an ISO date: " + value);
      (key == "name" ? c->name : c->date) = value;
    } else if (key == "text" || key == "para") {
      if (stage > 1) return fail(key + " after an expectation (a blank line must end the block)");
      c->text += (c->text.empty() ? "" : key == "para" ? "\n\n" : " ") + value;
      stage = 1;
    } else if (std::optional<Expectation::Kind> kind = ExpectationKind(key)) {
      if (stage == 0) return fail(key + " before any text");
      Expectation e{*kind, static_cast<int>(i + 1), line, {}};
      std::string why;
      if (!ParsePattern(value, &e.pattern, &why)) return fail(why);
      c->expectations.push_back(std::move(e));
      stage = 2;
    } else {
      return fail("unknown key " + key);
    }
  }
  if (c->expectations.empty()) return *error = "line " + std::to_string(c->line) + ": a block without expectations", false;
  return true;
}

// Parses a whole file into its blocks. On a malformed file returns false with
// *error naming the line.
bool ParseCaseFile(const std::string& file, const std::string& content, std::vector<Case>* out, std::string* error) {
  std::vector<std::string> lines;
  std::istringstream in(content);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::set<std::string> names;
  for (size_t i = 0; i < lines.size();) {
    size_t begin = i;
    while (begin < lines.size() && (Trim(lines[begin]).empty() || Trim(lines[begin])[0] == '#')) ++begin;
    if (begin == lines.size()) break;
    size_t end = begin;
    while (end < lines.size() && !Trim(lines[end]).empty()) ++end;
    Case c;
    c.file = file;
    c.line = static_cast<int>(begin + 1);
    if (!ParseBlock(lines, begin, end, &c, error)) return false;
    c.name = TestName(file, c);
    if (!names.insert(c.name).second) return *error = "line " + std::to_string(begin + 1) + ": duplicate name " + c.name, false;
    out->push_back(std::move(c));
    i = end;
  }
  return true;
}

// ----- Matching

bool GlobEquals(std::string_view want, std::string_view have) {
  auto fold = [](std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  };
  if (!want.empty() && want.back() == '*') return fold(have).starts_with(fold(want.substr(0, want.size() - 1)));
  return fold(want) == fold(have);
}

std::vector<std::string> NamesOf(const EntityRef& r) {
  std::vector<std::string> names = {r.name};
  names.insert(names.end(), r.aliases.begin(), r.aliases.end());
  return names;
}

// One alternative against a claim's subject or object.
bool NameMatches(const std::string& want, const EntityRef& r) {
  const bool quoted = want.size() >= 2 && want.front() == '"' && want.back() == '"';
  const std::string key = NormalizeName(quoted ? want.substr(1, want.size() - 2) : want);
  const bool substring = r.kind == NodeKind::kPosition && !quoted;
  for (const std::string& n : NamesOf(r)) {
    const std::string have = NormalizeName(n);
    if (substring ? have.find(key) != std::string::npos : have == key) return true;
  }
  return false;
}

bool AnyName(const std::vector<std::string>& wants, const EntityRef& r) {
  return wants.empty() || std::any_of(wants.begin(), wants.end(), [&](const std::string& w) { return NameMatches(w, r); });
}

// The claim's values for a qualifier key: a field of the claim, else its properties.
std::vector<std::string> ValuesOf(const Claim& c, const std::string& key) {
  if (key == "title") return {c.title};
  if (key == "rule") return {c.rule};
  if (key == "cue") return {c.cue};
  if (key == "date") return {c.date};
  if (key == "subject_kind") return {std::string(NodeKindName(c.subject.kind))};
  if (key == "object_kind") return {std::string(NodeKindName(c.object.kind))};
  if (key == "source") {
    std::vector<std::string> out;
    for (const SourceCite& s : c.sources) out.push_back(s.name);
    return out;
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : c.properties)
    if (k == key) out.push_back(v);
  return out;
}

bool QualifierMatches(const Qualifier& q, const Claim& c) {
  if (q.key == "confidence") {
    return std::any_of(q.values.begin(), q.values.end(), [&](const std::string& v) {
      return std::fabs(std::strtod(v.c_str(), nullptr) - c.confidence) < 0.005;
    });
  }
  const std::vector<std::string> have = ValuesOf(c, q.key);
  if (q.absent) return have.empty();
  for (const std::string& want : q.values)
    for (const std::string& h : have)
      if (GlobEquals(want, h)) return true;
  return false;
}

bool PatternMatches(const ClaimPattern& p, const Claim& c) {
  if (!p.relations.empty() && std::find(p.relations.begin(), p.relations.end(), c.relation) == p.relations.end())
    return false;
  if (!AnyName(p.subjects, c.subject) || !AnyName(p.objects, c.object)) return false;
  return std::all_of(p.qualifiers.begin(), p.qualifiers.end(), [&](const Qualifier& q) { return QualifierMatches(q, c); });
}

// Whether the claims satisfy one expectation.
bool Satisfied(const Expectation& e, const std::vector<Claim>& claims) {
  const int8_t polarity = e.kind == Expectation::Kind::kExpectNegated ? -1 : 1;
  const bool found = std::any_of(claims.begin(), claims.end(), [&](const Claim& c) {
    return c.polarity == polarity && PatternMatches(e.pattern, c);
  });
  return e.kind == Expectation::Kind::kForbid ? !found : found;
}

// ----- Showing what came out

std::string AliasesOf(const EntityRef& r) {
  std::string out;
  for (const std::string& a : r.aliases)
    if (a != r.name) out += (out.empty() ? "" : " | ") + a;
  return out;
}

// A claim in the expectation syntax, with what else a developer needs to see.
std::string Describe(const Claim& c) {
  std::ostringstream s;
  s << (c.polarity < 0 ? "expect-negated: " : "expect: ") << c.subject.name << " -" << RelationName(c.relation)
    << "-> " << c.object.name << " [";
  if (!c.title.empty()) s << "title=" << c.title << "; ";
  for (const auto& [k, v] : c.properties) s << k << "=" << v << "; ";
  s << "rule=" << c.rule << "; cue=" << c.cue << "; confidence=" << c.confidence;
  for (const SourceCite& src : c.sources) s << "; source=" << src.name;
  if (!c.date.empty()) s << "; date=" << c.date;
  s << "]";
  const std::string sa = AliasesOf(c.subject), oa = AliasesOf(c.object);
  s << "   # sentence " << c.sentence_no;
  if (!sa.empty()) s << "; subject aliases: " << sa;
  if (!oa.empty()) s << "; object aliases: " << oa;
  return s.str();
}

std::string DescribeAll(const std::vector<Claim>& claims) {
  if (claims.empty()) return "    (no claims)\n";
  std::string out;
  for (const Claim& c : claims) out += "    " + Describe(c) + "\n";
  return out;
}

bool PrintMode() {
  const char* v = std::getenv("SG_EXTRACTION_TEST_PRINT");
  return v && *v && std::string(v) != "0";
}

// ----- Running the blocks

// The built-in lexicon, loaded once for every block.
const Lexicon& BuiltinLexicon() {
  static const Lexicon* lexicon = [] {
    auto* lex = new Lexicon();
    Status st = Lexicon::LoadBuiltin(lex);
    if (!st.ok()) {
      std::cerr << "cannot load the built-in lexicon: " << st.ToString() << "\n";
      std::abort();
    }
    return lex;
  }();
  return *lexicon;
}

ArticleClaims RunCase(const Case& c) {
  static const Extractor extractor(BuiltinLexicon());
  ArticleDoc doc;
  doc.meta.id = c.name;
  doc.meta.date = c.date;
  doc.meta.path = (kCaseDir / c.file).string();
  doc.text = c.text;
  doc.first_line = c.line;
  return extractor.Extract(doc);
}

void CheckCase(const Case& c) {
  const std::string where = (kCaseDir / c.file).string() + ":";
  if (!c.error.empty()) {
    ADD_FAILURE() << (kCaseDir / c.file).string() << ": malformed, " << c.error;
    return;
  }
  const ArticleClaims out = RunCase(c);
  if (PrintMode()) std::cout << where << c.line << " " << c.name << "\n" << DescribeAll(out.claims);
  std::string failures;
  for (const Expectation& e : c.expectations)
    if (!Satisfied(e, out.claims)) failures += where + std::to_string(e.line) + ": not met: " + e.source + "\n";
  if (failures.empty()) return;
  ADD_FAILURE() << failures << "text (" << where << c.line << "):\n    " << c.text << "\nclaims extracted ("
                << out.claims.size() << "):\n" << DescribeAll(out.claims);
}

std::vector<Case> AllCases() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kCaseDir, ec))
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    std::vector<Case> file_cases;
    std::string error;
    const std::string file = path.filename().string();
    if (!in || !ParseCaseFile(file, buf.str(), &file_cases, &error)) {
      Case bad;
      bad.file = file;
      bad.name = path.stem().string() + "_malformed";
      bad.error = in ? error : "cannot read the file";
      for (char& ch : bad.name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      file_cases = {bad};
    }
    cases.insert(cases.end(), file_cases.begin(), file_cases.end());
  }
  return cases;
}

// gtest prints a failing test's parameter: its place, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.file << ":" << c.line; }

class ExtractionCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(ExtractionCaseTest, Run) { CheckCase(GetParam()); }

INSTANTIATE_TEST_SUITE_P(ExtractionCases, ExtractionCaseTest, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// ----- The runner itself

TEST(ExtractionTestFormat, ParsesABlock) {
  const std::string text =
      "# a comment\n"
      "\n"
      "name: meloni-title\n"
      "date: 2025-03-10\n"
      "text: Italian Prime Minister Giorgia Meloni spoke.\n"
      "text: She left.\n"
      "para: Then Rome rejected the plan.\n"
      "# a comment inside a block\n"
      "expect: Giorgia Meloni -HOLDS_OFFICE-> Italy [title=Prime Minister; !former]\n"
      "expect-negated: Lai Ching-te -SUPPORTS|PROPOSES-> \"peace\" | truce\n"
      "forbid: * -*-> *\n"
      "\n"
      "text: Second block.\n"
      "forbid: Russia -ATTACKS-> Ukraine [rule=interaction.*]\n";
  std::vector<Case> cases;
  std::string error;
  ASSERT_TRUE(ParseCaseFile("offices.test", text, &cases, &error)) << error;
  ASSERT_EQ(cases.size(), 2u);
  const Case& a = cases[0];
  EXPECT_EQ(a.name, "offices_meloni_title");
  EXPECT_EQ(a.line, 3);
  EXPECT_EQ(a.date, "2025-03-10");
  EXPECT_EQ(a.text, "Italian Prime Minister Giorgia Meloni spoke. She left.\n\nThen Rome rejected the plan.");
  ASSERT_EQ(a.expectations.size(), 3u);
  const ClaimPattern& p = a.expectations[0].pattern;
  EXPECT_EQ(a.expectations[0].line, 9);
  EXPECT_EQ(p.subjects, std::vector<std::string>{"Giorgia Meloni"});
  EXPECT_EQ(p.relations, std::vector<Relation>{Relation::kHoldsOffice});
  EXPECT_EQ(p.objects, std::vector<std::string>{"Italy"});
  ASSERT_EQ(p.qualifiers.size(), 2u);
  EXPECT_EQ(p.qualifiers[0].values, std::vector<std::string>{"Prime Minister"});
  EXPECT_TRUE(p.qualifiers[1].absent);
  const ClaimPattern& q = a.expectations[1].pattern;
  EXPECT_EQ(a.expectations[1].kind, Expectation::Kind::kExpectNegated);
  EXPECT_EQ(q.subjects, std::vector<std::string>{"Lai Ching-te"});
  EXPECT_EQ(q.relations, (std::vector<Relation>{Relation::kSupports, Relation::kProposes}));
  EXPECT_EQ(q.objects, (std::vector<std::string>{"\"peace\"", "truce"}));
  const ClaimPattern& any = a.expectations[2].pattern;
  EXPECT_TRUE(any.subjects.empty() && any.relations.empty() && any.objects.empty());
  EXPECT_EQ(cases[1].name, "offices_line13");
}

TEST(ExtractionTestFormat, RejectsMalformedFiles) {
  for (const char* bad : {"text: a\n",                                        // no expectation
                          "expect: A -MEETS-> B\n",                           // no text
                          "text: a\nexpect: A MEETS B\n",                     // no arrow
                          "text: a\nexpect: A -FRIENDS-> B\n",                // unknown relation
                          "text: a\nexpect: A -MEETS-> B [title]\n",          // qualifier without value
                          "text: a\nexpect: A | -MEETS-> B\n",                // empty alternative
                          "text: a\nexpect: A -MEETS-> B\ntext: b\n",         // text after expectations
                          "text: a\nbanana: A -MEETS-> B\n",                  // unknown key
                          "name: a b\ntext: a\nforbid: * -*-> *\n",           // space in a name
                          "date: May 2\ntext: a\nforbid: * -*-> *\n",         // not an ISO date
                          "name: x\ntext: a\nforbid: * -*-> *\n\nname: x\ntext: b\nforbid: * -*-> *\n"}) {
    std::vector<Case> cases;
    std::string error;
    EXPECT_FALSE(ParseCaseFile("f.test", bad, &cases, &error)) << bad;
    EXPECT_NE(error.find("line "), std::string::npos) << error;
  }
}

TEST(ExtractionTestFormat, MatchesNamesPositionsAndQualifiers) {
  Claim c;
  c.subject = {"Russia", NodeKind::kState, {"Moscow"}, "RUS"};
  c.relation = Relation::kOpposes;
  c.object = {"30-day ceasefire", NodeKind::kPosition, {"a 30-day truce"}, ""};
  c.rule = "stance.verb";
  c.cue = "rejected";
  c.confidence = 0.7f;
  c.properties = {{"former", "true"}};
  auto matches = [&](const std::string& pattern) {
    ClaimPattern p;
    std::string error;
    EXPECT_TRUE(ParsePattern(pattern, &p, &error)) << error;
    return PatternMatches(p, c);
  };
  EXPECT_TRUE(matches("moscow -OPPOSES-> ceasefire"));
  EXPECT_TRUE(matches("Russia -OPPOSES-> TRUCE [rule=stance.*; cue=Rejected; confidence=0.7; former=true]"));
  EXPECT_TRUE(matches("Iran | Russia -SUPPORTS|OPPOSES-> *"));
  EXPECT_TRUE(matches("Russia -OPPOSES-> \"30-day ceasefire\""));
  EXPECT_FALSE(matches("Russia -OPPOSES-> \"ceasefire\""));
  EXPECT_FALSE(matches("Russ -OPPOSES-> ceasefire"));  // actors match whole names only
  EXPECT_FALSE(matches("Russia -SUPPORTS-> ceasefire"));
  EXPECT_FALSE(matches("Russia -OPPOSES-> ceasefire [!former]"));
  EXPECT_FALSE(matches("Russia -OPPOSES-> ceasefire [subject_sector=military]"));
  EXPECT_FALSE(matches("Russia -OPPOSES-> ceasefire [confidence=1]"));
}

}  // namespace
}  // namespace sg::ingest
