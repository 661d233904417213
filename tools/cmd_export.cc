#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <numeric>
#include <set>
#include <unordered_map>
#include <utility>

#include "graph/interchange.h"
#include "graph/neighborhood.h"
#include "graph/paths.h"
#include "graph/picture.h"
#include "graph/scoring.h"
#include "graph/triple_writer.h"
#include "tools/blocs.h"
#include "tools/commands.h"
#include "tools/graph_options.h"

namespace kg::cli {

namespace {

Result<Selection> Select(const Args& args, const GraphContext& c) {
  const Projection& g = *c.graph;
  Selection s;
  if (args.Has("around")) {
    KG_ASSIGN_OR_RETURN(const auto center, c.Vertex(args.Get("around"), "--around"));
    KG_ASSIGN_OR_RETURN(const size_t depth, PositiveFlag(args, "depth", 1));
    const Neighborhood ego = EgoNetwork(g, center, depth, Projection::Direction::kBoth);
    s.vertices = ego.vertices;
  } else if (args.Has("path")) {
    if (args.positional.size() != 1) {
      return Status::InvalidArgument("--path takes FROM, and TO after it: --path FROM TO");
    }
    KG_ASSIGN_OR_RETURN(const auto from, c.Vertex(args.Get("path"), "--path FROM"));
    KG_ASSIGN_OR_RETURN(const auto to, c.Vertex(args.positional[0], "--path TO"));
    KG_ASSIGN_OR_RETURN(const size_t k, PositiveFlag(args, "k", 1));
    PathQuery q;
    q.directed = !c.undirected;
    const auto paths = KShortestPaths(g, from, to, k, q);
    if (paths.empty())
      return Status::NotFound("no path from '" + args.Get("path") + "' to '" + args.positional[0] +
                              "'");
    std::set<Projection::Vertex> vs;
    std::set<Projection::EdgeIndex> es;
    for (const auto& p : paths) {
      vs.insert(p.vertices.begin(), p.vertices.end());
      for (const auto& step : p.steps)
        es.insert(step.edge);
    }
    s.vertices.assign(vs.begin(), vs.end());
    s.edges.assign(es.begin(), es.end());
    return s;
  } else if (args.Has("top")) {
    KG_ASSIGN_OR_RETURN(const size_t top, PositiveFlag(args, "top", 50));
    auto query = ParseScoreQuery(args.Get("by", "pagerank"), args);
    if (!query.ok()) return query.status().WithContext("--by");
    const Scores scored = kg::ScoreBy(*query, g, !c.undirected);
    std::vector<Projection::Vertex> all(g.num_vertices());
    std::iota(all.begin(), all.end(), 0);
    s.vertices = TopScored(std::move(all), scored.scores, top);
  } else {
    s.vertices.resize(g.num_vertices());
    std::iota(s.vertices.begin(), s.vertices.end(), 0);
  }
  // Every fact among them, a symmetric one once.
  for (const auto e : EdgesAmong(g, s.vertices))
    if (!g.data(e).mirror) s.edges.push_back(e);
  return s;
}

int RunExportDot(const Args& args) {
  auto opened = OpenGraph(args);
  if (!opened.ok()) return Fail(opened.status());
  const GraphContext& c = *opened;
  auto selected = Select(args, c);
  if (!selected.ok()) return Fail(selected.status());
  const Selection& sel = *selected;

  PictureOptions options;
  options.dot.rankdir = args.Get("rankdir", "LR");
  const std::string& rankdir = options.dot.rankdir;
  if (rankdir != "LR" && rankdir != "RL" && rankdir != "TB" && rankdir != "BT") {
    return UsageError("export", "--rankdir is LR, RL, TB or BT, not '" + rankdir + "'");
  }
  options.dot.legend = !args.Has("no-legend");
  options.dot.title = args.Get("title");
  const std::string cluster = args.Get("cluster");
  if (!cluster.empty() && cluster != "bloc" && cluster != "type") {
    return UsageError("export", "--cluster is bloc or type, not '" + cluster + "'");
  }
  if (cluster == "type") options.cluster = PictureOptions::Cluster::kType;
  if (cluster == "bloc") {
    options.cluster = PictureOptions::Cluster::kBloc;
    options.bloc_of = BlocOf;
  }
  const size_t nodes = sel.vertices.size();
  const size_t edges = sel.edges.size();
  if (nodes > kReadableNodes) {
    std::cerr << "kg: warning: " << nodes
              << " entities make an unreadable picture; narrow it with --around, --path, "
                 "--top or the filters\n";
  }
  const std::string dot = DrawDot(*c.store, *c.graph, sel.vertices, sel.edges, options);

  const std::string out = args.Get("out");
  if (args.Has("render")) {
    const std::string format = args.Get("render");
    if (format != "svg" && format != "png" && format != "pdf") {
      return UsageError("export", "--render is svg, png or pdf, not '" + format + "'");
    }
    if (out.empty()) return UsageError("export", "--render needs --out FILE");
    const Status s = RenderGraphviz(dot, format, out, nodes);
    if (s.IsNotFound()) {
      return Fail(Status::NotFound(s.message() + "; without --render, kg writes the DOT text"));
    }
    if (!s.ok()) return Fail(s);
    std::cerr << "wrote " << out << " (" << nodes << " entities, " << edges << " facts)\n";
    return kExitOk;
  }
  if (out.empty() || out == "-") {
    std::cout << dot;
    std::cout.flush();
    return std::cout ? kExitOk : Fail(Status::IOError("standard output: write failed"));
  }
  std::ofstream file(out, std::ios::binary);
  file << dot;
  file.close();
  if (!file) return Fail(Status::IOError(out + ": cannot write"));
  return kExitOk;
}

// JSON Lines in the triple format, one line per piece of evidence, article
// by article in the order the store took them and each article's facts in
// its own order: nothing depends on entity ids, so exporting what an import
// of this output built gives the same bytes. Streams: an article at a time.
int RunExportJsonl(const Args& args) {
  if (!args.positional.empty()) {
    return UsageError("export", "unexpected argument '" + args.positional[0] + "'");
  }
  auto opened = Store::OpenForRead(StorePath(args));
  if (!opened.ok()) return Fail(opened.status());
  const Store& store = **opened;
  std::ofstream file;
  const std::string path = args.Get("out");
  if (!path.empty() && path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Fail(Status::IOError(path + ": cannot write"));
  }
  std::ostream& out = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  // Entities seen lately; cleared now and then so memory stays flat.
  std::unordered_map<EntityId, EntityRef> entities;
  auto ref = [&](EntityId id) -> Result<const EntityRef*> {
    auto it = entities.find(id);
    if (it == entities.end()) {
      if (entities.size() > 100000) entities.clear();
      KG_ASSIGN_OR_RETURN(Entity e, store.GetEntity(id));
      const EntityTypeInfo* type = store.GetEntityType(e.type);
      it = entities.emplace(id, EntityRef{e.name, type ? type->name : "", e.aliases}).first;
    }
    return &it->second;
  };
  Status error;
  std::string buffer;
  size_t lines = 0;
  Status s = store.ScanArticles([&](const ArticleMeta& meta) {
    error = store.ScanArticleEvidence(meta.id, [&](const Triple& t, const Evidence& e) {
      auto subject = ref(t.subject);
      auto object = ref(t.object);
      if (!subject.ok() || !object.ok()) {
        error = subject.ok() ? object.status() : subject.status();
        return false;
      }
      const RelationInfo* rel = store.GetRelation(t.relation);
      Fact f;
      f.subject = **subject;
      f.object = **object;
      f.relation = rel ? rel->name : "";
      // A symmetric fact is stored lower id first; the name order does not
      // depend on ids.
      if (rel && rel->symmetric && f.object.name < f.subject.name) std::swap(f.subject, f.object);
      f.evidence = e;
      buffer += FactToJsonLine(meta, f);
      buffer += '\n';
      ++lines;
      if (buffer.size() > (1 << 16)) {
        out << buffer;
        buffer.clear();
      }
      return static_cast<bool>(out);
    });
    return error.ok() && static_cast<bool>(out);
  });
  out << buffer;
  out.flush();
  if (!s.ok()) return Fail(s);
  if (!error.ok()) return Fail(error);
  if (!out)
    return Fail(Status::IOError((path.empty() ? "standard output" : path) + ": write failed"));
  if (file.is_open()) std::cerr << "wrote " << lines << " lines to " << path << "\n";
  return kExitOk;
}

int RunExportCsv(const Args& args) {
  const std::string dir = args.Get("out");
  if (dir.empty()) return UsageError("export", "csv needs --out DIR for nodes.csv and edges.csv");
  auto opened = Store::OpenForRead(StorePath(args));
  if (!opened.ok()) return Fail(opened.status());
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(Status::IOError(dir + ": " + ec.message()));
  const Status s = ExportNeo4jCsv(**opened, dir);
  if (!s.ok()) return Fail(s);
  std::cerr << "wrote " << dir << "/nodes.csv and " << dir << "/edges.csv\n";
  return kExitOk;
}

int RunExportNTriples(const Args& args) {
  const std::string base = args.Get("base", "https://kg-rivalry.example/");
  if (base.find("://") == std::string::npos || (base.back() != '/' && base.back() != '#') ||
      base.find_first_of(" <>\"{}|\\^`") != std::string::npos) {
    return UsageError("export",
                      "--base needs an absolute IRI ending in / or #, not '" + base + "'");
  }
  auto opened = Store::OpenForRead(StorePath(args));
  if (!opened.ok()) return Fail(opened.status());
  const std::string path = args.Get("out");
  std::ofstream file;
  if (!path.empty() && path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Fail(Status::IOError(path + ": cannot write"));
  }
  std::ostream& out = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  const Status s = ExportNTriples(**opened, base, out);
  out.flush();
  if (!s.ok()) return Fail(s);
  return out ? kExitOk : Fail(Status::IOError("write failed"));
}

int RunExport(const Args& args) {
  if (args.positional.empty()) {
    return UsageError("export", "needs a format: dot, jsonl, csv or ntriples");
  }
  const std::string format = args.positional[0];
  Args rest = args;
  rest.positional.erase(rest.positional.begin());
  if (format == "dot") return RunExportDot(rest);
  if (format == "jsonl") return RunExportJsonl(rest);
  if (format == "csv") return RunExportCsv(rest);
  if (format == "ntriples") return RunExportNTriples(rest);
  return UsageError("export", "unknown format '" + format + "' (dot, jsonl, csv or ntriples)");
}

}  // namespace

const Command& ExportCommand() {
  static const Command command = [] {
    Command c{
        "export",
        "the graph as a Graphviz picture, or as JSON Lines, Neo4j CSV or N-Triples",
        "kg export dot|jsonl|csv|ntriples [options]",
        "Writes DOT (to --out FILE, or standard output): the whole graph the filters\n"
        "keep, the neighbourhood of an entity (--around X --depth 2), the paths between\n"
        "two (--path A B), or the N most central entities (--top 50 --by pagerank), with\n"
        "the facts among them. Node shape and colour follow the entity type, edge colour\n"
        "and label the relation, pen width the evidence; hedged-only facts are dashed,\n"
        "negated-only ones dotted; each edge's tooltip is its best sentence.\n"
        "--render svg|png|pdf runs Graphviz (dot, or sfdp for big graphs).\n"
        "\n"
        "jsonl writes every piece of evidence as a line of the triple format\n"
        "(schemas/triple.schema.json), article by article: `kg import` of it into an\n"
        "empty store rebuilds the same graph, and exporting that again gives the same\n"
        "bytes. It streams, one article at a time.\n"
        "\n"
        "csv writes --out DIR/nodes.csv and edges.csv for Neo4j's bulk importer\n"
        "(neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv).\n"
        "ntriples writes RDF: entities, relations and types as IRIs under --base, each\n"
        "fact a triple, each sentence a reified statement (rdf:Statement) with its\n"
        "article, date, modality and confidence.",
        {
            {"out", "FILE", "where to write (default standard output)"},
            {"around", "X", "the neighbourhood of entity X"},
            {"depth", "R", "with --around: hops (default 1)"},
            {"path", "A", "the shortest path from A to the TO given after it"},
            {"k", "N", "with --path: the N shortest paths (default 1)"},
            {"top", "N", "the N most central entities"},
            {"by", "MEASURE", "with --top: pagerank, betweenness, degree or closeness"},
            {"cluster", "bloc|type", "group entities by country bloc or by type"},
            {"rankdir", "LR|RL|TB|BT", "layout direction (default LR)"},
            {"title", "TEXT", "a title over the picture"},
            {"no-legend", "", "leave the legend out"},
            {"render", "svg|png|pdf", "run Graphviz and write a picture to --out"},
            {"base", "IRI",
             "ntriples: the base of every IRI (default https://kg-rivalry.example/)"},
        },
        RunExport,
    };
    for (const auto& f : GraphFilterFlags())
      if (f.name != "json") c.flags.push_back(f);
    return c;
  }();
  return command;
}

}  // namespace kg::cli
