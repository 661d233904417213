#include "ingest/extractor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

#include "ingest/sentence_splitter.h"
#include "ingest/text_normalizer.h"

namespace kg {

namespace {

// Slot ids in abstracted text are written @N; a slot stands for one mention
// or, after coordination merging, for several.
struct Abstracted {
  std::string text;
  std::vector<std::vector<int>> slots;  // slot -> mention indices
};

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The words of s, as views into it.
std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  out.reserve(s.size() / 4 + 1);
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ')
      ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ')
      ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

template <typename Word>
std::string Join(const std::vector<Word>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// The word without trailing punctuation and without a # mark.
std::string_view Core(std::string_view w) {
  if (!w.empty() && w[0] == '#') w.remove_prefix(1);
  while (!w.empty() && (w.back() == ',' || w.back() == '.' || w.back() == ';' || w.back() == ':' ||
                        w.back() == '!' || w.back() == '?'))
    w.remove_suffix(1);
  return w;
}

// The slot of a token ("@3", "@3's", "@3,"), else -1.
int SlotOf(std::string_view token) {
  if (token.size() < 2 || token[0] != '@' || token[1] < '0' || token[1] > '9') return -1;
  int n = 0;
  for (size_t i = 1; i < token.size() && i < 9 && token[i] >= '0' && token[i] <= '9'; ++i)
    n = n * 10 + (token[i] - '0');
  return n;
}

// std::atoi of s, without the copy it needs for a terminating NUL where s
// opens with a few digits (a slot number, the common case).
int AtoiView(std::string_view s) {
  int n = 0;
  size_t i = 0;
  for (; i < s.size() && i < 9 && s[i] >= '0' && s[i] <= '9'; ++i)
    n = n * 10 + (s[i] - '0');
  if (i > 0 && (i == s.size() || s[i] < '0' || s[i] > '9')) return n;
  return std::atoi(std::string(s).c_str());
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "@12" or "@12," (no possessive): the mention number, else -1.
int PlainSlot(std::string_view token, std::string* trailing) {
  if (token.size() < 2 || token[0] != '@') return -1;
  size_t i = 1;
  int n = 0;
  while (i < token.size() && token[i] >= '0' && token[i] <= '9' && i < 8)
    n = n * 10 + (token[i++] - '0');
  if (i == 1) return -1;
  const std::string_view rest = token.substr(i);
  if (!rest.empty() && rest != "," && rest != "." && rest != ";" && rest != ":") return -1;
  if (trailing) *trailing = rest;
  return n;
}

}  // namespace

struct Extractor::Structural {
  std::unique_ptr<RE2> based_hyphen;
  std::unique_ptr<RE2> title_after;
  std::unique_ptr<RE2> who_worked;
  std::unique_ptr<RE2> place;
  std::unique_ptr<RE2> amount;
  std::unique_ptr<RE2> share;
  std::unique_ptr<RE2> time;
  WordSet hedge_words, negation_words;
  std::vector<std::string> hedge_phrases, negation_phrases;
};

namespace {

std::unique_ptr<RE2> Compile(const std::string& pattern) {
  RE2::Options o;
  o.set_log_errors(false);
  // Bounded gaps ({0,160}) make big programs; with the default budget the
  // DFA runs out of room and RE2 falls back to its much slower NFA.
  o.set_max_mem(64 << 20);
  return std::make_unique<RE2>(pattern, o);
}

}  // namespace

Extractor::Extractor(Gazetteer gazetteer, Lexicon lexicon, std::unique_ptr<RelationRules> rules)
    : gazetteer_(std::move(gazetteer)),
      lexicon_(std::move(lexicon)),
      rules_(std::move(rules)),
      finder_(&gazetteer_, &lexicon_),
      structural_(std::make_unique<Structural>()) {}

Extractor::~Extractor() = default;

Result<std::unique_ptr<Extractor>> Extractor::Create(const std::string& schema_dir,
                                                     const Ontology& ontology) {
  std::vector<std::string> types, relations;
  for (const auto& t : ontology.entity_types())
    types.push_back(t.name);
  for (const auto& r : ontology.relations())
    relations.push_back(r.name);
  KG_ASSIGN_OR_RETURN(Gazetteer gazetteer, Gazetteer::LoadFromDir(schema_dir, types));
  KG_ASSIGN_OR_RETURN(Lexicon lexicon, Lexicon::LoadFromDir(schema_dir));
  KG_ASSIGN_OR_RETURN(auto rules, RelationRules::LoadFromDir(schema_dir, relations, types));
  std::unique_ptr<Extractor> x(
      new Extractor(std::move(gazetteer), std::move(lexicon), std::move(rules)));

  Structural& s = *x->structural_;
  std::vector<std::string> titles;
  for (const auto& t : x->lexicon_.person_titles)
    titles.push_back(RE2::QuoteMeta(AsciiLower(t)));
  std::sort(titles.begin(), titles.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string title_alt = "(?:";
  for (size_t i = 0; i < titles.size(); ++i)
    title_alt += (i ? "|" : "") + titles[i];
  title_alt += ")";
  // "Beijing-based Moonshot AI", "Netherlands-based chipmaker ASML".
  s.based_hyphen = Compile("@([0-9]+) ?-based (?:[a-z-]+ ){0,2}?@([0-9]+)");
  // "@Allen, director of the @Center at the @CSIS", "@Sacks, @PayPal's co-founder".
  // A second body only after "at" or "of" ("director of the X at the Y");
  // "in Washington" is where, not whom.
  s.title_after = Compile(
      "@([0-9]+), (?:(?:a|an|the|its|their|former|longtime|@[0-9]+'s) )*"
      "((?:[a-z][a-z.&-]* ){0,6}?)(?:of|at|for|with|in|to) (?:the )?(?:[a-z-]+ ){0,4}?"
      "@([0-9]+)(?: (?:at|of) (?:the )?@([0-9]+))?");
  // "@Goodrich, a senior adviser at @RAND, who previously led policy at the
  // @SIA": a relative clause of work after a person.
  s.who_worked = Compile(
      "@([0-9]+),? (?:[^#]{0,160}? )?#who (?:[a-z]+ly |also |once |now |later )?"
      "(?:has |had |have )?(?:worked|works|served|serves|led|leads|ran|runs|headed|heads|"
      "oversaw|oversees|managed|manages|taught|teaches|founded|co-founded|joined|advised|"
      "advises|chaired|chairs)(?:(?: [^@#,]{1,50}?)? (?:at|for|with|of|on))? (?:the )?@([0-9]+)");
  s.place = Compile("(?:^| )(?:in|at) (?:the )?@([0-9]+)");
  s.amount = Compile(
      "(\\$ ?[0-9][0-9,.]*(?: ?(?:billion|million|trillion|bn|mn|b|m)\\b)?|[0-9][0-9,.]* "
      "(?:billion|million|trillion) (?:dollars|yuan|euros|yen|won)|(?:hundreds|tens) of "
      "(?:billions|millions) of (?:dollars|yuan|euros)|(?:billions|millions) of "
      "(?:dollars|yuan|euros))");
  s.share = Compile("([0-9]+(?:\\.[0-9]+)? ?(?:%|percent\\b|per cent\\b))");
  s.time = Compile(
      "((?:January|February|March|April|May|June|July|August|September|October|November|"
      "December) (?:[0-9]{1,2}, )?[12][0-9]{3}|(?:[Ii]n|[Ss]ince|[Bb]y|[Ff]rom|[Uu]ntil) "
      "[12][0-9]{3}\\b)");
  for (const auto& c : x->lexicon_.hedge_cues)
    (c.find(' ') == std::string::npos ? s.hedge_words.insert(AsciiLower(c)),
     void()                           : s.hedge_phrases.push_back(" " + AsciiLower(c) + " "));
  for (const auto& c : x->lexicon_.negation_cues)
    (c.find(' ') == std::string::npos ? s.negation_words.insert(AsciiLower(c)),
     void()                           : s.negation_phrases.push_back(" " + AsciiLower(c) + " "));
  for (const RE2* re : {s.based_hyphen.get(), s.title_after.get(), s.who_worked.get(),
                        s.place.get(), s.amount.get(), s.share.get(), s.time.get()}) {
    if (!re->ok()) {
      return Status::InvalidArgument("extractor: built-in pattern rejected by RE2: " + re->error());
    }
  }
  return x;
}

namespace {

// Builds the abstracted text of a sentence and its plain slots (one per mention).
// A demonym names its country only where it stands for the country's goods
// or state ("Chinese imports", "the Chinese government"); before any other
// noun ("Chinese companies", "Chinese startup DeepSeek") it is a modifier
// and is written as a word, so that it fills no subject or object slot.
bool DemonymIsModifier(std::string_view sentence, const Mention& m) {
  static const std::unordered_set<std::string> kStandsForCountry = {
      "imports", "goods",       "products",     "exports",    "shipments", "purchases",
      "market",  "markets",     "economy",      "government", "state",     "authorities",
      "rivals",  "competitors", "counterparts", "peers"};
  size_t i = m.end;
  // Across a list of demonyms ("Japanese, German and U.S. rivals") to the noun.
  for (;;) {
    size_t k = i;
    if (k < sentence.size() && sentence[k] == ',') ++k;
    while (k < sentence.size() && sentence[k] == ' ')
      ++k;
    if (sentence.substr(k, 4) == "and ") k += 4;
    if (k < sentence.size() && sentence[k] >= 'A' && sentence[k] <= 'Z' && k != i) {
      size_t e = k;
      while (e < sentence.size() && (IsAsciiAlpha(sentence[e]) || sentence[e] == '.'))
        ++e;
      if (e < sentence.size() && (sentence[e] == ' ' || sentence[e] == ',')) {
        i = e;
        continue;
      }
    }
    break;
  }
  while (i < sentence.size() && sentence[i] == ' ')
    ++i;
  size_t j = i;
  while (j < sentence.size() && IsAsciiAlpha(sentence[j]))
    ++j;
  if (j == i) return false;  // end of clause: "... than the Chinese."
  return !kStandsForCountry.count(AsciiLower(sentence.substr(i, j - i)));
}

// A generic policy written in lower case ("tariffs", "export controls") is
// also the cue of a nominal rule ("tariffs on X"); one variant writes it as
// words so those rules can see it.
bool IsGenericPolicy(const Mention& m) {
  return m.type == "policy" && m.source == Mention::Source::kGazetteer && !m.surface.empty() &&
         m.surface[0] >= 'a' && m.surface[0] <= 'z';
}

Abstracted Abstract(std::string_view sentence, const std::vector<Mention>& mentions,
                    const Lexicon& lex, bool demonyms_as_words, bool policies_as_words = false) {
  std::string raw;
  raw.reserve(sentence.size() + 16);
  size_t k = 0;
  size_t i = 0;
  while (i < sentence.size()) {
    if (k < mentions.size() && i >= mentions[k].begin &&
        ((demonyms_as_words && mentions[k].source == Mention::Source::kDemonym &&
          DemonymIsModifier(sentence, mentions[k])) ||
         (policies_as_words && IsGenericPolicy(mentions[k])))) {
      raw += ' ';
      raw += AsciiLower(mentions[k].surface);
      raw += ' ';
      i = mentions[k].end;
      ++k;
      continue;
    }
    if (k < mentions.size() && i >= mentions[k].begin) {
      raw += " @";
      raw += std::to_string(k);
      i = mentions[k].end;
      if (mentions[k].possessive) {
        raw += "'s";
        if (i < sentence.size() && sentence[i] == '\'') ++i;
        if (i < sentence.size() && (sentence[i] == 's' || sentence[i] == 'S')) ++i;
      }
      raw += ' ';
      ++k;
      continue;
    }
    const char c = sentence[i];
    if (c == '"' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\n') {
      raw += ' ';
    } else if (c == '\'' && (i == 0 || !IsAsciiAlpha(sentence[i - 1]) || i + 1 == sentence.size() ||
                             !IsAsciiAlpha(sentence[i + 1]))) {
      raw += ' ';  // a quote mark, not an apostrophe inside a word
    } else if (c == ',' || c == ';' || c == ':') {
      raw += c;
      raw += ' ';
    } else {
      raw += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    ++i;
  }
  const std::vector<std::string_view> words = SplitSpaces(raw);
  // Re-attach punctuation that the spacing above separated from a mention.
  // A token is a run of words written without the spaces between them:
  // most are one word, and no string is made for any until the end.
  struct Token {
    size_t first, last;  // words[first..last]
    bool mark = false;
  };
  std::vector<Token> tokens;
  tokens.reserve(words.size());
  auto opens_slot = [&](const Token& t) { return words[t.first][0] == '@'; };
  for (size_t k = 0; k < words.size(); ++k) {
    const std::string_view w = words[k];
    if (!tokens.empty() && (w == "," || w == ";" || w == ":" || w == "." || w == "'s") &&
        opens_slot(tokens.back())) {
      tokens.back().last = k;
    } else if (!tokens.empty() && w[0] == '-' && w.size() > 1 && w[1] == '@' &&
               opens_slot(tokens.back())) {
      tokens.back().last = k;  // "@1-@2 rivalry"
    } else if (!tokens.empty() && tokens.back().first == tokens.back().last &&
               words[tokens.back().first] == "-" && w[0] == '@' && tokens.size() >= 2 &&
               opens_slot(tokens[tokens.size() - 2])) {
      tokens.pop_back();
      tokens.back().last = k;  // "U.S.-China" abstracted with spaces
    } else {
      tokens.push_back({k, k});
    }
  }
  // "and"/"or" are marked too: a gap across them joins two clauses
  // ("... the Act and restrict China's access"); coordinated names were
  // merged into one slot before any rule runs. (A token of several words
  // opens with a slot, and a slot is never marked.)
  for (Token& t : tokens) {
    const std::string_view w = words[t.first];
    if (t.first != t.last || w[0] == '@') continue;
    const std::string_view core = Core(w);
    t.mark = lex.clause_breaks.count(core) || core == "and" || core == "or";
  }
  Abstracted a;
  a.text.reserve(raw.size() + 8);
  for (const Token& t : tokens) {
    if (!a.text.empty()) a.text += ' ';
    if (t.mark) a.text += '#';
    for (size_t k = t.first; k <= t.last; ++k)
      a.text += words[k];
  }
  a.slots.reserve(mentions.size());
  for (size_t m = 0; m < mentions.size(); ++m)
    a.slots.push_back({static_cast<int>(m)});
  return a;
}

// Merges "@a, @b and the @c" (same entity type) into one new slot.
Abstracted MergeCoordinations(const Abstracted& in, const std::vector<Mention>& mentions) {
  Abstracted out;
  out.slots = in.slots;
  const std::vector<std::string_view> words = SplitSpaces(in.text);
  std::vector<std::string_view> result;
  std::vector<std::string> merged;  // the new tokens, owned here
  merged.reserve(words.size());
  size_t i = 0;
  while (i < words.size()) {
    std::string trailing;
    int first = PlainSlot(words[i], &trailing);
    if (first < 0 || first >= static_cast<int>(mentions.size())) {
      result.push_back(words[i++]);
      continue;
    }
    std::vector<int> members = {first};
    size_t j = i + 1;
    std::string cur_trailing = trailing;
    bool closed = false;
    std::string_view last_token;
    // "and/or [the] @c" at `at` closes the list.
    auto close = [&](size_t at) {
      size_t k = at + 1;
      if (k < words.size() && words[k] == "the") ++k;
      if (k >= words.size() || words[k][0] != '@') return;
      members.push_back(SlotOf(words[k]));
      last_token = words[k];
      j = k + 1;
      closed = true;
    };
    while (j < words.size()) {
      // "@a and @b", "@a & @b", "@a, and @b" close; "@a, @b" goes on.
      const bool conjunction = words[j] == "#and" || words[j] == "#or";
      if ((cur_trailing.empty() && (conjunction || words[j] == "&")) ||
          (cur_trailing == "," && conjunction)) {
        close(j);
        break;
      }
      if (cur_trailing != ",") break;
      std::string t;
      const int m = PlainSlot(words[j], &t);
      if (m < 0) break;
      members.push_back(m);
      cur_trailing = t;
      ++j;
    }
    bool same_type = closed && members.size() >= 2;
    for (int m : members) {
      if (m < 0 || m >= static_cast<int>(mentions.size()) ||
          mentions[m].type != mentions[members[0]].type) {
        same_type = false;
      }
    }
    if (!same_type) {
      result.push_back(words[i++]);
      continue;
    }
    // The merged slot keeps the last member's possessive or punctuation.
    size_t digits = 1;
    while (digits < last_token.size() && last_token[digits] >= '0' && last_token[digits] <= '9')
      ++digits;
    out.slots.push_back(members);
    merged.push_back("@" + std::to_string(out.slots.size() - 1) +
                     std::string(last_token.substr(digits)));
    result.push_back(merged.back());
    i = j;
  }
  out.text = Join(result);
  return out;
}

// Whether the word before text[at] (the '@' of a slot), skipping "the",
// is a preposition that puts the slot in a phrase of its own.
bool FollowsPreposition(const std::string& text, size_t at) {
  static const std::unordered_set<std::string_view> kPrepositions = {
      "in", "at", "of", "from", "to", "with", "on", "into", "than", "like", "among", "amid"};
  std::string_view before(text.data(), std::min(at, text.size()));
  auto last_word = [&]() {
    while (!before.empty() && before.back() == ' ')
      before.remove_suffix(1);
    const size_t space = before.rfind(' ');
    const std::string_view w = space == std::string_view::npos ? before : before.substr(space + 1);
    before.remove_suffix(w.size());
    return w;
  };
  std::string_view w = last_word();
  if (w == "the") w = last_word();
  return kPrepositions.count(w) > 0;
}

// Gives a clause's subject to the verb phrases that share it, so that the
// rules, which want a subject right before the verb, see one:
//   "@0 efforts have included measures to curb @1, place tariffs on @2 #and
//    restrict @3's access" -> "..., @0 place tariffs on @2 #and @0 restrict ..."
//   "@0 is expanding grants #and investing in @1" -> "... #and @0 investing in @1"
//   "@0 built @1 without using @2" -> "... without @0 using @2"
// The subject is the first mention of the clause that stands before any verb
// and after no preposition; a comma-separated phrase gets it only in a list
// that a conjunction closes, so that an apposition ("@0, backed by @1,") is
// left alone. Returns false when nothing was given.
bool CarrySubjects(const Abstracted& in, const WordSet& verb_words, Abstracted* out) {
  static const WordSet kPrepositions = {
      "in",      "of",      "to",      "for",    "on",     "at",      "by",        "with",
      "from",    "like",    "than",    "as",     "about",  "against", "over",      "under",
      "through", "into",    "onto",    "amid",   "among",  "between", "including", "such",
      "via",     "toward",  "towards", "across", "after",  "before",  "during",    "since",
      "until",   "without", "within",  "behind", "beyond", "despite", "per",       "upon"};
  static const WordSet kAuxiliaries = {"is",   "are",   "was",   "were", "has", "have", "had",
                                       "will", "would", "could", "can",  "may", "might"};
  static const WordSet kDeterminers = {"the", "a", "an"};
  // Most sentences have no conjunction and no "without": nothing to give.
  if (in.text.find("#and ") == std::string::npos && in.text.find("#or ") == std::string::npos &&
      in.text.find("#without ") == std::string::npos)
    return false;
  const std::vector<std::string_view> words = SplitSpaces(in.text);
  auto verb_at = [&](size_t k, bool auxiliary_ok) {
    if (k >= words.size()) return false;
    const std::string_view w = words[k];
    if (verb_words.count(w) || (auxiliary_ok && kAuxiliaries.count(w))) return true;
    // "also restricted", "quickly moved": an adverb before the verb.
    if ((w == "also" || w == "then" || w == "later" || EndsWith(w, "ly")) && k + 1 < words.size())
      return verb_words.count(words[k + 1]) > 0 ||
             (auxiliary_ok && kAuxiliaries.count(words[k + 1]));
    return false;
  };
  // Insertions: before word k, the subject's token.
  std::vector<std::pair<size_t, std::string>> inserts;
  size_t clause = 0;
  while (clause < words.size()) {
    size_t end = clause;
    // "without" is marked so that no gap runs across it ("Claude without
    // using" is not Claude using), but its clause goes on.
    while (end < words.size() && !(words[end][0] == '#' && words[end] != "#and" &&
                                   words[end] != "#or" && words[end] != "#without"))
      ++end;
    std::string subject;
    bool verb_since_subject = false;
    bool verb_seen = false;
    std::vector<size_t> pending_commas;  // list items waiting for their conjunction
    for (size_t k = clause; k < end; ++k) {
      const std::string_view w = words[k];
      const int slot = SlotOf(w);
      if (slot >= 0 && !verb_seen) {
        size_t p = k;
        while (p > clause && kDeterminers.count(words[p - 1]))
          --p;
        const bool after_preposition = p > clause && kPrepositions.count(Core(words[p - 1]));
        const bool owner_of_next = EndsWith(w, "'s") && k + 1 < end && SlotOf(words[k + 1]) >= 0;
        const bool after_slot =
            p > clause && SlotOf(words[p - 1]) >= 0 && !EndsWith(words[p - 1], ",");
        if (!after_preposition && !owner_of_next && !after_slot) {
          subject = "@" + std::to_string(slot);
          verb_since_subject = false;
          pending_commas.clear();
        }
        continue;
      }
      if (verb_at(k, true)) {
        verb_seen = true;
        if (!subject.empty()) verb_since_subject = true;
      }
      if (!subject.empty() && w == "#without" && k + 1 < end && EndsWith(words[k + 1], "ing")) {
        inserts.emplace_back(k + 1, subject);
        continue;
      }
      if (subject.empty() || !verb_since_subject) continue;
      if (w == "#and" || w == "#or") {
        // A new subject after the conjunction starts a clause of its own.
        size_t n = k + 1;
        while (n < end && kDeterminers.count(words[n]))
          ++n;
        if (n < end && SlotOf(words[n]) >= 0) {
          subject.clear();
          verb_seen = false;
          pending_commas.clear();
          continue;
        }
        if (verb_at(k + 1, true)) {
          for (size_t c : pending_commas)
            inserts.emplace_back(c, subject);
          pending_commas.clear();
          inserts.emplace_back(k + 1, subject);
        }
      } else if (EndsWith(w, ",") && verb_at(k + 1, false) &&
                 !(k + 2 < end && words[k + 2] == "by")) {
        pending_commas.push_back(k + 1);
      }
    }
    clause = end + 1;
  }
  if (inserts.empty()) return false;
  std::sort(inserts.begin(), inserts.end());
  std::vector<std::string_view> result;
  size_t next = 0;
  for (size_t k = 0; k < words.size(); ++k) {
    for (; next < inserts.size() && inserts[next].first == k; ++next)
      result.push_back(inserts[next].second);
    result.push_back(words[k]);
  }
  out->slots = in.slots;
  out->text = Join(result);
  return true;
}

// Two slots a few plain words apart ("@0's @1", "@0 upstart @1", "@0 stocks
// like @1"): for each slot written bare or possessive, the nearest slot after
// it with at most three lower-case words between.
struct SlotPair {
  std::string_view first, second;  // their digits
  bool first_possessive = false;
  std::vector<std::string_view> between;  // the words, a closing listing word included
  size_t listing_words = 0;               // "like" (1), "such as" (2), "including" (1)
  std::string_view whole;                 // from the first slot to the second's digits
};

std::vector<SlotPair> NearSlotPairs(const std::string& text) {
  std::vector<SlotPair> pairs;
  const std::vector<std::string_view> words = SplitSpaces(text);
  auto digits_of = [](std::string_view token) {
    size_t n = 1;
    while (n < token.size() && token[n] >= '0' && token[n] <= '9')
      ++n;
    return n > 1 ? token.substr(1, n - 1) : std::string_view();
  };
  auto plain = [](std::string_view w) {
    if (w.empty() || w[0] < 'a' || w[0] > 'z') return false;
    return std::all_of(w.begin(), w.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || c == '.' || c == '-'; });
  };
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view token = words[i];
    // "@1-@2 rivalry": the slot after the hyphen opens a pair.
    const size_t hyphen = token.rfind("-@");
    if (hyphen != std::string_view::npos) token = token.substr(hyphen + 1);
    const std::string_view first = digits_of(token);
    if (first.empty() || token.size() < 1) continue;
    const std::string_view rest = token.substr(1 + first.size());
    if (!rest.empty() && rest != "'s") continue;
    SlotPair p;
    p.first = first;
    p.first_possessive = !rest.empty();
    size_t k = i + 1;
    while (k < words.size() && k - i - 1 <= 3 && words[k][0] != '@' && plain(words[k]))
      ++k;
    if (k >= words.size() || k - i - 1 > 3 || words[k][0] != '@') continue;
    p.second = digits_of(words[k]);
    if (p.second.empty()) continue;
    p.between.assign(words.begin() + static_cast<long>(i) + 1,
                     words.begin() + static_cast<long>(k));
    const size_t n = p.between.size();
    if (n >= 1 && (p.between[n - 1] == "like" || p.between[n - 1] == "including")) {
      p.listing_words = 1;
    } else if (n >= 2 && p.between[n - 2] == "such" && p.between[n - 1] == "as") {
      p.listing_words = 2;
    }
    p.whole = std::string_view(token.data(), p.second.data() + p.second.size() - token.data());
    pairs.push_back(std::move(p));
  }
  return pairs;
}

// Sets aside what stands between commas after a name: a noun phrase
// ("@Huawei, China's largest telecom firm, was ..."), a relative clause
// (", #which ...,") or a participle (", founded in 2023,", ", based in
// Hangzhou,"), leaving "@Huawei was ...". The phrase ends at the first comma
// followed by more text; a noun phrase or participle may not run across a
// clause break. Returns whether anything was set aside.
bool RemoveAppositions(std::string* text) {
  static const WordSet kDeterminers = {"a", "an", "the", "its"};
  static const WordSet kParticiples = {"known", "based", "headquartered"};
  const std::string& in = *text;
  std::string out;
  size_t copied = 0;  // in[copied..] is not yet in out
  for (size_t at = in.find(", "); at != std::string::npos; at = in.find(", ", at + 1)) {
    // The word before the comma must be a slot ("@12").
    size_t w = at;
    while (w > 0 && in[w - 1] >= '0' && in[w - 1] <= '9')
      --w;
    if (w == at || w == 0 || in[w - 1] != '@' || (w >= 2 && in[w - 2] != ' ') || w - 1 < copied)
      continue;
    const size_t body = at + 2;
    size_t word_end = in.find(' ', body);
    if (word_end == std::string::npos) continue;
    std::string_view first(in.data() + body, word_end - body);
    size_t limit = 80;
    bool breaks_allowed = false;
    if (kDeterminers.count(first) ||
        (first.size() > 3 && first[0] == '@' && first.substr(first.size() - 2) == "'s")) {
    } else if (first == "#which" || first == "#who") {
      breaks_allowed = true;
    } else {
      if (first.size() > 2 && first.substr(first.size() - 2) == "ly") {
        const size_t next = in.find(' ', word_end + 1);
        if (next == std::string::npos) continue;
        first = std::string_view(in.data() + word_end + 1, next - word_end - 1);
        word_end = next;
      }
      const bool participle =
          (first.size() > 2 && first.substr(first.size() - 2) == "ed") || kParticiples.count(first);
      if (!participle) continue;
      limit = 60;
    }
    // The rest: 1..limit bytes up to the first ", ".
    const size_t rest = word_end + 1;
    const size_t close = in.find(", ", rest);
    if (close == std::string::npos || close == rest || close - rest > limit) continue;
    if (!breaks_allowed && in.find('#', rest) < close) continue;
    if (in.find(',', rest) < close) continue;
    out.append(in, copied, at - copied);  // through the slot
    out += ' ';
    copied = close + 2;
    at = close + 1;
  }
  if (copied == 0) return false;
  out.append(in, copied, std::string::npos);
  *text = std::move(out);
  return true;
}

// Calls fn for each match that match_at(pos) finds at or after pos (true,
// with groups[0] set to the whole match), the next search starting one byte
// after where the previous match began, so that overlapping clauses ("A
// restricts B and C restricts D") each get their turn; at most max_matches.
template <typename MatchAt, typename Fn>
void ForEachMatchFrom(const std::string& text, const re2::StringPiece* groups, int max_matches,
                      MatchAt match_at, Fn fn) {
  size_t pos = 0;
  for (int found = 0; pos < text.size() && found < max_matches && match_at(pos); ++found) {
    pos = static_cast<size_t>(groups[0].data() - text.data()) + 1;
    fn();
  }
}

// ForEachMatchFrom for a regular expression with n groups.
template <typename Fn>
void ForEachMatch(const RE2& re, const std::string& text, re2::StringPiece* groups, int n,
                  int max_matches, Fn fn) {
  ForEachMatchFrom(
      text, groups, max_matches,
      [&](size_t pos) { return re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, n); }, fn);
}

// The same for a relation rule, which knows a cheaper way to its groups.
template <typename Fn>
void ForEachRuleMatch(const RelationRule& rule, const std::string& text, re2::StringPiece* groups,
                      int max_matches, Fn fn) {
  ForEachMatchFrom(
      text, groups, max_matches, [&](size_t pos) { return rule.Match(text, pos, groups); }, fn);
}

constexpr int kUnbounded = std::numeric_limits<int>::max();

// Slot types of the rules in code (step 4 of extractor.h).
const std::unordered_set<std::string> kOrgTypes = {"company", "organization"};
const std::unordered_set<std::string> kAffiliationTypes = {"company", "organization",
                                                           "government_body", "country", "bloc"};
const std::unordered_set<std::string> kCountryType = {"country"};
const std::unordered_set<std::string> kPersonType = {"person"};
const std::unordered_set<std::string> kProductType = {"product"};

struct Candidate {
  int subject;  // mention index
  int object;
  std::string relation;
  double confidence;
  size_t match_begin, match_end;  // in the abstracted text
  const Abstracted* abstracted;
  std::string item;
  bool noun_phrase = false;  // read from a name: no cue before it hedges or negates it
};

}  // namespace

namespace {

bool CanBeReferredToAsIt(const Mention& m) {
  return m.source != Mention::Source::kDemonym && !m.possessive &&
         (m.type == "country" || m.type == "company" || m.type == "organization" ||
          m.type == "bloc" || m.type == "government_body");
}

// Adds a mention for each "it", "its", "It", "Its" that has an antecedent.
void ResolveIt(std::string_view sentence, const Mention* antecedent,
               std::vector<Mention>* mentions) {
  std::vector<Mention> added;
  for (size_t i = 0; i + 1 < sentence.size(); ++i) {
    if (i > 0 && IsWordByte(sentence[i - 1])) continue;
    if (!((sentence[i] == 'i' || sentence[i] == 'I') && sentence[i + 1] == 't')) continue;
    size_t end = i + 2;
    bool possessive = false;
    if (end < sentence.size() && sentence[end] == 's') {
      possessive = true;
      ++end;
    }
    if (end < sentence.size() && IsWordByte(sentence[end])) continue;
    if (end < sentence.size() && sentence[end] == '\'') continue;  // it's, it'd: skip
    // The nearest suitable mention before it in this sentence, else the topic.
    const Mention* target = antecedent;
    for (const Mention& m : *mentions) {
      if (m.end <= i && CanBeReferredToAsIt(m)) target = &m;
    }
    if (!target) continue;
    Mention m = *target;
    m.begin = i;
    m.end = end;
    m.surface = std::string(sentence.substr(i, end - i));
    m.possessive = possessive;
    m.pronoun = true;
    m.confidence = target->confidence * 0.8;
    added.push_back(std::move(m));
  }
  for (auto& m : added) {
    bool overlaps = false;
    for (const auto& o : *mentions)
      overlaps = overlaps || (o.begin < m.end && m.begin < o.end);
    if (!overlaps) mentions->push_back(std::move(m));
  }
  // Most often nothing was added and the mentions are in order, none
  // starting where another does: then sorting would change nothing, yet move
  // each of them twice.
  const bool in_order = std::adjacent_find(mentions->begin(), mentions->end(),
                                           [](const Mention& a, const Mention& b) {
                                             return a.begin >= b.begin;
                                           }) == mentions->end();
  if (!in_order) {
    std::sort(mentions->begin(), mentions->end(),
              [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  }
}

}  // namespace

std::vector<Fact> Extractor::ExtractSentence(std::string_view sentence, const Mention* antecedent,
                                             Mention* topic) const {
  std::vector<Fact> facts;
  if (sentence.size() > 4 * kMaxSentenceBytes) return facts;
  std::vector<Mention> mentions = finder_.Find(sentence);
  if (mentions.size() > 60) return facts;
  ResolveIt(sentence, antecedent, &mentions);
  if (topic) {
    for (const Mention& m : mentions) {
      if (CanBeReferredToAsIt(m) && !m.pronoun) {
        *topic = m;
        break;
      }
    }
  }
  // One mention can still hold a fact: a product named after its maker.
  const bool lone_product = mentions.size() == 1 && mentions[0].type == "product";
  if (mentions.size() < 2 && !lone_product) return facts;
  const Structural& st = *structural_;

  // variants[0] keeps every mention as a slot (for the adjective rules);
  // relation rules run on the others.
  std::vector<Abstracted> variants;
  variants.push_back(Abstract(sentence, mentions, lexicon_, false));
  variants.push_back(MergeCoordinations(variants[0], mentions));
  // Without a demonym used as a modifier the demonym variant is the same.
  const bool modifier_demonyms =
      std::any_of(mentions.begin(), mentions.end(), [&](const Mention& m) {
        return m.source == Mention::Source::kDemonym && DemonymIsModifier(sentence, m);
      });
  if (modifier_demonyms) {
    variants.push_back(Abstract(sentence, mentions, lexicon_, true));
    variants.push_back(MergeCoordinations(variants[2], mentions));
  } else {
    variants.push_back(variants[0]);
    variants.push_back(variants[1]);
  }
  if (std::any_of(mentions.begin(), mentions.end(), IsGenericPolicy)) {
    variants.push_back(
        MergeCoordinations(Abstract(sentence, mentions, lexicon_, true, true), mentions));
  }
  Abstracted without_appositions = variants[3];
  if (RemoveAppositions(&without_appositions.text)) {
    variants.push_back(std::move(without_appositions));
  }
  for (size_t v = 2, n = variants.size(); v < n; ++v) {
    Abstracted carried;
    if (CarrySubjects(variants[v], rules_->verb_words(), &carried)) {
      variants.push_back(std::move(carried));
    }
  }

  const bool debug = std::getenv("KG_DEBUG_ABSTRACT") != nullptr;
  if (debug) {
    for (size_t m = 0; m < mentions.size(); ++m)
      std::fprintf(stderr, "mention @%zu: %s (%s)\n", m, mentions[m].name.c_str(),
                   mentions[m].type.c_str());
    for (const auto& v : variants)
      std::fprintf(stderr, "abstract: %s\n", v.text.c_str());
  }
  std::vector<Candidate> candidates;
  auto members = [&](const Abstracted& a, std::string_view digits) -> const std::vector<int>* {
    const size_t slot = static_cast<size_t>(AtoiView(digits));
    return slot < a.slots.size() ? &a.slots[slot] : nullptr;
  };
  auto add = [&](const Abstracted& a, std::string_view s_digits, std::string_view o_digits,
                 const std::string& relation, double confidence, const re2::StringPiece& whole,
                 const std::unordered_set<std::string>* subject_types,
                 const std::unordered_set<std::string>* object_types, std::string item) {
    const auto* ss = members(a, s_digits);
    const auto* os = members(a, o_digits);
    if (!ss || !os) return;
    for (int s : *ss) {
      for (int o : *os) {
        if (subject_types && !subject_types->count(mentions[s].type)) continue;
        if (object_types && !object_types->count(mentions[o].type)) continue;
        if (mentions[s].name == mentions[o].name) continue;  // no self-loops
        Candidate c;
        c.subject = s;
        c.object = o;
        c.relation = relation;
        c.confidence = confidence;
        c.match_begin = static_cast<size_t>(whole.data() - a.text.data());
        c.match_end = c.match_begin + whole.size();
        c.abstracted = &a;
        c.item = item;
        candidates.push_back(std::move(c));
      }
    }
  };

  // Relation rules.
  for (size_t v = 2; v < variants.size(); ++v) {
    const Abstracted& a = variants[v];
    // Most sentences have nothing to merge or set aside: a variant equal to
    // one already matched would only find the same triples again.
    bool seen = false;
    for (size_t u = 2; u < v; ++u)
      seen = seen || variants[u].text == a.text;
    if (seen) continue;
    for (int index : rules_->Candidates(a.text)) {
      const RelationRule& rule = rules_->rules()[index];
      const int groups = rule.re->NumberOfCapturingGroups() + 1;
      re2::StringPiece stack_groups[8];
      std::vector<re2::StringPiece> heap_groups(groups > 8 ? groups : 0);
      re2::StringPiece* const g = groups > 8 ? heap_groups.data() : stack_groups;
      if (debug) std::fprintf(stderr, "rule %s may match variant %zu\n", rule.name.c_str(), v);
      ForEachRuleMatch(rule, a.text, g, 32, [&] {
        std::string item;
        if (rule.item_group && g[rule.item_group].data()) {
          const auto* xs = members(a, g[rule.item_group]);
          if (xs) {
            for (int x : *xs)
              item += (item.empty() ? "" : ", ") + mentions[x].name;
          }
        }
        // "on par with OpenAI's o1": in a shared template an object
        // followed by 's is the owner of the real object, not the object.
        const char* after_object = g[rule.object_group].data() + g[rule.object_group].size();
        const char* text_end = a.text.data() + a.text.size();
        bool possessive_object = rule.shared && after_object < text_end && *after_object == '\'';
        // "better than DeepSeek's." is elliptical: the owner is the object.
        if (possessive_object) {
          const char* p = after_object + 1;
          if (p < text_end && *p == 's') ++p;
          if (p == text_end || *p == '.' || *p == ',' || *p == ';') possessive_object = false;
        }
        // The subject of a verb must not sit in a prepositional phrase: in
        // "sales of the Mate 60 in China outpaced the iPhone" China outpaced
        // nothing. (A noun's owner may: "years of U.S. curbs on China".)
        const re2::StringPiece& subject = g[rule.subject_group];
        bool subject_after_preposition = false;
        if (rule.active) {
          const size_t at = static_cast<size_t>(subject.data() - a.text.data()) - 1;
          subject_after_preposition = FollowsPreposition(a.text, at);
        }
        // The object of a verb is what the verb acts on: not where goods
        // come from ("buying network gear from Huawei") and not a name
        // that only qualifies a noun ("supply Nvidia chips to the UAE").
        bool object_is_not_the_patient = false;
        if (rule.active) {
          // The text before the object's "@" (its group holds the digits).
          std::string_view before(a.text.data(),
                                  static_cast<size_t>(g[rule.object_group].data() - a.text.data()));
          while (!before.empty() && (before.back() == '@' || before.back() == ' '))
            before.remove_suffix(1);
          object_is_not_the_patient = EndsWith(before, " from") || EndsWith(before, " from the");
          const std::string_view rest(after_object, static_cast<size_t>(text_end - after_object));
          if (!rest.empty() && rest[0] == ' ') {
            const size_t end = rest.find_first_of(" ,.;:", 1);
            std::string_view next =
                rest.substr(1, (end == std::string_view::npos ? rest.size() : end) - 1);
            // A technology mention next ("@Nvidia @chips") is a kind of goods too.
            if (SlotOf(next) >= 0) {
              const auto* ns = members(a, next.substr(1));
              if (ns && ns->size() == 1 && mentions[(*ns)[0]].type == "technology") next = "goods";
            }
            // A product before its kind ("a Kirin 9000s processor") is still
            // the thing; an actor before one ("Nvidia chips") is not.
            bool actor = false;
            if (const auto* os = members(a, g[rule.object_group])) {
              for (int o : *os)
                actor =
                    actor || (mentions[o].type != "product" && mentions[o].type != "technology");
            }
            object_is_not_the_patient = object_is_not_the_patient ||
                                        (actor && lexicon_.technology_head_set.count(next) > 0);
          }
        }
        if (!possessive_object && !subject_after_preposition && !object_is_not_the_patient) {
          add(a, g[rule.subject_group], g[rule.object_group], rule.relation, rule.confidence, g[0],
              &rule.subject_types, &rule.object_types, item);
        }
      });
    }
  }

  // What adjectives, possessives and titles imply.
  static const WordSet kCollectiveNouns = {
      "stocks",     "companies", "firms",  "groups",   "players",   "makers",    "brands",
      "giants",     "startups",  "rivals", "peers",    "labs",      "champions", "manufacturers",
      "developers", "suppliers", "names",  "upstarts", "chipmakers"};
  // A person's title among the words: one word or two ("chief executive").
  auto has_title = [&](const std::vector<std::string_view>& words) {
    for (size_t w = 0; w < words.size(); ++w) {
      if (lexicon_.person_title_set.count(words[w]) ||
          (w + 1 < words.size() && lexicon_.person_title_set.count(std::string(words[w]) + " " +
                                                                   std::string(words[w + 1])))) {
        return true;
      }
    }
    return false;
  };
  // Each rule below needs a certain kind of mention; most sentences have
  // none of some kinds, and then the rule is not run at all.
  bool has_person = false, has_product = false, has_country = false;
  for (const Mention& m : mentions) {
    has_person = has_person || m.type == "person";
    has_product = has_product || m.type == "product";
    has_country = has_country || m.type == "country";
  }
  for (size_t variant = 0; variant < 2; ++variant) {
    if (variant == 1 && variants[1].text == variants[0].text) break;
    const Abstracted& v = variants[variant];
    re2::StringPiece g[6];
    const std::vector<SlotPair> pairs = NearSlotPairs(v.text);
    for (const SlotPair& p : pairs) {
      const re2::StringPiece whole(p.whole.data(), p.whole.size());
      // "Chinese upstart @DeepSeek", "China's @Alibaba", "Chinese stocks like @G".
      if (has_country) {
        const auto* ds = members(v, p.first);
        if (ds && ds->size() == 1) {
          const Mention& d = mentions[(*ds)[0]];
          // Adjacent ("Chinese DeepSeek"), or a company noun in between
          // ("Chinese upstart DeepSeek", "Chinese memory maker YMTC"), or a
          // list ("Chinese stocks like ..."). Only technologies may stand
          // between.
          std::vector<std::string_view> between(p.between.begin(),
                                                p.between.end() - p.listing_words);
          bool other_entity_between = false;
          for (auto& w : between) {
            if (w[0] != '@') continue;
            const auto* inner = members(v, w.substr(1));
            if (!inner || inner->size() != 1 || mentions[(*inner)[0]].type != "technology") {
              other_entity_between = true;
            }
            w = "technology";
          }
          const bool cue = between.empty() || lexicon_.company_cues.count(between.back()) ||
                           kCollectiveNouns.count(between.back());
          if (d.type == "country" &&
              (d.source == Mention::Source::kDemonym || p.first_possessive) &&
              !other_entity_between && (cue || p.listing_words > 0)) {
            add(v, p.second, p.first, "based_in", 0.75, whole, &kOrgTypes, &kCountryType, "");
          }
        }
      }
      // "OpenAI's o1", "Nvidia H20".
      if (has_product && p.between.empty()) {
        add(v, p.first, p.second, "owns", 0.75, whole, &kOrgTypes, &kProductType, "");
      }
      // "@Nvidia CEO @Jensen", "@Commerce secretary nominee @Lutnick",
      // "@Sinology's @Andy".
      if (has_person && (has_title(p.between) || (p.first_possessive && p.between.empty()))) {
        add(v, p.second, p.first, "affiliated_with", 0.75, whole, &kPersonType, &kAffiliationTypes,
            "");
      }
    }
    if (has_country && v.text.find("-based") != std::string::npos)
      ForEachMatch(*st.based_hyphen, v.text, g, 3, kUnbounded, [&] {
        add(v, g[2], g[1], "based_in", 0.75, g[0], &kOrgTypes, &kCountryType, "");
      });
    if (has_person)
      ForEachMatch(*st.title_after, v.text, g, 5, kUnbounded, [&] {
        if (!has_title(SplitSpaces(std::string_view(g[2].data(), g[2].size())))) return;
        add(v, g[1], g[3], "affiliated_with", 0.75, g[0], &kPersonType, &kAffiliationTypes, "");
        if (g[4].data()) {
          add(v, g[1], g[4], "affiliated_with", 0.7, g[0], &kPersonType, &kAffiliationTypes, "");
        }
      });
    if (has_person && v.text.find("#who ") != std::string::npos)
      ForEachMatch(*st.who_worked, v.text, g, 3, kUnbounded, [&] {
        // The clause belongs to the nearest person before it.
        const int person = std::atoi(std::string(g[1]).c_str());
        const int place = std::atoi(std::string(g[2]).c_str());
        for (const std::string_view w : SplitSpaces(std::string_view(g[0].data(), g[0].size()))) {
          const int slot = SlotOf(w);
          if (slot < 0 || slot == person || slot == place ||
              static_cast<size_t>(slot) >= v.slots.size())
            continue;
          for (int m : v.slots[slot])
            if (mentions[m].type == "person") return;
        }
        add(v, g[1], g[2], "affiliated_with", 0.7, g[0], &kPersonType, &kAffiliationTypes, "");
      });
  }

  // A product whose name opens with its maker's ("DeepSeek-R1", "Google
  // Gemini") says who develops it.
  if (has_product) {
    const size_t named = mentions.size();
    for (size_t k = 0; k < named; ++k) {
      const Mention& p = mentions[k];
      if (p.type != "product" || p.entry < 0) continue;
      const GazetteerEntry& entry = gazetteer_.entries()[p.entry];
      const GazetteerEntry* maker = gazetteer_.FindByName(entry.owner);
      if (!maker) continue;
      auto opens_with = [&](const std::string& form) {
        return p.surface.size() > form.size() + 1 && p.surface.rfind(form, 0) == 0 &&
               (p.surface[form.size()] == '-' || p.surface[form.size()] == ' ');
      };
      if (!opens_with(maker->name) &&
          std::none_of(maker->aliases.begin(), maker->aliases.end(), opens_with))
        continue;
      Mention m;
      m.begin = p.begin;
      m.end = p.begin + maker->name.size();
      m.name = maker->name;
      m.type = maker->type;
      m.surface = maker->name;
      m.confidence = p.confidence;
      mentions.push_back(std::move(m));
      const std::string token = "@" + std::to_string(k);
      const Abstracted& v = variants[0];
      size_t at = v.text.find(token);
      while (at != std::string::npos && at + token.size() < v.text.size() &&
             v.text[at + token.size()] >= '0' && v.text[at + token.size()] <= '9')
        at = v.text.find(token, at + 1);
      if (at == std::string::npos) continue;
      Candidate c;
      c.subject = static_cast<int>(mentions.size() - 1);
      c.object = static_cast<int>(k);
      c.relation = "develops";
      c.confidence = 0.65;
      c.match_begin = at;
      c.match_end = at + token.size();
      c.abstracted = &v;
      c.noun_phrase = true;
      candidates.push_back(std::move(c));
    }
  }

  // Qualifiers found anywhere in the sentence.
  Qualifiers sentence_qualifiers;
  {
    re2::StringPiece m;
    // Each needs a digit somewhere ("$5 billion", "80%", "2023") except
    // amounts in words ("hundreds of billions of dollars").
    const bool digit = sentence.find_first_of("0123456789") != std::string_view::npos;
    const bool money_words = sentence.find("illions of") != std::string_view::npos;
    if ((digit || money_words) && RE2::PartialMatch(sentence, *st.amount, &m))
      sentence_qualifiers.emplace_back("amount", std::string(m));
    if (digit && RE2::PartialMatch(sentence, *st.share, &m))
      sentence_qualifiers.emplace_back("share", std::string(m));
    if (digit && RE2::PartialMatch(sentence, *st.time, &m)) {
      std::string t(m);
      for (const char* p :
           {"In ", "in ", "Since ", "since ", "By ", "by ", "From ", "from ", "Until ", "until "})
        if (t.rfind(p, 0) == 0) t = t.substr(std::char_traits<char>::length(p));
      sentence_qualifiers.emplace_back("time", t);
    }
  }

  // One fact per (subject, relation, object): the most confident reading.
  std::map<std::tuple<std::string, std::string, std::string>, Fact> best;
  for (const Candidate& c : candidates) {
    const Mention& s = mentions[c.subject];
    const Mention& o = mentions[c.object];
    // Modality: cues inside the match or in the few words before it.
    const std::string& text = c.abstracted->text;
    // A match that opens on an owner ("Nvidia's newest GPUs") is a noun
    // phrase: the words before it do not negate or hedge it.
    size_t from = c.match_begin;
    const bool opens_on_owner = [&] {
      size_t k = c.match_begin;
      if (k >= text.size() || text[k] != '@') return false;
      ++k;
      while (k < text.size() && text[k] >= '0' && text[k] <= '9')
        ++k;
      return k < text.size() && text[k] == '\'';
    }();
    for (int words = 0; from > 0 && words < 6 && !opens_on_owner && !c.noun_phrase; --from)
      if (text[from - 1] == ' ' && ++words == 6) break;
    const std::string window = " " + text.substr(from, c.match_end - from) + " ";
    Modality modality = Modality::kAsserted;
    bool negated = false, hedged = false;
    for (const std::string_view w : SplitSpaces(window)) {
      const std::string_view core = Core(w);
      if (st.negation_words.count(core) ||
          (core.size() > 3 && core.compare(core.size() - 3, 3, "n't") == 0)) {
        negated = true;
      }
      if (st.hedge_words.count(core)) hedged = true;
    }
    for (const auto& p : st.negation_phrases)
      negated = negated || window.find(p) != std::string::npos;
    for (const auto& p : st.hedge_phrases)
      hedged = hedged || window.find(p) != std::string::npos;
    if (negated) {
      modality = Modality::kNegated;
    } else if (hedged) {
      modality = Modality::kHedged;
    }
    double confidence = c.confidence * std::min(s.confidence, o.confidence);
    if (modality == Modality::kHedged) confidence *= 0.9;

    Fact f;
    f.subject = {s.name, s.type, {}};
    // A surface form is an alias; a pronoun is not.
    if (s.surface != s.name && !s.pronoun) f.subject.aliases.push_back(s.surface);
    f.relation = c.relation;
    f.object = {o.name, o.type, {}};
    if (o.surface != o.name && !o.pronoun) f.object.aliases.push_back(o.surface);
    f.evidence.sentence = std::string(sentence);
    f.evidence.modality = modality;
    f.evidence.confidence = std::round(confidence * 1000) / 1000;
    f.evidence.qualifiers = sentence_qualifiers;
    if (!c.item.empty()) f.evidence.qualifiers.emplace_back("item", c.item);
    // Place: a country named after "in" that is not one of the two ends.
    re2::StringPiece pm;
    const re2::StringPiece after(text.data() + c.match_begin, text.size() - c.match_begin);
    if (RE2::PartialMatch(after, *st.place, &pm)) {
      const int slot = AtoiView(pm);
      const auto& slots = c.abstracted->slots;
      if (slot >= 0 && static_cast<size_t>(slot) < slots.size() && slots[slot].size() == 1) {
        const Mention& p = mentions[slots[slot][0]];
        if (p.type == "country" && p.name != s.name && p.name != o.name) {
          f.evidence.qualifiers.emplace_back("place", p.name);
        }
      }
    }
    std::sort(f.evidence.qualifiers.begin(), f.evidence.qualifiers.end());
    f.evidence.qualifiers.erase(
        std::unique(f.evidence.qualifiers.begin(), f.evidence.qualifiers.end(),
                    [](const auto& x, const auto& y) { return x.first == y.first; }),
        f.evidence.qualifiers.end());
    auto key = std::make_tuple(s.name, c.relation, o.name);
    auto it = best.find(key);
    if (it == best.end() || it->second.evidence.confidence < f.evidence.confidence) {
      best[key] = std::move(f);
    }
  }
  for (auto& [key, f] : best)
    facts.push_back(std::move(f));
  return facts;
}

namespace {

// Where a chunk that starts at `begin` should end: at the first paragraph
// break after `target` bytes (looking a little further), else at the last
// line break, sentence end or space before it, never inside a UTF-8
// character.
size_t ChunkEnd(std::string_view body, size_t begin, size_t target) {
  if (body.size() - begin <= target) return body.size();
  const size_t want = begin + target;
  const size_t paragraph = body.find("\n\n", want);
  if (paragraph != std::string_view::npos && paragraph - want <= target / 8) return paragraph + 2;
  const std::string_view head = body.substr(begin, target);
  for (const std::string_view cut : {"\n", ". ", " "}) {
    const size_t at = head.rfind(cut);
    if (at != std::string_view::npos && at > target / 2) return begin + at + cut.size();
  }
  size_t at = want;
  while (at > begin + 1 && (static_cast<unsigned char>(body[at]) & 0xC0) == 0x80)
    --at;
  return at;
}

}  // namespace

ArticleInput Extractor::Extract(const ArticleText& article) const {
  ArticleInput out;
  out.meta = ExtractEach(article, [&](const ArticleMeta&, Fact&& f) {
    out.facts.push_back(std::move(f));
    return true;
  });
  return out;
}

ArticleMeta Extractor::ExtractEach(
    const ArticleText& article, const std::function<bool(const ArticleMeta&, Fact&&)>& emit) const {
  ArticleMeta meta;
  meta.id = article.id;
  meta.title = article.title;
  meta.source = article.source;
  meta.url = article.url;
  if (!article.date.empty()) ParseDate(article.date, &meta.date);
  const std::string_view body = article.body;
  Mention topic;
  bool has_topic = false;
  int64_t sentence_index = 0;
  // Chunk by chunk, so that the normalized copy and its offsets (five bytes
  // per byte) stay small however long the article is.
  for (size_t chunk = 0; chunk < body.size();) {
    const size_t chunk_end = ChunkEnd(body, chunk, chunk_bytes_);
    const NormalizedText normalized = NormalizeText(body.substr(chunk, chunk_end - chunk));
    const std::vector<SentenceSpan> sentences = SplitSentences(normalized.text);
    for (size_t i = 0; i < sentences.size(); ++i, ++sentence_index) {
      const SentenceSpan& span = sentences[i];
      const std::string_view text =
          std::string_view(normalized.text).substr(span.begin, span.end - span.begin);
      Mention next_topic;
      next_topic.end = 0;
      next_topic.name.clear();
      std::vector<Fact> facts = ExtractSentence(text, has_topic ? &topic : nullptr, &next_topic);
      // A paragraph break ends what "it" can refer to; a chunk ends at one
      // where it can.
      const std::string_view after = i + 1 < sentences.size()
                                         ? std::string_view(normalized.text)
                                               .substr(span.end, sentences[i + 1].begin - span.end)
                                         : std::string_view(normalized.text).substr(span.end);
      const bool paragraph_break =
          after.find("\n\n") != std::string_view::npos ||
          (i + 1 == sentences.size() && chunk_end > 1 && body.substr(chunk_end - 2, 2) == "\n\n");
      if (!next_topic.name.empty()) {
        topic = next_topic;
        has_topic = true;
      }
      if (paragraph_break) has_topic = false;
      for (Fact& f : facts) {
        const size_t begin = chunk + normalized.ToOriginal(span.begin);
        const size_t end = chunk + normalized.ToOriginal(span.end);
        f.evidence.article = article.id;
        f.evidence.sentence_index = sentence_index;
        f.evidence.span_begin = static_cast<int64_t>(begin);
        f.evidence.span_end = static_cast<int64_t>(end);
        // The sentence as the article has it, for provenance.
        f.evidence.sentence = article.body.substr(begin, end - begin);
        f.evidence.date = meta.date;
        if (!emit(meta, std::move(f))) return meta;
      }
    }
    chunk = chunk_end;
  }
  return meta;
}

}  // namespace kg
