#include "query/planner.h"

#include <algorithm>
#include <map>

namespace kg::query {

namespace {

// What the planner knows of the store's shape.
class Counts {
 public:
  static Result<Counts> Read(const Store& store) {
    Counts c;
    c.store_ = &store;
    KG_ASSIGN_OR_RETURN(const StoreStats stats, store.GetStats());
    c.triples_ = std::max<double>(1, static_cast<double>(stats.triples));
    c.entities_ = std::max<double>(1, static_cast<double>(stats.entities));
    for (const auto& r : stats.relations) {
      c.relation_triples_[r.relation.id] = static_cast<double>(r.triples);
      if (r.triples) ++c.used_relations_;
    }
    c.used_relations_ = std::max<size_t>(c.used_relations_, 1);
    return c;
  }

  double triples() const { return triples_; }
  double average_degree() const { return triples_ / entities_; }
  double relation_triples(RelationId id) const {
    auto it = relation_triples_.find(id);
    return it == relation_triples_.end() ? 0 : it->second;
  }
  size_t used_relations() const { return used_relations_; }

  Result<EntityCounts> Entity(EntityId id) {
    auto it = entities_seen_.find(id);
    if (it != entities_seen_.end()) return it->second;
    KG_ASSIGN_OR_RETURN(const EntityCounts c, store_->GetEntityCounts(id));
    entities_seen_[id] = c;
    return c;
  }

 private:
  const Store* store_ = nullptr;
  double triples_ = 1, entities_ = 1;
  size_t used_relations_ = 0;
  std::map<RelationId, double> relation_triples_;
  std::map<EntityId, EntityCounts> entities_seen_;
};

bool Known(const BoundTerm& t, const std::vector<bool>& bound) {
  return t.var < 0 || bound[t.var];
}

// Rows one run of pattern p is expected to give, with `bound` variables
// known.
Result<double> Estimate(const BoundPattern& p, const std::vector<bool>& bound, Counts& counts) {
  // The share of triples the relation position lets through.
  double share = 1;
  if (!p.relations.empty()) {
    double n = 0;
    for (RelationId r : p.relations)
      n += counts.relation_triples(r);
    share = n / counts.triples();
  } else if (bound[p.relation_var]) {
    share = 1.0 / static_cast<double>(counts.used_relations());
  }
  // Triples with the subject (object) in place: the entity's own count for
  // a constant (both directions: symmetric facts read either way), the
  // average degree for a variable bound earlier.
  auto degree = [&](const BoundTerm& t, bool as_subject) -> Result<double> {
    if (t.var >= 0) return counts.average_degree();
    KG_ASSIGN_OR_RETURN(const EntityCounts c, counts.Entity(t.entity));
    return static_cast<double>(as_subject ? c.out_triples : c.in_triples) +
           0.1 * static_cast<double>(as_subject ? c.in_triples : c.out_triples);
  };
  const bool s = Known(p.subject, bound), o = Known(p.object, bound);
  double rows = counts.triples();
  if (s && o) {
    KG_ASSIGN_OR_RETURN(const double ds, degree(p.subject, true));
    KG_ASSIGN_OR_RETURN(const double dob, degree(p.object, false));
    rows = std::min(ds, dob) * std::max(ds, dob) / counts.triples();
  } else if (s) {
    KG_ASSIGN_OR_RETURN(rows, degree(p.subject, true));
  } else if (o) {
    KG_ASSIGN_OR_RETURN(rows, degree(p.object, false));
  }
  return rows * share;
}

std::string BoundPositions(const BoundPattern& p, const std::vector<bool>& bound, bool* s, bool* r,
                           bool* o) {
  *s = Known(p.subject, bound);
  *r = !p.relations.empty() || bound[p.relation_var];
  *o = Known(p.object, bound);
  std::string out;
  for (auto [known, letter] : {std::pair{*s, "s"}, std::pair{*r, "p"}, std::pair{*o, "o"}}) {
    if (!known) continue;
    if (!out.empty()) out += ",";
    out += letter;
  }
  return out.empty() ? "-" : out;
}

std::vector<int> VarsOf(const BoundPattern& p) {
  std::vector<int> v;
  for (int x : {p.subject.var, p.relation_var, p.object.var})
    if (x >= 0) v.push_back(x);
  return v;
}

}  // namespace

Result<MatchPlan> PlanMatch(const Store& store, const BoundMatch& match,
                            const std::vector<size_t>* order) {
  KG_ASSIGN_OR_RETURN(Counts counts, Counts::Read(store));
  const size_t n = match.patterns.size();
  std::vector<bool> bound(match.vars.size(), false);
  std::vector<bool> used(n, false);
  MatchPlan plan;
  for (size_t step = 0; step < n; ++step) {
    size_t pick = n;
    double best = 0;
    bool pick_connected = false;
    for (size_t i = 0; i < n; ++i) {
      if (used[i]) continue;
      if (order && (*order)[step] != i) continue;
      bool connected = false;
      for (int v : VarsOf(match.patterns[i]))
        if (bound[v]) connected = true;
      KG_ASSIGN_OR_RETURN(const double est, Estimate(match.patterns[i], bound, counts));
      // A pattern joined to what is read already beats any that is not.
      const bool better = pick == n || (connected && !pick_connected) ||
                          (connected == pick_connected && est < best);
      if (better) {
        pick = i;
        best = est;
        pick_connected = connected;
      }
    }
    if (pick == n) return Status::InvalidArgument("bad forced join order");
    const BoundPattern& p = match.patterns[pick];
    PlanStep s;
    s.pattern = pick;
    s.estimate = best;
    s.cartesian = step > 0 && !pick_connected;
    bool sb, rb, ob;
    s.bound = BoundPositions(p, bound, &sb, &rb, &ob);
    TriplePattern probe{sb ? EntityId{1} : EntityId{0}, rb ? RelationId{1} : RelationId{0},
                        ob ? EntityId{1} : EntityId{0}};
    s.index = std::string(Store::IndexFor(probe));
    for (int v : VarsOf(p)) {
      if (bound[v]) {
        if (std::find(s.join_vars.begin(), s.join_vars.end(), v) == s.join_vars.end()) {
          s.join_vars.push_back(v);
        }
      }
    }
    for (int v : VarsOf(p))
      bound[v] = true;
    used[pick] = true;
    plan.steps.push_back(std::move(s));
  }
  return plan;
}

}  // namespace kg::query
