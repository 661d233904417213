#include "graph/picture.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>
#include <utility>

extern char** environ;

namespace kg {

namespace {

using Vertex = Projection::Vertex;
using EdgeIndex = Projection::EdgeIndex;

// The first edge from a to b of `relation` with this mirror flag, or
// g.num_edges(). a's out-edges are sorted by (target, relation, mirror), so a
// binary search finds it and a hub costs a few steps.
EdgeIndex FindEdge(const Projection& g, Vertex a, Vertex b, RelationId relation, bool mirror) {
  const auto [first, last] = g.out_edges(a);
  auto key = [&](EdgeIndex e) {
    return std::make_tuple(g.target(e), g.data(e).relation, g.data(e).mirror);
  };
  const auto wanted = std::make_tuple(b, relation, mirror);
  EdgeIndex lo = first, hi = last;
  while (lo < hi) {  // the first edge whose key is >= wanted
    const EdgeIndex mid = lo + (hi - lo) / 2;
    if (key(mid) < wanted) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < last && key(lo) == wanted ? lo : static_cast<EdgeIndex>(g.num_edges());
}

template <typename T>
void SortUnique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// An entity's name ("#id" when the store has none) and type name ("" then).
struct NameAndType {
  std::string name;
  std::string type;
};
NameAndType Describe(const Store& store, EntityId id) {
  auto e = store.GetEntity(id);
  if (!e.ok()) return {"#" + std::to_string(id), ""};
  const EntityTypeInfo* t = store.GetEntityType(e->type);
  return {e->name, t ? t->name : ""};
}

// v's bloc: its own, else that of the first entity it is based in
// (based_in may be null: an ontology without the relation) that has one.
std::string BlocOf(const Store& store, const Projection& g, Vertex v, const std::string& name,
                   const RelationInfo* based_in, const PictureOptions& options) {
  std::string bloc = options.bloc_of(name);
  if (bloc.empty() && based_in) {
    const auto [first, last] = g.out_edges(v);
    for (auto e = first; e < last && bloc.empty(); ++e)
      if (g.data(e).relation == based_in->id)
        bloc = options.bloc_of(Describe(store, g.entity(g.target(e))).name);
  }
  return bloc;
}

}  // namespace

Evidence BestEvidence(const Store& store, const Projection& g, EdgeIndex e) {
  const EdgeData& d = g.data(e);
  // Evidence is keyed by the stored orientation: a mirror edge's reverse.
  Triple t{g.entity(g.source(e)), d.relation, g.entity(g.target(e))};
  if (d.mirror) std::swap(t.subject, t.object);
  Evidence best;
  best.confidence = -1;
  const Status s = store.ScanEvidence(t, [&](const Evidence& ev) {
    if (ev.confidence > best.confidence) best = ev;
    return true;
  });
  if (!s.ok() || best.confidence < 0) return Evidence{};
  return best;
}

Selection SelectTriples(const Projection& g, const std::vector<Triple>& triples) {
  Selection s;
  const EdgeIndex none = static_cast<EdgeIndex>(g.num_edges());
  for (const Triple& t : triples) {
    const Vertex a = g.vertex(t.subject), b = g.vertex(t.object);
    if (a == Projection::kNoVertex || b == Projection::kNoVertex) continue;
    EdgeIndex e = FindEdge(g, a, b, t.relation, false);
    // A symmetric triple given the other way round meets its mirror; the
    // stored edge is the mirror's reverse.
    if (e == none && FindEdge(g, a, b, t.relation, true) != none) {
      e = FindEdge(g, b, a, t.relation, false);
    }
    if (e == none) continue;
    s.edges.push_back(e);
    s.vertices.push_back(a);
    s.vertices.push_back(b);
  }
  SortUnique(s.vertices);
  SortUnique(s.edges);
  return s;
}

std::string DrawDot(const Store& store, const Projection& g, std::vector<Vertex> vertices,
                    std::vector<EdgeIndex> edges, const PictureOptions& options) {
  // Nodes in entity order, edges in CSR order: the same store gives the
  // same file.
  SortUnique(vertices);
  SortUnique(edges);
  const bool blocs = options.cluster == PictureOptions::Cluster::kBloc && options.bloc_of;
  const RelationInfo* based_in = blocs ? store.FindRelation("based_in") : nullptr;
  std::vector<DotNode> nodes;
  nodes.reserve(vertices.size());
  for (const Vertex v : vertices) {
    NameAndType entity = Describe(store, g.entity(v));
    DotNode n;
    n.name = std::move(entity.name);
    n.type = std::move(entity.type);
    if (options.cluster == PictureOptions::Cluster::kType) n.cluster = n.type;
    if (blocs) n.cluster = BlocOf(store, g, v, n.name, based_in, options);
    nodes.push_back(std::move(n));
  }
  auto index_of = [&](Vertex v) {
    return static_cast<size_t>(std::lower_bound(vertices.begin(), vertices.end(), v) -
                               vertices.begin());
  };
  std::vector<DotEdge> dot_edges;
  dot_edges.reserve(edges.size());
  for (const EdgeIndex e : edges) {
    const size_t from = index_of(g.source(e)), to = index_of(g.target(e));
    if (from == vertices.size() || vertices[from] != g.source(e) || to == vertices.size() ||
        vertices[to] != g.target(e)) {
      continue;
    }
    const EdgeData& d = g.data(e);
    DotEdge de;
    de.from = from;
    de.to = to;
    const RelationInfo* relation = store.GetRelation(d.relation);
    de.relation = relation ? relation->name : "#" + std::to_string(d.relation);
    de.evidence = d.evidence;
    de.modalities = d.modalities;
    const Evidence best = BestEvidence(store, g, e);
    if (!best.sentence.empty()) {
      de.tooltip = best.sentence + "\n(" + best.article +
                   (best.date ? ", " + FormatDate(best.date) : "") + ")";
    }
    dot_edges.push_back(std::move(de));
  }
  std::ostringstream dot;
  WriteDot(nodes, dot_edges, options.dot, dot);
  return dot.str();
}

Status RenderGraphviz(const std::string& dot_text, const std::string& format,
                      const std::string& path, size_t nodes) {
  const std::string program = nodes > kDotLayoutLimit ? "sfdp" : "dot";
  char tmpl[] = "/tmp/kg-export-XXXXXX";
  const int fd = mkstemp(tmpl);
  if (fd < 0) return Status::IOError("cannot create a temporary file for Graphviz");
  {
    std::ofstream tmp(tmpl, std::ios::binary);
    tmp << dot_text;
  }
  close(fd);
  const std::string type = "-T" + format;
  const std::string out = "-o" + path;
  std::vector<char*> argv = {const_cast<char*>(program.c_str()), const_cast<char*>(type.c_str()),
                             const_cast<char*>(out.c_str()), tmpl, nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ);
  if (spawned != 0) {
    unlink(tmpl);
    return Status::NotFound("Graphviz's '" + program +
                            "' is not installed (on Debian: apt-get install graphviz)");
  }
  int status = 0;
  waitpid(pid, &status, 0);
  unlink(tmpl);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::IOError(program + " failed to render " + path);
  }
  return Status::OK();
}

}  // namespace kg
