#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <iostream>
#include <numeric>

#include "graph/scoring.h"
#include "tools/commands.h"
#include "tools/graph_options.h"

namespace kg::cli {

namespace {

int RunRank(const Args& args) {
  if (args.positional.size() != 1) {
    return UsageError("rank", "needs a measure: pagerank, betweenness, degree or closeness");
  }
  auto top = PositiveFlag(args, "top", 20);
  if (!top.ok()) return UsageError("rank", top.status().message());
  auto query = ParseScoreQuery(args.positional[0], args);
  if (!query.ok()) return UsageError("rank", query.status().message());
  auto opened = OpenGraph(args);
  if (!opened.ok()) return Fail(opened.status());
  const GraphContext& c = *opened;
  const Projection& g = *c.graph;
  const Scores scored = kg::ScoreBy(*query, g, !c.undirected);
  const std::vector<double>& scores = scored.scores;
  const std::string& note = scored.note;
  const std::string& measure = query->measure;

  // The entities to list: all, or those of --type.
  std::vector<Projection::Vertex> order(g.num_vertices());
  std::iota(order.begin(), order.end(), 0);
  if (args.Has("type")) {
    const EntityTypeInfo* t = c.store->FindEntityType(args.Get("type"));
    if (!t) return UsageError("rank", "--type: unknown entity type '" + args.Get("type") + "'");
    order.erase(std::remove_if(order.begin(), order.end(),
                               [&](Projection::Vertex v) { return c.TypeName(v) != t->name; }),
                order.end());
  }
  order = TopScored(std::move(order), scores, *top);

  if (args.Has("json")) {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    w.StartObject();
    w.Key("measure");
    PutString(w, measure);
    w.Key("vertices");
    w.Uint64(g.num_vertices());
    w.Key("edges");
    w.Uint64(g.num_edges());
    if (!note.empty()) {
      w.Key("note");
      PutString(w, note);
    }
    w.Key("ranking");
    w.StartArray();
    for (size_t i = 0; i < order.size(); ++i) {
      w.StartObject();
      w.Key("rank");
      w.Uint64(i + 1);
      w.Key("name");
      PutString(w, c.Name(order[i]));
      w.Key("type");
      PutString(w, c.TypeName(order[i]));
      w.Key("score");
      w.Double(scores[order[i]]);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << sb.GetString() << "\n";
    return kExitOk;
  }
  Table table({"rank", "entity", "type", measure}, {true, false, false, true});
  for (size_t i = 0; i < order.size(); ++i)
    table.AddRow({std::to_string(i + 1), c.Name(order[i]), c.TypeName(order[i]),
                  FormatScore(scores[order[i]])});
  table.Print(std::cout);
  std::cout << g.num_vertices() << " entities, " << g.num_edges() << " edges"
            << (note.empty() ? "" : "; " + note) << "\n";
  return kExitOk;
}

}  // namespace

const Command& RankCommand() {
  static const Command command = [] {
    Command c{
        "rank",
        "the most central entities: pagerank, betweenness, degree or closeness",
        "kg rank [options] pagerank|betweenness|degree|closeness",
        "Ranks the entities of the graph the filters keep. pagerank: damped random\n"
        "walk (NetworkX's definition; scores sum to 1). betweenness: share of shortest\n"
        "paths through an entity (Brandes, normalised as NetworkX does; --samples K\n"
        "estimates it from K sources for big graphs). degree: neighbours (or evidence\n"
        "with --by-evidence). closeness: harmonic closeness, the sum of 1/distance from\n"
        "every entity that reaches this one.",
        {
            {"top", "N", "how many to list (default 20)"},
            {"type", "T", "list only entities of type T (the graph keeps every type)"},
            {"direction", "out|in|both", "degree: which edges to count (default both)"},
            {"by-evidence", "", "degree: count evidence sentences instead of neighbours"},
            {"samples", "K", "betweenness: estimate from K sampled sources"},
            {"seed", "S", "betweenness: seed of the sample (default 1)"},
            {"damping", "X", "pagerank: damping factor (default 0.85)"},
            {"tolerance", "X", "pagerank: per-entity tolerance (default 1e-6)"},
            {"max-iterations", "N", "pagerank: iteration cap (default 100)"},
        },
        RunRank,
    };
    for (const auto& f : GraphFilterFlags())
      c.flags.push_back(f);
    return c;
  }();
  return command;
}

}  // namespace kg::cli
