#include "util/coding.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace kg {
namespace {

TEST(CodingTest, FixedBigEndianRoundTripsAndSortsNumerically) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const uint32_t a = rng(), b = rng();
    std::string ka, kb;
    PutFixed32BE(&ka, a);
    PutFixed32BE(&kb, b);
    EXPECT_EQ(DecodeFixed32BE(ka.data()), a);
    EXPECT_EQ(a < b, ka < kb) << a << " vs " << b;
  }
  std::string k;
  PutFixed16BE(&k, 0x1234);
  EXPECT_EQ(k, std::string("\x12\x34", 2));
  std::string w;
  PutFixed64BE(&w, 0x0102030405060708ULL);
  EXPECT_EQ(DecodeFixed64BE(w.data()), 0x0102030405060708ULL);
}

TEST(CodingTest, VarintsAndStrings) {
  std::string buf;
  const uint64_t values[] = {0, 1, 127, 128, 300, 1u << 31, UINT64_MAX};
  for (uint64_t v : values)
    PutVarint64(&buf, v);
  PutLengthPrefixed(&buf, "hello");
  PutDouble(&buf, 0.1);
  std::string_view in(buf);
  for (uint64_t v : values) {
    uint64_t got;
    ASSERT_TRUE(GetVarint64(&in, &got));
    EXPECT_EQ(got, v);
  }
  std::string_view s;
  ASSERT_TRUE(GetLengthPrefixed(&in, &s));
  EXPECT_EQ(s, "hello");
  double d;
  ASSERT_TRUE(GetDouble(&in, &d));
  EXPECT_EQ(d, 0.1);
  EXPECT_TRUE(in.empty());
}

TEST(CodingTest, TruncatedInputIsRejectedNotOverread) {
  std::string buf;
  PutLengthPrefixed(&buf, "abcdef");
  std::string_view in(buf.data(), 3);
  std::string_view s;
  EXPECT_FALSE(GetLengthPrefixed(&in, &s));
  std::string_view varint("\x80\x80", 2);
  uint64_t v;
  EXPECT_FALSE(GetVarint64(&varint, &v));
  std::string_view short_fixed("\x01", 1);
  uint32_t f;
  EXPECT_FALSE(GetFixed32BE(&short_fixed, &f));
  uint32_t small;
  std::string big;
  PutVarint64(&big, uint64_t{1} << 40);
  std::string_view big_in(big);
  EXPECT_FALSE(GetVarint32(&big_in, &small));
}

}  // namespace
}  // namespace kg
