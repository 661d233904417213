#include "ingest/text_normalizer.h"

#include <algorithm>
#include <limits>

namespace kg {

namespace {

uint32_t Offset32(size_t offset) {
  return static_cast<uint32_t>(std::min<size_t>(offset, std::numeric_limits<uint32_t>::max()));
}

bool IsContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The code point of the 2- or 3-byte UTF-8 sequence at text[i], and its
// length; 0 when the bytes there are not one. Only these lengths are needed:
// every character the normalizer rewrites lies below U+10000.
char32_t DecodeShort(std::string_view text, size_t i, size_t* length) {
  const size_t n = text.size();
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c >= 0xC2 && c <= 0xDF && i + 1 < n && IsContinuation(text[i + 1])) {
    *length = 2;
    return (char32_t{c} & 0x1F) << 6 | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
  }
  if (c >= 0xE0 && c <= 0xEF && i + 2 < n && IsContinuation(text[i + 1]) &&
      IsContinuation(text[i + 2])) {
    *length = 3;
    return (char32_t{c} & 0x0F) << 12 |
           (char32_t{static_cast<unsigned char>(text[i + 1])} & 0x3F) << 6 |
           (static_cast<unsigned char>(text[i + 2]) & 0x3F);
  }
  return 0;
}

// What a character becomes: kept, a space (marked apart from other
// replacements because runs of spaces collapse), dropped, or *replacement.
enum class Kind { kKeep, kSpace, kDrop, kReplace };
Kind Classify(char32_t cp, const char** replacement) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
      *replacement = "'";
      return Kind::kReplace;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
      *replacement = "\"";
      return Kind::kReplace;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2212:
      *replacement = "-";
      return Kind::kReplace;
    case 0x2014:
    case 0x2015:
      *replacement = "--";
      return Kind::kReplace;
    case 0x2026:
      *replacement = "...";
      return Kind::kReplace;
    case 0x00A0:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return Kind::kSpace;
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0xFEFF:
      return Kind::kDrop;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return Kind::kSpace;
  return Kind::kKeep;
}

}  // namespace

size_t NormalizedText::ToOriginal(size_t normalized_offset) const {
  if (origin.empty()) return 0;
  return origin[std::min(normalized_offset, origin.size() - 1)];
}

NormalizedText NormalizeText(std::string_view original) {
  NormalizedText out;
  // No rewrite is longer than what it replaces, so the output fits in the
  // input's size; write into buffers of that size and trim at the end.
  out.text.resize(original.size());
  out.origin.resize(original.size() + 1);
  char* text = out.text.data();
  uint32_t* origin = out.origin.data();
  size_t written = 0;
  auto emit = [&](char c, size_t from) {
    text[written] = c;
    origin[written] = Offset32(from);
    ++written;
  };
  auto emit_space = [&](size_t from) {
    if (written > 0 && text[written - 1] == ' ') return;
    emit(' ', from);
  };

  const size_t n = original.size();
  size_t i = 0;
  while (i < n) {
    const char c = original[i];
    if (c == '\r') {
      emit('\n', i);
      i += (i + 1 < n && original[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c == ' ' || c == '\t') {
      emit_space(i);
      ++i;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x80) {
      emit(c, i);
      ++i;
      continue;
    }
    size_t length = 0;
    const char32_t cp = DecodeShort(original, i, &length);
    const char* replacement = nullptr;
    switch (cp == 0 ? Kind::kKeep : Classify(cp, &replacement)) {
      case Kind::kKeep:
        // One byte at a time: the rest of a sequence, or of an invalid one,
        // goes through the same path and is kept too.
        emit(c, i);
        ++i;
        continue;
      case Kind::kSpace:
        emit_space(i);
        break;
      case Kind::kDrop:
        break;
      case Kind::kReplace:
        for (const char* r = replacement; *r != '\0'; ++r)
          emit(*r, i);
        break;
    }
    i += length;
  }
  out.text.resize(written);
  out.origin.resize(written);
  out.origin.push_back(Offset32(n));
  return out;
}

}  // namespace kg
