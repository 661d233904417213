#include "graph/neighborhood.h"

#include <algorithm>
#include <limits>

namespace kg {

Neighborhood EgoNetwork(const Projection& g, Projection::Vertex center, size_t radius,
                        Projection::Direction direction, size_t max_vertices) {
  Neighborhood out;
  const size_t n = g.num_vertices();
  if (center >= n || max_vertices == 0) return out;
  constexpr uint32_t kUnseen = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> dist(n, kUnseen);
  const auto& adjacency = g.simple(direction);
  dist[center] = 0;
  out.vertices.push_back(center);
  out.distance.push_back(0);
  // Breadth first: each level in vertex order, so the result is the same on
  // every run.
  for (size_t head = 0; head < out.vertices.size() && !out.truncated; ++head) {
    const auto u = out.vertices[head];
    if (dist[u] >= radius) continue;
    for (uint32_t i = adjacency.offsets[u]; i < adjacency.offsets[u + 1]; ++i) {
      const auto v = adjacency.neighbors[i];
      if (dist[v] != kUnseen) continue;
      if (out.vertices.size() >= max_vertices) {
        out.truncated = true;
        break;
      }
      dist[v] = dist[u] + 1;
      out.vertices.push_back(v);
      out.distance.push_back(dist[v]);
    }
  }
  out.edges = EdgesAmong(g, out.vertices);
  return out;
}

std::vector<Projection::EdgeIndex> EdgesAmong(const Projection& g,
                                              std::vector<Projection::Vertex> vertices) {
  std::sort(vertices.begin(), vertices.end());
  std::vector<Projection::EdgeIndex> out;
  for (const auto u : vertices) {
    const auto [first, last] = g.out_edges(u);
    for (auto e = first; e < last; ++e) {
      if (std::binary_search(vertices.begin(), vertices.end(), g.target(e))) out.push_back(e);
    }
  }
  return out;
}

}  // namespace kg
