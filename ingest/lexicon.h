// Lexicon: the cue words extraction reads from context, loaded from
// schemas/lexicon.json (validated by lexicon.schema.json) so that users can
// extend them without recompiling.
#ifndef KG_INGEST_LEXICON_H_
#define KG_INGEST_LEXICON_H_

#include <cstdint>
#include <initializer_list>
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

// A necessary condition for a word to be among some words: the (length,
// first byte) and (length, last byte) pairs of the words, as bitmaps.
// Extraction looks up most words of every sentence in several sets, and
// most words are in none: the bitmaps turn most of those away before a hash
// table is touched.
class WordFilter {
 public:
  void Add(std::string_view w) {
    if (w.empty()) {
      has_empty_ = true;
      return;
    }
    Set(first_, Row(w), w.front());
    Set(last_, Row(w), w.back());
  }
  bool MayHold(std::string_view w) const {
    if (w.empty()) return has_empty_;
    return Test(first_, Row(w), w.front()) && Test(last_, Row(w), w.back());
  }

 private:
  static constexpr size_t kLengths = 32;  // longer words share the last row
  static size_t Row(std::string_view w) { return w.size() < kLengths ? w.size() : kLengths - 1; }
  static bool Test(const uint64_t (&bits)[kLengths][4], size_t row, char c) {
    const unsigned char u = static_cast<unsigned char>(c);
    return (bits[row][u >> 6] >> (u & 63)) & 1;
  }
  static void Set(uint64_t (&bits)[kLengths][4], size_t row, char c) {
    const unsigned char u = static_cast<unsigned char>(c);
    bits[row][u >> 6] |= uint64_t{1} << (u & 63);
  }

  uint64_t first_[kLengths][4] = {};
  uint64_t last_[kLengths][4] = {};
  bool has_empty_ = false;
};

// A set of words that a string_view can look up without a copy, the
// filter above first.
class WordSet {
 public:
  WordSet() = default;
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
      insert(std::string(w));
  }

  void insert(std::string word) {
    filter_.Add(word);
    words_.insert(std::move(word));
  }
  size_t count(std::string_view word) const {
    return filter_.MayHold(word) ? words_.count(word) : 0;
  }
  size_t size() const { return words_.size(); }
  bool empty() const { return words_.empty(); }
  auto begin() const { return words_.begin(); }
  auto end() const { return words_.end(); }

 private:
  std::unordered_set<std::string, WordHash, std::equal_to<>> words_;
  WordFilter filter_;
};

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
