// Planner: the order in which a MATCH reads its patterns, and the index each
// read uses.
//
// Each pattern is one prefix scan of the SPO, POS or OSP index (Store picks
// it by the bound positions; see Store::IndexFor), repeated for every row
// that reaches it: an index nested-loop join. The order is greedy on the
// stored counts: first the pattern expected to give the fewest rows (an
// entity's own triple counts when it names one, a relation's triple count,
// else the average degree), then again and again the cheapest pattern that
// shares a variable with those already read. A pattern that shares none
// (a cartesian product) is taken only when no other is left, and EXPLAIN
// says so.
#ifndef KG_QUERY_PLANNER_H_
#define KG_QUERY_PLANNER_H_

#include <string>
#include <vector>

#include "graph/store.h"
#include "query/binder.h"
#include "util/result.h"

namespace kg::query {

struct PlanStep {
  size_t pattern = 0;          // index into BoundMatch::patterns
  std::string index;           // "spo", "pos", "osp" or "get"
  std::string bound;           // positions known when it runs: "s", "s,p", ... or "-"
  double estimate = 0;         // expected rows per run
  std::vector<int> join_vars;  // variables bound by earlier steps
  bool cartesian = false;      // shares no variable with earlier steps
};

struct MatchPlan {
  std::vector<PlanStep> steps;
  uint64_t stop_after = 0;  // the limit pushed down (0: read everything)
};

// The greedy plan, or, with `order` given (benchmarks, tests), the patterns
// in that order. IOError from reading the counts.
Result<MatchPlan> PlanMatch(const Store& store, const BoundMatch& match,
                            const std::vector<size_t>* order = nullptr);

}  // namespace kg::query

#endif  // KG_QUERY_PLANNER_H_
