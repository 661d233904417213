#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>

#include "graph/neighborhood.h"
#include "tools/commands.h"
#include "tools/graph_options.h"

namespace kg::cli {

namespace {

int RunNeighbors(const Args& args) {
  if (args.positional.size() != 1) return UsageError("neighbors", "needs one entity");
  auto depth = PositiveFlag(args, "depth", 1);
  if (!depth.ok()) return UsageError("neighbors", depth.status().message());
  auto limit = PositiveFlag(args, "limit", 1000);
  if (!limit.ok()) return UsageError("neighbors", limit.status().message());
  const auto direction = ParseDirection(args);
  if (!direction.ok()) return UsageError("neighbors", direction.status().message());
  auto opened = OpenGraph(args);
  if (!opened.ok()) return Fail(opened.status());
  const GraphContext& c = *opened;
  auto center = c.Vertex(args.positional[0], "ENTITY");
  if (!center.ok()) return Fail(center.status());
  const Neighborhood ego = EgoNetwork(*c.graph, *center, *depth, *direction, *limit + 1);

  if (args.Has("json")) {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    w.StartObject();
    w.Key("center");
    PutString(w, c.Name(*center));
    w.Key("truncated");
    w.Bool(ego.truncated);
    w.Key("entities");
    w.StartArray();
    for (size_t i = 0; i < ego.vertices.size(); ++i) {
      w.StartObject();
      w.Key("name");
      PutString(w, c.Name(ego.vertices[i]));
      w.Key("type");
      PutString(w, c.TypeName(ego.vertices[i]));
      w.Key("distance");
      w.Uint(ego.distance[i]);
      w.EndObject();
    }
    w.EndArray();
    w.Key("edges");
    w.StartArray();
    for (const auto e : ego.edges) {
      if (c.graph->data(e).mirror) continue;  // a symmetric fact once
      w.StartObject();
      w.Key("subject");
      PutString(w, c.Name(c.graph->source(e)));
      w.Key("relation");
      PutString(w, c.RelationName(c.graph->data(e).relation));
      w.Key("object");
      PutString(w, c.Name(c.graph->target(e)));
      w.Key("evidence_count");
      w.Uint(c.graph->data(e).evidence);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << sb.GetString() << "\n";
    return kExitOk;
  }
  Table entities({"distance", "entity", "type"}, {true, false, false});
  for (size_t i = 0; i < ego.vertices.size(); ++i)
    entities.AddRow(
        {std::to_string(ego.distance[i]), c.Name(ego.vertices[i]), c.TypeName(ego.vertices[i])});
  entities.Print(std::cout);
  if (ego.truncated) std::cout << "(stopped at --limit " << *limit << " entities)\n";
  Table edges({"subject", "relation", "object", "evidence"}, {false, false, false, true});
  for (const auto e : ego.edges) {
    const EdgeData& d = c.graph->data(e);
    if (d.mirror) continue;
    edges.AddRow({c.Name(c.graph->source(e)), c.RelationName(d.relation),
                  c.Name(c.graph->target(e)), std::to_string(d.evidence)});
  }
  std::cout << "\n";
  edges.Print(std::cout);
  return kExitOk;
}

}  // namespace

const Command& NeighborsCommand() {
  static const Command command = [] {
    Command c{
        "neighbors",
        "what surrounds an entity within a few hops, and the facts among them",
        "kg neighbors [options] ENTITY",
        "Prints the entities within --depth hops of ENTITY (following edges out, in or\n"
        "both ways) with their distance, then every fact among them.",
        {
            {"depth", "R", "hops from the entity (default 1)"},
            {"direction", "out|in|both", "which edges to follow (default both)"},
            {"limit", "N", "at most N entities, the nearest kept (default 1000)"},
        },
        RunNeighbors,
    };
    for (const auto& f : GraphFilterFlags())
      if (f.name != "undirected") c.flags.push_back(f);
    return c;
  }();
  return command;
}

}  // namespace kg::cli
