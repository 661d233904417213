// Normalization of article text before sentence splitting and matching.
//
// News text mixes typographic punctuation (curly quotes, dashes, ellipses),
// Unicode spaces and invisible characters with plain ASCII. Rules and
// gazetteers are written in ASCII, so the text is first rewritten to ASCII
// punctuation and single spaces. Every normalized byte remembers where it
// came from, so that a span found in the normalized text can be reported as
// a span of the original body (which is what evidence offsets refer to).
//
// The mapping, applied one character at a time:
//   U+2018 U+2019 U+201A U+201B U+2032        -> '
//   U+201C U+201D U+201E U+201F U+2033        -> "
//   U+2010..U+2013, U+2212 (hyphens, dashes)  -> -
//   U+2014 U+2015 (em dash, horizontal bar)   -> --
//   U+2026 (ellipsis)                         -> ...
//   U+00A0, U+2000..U+200A, U+202F, U+205F, U+3000, and tab -> space
//   U+200B..U+200D, U+FEFF (zero-width)       -> dropped
//   CR LF and a lone CR                       -> LF
// and then every run of spaces (not newlines) becomes one space. Anything
// else, including other non-ASCII UTF-8 and bytes that are not valid UTF-8,
// is copied byte for byte.
#ifndef KG_INGEST_TEXT_NORMALIZER_H_
#define KG_INGEST_TEXT_NORMALIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

struct NormalizedText {
  std::string text;  // normalized, ASCII punctuation
  // origin[i] = byte offset in the original of the character that produced
  // text[i] (all bytes of an expansion such as "..." share it); the last
  // entry is the original's size, so origin.size() == text.size() + 1.
  // Offsets are 32-bit: texts of 4 GiB or more are not supported (their
  // offsets saturate at 2^32 - 1).
  std::vector<uint32_t> origin;

  // Original byte offset of a normalized offset (0..text.size()). For the
  // end of a span this is where the next normalized character came from, so
  // characters dropped just after the span (zero-width ones, collapsed
  // spaces) fall inside it. Offsets past the end map to the original's size.
  size_t ToOriginal(size_t normalized_offset) const;
};

NormalizedText NormalizeText(std::string_view original);

}  // namespace kg

#endif  // KG_INGEST_TEXT_NORMALIZER_H_
