#include "ingest/sentence_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/text_normalizer.h"

namespace kg {
namespace {

bool IsSpaceChar(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// The sentences as strings, after checking what every split must satisfy:
// in order, without overlap, inside the text, non-empty, trimmed, short
// enough.
std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  size_t previous_end = 0;
  for (const SentenceSpan& s : SplitSentences(text)) {
    EXPECT_LE(previous_end, s.begin);
    EXPECT_LT(s.begin, s.end);
    EXPECT_LE(s.end, text.size());
    EXPECT_LE(s.end - s.begin, kMaxSentenceBytes);
    if (s.begin >= s.end || s.end > text.size()) return out;
    EXPECT_FALSE(IsSpaceChar(text[s.begin]));
    EXPECT_FALSE(IsSpaceChar(text[s.end - 1]));
    previous_end = s.end;
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

using Sentences = std::vector<std::string>;

TEST(SentenceSplitterTest, EmptyAndWhitespaceOnly) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences("   \n\t \n\n  ").empty());
  EXPECT_EQ(Split("  One line without a stop  "), Sentences{"One line without a stop"});
}

TEST(SentenceSplitterTest, PlainSentences) {
  EXPECT_EQ(Split("Beijing announced the curbs on Monday. Markets fell sharply. Analysts were "
                  "surprised."),
            (Sentences{"Beijing announced the curbs on Monday.", "Markets fell sharply.",
                       "Analysts were surprised."}));
}

TEST(SentenceSplitterTest, QuestionAndExclamationMarks) {
  EXPECT_EQ(Split("Will the ban hold? Nobody knows! Traders wait?! Yes."),
            (Sentences{"Will the ban hold?", "Nobody knows!", "Traders wait?!", "Yes."}));
}

TEST(SentenceSplitterTest, TitlesDoNotEndSentences) {
  EXPECT_EQ(Split("Mr. Tanaka met Dr. Varga and Gen. Osei in Lagos. Sen. Moore and Rep. Diaz "
                  "objected, as did Gov. Kline, Prof. Ruiz, Mrs. Hale and Ms. Obi."),
            (Sentences{"Mr. Tanaka met Dr. Varga and Gen. Osei in Lagos.",
                       "Sen. Moore and Rep. Diaz objected, as did Gov. Kline, Prof. Ruiz, Mrs. "
                       "Hale and Ms. Obi."}));
}

TEST(SentenceSplitterTest, MonthsDoNotEndSentences) {
  EXPECT_EQ(Split("The rule took effect on Jan. 15 and was widened on Sept. 3. It was revised in "
                  "Feb. 2024, Mar. 2024, Apr. 2024, Aug. 2024, Sep. 2024, Oct. 2024, Nov. 2024 "
                  "and Dec. 2024."),
            (Sentences{"The rule took effect on Jan. 15 and was widened on Sept. 3.",
                       "It was revised in Feb. 2024, Mar. 2024, Apr. 2024, Aug. 2024, Sep. 2024, "
                       "Oct. 2024, Nov. 2024 and Dec. 2024."}));
}

TEST(SentenceSplitterTest, CompanySuffixesInsideASentence) {
  EXPECT_EQ(Split("Orbita Corp. Chief Executive Lena Park said Halden Inc. Board members and "
                  "Wexley Co. Ltd. Staff agreed. The vote was close."),
            (Sentences{"Orbita Corp. Chief Executive Lena Park said Halden Inc. Board members "
                       "and Wexley Co. Ltd. Staff agreed.",
                       "The vote was close."}));
}

TEST(SentenceSplitterTest, CompanySuffixEndsASentenceBeforeAnOpener) {
  EXPECT_EQ(Split("The order went to Orbita Corp. The rival bid came from Halden Inc. It lost."),
            (Sentences{"The order went to Orbita Corp.", "The rival bid came from Halden Inc.",
                       "It lost."}));
}

TEST(SentenceSplitterTest, UsInsideASentence) {
  EXPECT_EQ(
      Split("The U.S. Commerce Department said the U.S. and China would talk. They did."),
      (Sentences{"The U.S. Commerce Department said the U.S. and China would talk.", "They did."}));
}

TEST(SentenceSplitterTest, UsEndsASentenceBeforeAnOpener) {
  EXPECT_EQ(
      Split("The chips are made in the U.S. The ban covers them. Exports to the U.K. In "
            "May they rose. Talks moved to the E.U. But nothing changed."),
      (Sentences{"The chips are made in the U.S.", "The ban covers them.", "Exports to the U.K.",
                 "In May they rose.", "Talks moved to the E.U.", "But nothing changed."}));
}

TEST(SentenceSplitterTest, Etcetera) {
  EXPECT_EQ(Split("It covers lasers, lenses, etc. and more. It lists drones, radars, etc. This "
                  "list grows."),
            (Sentences{"It covers lasers, lenses, etc. and more.", "It lists drones, radars, etc.",
                       "This list grows."}));
}

TEST(SentenceSplitterTest, VersusAndSaint) {
  EXPECT_EQ(
      Split("The case Halden vs. Orbita was heard in St. Louis on Monday. It ended."),
      (Sentences{"The case Halden vs. Orbita was heard in St. Louis on Monday.", "It ended."}));
}

TEST(SentenceSplitterTest, NumberAbbreviation) {
  EXPECT_EQ(Split("Orbita is the No. 2 maker. No. The answer was no."),
            (Sentences{"Orbita is the No. 2 maker.", "No.", "The answer was no."}));
}

TEST(SentenceSplitterTest, MoneyDecimalsAndPercentages) {
  EXPECT_EQ(Split("The fund raised $6.6B, or $5.5 billion after fees, a 3.5% gain and 80% of "
                  "its target. Version v1.5 shipped. Shares rose 2.75 percent."),
            (Sentences{"The fund raised $6.6B, or $5.5 billion after fees, a 3.5% gain and 80% "
                       "of its target.",
                       "Version v1.5 shipped.", "Shares rose 2.75 percent."}));
}

TEST(SentenceSplitterTest, NumbersCanEndSentences) {
  EXPECT_EQ(
      Split("Sales rose 80%. 2024 was better. Revenue hit $4.2B. Costs fell."),
      (Sentences{"Sales rose 80%.", "2024 was better.", "Revenue hit $4.2B.", "Costs fell."}));
}

TEST(SentenceSplitterTest, Initials) {
  EXPECT_EQ(
      Split("J. P. Morgan analysts agreed with George W. Bush aides. A. Lee did not."),
      (Sentences{"J. P. Morgan analysts agreed with George W. Bush aides.", "A. Lee did not."}));
}

TEST(SentenceSplitterTest, SentenceEndingInsideQuotes) {
  EXPECT_EQ(
      Split("He said, \"We will respond.\" The ministry agreed. She asked, \"Why now?\" "
            "Nobody answered. They called it 'final.' It was not."),
      (Sentences{"He said, \"We will respond.\"", "The ministry agreed.", "She asked, \"Why now?\"",
                 "Nobody answered.", "They called it 'final.'", "It was not."}));
}

TEST(SentenceSplitterTest, QuoteContinuedByALowercaseWord) {
  EXPECT_EQ(Split("\"We will respond,\" he said. \"Is it over?\" she asked. \"No!\" he replied."),
            (Sentences{"\"We will respond,\" he said.", "\"Is it over?\" she asked.",
                       "\"No!\" he replied."}));
}

TEST(SentenceSplitterTest, Parentheses) {
  EXPECT_EQ(Split("Sales rose. (The figures are preliminary.) Costs fell (see the table.) "
                  "Margins held."),
            (Sentences{"Sales rose.", "(The figures are preliminary.)",
                       "Costs fell (see the table.)", "Margins held."}));
}

TEST(SentenceSplitterTest, Ellipsis) {
  EXPECT_EQ(Split("He paused... and then left. She waited... Then she spoke."),
            (Sentences{"He paused... and then left.", "She waited...", "Then she spoke."}));
}

TEST(SentenceSplitterTest, HeadlineThenBody) {
  EXPECT_EQ(Split("Chip Curbs Tighten Again\nWashington widened the controls on Monday. Beijing "
                  "protested."),
            (Sentences{"Chip Curbs Tighten Again", "Washington widened the controls on Monday.",
                       "Beijing protested."}));
  EXPECT_EQ(Split("Orbita shares fall as demand slows\n\nShares of Orbita fell 5%."),
            (Sentences{"Orbita shares fall as demand slows", "Shares of Orbita fell 5%."}));
  // A headline that ends with an abbreviation.
  EXPECT_EQ(Split("Talks Stall in the U.S.\nNegotiators left early."),
            (Sentences{"Talks Stall in the U.S.\nNegotiators left early."}));
  EXPECT_EQ(Split("Talks Stall in the U.S.\n\nNegotiators left early."),
            (Sentences{"Talks Stall in the U.S.", "Negotiators left early."}));
}

TEST(SentenceSplitterTest, BlankLinesEndSentences) {
  EXPECT_EQ(Split("A line without a stop\n\nAnother one\n \t\nMr.\n\nLast"),
            (Sentences{"A line without a stop", "Another one", "Mr.", "Last"}));
}

TEST(SentenceSplitterTest, Bullets) {
  EXPECT_EQ(
      Split("Key points:\n- Revenue rose 5%\n- Costs fell\n* Margins held\n"
            "\u2022 Outlook raised\n1. First item\n2) Second item\n10. Tenth item"),
      (Sentences{"Key points:", "- Revenue rose 5%", "- Costs fell", "* Margins held",
                 "\u2022 Outlook raised", "1. First item", "2) Second item", "10. Tenth item"}));
  // The last item ends before the prose that follows it.
  EXPECT_EQ(Split("- Revenue rose\nThe company said more."),
            (Sentences{"- Revenue rose", "The company said more."}));
}

TEST(SentenceSplitterTest, NumberedItemsAtLineStartAreNotSentences) {
  EXPECT_EQ(Split("1. The first rule applies.\n2. The second rule applies."),
            (Sentences{"1. The first rule applies.", "2. The second rule applies."}));
}

TEST(SentenceSplitterTest, WrappedProseStaysOneSentence) {
  EXPECT_EQ(Split("The company said on Tuesday that it would\nexpand its plant in Ohio next "
                  "year. Officials said the rules would\nApply soon."),
            (Sentences{"The company said on Tuesday that it would\nexpand its plant in Ohio "
                       "next year.",
                       "Officials said the rules would\nApply soon."}));
  // A first line that ends with a joining word is not a headline.
  EXPECT_EQ(Split("Officials said the rules would apply to\nChinese firms and suppliers."),
            (Sentences{"Officials said the rules would apply to\nChinese firms and suppliers."}));
  EXPECT_EQ(Split("Officials met Mr.\nOkafor on Friday."),
            (Sentences{"Officials met Mr.\nOkafor on Friday."}));
  // A line that is not the first of its paragraph is not a headline.
  EXPECT_EQ(Split("Exports fell.\nThe new rules\nCover memory chips."),
            (Sentences{"Exports fell.", "The new rules\nCover memory chips."}));
}

TEST(SentenceSplitterTest, AbbreviationAtTheEndOfTheText) {
  EXPECT_EQ(Split("The buyer was Orbita Corp."), (Sentences{"The buyer was Orbita Corp."}));
  EXPECT_EQ(Split("He flew to the U.S. "), (Sentences{"He flew to the U.S."}));
}

TEST(SentenceSplitterTest, NormalizedTypographicText) {
  const NormalizedText n = NormalizeText(
      "\u201CWe will act,\u201D she said.\u00A0Then\u2026 nothing.\r\n\r\nNew paragraph.");
  EXPECT_EQ(Split(n.text),
            (Sentences{"\"We will act,\" she said.", "Then... nothing.", "New paragraph."}));
}

TEST(SentenceSplitterTest, RawTextWithCarriageReturnsAndTabs) {
  EXPECT_EQ(Split("First one.\r\n\r\n\tSecond one.\r\nThird"),
            (Sentences{"First one.", "Second one.", "Third"}));
}

TEST(SentenceSplitterTest, CjkTerminators) {
  EXPECT_EQ(Split("\u4E2D\u56FD\u53D1\u5E03\u65B0\u89C4\u3002\u7F8E\u56FD\u56DE\u5E94\uFF01"
                  "\u4E3A\u4EC0\u4E48\uFF1F"),
            (Sentences{"\u4E2D\u56FD\u53D1\u5E03\u65B0\u89C4\u3002",
                       "\u7F8E\u56FD\u56DE\u5E94\uFF01", "\u4E3A\u4EC0\u4E48\uFF1F"}));
}

TEST(SentenceSplitterTest, AMegabyteOfWordsIsCutAtSpaces) {
  std::string text;
  const size_t words = 1 << 18;  // "abcd " is 5 bytes: 1.25 MiB
  text.reserve(words * 5);
  for (size_t i = 0; i < words; ++i)
    text += "abcd ";
  const std::vector<SentenceSpan> spans = SplitSentences(text);
  // 400 words make 1999 bytes; a 401st would pass 2000.
  ASSERT_EQ(spans.size(), (words + 399) / 400);
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[0].end, 1999u);
  EXPECT_EQ(spans[1].begin, 2000u);
  for (const SentenceSpan& s : spans) {
    ASSERT_LE(s.end - s.begin, kMaxSentenceBytes);
    EXPECT_EQ(text[s.begin], 'a');
    EXPECT_EQ(text[s.end - 1], 'd');
  }
}

TEST(SentenceSplitterTest, AMegabyteWithoutSpacesIsCutAtCharacterBoundaries) {
  const std::string ascii(1 << 20, 'x');
  const std::vector<SentenceSpan> spans = SplitSentences(ascii);
  ASSERT_EQ(spans.size(), ((1u << 20) + 1999) / 2000);
  EXPECT_EQ(spans[0].end - spans[0].begin, 2000u);

  std::string han;  // U+534E, 3 bytes each
  for (int i = 0; i < 100000; ++i)
    han += "\u534E";
  const std::vector<SentenceSpan> pieces = SplitSentences(han);
  ASSERT_EQ(pieces.size(), (han.size() + 1997) / 1998);  // 666 characters, 1998 bytes
  for (const SentenceSpan& s : pieces) {
    EXPECT_EQ(s.begin % 3, 0u);
    EXPECT_EQ(s.end % 3, 0u);
  }
}

TEST(SentenceSplitterTest, PathologicalPunctuationRuns) {
  const std::string dots(1 << 20, '.');
  const std::vector<SentenceSpan> spans = SplitSentences(dots);
  EXPECT_EQ(spans.size(), ((1u << 20) + 1999) / 2000);
  std::string spaced;
  for (int i = 0; i < 200000; ++i)
    spaced += ". ";
  EXPECT_EQ(SplitSentences(spaced).size(), 200000u);
  std::string newlines(1 << 20, '\n');
  EXPECT_TRUE(SplitSentences(newlines).empty());
  std::string lines;
  for (int i = 0; i < 100000; ++i)
    lines += "- x\n";
  EXPECT_EQ(SplitSentences(lines).size(), 100000u);
}

}  // namespace
}  // namespace kg
