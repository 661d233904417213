// Whole-store views for tests: a canonical dump, and counters recomputed by
// brute force from the indexes, to compare with the maintained ones.
#ifndef KG_TESTS_GRAPH_STORE_TEST_UTIL_H_
#define KG_TESTS_GRAPH_STORE_TEST_UTIL_H_

#include <map>
#include <sstream>
#include <string>

#include "graph/store.h"
#include "test_support.h"

namespace kg::testing {

// Every triple with its stats and evidence, every article, every entity.
inline std::string DumpStore(const Store& store, bool with_ingest_time = true) {
  std::ostringstream out;
  auto s = store.ScanTriples({}, [&](const TripleRow& row) {
    const auto& t = row.triple;
    const auto& st = row.stats;
    out << "T " << t.subject << " " << t.relation << " " << t.object << " n=" << st.evidence_count
        << " d=" << st.first_date << "-" << st.last_date << " c=" << st.max_confidence
        << " m=" << int(st.modalities) << "\n";
    auto es = store.ScanEvidence(t, [&](const Evidence& e) {
      out << "  E " << e.article << " " << e.sentence_index << " " << e.sentence << " "
          << ModalityName(e.modality) << " " << e.confidence << " " << e.date;
      for (const auto& [k, v] : e.qualifiers)
        out << " " << k << "=" << v;
      out << "\n";
      return true;
    });
    EXPECT_TRUE(es.ok()) << es.ToString();
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = store.ScanArticles([&](const ArticleMeta& a) {
    out << "A " << a.id << " " << a.title << " " << a.date << " " << a.content_hash << " "
        << a.evidence_count << " " << (with_ingest_time ? a.ingest_time : 0) << " " << a.source_hash
        << " " << a.text_hash << "\n";
    if (a.text_hash != 0) {
      // The text index names an article that holds the text.
      auto owner = store.FindArticleByText(a.text_hash);
      EXPECT_TRUE(owner.ok() && owner->has_value()) << a.id;
      if (owner.ok() && owner->has_value()) out << "  text owner " << **owner << "\n";
    }
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = store.ScanEntities([&](const Entity& e) {
    out << "N " << e.id << " " << e.name << " " << e.type;
    for (const auto& a : e.aliases)
      out << " |" << a;
    out << "\n";
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out.str();
}

// Checks that every maintained counter equals a recount from the indexes.
inline void ExpectCountersMatchRecount(const Store& store) {
  StoreStats want;
  std::map<RelationId, std::pair<uint64_t, uint64_t>> rel;
  std::map<EntityId, EntityCounts> ent;
  auto s = store.ScanTriples({}, [&](const TripleRow& row) {
    const auto& t = row.triple;
    ++want.triples;
    want.evidence += row.stats.evidence_count;
    rel[t.relation].first++;
    rel[t.relation].second += row.stats.evidence_count;
    ent[t.subject].out_triples++;
    ent[t.subject].evidence += row.stats.evidence_count;
    ent[t.object].in_triples++;
    if (t.object != t.subject) ent[t.object].evidence += row.stats.evidence_count;
    uint64_t n = 0;
    EXPECT_TRUE(store.ScanEvidence(t, [&](const Evidence&) { return ++n, true; }).ok());
    EXPECT_EQ(n, row.stats.evidence_count) << "evidence rows vs aggregate";
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  uint64_t articles = 0;
  ASSERT_TRUE(store.ScanArticles([&](const ArticleMeta&) { return ++articles, true; }).ok());
  std::map<TypeId, std::pair<uint64_t, uint64_t>> types;
  uint64_t dictionary = 0;
  ASSERT_TRUE(store
                  .ScanEntities([&](const Entity& e) {
                    ++dictionary;
                    types[e.type].second++;
                    if (ent.count(e.id)) types[e.type].first++;
                    return true;
                  })
                  .ok());

  auto stats = store.GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->triples, want.triples);
  EXPECT_EQ(stats->evidence, want.evidence);
  EXPECT_EQ(stats->articles, articles);
  EXPECT_EQ(stats->entities, ent.size());
  EXPECT_EQ(stats->dictionary_entities, dictionary);
  for (const auto& r : stats->relations) {
    EXPECT_EQ(r.triples, rel[r.relation.id].first) << r.relation.name;
    EXPECT_EQ(r.evidence, rel[r.relation.id].second) << r.relation.name;
  }
  for (const auto& t : stats->types) {
    EXPECT_EQ(t.entities, types[t.type.id].first) << t.type.name;
    EXPECT_EQ(t.dictionary_entities, types[t.type.id].second) << t.type.name;
  }
  for (const auto& [id, counts] : ent) {
    auto got = store.GetEntityCounts(id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->out_triples, counts.out_triples) << "entity " << id;
    EXPECT_EQ(got->in_triples, counts.in_triples) << "entity " << id;
    EXPECT_EQ(got->evidence, counts.evidence) << "entity " << id;
  }
}

}  // namespace kg::testing

#endif  // KG_TESTS_GRAPH_STORE_TEST_UTIL_H_
