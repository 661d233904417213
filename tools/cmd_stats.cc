#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>

#include "graph/store.h"
#include "tools/commands.h"

namespace kg::cli {

namespace {

void PrintJson(const StoreStats& st) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("entities");
  w.Uint64(st.entities);
  w.Key("dictionary_entities");
  w.Uint64(st.dictionary_entities);
  w.Key("triples");
  w.Uint64(st.triples);
  w.Key("evidence");
  w.Uint64(st.evidence);
  w.Key("articles");
  w.Uint64(st.articles);
  w.Key("relations");
  w.StartObject();
  for (const auto& r : st.relations) {
    w.Key(r.relation.name.c_str());
    w.StartObject();
    w.Key("triples");
    w.Uint64(r.triples);
    w.Key("evidence");
    w.Uint64(r.evidence);
    w.Key("symmetric");
    w.Bool(r.relation.symmetric);
    w.EndObject();
  }
  w.EndObject();
  w.Key("types");
  w.StartObject();
  for (const auto& t : st.types) {
    w.Key(t.type.name.c_str());
    w.StartObject();
    w.Key("entities");
    w.Uint64(t.entities);
    w.Key("dictionary_entities");
    w.Uint64(t.dictionary_entities);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  std::cout << sb.GetString() << "\n";
}

int RunStats(const Args& args) {
  if (!args.positional.empty()) {
    return UsageError("stats", "unexpected argument '" + args.positional[0] + "'");
  }
  auto store = Store::OpenForRead(StorePath(args));
  if (!store.ok()) return Fail(store.status());
  auto stats = (*store)->GetStats();
  if (!stats.ok()) return Fail(stats.status());
  const StoreStats& st = *stats;
  if (args.Has("json")) {
    PrintJson(st);
    return kExitOk;
  }
  std::cout << "store     " << (*store)->path() << "\n"
            << "entities  " << st.entities << " in triples (" << st.dictionary_entities
            << " named in all)\n"
            << "triples   " << st.triples << "\n"
            << "evidence  " << st.evidence << "\n"
            << "articles  " << st.articles << "\n\n";
  Table relations({"relation", "triples", "evidence"}, {false, true, true});
  for (const auto& r : st.relations) {
    relations.AddRow({r.relation.name + (r.relation.symmetric ? " (sym)" : ""),
                      std::to_string(r.triples), std::to_string(r.evidence)});
  }
  relations.Print(std::cout);
  std::cout << "\n";
  Table types({"entity type", "entities", "named"}, {false, true, true});
  for (const auto& t : st.types) {
    types.AddRow({t.type.name, std::to_string(t.entities), std::to_string(t.dictionary_entities)});
  }
  types.Print(std::cout);
  return kExitOk;
}

}  // namespace

const Command& StatsCommand() {
  static const Command command{
      "stats",
      "count entities, triples, evidence and articles",
      "kg stats [--json]",
      "Prints the store's totals and the counts per relation and per entity type,\n"
      "from counters kept up to date by every write (no scan of the triples).\n"
      "Entities count those in at least one triple; 'named' counts every entity the\n"
      "store has ever seen.",
      {{"json", "", "print one JSON object"}},
      RunStats,
  };
  return command;
}

}  // namespace kg::cli
