// The analytics against NetworkX 3.6.1 on a few hundred-vertex graphs:
// values written by tests/graph/make_fixtures.py into tests/graph/fixtures/.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "graph/centrality.h"
#include "graph/components.h"
#include "graph/paths.h"
#include "graph/projection.h"
#include "util/json.h"
#include "util/schema_dir.h"

namespace kg {
namespace {

struct Fixture {
  std::string name;
  bool directed = true;
  size_t n = 0;
  std::unique_ptr<Projection> graph;
  rapidjson::Document doc;

  std::vector<double> Numbers(const char* key) const {
    std::vector<double> out;
    for (const auto& v : doc[key].GetArray())
      out.push_back(v.GetDouble());
    return out;
  }
};

std::unique_ptr<Fixture> Load(const std::string& name) {
  auto f = std::make_unique<Fixture>();
  f->name = name;
  const std::string path = DefaultSchemaDir() + "/../tests/graph/fixtures/" + name + ".json";
  const Status s = ParseJsonFile(path, &f->doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (!s.ok()) return nullptr;
  f->directed = f->doc["directed"].GetBool();
  f->n = f->doc["n"].GetUint();
  // Vertex v is entity v + 1 (0 is never an id); every vertex is kept, the
  // isolated ones too, as NetworkX counts them.
  std::vector<ProjectedTriple> triples;
  for (const auto& e : f->doc["edges"].GetArray()) {
    ProjectedTriple t;
    t.subject = e[0].GetUint() + 1;
    t.object = e[1].GetUint() + 1;
    t.relation = 1;
    t.stats.Add(0, 1.0, Modality::kAsserted);
    triples.push_back(t);
  }
  std::vector<EntityId> all(f->n);
  for (size_t v = 0; v < f->n; ++v)
    all[v] = static_cast<EntityId>(v + 1);
  f->graph = Projection::FromTriples(std::move(triples), {}, GraphFilter{}, all);
  EXPECT_EQ(f->graph->num_vertices(), f->n);
  return f;
}

void ExpectNear(const std::vector<double>& got, const std::vector<double>& want, double tolerance,
                const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], tolerance) << what << " at vertex " << i;
}

class NetworkxFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(NetworkxFixtureTest, CentralityMatchesNetworkx) {
  const auto f = Load(GetParam());
  ASSERT_NE(f, nullptr);
  const Projection& g = *f->graph;
  // The graph as given, then its undirected view (the same for undirected
  // graphs).
  for (const bool directed : {f->directed, false}) {
    const std::string suffix = directed == f->directed ? "" : "_undirected";
    PageRankOptions pr;
    pr.directed = directed;
    pr.tolerance = 1e-13;
    pr.max_iterations = 10000;
    const PageRankResult rank = PageRank(g, pr);
    EXPECT_TRUE(rank.converged);
    ExpectNear(rank.scores, f->Numbers(("pagerank" + suffix).c_str()), 1e-9, "pagerank" + suffix);
    double sum = 0;
    for (double x : rank.scores)
      sum += x;
    EXPECT_NEAR(sum, 1.0, 1e-9);

    BetweennessOptions b;
    b.directed = directed;
    ExpectNear(Betweenness(g, b), f->Numbers(("betweenness" + suffix).c_str()), 1e-9,
               "betweenness" + suffix);
    ExpectNear(HarmonicCloseness(g, directed), f->Numbers(("harmonic" + suffix).c_str()), 1e-9,
               "harmonic" + suffix);
    if (directed == f->directed && directed) {
      b.normalized = false;
      ExpectNear(Betweenness(g, b), f->Numbers("betweenness_raw"), 1e-9, "betweenness_raw");
    }
    if (!f->directed) {
      b.directed = false;
      b.normalized = false;
      ExpectNear(Betweenness(g, b), f->Numbers("betweenness_raw"), 1e-9, "betweenness_raw");
    }
  }
  if (f->directed) {
    ExpectNear(DegreeCentrality(g, Projection::Direction::kIn), f->Numbers("degree_in"), 0,
               "degree_in");
    ExpectNear(DegreeCentrality(g, Projection::Direction::kOut), f->Numbers("degree_out"), 0,
               "degree_out");
  } else {
    ExpectNear(DegreeCentrality(g, Projection::Direction::kBoth), f->Numbers("degree_in"), 0,
               "degree");
  }
}

TEST_P(NetworkxFixtureTest, SampledBetweennessWithEverySourceIsExact) {
  const auto f = Load(GetParam());
  ASSERT_NE(f, nullptr);
  BetweennessOptions b;
  b.directed = f->directed;
  const auto exact = Betweenness(*f->graph, b);
  b.samples = f->n;  // k = n draws every vertex
  ExpectNear(Betweenness(*f->graph, b), exact, 1e-12, "k = n");
  // A real sample is an estimate: close to exact in total, not equal.
  b.samples = f->n / 2;
  b.seed = 7;
  const auto half = Betweenness(*f->graph, b);
  double exact_sum = 0, half_sum = 0;
  for (size_t v = 0; v < f->n; ++v) {
    exact_sum += exact[v];
    half_sum += half[v];
  }
  EXPECT_NEAR(half_sum, exact_sum, 0.5 * exact_sum + 1e-9);
  // The same seed gives the same estimate.
  EXPECT_EQ(Betweenness(*f->graph, b), half);
}

TEST_P(NetworkxFixtureTest, ComponentsMatchNetworkx) {
  const auto f = Load(GetParam());
  ASSERT_NE(f, nullptr);
  auto sizes = [&](const char* key) {
    std::vector<uint32_t> out;
    for (const auto& v : f->doc[key].GetArray())
      out.push_back(v.GetUint());
    return out;
  };
  EXPECT_EQ(WeakComponents(*f->graph).sizes, sizes("wcc_sizes"));
  if (f->directed) {
    EXPECT_EQ(StrongComponents(*f->graph).sizes, sizes("scc_sizes"));
  }
}

TEST_P(NetworkxFixtureTest, PathsMatchNetworkx) {
  const auto f = Load(GetParam());
  ASSERT_NE(f, nullptr);
  const Projection& g = *f->graph;
  PathQuery q;
  q.directed = f->directed;
  const auto source = static_cast<Projection::Vertex>(f->doc["bfs_from"].GetUint());
  const auto& distances = f->doc["bfs_distances"].GetArray();
  for (Projection::Vertex t = 0; t < f->n; ++t) {
    const auto path = ShortestPath(g, source, t, q);
    const int want = distances[t].GetInt();
    if (want < 0) {
      EXPECT_FALSE(path.has_value()) << t;
      continue;
    }
    ASSERT_TRUE(path.has_value()) << t;
    EXPECT_EQ(path->cost, want) << t;
    EXPECT_EQ(path->steps.size() + 1, path->vertices.size());
  }
  for (const auto& p : f->doc["paths"].GetArray()) {
    const auto s = static_cast<Projection::Vertex>(p["source"].GetUint());
    const auto t = static_cast<Projection::Vertex>(p["target"].GetUint());
    const size_t length = p["length"].GetUint();
    // Every shortest path, and no more: the simple paths of that length.
    const auto simple = SimplePaths(g, s, t, length, 100000, q);
    EXPECT_EQ(simple.size(), p["count_shortest"].GetUint()) << s << "->" << t;
    for (const auto& path : simple)
      EXPECT_EQ(path.steps.size(), length);
    std::vector<size_t> want, got;
    for (const auto& l : p["k_shortest_lengths"].GetArray())
      want.push_back(l.GetUint());
    for (const auto& path : KShortestPaths(g, s, t, 5, q))
      got.push_back(path.steps.size());
    EXPECT_EQ(got, want) << s << "->" << t;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, NetworkxFixtureTest,
                         ::testing::Values("small_hand", "scale_free_200", "gnp_directed_300",
                                           "barabasi_150"));

}  // namespace
}  // namespace kg
