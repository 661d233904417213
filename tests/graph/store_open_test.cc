// Opening the store: new, existing, and every kind of path that is not a
// usable store must give a clear error, never a crash.
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "graph/keys.h"
#include "graph/store.h"
#include "graph/store_test_util.h"
#include "test_support.h"

namespace kg {
namespace {

using testing::DefaultOntology;
using testing::DumpStore;
using testing::ExpectCountersMatchRecount;
using testing::MakeArticle;
using testing::MakeFact;
using testing::TempDir;

bool Contains(const Status& s, const std::string& text) {
  return s.message().find(text) != std::string::npos;
}

TEST(StoreOpenTest, WriterCreatesMissingPathAndEmptyDirectory) {
  TempDir dir;
  auto a = Store::OpenForWrite(dir.Sub("new.db"), DefaultOntology());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)->relations().size(), DefaultOntology().relations().size());
  EXPECT_EQ((*a)->entity_types().size(), DefaultOntology().entity_types().size());
  std::filesystem::create_directory(dir.Sub("empty"));
  auto b = Store::OpenForWrite(dir.Sub("empty"), DefaultOntology());
  ASSERT_TRUE(b.ok()) << b.status().ToString();
}

TEST(StoreOpenTest, ANewStoreIsMadeBesideItsPathAndMovedThereWhole) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  // What a writer killed while making a store leaves: a RocksDB database
  // with only some of the column families, beside the path.
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, path + ".creating", &raw).ok());
    delete raw;
  }
  // No store at the path: readers say so, as for no store at all.
  auto reader = Store::OpenForRead(path);
  EXPECT_TRUE(reader.status().IsNotFound()) << reader.status().ToString();
  // The next writer makes it again, whole.
  {
    auto writer = Store::OpenForWrite(path, DefaultOntology());
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    KG_ASSERT_OK((*writer)->WriteArticles({MakeArticle("a", {MakeFact("US", "bans", "X", "S.")})}));
  }
  EXPECT_FALSE(std::filesystem::exists(path + ".creating"));
  auto again = Store::OpenForRead(path);
  KG_ASSERT_OK(again);
  auto stats = (*again)->GetStats();
  KG_ASSERT_OK(stats);
  EXPECT_EQ(stats->articles, 1u);
  // A trailing slash names the same store.
  std::filesystem::create_directory(dir.Sub("slash.db"));
  auto slash = Store::OpenForWrite(dir.Sub("slash.db") + "/", DefaultOntology());
  KG_ASSERT_OK(slash);
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("slash.db.creating")));
}

TEST(StoreOpenTest, MissingStoreIsNotFoundForReadersAndNonCreatingWriters) {
  TempDir dir;
  auto r = Store::OpenForRead(dir.Sub("nothing.db"));
  EXPECT_TRUE(r.status().IsNotFound()) << r.status().ToString();
  EXPECT_TRUE(Contains(r.status(), "nothing.db"));
  auto w = Store::OpenForWrite(dir.Sub("nothing.db"), DefaultOntology(), false);
  EXPECT_TRUE(w.status().IsNotFound()) << w.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("nothing.db")));
}

TEST(StoreOpenTest, AFileIsNotAStore) {
  TempDir dir;
  std::ofstream(dir.Sub("file")) << "hello";
  for (auto status : {Store::OpenForWrite(dir.Sub("file"), DefaultOntology()).status(),
                      Store::OpenForRead(dir.Sub("file")).status()}) {
    EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
    EXPECT_TRUE(Contains(status, "not a kg store")) << status.ToString();
  }
}

TEST(StoreOpenTest, ANonEmptyForeignDirectoryIsNotAStoreAndIsLeftAlone) {
  TempDir dir;
  std::filesystem::create_directory(dir.Sub("docs"));
  std::ofstream(dir.Sub("docs/notes.txt")) << "notes";
  auto w = Store::OpenForWrite(dir.Sub("docs"), DefaultOntology());
  EXPECT_TRUE(w.status().IsInvalidArgument()) << w.status().ToString();
  EXPECT_TRUE(Contains(w.status(), "not a kg store"));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("docs/CURRENT")));  // nothing created inside
}

TEST(StoreOpenTest, APlainRocksDbIsNotAStore) {
  TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.Sub("plain.db"), &db).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "k", "v").ok());
    delete db;
  }
  for (auto status : {Store::OpenForWrite(dir.Sub("plain.db"), DefaultOntology()).status(),
                      Store::OpenForRead(dir.Sub("plain.db")).status()}) {
    EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
    EXPECT_TRUE(Contains(status, "not a kg store")) << status.ToString();
  }
}

// Runs fn on a closed store opened with raw RocksDB: every column family,
// with RocksDB's default options (leveled compaction among them).
void WithRawStore(
    const std::string& path,
    const std::function<void(rocksdb::DB*, const std::vector<rocksdb::ColumnFamilyHandle*>&)>& fn) {
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const char* name : kColumnFamilyNames)
    cfs.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, cfs, &handles, &db).ok());
  fn(db, handles);
  for (auto* h : handles)
    ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  delete db;
}

// Rewrites one meta key of a closed store.
void SetMeta(const std::string& path, const std::string& key, const std::string& value) {
  WithRawStore(path, [&](rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cf) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf[0], key, value).ok());
  });
}

// The view readers open (see Store::OpenForRead).
std::string LatestView(const std::string& path) {
  std::ifstream in(path + "/views/LATEST");
  std::string name;
  std::getline(in, name);
  return path + "/views/" + name;
}

TEST(StoreOpenTest, AnotherSchemaVersionIsRefusedWithBothVersions) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  ASSERT_TRUE(Store::OpenForWrite(path, DefaultOntology()).ok());
  SetMeta(path, std::string(kMetaSchemaVersion), "99");
  SetMeta(LatestView(path), std::string(kMetaSchemaVersion), "99");
  for (auto status :
       {Store::OpenForWrite(path, DefaultOntology()).status(), Store::OpenForRead(path).status()}) {
    EXPECT_TRUE(status.IsNotSupported()) << status.ToString();
    EXPECT_TRUE(Contains(status, "version 99")) << status.ToString();
    EXPECT_TRUE(Contains(status, "version 1")) << status.ToString();
  }
}

TEST(StoreOpenTest, AForeignFormatMarkerIsRefused) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  ASSERT_TRUE(Store::OpenForWrite(path, DefaultOntology()).ok());
  SetMeta(LatestView(path), std::string(kMetaFormat), "something-else");
  auto s = Store::OpenForRead(path).status();
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_TRUE(Contains(s, "not a kg store"));
}

TEST(StoreOpenTest, ACorruptCurrentFileIsAnErrorNotACrash) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  ASSERT_TRUE(Store::OpenForWrite(path, DefaultOntology()).ok());
  std::ofstream(path + "/CURRENT", std::ios::trunc) << "MANIFEST-999999\n";
  auto w = Store::OpenForWrite(path, DefaultOntology());
  EXPECT_FALSE(w.ok());
  EXPECT_TRUE(Contains(w.status(), path)) << w.status().ToString();
  std::ofstream(LatestView(path) + "/CURRENT", std::ios::trunc) << "garbage";
  auto r = Store::OpenForRead(path);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(Contains(r.status(), path)) << r.status().ToString();
}

TEST(StoreOpenTest, ASecondWriterInTheSameProcessIsBusy) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  auto first = Store::OpenForWrite(path, DefaultOntology());
  ASSERT_TRUE(first.ok());
  auto second = Store::OpenForWrite(path, DefaultOntology());
  EXPECT_TRUE(second.status().IsBusy()) << second.status().ToString();
  EXPECT_TRUE(Contains(second.status(), "locked by another writer"));
  // A reader is fine while the writer holds the lock.
  auto reader = Store::OpenForRead(path);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
}

// Holds the writer lock of $KG_TEST_LOCK_DB until a file named DB.release
// appears; signals readiness by creating DB.ready.
TEST(StoreOpenTest, LockHolderHelper) {
  const char* env = std::getenv("KG_TEST_LOCK_DB");
  if (!env) GTEST_SKIP() << "runs only as the lock holder of another test";
  const std::string path = env;
  auto store = Store::OpenForWrite(path, DefaultOntology());
  if (!store.ok()) _exit(3);
  std::ofstream(path + ".ready") << "1";
  for (int i = 0; i < 6000 && !std::filesystem::exists(path + ".release"); ++i)
    usleep(10000);
  store->reset();
  _exit(0);
}

TEST(StoreOpenTest, AWriterInAnotherProcessMakesUsBusy) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  ASSERT_TRUE(Store::OpenForWrite(path, DefaultOntology()).ok());
  const pid_t child = testing::SpawnSelf("StoreOpenTest.LockHolderHelper", "KG_TEST_LOCK_DB", path);
  ASSERT_GT(child, 0);
  for (int i = 0; i < 6000 && !std::filesystem::exists(path + ".ready"); ++i)
    usleep(10000);
  ASSERT_TRUE(std::filesystem::exists(path + ".ready")) << "the other process did not start";
  auto second = Store::OpenForWrite(path, DefaultOntology());
  EXPECT_TRUE(second.status().IsBusy()) << second.status().ToString();
  EXPECT_TRUE(Contains(second.status(), path));
  std::ofstream(path + ".release") << "1";
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  // With the other writer gone the store opens again.
  EXPECT_TRUE(Store::OpenForWrite(path, DefaultOntology()).ok());
}

TEST(StoreOpenTest, ReadersCannotWrite) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  ASSERT_TRUE(Store::OpenForWrite(path, DefaultOntology()).ok());
  auto reader = Store::OpenForRead(path);
  ASSERT_TRUE(reader.ok());
  auto r = (*reader)->WriteArticles({MakeArticle("a", {MakeFact("A", "restricts", "B", "s")})});
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE((*reader)->DeleteArticles({"a"}).ok());
}

TEST(StoreOpenTest, NewOntologyRelationsGetNewIdsAndOldIdsStay) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  ASSERT_TRUE(Store::OpenForWrite(path, DefaultOntology()).ok());
  auto extended = Ontology::FromJsonText(
      R"({"version":1,"entity_types":[{"name":"country"},{"name":"satellite"}],
          "relations":[{"name":"launches"},{"name":"restricts"}]})",
      "extended");
  ASSERT_TRUE(extended.ok()) << extended.status().ToString();
  auto store = Store::OpenForWrite(path, *extended);
  ASSERT_TRUE(store.ok());
  const auto n = DefaultOntology().relations().size();
  EXPECT_EQ((*store)->FindRelation("restricts")->id, 1);
  ASSERT_NE((*store)->FindRelation("launches"), nullptr);
  EXPECT_EQ((*store)->FindRelation("launches")->id, n + 1);
  ASSERT_NE((*store)->FindEntityType("satellite"), nullptr);
  EXPECT_NE((*store)->FindRelation("supplies"), nullptr);  // kept, though not in this ontology
}

// Articles whose facts repeat triples across them, for the test below.
std::vector<ArticleInput> ArticlesFrom(int first, int count) {
  const std::vector<std::string> names = {"United States", "China", "Japan", "Taiwan", "India"};
  const std::vector<std::string> relations = {"restricts", "sanctions", "competes_with"};
  std::vector<ArticleInput> out;
  for (int a = first; a < first + count; ++a) {
    std::vector<Fact> facts;
    for (int i = 0; i < 3; ++i) {
      facts.push_back(MakeFact(names[(a + i) % names.size()], relations[(a * 7 + i) % 3],
                               names[(a + 2 * i + 1) % names.size()],
                               "Sentence " + std::to_string(a) + "." + std::to_string(i)));
    }
    out.push_back(MakeArticle("art-" + std::to_string(a), std::move(facts)));
  }
  return out;
}

// Moves every column family's files to level `level` under leveled
// compaction, which stores were made with before most column families went
// to universal compaction.
void CompactLeveled(const std::string& path, int level) {
  WithRawStore(path, [&](rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cf) {
    rocksdb::CompactRangeOptions options;
    options.change_level = true;
    options.target_level = level;
    for (auto* h : cf)
      ASSERT_TRUE(db->CompactRange(options, h, nullptr, nullptr).ok());
    std::string files;
    ASSERT_TRUE(db->GetProperty(cf[kCfEvidence],
                                "rocksdb.num-files-at-level" + std::to_string(level), &files));
    EXPECT_EQ(files, "1");
  });
}

TEST(StoreOpenTest, AStoreLaidOutInLevelsOpensAndGrowsUnderUniversalCompaction) {
  TempDir dir;
  const std::string path = dir.Sub("old.db");
  // Three generations of files: levels 5 and 3 as leveled compaction left
  // them, and level 0 beside them.
  for (int generation = 0; generation < 3; ++generation) {
    {
      auto store = Store::OpenForWrite(path, DefaultOntology());
      KG_ASSERT_OK(store);
      KG_ASSERT_OK((*store)->WriteArticles(ArticlesFrom(generation * 40, 40)));
    }
    if (generation < 2) CompactLeveled(path, 5 - 2 * generation);
  }
  // Opened now, it takes more articles (a changed one among them) and a
  // full compaction, and holds what a store made now holds.
  auto old_store = Store::OpenForWrite(path, DefaultOntology());
  KG_ASSERT_OK(old_store);
  auto more = ArticlesFrom(120, 40);
  more.push_back(ArticlesFrom(5, 1)[0]);
  more.back().facts.pop_back();
  KG_ASSERT_OK((*old_store)->WriteArticles(more));
  KG_ASSERT_OK((*old_store)->CompactAll());

  auto new_store = Store::OpenForWrite(dir.Sub("new.db"), DefaultOntology());
  KG_ASSERT_OK(new_store);
  KG_ASSERT_OK((*new_store)->WriteArticles(ArticlesFrom(0, 120)));
  KG_ASSERT_OK((*new_store)->WriteArticles(more));
  const std::string dump = DumpStore(**old_store, /*with_ingest_time=*/false);
  EXPECT_NE(dump.find("A art-159 "), std::string::npos);
  EXPECT_EQ(dump, DumpStore(**new_store, /*with_ingest_time=*/false));
  ExpectCountersMatchRecount(**old_store);
}

}  // namespace
}  // namespace kg
