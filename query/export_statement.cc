// EXPORT: the triples or the subgraph a statement finds, written as a
// Graphviz picture (DOT, or SVG/PNG/PDF through Graphviz) or as JSON Lines
// in the triple format, with the graph module's writers.
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "graph/picture.h"
#include "graph/triple_writer.h"
#include "query/statement.h"

namespace kg::query {

namespace {

std::string Count(size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

bool WriteJsonl(const ExportTarget& t, const ExportAst& e, StatementContext& c, QueryError* error) {
  std::ofstream out(e.path.text, std::ios::binary);
  if (!out) return FailAtName(e.path, "cannot write '" + e.path.text + "'", error);
  std::unordered_map<EntityId, EntityRef> refs;
  std::unordered_map<std::string, ArticleMeta> articles;
  Status failed;
  auto ref = [&](EntityId id) -> const EntityRef& {
    auto it = refs.find(id);
    if (it == refs.end()) {
      EntityRef r;
      auto entity = c.store->GetEntity(id);
      if (entity.ok()) {
        r.name = entity->name;
        r.aliases = entity->aliases;
        r.type = c.catalog->TypeName(id);
      } else {
        failed = entity.status();
      }
      it = refs.emplace(id, std::move(r)).first;
    }
    return it->second;
  };
  uint64_t lines = 0;
  for (const Triple& triple : t.triples) {
    const Status st = c.store->ScanEvidence(triple, [&](const Evidence& ev) {
      if (!t.filter.KeepEvidence(ev)) return true;
      auto it = articles.find(ev.article);
      if (it == articles.end()) {
        auto meta = c.store->GetArticle(ev.article);
        ArticleMeta found;
        found.id = ev.article;
        if (meta.ok() && *meta) found = **meta;
        it = articles.emplace(ev.article, std::move(found)).first;
      }
      Fact f;
      f.subject = ref(triple.subject);
      f.object = ref(triple.object);
      f.relation = c.catalog->RelationName(triple.relation);
      f.evidence = ev;
      out << FactToJsonLine(it->second, f) << '\n';
      ++lines;
      return static_cast<bool>(out);
    });
    if (!st.ok()) return FailStatus(st, error);
    if (!failed.ok()) return FailStatus(failed, error);
  }
  out.close();
  if (!out) return FailAtName(e.path, "writing '" + e.path.text + "' failed", error);
  c.sink->Message("wrote " + Count(lines, "line") + " (" + Count(t.triples.size(), "fact") +
                  ") to " + e.path.text);
  return true;
}

bool WritePicture(ExportTarget& t, const ExportAst& e, StatementContext& c, QueryError* error) {
  std::shared_ptr<const Projection> graph = t.graph;
  Selection sel = t.selection;
  if (!graph) {
    auto g = c.projections->Get(*c.store, t.filter.graph);
    if (!g.ok()) return FailStatus(g.status(), error);
    graph = *g;
    sel = SelectTriples(*graph, t.triples);
  }
  PictureOptions options;
  options.dot.title = e.title.text;
  if (e.cluster.text == "bloc") {
    options.cluster = PictureOptions::Cluster::kBloc;
    options.bloc_of = c.bloc_of;
  } else if (!e.cluster.empty()) {
    options.cluster = PictureOptions::Cluster::kType;
  }
  const size_t nodes = sel.vertices.size();
  const size_t edges = sel.edges.size();
  const std::string dot = DrawDot(*c.store, *graph, sel.vertices, sel.edges, options);
  if (nodes > kReadableNodes) {
    c.sink->Message("warning: " + std::to_string(nodes) +
                    " entities make an unreadable picture; narrow the statement");
  }
  if (e.format.text == "dot") {
    std::ofstream out(e.path.text, std::ios::binary);
    out << dot;
    out.close();
    if (!out) return FailAtName(e.path, "cannot write '" + e.path.text + "'", error);
  } else {
    const Status st = RenderGraphviz(dot, e.format.text, e.path.text, nodes);
    if (!st.ok()) return FailAtName(e.path, st.message(), error);
  }
  c.sink->Message("wrote " + e.path.text + " (" +
                  (nodes == 1 ? std::string("1 entity") : std::to_string(nodes) + " entities") +
                  ", " + Count(edges, "fact") + ")");
  return true;
}

}  // namespace

bool RunStatement(const Statement& s, StatementContext& c, QueryError* error) {
  ExportTarget target;
  ExportTarget* t = s.export_to && !s.explain ? &target : nullptr;
  bool ok = true;
  if (const auto* m = std::get_if<MatchAst>(&s.query)) {
    ok = RunMatch(*m, s.explain, c, t, error);
  } else if (const auto* e = std::get_if<EvidenceAst>(&s.query)) {
    ok = RunEvidence(*e, s.explain, c, t, error);
  } else if (const auto* p = std::get_if<PathAst>(&s.query)) {
    ok = RunPath(*p, s.explain, c, t, error);
  } else if (const auto* n = std::get_if<NeighborsAst>(&s.query)) {
    ok = RunNeighbors(*n, s.explain, c, t, error);
  } else if (const auto* r = std::get_if<RankAst>(&s.query)) {
    ok = RunRank(*r, s.explain, c, t, error);
  } else if (const auto* k = std::get_if<ComponentsAst>(&s.query)) {
    ok = RunComponents(*k, s.explain, c, t, error);
  } else if (s.export_to) {
    // ENTITY and FIND give tables, not a graph.
    *error = {
        "EXPORT takes MATCH, EVIDENCE, PATH, NEIGHBORS, RANK or COMPONENTS; write "
        "ENTITY and FIND results with .mode csv or json",
        s.pos, 6, true};
    return false;
  } else if (const auto* en = std::get_if<EntityAst>(&s.query)) {
    ok = RunEntity(*en, s.explain, c, error);
  } else if (const auto* f = std::get_if<FindAst>(&s.query)) {
    ok = RunFind(*f, s.explain, c, error);
  }
  if (!ok || !t) return ok;
  const ExportAst& e = *s.export_to;
  if (e.format.text == "jsonl") return WriteJsonl(target, e, c, error);
  return WritePicture(target, e, c, error);
}

}  // namespace kg::query
