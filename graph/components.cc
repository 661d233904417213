#include "graph/components.h"

#include <algorithm>
#include <boost/graph/strong_components.hpp>
#include <numeric>

namespace kg {

namespace {

// Renumbers raw component labels by size, largest first, ties by lowest
// vertex.
Components Renumber(const std::vector<uint32_t>& raw, uint32_t count) {
  Components out;
  std::vector<uint32_t> size(count, 0), lowest(count, UINT32_MAX);
  for (uint32_t v = 0; v < raw.size(); ++v) {
    ++size[raw[v]];
    lowest[raw[v]] = std::min(lowest[raw[v]], v);
  }
  std::vector<uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return size[a] != size[b] ? size[a] > size[b] : lowest[a] < lowest[b];
  });
  std::vector<uint32_t> rank(count);
  for (uint32_t i = 0; i < count; ++i)
    rank[order[i]] = i;
  out.component.resize(raw.size());
  for (size_t v = 0; v < raw.size(); ++v)
    out.component[v] = rank[raw[v]];
  out.sizes.resize(count);
  for (uint32_t i = 0; i < count; ++i)
    out.sizes[i] = size[order[i]];
  return out;
}

}  // namespace

Components WeakComponents(const Projection& g) {
  const size_t n = g.num_vertices();
  // Union-find with path halving over every edge.
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](uint32_t v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  for (Projection::EdgeIndex e = 0; e < g.num_edges(); ++e) {
    const uint32_t a = find(g.source(e)), b = find(g.target(e));
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<uint32_t> raw(n), label(n, UINT32_MAX);
  uint32_t count = 0;
  for (uint32_t v = 0; v < n; ++v) {
    const uint32_t root = find(v);
    if (label[root] == UINT32_MAX) label[root] = count++;
    raw[v] = label[root];
  }
  return Renumber(raw, count);
}

Components StrongComponents(const Projection& g) {
  const size_t n = g.num_vertices();
  std::vector<uint32_t> raw(n, 0);
  if (n == 0) return Components{};
  const auto count = boost::strong_components(
      g.graph(),
      boost::make_iterator_property_map(raw.begin(), boost::get(boost::vertex_index, g.graph())));
  return Renumber(raw, static_cast<uint32_t>(count));
}

}  // namespace kg
