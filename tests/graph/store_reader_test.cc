// A second process reads while a writer writes: it must always see whole
// articles, counters that agree with the indexes, and no IOError.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <set>

#include "graph/store.h"
#include "graph/store_test_util.h"
#include "test_support.h"

namespace kg {
namespace {

using testing::DefaultOntology;
using testing::ExpectCountersMatchRecount;
using testing::MakeArticle;
using testing::MakeFact;
using testing::TempDir;

constexpr int kArticles = 1200;

// Article i, version v: i % 5 + 1 + v facts, spread over a few entities.
ArticleInput ArticleFor(int i, int version) {
  std::vector<Fact> facts;
  const int n = i % 5 + 1 + version;
  static const char* kNames[] = {"United States", "China", "Huawei", "Nvidia", "SMIC", "ASML"};
  static const char* kRelations[] = {"restricts", "supplies", "competes_with", "sanctions"};
  for (int k = 0; k < n; ++k) {
    facts.push_back(MakeFact(kNames[(i + k) % 6], kRelations[(i * 3 + k) % 4],
                             kNames[(i + 2 * k + 1) % 6],
                             "Article " + std::to_string(i) + " v" + std::to_string(version) +
                                 " sentence " + std::to_string(k)));
  }
  return MakeArticle("art-" + std::to_string(i), facts);
}

int WriterProcess(const std::string& path) {
  auto store = Store::OpenForWrite(path, DefaultOntology());
  if (!store.ok()) return 10;
  for (int i = 0; i < kArticles; ++i) {
    // Publish a view for readers every few batches, as a long import does
    // every few seconds.
    if (i % 4 == 0 && !(*store)->PublishView().ok()) return 15;
    if (!(*store)->WriteArticles({ArticleFor(i, 0)}).ok()) return 11;
    if (i % 3 == 0 && i > 0) {  // replace an earlier article with new content
      if (!(*store)->WriteArticles({ArticleFor(i / 2, 1)}).ok()) return 12;
    }
    if (i % 7 == 0 && i > 0) {  // and delete one
      if (!(*store)->DeleteArticles({"art-" + std::to_string(i - 5)}).ok()) return 13;
    }
    if (i % 300 == 299 && !(*store)->CompactAll().ok()) return 14;  // new files, old ones deleted
  }
  return 0;
}

// Every article the reader sees is whole: its evidence count equals the
// number of facts of one of its versions, and each of those is findable.
void ExpectWholeArticles(const Store& store) {
  uint64_t evidence_total = 0;
  auto s = store.ScanArticles([&](const ArticleMeta& a) {
    const int i = std::stoi(a.id.substr(4));
    const uint32_t v0 = static_cast<uint32_t>(i % 5 + 1);
    EXPECT_TRUE(a.evidence_count == v0 || a.evidence_count == v0 + 1) << a.id;
    evidence_total += a.evidence_count;
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  auto stats = store.GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->evidence, evidence_total);
}

// The writer side of the test below, run in its own process.
TEST(StoreReaderTest, WriterProcessHelper) {
  const char* path = std::getenv("KG_TEST_WRITER_DB");
  if (!path) GTEST_SKIP() << "runs only as the writer process of another test";
  _exit(WriterProcess(path));
}

TEST(StoreReaderTest, ASecondProcessReadsConsistentStatesWhileAWriterWrites) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  ASSERT_TRUE(Store::OpenForWrite(path, DefaultOntology()).ok());  // create, then close

  const pid_t child =
      testing::SpawnSelf("StoreReaderTest.WriterProcessHelper", "KG_TEST_WRITER_DB", path);
  ASSERT_GT(child, 0);

  auto reader = Store::OpenForRead(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  int checks = 0;
  int status = 0;
  bool done = false;
  uint64_t last_articles_seen = 0;
  while (!done) {
    done = waitpid(child, &status, WNOHANG) == child;
    Status r = (*reader)->Refresh();
    ASSERT_TRUE(r.ok()) << r.ToString();
    ExpectWholeArticles(**reader);
    ExpectCountersMatchRecount(**reader);
    auto stats = (*reader)->GetStats();
    ASSERT_TRUE(stats.ok());
    last_articles_seen = stats->articles;
    ++checks;
    if (::testing::Test::HasFailure()) break;
  }
  if (!done) waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << "writer failed";
  EXPECT_GT(checks, 1);
  std::cout << "reader checked " << checks << " states while the writer ran\n";

  // After the writer is gone, a refresh shows its final state.
  KG_ASSERT_OK((*reader)->Refresh());
  auto final_stats = (*reader)->GetStats();
  ASSERT_TRUE(final_stats.ok());
  EXPECT_GE(final_stats->articles, last_articles_seen);
  // Replay the writer's steps to know which articles remain.
  std::set<int> remaining;
  for (int i = 0; i < kArticles; ++i) {
    remaining.insert(i);
    if (i % 3 == 0 && i > 0) remaining.insert(i / 2);
    if (i % 7 == 0 && i > 0) remaining.erase(i - 5);
  }
  EXPECT_EQ(final_stats->articles, remaining.size());
  ExpectWholeArticles(**reader);
  ExpectCountersMatchRecount(**reader);

  // A fresh reader sees the same.
  auto fresh = Store::OpenForRead(path);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(testing::DumpStore(**fresh), testing::DumpStore(**reader));
}

TEST(StoreReaderTest, AReaderKeepsItsViewUntilRefresh) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  auto writer = Store::OpenForWrite(path, DefaultOntology());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->WriteArticles({ArticleFor(1, 0)}).ok());
  auto reader = Store::OpenForRead(path);
  ASSERT_TRUE(reader.ok());
  // The view published when the writer opened: the store before the write.
  EXPECT_EQ((*reader)->GetStats()->articles, 0u);
  KG_ASSERT_OK((*writer)->PublishView());
  EXPECT_EQ((*reader)->GetStats()->articles, 0u);  // still its view
  KG_ASSERT_OK((*reader)->Refresh());
  EXPECT_EQ((*reader)->GetStats()->articles, 1u);
  ASSERT_TRUE((*writer)->WriteArticles({ArticleFor(2, 0)}).ok());
  writer->reset();  // closing publishes the final state
  KG_ASSERT_OK((*reader)->Refresh());
  EXPECT_EQ((*reader)->GetStats()->articles, 2u);
  KG_ASSERT_OK((*reader)->Refresh());  // nothing new: stays
  EXPECT_EQ((*reader)->GetStats()->articles, 2u);
}

}  // namespace
}  // namespace kg
