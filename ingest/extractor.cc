// Extractor: sentence split -> citations -> mentions and offices -> rules -> claims.

#include <set>
#include <tuple>

#include "ingest/article.h"
#include "ingest/dates.h"
#include "ingest/doc.h"
#include "ingest/rules.h"

namespace sg::ingest {
namespace {

void Analyze(Doc* doc) {
  doc->tokens = Tokenize(doc->text);
  doc->sentences = SplitSentences(doc->text, doc->tokens);
  doc->sentence_of.assign(doc->tokens.size(), 0);
  for (uint32_t s = 0; s < doc->sentences.size(); ++s)
    for (uint32_t k = doc->sentences[s].first; k < doc->sentences[s].last; ++k) doc->sentence_of[k] = s;
  FindCitations(doc);
  FindMentions(doc);
}

EntityRef RefOf(const Entity& e) {
  EntityRef r;
  r.name = e.name;
  r.kind = e.kind;
  r.aliases = e.aliases;
  r.code = e.code;
  return r;
}

EntityRef PositionRef(const Fact& f) {
  EntityRef r;
  r.name = f.position;
  r.kind = NodeKind::kPosition;
  if (!f.position_surface.empty() && f.position_surface != f.position) r.aliases.push_back(f.position_surface);
  return r;
}

class ClaimBuilder {
 public:
  ClaimBuilder(const Doc& doc, ArticleClaims* out) : doc_(doc), out_(out) {}

  void Office(const OfficeFact& f) {
    if (f.person < 0 || f.org < 0) return;
    Claim c;
    c.subject = RefOf(doc_.entities[f.person]);
    c.relation = Relation::kHoldsOffice;
    c.object = RefOf(doc_.entities[f.org]);
    c.title = f.title;
    c.rule = f.rule;
    c.confidence = f.rule.find("main_state") != std::string::npos ? 0.6f : 1.0f;
    if (f.former) c.properties.emplace_back("former", "true");
    Provenance(doc_.sentence_of[f.first], f.first, f.last, &c);
    Add(std::move(c));
  }

  void FromFact(const Fact& f) {
    Claim c;
    c.subject = Actor(f.subject, "subject_sector", &c);
    c.relation = f.relation;
    c.object = f.object >= 0 ? Actor(f.object, "object_sector", &c) : PositionRef(f);
    c.rule = f.rule;
    c.polarity = f.polarity;
    c.confidence = f.confidence;
    Provenance(f.sentence, f.cue_first, f.cue_last, &c);
    Add(std::move(c));
  }

 private:
  // A group actor ("Syrian troops") is its state or organization, with its sector noted
  // on the claim under `sector_key`.
  EntityRef Actor(int entity, const char* sector_key, Claim* c) const {
    const Entity& e = doc_.entities[entity];
    if (e.group_of < 0) return RefOf(e);
    c->properties.emplace_back(sector_key, e.sector);
    return RefOf(doc_.entities[e.group_of]);
  }

  void Provenance(uint32_t sentence, uint32_t first, uint32_t last, Claim* c) const {
    const Sentence& s = doc_.sentences[sentence];
    c->sentence = std::string(doc_.Surface(s.first, s.last));
    c->sentence_no = sentence + 1;
    c->span_begin = doc_.tokens[first].begin;
    c->span_end = doc_.tokens[last - 1].end;
    c->cue = std::string(doc_.Surface(first, last));
    for (const CiteGroup& g : doc_.cites)
      if (g.first >= s.first && g.last <= s.last) c->sources.insert(c->sources.end(), g.sources.begin(), g.sources.end());
    c->date = out_->article.date;
    for (const SourceCite& src : c->sources)
      if (!src.date.empty()) {
        c->date = src.date;
        break;
      }
  }

  void Add(Claim c) {
    if (!RelationAllows(c.relation, c.subject.kind, c.object.kind)) return;
    // "Egyptian police dispersed Egyptian protesters": no edge from a state to itself.
    if (c.subject.kind == c.object.kind && c.subject.name == c.object.name) return;
    auto key = std::make_tuple(c.subject.name, static_cast<int>(c.relation), c.object.name, c.sentence_no, c.polarity);
    if (!seen_.insert(key).second) return;
    out_->claims.push_back(std::move(c));
  }

  const Doc& doc_;
  ArticleClaims* out_;
  std::set<std::tuple<std::string, int, std::string, uint32_t, int8_t>> seen_;
};

}  // namespace

Extractor::Extractor(const Lexicon& lexicon) : lexicon_(lexicon) {}

ArticleClaims Extractor::Extract(const ArticleDoc& in) const {
  ArticleClaims out;
  out.article = in.meta;
  if (out.article.date.empty()) out.article.date = InferArticleDate(in.text);
  Doc doc(in.text, lexicon_.impl());
  doc.date = out.article.date;
  Analyze(&doc);
  std::vector<Fact> facts;
  ApplyRules(doc, &facts);
  out.claims.reserve(doc.offices.size() + facts.size());
  ClaimBuilder builder(doc, &out);
  for (const OfficeFact& f : doc.offices) builder.Office(f);
  for (const Fact& f : facts) builder.FromFact(f);
  return out;
}

}  // namespace sg::ingest
