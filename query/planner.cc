#include "query/planner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace kg::query {

namespace {

// --- Work ---
//
// In units of one index row read by a scan (about 0.1 us on the benchmark
// machine, bench/query_bench.cc). Opening a scan (a RocksDB iterator and a
// seek) costs about 16 rows there and a point read about 4, so a plan that
// runs a scan per row loses to one that reads a few more rows in one scan.
constexpr double kRowWork = 1;
constexpr double kScanWork = 16;
constexpr double kGetWork = 4;

// The rows of a pattern at its constant entity are counted up to this many
// when planning: exact for most entities, a floor for the hubs.
constexpr uint64_t kProbeRows = 128;
// Of those rows, the degree of the entities at the other end is read for up
// to this many, evenly spread.
constexpr size_t kDegreeSamples = 32;

// Past this many estimated steps the search stops trying every order and
// takes the cheapest next step only (queries with many patterns).
constexpr size_t kSearchBudget = 20000;

// The degree model reads every entity's counters up to this many entities;
// past it, those of the first kHeadEntities and an even sample of the rest
// (on the benchmark's 100,000 entities the sample's model is within 1% of
// the exact one, in a fifth of the time: some 30 ms).
constexpr uint64_t kExactEntities = 25000;
constexpr uint64_t kHeadEntities = 5000;
constexpr uint64_t kSampledEntities = 20000;
// Stores whose degree model is kept (a cache, not a registry).
constexpr size_t kCachedStores = 16;

// --- The degree of the entities a join reaches ---

// What a join's next pattern reads at a bound entity depends on that
// entity's degree (its triples as subject or object), and the entities a
// join reaches are not average ones: a fact names a popular entity more
// often, so through the rows of a whole index an entity turns up as often as
// its degree and the expected degree is sum(d^2) / sum(d) (size-biased). The
// neighbours of one entity are distinct, though: a hub reaches nearly every
// popular entity once and then many ordinary ones, so the more neighbours it
// has, the closer their expected degree comes to the mean. With k neighbours
// drawn in proportion to degree, an entity of degree d is among them with
// probability 1 - exp(-k d / sum(d)); the expected degree is the average over
// entities weighted so.
class NeighbourDegree {
 public:
  // The model of the store's current generation, computed on first use and
  // cached per store path (planning must stay cheap; reading every entity's
  // counters is not).
  static Result<std::shared_ptr<const NeighbourDegree>> Get(const Store& store);

  // The expected degree of one of k distinct neighbours of an entity (for
  // one relation); k = 0 for an entity reached through a whole index.
  double At(double k) const {
    if (table_.empty()) return 0;
    if (k <= 0) return size_biased_;
    if (k < 1) return size_biased_ + (table_[0] - size_biased_) * k;
    const double x = 2 * std::log2(k);
    const size_t i = static_cast<size_t>(x);
    if (i + 1 >= table_.size()) return table_.back();
    return table_[i] + (table_[i + 1] - table_[i]) * (x - static_cast<double>(i));
  }

 private:
  static Result<std::shared_ptr<const NeighbourDegree>> Compute(const Store& store);

  double size_biased_ = 0;
  std::vector<double> table_;  // At(2^(i / 2)), i = 0, 1, ...
};

Result<std::shared_ptr<const NeighbourDegree>> NeighbourDegree::Compute(const Store& store) {
  KG_ASSIGN_OR_RETURN(const StoreStats stats, store.GetStats());
  // Entities by degree, in buckets of powers of two.
  struct Bucket {
    double entities = 0, degrees = 0, squares = 0;
  };
  std::vector<Bucket> buckets(64);
  const uint64_t ids = stats.dictionary_entities;
  // Entity ids follow the order in which entities were first named, so the
  // hubs are mostly among the first; each sampled id stands for the ones the
  // sample skips.
  const uint64_t stride = ids <= kExactEntities ? 1 : (ids - kHeadEntities) / kSampledEntities + 1;
  for (uint64_t id = 1; id <= ids;) {
    const double weight = static_cast<double>(id <= kHeadEntities ? 1 : stride);
    KG_ASSIGN_OR_RETURN(const EntityCounts c, store.GetEntityCounts(static_cast<EntityId>(id)));
    const double d = static_cast<double>(c.out_triples + c.in_triples);
    if (d > 0) {
      Bucket& b = buckets[std::min<size_t>(63, static_cast<size_t>(std::ilogb(d)))];
      b.entities += weight;
      b.degrees += weight * d;
      b.squares += weight * d * d;
    }
    id += id < kHeadEntities ? 1 : stride;
  }
  auto model = std::make_shared<NeighbourDegree>();
  double total = 0, squares = 0;
  for (const Bucket& b : buckets) {
    total += b.degrees;
    squares += b.squares;
  }
  if (total <= 0) return std::shared_ptr<const NeighbourDegree>(model);
  model->size_biased_ = squares / total;
  // Up to k = 2^40 neighbours: beyond any store's degrees.
  for (int i = 0; i <= 80; ++i) {
    const double k = std::exp2(i / 2.0);
    double weighted = 0, chance = 0;
    for (const Bucket& b : buckets) {
      if (b.entities <= 0) continue;
      // Within a bucket the chance uses its mean degree, and the degree
      // counted uses its size-biased mean, so that k -> 0 gives exactly
      // sum(d^2) / sum(d) and k -> infinity the mean.
      const double mean = b.degrees / b.entities, biased = b.squares / b.degrees;
      weighted += b.degrees * -std::expm1(-k * biased / total);
      chance += b.entities * -std::expm1(-k * mean / total);
    }
    model->table_.push_back(chance > 0 ? weighted / chance : 0);
  }
  return std::shared_ptr<const NeighbourDegree>(model);
}

Result<std::shared_ptr<const NeighbourDegree>> NeighbourDegree::Get(const Store& store) {
  struct Entry {
    uint64_t generation = 0;
    std::shared_ptr<const NeighbourDegree> model;
  };
  // Never destroyed: plans may be made while the program exits.
  static std::mutex* mu = new std::mutex;
  static auto* cache = new std::map<std::string, Entry>;
  const uint64_t generation = store.Generation();
  std::lock_guard<std::mutex> lock(*mu);
  auto it = cache->find(store.path());
  if (it != cache->end() && it->second.generation == generation) return it->second.model;
  KG_ASSIGN_OR_RETURN(std::shared_ptr<const NeighbourDegree> model, Compute(store));
  if (cache->size() >= kCachedStores) cache->clear();
  (*cache)[store.path()] = {generation, model};
  return model;
}

// --- Estimates ---

struct RelationShape {
  double triples = 0;
  bool symmetric = false;
};

// An entity a pattern knows when it runs: its expected triples as subject
// and as object.
struct End {
  double out = 0, in = 0;
};

// What one run of a pattern costs and gives.
struct RunEstimate {
  double work = 0;
  double matched = 0;  // rows the index gives
  double rows = 0;     // of those, the ones that pass on to the next step
  // For the entity variables the run binds: their neighbours per relation,
  // or `open` when the run reads a whole index (no end known).
  double neighbours = 0;
  bool open = false;
  double degree = -1;  // their degree when the constant's rows were read (else < 0)
};

// A pattern's constant entities, as read before the search.
struct PatternFacts {
  EntityCounts subject, object;  // counters of the constants
  // The rows counted at a constant over what the model expects there (the
  // model knows the entity's triples, not how they spread over relations).
  double subject_scale = 1, object_scale = 1;
  double exact_rows = -1;  // both ends constant: the rows, counted
  // One end constant, rows under the cap: the mean degree of the entities
  // at the other end of its rows (else < 0).
  double neighbour_degree = -1;
};

// Everything the search needs, read once per plan.
class Model {
 public:
  static Result<Model> Read(const Store& store, const BoundMatch& match) {
    Model m;
    m.match_ = &match;
    KG_ASSIGN_OR_RETURN(const StoreStats stats, store.GetStats());
    m.triples_ = std::max<double>(1, static_cast<double>(stats.triples));
    m.entities_ = std::max<double>(1, static_cast<double>(stats.entities));
    double symmetric = 0, used = 0;
    for (const auto& r : stats.relations) {
      if (m.relations_.size() <= r.relation.id) m.relations_.resize(r.relation.id + 1);
      m.relations_[r.relation.id] = {static_cast<double>(r.triples), r.relation.symmetric};
      if (r.triples == 0) continue;
      // An entity's neighbours are distinct per relation: with the relation
      // open, a run reads one set of them per relation.
      ++used;
      if (r.relation.symmetric) symmetric += static_cast<double>(r.triples);
    }
    m.symmetric_share_ = symmetric / m.triples_;
    m.slots_ = std::max(1.0, used);
    for (const auto& t : stats.types) {
      if (m.type_share_.size() <= t.type.id) m.type_share_.resize(t.type.id + 1, 1);
      m.type_share_[t.type.id] = static_cast<double>(t.entities) / m.entities_;
    }
    if (match.patterns.size() > 1) {
      KG_ASSIGN_OR_RETURN(m.degrees_, NeighbourDegree::Get(store));
    }
    for (const BoundPattern& p : match.patterns) {
      KG_ASSIGN_OR_RETURN(const PatternFacts f, m.ReadFacts(store, p));
      m.facts_.push_back(f);
    }
    return m;
  }

  const BoundMatch& match() const { return *match_; }

  // The expected degree of what a run binds.
  double DegreeAfter(const RunEstimate& e) const {
    if (e.degree >= 0) return e.degree;
    if (!degrees_) return 0;
    return degrees_->At(e.open ? 0 : e.neighbours);
  }

  // One run of pattern i, with `bound` variables known and `degree` the
  // expected degree of each bound entity variable.
  RunEstimate Run(size_t i, const std::vector<bool>& bound,
                  const std::vector<double>& degree) const {
    return Estimate(match_->patterns[i], facts_[i], bound, degree);
  }

 private:
  RunEstimate Estimate(const BoundPattern& p, const PatternFacts& f, const std::vector<bool>& bound,
                       const std::vector<double>& degree) const {
    bool s_known = true, o_known = true;
    const End s = EndOf(p.subject, f.subject, bound, degree, &s_known);
    const End o = EndOf(p.object, f.object, bound, degree, &o_known);
    const double s_scale = p.subject.var < 0 ? f.subject_scale : 1;
    const double o_scale = p.object.var < 0 ? f.object_scale : 1;
    RunEstimate e;
    double slots = 1;
    if (!p.relations.empty() || bound[p.relation_var]) {
      // Each relation read, weighted by the chance that it is the one: 1 for
      // a named one, its share of the triples for a relation variable bound
      // earlier.
      auto each = [&](const RelationShape& r, double weight) {
        const double ds = AsSubject(s, r) * s_scale, dob = AsObject(o, r) * o_scale;
        const double reads = r.symmetric ? 2 : 1;  // the mirrored read of a symmetric relation
        if (s_known && o_known) {
          // Pairs the relation could link: each way for a symmetric one.
          const double pairs = r.symmetric ? 2 * r.triples : r.triples;
          e.work += weight * reads * kGetWork;
          e.rows += weight * (pairs > 0 ? std::min(1.0, ds * dob / pairs) : 0);
        } else if (s_known || o_known) {
          const double d = s_known ? ds : dob;
          e.work += weight * (reads * kScanWork + d * kRowWork);
          e.rows += weight * d;
        } else {
          e.work += weight * (kScanWork + r.triples * kRowWork);
          e.rows += weight * r.triples * reads;  // a symmetric fact both ways round
        }
      };
      if (!p.relations.empty()) {
        for (RelationId id : p.relations)
          each(Relation(id), 1);
        slots = static_cast<double>(p.relations.size());
      } else {
        for (const RelationShape& r : relations_)
          if (r.triples > 0) each(r, r.triples / triples_);
      }
    } else {
      // Any relation: the store reads the known end's triples both ways and
      // keeps the mirrored ones of symmetric relations.
      const double phi = symmetric_share_;
      const double so = s.out * s_scale, si = s.in * s_scale;
      const double oo = o.out * o_scale, oi = o.in * o_scale;
      if (s_known && o_known) {
        // At most one fact per relation and direction between two entities.
        e.work = 2 * kScanWork + std::min(2 * slots_, (so * oi + si * oo) / triples_) * kRowWork;
        e.rows = std::min(slots_, (so * oi + phi * si * oo) / triples_);
      } else if (s_known) {
        e.work = 2 * kScanWork + (so + si) * kRowWork;
        e.rows = so + phi * si;
      } else if (o_known) {
        e.work = 2 * kScanWork + (oo + oi) * kRowWork;
        e.rows = oi + phi * oo;
      } else {
        e.work = kScanWork + triples_ * kRowWork;
        e.rows = triples_ * (1 + phi);  // a symmetric fact both ways round
      }
      slots = slots_;
    }
    if (f.exact_rows >= 0) e.rows = f.exact_rows;
    e.matched = e.rows;
    e.open = !s_known && !o_known;
    e.neighbours = e.rows / slots;
    if ((s_known && !o_known && p.subject.var < 0) || (o_known && !s_known && p.object.var < 0)) {
      e.degree = f.neighbour_degree;
    }
    const int sv = p.subject.var, ov = p.object.var;
    // ?a r ?a: the rows whose two ends are one entity.
    if (sv >= 0 && sv == ov && !bound[sv]) e.rows /= entities_;
    // A typed variable bound here lets through its type's share of the rows.
    for (int v : {sv, ov == sv ? -1 : ov}) {
      if (v < 0 || bound[v]) continue;
      const TypeId type = match_->vars[v].type;
      if (type && type < type_share_.size()) e.rows *= type_share_[type];
    }
    return e;
  }

  const RelationShape& Relation(RelationId id) const {
    static const RelationShape kNone;
    return id < relations_.size() ? relations_[id] : kNone;
  }

  // Triples of relation r with the entity as subject (object); a symmetric
  // relation is read both ways. The entity's triples are taken to spread
  // over relations as the store's do.
  double AsSubject(const End& e, const RelationShape& r) const {
    return (r.symmetric ? e.out + e.in : e.out) * r.triples / triples_;
  }
  double AsObject(const End& e, const RelationShape& r) const {
    return (r.symmetric ? e.out + e.in : e.in) * r.triples / triples_;
  }

  static End EndOf(const BoundTerm& t, const EntityCounts& counts, const std::vector<bool>& bound,
                   const std::vector<double>& degree, bool* known) {
    if (t.var < 0) {
      *known = true;
      return {static_cast<double>(counts.out_triples), static_cast<double>(counts.in_triples)};
    }
    *known = bound[t.var];
    if (!*known) return {};
    // A bound variable's triples, half each way.
    return {degree[t.var] / 2, degree[t.var] / 2};
  }

  // Counts the pattern's rows with only its constants bound, up to
  // kProbeRows (*capped when it stopped there), and keeps the entity at the
  // variable end of each.
  static Result<double> CountRows(const Store& store, const BoundPattern& p, bool* capped,
                                  std::vector<EntityId>* ends) {
    ScanOptions options;
    options.with_stats = false;
    options.mirror_symmetric = true;
    TriplePattern tp;
    if (p.subject.var < 0) tp.subject = p.subject.entity;
    if (p.object.var < 0) tp.object = p.object.entity;
    // A relation variable is counted over every relation: bound later, it is
    // one of them, and the count scales the estimate for each.
    std::vector<RelationId> relations = p.relations;
    if (relations.empty()) relations.push_back(0);
    uint64_t rows = 0;
    *capped = false;
    for (RelationId r : relations) {
      tp.relation = r;
      KG_RETURN_IF_ERROR(store.ScanTriples(
          tp,
          [&](const TripleRow& row) {
            ends->push_back(p.subject.var < 0 ? row.triple.object : row.triple.subject);
            if (++rows < kProbeRows) return true;
            *capped = true;
            return false;
          },
          options));
      if (*capped) break;
    }
    return static_cast<double>(rows);
  }

  Result<PatternFacts> ReadFacts(const Store& store, const BoundPattern& p) const {
    PatternFacts f;
    const bool sc = p.subject.var < 0, oc = p.object.var < 0;
    if (!sc && !oc) return f;
    if (sc) {
      KG_ASSIGN_OR_RETURN(f.subject, store.GetEntityCounts(p.subject.entity));
    }
    if (oc) {
      KG_ASSIGN_OR_RETURN(f.object, store.GetEntityCounts(p.object.entity));
    }
    bool capped = false;
    std::vector<EntityId> ends;
    KG_ASSIGN_OR_RETURN(const double counted, CountRows(store, p, &capped, &ends));
    if (sc && oc) {
      f.exact_rows = counted;
      return f;
    }
    // Where the entity has few rows, what they reach is known too: whether
    // its neighbours are hubs or leaves matters more to the next step than
    // anything the averages say.
    if (!capped && !ends.empty()) {
      const size_t samples = std::min(ends.size(), kDegreeSamples);
      double sum = 0;
      for (size_t i = 0; i < samples; ++i) {
        KG_ASSIGN_OR_RETURN(const EntityCounts c,
                            store.GetEntityCounts(ends[i * ends.size() / samples]));
        sum += static_cast<double>(c.out_triples + c.in_triples);
      }
      f.neighbour_degree = sum / static_cast<double>(samples);
    }
    // Against what the model expects at the constant with the other end
    // open: below the cap the count is the truth; at the cap, a floor.
    const std::vector<bool> none(match_->vars.size(), false);
    const std::vector<double> degree(match_->vars.size(), 0);
    const double expected = Estimate(p, f, none, degree).matched;
    double scale = 1;
    if (expected > 0) scale = capped ? std::max(1.0, counted / expected) : counted / expected;
    (sc ? f.subject_scale : f.object_scale) = scale;
    return f;
  }

  const BoundMatch* match_ = nullptr;
  double triples_ = 1, entities_ = 1, symmetric_share_ = 0, slots_ = 1;
  std::vector<RelationShape> relations_;  // by id
  std::vector<double> type_share_;        // by id: entities of the type over all
  std::shared_ptr<const NeighbourDegree> degrees_;
  std::vector<PatternFacts> facts_;  // by pattern
};

// --- The search ---

// Where a plan stands after some steps.
struct State {
  std::vector<bool> used;      // by pattern
  std::vector<bool> bound;     // by variable
  std::vector<double> degree;  // by entity variable, once bound
  bool any_bound = false;
  double rows = 1;  // rows reaching the next step
  double cost = 0;
};

std::vector<int> VarsOf(const BoundPattern& p) {
  std::vector<int> v;
  for (int x : {p.subject.var, p.relation_var, p.object.var})
    if (x >= 0 && std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  return v;
}

bool SharesBound(const BoundPattern& p, const std::vector<bool>& bound) {
  for (int v : VarsOf(p))
    if (bound[v]) return true;
  return false;
}

// The pattern may run next without a cartesian product: it shares a bound
// variable, has none (a check of one fact), or nothing is bound yet.
bool Joined(const BoundPattern& p, const State& st) {
  return !st.any_bound || VarsOf(p).empty() || SharesBound(p, st.bound);
}

// Every position of the pattern is known: one point read per row.
bool FullyBound(const BoundPattern& p, const std::vector<bool>& bound) {
  for (const BoundTerm* t : {&p.subject, &p.object})
    if (t->var >= 0 && !bound[t->var]) return false;
  return !p.relations.empty() || bound[p.relation_var];
}

State Apply(const Model& model, const State& st, size_t i) {
  const BoundPattern& p = model.match().patterns[i];
  const RunEstimate e = model.Run(i, st.bound, st.degree);
  State next = st;
  next.used[i] = true;
  next.cost += st.rows * e.work;
  next.rows = st.rows * e.rows;
  const double degree = model.DegreeAfter(e);
  for (int v : VarsOf(p)) {
    if (next.bound[v]) continue;
    next.bound[v] = true;
    next.any_bound = true;
    next.degree[v] = degree;
  }
  return next;
}

// Depth-first over orders, cheapest next step first, cutting every branch
// that already costs more than the best whole plan.
class Search {
 public:
  explicit Search(const Model& model) : model_(model), n_(model.match().patterns.size()) {}

  std::vector<size_t> Best() {
    State st;
    st.used.assign(n_, false);
    st.bound.assign(model_.match().vars.size(), false);
    st.degree.assign(model_.match().vars.size(), 0);
    std::vector<size_t> order;
    Visit(st, &order);
    return best_order_;
  }

 private:
  struct Move {
    std::vector<size_t> patterns;  // one, or a cartesian step and the step that closes it
    State after;
  };

  std::vector<Move> Moves(const State& st) {
    const std::vector<BoundPattern>& patterns = model_.match().patterns;
    std::vector<Move> moves;
    bool joined = false;
    for (size_t i = 0; i < n_; ++i)
      if (!st.used[i] && Joined(patterns[i], st)) joined = true;
    for (size_t i = 0; i < n_; ++i) {
      if (st.used[i]) continue;
      if (Joined(patterns[i], st) || !joined) {
        moves.push_back({{i}, Apply(model_, st, i)});
        ++evaluations_;
        continue;
      }
      // A cartesian product while a join exists: only when the next step
      // joins both sides with every position bound.
      std::vector<bool> with = st.bound;
      for (int v : VarsOf(patterns[i]))
        with[v] = true;
      std::optional<State> after;
      for (size_t j = 0; j < n_; ++j) {
        if (j == i || st.used[j] || !FullyBound(patterns[j], with)) continue;
        if (!SharesBound(patterns[j], st.bound)) continue;
        bool closes = false;
        for (int v : VarsOf(patterns[j]))
          if (!st.bound[v] && with[v]) closes = true;
        if (!closes) continue;
        if (!after) after = Apply(model_, st, i);
        moves.push_back({{i, j}, Apply(model_, *after, j)});
        evaluations_ += 2;
      }
    }
    std::stable_sort(moves.begin(), moves.end(),
                     [](const Move& a, const Move& b) { return a.after.cost < b.after.cost; });
    return moves;
  }

  void Visit(const State& st, std::vector<size_t>* order) {
    if (order->size() == n_) {
      if (best_order_.empty() || st.cost < best_cost_) {
        best_cost_ = st.cost;
        best_order_ = *order;
      }
      return;
    }
    const std::vector<Move> moves = Moves(st);
    for (const Move& m : moves) {
      // Costs only grow along a plan.
      if (!best_order_.empty() && m.after.cost >= best_cost_) break;
      for (size_t i : m.patterns)
        order->push_back(i);
      Visit(m.after, order);
      order->resize(order->size() - m.patterns.size());
      // Past the budget, the cheapest next step only.
      if (evaluations_ > kSearchBudget) break;
    }
  }

  const Model& model_;
  const size_t n_;
  size_t evaluations_ = 0;
  double best_cost_ = 0;
  std::vector<size_t> best_order_;
};

std::string BoundPositions(const BoundPattern& p, const std::vector<bool>& bound, bool* s, bool* r,
                           bool* o) {
  *s = p.subject.var < 0 || bound[p.subject.var];
  *r = !p.relations.empty() || bound[p.relation_var];
  *o = p.object.var < 0 || bound[p.object.var];
  std::string out;
  for (auto [known, letter] : {std::pair{*s, "s"}, std::pair{*r, "p"}, std::pair{*o, "o"}}) {
    if (!known) continue;
    if (!out.empty()) out += ",";
    out += letter;
  }
  return out.empty() ? "-" : out;
}

}  // namespace

Result<MatchPlan> PlanMatch(const Store& store, const BoundMatch& match,
                            const std::vector<size_t>* order) {
  const size_t n = match.patterns.size();
  if (order) {
    std::vector<bool> seen(n, false);
    bool valid = order->size() == n;
    for (size_t i : *order) {
      if (!valid || i >= n || seen[i]) {
        valid = false;
        break;
      }
      seen[i] = true;
    }
    if (!valid) return Status::InvalidArgument("bad forced join order");
  }
  KG_ASSIGN_OR_RETURN(const Model model, Model::Read(store, match));
  const std::vector<size_t> chosen = order ? *order : Search(model).Best();

  MatchPlan plan;
  State st;
  st.used.assign(n, false);
  st.bound.assign(match.vars.size(), false);
  st.degree.assign(match.vars.size(), 0);
  for (size_t step = 0; step < chosen.size(); ++step) {
    const size_t i = chosen[step];
    const BoundPattern& p = match.patterns[i];
    PlanStep s;
    s.pattern = i;
    s.estimate = model.Run(i, st.bound, st.degree).rows;
    s.cartesian = st.any_bound && !Joined(p, st);
    bool sb, rb, ob;
    s.bound = BoundPositions(p, st.bound, &sb, &rb, &ob);
    const TriplePattern probe{sb ? EntityId{1} : EntityId{0}, rb ? RelationId{1} : RelationId{0},
                              ob ? EntityId{1} : EntityId{0}};
    s.index = std::string(Store::IndexFor(probe));
    for (int v : VarsOf(p))
      if (st.bound[v]) s.join_vars.push_back(v);
    // A cartesian step is closed when the next one reads a single fact that
    // ties a variable from before it to one it bound.
    if (s.cartesian && step + 1 < chosen.size()) {
      const BoundPattern& next = match.patterns[chosen[step + 1]];
      std::vector<bool> with = st.bound;
      for (int v : VarsOf(p))
        with[v] = true;
      bool closes = false;
      for (int v : VarsOf(next))
        if (!st.bound[v] && with[v]) closes = true;
      if (closes && FullyBound(next, with) && SharesBound(next, st.bound)) s.closed_by = step + 2;
    }
    st = Apply(model, st, i);
    plan.steps.push_back(std::move(s));
  }
  plan.cost = st.cost;
  return plan;
}

std::string DescribeJoins(const BoundMatch& match, const MatchPlan& plan, size_t step) {
  const PlanStep& s = plan.steps[step];
  if (s.cartesian) {
    return s.closed_by ? "none: cartesian product, closed by step " + std::to_string(s.closed_by)
                       : "none: cartesian product";
  }
  std::string joins;
  for (int v : s.join_vars)
    joins += (joins.empty() ? "?" : ", ?") + match.vars[v].name;
  return joins;
}

}  // namespace kg::query
