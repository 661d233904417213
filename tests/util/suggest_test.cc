#include "util/suggest.h"

#include <gtest/gtest.h>

namespace kg {
namespace {

TEST(SuggestTest, EditDistance) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("Huawei", "huawei"), 0u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
}

TEST(SuggestTest, ClosestMatchOnlyForPlausibleTypos) {
  const std::vector<std::string> names = {"restricts", "sanctions", "supplies"};
  EXPECT_EQ(ClosestMatch("restrict", names), "restricts");
  EXPECT_EQ(ClosestMatch("sanction", names), "sanctions");
  EXPECT_EQ(ClosestMatch("completely different", names), "");
}

}  // namespace
}  // namespace kg
