#include "graph/keys.h"

#include "util/coding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace kg {
namespace {

std::vector<Triple> RandomTriples(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Triple> out;
  // Values spread over the whole width, so that every byte of the key matters.
  for (size_t i = 0; i < n; ++i) {
    out.push_back({static_cast<EntityId>(rng() | 1), static_cast<RelationId>(rng() | 1),
                   static_cast<EntityId>(rng() | 1)});
  }
  return out;
}

TEST(KeysTest, SpoKeyOrderEqualsTupleOrder) {
  auto triples = RandomTriples(3000, 1);
  auto by_key = triples;
  std::sort(triples.begin(), triples.end());
  std::sort(by_key.begin(), by_key.end(),
            [](const Triple& a, const Triple& b) { return SpoKey(a) < SpoKey(b); });
  EXPECT_EQ(triples, by_key);
}

TEST(KeysTest, PosAndOspKeysOrderByTheirPositions) {
  auto triples = RandomTriples(3000, 2);
  auto pos = triples;
  std::sort(pos.begin(), pos.end(), [](const Triple& a, const Triple& b) {
    return std::tie(a.relation, a.object, a.subject) < std::tie(b.relation, b.object, b.subject);
  });
  auto pos_keys = triples;
  std::sort(pos_keys.begin(), pos_keys.end(),
            [](const Triple& a, const Triple& b) { return PosKey(a) < PosKey(b); });
  EXPECT_EQ(pos, pos_keys);

  auto osp = triples;
  std::sort(osp.begin(), osp.end(), [](const Triple& a, const Triple& b) {
    return std::tie(a.object, a.subject, a.relation) < std::tie(b.object, b.subject, b.relation);
  });
  auto osp_keys = triples;
  std::sort(osp_keys.begin(), osp_keys.end(),
            [](const Triple& a, const Triple& b) { return OspKey(a) < OspKey(b); });
  EXPECT_EQ(osp, osp_keys);
}

TEST(KeysTest, KeysRoundTripAndHaveFixedWidth) {
  for (const Triple& t : RandomTriples(500, 3)) {
    Triple a, b, c;
    ASSERT_EQ(SpoKey(t).size(), kTripleKeySize);
    ASSERT_TRUE(DecodeSpoKey(SpoKey(t), &a));
    ASSERT_TRUE(DecodePosKey(PosKey(t), &b));
    ASSERT_TRUE(DecodeOspKey(OspKey(t), &c));
    EXPECT_EQ(a, t);
    EXPECT_EQ(b, t);
    EXPECT_EQ(c, t);
    Triple d;
    ArticleNum art;
    uint32_t ord;
    ASSERT_TRUE(DecodeEvidenceKey(EvidenceKey(t, 77, 5), &d, &art, &ord));
    EXPECT_EQ(d, t);
    EXPECT_EQ(art, 77u);
    EXPECT_EQ(ord, 5u);
    // The evidence of a triple is a prefix scan of its SPO key.
    EXPECT_EQ(EvidenceKey(t, 77, 5).rfind(SpoKey(t), 0), 0u);
  }
  Triple t;
  EXPECT_FALSE(DecodeSpoKey("short", &t));
}

TEST(KeysTest, SubjectPrefixGroupsAllItsTriples) {
  // A key with subject s sorts between s's prefix and the next subject's.
  std::string prefix_5, prefix_6;
  PutFixed32BE(&prefix_5, 5);
  PutFixed32BE(&prefix_6, 6);
  const std::string k = SpoKey({5, 0xffff, 0xffffffff});
  EXPECT_EQ(k.rfind(prefix_5, 0), 0u);
  EXPECT_LT(k, prefix_6);
}

TEST(KeysTest, NormalizeNameFoldsCaseSpacesQuotesAndDashes) {
  EXPECT_EQ(NormalizeName("  U.S.  "), "u.s.");
  EXPECT_EQ(NormalizeName("Huawei\t Technologies"), "huawei technologies");
  EXPECT_EQ(NormalizeName("China\xE2\x80\x99s"), "china's");
  EXPECT_EQ(NormalizeName("U.S.\xE2\x80\x93"
                          "China"),
            "u.s.-china");
  EXPECT_EQ(NormalizeName("\xC2\xA0"
                          "Nvidia"),
            "nvidia");
  EXPECT_EQ(NormalizeName("   "), "");
}

TEST(KeysTest, NormalizesToEmptyAgreesWithNormalizeName) {
  // Every string of up to four bytes over the bytes the rules look at.
  const std::string alphabet[] = {" ",    "\t",   "\n", "\v", "\xC2", "\xA0", "\xE2",
                                  "\x80", "\x93", "a",  "Z",  "\f",   "\r"};
  std::vector<std::string> names = {""};
  size_t checked = 0;
  for (int length = 1; length <= 4; ++length) {
    std::vector<std::string> longer;
    for (const std::string& name : names) {
      for (const std::string& byte : alphabet)
        longer.push_back(name + byte);
    }
    for (const std::string& name : longer) {
      EXPECT_EQ(NormalizesToEmpty(name), NormalizeName(name).empty()) << name;
      ++checked;
    }
    names = std::move(longer);
  }
  EXPECT_EQ(checked, 13u + 13 * 13 + 13 * 13 * 13 + 13 * 13 * 13 * 13);
  EXPECT_TRUE(NormalizesToEmpty(" \xC2\xA0\t"));
  EXPECT_FALSE(NormalizesToEmpty(" \xE2\x80\x93 "));  // a dash
}

}  // namespace
}  // namespace kg
