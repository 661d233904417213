// The batch ingest pipeline (ingest/corpus_ingest.h) with the real rules on
// small corpora: input order whatever the workers, resumable re-runs,
// duplicates, bad documents, fail-fast, interruption and dry runs.
#include "ingest/corpus_ingest.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "graph/store.h"
#include "ingest/corpus_files.h"
#include "tests/test_support.h"
#include "util/schema_dir.h"
#include "util/xoshiro.h"

namespace kg {
namespace {

using testing::TempDir;

const char* const kCountries[] = {"The United States", "South Korea", "Japan", "The Netherlands"};
const char* const kCompanies[] = {"Nvidia", "Huawei", "SMIC", "Foxconn", "Apple", "TSMC"};

// An article whose facts depend on n, so that articles differ.
std::string Body(int n) {
  // b is never a: an offset of 1 to 5 around the six.
  const std::string a = kCompanies[n % 6], b = kCompanies[(n % 6 + 1 + n / 6 % 5) % 6];
  const std::string c = kCountries[n % 4];
  std::string body =
      c + " restricted exports of AI chips to China. " + a + " supplies chips to " + b + ". ";
  body += "Article number " + std::to_string(n) + " has one more sentence with no fact.";
  return body;
}

std::string JsonLine(const std::string& id, const std::string& body) {
  return "{\"id\":\"" + id + "\",\"title\":\"Story " + id +
         "\",\"date\":\"2025-01-02\",\"body\":\"" + body + "\"}\n";
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

void WriteGzip(const std::string& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, text.data(), static_cast<unsigned>(text.size())),
            static_cast<int>(text.size()));
  gzclose(f);
}

class CorpusIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ontology = Ontology::LoadFromDir(DefaultSchemaDir());
    ASSERT_TRUE(ontology.ok()) << ontology.status().ToString();
    ontology_ = std::move(*ontology);
    auto extractor = Extractor::Create(DefaultSchemaDir(), ontology_);
    ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
    extractor_ = std::move(*extractor);
  }

  // A corpus of n articles in four files of four formats.
  std::vector<std::string> MakeCorpus(const std::string& dir, int n) {
    std::filesystem::create_directories(dir + "/sub");
    std::string jsonl, json = "[", gz;
    for (int i = 0; i < n; ++i) {
      const std::string id = "art-" + std::to_string(i);
      switch (i % 4) {
        case 0:
          jsonl += JsonLine(id, Body(i));
          break;
        case 1:
          json += std::string(json.size() > 1 ? "," : "") + JsonLine(id, Body(i));
          break;
        case 2:
          gz += JsonLine(id, Body(i));
          break;
        default:
          WriteText(dir + "/sub/" + id + ".txt", "id: " + id + "\ntitle: Story " + id +
                                                     "\ndate: 2025-01-02\n\n" + Body(i) + "\n");
      }
    }
    WriteText(dir + "/a.jsonl", jsonl);
    WriteText(dir + "/b.json", json + "]");
    WriteGzip(dir + "/c.jsonl.gz", gz);
    return {dir};
  }

  struct Outcome {
    IngestResult result;
    std::vector<LineError> bad;
  };

  Outcome Ingest(Store* store, const std::vector<std::string>& inputs, IngestOptions options,
                 const CorpusIngester::ProgressFn& progress = nullptr) {
    Outcome out;
    auto corpus = ListCorpus(inputs);
    EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
    if (!corpus.ok()) return out;
    auto reader = ArticleReader::Create(DefaultSchemaDir());
    EXPECT_TRUE(reader.ok());
    CorpusIngester ingester(store, *extractor_, **reader, options);
    out.result = ingester.Run(
        *corpus, [&](const LineError& e) { out.bad.push_back(e); }, progress,
        std::chrono::milliseconds(1));
    return out;
  }

  std::unique_ptr<Store> Open(const std::string& path) {
    auto store = Store::OpenForWrite(path, ontology_);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Every piece of evidence by names, per article id: compares stores
  // whatever ids their entities got.
  static std::map<std::string, std::multiset<std::string>> Dump(const Store& store) {
    std::map<std::string, std::multiset<std::string>> out;
    std::vector<std::string> ids;
    EXPECT_TRUE(store
                    .ScanArticles([&](const ArticleMeta& m) {
                      ids.push_back(m.id);
                      return true;
                    })
                    .ok());
    for (const std::string& id : ids) {
      auto& lines = out[id];
      EXPECT_TRUE(store
                      .ScanArticleEvidence(id,
                                           [&](const Triple& t, const Evidence& e) {
                                             auto s = store.GetEntity(t.subject);
                                             auto o = store.GetEntity(t.object);
                                             lines.insert(s->name + "|" +
                                                          store.GetRelation(t.relation)->name +
                                                          "|" + o->name + "|" + e.sentence);
                                             return true;
                                           })
                      .ok());
    }
    return out;
  }

  Ontology ontology_;
  std::unique_ptr<Extractor> extractor_;
};

TEST_F(CorpusIngestTest, StoresEveryFormatInInputOrderWhateverTheWorkers) {
  TempDir tmp;
  const auto inputs = MakeCorpus(tmp.Sub("corpus"), 60);
  std::map<std::string, std::multiset<std::string>> first;
  std::vector<std::string> first_names;
  // Through WriteArticles batches and through bulk chunks: the same store.
  for (const auto& [workers, bulk] : {std::pair{1u, false}, {4u, false}, {1u, true}, {4u, true}}) {
    SCOPED_TRACE(::testing::Message() << workers << " workers, bulk " << bulk);
    auto store = Open(tmp.Sub("db" + std::to_string(workers) + (bulk ? "bulk" : "")));
    IngestOptions options;
    options.workers = workers;
    options.bulk = bulk;
    options.batch_articles = 7;    // several batches
    options.bulk_bytes = 4 << 10;  // several chunks
    const Outcome out = Ingest(store.get(), inputs, options);
    ASSERT_TRUE(out.result.error.ok()) << out.result.error.ToString();
    EXPECT_TRUE(out.bad.empty()) << out.bad.front().ToString();
    const IngestProgress& p = out.result.progress;
    EXPECT_EQ(p.documents, 60u);
    EXPECT_EQ(p.articles_written, 60u);
    EXPECT_EQ(p.files_done, p.files_total);
    EXPECT_EQ(p.files_total, 18u);  // a.jsonl, b.json, c.jsonl.gz and 15 texts
    EXPECT_GE(p.batches, bulk ? 3u : 60u / 7);
    EXPECT_GT(p.triples_added, 0u);
    auto dump = Dump(*store);
    EXPECT_EQ(dump.size(), 60u);
    for (const auto& [id, lines] : dump)
      EXPECT_GE(lines.size(), 2u) << id;  // the restriction and the supply
    // Entity ids follow the order of first mention: the same store from 1
    // or 4 workers.
    std::vector<std::string> names;
    ASSERT_TRUE(store
                    ->ScanEntities([&](const Entity& e) {
                      names.push_back(e.name);
                      return true;
                    })
                    .ok());
    if (first.empty()) {
      first = dump;
      first_names = names;
    } else {
      EXPECT_EQ(dump, first);
      EXPECT_EQ(names, first_names);
    }
  }
}

TEST_F(CorpusIngestTest, ReRunSkipsUnchangedAndReplacesChanged) {
  TempDir tmp;
  const auto inputs = MakeCorpus(tmp.Sub("corpus"), 20);
  auto store = Open(tmp.Sub("db"));
  IngestOptions options;
  options.rules_fingerprint = 11;
  ASSERT_EQ(Ingest(store.get(), inputs, options).result.progress.articles_written, 20u);
  const auto before = Dump(*store);

  Outcome again = Ingest(store.get(), inputs, options);
  EXPECT_EQ(again.result.progress.articles_skipped, 20u);
  EXPECT_EQ(again.result.progress.articles_written, 0u);
  EXPECT_EQ(again.result.progress.batches, 0u);  // nothing extracted, nothing written
  EXPECT_EQ(Dump(*store), before);

  // One article changes: only it is extracted and replaced.
  WriteText(tmp.Sub("corpus/sub/art-3.txt"),
            "id: art-3\ntitle: Story art-3\ndate: 2025-01-02\n\nHuawei competes with Apple.\n");
  Outcome changed = Ingest(store.get(), inputs, options);
  EXPECT_EQ(changed.result.progress.articles_skipped, 19u);
  EXPECT_EQ(changed.result.progress.articles_replaced, 1u);
  auto after = Dump(*store);
  ASSERT_EQ(after["art-3"].size(), 1u);
  EXPECT_NE(after["art-3"].begin()->find("competes_with"), std::string::npos);

  // Other rules: everything is read again, and found unchanged by the store.
  options.rules_fingerprint = 12;
  Outcome rules = Ingest(store.get(), inputs, options);
  EXPECT_EQ(rules.result.progress.articles_skipped, 0u);
  EXPECT_EQ(rules.result.progress.articles_unchanged, 20u);
  // ... and then skipped again under those rules.
  EXPECT_EQ(Ingest(store.get(), inputs, options).result.progress.articles_skipped, 20u);
  // --reextract reads every article whatever the hashes say.
  options.reextract = true;
  EXPECT_EQ(Ingest(store.get(), inputs, options).result.progress.articles_unchanged, 20u);
}

TEST_F(CorpusIngestTest, DuplicatesAreStoredOnce) {
  TempDir tmp;
  // The same id twice (the later, changed version wins, as a re-run would
  // make it), the same text under two ids (also with other line breaks),
  // and the same file named twice.
  WriteText(tmp.Sub("a.jsonl"), JsonLine("x", Body(1)) + JsonLine("y", Body(2)) +
                                    JsonLine("x", Body(5)) + JsonLine("z", Body(2)));
  std::string spaced = Body(2);
  std::replace(spaced.begin(), spaced.end(), ' ', '\n');
  WriteText(tmp.Sub("b.txt"), "id: w\n\n  " + spaced + "\n\n");
  auto store = Open(tmp.Sub("db"));
  const Outcome out =
      Ingest(store.get(), {tmp.Sub("a.jsonl"), tmp.Sub("b.txt"), tmp.Sub("a.jsonl")}, {});
  ASSERT_TRUE(out.result.error.ok());
  const IngestProgress& p = out.result.progress;
  EXPECT_EQ(p.documents, 5u);  // a.jsonl once
  EXPECT_EQ(p.articles_written, 2u);
  EXPECT_EQ(p.articles_replaced, 1u);
  EXPECT_EQ(p.articles_duplicate, 2u);
  auto dump = Dump(*store);
  EXPECT_EQ(dump.size(), 2u);
  EXPECT_TRUE(dump.count("x") && dump.count("y"));
  auto x = store->GetArticle("x");
  ASSERT_TRUE(x.ok() && x->has_value());
  EXPECT_EQ((*x)->text_hash, ArticleTextHash(Body(5)));
  auto twin = store->FindArticleByText(ArticleTextHash(Body(2)));
  ASSERT_TRUE(twin.ok() && twin->has_value());
  EXPECT_EQ(**twin, "y");
  // A later run finds the duplicates before extracting them.
  const Outcome again = Ingest(store.get(), {tmp.Sub("b.txt")}, {});
  EXPECT_EQ(again.result.progress.articles_duplicate, 1u);
  EXPECT_EQ(again.result.progress.batches, 0u);
}

TEST_F(CorpusIngestTest, BadDocumentsAreReportedInOrderAndSkipped) {
  TempDir tmp;
  WriteText(tmp.Sub("a.jsonl"), JsonLine("a1", Body(1)) + "{\"id\": \"a2\", \"body\": \n" +
                                    JsonLine("a3", Body(3)) + "\"just a string\"\n");
  WriteText(tmp.Sub("b.jsonl.gz"),
            std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03") + std::string(64, '\x7f'));
  std::string good_gz = JsonLine("c1", Body(4)) + JsonLine("c2", Body(6));
  WriteGzip(tmp.Sub("c.jsonl.gz"), good_gz);
  {
    // Cut short: the first whole line survives.
    std::ifstream in(tmp.Sub("c.jsonl.gz"), std::ios::binary);
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    WriteText(tmp.Sub("d.jsonl.gz"), all.substr(0, all.size() - 12));
  }
  std::filesystem::remove(tmp.Sub("c.jsonl.gz"));
  WriteText(tmp.Sub("e.txt"), "   \n");
  auto store = Open(tmp.Sub("db"));
  const Outcome out = Ingest(store.get(), {tmp.path()}, {});
  ASSERT_TRUE(out.result.error.ok());
  std::vector<std::string> where;
  for (const LineError& e : out.bad)
    where.push_back(std::filesystem::path(e.file).filename().string() + ":" +
                    std::to_string(e.line));
  // In input order; the truncated file names its line and then the break.
  EXPECT_EQ(where, (std::vector<std::string>{"a.jsonl:2", "a.jsonl:4", "b.jsonl.gz:0",
                                             "d.jsonl.gz:2", "d.jsonl.gz:0", "e.txt:1"}))
      << ::testing::PrintToString(where);
  EXPECT_NE(out.bad[2].message.find("corrupt compressed data"), std::string::npos)
      << out.bad[2].message;
  EXPECT_NE(out.bad[4].message.find("unexpected end of compressed data"), std::string::npos)
      << out.bad[4].message;
  EXPECT_EQ(out.result.progress.bad_documents, 6u);
  auto dump = Dump(*store);
  EXPECT_EQ(dump.size(), 3u);  // a1, a3, c1
  EXPECT_TRUE(dump.count("a1") && dump.count("a3") && dump.count("c1"));
}

TEST_F(CorpusIngestTest, FailFastStopsAtTheFirstBadDocument) {
  TempDir tmp;
  std::string lines;
  for (int i = 0; i < 30; ++i)
    lines += i == 12 ? std::string("{broken\n") : JsonLine("n" + std::to_string(i), Body(i));
  WriteText(tmp.Sub("a.jsonl"), lines);
  auto store = Open(tmp.Sub("db"));
  IngestOptions options;
  options.fail_fast = true;
  options.workers = 3;
  options.batch_articles = 5;
  const Outcome out = Ingest(store.get(), {tmp.Sub("a.jsonl")}, options);
  EXPECT_TRUE(out.result.stopped_at_bad_document);
  ASSERT_EQ(out.bad.size(), 1u);
  EXPECT_EQ(out.bad[0].line, 13u);
  // Exactly the twelve articles before it.
  auto dump = Dump(*store);
  EXPECT_EQ(dump.size(), 12u);
  for (int i = 0; i < 12; ++i)
    EXPECT_TRUE(dump.count("n" + std::to_string(i))) << i;
}

TEST_F(CorpusIngestTest, StopFinishesTheBatchInFlightAndARerunCompletes) {
  TempDir tmp;
  const auto inputs = MakeCorpus(tmp.Sub("corpus"), 200);
  auto clean = Open(tmp.Sub("clean"));
  ASSERT_EQ(Ingest(clean.get(), inputs, {}).result.progress.articles_written, 200u);
  const auto expected = Dump(*clean);

  auto store = Open(tmp.Sub("db"));
  std::atomic<bool> stop{false};
  IngestOptions options;
  options.stop = &stop;
  options.workers = 2;
  options.batch_articles = 8;
  options.bulk_bytes = 8 << 10;  // chunks of a few articles
  options.window_bytes = 4096;   // a small window: the reader waits often
  const Outcome out = Ingest(store.get(), inputs, options, [&](const IngestProgress& p) {
    if (p.articles_written >= 40) stop = true;
  });
  EXPECT_TRUE(out.result.interrupted);
  const uint64_t written = out.result.progress.articles_written;
  EXPECT_GE(written, 40u);
  EXPECT_LT(written, 200u);
  // Whole articles only, each as the clean run stored it.
  auto partial = Dump(*store);
  EXPECT_EQ(partial.size(), written);
  for (const auto& [id, lines] : partial)
    EXPECT_EQ(lines, expected.at(id)) << id;

  stop = false;
  const Outcome rest = Ingest(store.get(), inputs, options);
  EXPECT_FALSE(rest.result.interrupted);
  EXPECT_EQ(rest.result.progress.articles_skipped, written);
  EXPECT_EQ(rest.result.progress.articles_written, 200u - written);
  EXPECT_EQ(Dump(*store), expected);
}

TEST_F(CorpusIngestTest, DryRunWritesNothing) {
  TempDir tmp;
  const auto inputs = MakeCorpus(tmp.Sub("corpus"), 12);
  IngestOptions options;
  options.dry_run = true;
  const Outcome out = Ingest(nullptr, inputs, options);
  EXPECT_EQ(out.result.progress.articles_written, 12u);
  EXPECT_GE(out.result.progress.evidence_added, 24u);
  EXPECT_GT(out.result.progress.text_bytes, 0u);
}

TEST(ArticleTextHashTest, IgnoresWhiteSpaceLayoutOnly) {
  EXPECT_EQ(ArticleTextHash("a b\nc"), ArticleTextHash("  a\t\tb  \n\n c \n"));
  EXPECT_NE(ArticleTextHash("a b c"), ArticleTextHash("ab c"));
  EXPECT_NE(ArticleTextHash("a b c"), ArticleTextHash("a b C"));
  EXPECT_NE(ArticleTextHash(""), 0u);
}

// The values are part of the store's format (ArticleMeta::text_hash and
// source_hash): they were computed by an independent model of the rules
// (FNV-1a 64 of the collapsed text, the document's length-prefixed fields,
// then the final mix), and must never change.
TEST(ArticleTextHashTest, ValuesNeverChange) {
  EXPECT_EQ(ArticleTextHash("  Chip curbs\ttighten.\r\n\nBeijing  responds \v\f"),
            0x2b79cd7fa9fbfc23u);
  EXPECT_EQ(ArticleTextHash(""), 0xefd01f60ba992926u);
  EXPECT_EQ(ArticleTextHash("\xe5\x8d\x8e\xe4\xb8\xba ships"), 0x5481a11830f950a7u);
  ArticleText a;
  a.title = "Title";
  a.date = "2024-05-01";
  a.source = "Wire";
  a.url = "https://example.org/x";
  a.body = "Body text.\n";
  EXPECT_EQ(ArticleDocumentHash(a), 0x55260ad6b3c5d531u);
  EXPECT_EQ(ArticleSourceHash(a, 0x0123456789abcdefu), 0x4ff70c5af7bc743au);
  const ArticleHashes both = HashArticle(a, 0x0123456789abcdefu);
  EXPECT_EQ(both.source, 0x4ff70c5af7bc743au);
  EXPECT_EQ(both.text, ArticleTextHash(a.body));
}

// The one-pass hashes are the two hashes, whatever the layout of white
// space: random bodies of words, runs of every kind of space (at the start
// and end too), and bytes past ASCII.
TEST(HashArticleTest, OnePassGivesBothHashes) {
  Xoshiro256 rng(7);
  const std::string pieces[] = {"chip", "x",  "\xe5\x8d\x8e", " ",     "\t", "\n",
                                "\r",   "\f", "\v",           "  \n ", "-",  "."};
  for (int trial = 0; trial < 500; ++trial) {
    ArticleText a;
    a.title = "t" + std::to_string(trial);
    a.url = trial % 2 ? "u" : "";
    const int n = static_cast<int>(rng.Next() % 40);
    for (int i = 0; i < n; ++i)
      a.body += pieces[rng.Next() % std::size(pieces)];
    const uint64_t fingerprint = rng.Next();
    const ArticleHashes both = HashArticle(a, fingerprint);
    EXPECT_EQ(both.source, ArticleSourceHash(a, fingerprint)) << a.body;
    EXPECT_EQ(both.text, ArticleTextHash(a.body)) << a.body;
  }
}

TEST(RulesFingerprintTest, ChangesWithAnyFile) {
  TempDir tmp;
  std::filesystem::create_directories(tmp.Sub("gazetteer"));
  WriteText(tmp.Sub("a.json"), "{}");
  WriteText(tmp.Sub("gazetteer/b.tsv"), "x");
  auto first = RulesFingerprint(tmp.path());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*RulesFingerprint(tmp.path()), *first);
  WriteText(tmp.Sub("gazetteer/b.tsv"), "y");
  EXPECT_NE(*RulesFingerprint(tmp.path()), *first);
  EXPECT_FALSE(RulesFingerprint(tmp.Sub("missing")).ok());
}

}  // namespace
}  // namespace kg
