// Centrality by name: the measure a user typed (kg rank, kg export --top,
// the query language's RANK) with its options, run on a projection, and the
// best-scored vertices picked from the result. Parsing the options from
// flags or statements is the caller's; this is what they share after that.
#ifndef KG_GRAPH_SCORING_H_
#define KG_GRAPH_SCORING_H_

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "graph/centrality.h"
#include "graph/projection.h"
#include "util/status.h"

namespace kg {

// A centrality by name with its options.
struct ScoreQuery {
  std::string measure;  // pagerank, betweenness, degree or closeness
  PageRankOptions pagerank;
  BetweennessOptions betweenness;
  Projection::Direction direction = Projection::Direction::kBoth;  // degree
  bool by_evidence = false;                                        // degree
  // Stops betweenness and closeness early (they take a search per vertex);
  // Scores::cancelled then says the scores are partial. May be null.
  const std::atomic<bool>* cancel = nullptr;
};

// The scores per vertex, and a note on how PageRank converged or that
// betweenness was sampled ("" otherwise).
struct Scores {
  std::vector<double> scores;
  std::string note;
  bool cancelled = false;
};

// InvalidArgument for an unknown measure: "unknown measure 'x' (pagerank,
// betweenness, degree or closeness)".
Status CheckMeasure(std::string_view measure);

// Runs query.measure on g, following edges one way when `directed` (else
// either way; degree goes by query.direction instead). The `directed` of
// query.pagerank and query.betweenness is ignored. A measure CheckMeasure
// refuses is taken as closeness.
Scores ScoreBy(const ScoreQuery& query, const Projection& g, bool directed);

// The n best-scored of `candidates`, best first (ties: lower vertex first).
std::vector<Projection::Vertex> TopScored(std::vector<Projection::Vertex> candidates,
                                          const std::vector<double>& scores, size_t n);

// A score as text: up to 6 significant digits.
std::string FormatScore(double x);

}  // namespace kg

#endif  // KG_GRAPH_SCORING_H_
