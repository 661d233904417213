// Projection: the stored knowledge graph as an in-memory Boost.Graph, for
// the analytics (paths.h, neighborhood.h, components.h, centrality.h).
//
// Vertices are the entities of the triples a GraphFilter keeps, numbered
// densely in entity-id order; edges are those triples, each carrying its
// relation and evidence aggregates. The graph is a
// boost::compressed_sparse_row_graph, built in one pass over the SPO index,
// whose order is already the order CSR wants; in-edges are kept beside it. A symmetric relation
// ("competes_with") is stored once but has no direction, so it becomes an edge each way, marked as
// the mirror.
//
// Algorithms that must not count parallel edges twice (two relations between
// the same pair; Brandes betweenness would) read the simple adjacency: each
// neighbouring pair once, in either view (directed out, directed in,
// undirected).
//
// A Projection is immutable once built; build another after the store
// changes (ProjectionCache does that on demand).
#ifndef KG_GRAPH_PROJECTION_H_
#define KG_GRAPH_PROJECTION_H_

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/store.h"
#include "graph/types.h"
#include "util/result.h"

namespace kg {

// Which triples become edges. Every algorithm takes its graph through one.
struct GraphFilter {
  std::vector<RelationId> relations;  // empty: every relation
  std::vector<TypeId> types;          // both ends must be of these; empty: any type
  double min_confidence = 0;          // a triple's best evidence must reach it
  uint32_t min_evidence = 1;          // sentences supporting the triple
  // A triple is kept when one of its evidence modalities is in the set
  // (asserted and hedged only: drop what is only ever negated).
  ModalitySet modalities = ModalityBit(Modality::kAsserted) | ModalityBit(Modality::kHedged) |
                           ModalityBit(Modality::kNegated);
  // A date window: kept when [first, last] date of the evidence overlaps
  // it; with a window set, undated triples are dropped. 0: open.
  PackedDate from = 0;
  PackedDate to = 0;

  friend bool operator==(const GraphFilter&, const GraphFilter&) = default;
};

// What an edge carries: one stored triple (or the mirror of a symmetric one).
struct EdgeData {
  RelationId relation = 0;
  uint32_t evidence = 0;
  float max_confidence = 0;
  ModalitySet modalities = 0;
  bool mirror = false;  // the reverse direction of a symmetric triple
  PackedDate first_date = 0;
  PackedDate last_date = 0;
};

// A stored triple as the projection takes it (also how tests build one).
struct ProjectedTriple {
  EntityId subject = 0;
  RelationId relation = 0;
  EntityId object = 0;
  TripleStats stats;
  bool symmetric = false;
};

class Projection {
 public:
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeData,
                                                   boost::no_property, uint32_t, uint32_t>;
  using Vertex = uint32_t;
  using EdgeIndex = uint32_t;  // position in the CSR edge arrays
  static constexpr Vertex kNoVertex = std::numeric_limits<Vertex>::max();

  // Reads the triples the filter keeps from the store (SPO order, one scan)
  // and the entities' types. IOError/Corruption from the store.
  static Result<std::unique_ptr<Projection>> Build(const Store& store, const GraphFilter& filter);
  // From triples already at hand, filtered the same way; `types` gives each
  // entity's type by id (may be empty when the filter names no types).
  // `isolated` names entities to keep as vertices even with no edge (a
  // graph from elsewhere that has them; the store never does).
  static std::unique_ptr<Projection> FromTriples(std::vector<ProjectedTriple> triples,
                                                 const std::vector<TypeId>& types,
                                                 const GraphFilter& filter,
                                                 const std::vector<EntityId>& isolated = {});

  size_t num_vertices() const { return entities_.size(); }
  size_t num_edges() const { return targets_.size(); }
  const Graph& graph() const { return graph_; }

  EntityId entity(Vertex v) const { return entities_[v]; }
  // The vertex of an entity, or kNoVertex when the filter kept none of its
  // triples.
  Vertex vertex(EntityId id) const;

  // Edge e: its ends and data, by CSR position (out-edges of a vertex are a
  // contiguous range, sorted by target).
  Vertex source(EdgeIndex e) const { return sources_[e]; }
  Vertex target(EdgeIndex e) const { return targets_[e]; }
  const EdgeData& data(EdgeIndex e) const { return graph_[edge_descriptor(e)]; }
  // Out-edge positions of v: [first, last).
  std::pair<EdgeIndex, EdgeIndex> out_edges(Vertex v) const {
    return {offsets_[v], offsets_[v + 1]};
  }
  // In-edge positions of v, as indices into in_edge_list().
  std::pair<uint32_t, uint32_t> in_edges(Vertex v) const {
    return {in_offsets_[v], in_offsets_[v + 1]};
  }
  const std::vector<EdgeIndex>& in_edge_list() const { return in_edge_list_; }

  // Each neighbouring pair once. kOut: targets of v; kIn: sources; kBoth:
  // the undirected neighbours (no vertex twice, never v itself).
  enum class Direction { kOut, kIn, kBoth };
  struct Adjacency {
    std::vector<uint32_t> offsets;  // size num_vertices() + 1
    std::vector<Vertex> neighbors;
  };
  const Adjacency& simple(Direction d) const;

 private:
  Projection() = default;
  Graph::edge_descriptor edge_descriptor(EdgeIndex e) const {
    return Graph::edge_descriptor(sources_[e], e);
  }

  Graph graph_;
  std::vector<EntityId> entities_;       // vertex -> entity
  std::vector<Vertex> sources_;          // by CSR position
  std::vector<Vertex> targets_;          // by CSR position
  std::vector<uint32_t> offsets_;        // vertex -> first out-edge
  std::vector<uint32_t> in_offsets_;     // vertex -> first in in_edge_list_
  std::vector<EdgeIndex> in_edge_list_;  // in-edges grouped by target
  Adjacency simple_[3];
};

// Keeps the last projection per filter while the store has not changed
// (Store::Generation), and builds a new one when it has.
class ProjectionCache {
 public:
  Result<std::shared_ptr<const Projection>> Get(const Store& store, const GraphFilter& filter);

 private:
  struct Entry {
    const Store* store = nullptr;
    uint64_t generation = 0;
    GraphFilter filter;
    std::shared_ptr<const Projection> projection;
  };
  std::vector<Entry> entries_;  // a handful: most recently used last
};

}  // namespace kg

#endif  // KG_GRAPH_PROJECTION_H_
