// Running a bound statement: what each kind of statement does with the
// store and the graph module, and how its rows reach the sink. Shared by the
// statement files (match_statement.cc, graph_statements.cc,
// entity_statements.cc, export_statement.cc); the session is its only user.
#ifndef KG_QUERY_STATEMENT_H_
#define KG_QUERY_STATEMENT_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "graph/picture.h"
#include "graph/projection.h"
#include "graph/store.h"
#include "query/ast.h"
#include "query/binder.h"
#include "query/catalog.h"
#include "query/parser.h"
#include "query/row_sink.h"

namespace kg::query {

struct StatementContext {
  const Store* store = nullptr;
  EntityCatalog* catalog = nullptr;
  ProjectionCache* projections = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  RowSink* sink = nullptr;
  std::function<std::string(const std::string&)> bloc_of;
};

// What EXPORT writes: a set of stored triples (MATCH, EVIDENCE), or a part
// of a projection (PATH, NEIGHBORS, RANK, COMPONENTS).
struct ExportTarget {
  std::vector<Triple> triples;              // stored order (a symmetric one lower id first)
  std::shared_ptr<const Projection> graph;  // set for a projection part
  Selection selection;
  BoundFilter filter;  // the statement's filter (to project triples, to pick sentences)
};

// Each returns false with *error set. With `target` given, the statement
// fills it instead of writing rows (EXPORT).
bool RunMatch(const MatchAst& m, bool explain, StatementContext& c, ExportTarget* target,
              QueryError* error);
bool RunEvidence(const EvidenceAst& e, bool explain, StatementContext& c, ExportTarget* target,
                 QueryError* error);
bool RunPath(const PathAst& p, bool explain, StatementContext& c, ExportTarget* target,
             QueryError* error);
bool RunNeighbors(const NeighborsAst& n, bool explain, StatementContext& c, ExportTarget* target,
                  QueryError* error);
bool RunRank(const RankAst& r, bool explain, StatementContext& c, ExportTarget* target,
             QueryError* error);
bool RunComponents(const ComponentsAst& k, bool explain, StatementContext& c, ExportTarget* target,
                   QueryError* error);
bool RunEntity(const EntityAst& e, bool explain, StatementContext& c, QueryError* error);
bool RunFind(const FindAst& f, bool explain, StatementContext& c, QueryError* error);

// Runs any statement, EXPORT included.
bool RunStatement(const Statement& s, StatementContext& c, QueryError* error);

// An error that is not about a token: a store read failed, a file could
// not be written.
inline bool FailStatus(const Status& s, QueryError* error) {
  *error = {s.message(), SourcePos(), 0, false};
  return false;
}
inline bool FailAtName(const Name& at, std::string message, QueryError* error) {
  *error = {std::move(message), at.pos, at.length, true};
  return false;
}

}  // namespace kg::query

#endif  // KG_QUERY_STATEMENT_H_
