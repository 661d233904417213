// Centrality by name: the measures it knows, what each runs, and the top-N
// pick.
#include "graph/scoring.h"

#include <gtest/gtest.h>

#include <vector>

namespace kg {
namespace {

using Vertex = Projection::Vertex;

// A chain 1 -> 2 -> 3 (entities 1, 2, 3 are vertices 0, 1, 2).
std::unique_ptr<Projection> Chain() {
  std::vector<ProjectedTriple> triples;
  for (EntityId s = 1; s < 3; ++s) {
    ProjectedTriple t;
    t.subject = s;
    t.relation = 1;
    t.object = s + 1;
    t.stats.evidence_count = 1;
    t.stats.modalities = ModalityBit(Modality::kAsserted);
    triples.push_back(t);
  }
  return Projection::FromTriples(std::move(triples), {}, GraphFilter{});
}

TEST(ScoringTest, CheckMeasureNamesTheChoices) {
  for (const char* m : {"pagerank", "betweenness", "degree", "closeness"})
    EXPECT_TRUE(CheckMeasure(m).ok()) << m;
  const Status s = CheckMeasure("eigenvector");
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.message(),
            "unknown measure 'eigenvector' (pagerank, betweenness, degree or closeness)");
}

TEST(ScoringTest, ScoreByRunsTheMeasureNamed) {
  const auto g = Chain();
  ScoreQuery q;
  q.measure = "degree";
  EXPECT_EQ(ScoreBy(q, *g, true).scores, (std::vector<double>{1, 2, 1}));
  q.direction = Projection::Direction::kOut;
  EXPECT_EQ(ScoreBy(q, *g, true).scores, (std::vector<double>{1, 1, 0}));

  q.measure = "closeness";  // harmonic: 0 reaches 1 and 2 (1/1 + 1/2 for 2)
  EXPECT_EQ(ScoreBy(q, *g, true).scores, (std::vector<double>{0, 1, 1.5}));
  EXPECT_EQ(ScoreBy(q, *g, false).scores, (std::vector<double>{1.5, 2, 1.5}));

  q.measure = "pagerank";
  const Scores pr = ScoreBy(q, *g, true);
  EXPECT_EQ(pr.scores.size(), 3u);
  EXPECT_EQ(pr.note.rfind("converged in ", 0), 0u) << pr.note;
  q.pagerank.max_iterations = 1;
  EXPECT_EQ(ScoreBy(q, *g, true).note.rfind("did NOT converge in 1 ", 0), 0u);

  q.measure = "betweenness";
  // The middle of the chain is on one of the (n-1)(n-2) ordered pairs'
  // paths, or on one of the half as many unordered pairs'.
  const Scores exact = ScoreBy(q, *g, true);
  EXPECT_DOUBLE_EQ(exact.scores[1], 0.5);
  EXPECT_DOUBLE_EQ(ScoreBy(q, *g, false).scores[1], 1.0);
  EXPECT_EQ(exact.note, "");
  q.betweenness.samples = 2;
  EXPECT_EQ(ScoreBy(q, *g, true).note, "estimated from 2 sampled sources");
}

TEST(ScoringTest, TopScoredBestFirstTiesByVertex) {
  const std::vector<double> scores = {0.5, 0.9, 0.5, 0.1};
  EXPECT_EQ(TopScored({0, 1, 2, 3}, scores, 3), (std::vector<Vertex>{1, 0, 2}));
  EXPECT_EQ(TopScored({3, 2, 0}, scores, 10), (std::vector<Vertex>{0, 2, 3}));
  EXPECT_TRUE(TopScored({}, scores, 2).empty());
}

TEST(ScoringTest, FormatScoreKeepsSixSignificantDigits) {
  EXPECT_EQ(FormatScore(0.123456789), "0.123457");
  EXPECT_EQ(FormatScore(2), "2");
  EXPECT_EQ(FormatScore(1e-9), "1e-09");
}

}  // namespace
}  // namespace kg
