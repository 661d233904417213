#include "tools/graph_options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "graph/name_resolver.h"
#include "util/suggest.h"

namespace kg::cli {

namespace {

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ')
      item.erase(item.begin());
    while (!item.empty() && item.back() == ' ')
      item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

Status BadFlag(const std::string& flag, const std::string& message) {
  return Status::InvalidArgument("--" + flag + ": " + message);
}

}  // namespace

const std::vector<FlagSpec>& GraphFilterFlags() {
  static const std::vector<FlagSpec> flags = {
      {"relations", "R,...", "only edges of these relations"},
      {"types", "T,...", "only entities of these types, at both ends of an edge"},
      {"min-confidence", "X", "only facts whose best evidence has at least this confidence"},
      {"min-evidence", "N", "only facts with at least N supporting sentences"},
      {"modalities", "M,...",
       "only facts stated with one of these modalities (asserted, hedged, negated)"},
      {"no-negated", "", "drop facts that are only ever stated as negated"},
      {"from", "DATE", "only facts with evidence on or after DATE (YYYY[-MM[-DD]])"},
      {"to", "DATE", "only facts with evidence on or before DATE"},
      {"undirected", "", "follow edges either way"},
      {"json", "", "print JSON instead of a table"},
  };
  return flags;
}

Result<size_t> PositiveFlag(const Args& args, const std::string& flag, size_t fallback) {
  if (!args.Has(flag)) return fallback;
  const std::string v = args.Get(flag);
  size_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || n == 0) {
    return BadFlag(flag, "needs a positive integer, not '" + v + "'");
  }
  return n;
}

Result<double> NumberFlag(const Args& args, const std::string& flag, double fallback) {
  if (!args.Has(flag)) return fallback;
  const std::string v = args.Get(flag);
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(x)) {
    return BadFlag(flag, "needs a number, not '" + v + "'");
  }
  return x;
}

Result<GraphFilter> ParseGraphFilter(const Args& args, const Store& store) {
  GraphFilter f;
  for (const auto& name : SplitList(args.Get("relations"))) {
    auto id = ResolveRelationName(store, name);
    if (!id.ok()) return id.status().WithContext("--relations");
    f.relations.push_back(*id);
  }
  for (const auto& name : SplitList(args.Get("types"))) {
    const EntityTypeInfo* t = store.FindEntityType(name);
    if (!t) {
      std::vector<std::string> names;
      for (const auto& type : store.entity_types())
        names.push_back(type.name);
      const std::string guess = ClosestMatch(name, names);
      return BadFlag("types", "unknown entity type '" + name + "'" +
                                  (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
    }
    f.types.push_back(t->id);
  }
  KG_ASSIGN_OR_RETURN(f.min_confidence, NumberFlag(args, "min-confidence", 0));
  if (f.min_confidence < 0 || f.min_confidence > 1) {
    return BadFlag("min-confidence", "needs a number from 0 to 1");
  }
  KG_ASSIGN_OR_RETURN(const size_t min_evidence, PositiveFlag(args, "min-evidence", 1));
  f.min_evidence = static_cast<uint32_t>(std::min<size_t>(min_evidence, UINT32_MAX));
  if (args.Has("modalities")) {
    f.modalities = 0;
    for (const auto& name : SplitList(args.Get("modalities"))) {
      Modality m;
      if (!ParseModality(name, &m)) {
        return BadFlag("modalities", "'" + name + "' is not asserted, hedged or negated");
      }
      f.modalities |= ModalityBit(m);
    }
    if (f.modalities == 0) return BadFlag("modalities", "names no modality");
  }
  if (args.Has("no-negated")) f.modalities &= ~ModalityBit(Modality::kNegated);
  for (const auto& [flag, date] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (args.Has(flag) && !ParseDate(args.Get(flag), date)) {
      return BadFlag(flag,
                     "needs a date YYYY, YYYY-MM or YYYY-MM-DD, not '" + args.Get(flag) + "'");
    }
  }
  // --to 2024 means through the end of 2024, not up to its first day.
  f.to = EndOfPeriod(f.to);
  if (f.from && f.to && f.from > f.to) return BadFlag("from", "is after --to");
  return f;
}

Result<GraphContext> OpenGraph(const Args& args) {
  GraphContext c;
  KG_ASSIGN_OR_RETURN(c.store, Store::OpenForRead(StorePath(args)));
  KG_ASSIGN_OR_RETURN(const GraphFilter filter, ParseGraphFilter(args, *c.store));
  KG_ASSIGN_OR_RETURN(c.graph, Projection::Build(*c.store, filter));
  c.undirected = args.Has("undirected");
  return c;
}

Result<Projection::Vertex> GraphContext::Vertex(const std::string& name,
                                                const std::string& what) const {
  auto id = ResolveEntityName(*store, name);
  if (!id.ok()) return id.status().WithContext(what);
  const Projection::Vertex v = graph->vertex(*id);
  if (v == Projection::kNoVertex) {
    auto e = store->GetEntity(*id);
    return Status::NotFound(what + ": '" + (e.ok() ? e->name : name) +
                            "' has no facts that pass the filters");
  }
  return v;
}

std::string GraphContext::Name(Projection::Vertex v) const {
  auto e = store->GetEntity(graph->entity(v));
  return e.ok() ? e->name : "#" + std::to_string(graph->entity(v));
}

std::string GraphContext::TypeName(Projection::Vertex v) const {
  auto e = store->GetEntity(graph->entity(v));
  if (!e.ok()) return "";
  const EntityTypeInfo* t = store->GetEntityType(e->type);
  return t ? t->name : "";
}

std::string GraphContext::RelationName(RelationId id) const {
  const RelationInfo* r = store->GetRelation(id);
  return r ? r->name : "#" + std::to_string(id);
}

Result<Projection::Direction> ParseDirection(const Args& args) {
  const std::string dir = args.Get("direction", "both");
  if (dir == "out") return Projection::Direction::kOut;
  if (dir == "in") return Projection::Direction::kIn;
  if (dir == "both") return Projection::Direction::kBoth;
  return BadFlag("direction", "is out, in or both, not '" + dir + "'");
}

Result<ScoreQuery> ParseScoreQuery(const std::string& measure, const Args& args) {
  KG_RETURN_IF_ERROR(CheckMeasure(measure));
  ScoreQuery q;
  q.measure = measure;
  if (measure == "pagerank") {
    KG_ASSIGN_OR_RETURN(q.pagerank.damping, NumberFlag(args, "damping", 0.85));
    KG_ASSIGN_OR_RETURN(q.pagerank.tolerance, NumberFlag(args, "tolerance", 1e-6));
    KG_ASSIGN_OR_RETURN(const size_t iterations, PositiveFlag(args, "max-iterations", 100));
    if (q.pagerank.damping <= 0 || q.pagerank.damping >= 1) {
      return BadFlag("damping", "must be in (0, 1)");
    }
    if (q.pagerank.tolerance <= 0) return BadFlag("tolerance", "must be above 0");
    q.pagerank.max_iterations = static_cast<int>(std::min<size_t>(iterations, 1000000));
  } else if (measure == "betweenness") {
    KG_ASSIGN_OR_RETURN(q.betweenness.samples, PositiveFlag(args, "samples", 0));
    KG_ASSIGN_OR_RETURN(q.betweenness.seed, PositiveFlag(args, "seed", 1));
  } else if (measure == "degree") {
    KG_ASSIGN_OR_RETURN(q.direction, ParseDirection(args));
    q.by_evidence = args.Has("by-evidence");
  }
  return q;
}

}  // namespace kg::cli
