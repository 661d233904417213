// Sentence splitting of normalized news text (see text_normalizer.h).
//
// A rule-based splitter tuned for English news prose. It runs in linear time
// and never returns a sentence longer than kMaxSentenceBytes. The rules, in
// the order they are tried:
//
// At a run of terminal punctuation ('.', '?', '!', or several of them, such
// as "..." or "?!"), followed by any closing quotes or brackets (" ' ) ]):
//   1. Followed by a non-space character (3.5%, $6.6B, v1.5, U.S, a.com):
//      no break.
//   2. Followed by the end of the text or by a blank line: break.
//   3. Followed by a word that starts with a lowercase letter, after any
//      opening quote or bracket: no break. This keeps `"Why?" he asked.`,
//      `... and then`, `the U.S. and China` and `etc. and` together.
//   4. '?' or '!' or an ellipsis ("..."): break.
//   5. A single '.' after
//      - one capital letter, an initial (J. P. Morgan, George W. Bush): no
//        break;
//      - "No" followed by a digit (No. 2): no break;
//      - a list marker of one to three digits that starts its line (1. The
//        first item): no break;
//      - a title or month abbreviation (Mr., Mrs., Ms., Dr., Prof., Gen.,
//        Sen., Rep., Gov., St., Jan., Feb., Mar., Apr., Aug., Sep., Sept.,
//        Oct., Nov., Dec., vs., ...): no break;
//      - an abbreviation that often ends a sentence: a dotted acronym (U.S.,
//        U.K., U.N., E.U., D.C., a.m.), a company suffix (Corp., Inc., Co.,
//        Ltd., Bros.), Jr., Sr. or etc.: a break only when the next word is a
//        common sentence opener (The, This, That, It, In, But, He, They,
//        ...; see kSentenceOpeners in the .cc);
//      - anything else: break.
//      Abbreviations are matched as written ("Corp", not "CORP").
// CJK full stops, question and exclamation marks (U+3002, U+FF01, U+FF1F)
// always end a sentence.
//
// At a newline:
//   6. Followed by a blank line (only spaces or tabs before the next
//      newline): break. Paragraph breaks always end a sentence, which is what
//      ends headlines and other lines without final punctuation.
//   7. A single newline breaks, when the current line does not end with
//      terminal punctuation (that case is left to the rules above) and
//      a. the next line starts with a bullet: "- ", "* ", U+2022 or a
//         number of one to three digits followed by '.' or ')'; or
//      b. the current line starts with a bullet and the next line does not
//         start with a lowercase letter; or
//      c. the current line looks like a headline: it is the first line of a
//         paragraph (the first of the text, after a blank line, or after a
//         line that rule 7 ended), the sentence began at its start, it is
//         shorter than 80 bytes, it does not end with ',', ';', ':', '-' or
//         a joining word (the, of, and, to, with, said, ...), and the next
//         line does not start with a lowercase letter.
//   Otherwise a newline is a space: hard-wrapped prose stays one sentence.
//
// Finally, a sentence that grows to kMaxSentenceBytes is cut at its last
// whitespace (or, with none, at the last UTF-8 character boundary before
// the limit), so a megabyte without punctuation becomes ~2000-byte pieces.
#ifndef KG_INGEST_SENTENCE_SPLITTER_H_
#define KG_INGEST_SENTENCE_SPLITTER_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace kg {

// [begin, end) byte offsets into the text given, trimmed of surrounding
// whitespace; never empty.
struct SentenceSpan {
  size_t begin;
  size_t end;
};

inline constexpr size_t kMaxSentenceBytes = 2000;

// Splits normalized text (output of NormalizeText) into sentences, in order
// and without overlap. Text that was not normalized is accepted too (tabs and
// CR count as spaces), but typographic punctuation is then not recognized.
std::vector<SentenceSpan> SplitSentences(std::string_view text);

}  // namespace kg

#endif  // KG_INGEST_SENTENCE_SPLITTER_H_
