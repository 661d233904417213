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
  // Gauss-Seidel sweeps: each vertex pulls from its in-neighbours, using
  // the values already updated in this sweep. The fixed point is the same
  // as the power iteration's (NetworkX's), and it is reached in about half
  // the sweeps. After each sweep the vector is scaled back to sum 1, and
  // the L1 change against the previous sweep decides convergence.
  const auto& in = g.simple(options.directed ? Direction::kIn : Direction::kBoth);
  const double alpha = options.damping;
  std::vector<double> x(n, 1.0 / n), last(n);
  std::vector<double> inverse_degree(n, 0);
  std::vector<char> is_dangling(n, 0);
  double dangle = 0;  // the rank mass of dangling vertices, kept current
  for (uint32_t v = 0; v < n; ++v) {
    const uint32_t degree = a.offsets[v + 1] - a.offsets[v];
    if (degree == 0) {
      is_dangling[v] = 1;
      dangle += x[v];
    } else {
      inverse_degree[v] = 1.0 / degree;
    }
  }
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    last = x;
    double total = 0;
    for (size_t v = 0; v < n; ++v) {
      double sum = 0;
      for (uint32_t i = in.offsets[v]; i < in.offsets[v + 1]; ++i) {
        const uint32_t u = in.neighbors[i];
        sum += x[u] * inverse_degree[u];
      }
      // The teleport share and this vertex's share of the dangling mass.
      const double value = ((1.0 - alpha) + alpha * dangle) / n + alpha * sum;
      if (is_dangling[v]) dangle += value - x[v];
      x[v] = value;
      total += value;
    }
    double err = 0;
    for (size_t v = 0; v < n; ++v) {
      x[v] /= total;
      err += std::abs(x[v] - last[v]);
    }
    dangle /= total;
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
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) break;
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

std::vector<double> HarmonicCloseness(const Projection& g, bool directed,
                                      const std::atomic<bool>* cancel) {
  const size_t n = g.num_vertices();
  std::vector<double> out(n, 0);
  const auto& a = Out(g, directed);
  std::vector<int64_t> dist(n, -1);
  std::vector<uint32_t> order;
  // A BFS from each v adds 1/d(v, u) to every u it reaches.
  for (uint32_t s = 0; s < n; ++s) {
    if (cancel && cancel->load(std::memory_order_relaxed)) break;
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
