// Centrality of the vertices of a Projection. Each works on the simple
// adjacency (a neighbouring pair counts once however many relations join
// it), directed or undirected, and matches NetworkX's definitions:
//  - degree: neighbours in, out or both; or evidence summed over the edges;
//  - PageRank: NetworkX's definition (damping, the mass of dangling vertices
//    spread evenly, uniform teleport), found by Gauss-Seidel sweeps from the
//    uniform vector, which reach the power iteration's fixed point in about
//    half the sweeps; stops when a sweep's L1 change is below n * tol, as
//    NetworkX does; scores sum to 1 (boost::graph::page_rank runs a fixed 20
//    iterations and does not normalise, so it is not used);
//  - betweenness: Brandes, exact or from k sampled sources with a seed,
//    rescaled as NetworkX 3.6 rescales (normalized: by (n-1)(n-2) over the
//    ordered pairs; sampled: scaled up from the sources used);
//  - closeness in its harmonic form, sum of 1/d(v, u) over the v that reach
//    u (a news graph is never connected, and classic closeness is 0 there).
#ifndef KG_GRAPH_CENTRALITY_H_
#define KG_GRAPH_CENTRALITY_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "graph/projection.h"

namespace kg {

// Neighbours per vertex in the given direction; with by_evidence, the
// evidence sentences of its edges in that direction instead.
std::vector<double> DegreeCentrality(const Projection& g, Projection::Direction direction,
                                     bool by_evidence = false);

struct PageRankOptions {
  double damping = 0.85;
  double tolerance = 1e-6;  // per vertex: stop when the L1 change < n * tolerance
  int max_iterations = 100;
  bool directed = true;  // else every edge counts both ways
};
struct PageRankResult {
  std::vector<double> scores;  // sum to 1
  int iterations = 0;          // sweeps run
  bool converged = false;      // false: max_iterations ran out first
};
PageRankResult PageRank(const Projection& g, const PageRankOptions& options = PageRankOptions());

struct BetweennessOptions {
  bool directed = true;
  bool normalized = true;
  // 0: exact, every vertex a source. k > 0 (and < n): k sources drawn with
  // `seed`, the sums scaled up to estimate the exact values.
  size_t samples = 0;
  uint64_t seed = 1;
  // Polled between sources: when it turns true the computation stops early
  // and its scores are partial (the shell's Ctrl-C). May be null.
  const std::atomic<bool>* cancel = nullptr;
};
std::vector<double> Betweenness(const Projection& g,
                                const BetweennessOptions& options = BetweennessOptions());

// Harmonic closeness: for each u, the sum of 1/d(v, u) over every other v
// that reaches u (directed: along edges; else either way).
// `cancel` as in BetweennessOptions.
std::vector<double> HarmonicCloseness(const Projection& g, bool directed = true,
                                      const std::atomic<bool>* cancel = nullptr);

}  // namespace kg

#endif  // KG_GRAPH_CENTRALITY_H_
