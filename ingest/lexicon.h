// Lexicon: the cue words extraction reads from context, loaded from
// schemas/lexicon.json (validated by lexicon.schema.json) so that users can
// extend them without recompiling.
#ifndef KG_INGEST_LEXICON_H_
#define KG_INGEST_LEXICON_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "util/result.h"

namespace kg {

// A set of words that a string_view can look up without a copy.
struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

struct Lexicon {
  // Lists kept as written (for building patterns) ...
  std::vector<std::string> person_titles;
  std::vector<std::string> technology_heads;
  std::vector<std::string> hedge_cues;
  std::vector<std::string> negation_cues;
  // ... and sets for lookups. Lower-cased unless marked case-sensitive.
  WordSet person_title_set;
  WordSet given_names;       // case-sensitive
  WordSet company_suffixes;  // case-sensitive
  WordSet company_cues;
  WordSet government_heads;    // case-sensitive
  WordSet policy_heads;        // case-sensitive
  WordSet organization_heads;  // case-sensitive
  WordSet technology_head_set;
  WordSet technology_modifiers;
  WordSet clause_breaks;
  WordSet name_stopwords;  // case-sensitive

  // Loads DIR/lexicon.json; errors name the file and the field at fault.
  static Result<Lexicon> LoadFromDir(const std::string& schema_dir);
};

// ASCII lower case.
std::string AsciiLower(std::string_view s);

}  // namespace kg

#endif  // KG_INGEST_LEXICON_H_
