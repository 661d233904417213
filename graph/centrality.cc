#include "graph/centrality.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace kg {

namespace {

using Direction = Projection::Direction;

const Projection::Adjacency& Out(const Projection& g, bool directed) {
  return g.simple(directed ? Direction::kOut : Direction::kBoth);
}

}  // namespace

std::vector<double> DegreeCentrality(const Projection& g, Direction direction, bool by_evidence) {
  const size_t n = g.num_vertices();
  std::vector<double> out(n, 0);
  if (!by_evidence) {
    const auto& a = g.simple(direction);
    for (size_t v = 0; v < n; ++v)
      out[v] = a.offsets[v + 1] - a.offsets[v];
    return out;
  }
  for (Projection::EdgeIndex e = 0; e < g.num_edges(); ++e) {
    const EdgeData& d = g.data(e);
    if (d.mirror) continue;  // a symmetric fact's evidence counts once per end
    if (direction != Direction::kIn) out[g.source(e)] += d.evidence;
    if (direction != Direction::kOut) out[g.target(e)] += d.evidence;
  }
  return out;
}

PageRankResult PageRank(const Projection& g, const PageRankOptions& options) {
  PageRankResult result;
  const size_t n = g.num_vertices();
  if (n == 0) {
    result.converged = true;
    return result;
  }
  const auto& a = Out(g, options.directed);
  const double alpha = options.damping;
  std::vector<double> x(n, 1.0 / n), last(n);
  std::vector<uint32_t> dangling;
  for (uint32_t v = 0; v < n; ++v)
    if (a.offsets[v + 1] == a.offsets[v]) dangling.push_back(v);
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    x.swap(last);
    double dangle = 0;
    for (uint32_t v : dangling)
      dangle += last[v];
    // Every vertex gets the teleport share and its share of dangling mass.
    const double base = (alpha * dangle + (1.0 - alpha)) / n;
    std::fill(x.begin(), x.end(), 0.0);
    for (uint32_t u = 0; u < n; ++u) {
      const uint32_t degree = a.offsets[u + 1] - a.offsets[u];
      if (degree == 0) continue;
      const double share = alpha * last[u] / degree;
      for (uint32_t i = a.offsets[u]; i < a.offsets[u + 1]; ++i)
        x[a.neighbors[i]] += share;
    }
    double err = 0;
    for (size_t v = 0; v < n; ++v) {
      x[v] += base;
      err += std::abs(x[v] - last[v]);
    }
    if (err < n * options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.iterations = std::min(result.iterations, options.max_iterations);
  result.scores = std::move(x);
  return result;
}

std::vector<double> Betweenness(const Projection& g, const BetweennessOptions& options) {
  const size_t n = g.num_vertices();
  std::vector<double> bc(n, 0);
  if (n == 0) return bc;
  const auto& a = Out(g, options.directed);
  // Sources: all, or a seeded sample.
  std::vector<uint32_t> sources(n);
  std::iota(sources.begin(), sources.end(), 0);
  const bool sampled = options.samples > 0 && options.samples < n;
  if (sampled) {
    std::mt19937_64 rng(options.seed);
    std::shuffle(sources.begin(), sources.end(), rng);
    sources.resize(options.samples);
    std::sort(sources.begin(), sources.end());
  }
  // Brandes: one BFS per source, then dependencies accumulated backwards.
  std::vector<uint32_t> order;
  order.reserve(n);
  std::vector<int64_t> dist(n, -1);
  std::vector<double> sigma(n, 0), delta(n, 0);
  // w's in-neighbours in the directed case, its neighbours otherwise.
  const auto& back = g.simple(options.directed ? Direction::kIn : Direction::kBoth);
  for (uint32_t s : sources) {
    order.clear();
    dist[s] = 0;
    sigma[s] = 1;
    order.push_back(s);
    for (size_t head = 0; head < order.size(); ++head) {
      const uint32_t u = order[head];
      for (uint32_t i = a.offsets[u]; i < a.offsets[u + 1]; ++i) {
        const uint32_t v = a.neighbors[i];
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          order.push_back(v);
        }
        if (dist[v] == dist[u] + 1) sigma[v] += sigma[u];
      }
    }
    for (size_t k = order.size(); k-- > 0;) {
      const uint32_t w = order[k];
      // Predecessors of w: neighbours one step closer to s.
      for (uint32_t i = back.offsets[w]; i < back.offsets[w + 1]; ++i) {
        const uint32_t v = back.neighbors[i];
        if (dist[v] >= 0 && dist[v] + 1 == dist[w])
          delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      }
      if (w != s) bc[w] += delta[w];
    }
    for (uint32_t v : order) {
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  // NetworkX 3.6 _rescale, endpoints excluded: N = n - 1 pairs per source.
  const double N = static_cast<double>(n) - 1;
  if (N < 2) return bc;
  const double correction = options.directed ? 1 : 2;
  if (!sampled) {
    const double scale = options.normalized ? 1 / (N * (N - 1)) : N / (N * correction);
    for (double& b : bc)
      b *= scale;
    return bc;
  }
  const double k = static_cast<double>(sources.size());
  const double scale_source = options.normalized ? (k > 1 ? 1 / ((k - 1) * (N - 1)) : 0)
                                                 : (k > 1 ? N / ((k - 1) * correction) : 0);
  const double scale_other = options.normalized ? 1 / (k * (N - 1)) : N / (k * correction);
  std::vector<char> is_source(n, 0);
  for (uint32_t s : sources)
    is_source[s] = 1;
  for (size_t v = 0; v < n; ++v)
    bc[v] *= is_source[v] ? scale_source : scale_other;
  return bc;
}

std::vector<double> HarmonicCloseness(const Projection& g, bool directed) {
  const size_t n = g.num_vertices();
  std::vector<double> out(n, 0);
  const auto& a = Out(g, directed);
  std::vector<int64_t> dist(n, -1);
  std::vector<uint32_t> order;
  // A BFS from each v adds 1/d(v, u) to every u it reaches.
  for (uint32_t s = 0; s < n; ++s) {
    order.clear();
    order.push_back(s);
    dist[s] = 0;
    for (size_t head = 0; head < order.size(); ++head) {
      const uint32_t u = order[head];
      if (u != s) out[u] += 1.0 / static_cast<double>(dist[u]);
      for (uint32_t i = a.offsets[u]; i < a.offsets[u + 1]; ++i) {
        const uint32_t v = a.neighbors[i];
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          order.push_back(v);
        }
      }
    }
    for (uint32_t v : order)
      dist[v] = -1;
  }
  return out;
}

}  // namespace kg
