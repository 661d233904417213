// Projection from a real store, filters, the cache, and the algorithms on
// small graphs whose answers are known by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "graph/centrality.h"
#include "graph/components.h"
#include "graph/neighborhood.h"
#include "graph/paths.h"
#include "graph/projection.h"
#include "test_support.h"

namespace kg {
namespace {

using testing::MakeArticle;
using testing::MakeFact;
using testing::TempDir;
using Vertex = Projection::Vertex;

Fact With(Fact f, double confidence, Modality modality = Modality::kAsserted) {
  f.evidence.confidence = confidence;
  f.evidence.modality = modality;
  return f;
}

class ProjectionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::OpenForWrite(dir_.Sub("kg.db"), testing::DefaultOntology());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    std::vector<ArticleInput> articles;
    articles.push_back(MakeArticle(
        "a1",
        {With(MakeFact("United States", "restricts", "China", "US restricts China."), 0.9),
         With(MakeFact("United States", "sanctions", "Huawei", "US sanctions Huawei.", "country",
                       "company"),
              0.8),
         With(MakeFact("China", "competes_with", "United States", "China rivals the US."), 0.7),
         With(MakeFact("Japan", "restricts", "China", "Japan did not restrict China."), 0.6,
              Modality::kNegated)},
        "2023-03-01"));
    articles.push_back(MakeArticle(
        "a2",
        {With(MakeFact("United States", "restricts", "China", "Washington curbs Beijing."), 0.5),
         With(MakeFact("Huawei", "supplies", "Russia", "Huawei sells to Russia.", "company",
                       "country"),
              0.3)},
        "2025-01-10"));
    auto w = store_->WriteArticles(std::move(articles));
    ASSERT_TRUE(w.ok()) << w.status().ToString();
  }

  RelationId Relation(const std::string& name) {
    for (const auto& r : store_->relations())
      if (r.name == name) return r.id;
    ADD_FAILURE() << name;
    return 0;
  }
  TypeId Type(const std::string& name) {
    for (const auto& t : store_->entity_types())
      if (t.name == name) return t.id;
    ADD_FAILURE() << name;
    return 0;
  }
  std::unique_ptr<Projection> Build(const GraphFilter& f) {
    auto p = Projection::Build(*store_, f);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(p).value() : nullptr;
  }
  std::string Name(const Projection& g, Vertex v) {
    auto e = store_->GetEntity(g.entity(v));
    return e.ok() ? e->name : "?";
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ProjectionStoreTest, EdgesAreTriplesWithTheirAggregates) {
  const auto g = Build(GraphFilter{});
  ASSERT_NE(g, nullptr);
  // US, China, Huawei, Japan, Russia; five triples, the symmetric one twice.
  EXPECT_EQ(g->num_vertices(), 5u);
  EXPECT_EQ(g->num_edges(), 6u);
  size_t mirrors = 0;
  for (Projection::EdgeIndex e = 0; e < g->num_edges(); ++e) {
    const EdgeData& d = g->data(e);
    mirrors += d.mirror;
    if (Name(*g, g->source(e)) == "United States" && Name(*g, g->target(e)) == "China" &&
        d.relation == Relation("restricts")) {
      EXPECT_EQ(d.evidence, 2u);
      EXPECT_FLOAT_EQ(d.max_confidence, 0.9f);
      EXPECT_EQ(FormatDate(d.first_date), "2023-03-01");
      EXPECT_EQ(FormatDate(d.last_date), "2025-01-10");
    }
    // CSR order: sources never decrease.
    if (e > 0) {
      EXPECT_LE(g->source(e - 1), g->source(e));
    }
  }
  EXPECT_EQ(mirrors, 1u);
  const Vertex us = g->vertex(*store_->LookupEntity("United States").value());
  ASSERT_NE(us, Projection::kNoVertex);
  EXPECT_EQ(g->entity(us), *store_->LookupEntity("United States").value());
}

TEST_F(ProjectionStoreTest, FiltersKeepWhatTheySay) {
  GraphFilter f;
  f.relations = {Relation("restricts")};
  EXPECT_EQ(Build(f)->num_edges(), 2u);
  f.modalities = ModalityBit(Modality::kAsserted) | ModalityBit(Modality::kHedged);
  EXPECT_EQ(Build(f)->num_edges(), 1u);  // Japan's negated curb is gone
  f = GraphFilter{};
  f.min_evidence = 2;
  EXPECT_EQ(Build(f)->num_edges(), 1u);
  f = GraphFilter{};
  f.min_confidence = 0.75;
  EXPECT_EQ(Build(f)->num_edges(), 2u);  // US->China (0.9), US->Huawei (0.8)
  f = GraphFilter{};
  f.types = {Type("country")};
  EXPECT_EQ(Build(f)->num_edges(), 4u);  // no Huawei: 2 restricts + competes both ways
  f = GraphFilter{};
  ParseDate("2024-01-01", &f.from);
  const auto late = Build(f);
  EXPECT_EQ(late->num_edges(), 2u);  // US->China (last 2025), Huawei->Russia
  f = GraphFilter{};
  ParseDate("2023-12-31", &f.to);
  EXPECT_EQ(Build(f)->num_edges(), 5u);  // everything first seen in 2023
}

TEST_F(ProjectionStoreTest, CacheRebuildsOnlyAfterAChange) {
  ProjectionCache cache;
  auto a = cache.Get(*store_, GraphFilter{});
  ASSERT_TRUE(a.ok());
  auto b = cache.Get(*store_, GraphFilter{});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->get(), b->get());
  GraphFilter other;
  other.min_evidence = 2;
  auto c = cache.Get(*store_, other);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->get(), a->get());
  auto w = store_->WriteArticles({MakeArticle(
      "a3", {MakeFact("India", "partners_with", "Japan", "India works with Japan.")})});
  ASSERT_TRUE(w.ok());
  auto d = cache.Get(*store_, GraphFilter{});
  ASSERT_TRUE(d.ok());
  EXPECT_NE(d->get(), a->get());
  EXPECT_EQ((*d)->num_edges(), (*a)->num_edges() + 2);
}

// A graph from edge pairs: vertex v is entity v + 1.
struct Edge {
  uint32_t from, to;
  double confidence = 1.0;
  uint32_t evidence = 1;
  RelationId relation = 1;
};
std::unique_ptr<Projection> Graph(size_t n, const std::vector<Edge>& edges) {
  std::vector<ProjectedTriple> triples;
  for (const Edge& e : edges) {
    ProjectedTriple t;
    t.subject = e.from + 1;
    t.object = e.to + 1;
    t.relation = e.relation;
    for (uint32_t i = 0; i < e.evidence; ++i)
      t.stats.Add(0, e.confidence, Modality::kAsserted);
    triples.push_back(t);
  }
  std::vector<EntityId> all(n);
  for (size_t v = 0; v < n; ++v)
    all[v] = static_cast<EntityId>(v + 1);
  return Projection::FromTriples(std::move(triples), {}, GraphFilter{}, all);
}

TEST(PathsTest, ShortestWeightedAndUndirected) {
  // 0 -> 1 -> 3 is short but weak; 0 -> 2 -> 4 -> 3 is longer but sure.
  const auto g =
      Graph(5, {{0, 1, 0.1}, {1, 3, 0.1}, {0, 2, 1.0, 5}, {2, 4, 1.0, 5}, {4, 3, 1.0, 5}});
  PathQuery q;
  auto hops = ShortestPath(*g, 0, 3, q);
  ASSERT_TRUE(hops.has_value());
  EXPECT_EQ(hops->vertices, (std::vector<Vertex>{0, 1, 3}));
  EXPECT_EQ(hops->cost, 2);
  q.weighted = true;
  auto sure = ShortestPath(*g, 0, 3, q);
  ASSERT_TRUE(sure.has_value());
  EXPECT_EQ(sure->vertices, (std::vector<Vertex>{0, 2, 4, 3}));
  // Against the edges only when undirected.
  q = PathQuery{};
  EXPECT_FALSE(ShortestPath(*g, 3, 0, q).has_value());
  q.directed = false;
  auto back = ShortestPath(*g, 3, 0, q);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->vertices, (std::vector<Vertex>{3, 1, 0}));
  EXPECT_TRUE(back->steps[0].reversed);
  // The one-vertex path.
  EXPECT_EQ(ShortestPath(*g, 2, 2, q)->vertices, (std::vector<Vertex>{2}));
}

TEST(PathsTest, ParallelEdgesMakeOnePathAndTheBestOneIsTaken) {
  const auto g = Graph(2, {{0, 1, 0.4, 1, 1}, {0, 1, 0.9, 1, 2}});
  const auto paths = KShortestPaths(*g, 0, 1, 5, PathQuery{});
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_EQ(g->data(paths[0].steps[0].edge).relation, 2);
}

TEST(PathsTest, YenAndBoundedSimplePaths) {
  // Two routes of 2 hops, one of 3, one of 4 from 0 to 5.
  const auto g =
      Graph(8, {{0, 1}, {1, 5}, {0, 2}, {2, 5}, {0, 3}, {3, 4}, {4, 5}, {0, 6}, {6, 7}, {7, 3}});
  const auto k = KShortestPaths(*g, 0, 5, 10, PathQuery{});
  std::vector<size_t> lengths;
  for (const auto& p : k)
    lengths.push_back(p.steps.size());
  EXPECT_EQ(lengths, (std::vector<size_t>{2, 2, 3, 5}));
  EXPECT_EQ(SimplePaths(*g, 0, 5, 3, 100, PathQuery{}).size(), 3u);
  EXPECT_EQ(SimplePaths(*g, 0, 5, 10, 2, PathQuery{}).size(), 2u);  // the cap
  EXPECT_TRUE(SimplePaths(*g, 5, 0, 10, 100, PathQuery{}).empty());
}

TEST(NeighborhoodTest, RadiusAndDirection) {
  // 0 -> 1 -> 2 -> 3, and 4 -> 0.
  const auto g = Graph(5, {{0, 1}, {1, 2}, {2, 3}, {4, 0}});
  auto out1 = EgoNetwork(*g, 0, 1, Projection::Direction::kOut);
  EXPECT_EQ(out1.vertices, (std::vector<Vertex>{0, 1}));
  auto out2 = EgoNetwork(*g, 0, 2, Projection::Direction::kOut);
  EXPECT_EQ(out2.vertices, (std::vector<Vertex>{0, 1, 2}));
  EXPECT_EQ(out2.distance, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(out2.edges.size(), 2u);
  auto in1 = EgoNetwork(*g, 0, 1, Projection::Direction::kIn);
  EXPECT_EQ(in1.vertices, (std::vector<Vertex>{0, 4}));
  auto both = EgoNetwork(*g, 0, 1, Projection::Direction::kBoth);
  EXPECT_EQ(both.vertices, (std::vector<Vertex>{0, 1, 4}));
  auto capped = EgoNetwork(*g, 0, 3, Projection::Direction::kBoth, 2);
  EXPECT_TRUE(capped.truncated);
  EXPECT_EQ(capped.vertices.size(), 2u);
}

TEST(ComponentsTest, WeakAndStrong) {
  // A 3-cycle feeding a tail, and a separate pair.
  const auto g = Graph(6, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {4, 5}});
  const Components weak = WeakComponents(*g);
  EXPECT_EQ(weak.sizes, (std::vector<uint32_t>{4, 2}));
  EXPECT_EQ(weak.component[3], weak.component[0]);
  EXPECT_NE(weak.component[4], weak.component[0]);
  const Components strong = StrongComponents(*g);
  EXPECT_EQ(strong.sizes, (std::vector<uint32_t>{3, 1, 1, 1}));
  EXPECT_EQ(strong.component[0], 0u);
  EXPECT_EQ(strong.component[2], 0u);
}

TEST(CentralityTest, HandKnownValues) {
  // A two-cycle shares the rank evenly.
  const auto pair = Graph(2, {{0, 1}, {1, 0}});
  const auto pr = PageRank(*pair);
  EXPECT_TRUE(pr.converged);
  EXPECT_NEAR(pr.scores[0], 0.5, 1e-9);
  EXPECT_NEAR(pr.scores[1], 0.5, 1e-9);
  // A path 0 - 1 - 2 (undirected): 1 lies on the only path between 0 and 2.
  const auto path = Graph(3, {{0, 1}, {1, 2}});
  BetweennessOptions b;
  b.directed = false;
  const auto bc = Betweenness(*path, b);
  EXPECT_NEAR(bc[1], 1.0, 1e-12);  // normalized: 2 ordered pairs / ((n-1)(n-2) = 2)
  EXPECT_NEAR(bc[0], 0.0, 1e-12);
  // Harmonic: from 0, vertex 2 is at distance 2.
  const auto h = HarmonicCloseness(*path, false);
  EXPECT_NEAR(h[0], 1.0 + 0.5, 1e-12);
  EXPECT_NEAR(h[1], 2.0, 1e-12);
  // Degree counts neighbours once, or evidence.
  const auto multi = Graph(3, {{0, 1, 1.0, 3, 1}, {0, 1, 1.0, 2, 2}, {2, 0}});
  EXPECT_EQ(DegreeCentrality(*multi, Projection::Direction::kOut)[0], 1);
  EXPECT_EQ(DegreeCentrality(*multi, Projection::Direction::kBoth)[0], 2);
  EXPECT_EQ(DegreeCentrality(*multi, Projection::Direction::kOut, true)[0], 5);
  // PageRank stops at the iteration cap and says so.
  PageRankOptions capped;
  capped.max_iterations = 1;
  capped.tolerance = 1e-15;
  EXPECT_FALSE(PageRank(*Graph(3, {{0, 1}, {1, 2}}), capped).converged);
}

}  // namespace
}  // namespace kg
