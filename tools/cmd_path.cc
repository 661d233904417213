#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>

#include "graph/paths.h"
#include "graph/picture.h"
#include "graph/scoring.h"
#include "tools/commands.h"
#include "tools/graph_options.h"

namespace kg::cli {

namespace {

int RunPath(const Args& args) {
  if (args.positional.size() != 2) {
    return UsageError("path", "needs two entities, FROM and TO");
  }
  auto k = PositiveFlag(args, "k", 1);
  if (!k.ok()) return UsageError("path", k.status().message());
  auto max_hops = PositiveFlag(args, "max-hops", 0);
  if (!max_hops.ok()) return UsageError("path", max_hops.status().message());
  auto limit = PositiveFlag(args, "limit", 20);
  if (!limit.ok()) return UsageError("path", limit.status().message());
  auto opened = OpenGraph(args);
  if (!opened.ok()) return Fail(opened.status());
  const GraphContext& c = *opened;
  auto from = c.Vertex(args.positional[0], "FROM");
  if (!from.ok()) return Fail(from.status());
  auto to = c.Vertex(args.positional[1], "TO");
  if (!to.ok()) return Fail(to.status());

  PathQuery query;
  query.directed = !c.undirected;
  query.weighted = args.Has("weighted");
  std::vector<GraphPath> paths;
  if (args.Has("max-hops")) {
    paths = SimplePaths(*c.graph, *from, *to, *max_hops, *limit, query);
  } else {
    paths = KShortestPaths(*c.graph, *from, *to, *k, query);
  }
  if (paths.empty()) {
    return Fail(
        Status::NotFound("no path from '" + c.Name(*from) + "' to '" + c.Name(*to) + "'" +
                         (query.directed ? " along the edges' direction (try --undirected)" : "")));
  }

  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  const bool json = args.Has("json");
  if (json) {
    w.StartObject();
    w.Key("from");
    PutString(w, c.Name(*from));
    w.Key("to");
    PutString(w, c.Name(*to));
    w.Key("paths");
    w.StartArray();
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    const GraphPath& p = paths[i];
    if (json) {
      w.StartObject();
      w.Key("hops");
      w.Uint64(p.steps.size());
      w.Key("cost");
      w.Double(p.cost);
      w.Key("steps");
      w.StartArray();
    } else {
      std::cout << (i ? "\n" : "") << "path " << i + 1 << ": " << p.steps.size()
                << (p.steps.size() == 1 ? " hop" : " hops");
      if (query.weighted) std::cout << ", cost " << FormatScore(p.cost);
      std::cout << "\n";
    }
    for (size_t h = 0; h < p.steps.size(); ++h) {
      const PathStep& step = p.steps[h];
      const EdgeData& d = c.graph->data(step.edge);
      // The fact as stored: subject -relation-> object.
      const std::string subject = c.Name(c.graph->source(step.edge));
      const std::string object = c.Name(c.graph->target(step.edge));
      const std::string relation = c.RelationName(d.relation);
      const Evidence e = BestEvidence(*c.store, *c.graph, step.edge);
      if (json) {
        w.StartObject();
        w.Key("from");
        PutString(w, c.Name(p.vertices[h]));
        w.Key("to");
        PutString(w, c.Name(p.vertices[h + 1]));
        w.Key("subject");
        PutString(w, subject);
        w.Key("relation");
        PutString(w, relation);
        w.Key("object");
        PutString(w, object);
        w.Key("against_direction");
        w.Bool(step.reversed);
        w.Key("evidence_count");
        w.Uint(d.evidence);
        w.Key("max_confidence");
        w.Double(d.max_confidence);
        w.Key("sentence");
        PutString(w, e.sentence);
        w.Key("article");
        PutString(w, e.article);
        w.Key("date");
        PutString(w, FormatDate(e.date));
        w.EndObject();
      } else {
        std::cout << "  " << subject << " -" << relation << "-> " << object << "  (" << d.evidence
                  << " evidence, max confidence " << FormatScore(d.max_confidence) << ")\n";
        if (!e.sentence.empty()) {
          std::cout << "      \"" << e.sentence << "\" [" << e.article
                    << (e.date ? ", " + FormatDate(e.date) : "") << "]\n";
        }
      }
    }
    if (json) {
      w.EndArray();
      w.EndObject();
    }
  }
  if (json) {
    w.EndArray();
    w.EndObject();
    std::cout << sb.GetString() << "\n";
  }
  return kExitOk;
}

}  // namespace

const Command& PathCommand() {
  static const Command command = [] {
    Command c{
        "path",
        "how two entities are connected: shortest paths, with a sentence per hop",
        "kg path [options] FROM TO",
        "Prints the shortest path from FROM to TO (names or aliases, any case), each hop\n"
        "with its relation and the most confident sentence that states it. --k N gives\n"
        "the N shortest simple paths (Yen); --max-hops H every simple path of at most\n"
        "H hops, fewest first, up to --limit. --weighted prefers sure, well evidenced\n"
        "facts over fewer hops. Exit status 1 when there is no path.",
        {
            {"k", "N", "the N shortest simple paths (default 1)"},
            {"max-hops", "H", "every simple path of at most H hops instead"},
            {"limit", "N", "at most N paths with --max-hops (default 20)"},
            {"weighted", "", "minimise a cost from confidence and evidence instead of hops"},
        },
        RunPath,
    };
    for (const auto& f : GraphFilterFlags())
      c.flags.push_back(f);
    return c;
  }();
  return command;
}

}  // namespace kg::cli
