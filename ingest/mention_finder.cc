#include "ingest/mention_finder.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace kg {

namespace {

struct Word {
  size_t begin;
  size_t end;  // trailing '.' excluded unless part of an abbreviation
  std::string_view text;
  std::string_view lower;  // the same bytes, ASCII lower case
};

bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsLower(char c) {
  return c >= 'a' && c <= 'z';
}

// Words: runs of letters, digits and the joiners . - & ' inside a word.
// `lower` is s in ASCII lower case (as long as s), which the words' own
// lower-case forms point into: each is looked up in the lexicon several
// times, and lower-casing the sentence once spares a string per lookup.
std::vector<Word> SplitWords(std::string_view s, std::string_view lower) {
  std::vector<Word> words;
  words.reserve(s.size() / 5 + 1);
  size_t i = 0;
  while (i < s.size()) {
    if (!IsWordByte(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size()) {
      if (IsWordByte(s[j])) {
        ++j;
      } else if ((s[j] == '.' || s[j] == '-' || s[j] == '&') && j + 1 < s.size() &&
                 IsWordByte(s[j + 1])) {
        j += 2;
      } else if (s[j] == '.' && j >= 1 && IsUpper(s[j - 1]) && (j < 2 || s[j - 2] == '.')) {
        ++j;  // U.S.
      } else {
        break;
      }
    }
    // Keep the dot of Corp. / Inc. / Co. / Ltd.
    if (j < s.size() && s[j] == '.') {
      const std::string_view w = s.substr(i, j - i);
      if (w == "Corp" || w == "Inc" || w == "Co" || w == "Ltd" || w == "Jr" || w == "Bros") ++j;
    }
    words.push_back({i, j, s.substr(i, j - i), lower.substr(i, j - i)});
    i = j;
  }
  return words;
}

bool Capitalised(std::string_view w) {
  return !w.empty() && IsUpper(w[0]);
}

bool Overlaps(const std::vector<Mention>& mentions, size_t begin, size_t end) {
  for (const auto& m : mentions)
    if (m.begin < end && begin < m.end) return true;
  return false;
}

bool AllAlpha(std::string_view w) {
  return std::all_of(w.begin(), w.end(),
                     [](char c) { return IsUpper(c) || IsLower(c) || c == '-' || c == '\''; });
}

// Whether words[i] is a plural noun counted as goods: "[N% | N percent |
// maker | producer ...] of [the] <word>".
bool CountedGoods(std::string_view sentence, const std::vector<Word>& words, size_t i) {
  static const std::unordered_set<std::string_view> kMakers = {
      "maker",         "makers",   "producer",  "producers", "manufacturer",
      "manufacturers", "supplier", "suppliers", "exporter",  "exporters"};
  if (words[i].text.size() < 4 || words[i].text.back() != 's') return false;
  size_t k = i;
  if (k > 0 && words[k - 1].text == "the") --k;
  if (k < 2 || words[k - 1].text != "of") return false;
  const Word& before = words[k - 2];
  if (kMakers.count(before.text)) return true;
  if (before.text == "percent") return true;
  return sentence.substr(before.end, words[k - 1].begin - before.end) == "% ";
}

void AddTechnology(const Lexicon& lex, std::string_view sentence, const std::vector<Word>& words,
                   std::vector<Mention>* mentions);
void AddOpenWorld(const Lexicon& lex, std::string_view sentence, const std::vector<Word>& words,
                  std::vector<Mention>* mentions);

}  // namespace

std::vector<Mention> MentionFinder::Find(std::string_view sentence) const {
  std::vector<GazetteerMatch> matches;
  gazetteer_->FindMatches(sentence, &matches);
  std::vector<Mention> mentions;
  for (const auto& g : matches) {
    const GazetteerEntry& e = gazetteer_->entries()[g.entry];
    Mention m;
    m.begin = g.begin;
    m.end = g.end;
    m.type = e.type;
    m.surface = std::string(sentence.substr(g.begin, g.end - g.begin));
    // A generic technology keeps the words the article uses ("electric
    // battery", not the entry's "EV batteries"); names of things are
    // normalized to the entry.
    m.name = e.type == "technology" ? m.surface : e.name;
    if (e.type == "technology" && m.name.size() > 1 && m.name[0] >= 'A' && m.name[0] <= 'Z' &&
        m.name[1] >= 'a' && m.name[1] <= 'z') {
      m.name[0] = static_cast<char>(m.name[0] - 'A' + 'a');
    }
    m.source = g.demonym ? Mention::Source::kDemonym : Mention::Source::kGazetteer;
    m.possessive = g.possessive;
    m.entry = g.entry;
    // A capitalised form at the very start of a sentence is as sure as
    // elsewhere; a lower-case generic one is plainer evidence.
    m.confidence = e.type == "technology" ? 0.9 : 1.0;
    mentions.push_back(std::move(m));
  }
  const std::string lower = AsciiLower(sentence);
  const std::vector<Word> words = SplitWords(sentence, lower);
  AddTechnology(*lexicon_, sentence, words, &mentions);
  AddOpenWorld(*lexicon_, sentence, words, &mentions);
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  return mentions;
}

namespace {

void AddTechnology(const Lexicon& lex, std::string_view sentence, const std::vector<Word>& words,
                   std::vector<Mention>* mentions) {
  auto is_modifier = [&](const Word& w) {
    if (lex.technology_modifiers.count(w.lower)) return true;
    // Acronyms (AI, EUV, HBM) modify a head.
    return w.text.size() >= 2 && w.text.size() <= 5 &&
           std::all_of(w.text.begin(), w.text.end(), [](char c) { return IsUpper(c); });
  };
  // Grow known technologies leftwards over modifiers ("advanced" + "AI chips").
  for (auto& m : *mentions) {
    if (m.type != "technology" || m.source != Mention::Source::kGazetteer) continue;
    size_t k = 0;
    while (k < words.size() && words[k].begin < m.begin)
      ++k;
    size_t begin = m.begin;
    while (k > 0) {
      const Word& w = words[k - 1];
      // Only across one space, never across another mention.
      if (w.end + 1 != begin || sentence[w.end] != ' ' || !is_modifier(w)) break;
      bool inside_other = false;
      for (const auto& o : *mentions)
        if (&o != &m && o.begin < w.end && w.begin < o.end) inside_other = true;
      if (inside_other) break;
      begin = w.begin;
      --k;
    }
    if (begin != m.begin) {
      m.begin = begin;
      m.surface = std::string(sentence.substr(m.begin, m.end - m.begin));
      m.name = m.surface;
    }
  }
  // A known technology followed by a head noun names the thing ("AI
  // programs", "AI model"); a product followed by a version ("iPhone 17",
  // "Mate 60 Pro") is that version.
  for (auto& m : *mentions) {
    if (m.source != Mention::Source::kGazetteer || m.possessive) continue;
    size_t k = 0;
    while (k < words.size() && words[k].begin < m.end)
      ++k;
    size_t end = m.end;
    for (int grown = 0; k < words.size() && grown < 2; ++k, ++grown) {
      const Word& w = words[k];
      if (w.begin != end + 1 || sentence[end] != ' ') break;
      if (Overlaps(*mentions, w.begin, w.end)) break;
      const bool head = m.type == "technology" && lex.technology_head_set.count(w.lower);
      // A version: a word with a digit ("3.1", "K2", "910C", "NVL72") or a
      // tier name.
      static const std::unordered_set<std::string_view> kTiers = {
          "Pro",    "Max",  "Ultra", "Plus", "Mini", "Turbo", "Flash",
          "Sonnet", "Opus", "Haiku", "Lite", "Air",  "Nano"};
      const bool version =
          m.type == "product" &&
          (std::any_of(w.text.begin(), w.text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
           kTiers.count(w.text));
      if (!head && !version) break;
      end = w.end;
    }
    if (end != m.end) {
      m.end = end;
      m.surface = std::string(sentence.substr(m.begin, m.end - m.begin));
      m.name = m.surface;  // the grown words name the thing
      const std::string_view rest = sentence.substr(m.end);
      m.possessive = rest.size() >= 2 && rest[0] == '\'' && rest[1] == 's';
    }
  }
  // New phrases: modifiers + a head noun.
  for (size_t i = 0; i < words.size(); ++i) {
    if (!lex.technology_head_set.count(words[i].lower)) continue;
    // A capitalised head inside a sentence belongs to a name ("Harbor
    // Metals Research"); an acronym (GPU) does not.
    if (i > 0 && Capitalised(words[i].text) && words[i].text.size() > 1 &&
        !IsUpper(words[i].text[1]))
      continue;
    if (Overlaps(*mentions, words[i].begin, words[i].end)) continue;
    size_t first = i;
    while (first > 0 && i - first < 4) {
      const Word& w = words[first - 1];
      if (w.end + 1 != words[first].begin || sentence[w.end] != ' ' || !is_modifier(w)) break;
      if (Overlaps(*mentions, w.begin, w.end)) break;
      --first;
    }
    // A second head noun right after extends the phrase ("data center
    // equipment", "battery cells").
    size_t last = i;
    if (i + 1 < words.size() && words[i].end + 1 == words[i + 1].begin &&
        lex.technology_head_set.count(words[i + 1].lower) &&
        !Overlaps(*mentions, words[i + 1].begin, words[i + 1].end)) {
      last = i + 1;
    }
    // A bare noun ("chips") names nothing new, except where a share or a
    // maker says it is a kind of goods: "80% of cranes", "maker of drones".
    if (first == i && last == i && !CountedGoods(sentence, words, i)) continue;
    Mention m;
    m.begin = words[first].begin;
    m.end = words[last].end;
    m.surface = std::string(sentence.substr(m.begin, m.end - m.begin));
    m.name = m.surface;
    // Lower-case the first word unless it is an acronym or a name.
    if (m.name.size() > 1 && IsUpper(m.name[0]) && IsLower(m.name[1])) {
      m.name[0] = static_cast<char>(m.name[0] - 'A' + 'a');
    }
    m.type = "technology";
    m.source = Mention::Source::kTechnology;
    m.confidence = 0.8;
    const std::string_view rest = sentence.substr(m.end);
    m.possessive = rest.size() >= 2 && rest[0] == '\'' && rest[1] == 's';
    mentions->push_back(std::move(m));
    i = last;
  }
}

void AddOpenWorld(const Lexicon& lex, std::string_view sentence, const std::vector<Word>& words,
                  std::vector<Mention>* mentions) {
  auto is_head = [&](std::string_view w) {
    return lex.government_heads.count(w) || lex.organization_heads.count(w) ||
           lex.policy_heads.count(w) || lex.company_suffixes.count(w);
  };
  // A known name inside a longer institutional one ("Wadhwani AI Center",
  // "Hoover China Program", "China Investment Corporation") gives way to the
  // longer name; a person never does, and a name plus only a suffix
  // ("Nvidia Corp.", "Huawei Technologies") stays the known name.
  auto absorbable = [&](size_t k) {
    for (const auto& m : *mentions) {
      if (m.begin < words[k].end && words[k].begin < m.end) {
        if (m.type == "person" || m.begin < words[k].begin) return false;
        size_t e = k;
        while (e + 1 < words.size() && words[e + 1].begin < m.end)
          ++e;
        return Capitalised(words[k].text) && Capitalised(words[e].text);
      }
    }
    return false;
  };
  std::vector<std::pair<size_t, size_t>> remove;          // known names given way, as byte spans
  std::vector<std::pair<size_t, size_t>> untyped_owners;  // "Xyz's" with no type yet
  size_t i = 0;
  while (i < words.size()) {
    const Word& w = words[i];
    const bool starts_on_known = Overlaps(*mentions, w.begin, w.end);
    if (!Capitalised(w.text) || lex.name_stopwords.count(w.text) ||
        (starts_on_known && !absorbable(i))) {
      ++i;
      continue;
    }
    // Grow the run: capitalised words, and "of", "for", "and", "&" between
    // two of them, on the same line without punctuation in between.
    size_t last = i;
    size_t j = i + 1;
    size_t first_known = starts_on_known ? i : words.size();
    int new_words = starts_on_known ? 0 : 1;
    while (j < words.size()) {
      const std::string_view gap =
          sentence.substr(words[j - 1].end, words[j].begin - words[j - 1].end);
      if (gap != " ") break;
      if (Overlaps(*mentions, words[j].begin, words[j].end)) {
        if (!absorbable(j)) break;
        first_known = std::min(first_known, j);
        size_t e = j;
        while (e + 1 < words.size() && Overlaps(*mentions, words[e + 1].begin, words[e + 1].end) &&
               words[e + 1].begin == words[e].end + 1)
          ++e;
        last = e;
        j = e + 1;
        continue;
      }
      if (Capitalised(words[j].text) && !lex.name_stopwords.count(words[j].text)) {
        last = j;
        ++new_words;
        ++j;
        continue;
      }
      const std::string_view t = words[j].text;
      if ((t == "of" || t == "for" || t == "and" || t == "&" || t == "de") &&
          j + 1 < words.size() && Capitalised(words[j + 1].text)) {
        ++j;
        continue;
      }
      break;
    }
    bool absorbing = false;
    if (first_known < words.size()) {
      // Only a longer institutional name absorbs a known one: its last word a
      // head not itself known, and one more new word besides.
      const bool institutional = !Overlaps(*mentions, words[last].begin, words[last].end) &&
                                 is_head(words[last].text) && new_words >= 2;
      if (institutional) {
        absorbing = true;
      } else if (first_known == i) {
        ++i;
        continue;
      } else {
        last = first_known - 1;
        while (last > i && !Capitalised(words[last].text))
          --last;
      }
    }
    // Connectors belong to institutional names ("Ministry of Digital
    // Affairs", "Center for Strategic and International Studies"); in any
    // other run the name starts after the last one ("Shares of Acme Inc.").
    const bool institutional_head =
        lex.government_heads.count(w.text) || lex.organization_heads.count(w.text) ||
        lex.government_heads.count(words[last].text) ||
        lex.organization_heads.count(words[last].text) || lex.policy_heads.count(words[last].text);
    if (!institutional_head) {
      for (size_t k = last; k > i; --k) {
        if (!Capitalised(words[k].text) && words[k].text != "&") {
          i = k + 1;
          break;
        }
      }
    }
    const Word& start = words[i];
    const size_t begin = start.begin;
    const size_t end = words[last].end;
    const std::string_view last_word = words[last].text;
    std::string type;
    double confidence = 0.7;
    if (lex.company_suffixes.count(last_word) && last > i) {
      type = "company";
    } else if ((lex.government_heads.count(last_word) || lex.government_heads.count(start.text)) &&
               last > i) {
      type = "government_body";
    } else if (lex.policy_heads.count(last_word) && last > i) {
      type = "policy";
    } else if ((lex.organization_heads.count(last_word) ||
                lex.organization_heads.count(start.text)) &&
               last > i) {
      type = "organization";
    }
    // "founder of X", "director at X": an organization.
    if (type.empty() && i >= 2) {
      const std::string_view prep = words[i - 1].lower;
      // Not where the name only qualifies the one after it: "a partner at
      // Shanghai venture firm Dawn River Capital".
      bool qualifies_next = false;
      for (size_t k = last + 1; k < words.size() && k <= last + 3; ++k) {
        if (Capitalised(words[k].text)) {
          qualifies_next = k > last + 1 && lex.company_cues.count(words[k - 1].lower);
          break;
        }
      }
      if ((prep == "of" || prep == "at") && lex.person_title_set.count(words[i - 2].lower) &&
          !qualifies_next) {
        type = "organization";
      }
    }
    // Context before: a company cue, a title, or a demonym + cue.
    if (type.empty() && i > 0) {
      for (size_t back = 1; back <= 3 && back <= i; ++back) {
        const Word& p = words[i - back];
        // "Eurasia Group's Nora Lind": an owner is no cue for what it owns.
        if (p.text == "s" && p.begin > 0 && sentence[p.begin - 1] == '\'') break;
        const std::string_view lower = p.lower;
        if (lex.company_cues.count(lower) ||
            (lower.size() > 6 && lower.compare(lower.size() - 6, 6, "-based") == 0)) {
          type = "company";
          break;
        }
        if (lex.person_title_set.count(lower) && last > i && last - i <= 2 &&
            AllAlpha(start.text) && AllAlpha(words[last].text)) {
          type = "person";
          break;
        }
        if (Capitalised(p.text) && !lex.person_title_set.count(lower)) break;
      }
    }
    // Context after: ", a/the ... title" or "said"/"says" makes a person.
    if (type.empty() && last > i && last - i <= 2 && AllAlpha(start.text) &&
        AllAlpha(words[last].text)) {
      const std::string_view after = sentence.substr(end);
      for (const char* cue :
           {", who ", " said", " says", ", said", ", says", ", founder", ", co-founder",
            ", director", ", chief", ", head", ", president", ", ceo", ", CEO"}) {
        if (after.substr(0, std::char_traits<char>::length(cue)) == cue) {
          type = "person";
          break;
        }
      }
      // ", a senior analyst at ...": an apposition with a title in its
      // first words (", a germanium producer" is not one).
      if (type.empty() && (after.rfind(", a ", 0) == 0 || after.rfind(", an ", 0) == 0 ||
                           after.rfind(", the ", 0) == 0)) {
        for (size_t k = last + 1; k < words.size() && k <= last + 5; ++k) {
          if (lex.person_title_set.count(words[k].lower)) {
            type = "person";
            break;
          }
        }
      }
      if (type.empty() && i >= 1) {
        const std::string_view before = words[i - 1].lower;
        if (before == "says" || before == "said") type = "person";
      }
      // "Nora Lind", "Liang Wenfeng": a known first name (or Chinese
      // family name) and no institutional last word.
      if (type.empty() && lex.given_names.count(start.text) && !is_head(words[last].text)) {
        type = "person";
        confidence = 0.65;
      }
    }
    // "PayPal co-founder David Sacks": a name before a company title and a
    // person's name is the company.
    if (type.empty() && last + 2 < words.size() && Capitalised(words[last + 2].text)) {
      static const WordSet kCompanyTitles = {"founder", "co-founder", "cofounder", "ceo",
                                             "cto",     "cfo",        "chairman",  "chairwoman"};
      if (kCompanyTitles.count(words[last + 1].lower) && words[last + 1].begin == end + 1) {
        type = "company";
        confidence = 0.6;
      }
    }
    if (type.empty() && sentence.substr(end, 3) == "'s ") untyped_owners.push_back({begin, end});
    if (!type.empty()) {
      Mention m;
      m.begin = begin;
      m.end = end;
      m.surface = std::string(sentence.substr(begin, end - begin));
      m.name = m.surface;
      m.type = type;
      m.source = Mention::Source::kOpenWorld;
      m.confidence = confidence;
      const std::string_view rest = sentence.substr(end);
      m.possessive = rest.size() >= 2 && rest[0] == '\'' && rest[1] == 's';
      mentions->push_back(std::move(m));
      if (absorbing) remove.emplace_back(begin, end);
    }
    i = last + 1;
  }
  // "Sinology's Andy Rothman": an untyped name owning a person is where the
  // person works.
  for (const auto& owner : untyped_owners) {
    const size_t begin = owner.first;
    const size_t end = owner.second;
    const bool owns_person = std::any_of(mentions->begin(), mentions->end(), [&](const Mention& p) {
      return p.type == "person" && p.begin == end + 3;
    });
    if (!owns_person) continue;
    Mention m;
    m.begin = begin;
    m.end = end;
    m.surface = std::string(sentence.substr(begin, end - begin));
    m.name = m.surface;
    m.type = "organization";
    m.source = Mention::Source::kOpenWorld;
    m.confidence = 0.6;
    m.possessive = true;
    mentions->push_back(std::move(m));
  }
  if (remove.empty()) return;
  // The known names a longer name absorbed go; the longer one stays.
  mentions->erase(
      std::remove_if(mentions->begin(), mentions->end(),
                     [&](const Mention& m) {
                       for (const auto& [b, e] : remove) {
                         if (m.begin >= b && m.end <= e && !(m.begin == b && m.end == e))
                           return true;
                       }
                       return false;
                     }),
      mentions->end());
}

}  // namespace

}  // namespace kg
