// What kg path, neighbors, rank and components share: the filter flags,
// turned into a GraphFilter; the projection built from the store; entity
// names resolved (by alias, case-insensitively, with "did you mean"); and
// one evidence sentence per edge for display.
#ifndef KG_TOOLS_GRAPH_OPTIONS_H_
#define KG_TOOLS_GRAPH_OPTIONS_H_

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/centrality.h"
#include "graph/projection.h"
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
  // The most confident sentence supporting edge e, with its article and
  // date ("" when the store has none).
  Evidence BestEvidence(Projection::EdgeIndex e) const;
};
Result<GraphContext> OpenGraph(const Args& args);

// A score as text: up to 6 significant digits.
std::string FormatScore(double x);

// A string value for a JSON writer (any length, embedded NULs kept).
inline void PutString(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// --direction out|in|both (default both) for the commands that follow edges.
Result<Projection::Direction> ParseDirection(const Args& args);

// A centrality by name (pagerank, betweenness, degree or closeness) with
// the options of kg rank, read from the flags (their defaults where a
// command does not take them) before any store is opened. InvalidArgument
// names a bad measure or flag.
struct ScoreQuery {
  std::string measure;
  PageRankOptions pagerank;
  BetweennessOptions betweenness;
  Projection::Direction direction = Projection::Direction::kBoth;  // degree
  bool by_evidence = false;                                        // degree
};
Result<ScoreQuery> ParseScoreQuery(const std::string& measure, const Args& args);

// The scores per vertex, and a note on how PageRank converged or that
// betweenness was sampled.
struct Scores {
  std::vector<double> scores;
  std::string note;
};
Scores ScoreBy(const ScoreQuery& query, const GraphContext& c);

// The n best-scored of `candidates`, best first (ties: lower vertex first).
std::vector<Projection::Vertex> TopScored(std::vector<Projection::Vertex> candidates,
                                          const std::vector<double>& scores, size_t n);

}  // namespace kg::cli

#endif  // KG_TOOLS_GRAPH_OPTIONS_H_
