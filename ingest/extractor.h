// Extractor: from an article's text to facts (subject, relation, object,
// qualifiers, modality, confidence) with their sentence as evidence.
//
// Per sentence:
//  1. mentions (mention_finder.h): gazetteer names, new names typed from
//     context, technology phrases;
//  2. the sentence is abstracted: each mention becomes @N (its possessive
//     kept as 's), other words are lower-cased, quotes dropped, and
//     clause-break words marked #word. Three variants are matched: as is;
//     with coordinations merged into one slot ("Japan and the Netherlands"
//     -> @N standing for both, so a rule yields a triple per member); and,
//     in addition, with appositions removed ("Huawei, China's largest
//     telecom firm, was ..." -> "Huawei was ...") and with a clause's
//     subject given to the verb phrases that share it ("... punish Huawei,
//     place tariffs on X and restrict Y", "... without using Z");
//  3. relation rules (relation_rules.h) run over the variants, a literal
//     prefilter first; slot types are checked against the rule's, and the
//     subject of a verb may not sit in a prepositional phrase;
//  4. rules in code for what adjectives, possessives, titles and names
//     imply: based_in ("Chinese upstart DeepSeek", "China's Alibaba",
//     "Beijing-based"), owns ("OpenAI's o1"), develops ("DeepSeek-R1" names
//     its maker), affiliated_with ("Commerce Secretary Howard Lutnick",
//     "Gregory Allen, director of the Wadhwani AI Center", "Eurasia Group's
//     Nora Lind", "..., who previously worked at the State Department");
//  5. modality from cues around the match (hedged: may, expected, plans;
//     negated: not, no longer, without), qualifiers (amount, share, time,
//     and item where a rule has an {X} slot), a confidence from the rule
//     and the mentions. No self-loops; no triple without both ends.
#ifndef KG_INGEST_EXTRACTOR_H_
#define KG_INGEST_EXTRACTOR_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/ontology.h"
#include "graph/types.h"
#include "ingest/article.h"
#include "ingest/gazetteer.h"
#include "ingest/lexicon.h"
#include "ingest/mention_finder.h"
#include "ingest/relation_rules.h"
#include "util/result.h"

namespace kg {

class Extractor {
 public:
  // Loads the gazetteer, lexicon and relation rules from schema_dir,
  // checked against the ontology.
  static Result<std::unique_ptr<Extractor>> Create(const std::string& schema_dir,
                                                   const Ontology& ontology);

  ~Extractor();
  // The mention finder points into the extractor's own members.
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // The article's metadata and every fact found in its body. Evidence spans
  // and sentences refer to the original body text.
  ArticleInput Extract(const ArticleText& article) const;

  // The same facts, handed to `emit` as each sentence yields them instead of
  // collected, so that working memory stays bounded by a chunk of the
  // article whatever it holds (kg extract streams a 100 MB article so).
  // Stops early when emit returns false. Returns the article's metadata.
  ArticleMeta ExtractEach(const ArticleText& article,
                          const std::function<bool(const ArticleMeta&, Fact&&)>& emit) const;

  // The facts of one sentence (evidence.sentence set, no article fields).
  // "It"/"its" stand for the nearest country, company, organization, bloc
  // or body named before them in the sentence, else for `antecedent` (the
  // topic of the sentences before; none when null). *topic, when given,
  // receives what "it" would mean in the next sentence.
  std::vector<Fact> ExtractSentence(std::string_view sentence, const Mention* antecedent = nullptr,
                                    Mention* topic = nullptr) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

  // Extract reads an article in chunks of about this many bytes, cut at
  // paragraph breaks, so that its working memory stays bounded whatever the
  // article's size. A sentence longer than a chunk is cut with it.
  static constexpr size_t kDefaultChunkBytes = size_t{1} << 20;
  void set_chunk_bytes(size_t bytes) { chunk_bytes_ = bytes < 64 ? 64 : bytes; }

 private:
  Extractor(Gazetteer gazetteer, Lexicon lexicon, std::unique_ptr<RelationRules> rules);
  struct Structural;  // compiled patterns for step 4 and qualifiers

  Gazetteer gazetteer_;
  Lexicon lexicon_;
  std::unique_ptr<RelationRules> rules_;
  MentionFinder finder_;
  std::unique_ptr<Structural> structural_;
  size_t chunk_bytes_ = kDefaultChunkBytes;
};

}  // namespace kg

#endif  // KG_INGEST_EXTRACTOR_H_
