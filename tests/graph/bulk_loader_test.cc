#include "graph/bulk_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "graph/store.h"
#include "graph/store_test_util.h"
#include "test_support.h"

namespace kg {
namespace {

using testing::DumpStore;
using testing::ExpectCountersMatchRecount;
using testing::MakeArticle;
using testing::MakeFact;
using testing::TempDir;

std::unique_ptr<Store> OpenWriter(const std::string& path) {
  auto s = Store::OpenForWrite(path, testing::DefaultOntology());
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(s).value() : nullptr;
}

// The same content (ingest times aside) and statistics as `want`, and
// counters that match a recount.
void ExpectSameStore(const Store& got, const Store& want) {
  EXPECT_EQ(DumpStore(got, false), DumpStore(want, false));
  ExpectCountersMatchRecount(got);
  auto want_stats = want.GetStats();
  auto got_stats = got.GetStats();
  KG_ASSERT_OK(want_stats);
  KG_ASSERT_OK(got_stats);
  EXPECT_EQ(got_stats->entities, want_stats->entities);
  EXPECT_EQ(got_stats->dictionary_entities, want_stats->dictionary_entities);
  EXPECT_EQ(got_stats->triples, want_stats->triples);
  EXPECT_EQ(got_stats->evidence, want_stats->evidence);
  EXPECT_EQ(got_stats->articles, want_stats->articles);
}

// Random articles over a small vocabulary, so that triples repeat across
// articles, with aliases (some claimed by two entities), symmetric
// relations, self-loops, qualifiers, dates and every modality.
std::vector<ArticleInput> RandomArticles(uint32_t seed, int count) {
  std::mt19937 rng(seed);
  const std::vector<std::pair<std::string, std::string>> entities = {
      {"United States", "country"}, {"China", "country"},
      {"Huawei", "company"},        {"Nvidia", "company"},
      {"SMIC", "company"},          {"AI chips", "technology"},
      {"Entity List", "policy"},    {"Japan", "country"},
      {"Gina Raimondo", "person"},  {"Commerce Department", "government_body"}};
  const std::vector<std::string> aliases = {
      "U.S.", "US", "Beijing", "Huawei Technologies", "Commerce", "the Commerce Department"};
  const std::vector<std::string> relations = {"restricts",     "sanctions",     "supplies", "uses",
                                              "competes_with", "partners_with", "develops"};
  std::vector<ArticleInput> out;
  for (int a = 0; a < count; ++a) {
    std::vector<Fact> facts;
    const int n = static_cast<int>(rng() % 7);
    for (int i = 0; i < n; ++i) {
      // Now and then a name from a long tail, so that ids pass 255 and
      // 65535 and key bytes above 0x7f are ordered too.
      auto pick = [&]() -> std::pair<std::string, std::string> {
        if (rng() % 3 == 0) return {"Firm " + std::to_string(rng() % 70000), "company"};
        return entities[rng() % entities.size()];
      };
      const auto s = pick();
      const auto o = pick();
      Fact f = MakeFact(s.first, relations[rng() % relations.size()], o.first,
                        "Sentence " + std::to_string(rng() % 40), s.second, o.second);
      if (rng() % 3 == 0) f.subject.aliases.push_back(aliases[rng() % aliases.size()]);
      if (rng() % 3 == 0) f.object.aliases.push_back(aliases[rng() % aliases.size()]);
      f.evidence.modality = static_cast<Modality>(rng() % 3);
      f.evidence.confidence = (rng() % 101) / 100.0;
      f.evidence.sentence_index = static_cast<int>(rng() % 30);
      if (rng() % 4 == 0) f.evidence.qualifiers.push_back({"item", "chips"});
      if (rng() % 5 == 0) f.evidence.qualifiers.push_back({"amount", "$1 billion"});
      if (rng() % 6 == 0) ParseDate("2021-03-04", &f.evidence.date);
      facts.push_back(std::move(f));
    }
    char date[16];
    std::snprintf(date, sizeof date, "20%02u-%02u-01", static_cast<unsigned>(18 + rng() % 7),
                  static_cast<unsigned>(1 + rng() % 12));
    out.push_back(MakeArticle("art-" + std::to_string(a), std::move(facts), date));
  }
  return out;
}

TEST(BulkLoaderTest, BuildsTheSameStoreAsWriteArticles) {
  TempDir dir;
  const auto articles = RandomArticles(7, 20000);

  auto incremental = OpenWriter(dir.Sub("incremental.db"));
  for (size_t i = 0; i < articles.size(); i += 37) {
    std::vector<ArticleInput> batch(articles.begin() + i,
                                    articles.begin() + std::min(articles.size(), i + 37));
    KG_ASSERT_OK(incremental->WriteArticles(std::move(batch)));
  }

  auto bulk = OpenWriter(dir.Sub("bulk.db"));
  ASSERT_TRUE(bulk->CanBulkLoad());
  auto loader = bulk->StartBulkLoad();
  KG_ASSERT_OK(loader);
  for (const auto& a : articles)
    KG_ASSERT_OK((*loader)->Add(a));
  EXPECT_EQ((*loader)->articles(), articles.size());
  EXPECT_GT((*loader)->memory_bytes(), 0u);
  auto summary = (*loader)->Finish();
  KG_ASSERT_OK(summary);
  EXPECT_EQ(summary->articles_written, articles.size());
  EXPECT_FALSE(bulk->CanBulkLoad());

  ExpectSameStore(*bulk, *incremental);
  // Names and aliases resolve to the same ids.
  for (const std::string name : {"U.S.", "us", "beijing", "Huawei Technologies", "commerce",
                                 "the commerce department", "AI CHIPS", "nvidia"}) {
    auto a = incremental->LookupEntity(name);
    auto b = bulk->LookupEntity(name);
    KG_ASSERT_OK(a);
    KG_ASSERT_OK(b);
    EXPECT_EQ(*a, *b) << name;
  }
}

// A changed version of an article: other facts, so that its old evidence is
// replaced.
ArticleInput Changed(const ArticleInput& a, int version) {
  ArticleInput out = a;
  out.meta.content_hash = 0;
  out.facts.push_back(MakeFact("Firm " + std::to_string(version), "supplies", "Japan",
                               "Version " + std::to_string(version) + "."));
  return out;
}

TEST(BulkLoaderTest, ChunksBetweenIncrementalWritesBuildTheSameStore) {
  // One sequence of operations, run twice: chunks of new articles through
  // a BulkLoader with WriteArticles (replacements, deletions, new ids, a
  // duplicate text) between them, and every step through WriteArticles.
  TempDir dir;
  auto articles = RandomArticles(13, 9000);
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].meta.text_hash = 1 + i % 8800;  // the last 200 repeat texts
  }
  struct Step {
    bool bulk;
    std::vector<ArticleInput> articles;
    std::vector<std::string> deletions;
  };
  std::vector<Step> steps;
  std::mt19937 rng(3);
  size_t next = 0;
  int version = 0;
  while (next < articles.size()) {
    const size_t chunk = std::min(articles.size() - next, size_t{500} + rng() % 2500);
    steps.push_back({true, {articles.begin() + next, articles.begin() + next + chunk}, {}});
    next += chunk;
    Step between{false, {}, {}};
    for (int k = 0; k < 30; ++k)
      between.articles.push_back(Changed(articles[rng() % next], ++version));
    // Replaced twice in one step is refused by WriteArticles: keep the first.
    std::set<std::string> seen;
    std::erase_if(between.articles,
                  [&](const ArticleInput& a) { return !seen.insert(a.meta.id).second; });
    between.articles.push_back(
        MakeArticle("between-" + std::to_string(version),
                    {MakeFact("Vietnam", "supplies", "Firm 12", "Between.")}));
    for (int k = 0; k < 5; ++k) {
      const std::string& id = articles[rng() % next].meta.id;
      if (!seen.count(id)) between.deletions.push_back(id);
    }
    steps.push_back(std::move(between));
  }

  auto incremental = OpenWriter(dir.Sub("incremental.db"));
  for (const Step& step : steps) {
    for (size_t i = 0; i < step.articles.size(); i += 41) {
      std::vector<ArticleInput> batch(
          step.articles.begin() + i,
          step.articles.begin() + std::min(step.articles.size(), i + 41));
      KG_ASSERT_OK(incremental->WriteArticles(std::move(batch)));
    }
    if (!step.deletions.empty()) KG_ASSERT_OK(incremental->DeleteArticles(step.deletions));
  }

  auto chunked = OpenWriter(dir.Sub("chunked.db"));
  auto loader = chunked->StartBulkLoad();
  KG_ASSERT_OK(loader);
  uint64_t written = 0, duplicates = 0, chunks = 0;
  for (const Step& step : steps) {
    if (step.bulk) {
      for (const auto& a : step.articles) {
        auto is_new = (*loader)->IsNew(a.meta.id);
        KG_ASSERT_OK(is_new);
        ASSERT_TRUE(*is_new) << a.meta.id;
        KG_ASSERT_OK((*loader)->Add(a));
      }
      auto summary = (*loader)->Finish();
      KG_ASSERT_OK(summary);
      written += summary->articles_written;
      duplicates += summary->articles_duplicate;
      ++chunks;
      ExpectCountersMatchRecount(*chunked);
    } else {
      KG_ASSERT_OK(chunked->WriteArticles(step.articles));
      if (!step.deletions.empty()) KG_ASSERT_OK(chunked->DeleteArticles(step.deletions));
    }
  }
  EXPECT_GE(chunks, 4u);
  EXPECT_EQ(written + duplicates, articles.size());
  EXPECT_GT(duplicates, 0u);
  ExpectSameStore(*chunked, *incremental);
}

TEST(BulkLoaderTest, LaterChunksReuseTheBuffersOfEarlierOnes) {
  // A loader keeps its buffers from chunk to chunk (the values' arena among
  // them): each chunk, smaller or larger than the one before, with values
  // larger than an arena block (4 MB) among small ones, must store exactly
  // its own evidence.
  TempDir dir;
  auto articles = RandomArticles(21, 6000);
  // Values of 300 KB fill several blocks per chunk; those of 5 MB take
  // one allocation each.
  const std::string long_sentence(300 << 10, 'x');
  const std::string huge_sentence(5 << 20, 'y');
  for (size_t i = 0; i < articles.size(); i += 97) {
    articles[i].facts.push_back(
        MakeFact("Huawei", "uses", "AI chips", long_sentence + std::to_string(i) + "."));
  }
  for (size_t i : {10u, 2500u, 2501u, 5999u}) {
    articles[i].facts.push_back(
        MakeFact("Nvidia", "supplies", "China", huge_sentence + std::to_string(i) + "."));
  }
  auto incremental = OpenWriter(dir.Sub("incremental.db"));
  KG_ASSERT_OK(incremental->WriteArticles(articles));

  auto chunked = OpenWriter(dir.Sub("chunked.db"));
  auto loader = chunked->StartBulkLoad();
  KG_ASSERT_OK(loader);
  size_t next = 0;
  for (size_t chunk : {3000u, 200u, 2500u, 300u}) {
    for (size_t end = next + chunk; next < end; ++next)
      KG_ASSERT_OK((*loader)->Add(articles[next]));
    auto summary = (*loader)->Finish();
    KG_ASSERT_OK(summary);
    EXPECT_EQ(summary->articles_written, chunk);
  }
  ASSERT_EQ(next, articles.size());
  ExpectSameStore(*chunked, *incremental);
}

TEST(BulkLoaderTest, NamesResolveTheSameWhenTheWritersNameCacheOverflows) {
  // More names than the writer caches (Store::Rep::kNameCacheEntries): the
  // cache is emptied, and later mentions of those names, in a chunk or in a
  // batch, still find their entities in the store instead of making new
  // ones.
  TempDir dir;
  auto store = OpenWriter(dir.Sub("kg.db"));
  const int pairs = 140000;  // 280,000 names in one chunk
  auto firm = [](char side, int i) { return std::string("Firm ") + side + std::to_string(i); };
  auto loader = store->StartBulkLoad();
  KG_ASSERT_OK(loader);
  for (int i = 0; i < pairs; ++i) {
    KG_ASSERT_OK((*loader)->Add(MakeArticle(
        "first-" + std::to_string(i), {MakeFact(firm('A', i), "supplies", firm('B', i), "S.")})));
  }
  KG_ASSERT_OK((*loader)->Finish());
  auto before = store->GetStats();
  KG_ASSERT_OK(before);
  ASSERT_EQ(before->entities, uint64_t{2} * pairs);

  for (int i = 0; i < pairs; i += 1000) {
    KG_ASSERT_OK((*loader)->Add(MakeArticle("again-" + std::to_string(i),
                                            {MakeFact(firm('B', i), "uses", firm('A', i), "T.")})));
  }
  KG_ASSERT_OK((*loader)->Finish());
  std::vector<ArticleInput> batch;
  for (int i = 500; i < pairs; i += 1000) {
    batch.push_back(MakeArticle("batch-" + std::to_string(i),
                                {MakeFact(firm('A', i), "partners_with", firm('B', i), "U.")}));
  }
  KG_ASSERT_OK(store->WriteArticles(std::move(batch)));

  auto after = store->GetStats();
  KG_ASSERT_OK(after);
  EXPECT_EQ(after->entities, before->entities);
  for (int i : {0, 500, 77000, pairs - 1}) {
    auto a = store->LookupEntity(firm('A', i));
    KG_ASSERT_OK(a);
    ASSERT_TRUE(a->has_value()) << firm('A', i);
  }
  ExpectCountersMatchRecount(*store);
}

TEST(BulkLoaderTest, SkipsDuplicateTextsAsWriteArticlesDoes) {
  TempDir dir;
  auto articles = RandomArticles(5, 3000);
  // 2,500 texts: the last 500 articles repeat earlier ones.
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].meta.text_hash = 1 + i % 2500;
    articles[i].meta.source_hash = 7 * i + 1;
  }
  auto incremental = OpenWriter(dir.Sub("incremental.db"));
  uint64_t duplicates = 0;
  for (size_t i = 0; i < articles.size(); i += 37) {
    std::vector<ArticleInput> batch(articles.begin() + i,
                                    articles.begin() + std::min(articles.size(), i + 37));
    auto summary = incremental->WriteArticles(std::move(batch));
    KG_ASSERT_OK(summary);
    duplicates += summary->articles_duplicate;
  }
  EXPECT_EQ(duplicates, 500u);

  auto bulk = OpenWriter(dir.Sub("bulk.db"));
  auto loader = bulk->StartBulkLoad();
  KG_ASSERT_OK(loader);
  for (const auto& a : articles)
    KG_ASSERT_OK((*loader)->Add(a));
  auto summary = (*loader)->Finish();
  KG_ASSERT_OK(summary);
  EXPECT_EQ(summary->articles_written, 2500u);
  EXPECT_EQ(summary->articles_duplicate, 500u);
  // DumpStore lists each article's hashes and the owner of its text.
  EXPECT_EQ(DumpStore(*bulk, false), DumpStore(*incremental, false));
  ExpectCountersMatchRecount(*bulk);
  auto owner = bulk->FindArticleByText(2500);
  KG_ASSERT_OK(owner);
  ASSERT_TRUE(owner->has_value());
  EXPECT_EQ(**owner, articles[2499].meta.id);
}

TEST(BulkLoaderTest, StoreStaysWritableAndPersists) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  auto articles = RandomArticles(11, 80);
  {
    auto store = OpenWriter(path);
    auto loader = store->StartBulkLoad();
    KG_ASSERT_OK(loader);
    for (const auto& a : articles)
      KG_ASSERT_OK((*loader)->Add(a));
    KG_ASSERT_OK((*loader)->Finish());
    // Incremental writes go on from where the load left off.
    auto replaced = MakeArticle("art-3", {MakeFact("Japan", "restricts", "China", "New text.")});
    auto fresh = MakeArticle("new-1", {MakeFact("Taiwan", "supplies", "Japan", "Chips flow.")});
    auto summary = store->WriteArticles({replaced, fresh});
    KG_ASSERT_OK(summary);
    EXPECT_EQ(summary->articles_replaced, 1u);
    EXPECT_EQ(summary->articles_written, 1u);
    EXPECT_EQ(summary->entities_created, 1u);  // Taiwan; Japan and China exist
    KG_ASSERT_OK(store->DeleteArticles({"art-5"}));
    ExpectCountersMatchRecount(*store);
  }
  // A reader sees everything; a reopened writer knows the next ids.
  auto reader = Store::OpenForRead(path);
  KG_ASSERT_OK(reader);
  auto stats = (*reader)->GetStats();
  KG_ASSERT_OK(stats);
  EXPECT_EQ(stats->articles, 80u);  // 80 - art-5 + new-1
  ExpectCountersMatchRecount(**reader);
  auto store = OpenWriter(path);
  EXPECT_FALSE(store->CanBulkLoad());
  // A second load adds to the store it left.
  auto again = store->StartBulkLoad();
  KG_ASSERT_OK(again);
  auto is_new = (*again)->IsNew("art-7");
  KG_ASSERT_OK(is_new);
  EXPECT_FALSE(*is_new);
  EXPECT_EQ((*again)->Add(articles[7]).code(), Status::Code::kInvalidArgument);
  KG_ASSERT_OK(
      (*again)->Add(MakeArticle("bulk-2", {MakeFact("Laos", "uses", "China", "Second load.")})));
  auto loaded = (*again)->Finish();
  KG_ASSERT_OK(loaded);
  EXPECT_EQ(loaded->articles_written, 1u);
  EXPECT_EQ(loaded->entities_created, 1u);  // Laos
  ExpectCountersMatchRecount(*store);
  auto summary =
      store->WriteArticles({MakeArticle("new-2", {MakeFact("Korea", "uses", "Vietnam", "S.")})});
  KG_ASSERT_OK(summary);
  EXPECT_EQ(summary->entities_created, 2u);
  ExpectCountersMatchRecount(*store);
}

TEST(BulkLoaderTest, RejectsBadArticlesAndKeepsNothingOfThem) {
  TempDir dir;
  auto store = OpenWriter(dir.Sub("kg.db"));
  auto loader = store->StartBulkLoad();
  KG_ASSERT_OK(loader);
  KG_ASSERT_OK((*loader)->Add(MakeArticle("a", {MakeFact("US", "restricts", "China", "S1.")})));
  auto repeated = (*loader)->Add(MakeArticle("a", {MakeFact("US", "bans", "China", "S2.")}));
  EXPECT_EQ(repeated.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(repeated.message().find("added earlier in this load"), std::string::npos)
      << repeated.ToString();
  auto bad_relation = (*loader)->Add(MakeArticle(
      "b", {MakeFact("Japan", "supplies", "Korea", "S3."), MakeFact("US", "likes", "Mars", "S")}));
  EXPECT_EQ(bad_relation.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(bad_relation.message().find("unknown relation 'likes'"), std::string::npos);
  Fact bad_confidence = MakeFact("US", "bans", "TikTok", "S4.");
  bad_confidence.evidence.confidence = 2;
  EXPECT_EQ((*loader)->Add(MakeArticle("c", {bad_confidence})).code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ((*loader)->Add(MakeArticle(" ", {})).code(), Status::Code::kInvalidArgument);
  KG_ASSERT_OK((*loader)->Finish());
  // After Finish "a" is stored: still refused, in the next chunk too.
  EXPECT_EQ((*loader)->Add(MakeArticle("a", {})).code(), Status::Code::kInvalidArgument);
  KG_ASSERT_OK((*loader)->Finish());

  auto stats = store->GetStats();
  KG_ASSERT_OK(stats);
  EXPECT_EQ(stats->articles, 1u);
  EXPECT_EQ(stats->dictionary_entities, 2u);  // nothing of "b" (Japan, Korea) was kept
  EXPECT_EQ(stats->triples, 1u);
  ExpectCountersMatchRecount(*store);
}

TEST(BulkLoaderTest, IsNewAndAddAgreeWhenTheStoreIsWrittenBetween) {
  // Add trusts IsNew's answer for the id just asked about only while no
  // article was added since; a write in between must be seen.
  TempDir dir;
  auto store = OpenWriter(dir.Sub("kg.db"));
  auto loader = store->StartBulkLoad();
  KG_ASSERT_OK(loader);
  auto is_new = (*loader)->IsNew("x");
  KG_ASSERT_OK(is_new);
  EXPECT_TRUE(*is_new);
  KG_ASSERT_OK(store->WriteArticles({MakeArticle("x", {MakeFact("US", "bans", "X", "S1.")})}));
  EXPECT_EQ((*loader)->Add(MakeArticle("x", {MakeFact("US", "bans", "Y", "S2.")})).code(),
            Status::Code::kInvalidArgument);
  is_new = (*loader)->IsNew("x");
  KG_ASSERT_OK(is_new);
  EXPECT_FALSE(*is_new);

  is_new = (*loader)->IsNew("y");
  KG_ASSERT_OK(is_new);
  EXPECT_TRUE(*is_new);
  KG_ASSERT_OK((*loader)->Add(MakeArticle("y", {MakeFact("US", "bans", "Z", "S3.")})));
  is_new = (*loader)->IsNew("y");  // in the chunk now
  KG_ASSERT_OK(is_new);
  EXPECT_FALSE(*is_new);
  KG_ASSERT_OK((*loader)->Finish());
  is_new = (*loader)->IsNew("y");  // stored now
  KG_ASSERT_OK(is_new);
  EXPECT_FALSE(*is_new);
  EXPECT_EQ((*loader)->Add(MakeArticle("y", {})).code(), Status::Code::kInvalidArgument);

  auto stats = store->GetStats();
  KG_ASSERT_OK(stats);
  EXPECT_EQ(stats->articles, 2u);
  EXPECT_EQ(stats->triples, 2u);
  ExpectCountersMatchRecount(*store);
}

TEST(BulkLoaderTest, CommitCountMovesWithEveryCommit) {
  TempDir dir;
  auto store = OpenWriter(dir.Sub("kg.db"));
  const uint64_t start = store->CommitCount();
  KG_ASSERT_OK(store->WriteArticles({MakeArticle("a", {MakeFact("US", "bans", "X", "S1.")})}));
  EXPECT_EQ(store->CommitCount(), start + 1);
  auto loader = store->StartBulkLoad();
  KG_ASSERT_OK(loader);
  KG_ASSERT_OK((*loader)->Finish());  // nothing added: nothing committed
  EXPECT_EQ(store->CommitCount(), start + 1);
  KG_ASSERT_OK((*loader)->Add(MakeArticle("b", {MakeFact("US", "bans", "Y", "S2.")})));
  EXPECT_EQ(store->CommitCount(), start + 1);  // added, not committed
  KG_ASSERT_OK((*loader)->Finish());
  EXPECT_EQ(store->CommitCount(), start + 2);
  KG_ASSERT_OK(store->DeleteArticles({"a"}));
  EXPECT_EQ(store->CommitCount(), start + 3);
}

TEST(BulkLoaderTest, AnAbsenceFoundBeforeACommitIsCheckedAgain) {
  // A caller found "x" and text 7 absent; a commit stores both before the
  // loader sees the article: the loader must read the store again.
  TempDir dir;
  auto store = OpenWriter(dir.Sub("kg.db"));
  const uint64_t looked_at = store->CommitCount();
  ArticleInput stored = MakeArticle("x", {MakeFact("US", "bans", "X", "S1.")});
  stored.meta.text_hash = 7;
  KG_ASSERT_OK(store->WriteArticles({stored}));
  auto loader = store->StartBulkLoad();
  KG_ASSERT_OK(loader);

  ArticleInput same_id = MakeArticle("x", {MakeFact("US", "bans", "Y", "S2.")});
  same_id.absent_at_commit = looked_at;
  auto is_new = (*loader)->IsNew(same_id);
  KG_ASSERT_OK(is_new);
  EXPECT_FALSE(*is_new);
  EXPECT_EQ((*loader)->Add(&same_id).code(), Status::Code::kInvalidArgument);

  ArticleInput same_text = MakeArticle("z", {MakeFact("US", "bans", "Z", "S3.")});
  same_text.meta.text_hash = 7;
  same_text.absent_at_commit = looked_at;
  is_new = (*loader)->IsNew(same_text);
  KG_ASSERT_OK(is_new);
  EXPECT_TRUE(*is_new);
  KG_ASSERT_OK((*loader)->Add(&same_text));
  auto summary = (*loader)->Finish();
  KG_ASSERT_OK(summary);
  EXPECT_EQ(summary->articles_written, 0u);
  EXPECT_EQ(summary->articles_duplicate, 1u);
  auto owner = store->FindArticleByText(7);
  KG_ASSERT_OK(owner);
  ASSERT_TRUE(owner->has_value());
  EXPECT_EQ(**owner, "x");
}

TEST(BulkLoaderTest, ACurrentAbsenceIsTrustedAndTheChunkStillChecked) {
  // With the count unchanged the loader takes the caller's word for the
  // store (it does not read it), but its own chunk is still checked: a
  // second article with the same id or text is refused or a duplicate.
  TempDir dir;
  auto store = OpenWriter(dir.Sub("kg.db"));
  KG_ASSERT_OK(store->WriteArticles({MakeArticle("old", {MakeFact("US", "bans", "X", "S1.")})}));
  auto loader = store->StartBulkLoad();
  KG_ASSERT_OK(loader);
  auto article = [&](const std::string& id, uint64_t text) {
    ArticleInput a = MakeArticle(id, {MakeFact("US", "bans", "Y" + id, "S " + id + ".")});
    a.meta.text_hash = text;
    a.absent_at_commit = store->CommitCount();
    return a;
  };
  ArticleInput first = article("p", 11);
  KG_ASSERT_OK((*loader)->Add(&first));
  ArticleInput same_id = article("p", 12);
  auto is_new = (*loader)->IsNew(same_id);
  KG_ASSERT_OK(is_new);
  EXPECT_FALSE(*is_new);
  EXPECT_EQ((*loader)->Add(&same_id).code(), Status::Code::kInvalidArgument);
  ArticleInput same_text = article("q", 11);
  KG_ASSERT_OK((*loader)->Add(&same_text));
  ArticleInput other = article("r", 13);
  KG_ASSERT_OK((*loader)->Add(&other));
  auto summary = (*loader)->Finish();
  KG_ASSERT_OK(summary);
  EXPECT_EQ(summary->articles_written, 2u);
  EXPECT_EQ(summary->articles_duplicate, 1u);
  auto stats = store->GetStats();
  KG_ASSERT_OK(stats);
  EXPECT_EQ(stats->articles, 3u);
  ExpectCountersMatchRecount(*store);
}

TEST(BulkLoaderTest, AnUnfinishedLoadLeavesTheStoreEmpty) {
  TempDir dir;
  const std::string path = dir.Sub("kg.db");
  {
    auto store = OpenWriter(path);
    auto loader = store->StartBulkLoad();
    KG_ASSERT_OK(loader);
    for (const auto& a : RandomArticles(3, 20))
      KG_ASSERT_OK((*loader)->Add(a));
    // Dropped without Finish.
  }
  // Files a crashed load left behind are removed at the next open.
  std::filesystem::create_directories(path + "/bulk-load");
  std::ofstream(path + "/bulk-load/evidence.sst") << "partial";
  auto store = OpenWriter(path);
  EXPECT_FALSE(std::filesystem::exists(path + "/bulk-load"));
  EXPECT_TRUE(store->CanBulkLoad());
  auto stats = store->GetStats();
  KG_ASSERT_OK(stats);
  EXPECT_EQ(stats->articles, 0u);
  EXPECT_EQ(stats->dictionary_entities, 0u);
  // Finishing an empty load changes nothing.
  auto loader = store->StartBulkLoad();
  KG_ASSERT_OK(loader);
  auto summary = (*loader)->Finish();
  KG_ASSERT_OK(summary);
  EXPECT_EQ(summary->articles_written, 0u);
  EXPECT_TRUE(store->CanBulkLoad());
}

TEST(BulkLoaderTest, FinishRefusesWhenTheStoreWasWrittenMeanwhile) {
  TempDir dir;
  auto store = OpenWriter(dir.Sub("kg.db"));
  auto loader = store->StartBulkLoad();
  KG_ASSERT_OK(loader);
  KG_ASSERT_OK((*loader)->Add(MakeArticle("a", {MakeFact("US", "restricts", "China", "S1.")})));
  KG_ASSERT_OK(store->WriteArticles({MakeArticle("b", {MakeFact("US", "bans", "X", "S2.")})}));
  auto summary = (*loader)->Finish();
  EXPECT_EQ(summary.status().code(), Status::Code::kFailedPrecondition);
  auto stats = store->GetStats();
  KG_ASSERT_OK(stats);
  EXPECT_EQ(stats->articles, 1u);
  ExpectCountersMatchRecount(*store);
}

TEST(BulkLoaderTest, PreparedArticlesAreStoredAsUnpreparedOnes) {
  // Store::PrepareArticle does on the caller's thread what both writers do
  // on theirs (hash, normalize): both must then store exactly what they
  // store from the article as it was. Evidence that normalizing changes:
  // untrimmed sentences, an article id, no date, unsorted qualifiers.
  TempDir dir;
  auto articles = RandomArticles(21, 3000);
  for (size_t i = 0; i < articles.size(); ++i) {
    for (Fact& f : articles[i].facts) {
      if (i % 2 == 0) f.evidence.sentence = "  " + f.evidence.sentence + " \n";
      if (i % 3 == 0) f.evidence.article = "elsewhere";
      f.evidence.qualifiers.push_back({"a" + std::to_string(i % 4), "x"});
    }
  }
  auto plain = OpenWriter(dir.Sub("plain.db"));
  KG_ASSERT_OK(plain->WriteArticles(articles));

  auto batched = OpenWriter(dir.Sub("batched.db"));
  auto loaded = OpenWriter(dir.Sub("loaded.db"));
  std::vector<ArticleInput> prepared = articles;
  size_t changed = 0;
  for (ArticleInput& a : prepared) {
    const ArticleInput before = a;
    KG_ASSERT_OK(batched->PrepareArticle(&a));
    EXPECT_NE(a.meta.content_hash, 0u);
    for (size_t i = 0; i < a.facts.size(); ++i)
      changed += a.facts[i].evidence.sentence != before.facts[i].evidence.sentence;
  }
  EXPECT_GT(changed, 1000u);  // the preparation did something
  KG_ASSERT_OK(batched->WriteArticles(prepared));
  auto loader = loaded->StartBulkLoad();
  KG_ASSERT_OK(loader);
  for (const ArticleInput& a : prepared)
    KG_ASSERT_OK((*loader)->Add(a));
  KG_ASSERT_OK((*loader)->Finish());

  ExpectSameStore(*batched, *plain);
  ExpectSameStore(*loaded, *plain);

  // A fact that cannot be stored is refused, and the article left as it was.
  ArticleInput bad = articles[1];
  ASSERT_FALSE(bad.facts.empty());
  bad.facts.back().relation = "admires";
  const ArticleInput bad_before = bad;
  Status refused = batched->PrepareArticle(&bad);
  EXPECT_EQ(refused.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(refused.message().find("unknown relation 'admires'"), std::string::npos)
      << refused.ToString();
  EXPECT_EQ(bad.meta.content_hash, bad_before.meta.content_hash);
  EXPECT_EQ(bad.facts[0].evidence.sentence, bad_before.facts[0].evidence.sentence);
}

TEST(BulkLoaderTest, ACheckByOneStoreDoesNotExemptAnArticleFromAnother) {
  // PrepareArticle marks what it checked with its store's serial, and that
  // store's writers then skip the checks. Another store, or one opened
  // later at the same path, checks the article itself.
  TempDir dir;
  ArticleInput a = RandomArticles(22, 1)[0];
  ASSERT_FALSE(a.facts.empty());
  uint64_t first_serial = 0;
  {
    auto first = OpenWriter(dir.Sub("one.db"));
    KG_ASSERT_OK(first->PrepareArticle(&a));
    first_serial = a.checked_by_store;
    EXPECT_NE(first_serial, 0u);
  }
  a.facts.back().relation = "admires";  // and the mark left as it was
  for (const char* name : {"one.db", "two.db"}) {
    SCOPED_TRACE(name);
    auto store = OpenWriter(dir.Sub(name));
    ArticleInput probe;
    probe.meta.id = "probe";
    KG_ASSERT_OK(store->PrepareArticle(&probe));
    EXPECT_NE(probe.checked_by_store, first_serial);
    auto written = store->WriteArticles({a});
    ASSERT_FALSE(written.ok());
    EXPECT_NE(written.status().message().find("unknown relation 'admires'"), std::string::npos)
        << written.status().ToString();
    auto loader = store->StartBulkLoad();
    KG_ASSERT_OK(loader);
    Status added = (*loader)->Add(a);
    EXPECT_EQ(added.code(), Status::Code::kInvalidArgument) << added.ToString();
    EXPECT_EQ((*loader)->articles(), 0u);
  }
}

}  // namespace
}  // namespace kg
