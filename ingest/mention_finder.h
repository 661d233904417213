// MentionFinder: the entities a sentence names, from three sources:
//  1. the gazetteer (known names, aliases, demonyms);
//  2. the open world: a run of capitalised words the gazetteer lacks, typed
//     from its own last word (Inc., Ministry, Act, University), from a cue
//     before it ("startup", "chipmaker", "Chinese <noun>") or from a
//     person's title next to it; an untyped run is not an entity;
//  3. technology phrases: a head noun (chips, equipment, models) with the
//     modifiers in front of it kept ("advanced AI chips",
//     "chipmaking equipment"); a known technology grows the same way.
// Mentions never overlap and come in text order.
#ifndef KG_INGEST_MENTION_FINDER_H_
#define KG_INGEST_MENTION_FINDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "ingest/gazetteer.h"
#include "ingest/lexicon.h"

namespace kg {

struct Mention {
  enum class Source { kGazetteer, kDemonym, kOpenWorld, kTechnology };
  size_t begin = 0;  // byte offsets in the sentence
  size_t end = 0;
  std::string name;     // canonical name
  std::string type;     // entity type
  std::string surface;  // as written
  Source source = Source::kGazetteer;
  bool possessive = false;
  bool pronoun = false;     // "it"/"its" standing for the entity named before
  double confidence = 1.0;  // how sure the mention itself is
  int entry = -1;           // gazetteer entry, if any
};

class MentionFinder {
 public:
  // Both must outlive the finder.
  MentionFinder(const Gazetteer* gazetteer, const Lexicon* lexicon)
      : gazetteer_(gazetteer), lexicon_(lexicon) {}

  std::vector<Mention> Find(std::string_view sentence) const;

 private:
  const Gazetteer* gazetteer_;
  const Lexicon* lexicon_;
};

}  // namespace kg

#endif  // KG_INGEST_MENTION_FINDER_H_
