// Binder: a parsed statement's names resolved against the store. Entities by
// name or alias (case-insensitively), relations and types by name, each
// unknown one an error at its place with a "did you mean". Variables get
// numbers; a variable is an entity or a relation, never both.
#ifndef KG_QUERY_BINDER_H_
#define KG_QUERY_BINDER_H_

#include <string>
#include <vector>

#include "graph/projection.h"
#include "graph/store.h"
#include "query/ast.h"
#include "query/catalog.h"
#include "query/parser.h"

namespace kg::query {

// The WHERE graph filters, bound. The triple-level test is GraphFilter's
// (the projection applies the same one to graph statements); evidence rows
// are tested sentence by sentence.
struct BoundFilter {
  GraphFilter graph;
  bool given_modalities = false;
  bool given_window = false;

  // Whether the triple-level test reads TripleStats.
  bool NeedsStats() const;
  // The triple passes relations, types, confidence, evidence, modality and
  // date window.
  bool Keep(const Triple& t, const TripleStats& stats, EntityCatalog& catalog) const;
  // A sentence passes the modality, confidence and date conditions.
  bool KeepEvidence(const Evidence& e) const;
  // "confidence >= 0.8, modality in (asserted)" for EXPLAIN; "" when none.
  std::string Describe(const Store& store) const;
};

bool BindFilter(const Store& store, const FilterAst& ast, BoundFilter* out, QueryError* error);

// An entity constant (var < 0) or a variable.
struct BoundTerm {
  int var = -1;
  EntityId entity = 0;
};

struct BoundVariable {
  std::string name;       // without '?'
  bool relation = false;  // takes relation ids, not entity ids
  TypeId type = 0;        // ?v:type; 0: any
};

struct BoundPattern {
  BoundTerm subject, object;
  int relation_var = -1;
  std::vector<RelationId> relations;  // the named relations when not a variable
  std::string text;                   // as written, for EXPLAIN
};

// ?v = x, ?v != x, ?v IN (...), ?v NOT IN (...).
struct VarConstraint {
  int var = -1;
  bool negated = false;
  std::vector<BoundTerm> values;  // for a relation variable, entity holds a relation id
};

struct BoundMatch {
  std::vector<BoundVariable> vars;
  std::vector<BoundPattern> patterns;
  std::vector<VarConstraint> constraints;
  BoundFilter filter;

  int FindVar(const std::string& name) const;
};

bool BindMatch(const Store& store, const std::vector<PatternAst>& patterns, const FilterAst& where,
               BoundMatch* out, QueryError* error);

// An entity by name or alias; NotFound-style error with "did you mean" at
// the name.
bool BindEntity(const Store& store, const Name& name, EntityId* id, QueryError* error);
// An entity type by name, with "did you mean".
bool BindType(const Store& store, const Name& name, TypeId* id, QueryError* error);

}  // namespace kg::query

#endif  // KG_QUERY_BINDER_H_
