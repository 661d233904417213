// Pictures of a selection: stored triples to edges (SelectTriples), the best
// sentence of an edge (BestEvidence), and DrawDot's order, filtering and
// bloc boxes, on a small real store.
#include "graph/picture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "graph/projection.h"
#include "test_support.h"

namespace kg {
namespace {

using testing::MakeArticle;
using testing::MakeFact;
using testing::TempDir;
using EdgeIndex = Projection::EdgeIndex;
using Vertex = Projection::Vertex;

Fact With(Fact f, double confidence) {
  f.evidence.confidence = confidence;
  return f;
}

class PictureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::OpenForWrite(dir_.Sub("kg.db"), testing::DefaultOntology());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    std::vector<ArticleInput> articles;
    articles.push_back(MakeArticle(
        "a1",
        {With(MakeFact("United States", "restricts", "China", "US restricts China."), 0.6),
         With(MakeFact("United States", "restricts", "China", "Washington curbs Beijing."), 0.9),
         With(MakeFact("China", "competes_with", "United States", "China rivals the US."), 0.7),
         With(MakeFact("Huawei", "based_in", "China", "Huawei is based in Shenzhen, China.",
                       "company", "country"),
              0.8),
         With(MakeFact("Nvidia", "supplies", "Huawei", "Nvidia sold chips to Huawei.", "company",
                       "company"),
              0.5)},
        "2023-03-01"));
    // As confident as the best of a1, but later: the first one stays best.
    articles.push_back(MakeArticle(
        "a2",
        {With(MakeFact("United States", "restricts", "China", "A later sentence as sure."), 0.9)},
        "2024-06-02"));
    auto w = store_->WriteArticles(std::move(articles));
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    auto g = Projection::Build(*store_, GraphFilter{});
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    graph_ = std::move(g).value();
  }

  EntityId Id(const std::string& name) {
    auto id = store_->LookupEntity(name);
    EXPECT_TRUE(id.ok() && id->has_value()) << name;
    return id.ok() && id->has_value() ? **id : 0;
  }
  RelationId Relation(const std::string& name) {
    const RelationInfo* r = store_->FindRelation(name);
    EXPECT_NE(r, nullptr) << name;
    return r ? r->id : 0;
  }
  Triple T(const std::string& s, const std::string& r, const std::string& o) {
    return Triple{Id(s), Relation(r), Id(o)};
  }
  Vertex V(const std::string& name) { return graph_->vertex(Id(name)); }
  // The edge s -r-> o of the graph (mirror or not, as asked).
  EdgeIndex Edge(const std::string& s, const std::string& r, const std::string& o, bool mirror) {
    for (EdgeIndex e = 0; e < graph_->num_edges(); ++e) {
      if (graph_->source(e) == V(s) && graph_->target(e) == V(o) &&
          graph_->data(e).relation == Relation(r) && graph_->data(e).mirror == mirror) {
        return e;
      }
    }
    ADD_FAILURE() << s << " " << r << " " << o;
    return 0;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Projection> graph_;
};

TEST_F(PictureTest, SelectTriplesFindsTheStoredEdges) {
  const EdgeIndex restricts = Edge("United States", "restricts", "China", false);
  const Selection s = SelectTriples(*graph_, {T("United States", "restricts", "China")});
  EXPECT_EQ(s.edges, (std::vector<EdgeIndex>{restricts}));
  std::vector<Vertex> ends = {V("United States"), V("China")};
  std::sort(ends.begin(), ends.end());
  EXPECT_EQ(s.vertices, ends);
}

TEST_F(PictureTest, SelectTriplesTakesASymmetricTripleAsItsNonMirrorEdge) {
  // Stored once, lower id first; given either way round it is one edge, the
  // stored one.
  const Triple one_way = T("China", "competes_with", "United States");
  const Triple other_way = T("United States", "competes_with", "China");
  const Selection a = SelectTriples(*graph_, {one_way});
  const Selection b = SelectTriples(*graph_, {other_way});
  const Selection both = SelectTriples(*graph_, {one_way, other_way});
  ASSERT_EQ(a.edges.size(), 1u);
  EXPECT_FALSE(graph_->data(a.edges[0]).mirror);
  EXPECT_EQ(b.edges, a.edges);
  EXPECT_EQ(both.edges, a.edges);
  EXPECT_EQ(both.vertices.size(), 2u);
}

TEST_F(PictureTest, SelectTriplesSortsDropsRepeatsAndSkipsWhatTheGraphLacks) {
  const Selection s = SelectTriples(
      *graph_, {T("Nvidia", "supplies", "Huawei"), T("United States", "restricts", "China"),
                T("Nvidia", "supplies", "Huawei"),
                // An entity the graph does not have, a relation between two
                // it has that is not stored, and a triple the wrong way round.
                Triple{Id("Nvidia"), Relation("supplies"), 999999},
                T("United States", "sanctions", "China"), T("Huawei", "supplies", "Nvidia")});
  ASSERT_EQ(s.edges.size(), 2u);
  EXPECT_TRUE(std::is_sorted(s.edges.begin(), s.edges.end()));
  EXPECT_EQ(s.vertices.size(), 4u);
  EXPECT_TRUE(std::is_sorted(s.vertices.begin(), s.vertices.end()));
  EXPECT_TRUE(SelectTriples(*graph_, {}).edges.empty());

  // A triple the filter dropped is not in the graph.
  GraphFilter only_restricts;
  only_restricts.relations = {Relation("restricts")};
  auto g = Projection::Build(*store_, only_restricts);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE(SelectTriples(**g, {T("Nvidia", "supplies", "Huawei")}).edges.empty());
  EXPECT_EQ(SelectTriples(**g, {T("United States", "restricts", "China")}).edges.size(), 1u);
}

TEST_F(PictureTest, BestEvidenceIsTheFirstMostConfidentSentence) {
  const Evidence best =
      BestEvidence(*store_, *graph_, Edge("United States", "restricts", "China", false));
  EXPECT_EQ(best.sentence, "Washington curbs Beijing.");
  EXPECT_EQ(best.article, "a1");
  EXPECT_DOUBLE_EQ(best.confidence, 0.9);
}

TEST_F(PictureTest, BestEvidenceReadsAMirrorEdgeInItsStoredOrientation) {
  for (const bool mirror : {false, true}) {
    const bool stored_from_china = Id("China") < Id("United States");
    const bool china_first = stored_from_china != mirror;
    const EdgeIndex e = china_first ? Edge("China", "competes_with", "United States", mirror)
                                    : Edge("United States", "competes_with", "China", mirror);
    EXPECT_EQ(BestEvidence(*store_, *graph_, e).sentence, "China rivals the US.") << mirror;
  }
}

TEST_F(PictureTest, BestEvidenceOfATripleTheStoreLacksIsEmpty) {
  ProjectedTriple t;
  t.subject = 999998;
  t.relation = Relation("restricts");
  t.object = 999999;
  t.stats.evidence_count = 1;
  t.stats.modalities = ModalityBit(Modality::kAsserted);
  const auto g = Projection::FromTriples({t}, {}, GraphFilter{});
  ASSERT_EQ(g->num_edges(), 1u);
  EXPECT_EQ(BestEvidence(*store_, *g, 0), Evidence{});
}

TEST_F(PictureTest, DrawDotIsTheSameWhateverTheOrderGiven) {
  std::vector<Vertex> vertices(graph_->num_vertices());
  for (Vertex v = 0; v < vertices.size(); ++v)
    vertices[v] = v;
  std::vector<EdgeIndex> edges;
  for (EdgeIndex e = 0; e < graph_->num_edges(); ++e)
    if (!graph_->data(e).mirror) edges.push_back(e);
  const PictureOptions options;
  const std::string dot = DrawDot(*store_, *graph_, vertices, edges, options);
  std::reverse(vertices.begin(), vertices.end());
  std::reverse(edges.begin(), edges.end());
  edges.push_back(edges.front());
  EXPECT_EQ(DrawDot(*store_, *graph_, vertices, edges, options), dot);
  EXPECT_NE(dot.find("label=\"Huawei\""), std::string::npos);
  // The tooltip is the best sentence with its article and date.
  EXPECT_NE(dot.find("tooltip=\"Washington curbs Beijing.\\n(a1, 2023-03-01)\""), std::string::npos)
      << dot;
}

TEST_F(PictureTest, DrawDotLeavesOutEdgesWithAnEndNotDrawn) {
  const EdgeIndex supplies = Edge("Nvidia", "supplies", "Huawei", false);
  const std::string dot = DrawDot(*store_, *graph_, {V("Nvidia")}, {supplies}, PictureOptions{});
  EXPECT_NE(dot.find("label=\"Nvidia\""), std::string::npos);
  EXPECT_EQ(dot.find("label=\"Huawei\""), std::string::npos);
  EXPECT_EQ(dot.find("->"), std::string::npos) << dot;
}

TEST_F(PictureTest, DrawDotBoxesBlocsAndFallsBackToBasedIn) {
  PictureOptions options;
  options.cluster = PictureOptions::Cluster::kBloc;
  options.bloc_of = [](const std::string& name) -> std::string {
    if (name == "China") return "East";
    if (name == "United States") return "West";
    return "";
  };
  const Selection s =
      SelectTriples(*graph_, {T("Huawei", "based_in", "China"), T("Nvidia", "supplies", "Huawei"),
                              T("United States", "restricts", "China")});
  const std::string dot = DrawDot(*store_, *graph_, s.vertices, s.edges, options);
  // The body of the box labelled `label`, or "" when there is none.
  auto box = [&](const std::string& label) -> std::string {
    const size_t start = dot.find("label=\"" + label + "\"; style=");
    if (start == std::string::npos) return "";
    return dot.substr(start, dot.find("  }\n", start) - start);
  };
  EXPECT_NE(box("East").find("label=\"China\""), std::string::npos) << dot;
  EXPECT_NE(box("East").find("label=\"Huawei\""), std::string::npos) << dot;
  EXPECT_NE(box("West").find("label=\"United States\""), std::string::npos) << dot;
  // Nvidia has no bloc and is based nowhere: outside every box.
  EXPECT_EQ(box("East").find("Nvidia"), std::string::npos);
  EXPECT_EQ(box("West").find("Nvidia"), std::string::npos);
  EXPECT_NE(dot.find("label=\"Nvidia\""), std::string::npos);

  // Without a bloc_of there are no boxes.
  options.bloc_of = nullptr;
  EXPECT_EQ(DrawDot(*store_, *graph_, s.vertices, s.edges, options).find("subgraph"),
            std::string::npos);
}

TEST_F(PictureTest, DrawDotBoxesTypes) {
  PictureOptions options;
  options.cluster = PictureOptions::Cluster::kType;
  const Selection s = SelectTriples(*graph_, {T("Huawei", "based_in", "China")});
  const std::string dot = DrawDot(*store_, *graph_, s.vertices, s.edges, options);
  EXPECT_NE(dot.find("label=\"company\"; style="), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"country\"; style="), std::string::npos) << dot;
}

}  // namespace
}  // namespace kg
