// RelationRules: the relation patterns of schemas/relations.json compiled to
// RE2. Templates shared by every relation (active, passive, relative clause,
// nominal) are instantiated with each relation's verbs, inflected here
// (restrict -> restricts, restricted, restricting), and its nominal cues;
// per-relation phrases are added as written. A FilteredRE2 learns the
// literal strings each pattern needs; one RE2::Set of those literals scans a
// sentence once, and only the rules whose literals are all there are run.
//
// Patterns run over an abstracted sentence (see extractor.h): mentions are
// @N, words lower-case, clause-break words marked #word.
#ifndef KG_INGEST_RELATION_RULES_H_
#define KG_INGEST_RELATION_RULES_H_

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "ingest/lexicon.h"
#include "util/result.h"

namespace kg {

struct RelationRule {
  std::string relation;
  std::string name;  // relation/template, for messages and tests
  double confidence = 0.7;
  bool shared = false;  // from a template every relation shares
  bool active = false;  // the shared active-voice template: subject, verb, object
  std::unordered_set<std::string> subject_types;
  std::unordered_set<std::string> object_types;
  std::unique_ptr<RE2> re;
  int subject_group = 0;  // capture group numbers; 0 when absent
  int object_group = 0;
  int item_group = 0;
  // How Match may search, set where the pattern allows (see there): every
  // match opens with a slot ("@(?P<S>[0-9]+) ..."); and its only two
  // groups are the slots that open and close it, so that the whole match
  // tells where they are.
  bool opens_with_slot = false;
  bool groups_at_ends = false;

  // The leftmost match of re in text at or after pos, groups as RE2::Match
  // with UNANCHORED gives them; groups has room for every capture group.
  // Faster than that where the flags above allow.
  bool Match(const std::string& text, size_t pos, re2::StringPiece* groups) const;
};

// The inflections of a verb phrase, first word inflected: base, third
// person singular, past, past participle, present participle. "buy:bought:
// bought" gives irregular past forms.
struct VerbForms {
  std::string base, third, past, participle, gerund;
};
VerbForms InflectVerb(const std::string& spec);

class RelationRules {
 public:
  // Loads DIR/relations.json. Errors name the relation and template; an
  // unknown relation or type, or a pattern RE2 rejects, is an error.
  static Result<std::unique_ptr<RelationRules>> LoadFromDir(
      const std::string& schema_dir, const std::vector<std::string>& relations,
      const std::vector<std::string>& types);

  const std::vector<RelationRule>& rules() const { return rules_; }
  // Indices of the rules whose pattern occurs in `text`.
  std::vector<int> Candidates(std::string_view text) const;
  // The first word of every inflected verb of every relation ("restrict",
  // "restricted", "place" of "place tariffs on"): what can open a verb
  // phrase that shares the subject of the one before it.
  const WordSet& verb_words() const { return verb_words_; }

 private:
  RelationRules();
  std::vector<RelationRule> rules_;
  re2::FilteredRE2 filter_;  // the same patterns, for their required literals
  RE2::Set atoms_;           // those literals
  bool has_atoms_ = false;
  WordSet verb_words_;
  uint64_t id_;  // unique in the process, for the per-thread cache of Candidates
};

}  // namespace kg

#endif  // KG_INGEST_RELATION_RULES_H_
