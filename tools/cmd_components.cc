#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <iostream>

#include "graph/centrality.h"
#include "graph/components.h"
#include "tools/commands.h"
#include "tools/graph_options.h"

namespace kg::cli {

namespace {

int RunComponents(const Args& args) {
  if (!args.positional.empty()) {
    return UsageError("components", "unexpected argument '" + args.positional[0] + "'");
  }
  auto top = PositiveFlag(args, "top", 10);
  if (!top.ok()) return UsageError("components", top.status().message());
  auto members = PositiveFlag(args, "members", 5);
  if (!members.ok()) return UsageError("components", members.status().message());
  auto opened = OpenGraph(args);
  if (!opened.ok()) return Fail(opened.status());
  const GraphContext& c = *opened;
  const bool strong = args.Has("strong");
  const Components comp = strong ? StrongComponents(*c.graph) : WeakComponents(*c.graph);
  // Each component's best connected members first.
  const std::vector<double> degree = DegreeCentrality(*c.graph, Projection::Direction::kBoth);
  const size_t shown = std::min(*top, comp.sizes.size());
  std::vector<std::vector<Projection::Vertex>> listed(shown);
  for (Projection::Vertex v = 0; v < c.graph->num_vertices(); ++v)
    if (comp.component[v] < shown) listed[comp.component[v]].push_back(v);
  for (auto& l : listed) {
    std::sort(l.begin(), l.end(), [&](Projection::Vertex a, Projection::Vertex b) {
      return degree[a] != degree[b] ? degree[a] > degree[b] : a < b;
    });
    if (l.size() > *members) l.resize(*members);
  }
  const char* kind = strong ? "strongly" : "weakly";
  if (args.Has("json")) {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    w.StartObject();
    w.Key("kind");
    PutString(w, strong ? "strong" : "weak");
    w.Key("components");
    w.Uint64(comp.sizes.size());
    w.Key("largest");
    w.StartArray();
    for (size_t i = 0; i < shown; ++i) {
      w.StartObject();
      w.Key("size");
      w.Uint(comp.sizes[i]);
      w.Key("members");
      w.StartArray();
      for (const auto v : listed[i])
        PutString(w, c.Name(v));
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << sb.GetString() << "\n";
    return kExitOk;
  }
  std::cout << comp.sizes.size() << " " << kind << " connected components over "
            << c.graph->num_vertices() << " entities\n";
  Table table({"#", "size", "best connected members"}, {true, true, false});
  for (size_t i = 0; i < shown; ++i) {
    std::string names;
    for (const auto v : listed[i])
      names += (names.empty() ? "" : ", ") + c.Name(v);
    if (comp.sizes[i] > listed[i].size()) names += ", ...";
    table.AddRow({std::to_string(i + 1), std::to_string(comp.sizes[i]), names});
  }
  table.Print(std::cout);
  return kExitOk;
}

}  // namespace

const Command& ComponentsCommand() {
  static const Command command = [] {
    Command c{
        "components",
        "the connected parts of the graph, largest first",
        "kg components [options]",
        "Prints how many connected components the filtered graph has and the largest\n"
        "ones with their best connected members. Weak components follow edges either\n"
        "way; --strong asks for strongly connected ones (mutual reachability).",
        {
            {"strong", "", "strongly connected components instead of weak ones"},
            {"top", "N", "how many components to list (default 10)"},
            {"members", "N", "members to name per component (default 5)"},
        },
        RunComponents,
    };
    for (const auto& f : GraphFilterFlags())
      if (f.name != "undirected") c.flags.push_back(f);
    return c;
  }();
  return command;
}

}  // namespace kg::cli
