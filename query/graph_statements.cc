// PATH, NEIGHBORS, RANK and COMPONENTS: the graph module's algorithms over
// the projection the statement's filter asks for (cached per filter while
// the store does not change).
#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>

#include "graph/components.h"
#include "graph/neighborhood.h"
#include "graph/paths.h"
#include "graph/scoring.h"
#include "query/binder.h"
#include "query/statement.h"

namespace kg::query {

namespace {

using Vertex = Projection::Vertex;

bool Project(const FilterAst& where, StatementContext& c, BoundFilter* filter,
             std::shared_ptr<const Projection>* graph, QueryError* error) {
  if (!BindFilter(*c.store, where, filter, error)) return false;
  auto g = c.projections->Get(*c.store, filter->graph);
  if (!g.ok()) return FailStatus(g.status(), error);
  *graph = *g;
  return true;
}

bool VertexOf(const Name& name, const Projection& g, StatementContext& c, Vertex* v,
              QueryError* error) {
  EntityId id = 0;
  if (!BindEntity(*c.store, name, &id, error)) return false;
  *v = g.vertex(id);
  if (*v == Projection::kNoVertex) {
    return FailAtName(name, "'" + c.catalog->Name(id) + "' has no facts that pass the filters",
                      error);
  }
  return true;
}

std::string VertexName(const Projection& g, Vertex v, StatementContext& c) {
  return c.catalog->Name(g.entity(v));
}

void ExplainGraph(StatementContext& c, const BoundFilter& f, const Projection& g,
                  const std::string& algorithm) {
  c.sink->BeginTable("plan", {{"step", true}, {"operation", false}, {"detail", false}});
  const std::string filter = f.Describe(*c.store);
  c.sink->Row({Value::Int(1), Value::Text("project"),
               Value::Text("one scan of the spo index into a CSR graph (" +
                           std::to_string(g.num_vertices()) + " entities, " +
                           std::to_string(g.num_edges()) + " edges; cached per filter)" +
                           (filter.empty() ? "" : "; filter: " + filter))});
  c.sink->Row({Value::Int(2), Value::Text("compute"), Value::Text(algorithm)});
  c.sink->EndTable("");
}

// Every fact among the vertices, a symmetric one once.
std::vector<Projection::EdgeIndex> FactsAmong(const Projection& g, std::vector<Vertex> vertices) {
  std::vector<Projection::EdgeIndex> out;
  for (const auto e : EdgesAmong(g, std::move(vertices)))
    if (!g.data(e).mirror) out.push_back(e);
  return out;
}

void FillTarget(ExportTarget* t, std::shared_ptr<const Projection> g, const BoundFilter& f,
                std::vector<Vertex> vertices, std::vector<Projection::EdgeIndex> edges) {
  std::sort(vertices.begin(), vertices.end());
  vertices.erase(std::unique(vertices.begin(), vertices.end()), vertices.end());
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (const auto e : edges) {
    const EdgeData& d = g->data(e);
    Triple tr{g->entity(g->source(e)), d.relation, g->entity(g->target(e))};
    if (d.mirror) std::swap(tr.subject, tr.object);
    t->triples.push_back(tr);
  }
  t->selection.vertices = std::move(vertices);
  t->selection.edges = std::move(edges);
  t->graph = std::move(g);
  t->filter = f;
}

}  // namespace

bool RunPath(const PathAst& p, bool explain, StatementContext& c, ExportTarget* target,
             QueryError* error) {
  BoundFilter f;
  std::shared_ptr<const Projection> graph;
  if (!Project(p.filter, c, &f, &graph, error)) return false;
  const Projection& g = *graph;
  Vertex from = 0, to = 0;
  if (!VertexOf(p.from, g, c, &from, error) || !VertexOf(p.to, g, c, &to, error)) return false;
  PathQuery q;
  q.directed = !p.undirected;
  q.weighted = p.weighted;
  if (explain) {
    std::string algo =
        p.weighted ? "Dijkstra on evidence-weighted edges" : "breadth-first search from both ends";
    if (p.k > 1) algo = "Yen's " + std::to_string(p.k) + " shortest paths over " + algo;
    algo += q.directed ? ", along edge direction" : ", either way";
    ExplainGraph(c, f, g, algo);
    return true;
  }
  const std::vector<GraphPath> paths = KShortestPaths(g, from, to, p.k, q);
  if (target) {
    std::vector<Vertex> vs;
    std::vector<Projection::EdgeIndex> es;
    for (const auto& path : paths) {
      vs.insert(vs.end(), path.vertices.begin(), path.vertices.end());
      for (const auto& step : path.steps)
        es.push_back(step.edge);
    }
    if (paths.empty()) {
      return FailAtName(
          p.to, "no path from '" + VertexName(g, from, c) + "' to '" + VertexName(g, to, c) + "'",
          error);
    }
    FillTarget(target, graph, f, std::move(vs), std::move(es));
    return true;
  }
  c.sink->BeginTable("", {{"path", true},
                          {"hop", true},
                          {"from", false},
                          {"relation", false},
                          {"to", false},
                          {"evidence", true},
                          {"sentence", false}});
  for (size_t i = 0; i < paths.size(); ++i) {
    const GraphPath& path = paths[i];
    for (size_t h = 0; h < path.steps.size(); ++h) {
      const PathStep& step = path.steps[h];
      const EdgeData& d = g.data(step.edge);
      // The fact as stated: its own subject first, whichever way the path
      // walked it.
      const Vertex s = g.source(step.edge), o = g.target(step.edge);
      const Evidence best = BestEvidence(*c.store, g, step.edge);
      std::string rel = c.catalog->RelationName(d.relation);
      // A symmetric fact reads the same both ways: no direction to walk against.
      const RelationInfo* info = c.store->GetRelation(d.relation);
      const bool against = step.reversed && !(info && info->symmetric);
      if (against) rel = "(" + rel + ")";
      if (!c.sink->Row({Value::Int(static_cast<int64_t>(i + 1)),
                        Value::Int(static_cast<int64_t>(h + 1)),
                        Value::Text(VertexName(g, step.reversed ? o : s, c)), Value::Text(rel),
                        Value::Text(VertexName(g, step.reversed ? s : o, c)),
                        Value::Int(d.evidence), Value::Text(best.sentence)})) {
        break;
      }
    }
  }
  std::string note;
  if (paths.empty()) {
    note = "no path from '" + VertexName(g, from, c) + "' to '" + VertexName(g, to, c) + "'" +
           (q.directed ? " along edge direction (try UNDIRECTED)" : "");
  } else if (std::any_of(paths.begin(), paths.end(), [&](const GraphPath& gp) {
               return std::any_of(gp.steps.begin(), gp.steps.end(), [&](const PathStep& s) {
                 const RelationInfo* info = c.store->GetRelation(g.data(s.edge).relation);
                 return s.reversed && !(info && info->symmetric);
               });
             })) {
    note = "(relation): the hop walks the fact against its direction";
  }
  c.sink->EndTable(note);
  return true;
}

bool RunNeighbors(const NeighborsAst& n, bool explain, StatementContext& c, ExportTarget* target,
                  QueryError* error) {
  BoundFilter f;
  std::shared_ptr<const Projection> graph;
  if (!Project(n.filter, c, &f, &graph, error)) return false;
  const Projection& g = *graph;
  Vertex center = 0;
  if (!VertexOf(n.center, g, c, &center, error)) return false;
  Projection::Direction dir = Projection::Direction::kBoth;
  if (n.direction.text == "out") dir = Projection::Direction::kOut;
  if (n.direction.text == "in") dir = Projection::Direction::kIn;
  if (explain) {
    ExplainGraph(c, f, g,
                 "breadth-first search " + std::to_string(n.depth) + " hop(s) from '" +
                     VertexName(g, center, c) + "'");
    return true;
  }
  const Neighborhood ego = EgoNetwork(g, center, n.depth, dir);
  if (target) {
    FillTarget(target, graph, f, ego.vertices, FactsAmong(g, ego.vertices));
    return true;
  }
  c.sink->BeginTable(
      "", {{"entity", false}, {"type", false}, {"hops", true}, {"via", false}, {"evidence", true}});
  std::unordered_map<Vertex, size_t> ring;  // vertex -> its entry in ego
  for (size_t i = 0; i < ego.vertices.size(); ++i)
    ring[ego.vertices[i]] = i;
  uint64_t shown = 0;
  for (size_t i = 0; i < ego.vertices.size(); ++i) {
    const Vertex v = ego.vertices[i];
    if (v == center) continue;
    if (n.limit && shown >= *n.limit) break;
    // How it is reached: the facts between it and the ring before it, for
    // the first hop those with the center itself.
    std::string via;
    uint64_t evidence = 0;
    auto describe = [&](Projection::EdgeIndex e, bool outgoing) {
      const EdgeData& d = g.data(e);
      if (d.mirror) return;
      const Vertex other = outgoing ? g.target(e) : g.source(e);
      const auto k = ring.find(other);
      if (k == ring.end() || ego.distance[k->second] + 1 != ego.distance[i]) return;
      evidence += d.evidence;
      if (via.size() > 200) return;
      via += (via.empty() ? "" : "; ") + VertexName(g, g.source(e), c) + " " +
             c.catalog->RelationName(d.relation) + " " + VertexName(g, g.target(e), c);
    };
    const auto [first, last] = g.out_edges(v);
    for (auto e = first; e < last; ++e)
      describe(e, true);
    const auto [ifirst, ilast] = g.in_edges(v);
    for (auto k = ifirst; k < ilast; ++k)
      describe(g.in_edge_list()[k], false);
    ++shown;
    if (!c.sink->Row({Value::Text(VertexName(g, v, c)),
                      Value::Text(c.catalog->TypeName(g.entity(v))), Value::Int(ego.distance[i]),
                      Value::Text(via), Value::Int(static_cast<int64_t>(evidence))})) {
      break;
    }
  }
  c.sink->EndTable(ego.truncated ? "stopped at the neighbourhood size limit" : "");
  return true;
}

bool RunRank(const RankAst& r, bool explain, StatementContext& c, ExportTarget* target,
             QueryError* error) {
  BoundFilter f;
  std::shared_ptr<const Projection> graph;
  if (!Project(r.filter, c, &f, &graph, error)) return false;
  const Projection& g = *graph;
  TypeId only = 0;
  if (!r.type.empty() && !BindType(*c.store, r.type, &only, error)) return false;
  ScoreQuery q;
  q.measure = r.measure.text;
  q.betweenness.samples = r.samples;
  q.cancel = c.cancel;
  if (explain) {
    std::string algo = q.measure == "pagerank"      ? "PageRank (damping 0.85, Gauss-Seidel)"
                       : q.measure == "betweenness" ? "Brandes betweenness"
                       : q.measure == "degree"      ? "degree (distinct neighbours)"
                                                    : "harmonic closeness (a BFS per entity)";
    if (r.samples) algo += ", sampled from " + std::to_string(r.samples) + " sources";
    ExplainGraph(c, f, g, algo + (r.undirected ? ", undirected" : ", directed"));
    return true;
  }
  const Scores scored = ScoreBy(q, g, !r.undirected);
  if (scored.cancelled) return FailStatus(Status::Cancelled("interrupted"), error);
  std::vector<Vertex> candidates;
  for (Vertex v = 0; v < g.num_vertices(); ++v)
    if (!only || c.catalog->Type(g.entity(v)) == only) candidates.push_back(v);
  const std::vector<Vertex> top =
      TopScored(std::move(candidates), scored.scores, r.limit.value_or(20));
  if (target) {
    FillTarget(target, graph, f, top, FactsAmong(g, top));
    return true;
  }
  c.sink->BeginTable("", {{"rank", true}, {"entity", false}, {"type", false}, {q.measure, true}});
  for (size_t i = 0; i < top.size(); ++i) {
    if (!c.sink->Row(
            {Value::Int(static_cast<int64_t>(i + 1)), Value::Text(VertexName(g, top[i], c)),
             Value::Text(c.catalog->TypeName(g.entity(top[i]))),
             // Degree counts neighbours: keep it an integer in JSON.
             q.measure == "degree" ? Value::Int(static_cast<int64_t>(scored.scores[top[i]]))
                                   : Value::Double(scored.scores[top[i]])})) {
      break;
    }
  }
  c.sink->EndTable(scored.note);
  return true;
}

bool RunComponents(const ComponentsAst& k, bool explain, StatementContext& c, ExportTarget* target,
                   QueryError* error) {
  BoundFilter f;
  std::shared_ptr<const Projection> graph;
  if (!Project(k.filter, c, &f, &graph, error)) return false;
  const Projection& g = *graph;
  if (explain) {
    ExplainGraph(c, f, g,
                 k.strong ? "strongly connected components (Tarjan, via Boost)"
                          : "weakly connected components (union-find)");
    return true;
  }
  const Components comp = k.strong ? StrongComponents(g) : WeakComponents(g);
  // Components by size, largest first; members by degree.
  std::vector<uint32_t> order(comp.sizes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return comp.sizes[a] > comp.sizes[b]; });
  const size_t shown = std::min<size_t>(order.size(), k.limit.value_or(20));
  std::vector<std::vector<Vertex>> members(comp.sizes.size());
  for (Vertex v = 0; v < g.num_vertices(); ++v)
    members[comp.component[v]].push_back(v);
  const auto& adj = g.simple(Projection::Direction::kBoth);
  auto degree = [&](Vertex v) { return adj.offsets[v + 1] - adj.offsets[v]; };
  if (target) {
    std::vector<Vertex> vs;
    for (size_t i = 0; i < shown; ++i)
      vs.insert(vs.end(), members[order[i]].begin(), members[order[i]].end());
    FillTarget(target, graph, f, vs, FactsAmong(g, vs));
    return true;
  }
  c.sink->BeginTable("", {{"component", true}, {"size", true}, {"best connected members", false}});
  for (size_t i = 0; i < shown; ++i) {
    std::vector<Vertex>& m = members[order[i]];
    std::stable_sort(m.begin(), m.end(), [&](Vertex a, Vertex b) { return degree(a) > degree(b); });
    std::string names;
    for (size_t j = 0; j < m.size() && j < 5; ++j)
      names += (j ? ", " : "") + VertexName(g, m[j], c);
    if (m.size() > 5) names += ", ...";
    if (!c.sink->Row({Value::Int(static_cast<int64_t>(i + 1)),
                      Value::Int(static_cast<int64_t>(m.size())), Value::Text(names)})) {
      break;
    }
  }
  c.sink->EndTable(std::to_string(comp.sizes.size()) + (k.strong ? " strong" : " weak") +
                   " components over " + std::to_string(g.num_vertices()) + " entities");
  return true;
}

}  // namespace kg::query
