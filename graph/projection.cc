#include "graph/projection.h"

#include <algorithm>

namespace kg {

namespace {

bool Keeps(const GraphFilter& f, const ProjectedTriple& t, const std::vector<TypeId>& types) {
  const TripleStats& s = t.stats;
  if (!f.relations.empty() &&
      std::find(f.relations.begin(), f.relations.end(), t.relation) == f.relations.end()) {
    return false;
  }
  if (s.max_confidence < f.min_confidence || s.evidence_count < f.min_evidence) return false;
  if ((s.modalities & f.modalities) == 0) return false;
  if (f.from != 0 || f.to != 0) {
    if (s.first_date == 0) return false;
    if (f.from != 0 && s.last_date < f.from) return false;
    if (f.to != 0 && s.first_date > f.to) return false;
  }
  if (!f.types.empty()) {
    auto type_of = [&](EntityId id) -> TypeId { return id < types.size() ? types[id] : 0; };
    for (EntityId id : {t.subject, t.object}) {
      if (std::find(f.types.begin(), f.types.end(), type_of(id)) == f.types.end()) return false;
    }
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<Projection>> Projection::Build(const Store& store,
                                                      const GraphFilter& filter) {
  // Types by entity id, only when the filter asks for them.
  std::vector<TypeId> types;
  if (!filter.types.empty()) {
    KG_RETURN_IF_ERROR(store.ScanEntities([&](const Entity& e) {
      if (e.id >= types.size()) types.resize(static_cast<size_t>(e.id) + 1, 0);
      types[e.id] = e.type;
      return true;
    }));
  }
  // Symmetric relations by id (the store lists relations in id order, from 1).
  std::vector<char> symmetric;
  for (const auto& r : store.relations()) {
    if (r.id >= symmetric.size()) symmetric.resize(static_cast<size_t>(r.id) + 1, 0);
    symmetric[r.id] = r.symmetric;
  }
  std::vector<ProjectedTriple> triples;
  KG_RETURN_IF_ERROR(store.ScanTriples(TriplePattern{}, [&](const TripleRow& row) {
    ProjectedTriple t;
    t.subject = row.triple.subject;
    t.relation = row.triple.relation;
    t.object = row.triple.object;
    t.stats = row.stats;
    t.symmetric = t.relation < symmetric.size() && symmetric[t.relation];
    if (Keeps(filter, t, types)) triples.push_back(t);
    return true;
  }));
  return FromTriples(std::move(triples), types, GraphFilter{});
}

std::unique_ptr<Projection> Projection::FromTriples(std::vector<ProjectedTriple> triples,
                                                    const std::vector<TypeId>& types,
                                                    const GraphFilter& filter,
                                                    const std::vector<EntityId>& isolated) {
  std::unique_ptr<Projection> p(new Projection());
  triples.erase(std::remove_if(triples.begin(), triples.end(),
                               [&](const ProjectedTriple& t) {
                                 return !Keeps(filter, t, types) || t.subject == t.object;
                               }),
                triples.end());
  // Vertices: every entity at an end of a kept triple, in id order.
  std::vector<EntityId>& ids = p->entities_;
  ids.reserve(2 * triples.size() + isolated.size());
  ids.insert(ids.end(), isolated.begin(), isolated.end());
  for (const auto& t : triples) {
    ids.push_back(t.subject);
    ids.push_back(t.object);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto vertex_of = [&](EntityId id) {
    return static_cast<Vertex>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
  };
  // Edges sorted by (source, target, relation, mirror): the CSR order. The
  // SPO scan is sorted already unless mirrors were added.
  struct Pending {
    Vertex source, target;
    EdgeData data;
  };
  std::vector<Pending> pending;
  pending.reserve(triples.size());
  bool mirrors = false;
  for (const auto& t : triples) {
    EdgeData d;
    d.relation = t.relation;
    d.evidence = t.stats.evidence_count;
    d.max_confidence = static_cast<float>(t.stats.max_confidence);
    d.modalities = t.stats.modalities;
    d.first_date = t.stats.first_date;
    d.last_date = t.stats.last_date;
    const Vertex s = vertex_of(t.subject), o = vertex_of(t.object);
    pending.push_back({s, o, d});
    if (t.symmetric) {
      d.mirror = true;
      pending.push_back({o, s, d});
      mirrors = true;
    }
  }
  auto order = [](const Pending& a, const Pending& b) {
    return std::tie(a.source, a.target, a.data.relation, a.data.mirror) <
           std::tie(b.source, b.target, b.data.relation, b.data.mirror);
  };
  if (mirrors || !std::is_sorted(pending.begin(), pending.end(), order)) {
    std::sort(pending.begin(), pending.end(), order);
  }
  std::vector<std::pair<Vertex, Vertex>> ends;
  std::vector<EdgeData> data;
  ends.reserve(pending.size());
  data.reserve(pending.size());
  p->sources_.reserve(pending.size());
  p->targets_.reserve(pending.size());
  for (const auto& e : pending) {
    ends.emplace_back(e.source, e.target);
    data.push_back(e.data);
    p->sources_.push_back(e.source);
    p->targets_.push_back(e.target);
  }
  pending.clear();
  pending.shrink_to_fit();
  const size_t n = ids.size();
  p->graph_ = Graph(boost::edges_are_sorted, ends.begin(), ends.end(), data.begin(), n);

  // Out-edge offsets, and in-edges grouped by target (a counting sort).
  p->offsets_.assign(n + 1, 0);
  p->in_offsets_.assign(n + 1, 0);
  for (size_t e = 0; e < ends.size(); ++e) {
    ++p->offsets_[ends[e].first + 1];
    ++p->in_offsets_[ends[e].second + 1];
  }
  for (size_t v = 0; v < n; ++v) {
    p->offsets_[v + 1] += p->offsets_[v];
    p->in_offsets_[v + 1] += p->in_offsets_[v];
  }
  p->in_edge_list_.resize(ends.size());
  std::vector<uint32_t> fill(p->in_offsets_.begin(), p->in_offsets_.end() - 1);
  for (size_t e = 0; e < ends.size(); ++e)
    p->in_edge_list_[fill[ends[e].second]++] = static_cast<EdgeIndex>(e);

  // Simple adjacencies: each neighbouring pair once.
  auto build = [&](Direction d) {
    Adjacency& a = p->simple_[static_cast<int>(d)];
    a.offsets.assign(n + 1, 0);
    std::vector<Vertex> scratch;
    for (Vertex v = 0; v < n; ++v) {
      scratch.clear();
      if (d != Direction::kIn) {
        for (uint32_t e = p->offsets_[v]; e < p->offsets_[v + 1]; ++e)
          scratch.push_back(p->targets_[e]);
      }
      if (d != Direction::kOut) {
        for (uint32_t i = p->in_offsets_[v]; i < p->in_offsets_[v + 1]; ++i)
          scratch.push_back(p->sources_[p->in_edge_list_[i]]);
      }
      std::sort(scratch.begin(), scratch.end());
      scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
      a.neighbors.insert(a.neighbors.end(), scratch.begin(), scratch.end());
      a.offsets[v + 1] = static_cast<uint32_t>(a.neighbors.size());
    }
  };
  build(Direction::kOut);
  build(Direction::kIn);
  build(Direction::kBoth);
  return p;
}

Projection::Vertex Projection::vertex(EntityId id) const {
  const auto it = std::lower_bound(entities_.begin(), entities_.end(), id);
  if (it == entities_.end() || *it != id) return kNoVertex;
  return static_cast<Vertex>(it - entities_.begin());
}

const Projection::Adjacency& Projection::simple(Direction d) const {
  return simple_[static_cast<int>(d)];
}

Result<std::shared_ptr<const Projection>> ProjectionCache::Get(const Store& store,
                                                               const GraphFilter& filter) {
  const uint64_t generation = store.Generation();
  for (size_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    if (e.store == &store && e.generation == generation && e.filter == filter) {
      Entry hit = e;
      entries_.erase(entries_.begin() + static_cast<long>(i));
      entries_.push_back(hit);
      return hit.projection;
    }
  }
  KG_ASSIGN_OR_RETURN(auto built, Projection::Build(store, filter));
  std::shared_ptr<const Projection> shared(std::move(built));
  // Projections of an older generation are of no more use.
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const Entry& e) {
                                  return e.store == &store && e.generation != generation;
                                }),
                 entries_.end());
  if (entries_.size() >= 4) entries_.erase(entries_.begin());
  entries_.push_back({&store, generation, filter, shared});
  return shared;
}

}  // namespace kg
