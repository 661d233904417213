// Paths between two entities of a Projection: the shortest one (BFS, or
// Dijkstra on an edge cost from confidence and evidence), the k shortest
// simple ones (Yen), or every simple path up to a length.
//
// A path is a sequence of distinct vertices; each hop is taken along the
// best edge between its two vertices (the cheapest when weighted, else the
// most confident, then best evidenced), so two relations between the same
// pair never make two paths.
#ifndef KG_GRAPH_PATHS_H_
#define KG_GRAPH_PATHS_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "graph/projection.h"

namespace kg {

struct PathQuery {
  bool directed = true;   // only along edges' direction; else either way
  bool weighted = false;  // minimise summed EdgeCost instead of hops
};

struct PathStep {
  Projection::EdgeIndex edge = 0;  // the edge taken
  bool reversed = false;           // walked from its target to its source
};

struct GraphPath {
  std::vector<Projection::Vertex> vertices;  // from first to last
  std::vector<PathStep> steps;               // vertices.size() - 1 of them
  double cost = 0;                           // hops, or summed EdgeCost
};

// The cost of walking an edge in a weighted query: lower for a surer and
// better evidenced fact, always at least 1/evidence-ish and above zero:
// 1 / (confidence * log2(1 + evidence)), confidence floored at 0.05.
double EdgeCost(const EdgeData& e);

// The shortest path from `from` to `to`, or nullopt when there is none.
// from == to gives the one-vertex path.
std::optional<GraphPath> ShortestPath(const Projection& g, Projection::Vertex from,
                                      Projection::Vertex to, const PathQuery& query);

// Up to k simple paths from `from` to `to`, shortest first (Yen's
// algorithm); ties in an order that does not change between runs.
std::vector<GraphPath> KShortestPaths(const Projection& g, Projection::Vertex from,
                                      Projection::Vertex to, size_t k, const PathQuery& query);

// Simple paths of at most max_hops hops, fewest hops first, at most `cap`
// of them. The search also stops after visiting `work_limit` partial paths,
// so that a dense graph cannot make it run for hours.
std::vector<GraphPath> SimplePaths(const Projection& g, Projection::Vertex from,
                                   Projection::Vertex to, size_t max_hops, size_t cap,
                                   const PathQuery& query, size_t work_limit = 10'000'000);

}  // namespace kg

#endif  // KG_GRAPH_PATHS_H_
