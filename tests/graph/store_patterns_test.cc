// Every combination of bound and unbound positions of a triple pattern,
// checked against a brute-force filter of the triples that were written.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "graph/store.h"
#include "test_support.h"

namespace kg {
namespace {

using testing::MakeArticle;
using testing::MakeFact;
using testing::TempDir;

class StorePatternsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::OpenForWrite(dir_.Sub("kg.db"), testing::DefaultOntology());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();

    std::mt19937 rng(2024);
    std::vector<std::string> relations;
    for (const auto& r : store_->relations())
      relations.push_back(r.name);
    struct Named {
      std::string s, r, o;
    };
    std::vector<Named> written;
    for (int a = 0; a < 60; ++a) {
      std::vector<Fact> facts;
      for (int i = 0; i < 12; ++i) {
        // Skewed entity choice, so that some subjects have many triples.
        const int s = static_cast<int>(std::min(rng() % 40, rng() % 40));
        const int o = static_cast<int>(rng() % 40);
        const std::string& r = relations[rng() % relations.size()];
        facts.push_back(MakeFact("E" + std::to_string(s), r, "E" + std::to_string(o),
                                 "Sentence " + std::to_string(i), "company", "company"));
        written.push_back({"E" + std::to_string(s), r, "E" + std::to_string(o)});
      }
      auto r = store_->WriteArticles({MakeArticle("a" + std::to_string(a), facts)});
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
    for (const auto& w : written) {
      Triple t{**store_->LookupEntity(w.s), store_->FindRelation(w.r)->id,
               **store_->LookupEntity(w.o)};
      if (store_->GetRelation(t.relation)->symmetric && t.subject > t.object) {
        std::swap(t.subject, t.object);
      }
      reference_.insert(t);
    }
  }

  std::vector<Triple> Scan(const TriplePattern& p, bool mirror = false) {
    std::vector<Triple> out;
    ScanOptions options;
    options.mirror_symmetric = mirror;
    Status s = store_->ScanTriples(
        p,
        [&](const TripleRow& row) {
          // Rows carry the same aggregates as a point read.
          Triple stored = row.triple;
          if (mirror && store_->GetRelation(stored.relation)->symmetric &&
              stored.subject > stored.object) {
            std::swap(stored.subject, stored.object);
          }
          auto stats = store_->GetTriple(stored);
          EXPECT_TRUE(stats.ok() && stats->has_value());
          if (stats.ok() && stats->has_value()) {
            EXPECT_EQ(**stats, row.stats);
          }
          out.push_back(row.triple);
          return true;
        },
        options);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<Triple> BruteForce(const TriplePattern& p, bool mirror = false) {
    std::set<Triple> out;
    for (const Triple& t : reference_) {
      auto matches = [&](const Triple& x) {
        return (!p.subject || x.subject == p.subject) &&
               (!p.relation || x.relation == p.relation) && (!p.object || x.object == p.object);
      };
      if (matches(t)) out.insert(t);
      if (mirror && (p.subject || p.object) && store_->GetRelation(t.relation)->symmetric) {
        const Triple flipped{t.object, t.relation, t.subject};
        if (matches(flipped)) out.insert(flipped);
      }
    }
    return {out.begin(), out.end()};
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::set<Triple> reference_;
};

TEST_F(StorePatternsTest, AllEightPatternsMatchBruteForce) {
  std::mt19937 rng(7);
  std::vector<Triple> all(reference_.begin(), reference_.end());
  ASSERT_GT(all.size(), 500u);
  EXPECT_EQ(Scan({}), all);
  for (int round = 0; round < 60; ++round) {
    // Bind values of an existing triple half the time, random values otherwise
    // (which may match nothing).
    Triple base = all[rng() % all.size()];
    if (round % 2) {
      base = {static_cast<EntityId>(1 + rng() % 45), static_cast<RelationId>(1 + rng() % 22),
              static_cast<EntityId>(1 + rng() % 45)};
    }
    for (int mask = 0; mask < 8; ++mask) {
      const TriplePattern p{mask & 1 ? base.subject : 0, mask & 2 ? base.relation : RelationId{0},
                            mask & 4 ? base.object : 0};
      ASSERT_EQ(Scan(p), BruteForce(p)) << "mask " << mask << " round " << round;
    }
  }
}

TEST_F(StorePatternsTest, MirroredPatternsMatchBruteForce) {
  std::mt19937 rng(8);
  std::vector<Triple> all(reference_.begin(), reference_.end());
  for (int round = 0; round < 40; ++round) {
    const Triple base = all[rng() % all.size()];
    for (int mask = 0; mask < 8; ++mask) {
      const TriplePattern p{mask & 1 ? base.subject : 0, mask & 2 ? base.relation : RelationId{0},
                            mask & 4 ? base.object : 0};
      ASSERT_EQ(Scan(p, true), BruteForce(p, true)) << "mask " << mask << " round " << round;
    }
  }
}

TEST_F(StorePatternsTest, ScanStopsWhenTheCallbackSaysSo) {
  size_t n = 0;
  KG_ASSERT_OK(store_->ScanTriples({}, [&](const TripleRow&) { return ++n < 5; }));
  EXPECT_EQ(n, 5u);
}

}  // namespace
}  // namespace kg
