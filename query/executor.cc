#include "query/executor.h"

#include <algorithm>

namespace kg::query {

JoinExecutor::JoinExecutor(const Store& store, const BoundMatch& match, const MatchPlan& plan,
                           EntityCatalog& catalog, const std::atomic<bool>* cancel)
    : store_(store), match_(match), plan_(plan), catalog_(catalog), cancel_(cancel) {
  needs_stats_ = match.filter.NeedsStats();
  std::vector<bool> bound(match.vars.size(), false);
  std::vector<bool> placed(match.constraints.size(), false);
  constraints_at_.resize(plan.steps.size());
  binds_at_.resize(plan.steps.size());
  for (size_t step = 0; step < plan.steps.size(); ++step) {
    const BoundPattern& p = match.patterns[plan.steps[step].pattern];
    for (int v : {p.subject.var, p.relation_var, p.object.var}) {
      if (v >= 0 && !bound[v]) {
        bound[v] = true;
        binds_at_[step].push_back(v);
      }
    }
    for (size_t c = 0; c < match.constraints.size(); ++c) {
      if (placed[c]) continue;
      const VarConstraint& vc = match.constraints[c];
      bool ready = bound[vc.var];
      for (const BoundTerm& t : vc.values)
        if (t.var >= 0 && !bound[t.var]) ready = false;
      if (ready) {
        placed[c] = true;
        constraints_at_[step].push_back(c);
      }
    }
  }
  solution_.values.assign(match.vars.size(), 0);
  solution_.triples.assign(match.patterns.size(), Triple{});
  solution_.stats.assign(match.patterns.size(), TripleStats{});
}

Status JoinExecutor::Run(const std::function<bool(const Solution&)>& fn) {
  fn_ = &fn;
  stop_ = false;
  cancelled_ = false;
  if (plan_.steps.empty()) return Status::OK();
  KG_RETURN_IF_ERROR(Step(0));
  if (cancelled_) return Status::Cancelled("interrupted");
  return Status::OK();
}

bool JoinExecutor::CheckConstraints(size_t step) const {
  for (size_t c : constraints_at_[step]) {
    const VarConstraint& vc = match_.constraints[c];
    const uint32_t v = solution_.values[vc.var];
    bool any = false;
    for (const BoundTerm& t : vc.values)
      if (Value(t) == v) any = true;
    if (any == vc.negated) return false;
  }
  return true;
}

// Takes a row into the solution when it fits what is bound; false to skip.
bool JoinExecutor::Accept(size_t step, const TripleRow& row) {
  const BoundPattern& p = match_.patterns[plan_.steps[step].pattern];
  const Triple& t = row.triple;
  if (!match_.filter.Keep(t, row.stats, catalog_)) return false;
  // Bind the variables this step introduces; one used twice in the pattern
  // (?a competes_with ?a) must take one value.
  const std::vector<int>& fresh = binds_at_[step];
  auto is_fresh = [&](int v) { return std::find(fresh.begin(), fresh.end(), v) != fresh.end(); };
  if (p.subject.var >= 0 && is_fresh(p.subject.var)) solution_.values[p.subject.var] = t.subject;
  if (p.object.var >= 0 && is_fresh(p.object.var)) {
    if (p.object.var == p.subject.var && t.object != t.subject) return false;
    solution_.values[p.object.var] = t.object;
  }
  if (p.relation_var >= 0 && is_fresh(p.relation_var))
    solution_.values[p.relation_var] = t.relation;
  for (int v : fresh) {
    const BoundVariable& var = match_.vars[v];
    if (var.type && !var.relation && catalog_.Type(solution_.values[v]) != var.type) return false;
  }
  if (!CheckConstraints(step)) return false;
  Triple stored = t;
  const RelationInfo* r = store_.GetRelation(t.relation);
  if (r && r->symmetric && stored.subject > stored.object) std::swap(stored.subject, stored.object);
  solution_.triples[plan_.steps[step].pattern] = stored;
  solution_.stats[plan_.steps[step].pattern] = row.stats;
  return true;
}

bool CanCountLastStep(const BoundMatch& match, const MatchPlan& plan) {
  if (plan.steps.empty() || !(match.filter.graph == GraphFilter())) return false;
  const BoundPattern& p = match.patterns[plan.steps.back().pattern];
  std::vector<bool> before(match.vars.size(), false);
  for (size_t s = 0; s + 1 < plan.steps.size(); ++s) {
    const BoundPattern& q = match.patterns[plan.steps[s].pattern];
    for (int v : {q.subject.var, q.relation_var, q.object.var})
      if (v >= 0) before[v] = true;
  }
  auto known = [&](const BoundTerm& t) { return t.var < 0 || before[t.var]; };
  auto fresh = [&](int v) { return v >= 0 && !before[v]; };
  if (!fresh(p.relation_var) || !p.relations.empty()) return false;
  const bool subject_known = known(p.subject);
  const BoundTerm& open = subject_known ? p.object : p.subject;
  if (subject_known == known(p.object) || !fresh(open.var) || open.var == p.relation_var) {
    return false;
  }
  if (match.vars[open.var].type != 0 || match.vars[p.relation_var].type != 0) return false;
  for (const VarConstraint& c : match.constraints) {
    if (c.var == open.var || c.var == p.relation_var) return false;
    for (const BoundTerm& t : c.values)
      if (t.var == open.var || t.var == p.relation_var) return false;
  }
  return true;
}

Status JoinExecutor::Step(size_t step) {
  if (step == plan_.steps.size()) {
    if (!(*fn_)(solution_)) stop_ = true;
    return Status::OK();
  }
  if (plan_.count_last && step + 1 == plan_.steps.size()) {
    // The rows of "?x ?r ?y" with ?x bound, from the counters.
    const BoundPattern& last = match_.patterns[plan_.steps[step].pattern];
    const bool subject_known =
        last.subject.var < 0 || std::find(binds_at_[step].begin(), binds_at_[step].end(),
                                          last.subject.var) == binds_at_[step].end();
    const EntityId e = Value(subject_known ? last.subject : last.object);
    KG_ASSIGN_OR_RETURN(const uint64_t n, store_.CountTriplesAt(e, subject_known));
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) cancelled_ = true;
    if (n == 0 || cancelled_) return Status::OK();
    solution_.weight = n;
    if (!(*fn_)(solution_)) stop_ = true;
    solution_.weight = 1;
    return Status::OK();
  }
  const BoundPattern& p = match_.patterns[plan_.steps[step].pattern];
  const std::vector<int>& fresh = binds_at_[step];
  auto known = [&](int var) {
    return var >= 0 && std::find(fresh.begin(), fresh.end(), var) == fresh.end();
  };
  TriplePattern tp;
  if (p.subject.var < 0) {
    tp.subject = p.subject.entity;
  } else if (known(p.subject.var)) {
    tp.subject = solution_.values[p.subject.var];
  }
  if (p.object.var < 0) {
    tp.object = p.object.entity;
  } else if (known(p.object.var)) {
    tp.object = solution_.values[p.object.var];
  }
  std::vector<RelationId> relations = p.relations;
  if (p.relation_var >= 0) {
    relations = {known(p.relation_var) ? static_cast<RelationId>(solution_.values[p.relation_var])
                                       : RelationId{0}};
  }
  ScanOptions options;
  options.with_stats = needs_stats_;
  options.mirror_symmetric = true;
  // With neither end known, the store gives a symmetric fact once, in its
  // stored order; the other order is a match too.
  const bool open_ends = tp.subject == 0 && tp.object == 0;
  Status inner;
  auto on_row = [&](const TripleRow& row) -> bool {
    ++rows_read_;
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
      cancelled_ = true;
      return false;
    }
    for (int turn = 0; turn < 2; ++turn) {
      TripleRow r = row;
      if (turn == 1) {
        const RelationInfo* info = store_.GetRelation(row.triple.relation);
        if (!open_ends || !info || !info->symmetric || row.triple.subject == row.triple.object) {
          break;
        }
        std::swap(r.triple.subject, r.triple.object);
      }
      if (!Accept(step, r)) continue;
      inner = Step(step + 1);
      if (!inner.ok() || stop_ || cancelled_) return false;
    }
    return true;
  };
  for (RelationId rel : relations) {
    tp.relation = rel;
    KG_RETURN_IF_ERROR(store_.ScanTriples(tp, on_row, options));
    KG_RETURN_IF_ERROR(inner);
    if (stop_ || cancelled_) break;
  }
  return Status::OK();
}

}  // namespace kg::query
