// Gazetteer: the known entities of the field (schemas/gazetteer/*.json,
// validated by schemas/gazetteer.schema.json) and a matcher that finds their
// names, aliases and demonyms in a sentence.
//
// Matching is leftmost-longest over word starts: at each position where a
// word begins, the longest form that matches wins, and the scan resumes
// after it. The case rule is the data's: a form written all in lower case
// matches in any case ("semiconductors", "Semiconductors"); a form with an
// upper-case letter matches only as written ("US" the country, not "us").
// A match must end at a word boundary; a following possessive ('s or ') is
// noted, not included.
#ifndef KG_INGEST_GAZETTEER_H_
#define KG_INGEST_GAZETTEER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/lexicon.h"
#include "util/result.h"

namespace kg {

struct GazetteerEntry {
  std::string name;
  std::string type;
  std::vector<std::string> aliases;
  std::vector<std::string> demonyms;
  std::string bloc;         // countries: us_allies, china or empty
  std::string country;      // where a company, organization or body is based
  std::string owner;        // products: the company that makes it
  std::string affiliation;  // people: the body they serve or lead
};

struct GazetteerMatch {
  size_t begin = 0;  // byte offsets in the text searched
  size_t end = 0;
  int entry = -1;  // index into entries()
  bool demonym = false;
  bool possessive = false;  // followed by 's or '
};

class Gazetteer {
 public:
  // Loads every *.json file of DIR/gazetteer (in name order). Errors name the
  // file and entry; an unknown type (one the ontology lacks) is an error.
  static Result<Gazetteer> LoadFromDir(const std::string& schema_dir,
                                       const std::vector<std::string>& known_types);

  // Appends the matches in `text`, left to right, never overlapping.
  void FindMatches(std::string_view text, std::vector<GazetteerMatch>* out) const;

  const std::vector<GazetteerEntry>& entries() const { return entries_; }
  // The entry with this canonical name, or nullptr.
  const GazetteerEntry* FindByName(std::string_view name) const;
  size_t form_count() const { return forms_.size(); }

 private:
  struct Form {
    std::string text;
    bool fold = false;  // case-insensitive
    int entry = -1;
    bool demonym = false;
  };
  Status AddEntry(GazetteerEntry entry, const std::string& where);
  void AddForm(const std::string& text, int entry, bool demonym);

  std::vector<GazetteerEntry> entries_;
  std::vector<Form> forms_;
  // Lower-cased first word of a form -> forms, longest first; looked up at
  // every word start.
  // Looked up by string_view, so that a lookup needs no string.
  std::unordered_map<std::string, std::vector<int>, WordHash, std::equal_to<>> by_first_word_;
  std::unordered_map<std::string, int> by_name_;
};

// True for bytes that continue a word: ASCII letters and digits, and every
// byte of a multi-byte UTF-8 character.
inline bool IsWordByte(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80;
}

}  // namespace kg

#endif  // KG_INGEST_GAZETTEER_H_
