#include "graph/paths.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

namespace kg {

namespace {

using Vertex = Projection::Vertex;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// What a search may not use: vertices, and hops (u, v) in walking order.
struct Exclusions {
  std::vector<char> vertex;
  std::set<std::pair<Vertex, Vertex>> hops;
  bool Blocks(Vertex u, Vertex v) const {
    return (!vertex.empty() && vertex[v]) || (!hops.empty() && hops.count({u, v}));
  }
};

// Calls fn(neighbour, step) for each edge leaving u in the query's sense.
template <typename Fn>
void ForEachStep(const Projection& g, Vertex u, const PathQuery& q, Fn fn) {
  const auto [first, last] = g.out_edges(u);
  for (auto e = first; e < last; ++e)
    fn(g.target(e), PathStep{e, false});
  if (q.directed) return;
  const auto [in_first, in_last] = g.in_edges(u);
  for (auto i = in_first; i < in_last; ++i) {
    const auto e = g.in_edge_list()[i];
    fn(g.source(e), PathStep{e, true});
  }
}

double StepCost(const Projection& g, const PathStep& s, const PathQuery& q) {
  return q.weighted ? EdgeCost(g.data(s.edge)) : 1.0;
}

// Whether step a is a better way across the same hop than b.
bool BetterStep(const Projection& g, const PathStep& a, const PathStep& b, const PathQuery& q) {
  const double ca = StepCost(g, a, q), cb = StepCost(g, b, q);
  if (ca != cb) return ca < cb;
  const EdgeData &da = g.data(a.edge), &db = g.data(b.edge);
  if (da.max_confidence != db.max_confidence) return da.max_confidence > db.max_confidence;
  if (da.evidence != db.evidence) return da.evidence > db.evidence;
  return a.edge < b.edge;
}

// Dijkstra (BFS order when unweighted: every cost 1) from `from` to `to`.
std::optional<GraphPath> Search(const Projection& g, Vertex from, Vertex to, const PathQuery& q,
                                const Exclusions& ex) {
  const size_t n = g.num_vertices();
  if (from >= n || to >= n) return std::nullopt;
  if (from == to) return GraphPath{{from}, {}, 0};
  std::vector<double> dist(n, kInfinity);
  std::vector<PathStep> via(n);
  std::vector<Vertex> parent(n, Projection::kNoVertex);
  using Item = std::pair<double, Vertex>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  dist[from] = 0;
  queue.push({0, from});
  while (!queue.empty()) {
    // Plain copies, not structured bindings: the lambda below captures them
    // (clang 14 cannot capture a structured binding).
    const double d = queue.top().first;
    const Vertex u = queue.top().second;
    queue.pop();
    if (d > dist[u]) continue;
    if (u == to) break;
    ForEachStep(g, u, q, [&](Vertex v, const PathStep& step) {
      if (v == from || ex.Blocks(u, v)) return;
      const double nd = d + StepCost(g, step, q);
      if (nd < dist[v] || (nd == dist[v] && parent[v] == u && BetterStep(g, step, via[v], q))) {
        const bool improved = nd < dist[v];
        dist[v] = nd;
        parent[v] = u;
        via[v] = step;
        if (improved) queue.push({nd, v});
      }
    });
  }
  if (dist[to] == kInfinity) return std::nullopt;
  GraphPath path;
  path.cost = dist[to];
  for (Vertex v = to; v != from; v = parent[v]) {
    path.vertices.push_back(v);
    path.steps.push_back(via[v]);
  }
  path.vertices.push_back(from);
  std::reverse(path.vertices.begin(), path.vertices.end());
  std::reverse(path.steps.begin(), path.steps.end());
  return path;
}

// The edges from a to b: a's out-edges are sorted by target, so a binary
// search finds them, and a hub with thousands of edges costs a few steps.
std::pair<Projection::EdgeIndex, Projection::EdgeIndex> EdgesFromTo(const Projection& g, Vertex a,
                                                                    Vertex b) {
  auto [lo, last] = g.out_edges(a);
  Projection::EdgeIndex hi = last;
  while (lo < hi) {  // the first edge with target >= b
    const Projection::EdgeIndex mid = lo + (hi - lo) / 2;
    if (g.target(mid) < b) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  Projection::EdgeIndex end = lo;
  while (end < last && g.target(end) == b)
    ++end;
  return {lo, end};
}

// The best step from u to v, if any: along an edge u -> v, or, undirected,
// against an edge v -> u.
std::optional<PathStep> BestStep(const Projection& g, Vertex u, Vertex v, const PathQuery& q) {
  std::optional<PathStep> best;
  auto consider = [&](const PathStep& s) {
    if (!best || BetterStep(g, s, *best, q)) best = s;
  };
  for (auto [e, end] = EdgesFromTo(g, u, v); e < end; ++e)
    consider(PathStep{e, false});
  if (!q.directed) {
    for (auto [e, end] = EdgesFromTo(g, v, u); e < end; ++e)
      consider(PathStep{e, true});
  }
  return best;
}

// Unweighted shortest path by a BFS from both ends at once, a level at a
// time on the smaller frontier: in a scale-free graph each side meets the
// other after touching a small part of it. Visited sets are hash maps, so a
// query costs what it explores, not the size of the graph. Returns the
// vertices; the caller picks each hop's best edge.
std::optional<std::vector<Vertex>> BidirectionalBfs(const Projection& g, Vertex from, Vertex to,
                                                    bool directed) {
  using Direction = Projection::Direction;
  const auto& forward = g.simple(directed ? Direction::kOut : Direction::kBoth);
  const auto& backward = g.simple(directed ? Direction::kIn : Direction::kBoth);
  struct Seen {
    Vertex parent;
    uint32_t distance;
  };
  // vertex -> how it was reached (the start is its own parent).
  std::unordered_map<Vertex, Seen> seen_f = {{from, {from, 0}}}, seen_b = {{to, {to, 0}}};
  std::vector<Vertex> frontier_f = {from}, frontier_b = {to}, next;
  uint32_t level_f = 0, level_b = 0;
  Vertex meet = Projection::kNoVertex;
  uint32_t best = UINT32_MAX;
  while (meet == Projection::kNoVertex && !frontier_f.empty() && !frontier_b.empty()) {
    // Grow the side whose frontier is smaller, one whole level.
    const bool grow_f = frontier_f.size() <= frontier_b.size();
    auto& frontier = grow_f ? frontier_f : frontier_b;
    auto& seen = grow_f ? seen_f : seen_b;
    const auto& other = grow_f ? seen_b : seen_f;
    const auto& adjacency = grow_f ? forward : backward;
    const uint32_t level = ++(grow_f ? level_f : level_b);
    next.clear();
    for (const Vertex u : frontier) {
      for (uint32_t i = adjacency.offsets[u]; i < adjacency.offsets[u + 1]; ++i) {
        const Vertex v = adjacency.neighbors[i];
        if (!seen.emplace(v, Seen{u, level}).second) continue;
        next.push_back(v);
        // Every shortest path crosses this level at a vertex the other side
        // has seen: the meeting vertex nearest the other end is on one (ties
        // to the lowest number, so hash order changes nothing).
        const auto it = other.find(v);
        if (it != other.end() &&
            (it->second.distance < best || (it->second.distance == best && v < meet))) {
          best = it->second.distance;
          meet = v;
        }
      }
    }
    frontier.swap(next);
  }
  if (meet == Projection::kNoVertex) return std::nullopt;
  std::vector<Vertex> path;
  for (Vertex v = meet; v != from; v = seen_f.at(v).parent)
    path.push_back(v);
  path.push_back(from);
  std::reverse(path.begin(), path.end());
  for (Vertex v = meet; v != to;) {
    v = seen_b.at(v).parent;
    path.push_back(v);
  }
  return path;
}

}  // namespace

double EdgeCost(const EdgeData& e) {
  const double confidence = std::max(0.05, static_cast<double>(e.max_confidence));
  return 1.0 / (confidence * std::log2(1.0 + std::max<uint32_t>(1, e.evidence)));
}

std::optional<GraphPath> ShortestPath(const Projection& g, Vertex from, Vertex to,
                                      const PathQuery& query) {
  if (query.weighted || from >= g.num_vertices() || to >= g.num_vertices() || from == to) {
    return Search(g, from, to, query, Exclusions{});
  }
  auto vertices = BidirectionalBfs(g, from, to, query.directed);
  if (!vertices) return std::nullopt;
  GraphPath path;
  path.vertices = std::move(*vertices);
  for (size_t h = 0; h + 1 < path.vertices.size(); ++h) {
    path.steps.push_back(*BestStep(g, path.vertices[h], path.vertices[h + 1], query));
    path.cost += 1;
  }
  return path;
}

std::vector<GraphPath> KShortestPaths(const Projection& g, Vertex from, Vertex to, size_t k,
                                      const PathQuery& query) {
  std::vector<GraphPath> found;
  if (k == 0) return found;
  auto first = ShortestPath(g, from, to, query);
  if (!first) return found;
  found.push_back(std::move(*first));
  // Candidates by (cost, vertices): the order is the same on every run.
  std::map<std::pair<double, std::vector<Vertex>>, GraphPath> candidates;
  std::set<std::vector<Vertex>> seen = {found[0].vertices};
  while (found.size() < k) {
    const GraphPath& last = found.back();
    for (size_t i = 0; i + 1 < last.vertices.size(); ++i) {
      const Vertex spur = last.vertices[i];
      const std::vector<Vertex> root(last.vertices.begin(),
                                     last.vertices.begin() + static_cast<long>(i) + 1);
      Exclusions ex;
      ex.vertex.assign(g.num_vertices(), 0);
      for (size_t r = 0; r < i; ++r)
        ex.vertex[root[r]] = 1;
      for (const GraphPath& p : found) {
        if (p.vertices.size() > i + 1 && std::equal(root.begin(), root.end(), p.vertices.begin())) {
          ex.hops.insert({p.vertices[i], p.vertices[i + 1]});
          if (!query.directed) ex.hops.insert({p.vertices[i + 1], p.vertices[i]});
        }
      }
      auto spur_path = Search(g, spur, to, query, ex);
      if (!spur_path) continue;
      GraphPath total;
      total.vertices = root;
      total.vertices.insert(total.vertices.end(), spur_path->vertices.begin() + 1,
                            spur_path->vertices.end());
      if (seen.count(total.vertices)) continue;
      total.steps.assign(last.steps.begin(), last.steps.begin() + static_cast<long>(i));
      total.steps.insert(total.steps.end(), spur_path->steps.begin(), spur_path->steps.end());
      for (const PathStep& s : total.steps)
        total.cost += StepCost(g, s, query);
      seen.insert(total.vertices);
      candidates.emplace(std::make_pair(total.cost, total.vertices), std::move(total));
    }
    if (candidates.empty()) break;
    found.push_back(std::move(candidates.begin()->second));
    candidates.erase(candidates.begin());
  }
  return found;
}

std::vector<GraphPath> SimplePaths(const Projection& g, Vertex from, Vertex to, size_t max_hops,
                                   size_t cap, const PathQuery& query, size_t work_limit) {
  std::vector<GraphPath> out;
  const size_t n = g.num_vertices();
  if (from >= n || to >= n || cap == 0) return out;
  if (from == to) {
    out.push_back(GraphPath{{from}, {}, 0});
    return out;
  }
  // Neighbours in the query's sense, each once.
  const auto& adjacency =
      g.simple(query.directed ? Projection::Direction::kOut : Projection::Direction::kBoth);
  // Hops from each vertex to `to`, to prune branches that cannot arrive in
  // time (a BFS backwards from the target).
  std::vector<uint32_t> to_target(n, std::numeric_limits<uint32_t>::max());
  {
    const auto& back =
        g.simple(query.directed ? Projection::Direction::kIn : Projection::Direction::kBoth);
    std::vector<Vertex> frontier = {to};
    to_target[to] = 0;
    for (size_t head = 0; head < frontier.size(); ++head) {
      const Vertex u = frontier[head];
      if (to_target[u] >= max_hops) continue;
      for (uint32_t i = back.offsets[u]; i < back.offsets[u + 1]; ++i) {
        const Vertex v = back.neighbors[i];
        if (to_target[v] == std::numeric_limits<uint32_t>::max()) {
          to_target[v] = to_target[u] + 1;
          frontier.push_back(v);
        }
      }
    }
  }
  std::vector<char> on_path(n, 0);
  std::vector<Vertex> stack = {from};
  on_path[from] = 1;
  size_t work = 0;
  // One depth-first search per length, so that the fewest hops come first.
  for (size_t length = 1; length <= max_hops && out.size() < cap && work < work_limit; ++length) {
    auto dfs = [&](auto&& self, Vertex u, size_t depth) -> void {
      if (out.size() >= cap || ++work > work_limit) return;
      for (uint32_t i = adjacency.offsets[u]; i < adjacency.offsets[u + 1]; ++i) {
        const Vertex v = adjacency.neighbors[i];
        if (on_path[v] || to_target[v] > length - depth - 1) continue;
        if (v == to) {
          if (depth + 1 != length) continue;
          GraphPath p;
          p.vertices = stack;
          p.vertices.push_back(to);
          for (size_t h = 0; h + 1 < p.vertices.size(); ++h) {
            const auto step = BestStep(g, p.vertices[h], p.vertices[h + 1], query);
            p.steps.push_back(*step);
            p.cost += StepCost(g, *step, query);
          }
          out.push_back(std::move(p));
          if (out.size() >= cap) return;
          continue;
        }
        if (depth + 1 >= length) continue;
        on_path[v] = 1;
        stack.push_back(v);
        self(self, v, depth + 1);
        stack.pop_back();
        on_path[v] = 0;
      }
    };
    dfs(dfs, from, 0);
  }
  return out;
}

}  // namespace kg
