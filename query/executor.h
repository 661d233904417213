// JoinExecutor: runs a MatchPlan, streaming each solution to a callback as
// soon as it is found (an index nested-loop join: no intermediate result is
// materialised), so a LIMIT stops the scans early.
//
// Symmetric relations (competes_with) have no direction: a pattern matches a
// symmetric fact either way round, whatever it binds, so that results do not
// depend on the join order or on which entity got the lower id.
#ifndef KG_QUERY_EXECUTOR_H_
#define KG_QUERY_EXECUTOR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "graph/store.h"
#include "query/binder.h"
#include "query/catalog.h"
#include "query/planner.h"
#include "util/status.h"

namespace kg::query {

// One solution: a value per variable (an entity id, or a relation id for a
// relation variable) and the stored triple each pattern matched (by
// pattern index; a symmetric triple in stored order, lower id first).
struct Solution {
  // How many solutions this one stands for: more than 1 only when the last
  // step is counted, not walked (MatchPlan::count_last); then the last
  // step's variables and triple are not set.
  uint64_t weight = 1;
  std::vector<uint32_t> values;
  std::vector<Triple> triples;
  std::vector<TripleStats> stats;  // filled when the filter needs them
};

// Whether the plan's last step can be counted from the store's counters: its
// pattern binds one end (a constant or an earlier variable), its relation and
// other end are variables met nowhere before, without a type or a condition,
// and the match has no WHERE filter ("?x ?r ?y" after ?x is bound).
bool CanCountLastStep(const BoundMatch& match, const MatchPlan& plan);

class JoinExecutor {
 public:
  // `cancel` (may be null) is polled for every row read: when it turns true
  // Run stops with a Cancelled status.
  JoinExecutor(const Store& store, const BoundMatch& match, const MatchPlan& plan,
               EntityCatalog& catalog, const std::atomic<bool>* cancel);

  // Calls fn for each solution until it returns false or all are found.
  Status Run(const std::function<bool(const Solution&)>& fn);

  uint64_t rows_read() const { return rows_read_; }

 private:
  Status Step(size_t step);
  bool Accept(size_t step, const TripleRow& row);
  bool CheckConstraints(size_t step) const;
  uint32_t Value(const BoundTerm& t) const {
    return t.var >= 0 ? solution_.values[t.var] : t.entity;
  }

  const Store& store_;
  const BoundMatch& match_;
  const MatchPlan& plan_;
  EntityCatalog& catalog_;
  const std::atomic<bool>* cancel_;
  // Constraints that become checkable at each step (all their variables bound).
  std::vector<std::vector<size_t>> constraints_at_;
  // Variables first bound at each step.
  std::vector<std::vector<int>> binds_at_;
  Solution solution_;
  const std::function<bool(const Solution&)>* fn_ = nullptr;
  bool stop_ = false;
  bool cancelled_ = false;
  uint64_t rows_read_ = 0;
  bool needs_stats_ = false;
};

}  // namespace kg::query

#endif  // KG_QUERY_EXECUTOR_H_
