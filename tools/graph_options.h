// What kg path, neighbors, rank and components share: the filter flags,
// turned into a GraphFilter; the projection built from the store; entity
// names resolved (by alias, case-insensitively, with "did you mean"); and
// the options of a centrality measure.
#ifndef KG_TOOLS_GRAPH_OPTIONS_H_
#define KG_TOOLS_GRAPH_OPTIONS_H_

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/projection.h"
#include "graph/scoring.h"
#include "graph/store.h"
#include "tools/cli.h"
#include "util/result.h"

namespace kg::cli {

// The filter flags every graph command accepts.
const std::vector<FlagSpec>& GraphFilterFlags();

// The GraphFilter the flags ask for. InvalidArgument names the flag at fault
// (an unknown relation or type gets a "did you mean").
Result<GraphFilter> ParseGraphFilter(const Args& args, const Store& store);

// A positive integer flag, or the fallback when absent.
Result<size_t> PositiveFlag(const Args& args, const std::string& flag, size_t fallback);
// A number flag (any finite double), or the fallback when absent.
Result<double> NumberFlag(const Args& args, const std::string& flag, double fallback);

// The store opened for reading and the projection the filter asks for.
struct GraphContext {
  std::unique_ptr<Store> store;
  std::unique_ptr<Projection> graph;
  bool undirected = false;  // --undirected
  // The vertex of a name the user typed. NotFound when the name is unknown
  // (with a suggestion) or when the filter left the entity no edge.
  Result<Projection::Vertex> Vertex(const std::string& name, const std::string& what) const;
  std::string Name(Projection::Vertex v) const;
  std::string TypeName(Projection::Vertex v) const;
  std::string RelationName(RelationId id) const;
};
Result<GraphContext> OpenGraph(const Args& args);

// A string value for a JSON writer (any length, embedded NULs kept).
inline void PutString(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// --direction out|in|both (default both) for the commands that follow edges.
Result<Projection::Direction> ParseDirection(const Args& args);

// The ScoreQuery (graph/scoring.h) of a measure with the options of kg
// rank, read from the flags (their defaults where a command does not take
// them) before any store is opened. InvalidArgument names a bad measure or
// flag.
Result<ScoreQuery> ParseScoreQuery(const std::string& measure, const Args& args);

}  // namespace kg::cli

#endif  // KG_TOOLS_GRAPH_OPTIONS_H_
