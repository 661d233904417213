#include <gtest/gtest.h>

#include <random>

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

class StoreWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::OpenForWrite(dir_.Sub("kg.db"), testing::DefaultOntology());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void Reopen() {
    store_.reset();
    auto s = Store::OpenForWrite(dir_.Sub("kg.db"), testing::DefaultOntology());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  EntityId Id(const std::string& name) {
    auto id = store_->LookupEntity(name);
    EXPECT_TRUE(id.ok());
    return id.ok() && *id ? **id : 0;
  }
  RelationId Rel(const std::string& name) { return store_->FindRelation(name)->id; }
  WriteSummary Write(std::vector<ArticleInput> articles) {
    auto r = store_->WriteArticles(std::move(articles));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : WriteSummary();
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreWriteTest, WritesTriplesEvidenceAndAggregates) {
  Fact restrict = MakeFact("United States", "restricts", "China",
                           "Washington curbed exports of AI chips to China.");
  restrict.subject.aliases = {"U.S.", "Washington"};
  restrict.evidence.qualifiers = {{"item", "AI chips"}};
  restrict.evidence.confidence = 0.9;
  Fact hedged =
      MakeFact("United States", "restricts", "China", "The U.S. may widen its curbs on China.");
  hedged.evidence.modality = Modality::kHedged;
  hedged.evidence.confidence = 0.6;
  auto summary = Write(
      {MakeArticle("a1", {restrict}, "2022-10-07"), MakeArticle("a2", {hedged}, "2023-10-17")});
  EXPECT_EQ(summary.articles_written, 2u);
  EXPECT_EQ(summary.triples_added, 1u);
  EXPECT_EQ(summary.evidence_added, 2u);
  EXPECT_EQ(summary.entities_created, 2u);

  // Lookup by alias, any case, any spacing.
  EXPECT_EQ(Id("washington"), Id("United States"));
  EXPECT_EQ(Id("  u.s. "), Id("United States"));
  EXPECT_NE(Id("China"), 0u);

  const Triple t{Id("United States"), Rel("restricts"), Id("China")};
  auto stats = store_->GetTriple(t);
  ASSERT_TRUE(stats.ok() && stats->has_value());
  EXPECT_EQ((*stats)->evidence_count, 2u);
  EXPECT_EQ((*stats)->first_date, 20221007u);
  EXPECT_EQ((*stats)->last_date, 20231017u);
  EXPECT_DOUBLE_EQ((*stats)->max_confidence, 0.9);
  EXPECT_EQ((*stats)->modalities,
            ModalityBit(Modality::kAsserted) | ModalityBit(Modality::kHedged));

  std::vector<Evidence> evidence;
  KG_ASSERT_OK(store_->ScanEvidence(t, [&](const Evidence& e) {
    evidence.push_back(e);
    return true;
  }));
  ASSERT_EQ(evidence.size(), 2u);
  EXPECT_EQ(evidence[0].article, "a1");
  EXPECT_EQ(evidence[0].sentence, "Washington curbed exports of AI chips to China.");
  EXPECT_EQ(evidence[0].qualifiers, (Qualifiers{{"item", "AI chips"}}));
  EXPECT_EQ(evidence[0].date, 20221007u);  // the article's date, as the fact had none
  EXPECT_EQ(evidence[1].article, "a2");
  EXPECT_EQ(evidence[1].modality, Modality::kHedged);

  auto entity = store_->GetEntity(Id("us"));
  EXPECT_FALSE(entity.ok());  // "us" is not a name of anything
  auto us = store_->GetEntity(Id("U.S."));
  ASSERT_TRUE(us.ok());
  EXPECT_EQ(us->name, "United States");
  EXPECT_EQ(us->aliases, (std::vector<std::string>{"U.S.", "Washington"}));

  auto st = store_->GetStats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->triples, 1u);
  EXPECT_EQ(st->evidence, 2u);
  EXPECT_EQ(st->articles, 2u);
  EXPECT_EQ(st->entities, 2u);
  ExpectCountersMatchRecount(*store_);
}

TEST_F(StoreWriteTest, RewritingTheSameContentChangesNothing) {
  auto article = MakeArticle(
      "a1", {MakeFact("Nvidia", "supplies", "China", "Nvidia sells chips in China.", "company"),
             MakeFact("China", "competes_with", "United States", "The two powers compete.")});
  Write({article});
  const std::string before = DumpStore(*store_);
  auto summary = Write({article});
  EXPECT_EQ(summary.articles_unchanged, 1u);
  EXPECT_EQ(summary.articles_written + summary.articles_replaced, 0u);
  EXPECT_EQ(summary.evidence_added, 0u);
  EXPECT_EQ(DumpStore(*store_), before);  // ingest time included: not even touched
  ExpectCountersMatchRecount(*store_);
}

TEST_F(StoreWriteTest, NewContentReplacesOldEvidenceAndDropsOrphanTriples) {
  Fact shared = MakeFact("United States", "sanctions", "Huawei", "Huawei was blacklisted.",
                         "country", "company");
  Write({MakeArticle("a1", {shared, MakeFact("China", "bans", "Micron", "China barred Micron.",
                                             "country", "company")}),
         MakeArticle("b1", {shared})});
  const Triple sanction{Id("United States"), Rel("sanctions"), Id("Huawei")};
  const Triple ban{Id("China"), Rel("bans"), Id("Micron")};
  ASSERT_EQ((*store_->GetTriple(sanction))->evidence_count, 2u);

  Fact newer = MakeFact("China", "restricts", "gallium", "China limited gallium exports.",
                        "country", "technology");
  newer.evidence.confidence = 0.7;
  auto summary = Write({MakeArticle("a1", {newer}, "2023-07-03")});
  EXPECT_EQ(summary.articles_replaced, 1u);
  EXPECT_EQ(summary.evidence_removed, 2u);
  EXPECT_EQ(summary.evidence_added, 1u);
  EXPECT_EQ(summary.triples_removed, 1u);  // the ban had only a1's evidence
  EXPECT_EQ(summary.triples_added, 1u);

  EXPECT_EQ((*store_->GetTriple(sanction))->evidence_count, 1u);  // b1's remains
  EXPECT_FALSE(store_->GetTriple(ban)->has_value());
  // The orphaned triple is gone from every index.
  size_t rows = 0;
  KG_ASSERT_OK(
      store_->ScanTriples({0, Rel("bans"), 0}, [&](const TripleRow&) { return ++rows, true; }));
  KG_ASSERT_OK(
      store_->ScanTriples({0, 0, Id("Micron")}, [&](const TripleRow&) { return ++rows, true; }));
  EXPECT_EQ(rows, 0u);
  auto article = store_->GetArticle("a1");
  ASSERT_TRUE(article.ok() && article->has_value());
  EXPECT_EQ((*article)->evidence_count, 1u);
  EXPECT_EQ((*article)->date, 20230703u);
  ExpectCountersMatchRecount(*store_);
  auto stats = store_->GetStats();
  EXPECT_EQ(stats->entities, 4u);  // Micron is in no triple now
  EXPECT_EQ(stats->dictionary_entities, 5u);
}

TEST_F(StoreWriteTest, ReplacingRecomputesDatesAndConfidence) {
  Fact early = MakeFact("Japan", "restricts", "China", "Tokyo joined the curbs.");
  early.evidence.confidence = 0.95;
  Fact late = MakeFact("Japan", "restricts", "China", "Japan widened its rules.");
  late.evidence.confidence = 0.5;
  Write({MakeArticle("early", {early}, "2023-03-31"), MakeArticle("late", {late}, "2024-01-15")});
  Write({MakeArticle("early", {MakeFact("Japan", "partners_with", "Netherlands", "Allies.")})});
  const Triple t{Id("Japan"), Rel("restricts"), Id("China")};
  auto stats = store_->GetTriple(t);
  ASSERT_TRUE(stats.ok() && stats->has_value());
  EXPECT_EQ((*stats)->evidence_count, 1u);
  EXPECT_EQ((*stats)->first_date, 20240115u);
  EXPECT_DOUBLE_EQ((*stats)->max_confidence, 0.5);
  ExpectCountersMatchRecount(*store_);
}

TEST_F(StoreWriteTest, TextIndexFindsDuplicatesAndFollowsReplaceAndDelete) {
  auto article = [](const std::string& id, const std::string& object, uint64_t text_hash) {
    ArticleInput a = MakeArticle(
        id, {MakeFact("United States", "restricts", object, "Washington curbed " + object + ".")});
    a.meta.text_hash = text_hash;
    a.meta.source_hash = text_hash + 1;
    return a;
  };
  auto owner = [&](uint64_t text_hash) -> std::string {
    auto found = store_->FindArticleByText(text_hash);
    EXPECT_TRUE(found.ok());
    return found.ok() && found->has_value() ? **found : "";
  };
  // The second article with the same text, in the same write, is skipped.
  auto summary = Write({article("a1", "China", 100), article("a2", "Japan", 100)});
  EXPECT_EQ(summary.articles_written, 1u);
  EXPECT_EQ(summary.articles_duplicate, 1u);
  EXPECT_EQ(owner(100), "a1");
  auto a2 = store_->GetArticle("a2");
  ASSERT_TRUE(a2.ok());
  EXPECT_FALSE(a2->has_value());
  // ... and in a later one.
  EXPECT_EQ(Write({article("a3", "Japan", 100)}).articles_duplicate, 1u);

  // a1 gets new text: the old text is free again and its copy is stored.
  EXPECT_EQ(Write({article("a1", "Russia", 200)}).articles_replaced, 1u);
  EXPECT_EQ(owner(100), "");
  EXPECT_EQ(owner(200), "a1");
  EXPECT_EQ(Write({article("a3", "Japan", 100)}).articles_written, 1u);
  EXPECT_EQ(owner(100), "a3");

  // The same facts from a changed document: unchanged, but its hashes move.
  ArticleInput same = article("a3", "Japan", 300);
  EXPECT_EQ(Write({same}).articles_unchanged, 1u);
  auto a3 = store_->GetArticle("a3");
  ASSERT_TRUE(a3.ok() && a3->has_value());
  EXPECT_EQ((*a3)->source_hash, 301u);
  EXPECT_EQ((*a3)->text_hash, 300u);
  EXPECT_EQ(owner(100), "");
  EXPECT_EQ(owner(300), "a3");

  // An article without a text hash (kg import) is never a duplicate.
  ArticleInput plain = article("a4", "Japan", 0);
  EXPECT_EQ(Write({plain}).articles_written, 1u);

  Reopen();
  EXPECT_EQ(owner(200), "a1");
  auto deleted = store_->DeleteArticles({"a3"});
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(owner(300), "");
  EXPECT_EQ(owner(200), "a1");
  ExpectCountersMatchRecount(*store_);
}

TEST_F(StoreWriteTest, DeleteRemovesArticleEvidenceAndCounters) {
  Write({MakeArticle("a1", {MakeFact("Netherlands", "restricts", "China", "Dutch curbs."),
                            MakeFact("ASML", "supplies", "China", "ASML ships tools.", "company")}),
         MakeArticle("a2", {MakeFact("Netherlands", "restricts", "China", "More Dutch curbs.")})});
  auto summary = store_->DeleteArticles({"a1", "no-such-article"});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->articles_deleted, 1u);
  EXPECT_EQ(summary->evidence_removed, 2u);
  EXPECT_EQ(summary->triples_removed, 1u);
  EXPECT_FALSE(store_->GetArticle("a1")->has_value());
  EXPECT_TRUE(store_->GetArticle("a2")->has_value());
  ExpectCountersMatchRecount(*store_);
  KG_ASSERT_OK(store_->DeleteArticles({"a2"}));
  auto stats = store_->GetStats();
  EXPECT_EQ(stats->triples, 0u);
  EXPECT_EQ(stats->evidence, 0u);
  EXPECT_EQ(stats->articles, 0u);
  EXPECT_EQ(stats->entities, 0u);
  ExpectCountersMatchRecount(*store_);
  // The article can come back.
  Write({MakeArticle("a1", {MakeFact("Netherlands", "restricts", "China", "Dutch curbs.")})});
  EXPECT_EQ(store_->GetStats()->triples, 1u);
  ExpectCountersMatchRecount(*store_);
}

TEST_F(StoreWriteTest, SymmetricRelationsAreStoredOnceAndMatchBothWays) {
  Write({MakeArticle("a1", {MakeFact("United States", "competes_with", "China", "US vs China.")}),
         MakeArticle("a2", {MakeFact("China", "competes_with", "United States", "China vs US.")})});
  const EntityId us = Id("United States"), cn = Id("China");
  EXPECT_EQ(store_->GetStats()->triples, 1u);
  const Triple stored{std::min(us, cn), Rel("competes_with"), std::max(us, cn)};
  EXPECT_EQ((*store_->GetTriple(stored))->evidence_count, 2u);

  ScanOptions mirror;
  mirror.mirror_symmetric = true;
  for (EntityId bound : {us, cn}) {
    std::vector<Triple> found;
    KG_ASSERT_OK(store_->ScanTriples(
        {bound, 0, 0}, [&](const TripleRow& r) { return found.push_back(r.triple), true; },
        mirror));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].subject, bound);
    EXPECT_EQ(found[0].object, bound == us ? cn : us);
  }
  // Without mirroring only the stored orientation matches.
  size_t n = 0;
  KG_ASSERT_OK(
      store_->ScanTriples({std::max(us, cn), 0, 0}, [&](const TripleRow&) { return ++n, true; }));
  EXPECT_EQ(n, 0u);
}

TEST_F(StoreWriteTest, InvalidInputWritesNothing) {
  Write({MakeArticle("ok", {MakeFact("Japan", "restricts", "China", "Fine.")})});
  const std::string before = DumpStore(*store_);
  auto bad_relation = MakeArticle("x", {MakeFact("A", "restrict", "B", "s")});
  auto bad_type = MakeArticle("y", {MakeFact("A", "restricts", "B", "s", "nation")});
  auto empty_sentence = MakeArticle("z", {MakeFact("A", "restricts", "B", "   ")});
  auto bad_confidence = MakeArticle("w", {MakeFact("A", "restricts", "B", "s")});
  bad_confidence.facts[0].evidence.confidence = 1.5;
  auto empty_name = MakeArticle("v", {MakeFact(" ", "restricts", "B", "s")});
  for (auto& bad : {bad_relation, bad_type, empty_sentence, bad_confidence, empty_name}) {
    // A good article in the same batch must not land either: the batch is atomic.
    auto r = store_->WriteArticles(
        {MakeArticle("good", {MakeFact("Korea", "supplies", "China", "Chips.")}), bad});
    EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
    EXPECT_EQ(DumpStore(*store_), before);
  }
  auto dup = store_->WriteArticles({MakeArticle("d", {}), MakeArticle("d", {})});
  EXPECT_TRUE(dup.status().IsInvalidArgument());
  EXPECT_EQ(DumpStore(*store_), before);
}

TEST_F(StoreWriteTest, PersistsAcrossReopenAndKeepsAllocatingFreshIds) {
  Write({MakeArticle(
      "a1", {MakeFact("Taiwan", "manufactures", "AI chips", "Chips.", "country", "technology")})});
  const std::string before = DumpStore(*store_);
  const EntityId taiwan = Id("Taiwan");
  Reopen();
  EXPECT_EQ(DumpStore(*store_), before);
  EXPECT_EQ(Id("taiwan"), taiwan);
  Write({MakeArticle("a2", {MakeFact("TSMC", "manufactures", "AI chips", "TSMC makes chips.",
                                     "company", "technology")})});
  EXPECT_GT(Id("TSMC"), Id("AI chips"));
  EXPECT_EQ((*store_->GetTriple({Id("TSMC"), Rel("manufactures"), Id("AI chips")}))->evidence_count,
            1u);
  Reopen();
  EXPECT_EQ(store_->GetStats()->articles, 2u);
  ExpectCountersMatchRecount(*store_);
}

// A long random mix of writes, rewrites and deletes keeps every counter and
// aggregate equal to a recount from scratch.
TEST_F(StoreWriteTest, RandomOperationsKeepCountersExact) {
  std::mt19937 rng(42);
  const std::vector<std::string> names = {"United States", "China", "Huawei", "Nvidia", "SMIC",
                                          "TSMC",          "Japan", "ASML",   "Alibaba"};
  const std::vector<std::string> rels = {"restricts",     "sanctions",     "supplies",
                                         "competes_with", "partners_with", "uses"};
  auto random_article = [&](const std::string& id) {
    std::vector<Fact> facts;
    const int n = static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      Fact f = MakeFact(names[rng() % names.size()], rels[rng() % rels.size()],
                        names[rng() % names.size()], "Sentence " + std::to_string(rng() % 50));
      f.evidence.modality = static_cast<Modality>(rng() % 3);
      f.evidence.confidence = (rng() % 100) / 100.0;
      facts.push_back(f);
    }
    char date[16];
    std::snprintf(date, sizeof date, "20%02u-%02u-01", static_cast<unsigned>(18 + rng() % 7),
                  static_cast<unsigned>(1 + rng() % 12));
    return MakeArticle(id, facts, date);
  };
  for (int step = 0; step < 150; ++step) {
    const std::string id = "art" + std::to_string(rng() % 25);
    if (rng() % 4 == 0) {
      KG_ASSERT_OK(store_->DeleteArticles({id}));
    } else {
      std::vector<ArticleInput> batch = {random_article(id)};
      const std::string other = "art" + std::to_string(25 + rng() % 10);
      if (rng() % 2) batch.push_back(random_article(other));
      KG_ASSERT_OK(store_->WriteArticles(std::move(batch)));
    }
    if (step % 25 == 0) ExpectCountersMatchRecount(*store_);
  }
  ExpectCountersMatchRecount(*store_);
}

}  // namespace
}  // namespace kg
