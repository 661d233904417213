// The neighbourhood (ego network) of an entity: every vertex within r hops,
// following out-edges, in-edges or both, and the edges among them.
#ifndef KG_GRAPH_NEIGHBORHOOD_H_
#define KG_GRAPH_NEIGHBORHOOD_H_

#include <cstddef>
#include <vector>

#include "graph/projection.h"

namespace kg {

struct Neighborhood {
  // The center first, then by distance, then by vertex number.
  std::vector<Projection::Vertex> vertices;
  std::vector<uint32_t> distance;  // hops from the center, per entry of vertices
  // Every edge whose two ends are both in `vertices`, in CSR order.
  std::vector<Projection::EdgeIndex> edges;
  bool truncated = false;  // max_vertices was reached before radius
};

// Every edge whose two ends are both among `vertices` (any order), in CSR
// order.
std::vector<Projection::EdgeIndex> EdgesAmong(const Projection& g,
                                              std::vector<Projection::Vertex> vertices);

// Vertices within `radius` hops of `center` in direction `direction` (kOut:
// what it points at; kIn: what points at it; kBoth: either), at most
// max_vertices of them (the nearest kept).
Neighborhood EgoNetwork(const Projection& g, Projection::Vertex center, size_t radius,
                        Projection::Direction direction, size_t max_vertices = 100000);

}  // namespace kg

#endif  // KG_GRAPH_NEIGHBORHOOD_H_
