// Pictures of a selection of the graph: which edges a set of stored triples
// is, the DOT text for some vertices and edges of a projection (names, types
// and the best sentence of each edge read from the store, DotWriter's look),
// and Graphviz run on it. kg export dot and the query language's EXPORT
// draw through here, so the same selection gives the same bytes.
//
// DOT text depends only on the store and the selection: nodes in vertex
// order, edges in CSR order, whatever order they were given in.
#ifndef KG_GRAPH_PICTURE_H_
#define KG_GRAPH_PICTURE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "graph/dot_writer.h"
#include "graph/projection.h"
#include "graph/store.h"
#include "graph/types.h"
#include "util/status.h"

namespace kg {

// Above this many entities a picture is a hairball.
constexpr size_t kReadableNodes = 400;
// dot lays out small graphs well; sfdp scales to large ones.
constexpr size_t kDotLayoutLimit = 300;

// The most confident sentence supporting edge e of g (a mirror edge reads
// its stored orientation), with article and date; the first of equally
// confident ones. An empty Evidence when none (or the store fails to read).
Evidence BestEvidence(const Store& store, const Projection& g, Projection::EdgeIndex e);

// The edges of g that carry the given stored triples (a symmetric triple:
// its non-mirror edge, whichever way round it is given), and their end
// vertices, sorted and without repeats; triples g does not hold are skipped.
struct Selection {
  std::vector<Projection::Vertex> vertices;
  std::vector<Projection::EdgeIndex> edges;
};
Selection SelectTriples(const Projection& g, const std::vector<Triple>& triples);

struct PictureOptions {
  DotOptions dot;
  // Boxes around entities: none, by country bloc, or by entity type.
  enum class Cluster { kNone, kBloc, kType } cluster = Cluster::kNone;
  // For kBloc: the bloc label of an entity by name ("" when none); an entity
  // without one takes the bloc of a country it is based_in (its first
  // based_in edge whose target has a bloc). Unset: no bloc boxes. The
  // gazetteer that knows blocs is ingest's, so the caller brings it.
  std::function<std::string(const std::string& name)> bloc_of;
};

// DOT text for the given vertices and edges of g: nodes sorted by vertex,
// edges by CSR index, repeats dropped; an edge with an end not among
// `vertices` is left out. Each edge's tooltip is its BestEvidence.
std::string DrawDot(const Store& store, const Projection& g,
                    std::vector<Projection::Vertex> vertices,
                    std::vector<Projection::EdgeIndex> edges, const PictureOptions& options);

// Runs Graphviz (dot, or sfdp above kDotLayoutLimit nodes) on dot_text,
// writing `format` (svg, png or pdf) to path. NotFound with install advice
// when Graphviz is missing; IOError when it fails.
Status RenderGraphviz(const std::string& dot_text, const std::string& format,
                      const std::string& path, size_t nodes);

}  // namespace kg

#endif  // KG_GRAPH_PICTURE_H_
