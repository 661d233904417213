// A deterministic generator of synthetic articles for benchmarks and load
// tests: ArticleInput values shaped like what the extractors produce from
// news on technology rivalry, at any scale.
//
// Shape (all of it set by SyntheticConfig):
//  - N entities; entity k (0-based popularity rank) is drawn with probability
//    proportional to 1 / (k + 1)^s (Zipf-like, s = 1 by default), so a few
//    hubs appear in many facts and most entities in a handful. Each entity
//    has a fixed type of the ontology (companies most often), a unique,
//    pronounceable name ("Kavoreni Semiconductor", "Tole Mikasu") and, for
//    some, an alias.
//  - Relations of the ontology in a skewed mix (develops, uses and
//    competes_with common; bans and owns rare).
//  - Articles of 10 to 30 facts (20 on average) dated 2018-2025, one sentence
//    of about 120 characters per fact, qualifiers on a quarter of the facts,
//    modalities mostly asserted with some hedged and negated.
//
// Determinism: the output is a pure function of the config, the ontology's
// relation and type lists, and how many articles were drawn before; the same
// seed gives byte-identical articles on every machine (the generator uses its
// own RNG and distributions, not the standard library's, whose results are
// implementation-defined). An entity's name, type and alias depend on the
// seed and its rank only, so every article refers to it the same way.
#ifndef KG_BENCH_SYNTHETIC_H_
#define KG_BENCH_SYNTHETIC_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/ontology.h"
#include "graph/types.h"
#include "util/xoshiro.h"

namespace kg::bench {

// xoshiro256** seeded through SplitMix64: fast, and identical everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  uint64_t Uniform(uint64_t n);
  // Uniform in [lo, hi]; lo <= hi.
  int64_t UniformInt(int64_t lo, int64_t hi);
  // Uniform in [0, 1).
  double UniformDouble();
  bool Bernoulli(double p) { return UniformDouble() < p; }

 private:
  Xoshiro256 bits_;
};

// A 64-bit bijective mix (the SplitMix64 finalizer).
uint64_t Mix64(uint64_t x);

struct SyntheticConfig {
  uint64_t seed = 42;
  uint32_t num_entities = 100000;
  // Exponent of the Zipf-like popularity of entities.
  double entity_zipf_s = 1.0;
  // Chance that a fact's subject is the article's lead entity rather than a
  // fresh draw: articles are about something.
  double lead_entity_fraction = 0.3;
  // Facts per article, uniform in [min, max].
  uint32_t min_facts_per_article = 10;
  uint32_t max_facts_per_article = 30;
  // Mean sentence length in characters (each sentence is 70% to 130% of it).
  uint32_t sentence_chars = 120;
  double qualifier_fraction = 0.25;
  double hedged_fraction = 0.10;
  double negated_fraction = 0.04;
  // Facts that carry a date of their own (year or year-month) instead of
  // inheriting the article's.
  double fact_date_fraction = 0.15;
  // Entities (of the types that have a suffix: "X Group") with an alias.
  double alias_fraction = 0.10;
  int first_year = 2018;
  int last_year = 2025;
  // Article ids are "<prefix><seed>-<number>".
  std::string id_prefix = "syn";
};

class SyntheticGenerator {
 public:
  // Takes the relation and entity type names from the ontology (the
  // generator keeps copies; the ontology need not outlive it).
  SyntheticGenerator(const SyntheticConfig& config, const Ontology& ontology);

  const SyntheticConfig& config() const { return config_; }

  // The next article of the sequence.
  ArticleInput NextArticle();
  // The next articles, until they hold exactly `facts` facts in all (the last
  // one cut short when needed).
  std::vector<ArticleInput> NextArticlesWithFacts(uint64_t facts);

  // The entity of popularity rank `rank` (< num_entities), as articles name it.
  EntityRef EntityAt(uint32_t rank) const;
  // A popularity rank drawn from the Zipf-like distribution.
  uint32_t DrawEntityRank(Rng& rng) const;

  uint64_t articles_generated() const { return articles_; }
  uint64_t facts_generated() const { return facts_; }

 private:
  struct Weighted {
    std::string name;
    double cumulative = 0;  // running sum of weights, normalized to end at 1
  };

  Fact MakeFact(uint32_t subject_rank, uint32_t object_rank, PackedDate article_date);
  std::string MakeSentence(const Fact& f);
  PackedDate DrawArticleDate();

  SyntheticConfig config_;
  Rng rng_;
  std::vector<double> entity_cdf_;  // by rank, ends at 1
  std::vector<Weighted> relations_;
  std::vector<Weighted> types_;
  uint64_t articles_ = 0;
  uint64_t facts_ = 0;
  int64_t offset_ = 0;  // running character offset within the current article
  int64_t sentence_ = 0;
};

// Draws articles from `gen` until they hold `total_facts` facts, grouped in
// batches of `articles_per_batch` articles (the last batch may be smaller):
// what an importer hands to Store::WriteArticles call by call.
std::vector<std::vector<ArticleInput>> GenerateBatches(SyntheticGenerator& gen,
                                                       uint64_t total_facts,
                                                       size_t articles_per_batch);

}  // namespace kg::bench

#endif  // KG_BENCH_SYNTHETIC_H_
