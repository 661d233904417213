#include "util/flat_string_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace kg {
namespace {

TEST(FlatStringMapTest, EmptyMapFindsNothing) {
  FlatStringMap<uint32_t> map;
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.Find("anything"), nullptr);
  EXPECT_EQ(map.Find(""), nullptr);
  EXPECT_FALSE(map.contains("x"));
}

TEST(FlatStringMapTest, InsertKeepsTheFirstValue) {
  FlatStringMap<uint32_t> map;
  EXPECT_TRUE(map.Insert("united states", 7));
  EXPECT_FALSE(map.Insert("united states", 9));
  ASSERT_NE(map.Find("united states"), nullptr);
  EXPECT_EQ(*map.Find("united states"), 7u);
  EXPECT_EQ(map.size(), 1u);
  // A prefix, an extension and a different case are other keys.
  EXPECT_EQ(map.Find("united state"), nullptr);
  EXPECT_EQ(map.Find("united states "), nullptr);
  EXPECT_EQ(map.Find("United States"), nullptr);
}

TEST(FlatStringMapTest, EmptyStringAndBinaryBytesAreKeys) {
  FlatStringMap<uint16_t> map;
  const std::string with_nul("a\0b", 3);
  EXPECT_TRUE(map.Insert("", 1));
  EXPECT_TRUE(map.Insert(with_nul, 2));
  EXPECT_TRUE(map.Insert("a", 3));
  EXPECT_EQ(*map.Find(""), 1u);
  EXPECT_EQ(*map.Find(with_nul), 2u);
  EXPECT_EQ(*map.Find("a"), 3u);
  EXPECT_EQ(map.Find(std::string("a\0c", 3)), nullptr);
}

TEST(FlatStringMapTest, HashGivenByTheCallerFindsTheSameEntry) {
  FlatStringMap<uint32_t> map;
  const uint64_t h = FlatStringMap<uint32_t>::Hash("huawei");
  EXPECT_NE(h, 0u);
  EXPECT_TRUE(map.Insert("huawei", h, 5));
  EXPECT_EQ(*map.Find("huawei"), 5u);
  EXPECT_EQ(*map.Find("huawei", h), 5u);
  EXPECT_FALSE(map.Insert("huawei", 6));
}

// Against std::map over many keys of many lengths: every key inserted is
// found with its first value through all the growths, every other is not,
// and ForEach visits each entry once.
TEST(FlatStringMapTest, AgreesWithStdMapThroughGrowth) {
  std::mt19937_64 rng(42);
  FlatStringMap<uint32_t> map;
  std::map<std::string, uint32_t> model;
  auto random_key = [&] {
    std::string key(rng() % 24, ' ');
    for (char& c : key)
      c = static_cast<char>('a' + rng() % 6);  // few letters: many near misses
    return key;
  };
  for (uint32_t i = 0; i < 20000; ++i) {
    const std::string key = random_key();
    const bool inserted = model.emplace(key, i).second;
    EXPECT_EQ(map.Insert(key, i), inserted) << key;
  }
  EXPECT_EQ(map.size(), model.size());
  for (const auto& [key, value] : model) {
    const uint32_t* found = map.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
  for (int i = 0; i < 20000; ++i) {
    const std::string key = random_key() + "z";
    EXPECT_EQ(map.Find(key), nullptr) << key;
  }
  std::map<std::string, uint32_t> visited;
  map.ForEach([&](std::string_view key, uint32_t value) {
    EXPECT_TRUE(visited.emplace(std::string(key), value).second) << key;
  });
  EXPECT_EQ(visited, model);
}

TEST(FlatStringMapTest, ClearEmptiesAndTheMapIsUsableAgain) {
  FlatStringMap<uint32_t> map;
  for (uint32_t i = 0; i < 1000; ++i)
    map.Insert("key" + std::to_string(i), i);
  EXPECT_GT(map.memory_bytes(), 1000u * 24);
  map.Clear();
  EXPECT_TRUE(map.empty());
  EXPECT_LT(map.memory_bytes(), 64u);  // given back (an empty string may keep a few bytes)
  EXPECT_EQ(map.Find("key1"), nullptr);
  int visits = 0;
  map.ForEach([&](std::string_view, uint32_t) { ++visits; });
  EXPECT_EQ(visits, 0);
  EXPECT_TRUE(map.Insert("key1", 11));
  EXPECT_EQ(*map.Find("key1"), 11u);
  EXPECT_EQ(map.size(), 1u);
}

}  // namespace
}  // namespace kg
