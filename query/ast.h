// The syntax tree of a statement, as the parser builds it: names are still
// text (the binder resolves them against the store), each with its place in
// the source so that errors can point at it. Grammar: query/GRAMMAR.md.
#ifndef KG_QUERY_AST_H_
#define KG_QUERY_AST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "graph/types.h"
#include "query/lexer.h"

namespace kg::query {

// A name or literal as typed, with where it was typed.
struct Name {
  std::string text;
  SourcePos pos;
  size_t length = 0;
  bool empty() const { return text.empty(); }
};

// The subject or object of a pattern: ?variable (optionally ?v:type) or an
// entity by name or alias.
struct NodeTerm {
  bool is_variable = false;
  Name name;  // variable name without '?', or the entity's name
  Name type;  // ?v:type; empty when none
};

// The relation of a pattern: ?variable or one or more names (a|b).
struct RelationTerm {
  bool is_variable = false;
  std::vector<Name> names;  // one variable name, or the relations
};

struct PatternAst {
  NodeTerm subject;
  RelationTerm relation;
  NodeTerm object;
};

// WHERE conditions. The graph filters (confidence, evidence, modality,
// date, relation, type) apply to every triple a statement reads; variable
// conditions only to MATCH and EVIDENCE.
struct FilterAst {
  std::optional<double> min_confidence;
  std::optional<uint32_t> min_evidence;
  ModalitySet modalities = 0;  // 0: not given
  PackedDate from = 0, to = 0;
  std::vector<Name> relations;
  std::vector<Name> types;
  struct VarCondition {
    Name variable;
    bool negated = false;          // != or NOT IN
    std::vector<NodeTerm> values;  // = / != one value; IN a list
  };
  std::vector<VarCondition> var_conditions;
};

struct ReturnItem {
  enum class Kind { kVariable, kType, kCount };
  Kind kind = Kind::kVariable;
  Name variable;          // empty for COUNT(*)
  bool distinct = false;  // COUNT(DISTINCT ?v)
  std::string label;      // column name: the alias, or the item as written canonically
  SourcePos pos;
  size_t length = 0;
};

struct OrderKey {
  Name key;  // a column label, as ReturnItem::label or a variable "?a"
  bool descending = false;
};

struct MatchAst {
  std::vector<PatternAst> patterns;
  FilterAst filter;
  bool distinct = false;
  std::vector<ReturnItem> items;  // empty: every variable, in order of appearance
  std::vector<OrderKey> order;
  std::optional<uint64_t> limit;
  uint64_t offset = 0;
};

struct EvidenceAst {
  std::vector<PatternAst> patterns;
  FilterAst filter;
  std::optional<uint64_t> limit;
};

struct PathAst {
  Name from, to;
  uint64_t k = 1;
  bool undirected = false;
  bool weighted = false;
  FilterAst filter;
};

struct NeighborsAst {
  Name center;
  uint64_t depth = 1;
  Name direction;  // out, in or both; empty: both
  FilterAst filter;
  std::optional<uint64_t> limit;
};

struct RankAst {
  Name measure;  // pagerank, degree, betweenness or closeness
  Name type;     // FOR type: list only entities of it
  bool undirected = false;
  uint64_t samples = 0;  // betweenness: sampled sources (0: exact)
  FilterAst filter;
  std::optional<uint64_t> limit;
};

struct ComponentsAst {
  bool strong = false;
  FilterAst filter;
  std::optional<uint64_t> limit;
};

struct EntityAst {
  Name name;
};

struct FindAst {
  Name text;
  Name type;
  std::optional<uint64_t> limit;
};

// EXPORT format TO 'path' [CLUSTER BY bloc|type] [TITLE 'text'] statement.
struct ExportAst {
  Name format;  // dot, svg, png, pdf or jsonl
  Name path;
  Name cluster;
  Name title;
};

using QueryAst = std::variant<MatchAst, EvidenceAst, PathAst, NeighborsAst, RankAst, ComponentsAst,
                              EntityAst, FindAst>;

struct Statement {
  bool explain = false;
  std::optional<ExportAst> export_to;
  QueryAst query;
  SourcePos pos;
};

}  // namespace kg::query

#endif  // KG_QUERY_AST_H_
