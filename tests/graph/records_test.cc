#include "graph/records.h"

#include <gtest/gtest.h>

namespace kg {
namespace {

TEST(RecordsTest, EvidenceRoundTripsEveryField) {
  Evidence e;
  e.sentence_index = 12;
  e.span_begin = 400;
  e.span_end = 512;
  e.sentence = "Washington curbed exports of AI chips to China.";
  e.modality = Modality::kHedged;
  e.confidence = 0.73;
  e.date = 20221007;
  e.qualifiers = {{"item", "AI chips"}, {"time", "October 2022"}};
  std::string buf;
  EncodeEvidence(e, &buf);
  Evidence back;
  ASSERT_TRUE(DecodeEvidence(buf, &back));
  EXPECT_EQ(back, e);
  // Unknown positions survive as -1.
  Evidence bare;
  bare.sentence = "x";
  buf.clear();
  EncodeEvidence(bare, &buf);
  ASSERT_TRUE(DecodeEvidence(buf, &back));
  EXPECT_EQ(back.sentence_index, -1);
  EXPECT_EQ(back.span_begin, -1);
}

TEST(RecordsTest, TruncatedValuesAreRejected) {
  Evidence e;
  e.sentence = "A sentence long enough to be cut.";
  std::string buf;
  EncodeEvidence(e, &buf);
  Evidence back;
  for (size_t n = 0; n < buf.size(); ++n) {
    EXPECT_FALSE(DecodeEvidence(std::string_view(buf.data(), n), &back)) << n;
  }
  ArticleMeta a;
  a.id = "x";
  buf.clear();
  EncodeArticleMeta(a, &buf);
  ArticleMeta am;
  EXPECT_FALSE(DecodeArticleMeta(std::string_view(buf.data(), buf.size() - 1), &am));
  EXPECT_FALSE(DecodeArticleMeta(buf + "junk", &am));
}

TEST(RecordsTest, EntityArticleAndStatsRoundTrip) {
  Entity e{0, "United States", 3, {"U.S.", "Washington"}};
  std::string buf;
  EncodeEntity(e, &buf);
  Entity be;
  ASSERT_TRUE(DecodeEntity(buf, &be));
  EXPECT_EQ(be.name, e.name);
  EXPECT_EQ(be.type, 3);
  EXPECT_EQ(be.aliases, e.aliases);

  ArticleMeta a{"id-1", "Title", "Source", "https://x", 20240501, 0xdeadbeefcafe, 1700000000, 9};
  buf.clear();
  EncodeArticleMeta(a, &buf);
  ArticleMeta ba;
  ASSERT_TRUE(DecodeArticleMeta(buf, &ba));
  EXPECT_EQ(ba, a);

  a.source_hash = 0x1234;
  a.text_hash = 0xfedcba9876543210;
  buf.clear();
  EncodeArticleMeta(a, &buf);
  ASSERT_TRUE(DecodeArticleMeta(buf, &ba));
  EXPECT_EQ(ba, a);
  // A record from before the two hashes (16 bytes shorter) reads with both 0.
  ASSERT_TRUE(DecodeArticleMeta(std::string_view(buf.data(), buf.size() - 16), &ba));
  EXPECT_EQ(ba.source_hash, 0u);
  EXPECT_EQ(ba.text_hash, 0u);
  EXPECT_EQ(ba.evidence_count, 9u);
  EXPECT_FALSE(DecodeArticleMeta(std::string_view(buf.data(), buf.size() - 8), &ba));

  TripleStats s{4, 20200101, 20240101, 0.9, ModalityBit(Modality::kNegated)};
  buf.clear();
  EncodeTripleStats(s, &buf);
  TripleStats bs;
  ASSERT_TRUE(DecodeTripleStats(buf, &bs));
  EXPECT_EQ(bs, s);
}

TEST(RecordsTest, CountersToleratesFewerStoredValues) {
  const uint64_t two[2] = {5, 7};
  std::string buf;
  EncodeCounters(two, 2, &buf);
  uint64_t three[3];
  ASSERT_TRUE(DecodeCounters(buf, three, 3));
  EXPECT_EQ(three[0], 5u);
  EXPECT_EQ(three[1], 7u);
  EXPECT_EQ(three[2], 0u);
}

TEST(TypesTest, DatesParseOnlyRealCalendarDates) {
  PackedDate d;
  ASSERT_TRUE(ParseDate("2024-02-29", &d));
  EXPECT_EQ(d, 20240229u);
  EXPECT_EQ(FormatDate(d), "2024-02-29");
  ASSERT_TRUE(ParseDate("2024-05", &d));
  EXPECT_EQ(FormatDate(d), "2024-05");
  ASSERT_TRUE(ParseDate("2019", &d));
  EXPECT_EQ(FormatDate(d), "2019");
  EXPECT_FALSE(ParseDate("2023-02-29", &d));
  EXPECT_FALSE(ParseDate("2023-13-01", &d));
  EXPECT_FALSE(ParseDate("2023/01/01", &d));
  EXPECT_FALSE(ParseDate("", &d));
}

}  // namespace
}  // namespace kg
