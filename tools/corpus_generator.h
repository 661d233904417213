// A deterministic generator of synthetic news articles about the US-China
// technology rivalry, with the gold triples each one states: the input of the
// corpus-scale ingest benchmark, crash tests, and a quick quality-at-scale
// check of extraction (kg generate, then kg eval --gold).
//
// The vocabulary comes from the schemas folder: entities, aliases, demonyms,
// countries, owners and roles from gazetteer/*.json, relation names from
// ontology.json, the entity types each relation allows from relations.json
// (names and types only: the extraction patterns are not read, so that the
// prose measures how extraction generalizes), company suffixes from
// lexicon.json. The sentence templates are written here, several per
// relation (active, passive, nominal), each naming the slot types it wants;
// a template whose slot types relations.json does not allow is dropped.
//
// Each article has paragraphs of fact sentences (with qualifiers, hedged and
// negated variants, coordinated objects, aliases, descriptors such as
// "Chinese company X" or "Commerce Secretary Y" that state based_in or
// affiliated_with too) and noise sentences that state nothing. Entities are
// drawn Zipf-like in gazetteer order (the first entries of each file are
// the most reported), under type and side constraints (a country restricts a
// party of the other bloc; a government funds its own companies; a product
// is released by its owner). Some companies are invented (syllables plus
// "Semiconductor", "Labs"...), checked to be unknown to the gazetteer, so
// that recall shows how extraction handles unseen names.
//
// Article i depends only on (seed, i): the output does not depend on how the
// articles are split into files, and it is byte-identical across runs and
// machines (a self-contained xoshiro256** generator, integer arithmetic
// only, no std:: distributions, no unordered iteration).
#ifndef KG_TOOLS_CORPUS_GENERATOR_H_
#define KG_TOOLS_CORPUS_GENERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.h"

namespace kg::cli {

// One side of a gold triple: the canonical name, its type, and the other
// forms the sentence used for it (an alias, a demonym, a longer company name).
struct GoldEntity {
  std::string name;
  std::string type;
  std::vector<std::string> aliases;
};

// A triple a sentence states, as a line of the gold format kg eval reads
// (data/sample/README.md): modality asserted, hedged or negated; core false
// for background facts (based_in, owns, affiliated_with, and what a
// descriptor implies).
struct GoldTriple {
  std::string sentence;  // verbatim from the body
  GoldEntity subject;
  std::string relation;
  GoldEntity object;
  std::vector<std::pair<std::string, std::string>> qualifiers;  // item, amount, share, time, place
  const char* modality = "asserted";
  bool core = true;
};

struct GeneratedArticle {
  uint64_t index = 0;
  std::string id, title, date, source, url;
  std::string body;  // paragraphs separated by a blank line
  std::vector<GoldTriple> gold;
  // What went into the body, for tests and summaries.
  size_t fact_sentences = 0;
  size_t noise_sentences = 0;
  std::vector<std::string> invented_companies;  // canonical names, in order of mention
};

class CorpusGenerator {
 public:
  // Loads the vocabulary from schema_dir. Errors name the file at fault.
  static Result<std::unique_ptr<CorpusGenerator>> Load(const std::string& schema_dir,
                                                       uint64_t seed);
  ~CorpusGenerator();

  // Fills *out with article number `index` (0-based) of this seed, reusing
  // its buffers. The same seed and index always give the same article.
  // Without with_gold, out->gold stays empty (and generation is faster); the
  // text is the same.
  void Generate(uint64_t index, GeneratedArticle* out, bool with_gold = true) const;

  // The ontology's relations that have usable templates, and those that have
  // none (a relation added to the ontology after the templates were written).
  const std::vector<std::string>& relations() const;
  const std::vector<std::string>& relations_without_templates() const;

  uint64_t seed() const;

  struct Rep;  // the vocabulary and templates; defined in the .cc

 private:
  explicit CorpusGenerator(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// The article as one JSON object (schemas/article.schema.json), no newline.
void AppendArticleJson(const GeneratedArticle& article, std::string* out);
// The article as plain text: id, title, date, source and url header lines, a
// blank line, the body (without a final newline, which the reader would
// keep as part of the body).
void AppendArticleText(const GeneratedArticle& article, std::string* out);
// One gold line (with its newline) per triple of the article.
void AppendGoldLines(const GeneratedArticle& article, std::string* out);
// A JSON string literal, quotes included.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace kg::cli

#endif  // KG_TOOLS_CORPUS_GENERATOR_H_
