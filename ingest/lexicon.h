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

struct Lexicon {
  // Lists kept as written (for building patterns) ...
  std::vector<std::string> person_titles;
  std::vector<std::string> technology_heads;
  std::vector<std::string> hedge_cues;
  std::vector<std::string> negation_cues;
  // ... and sets for lookups. Lower-cased unless marked case-sensitive.
  std::unordered_set<std::string> person_title_set;
  std::unordered_set<std::string> given_names;       // case-sensitive
  std::unordered_set<std::string> company_suffixes;  // case-sensitive
  std::unordered_set<std::string> company_cues;
  std::unordered_set<std::string> government_heads;    // case-sensitive
  std::unordered_set<std::string> policy_heads;        // case-sensitive
  std::unordered_set<std::string> organization_heads;  // case-sensitive
  std::unordered_set<std::string> technology_head_set;
  std::unordered_set<std::string> technology_modifiers;
  std::unordered_set<std::string> clause_breaks;
  std::unordered_set<std::string> name_stopwords;  // case-sensitive

  // Loads DIR/lexicon.json; errors name the file and the field at fault.
  static Result<Lexicon> LoadFromDir(const std::string& schema_dir);
};

// ASCII lower case.
std::string AsciiLower(std::string_view s);

}  // namespace kg

#endif  // KG_INGEST_LEXICON_H_
