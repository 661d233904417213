#include "ingest/sentence_splitter.h"

#include <algorithm>
#include <iterator>

namespace kg {

namespace {

constexpr size_t kNpos = std::string_view::npos;
// Words longer than this are never abbreviations; it also bounds every
// backward look, which keeps the splitter linear.
constexpr size_t kMaxWordBytes = 32;
// Rule 7c: lines this long or longer are prose, not headlines.
constexpr size_t kHeadlineMaxBytes = 80;

// Abbreviations after which a '.' never ends a sentence (rule 5).
constexpr std::string_view kNeverEnd[] = {
    "Mr",  "Mrs",  "Ms",  "Dr",   "Prof", "Gen", "Sen", "Rep", "Gov", "St",  "Lt",
    "Col", "Capt", "Sgt", "Adm",  "Rev",  "Hon", "Mt",  "Ft",  "Jan", "Feb", "Mar",
    "Apr", "Aug",  "Sep", "Sept", "Oct",  "Nov", "Dec", "vs",  "v",
};

// Abbreviations that end a sentence when a sentence opener follows (rule 5).
// Dotted acronyms (U.S., a.m.) are recognized by their shape instead.
constexpr std::string_view kMayEnd[] = {"etc", "Inc", "Corp", "Co", "Ltd", "Bros", "Jr", "Sr"};

// Words that start sentences far more often than they follow an
// abbreviation inside one: "in the U.S. The agency said" ends a sentence,
// "the U.S. Commerce Department" does not.
constexpr std::string_view kSentenceOpeners[] = {
    "The",  "This",  "That",  "These",  "Those",   "It",        "Its", "In",  "But",
    "And",  "A",     "An",    "He",     "She",     "They",      "We",  "I",   "His",
    "Her",  "Their", "Our",   "There",  "As",      "At",        "On",  "For", "If",
    "When", "While", "After", "Before", "However", "Meanwhile", "Yet", "So",
};

// A line that ends with one of these continues on the next line (rule 7c).
constexpr std::string_view kJoiningWords[] = {
    "a",     "an",    "the",    "of",    "in",     "on",      "at",      "to",   "for",
    "from",  "by",    "with",   "and",   "or",     "but",     "nor",     "as",   "than",
    "that",  "which", "who",    "its",   "their",  "his",     "her",     "our",  "is",
    "are",   "was",   "were",   "be",    "been",   "has",     "have",    "had",  "will",
    "would", "could", "should", "may",   "might",  "can",     "said",    "says", "into",
    "over",  "under", "about",  "after", "before", "between", "against", "amid",
};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}
bool IsLineSpace(char c) {
  return c != '\n' && IsSpace(c);
}
bool IsLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsLetter(char c) {
  return IsLower(c) || IsUpper(c);
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsTerminal(char c) {
  return c == '.' || c == '?' || c == '!';
}
bool IsCloser(char c) {
  return c == '"' || c == '\'' || c == ')' || c == ']';
}
bool IsOpener(char c) {
  return c == '"' || c == '\'' || c == '(' || c == '[';
}
bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// "U.S", "a.m", "D.C": single letters joined by dots (the final dot is not
// part of the token).
bool IsDottedAcronym(std::string_view token) {
  if (token.size() < 3 || token.size() % 2 == 0) return false;
  for (size_t i = 0; i < token.size(); ++i) {
    if (i % 2 == 0 ? !IsLetter(token[i]) : token[i] != '.') return false;
  }
  return true;
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : t_(text), n_(text.size()) {}

  std::vector<SentenceSpan> Split() {
    size_t i = 0;
    while (i < n_) {
      const char c = t_[i];
      if (IsSpace(c)) {
        if (c == '\n') OnNewline(i);
        ++i;
        continue;
      }
      if (content_ == kNpos) content_ = i;
      if (line_content_ == kNpos) line_content_ = i;
      if (const size_t length = CjkTerminatorAt(i); length > 0) {
        const size_t k = SkipClosers(i + length);
        EndSentence(k, k);
        i = k;
        continue;
      }
      if (IsTerminal(c)) {
        size_t j = i;
        while (j < n_ && IsTerminal(t_[j]))
          ++j;
        const size_t k = SkipClosers(j);
        if (EndsAfterTerminal(i, j, k)) {
          EndSentence(k, k);
          i = k;
        } else {
          i = j;
        }
        continue;
      }
      ++i;
    }
    Emit(start_, n_);
    return std::move(out_);
  }

 private:
  size_t SkipClosers(size_t k) const {
    while (k < n_ && IsCloser(t_[k]))
      ++k;
    return k;
  }

  // U+3002, U+FF01, U+FF1F: the length of the one at t_[i], or 0.
  size_t CjkTerminatorAt(size_t i) const {
    if (i + 2 >= n_) return 0;
    const auto b = [&](size_t k) { return static_cast<unsigned char>(t_[i + k]); };
    if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x82) return 3;
    if (b(0) == 0xEF && b(1) == 0xBC && (b(2) == 0x81 || b(2) == 0x9F)) return 3;
    return 0;
  }

  // The run of ASCII letters at p, at most kMaxWordBytes long.
  std::string_view WordAt(size_t p) const {
    size_t e = p;
    while (e < n_ && e - p < kMaxWordBytes && IsLetter(t_[e]))
      ++e;
    return t_.substr(p, e - p);
  }

  // Emits the current sentence up to `end` and starts the next at `next`.
  void EndSentence(size_t end, size_t next) {
    Emit(start_, end);
    start_ = next;
    content_ = kNpos;
  }

  // Rules 1-5 for the terminal punctuation t_[i, j) and closers t_[j, k).
  bool EndsAfterTerminal(size_t i, size_t j, size_t k) const {
    if (k >= n_) return true;
    if (!IsSpace(t_[k])) return false;  // rule 1
    size_t p = k;
    int newlines = 0;
    while (p < n_ && IsSpace(t_[p])) {
      if (t_[p] == '\n') ++newlines;
      ++p;
    }
    if (p >= n_ || newlines >= 2) return true;  // rule 2: two newlines enclose a blank line
    size_t q = p;
    while (q < n_ && q - p < 4 && IsOpener(t_[q]))
      ++q;
    if (q < n_ && IsLower(t_[q])) return false;  // rule 3
    // Rule 4.
    for (size_t x = i; x < j; ++x) {
      if (t_[x] != '.') return true;
    }
    if (j - i >= 2) return true;
    // Rule 5: a single '.', after the token t_[b, i).
    size_t b = i;
    while (b > 0 && i - b <= kMaxWordBytes && !IsSpace(t_[b - 1]))
      --b;
    if (i - b > kMaxWordBytes) return true;
    std::string_view token = t_.substr(b, i - b);
    while (!token.empty() && IsOpener(token.front()))
      token.remove_prefix(1);
    if (token.empty()) return true;
    if (token.size() == 1 && IsUpper(token[0])) return false;  // an initial
    const bool digit_follows = q < n_ && IsDigit(t_[q]);
    if ((token == "No" || token == "Nos" || token == "no") && digit_follows) return false;
    if (token.size() <= 3 && AllDigits(token) && b == line_content_) return false;  // "1. "
    if (Contains(kNeverEnd, token)) return false;
    if (Contains(kMayEnd, token) || IsDottedAcronym(token)) {
      return Contains(kSentenceOpeners, WordAt(q));
    }
    return true;
  }

  bool StartsWithBullet(size_t p) const {
    if (p >= n_) return false;
    const char c = t_[p];
    if ((c == '-' || c == '*') && p + 1 < n_ && IsLineSpace(t_[p + 1])) return true;
    if (p + 2 < n_ && t_.compare(p, 3, "\xE2\x80\xA2") == 0) return true;  // U+2022
    size_t d = p;
    while (d < n_ && d - p < 3 && IsDigit(t_[d]))
      ++d;
    return d > p && d + 1 < n_ && (t_[d] == '.' || t_[d] == ')') && IsLineSpace(t_[d + 1]);
  }

  // Rule 7, for the newline at i of a line with content; the next line's
  // content starts at p.
  bool BreaksAtSingleNewline(size_t i, size_t p) const {
    size_t e = i;  // end of the line's content
    while (e > line_content_ && IsSpace(t_[e - 1]))
      --e;
    size_t q = e;
    while (q > line_content_ && IsCloser(t_[q - 1]))
      --q;
    if (q > line_content_ && IsTerminal(t_[q - 1])) return false;
    const bool next_lower = IsLower(t_[p]);
    if (StartsWithBullet(p)) return true;                     // 7a
    if (StartsWithBullet(line_content_)) return !next_lower;  // 7b
    // 7c
    if (!line_opens_block_ || content_ != line_content_ || next_lower) return false;
    if (e - line_content_ >= kHeadlineMaxBytes) return false;
    const char last = t_[e - 1];
    if (last == ',' || last == ';' || last == ':' || last == '-') return false;
    size_t w = e;
    while (w > line_content_ && e - w < kMaxWordBytes && IsLetter(t_[w - 1]))
      --w;
    return !Contains(kJoiningWords, t_.substr(w, e - w));
  }

  void OnNewline(size_t i) {
    size_t p = i + 1;
    while (p < n_ && IsLineSpace(t_[p]))
      ++p;
    const bool line_blank = line_content_ == kNpos;
    bool ruled = false;
    if (p >= n_ || t_[p] == '\n') {
      EndSentence(i, i + 1);  // rule 6
    } else if (content_ != kNpos && !line_blank && BreaksAtSingleNewline(i, p)) {
      EndSentence(i, i + 1);
      ruled = true;
    }
    line_opens_block_ = line_blank || ruled;
    line_content_ = kNpos;
  }

  // Adds t_[begin, end) trimmed, in pieces of at most kMaxSentenceBytes.
  void Emit(size_t begin, size_t end) {
    while (begin < end && IsSpace(t_[begin]))
      ++begin;
    while (end > begin && IsSpace(t_[end - 1]))
      --end;
    while (end - begin > kMaxSentenceBytes) {
      size_t cut = begin + kMaxSentenceBytes;  // < end
      size_t s = cut;
      while (s > begin && !IsSpace(t_[s]))
        --s;
      if (s > begin) {
        size_t piece_end = s;
        while (IsSpace(t_[piece_end - 1]))  // stops at begin, which is not a space
          --piece_end;
        out_.push_back({begin, piece_end});
        begin = s;
        while (IsSpace(t_[begin]))  // stops before end, which follows a non-space
          ++begin;
      } else {
        // No space: cut at a character boundary (UTF-8 sequences are at most
        // 4 bytes, so look back at most 3).
        while (cut > begin + kMaxSentenceBytes - 3 && IsContinuation(t_[cut]))
          --cut;
        out_.push_back({begin, cut});
        begin = cut;
      }
    }
    if (begin < end) out_.push_back({begin, end});
  }

  const std::string_view t_;
  const size_t n_;
  std::vector<SentenceSpan> out_;
  size_t start_ = 0;              // where the current sentence's region begins
  size_t content_ = kNpos;        // its first non-space byte, if any yet
  size_t line_content_ = kNpos;   // the current line's first non-space byte
  bool line_opens_block_ = true;  // rule 7c: the current line opens a paragraph
};

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  return Splitter(text).Split();
}

}  // namespace kg
