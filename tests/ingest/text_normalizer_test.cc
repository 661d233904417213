#include "ingest/text_normalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace kg {
namespace {

// The original bytes behind normalized text[begin, end).
std::string OriginalOf(const NormalizedText& n, std::string_view original, size_t begin,
                       size_t end) {
  const size_t b = n.ToOriginal(begin), e = n.ToOriginal(end);
  return std::string(original.substr(b, e - b));
}

void ExpectConsistentOrigin(const NormalizedText& n, std::string_view original) {
  ASSERT_EQ(n.origin.size(), n.text.size() + 1);
  EXPECT_EQ(n.origin.back(), original.size());
  for (size_t i = 1; i < n.origin.size(); ++i) {
    EXPECT_LE(n.origin[i - 1], n.origin[i]) << "at " << i;
  }
}

TEST(TextNormalizerTest, QuotesApostrophesAndPrimes) {
  const std::string in =
      "\u201CIt\u2019s done,\u201D she said. \u2018Fine\u2019 \u201Ax\u201B \u201Ey\u201F "
      "5\u2032 6\u2033";
  const NormalizedText n = NormalizeText(in);
  EXPECT_EQ(n.text, "\"It's done,\" she said. 'Fine' 'x' \"y\" 5' 6\"");
  ExpectConsistentOrigin(n, in);
}

TEST(TextNormalizerTest, DashesAndEllipsis) {
  EXPECT_EQ(NormalizeText("a\u2010b\u2011c\u2012d\u2013e\u2212f").text, "a-b-c-d-e-f");
  EXPECT_EQ(NormalizeText("war\u2014or not\u2015yet").text, "war--or not--yet");
  EXPECT_EQ(NormalizeText("Wait\u2026 what").text, "Wait... what");
  // The ASCII forms are left alone.
  EXPECT_EQ(NormalizeText("a-b -- c...").text, "a-b -- c...");
}

TEST(TextNormalizerTest, UnicodeSpacesAndTabsBecomeOneSpace) {
  EXPECT_EQ(NormalizeText("a\u00A0b\u2000c\u2005d\u200Ae\u202Ff\u205Fg\u3000h\ti").text,
            "a b c d e f g h i");
  EXPECT_EQ(NormalizeText("a \u00A0\t  \u2009b").text, "a b");
  EXPECT_EQ(NormalizeText("   lead and trail   ").text, " lead and trail ");
}

TEST(TextNormalizerTest, ZeroWidthCharactersAreDropped) {
  EXPECT_EQ(NormalizeText("ab\u200Bc\u200Cd\u200De\uFEFFf").text, "abcdef");
  // A dropped character between spaces still lets them collapse.
  EXPECT_EQ(NormalizeText("a \u200B b").text, "a b");
  EXPECT_EQ(NormalizeText("\uFEFF\u200B").text, "");
}

TEST(TextNormalizerTest, LineEndingsBecomeLfAndNewlinesAreNotCollapsed) {
  EXPECT_EQ(NormalizeText("a\r\nb\rc\nd\r\n\r\ne").text, "a\nb\nc\nd\n\ne");
  EXPECT_EQ(NormalizeText("a  \n\n\n  b").text, "a \n\n\n b");
  EXPECT_EQ(NormalizeText("\r").text, "\n");
}

TEST(TextNormalizerTest, OtherTextPassesThroughByteForByte) {
  const std::string in =
      "Huawei (\u534E\u4E3A) and caf\u00E9 \U0001F600 \u00AB\u00BB \u2022 \u20AC5 "
      "x\xFF\xFEy \xE2\x80 \x80 end\xE2";
  const NormalizedText n = NormalizeText(in);
  EXPECT_EQ(n.text, in);
  ExpectConsistentOrigin(n, in);
  for (size_t i = 0; i < in.size(); ++i)
    EXPECT_EQ(n.origin[i], i);
}

TEST(TextNormalizerTest, OffsetsMapBackToTheOriginal) {
  const std::string in =
      "\u201CHuawei\u201D\u00A0\u00A0said\u2014again\u2026 \u534E\u4E3A\u200B ok\r\nEnd\u2019s";
  const NormalizedText n = NormalizeText(in);
  ASSERT_EQ(n.text, "\"Huawei\" said--again... \u534E\u4E3A ok\nEnd's");
  ExpectConsistentOrigin(n, in);

  auto check = [&](std::string_view normalized_piece, const std::string& original_piece) {
    const size_t at = n.text.find(normalized_piece);
    ASSERT_NE(at, std::string::npos) << normalized_piece;
    EXPECT_EQ(OriginalOf(n, in, at, at + normalized_piece.size()), original_piece)
        << normalized_piece;
  };
  check("Huawei", "Huawei");
  check("\"Huawei\"", "\u201CHuawei\u201D");
  check("said", "said");
  check("--", "\u2014");
  check("...", "\u2026");
  check("\u534E", "\u534E");
  check("ok", "ok");
  check("\n", "\r\n");
  check("End's", "End\u2019s");
  // Collapsed spaces map to the first of them.
  const size_t space = n.text.find(" said");
  EXPECT_EQ(n.ToOriginal(space), in.find("\u00A0"));
  // A dropped character belongs to the span that ends where it was.
  check("\u534E\u4E3A", "\u534E\u4E3A\u200B");
  check(" ok", " ok");
}

TEST(TextNormalizerTest, OriginSizeAndOutOfRangeOffsets) {
  for (const std::string& in :
       {std::string(), std::string("plain"), std::string("\u2026\u2026"), std::string("a\r\n")}) {
    const NormalizedText n = NormalizeText(in);
    ExpectConsistentOrigin(n, in);
    EXPECT_EQ(n.ToOriginal(n.text.size()), in.size());
    EXPECT_EQ(n.ToOriginal(n.text.size() + 100), in.size());
  }
  const NormalizedText empty = NormalizeText("");
  EXPECT_EQ(empty.text, "");
  EXPECT_EQ(empty.origin, std::vector<uint32_t>{0});
  EXPECT_EQ(NormalizedText().ToOriginal(5), 0u);
  // An expansion shares its origin.
  const NormalizedText dots = NormalizeText("x\u2026");
  EXPECT_EQ(dots.origin, (std::vector<uint32_t>{0, 1, 1, 1, 4}));
}

}  // namespace
}  // namespace kg
