// Planner: the order in which a MATCH reads its patterns, and the index each
// read uses.
//
// Each pattern is one prefix scan of the SPO, POS or OSP index (Store picks
// it by the bound positions; see Store::IndexFor), or a point read when every
// position is bound, repeated for every row that reaches it: an index
// nested-loop join. The planner estimates the work of whole orders and keeps
// the cheapest: the work of a step is the number of times it runs times what
// one run costs (opening a scan or a point read, plus the rows it reads), and
// the rows it gives are the runs of the next step. Queries have a handful of
// patterns, so the search is exhaustive, with branch and bound (and greedy
// past a budget, for the rare long query).
//
// Estimates come from the store's counters (StoreStats, EntityCounts), from
// counting the rows of a pattern's constant entity up to a small cap, and from
// one model of the graph's shape, computed once per store generation and
// cached: the degree of the entities a join reaches. Those are not average
// entities: a neighbour is popular with a probability that grows with its
// degree (size-biased: sum(d^2) / sum(d) for a few neighbours), tempered by
// the fact that one entity's neighbours are distinct (the many neighbours of a
// hub are closer to the average). A symmetric relation is read both ways when
// one end is bound, and its estimates count both.
//
// Rules beyond the cost: every next pattern shares a variable with those read
// before it whenever one does, with one exception: a pattern that shares none
// (a cartesian product) may come next when the pattern after it joins the two
// sides with every position bound (a point read per row, as in a triangle
// `A r ?x, A s ?y, ?x t ?y`) and the estimate says that is cheaper. EXPLAIN
// marks such a step as closed by the step that joins it.
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
  // For a cartesian step: the step (numbered from 1) right after it that
  // joins it to the earlier ones with a point read per row; 0 when none.
  size_t closed_by = 0;
};

struct MatchPlan {
  std::vector<PlanStep> steps;
  uint64_t stop_after = 0;  // the limit pushed down (0: read everything)
  double cost = 0;          // estimated work, in rows read (a scan or a point read counts more)
  // The last step's rows are counted (Store::CountTriplesAt), not walked:
  // set by a caller that only counts whole solutions, when
  // CanCountLastStep allows it.
  bool count_last = false;
};

// The cheapest plan by the estimates, or, with `order` given (benchmarks,
// tests), the patterns in that order (InvalidArgument unless it is an order
// of all the patterns). IOError from reading the counts.
Result<MatchPlan> PlanMatch(const Store& store, const BoundMatch& match,
                            const std::vector<size_t>* order = nullptr);

// The "joins on" text of a step for EXPLAIN: "?x, ?y", "" for the first,
// "none: cartesian product", or "none: cartesian product, closed by step 3".
std::string DescribeJoins(const BoundMatch& match, const MatchPlan& plan, size_t step);

}  // namespace kg::query

#endif  // KG_QUERY_PLANNER_H_
