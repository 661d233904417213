// query_bench: the query language (query/) on the synthetic store that
// graph_bench reads (bench/bench_store.h: about 1,000,000 distinct triples
// over 100,000 Zipf-popular entities), against the targets
//   (a) a pattern with a bound entity: median < 1 ms;
//   (b) a two-pattern join with a bound entity: median < 20 ms;
//   (c) the planner's join order never more than 2x slower than the best.
//
//   query_bench [--db PATH] [--facts N] [--entities N] [--seed N] [--rebuild]
//               [--reps N] [--cap SECONDS] [--parts LIST]
//
//   --db, --facts, --entities, --seed, --rebuild
//                 the store, as graph_bench takes them (built when missing)
//   --reps N      timed runs of each query per entity (a, b) and of each
//                 join order (c), default 5; a query stops repeating once
//                 its runs took kRepeatBudget (c: kOrderBudget) in all
//   --cap S       (c): a run that passes S seconds (default 5) is stopped
//                 and its join order reported as '>S s'
//   --parts LIST  lookup, join and/or orders, comma-separated; default all
//
// Entities (a, b): 200 by the generator's popularity rank (rank 0 is the
// most stated), 50 in each of four buckets: head (ranks 0-49, every one: the
// hubs), upper (50-999), middle (1,000-9,999) and tail (10,000 up). The last
// three are drawn with an Rng seeded from --seed; a rank the store does not
// hold (the generator never drew it) is drawn again.
//
// (a) and (b) go through the front door, query::Session::Run (parse, bind,
// plan, execute, csv output into a stream that discards it), on one session
// whose entity-name cache is warm after an untimed first run. For reference,
// the same query
//   cold      the first run in a fresh session (.open, untimed, just
//             before): its store's block cache and its name cache are empty;
//   executor  JoinExecutor::Run alone, bound and planned beforehand, the
//             solutions counted;
//   raw       a hand-written loop of Store::ScanTriples calls that finds the
//             same solutions: the peer, what the query costs without the
//             language (the solution counts are checked to agree).
// The three timed variants run in turn, round after round, so that the VM's
// drift hits them alike; each entity's figure is the median of its rounds.
//
// (c) runs each query of kOrderQueries with every order of its patterns
// forced (PlanMatch with an order) and with the planner's own choice, through
// JoinExecutor with the solutions counted (BindMatch beforehand; PlanMatch is
// inside the timing, forced or not), in rounds over all the orders; median of
// the runs. Every order must find the same number of solutions.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "bench/bench_store.h"
#include "bench/synthetic.h"
#include "graph/ontology.h"
#include "graph/store.h"
#include "query/binder.h"
#include "query/catalog.h"
#include "query/executor.h"
#include "query/parser.h"
#include "query/planner.h"
#include "query/session.h"
#include "util/schema_dir.h"

namespace kg::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kPerBucket = 50;
// (a, b): no more rounds for an entity's query once its rounds took this long.
constexpr double kRepeatBudgetS = 2;
// (c): no more rounds for a join order once its runs took this long.
constexpr double kOrderBudgetS = 10;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Flags {
  StoreSpec store;
  uint64_t reps = 5;
  double cap_s = 5;
  bool lookup = true, join = true, orders = true;
};

[[noreturn]] void Usage(int status) {
  std::fprintf(status == 0 ? stdout : stderr,
               "usage: query_bench [--db PATH] [--facts N] [--entities N] [--seed N] [--rebuild] "
               "[--reps N] [--cap SECONDS] [--parts lookup,join,orders]\n");
  std::exit(status);
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "query_bench: %s\n", what.c_str());
  std::exit(1);
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  const FlagParser parser{"query_bench", Usage};
  parser.Parse(argc, argv, &f.store, [&](const std::string& flag, const std::string& value) {
    if (flag == "--reps") {
      f.reps = parser.Count(flag, value);
    } else if (flag == "--cap") {
      f.cap_s = static_cast<double>(parser.Count(flag, value));
    } else if (flag == "--parts") {
      f.lookup = f.join = f.orders = false;
      std::stringstream parts(value);
      std::string part;
      while (std::getline(parts, part, ',')) {
        if (part == "lookup") {
          f.lookup = true;
        } else if (part == "join") {
          f.join = true;
        } else if (part == "orders") {
          f.orders = true;
        } else {
          parser.Fail("--parts takes lookup, join, orders, not '" + part + "'");
        }
      }
    } else {
      return false;
    }
    return true;
  });
  return f;
}

// --- Helpers ---

// An output stream's buffer that keeps nothing but the number of lines and
// the first bytes (for the one row of a COUNT).
class DiscardBuf : public std::streambuf {
 public:
  void Reset() {
    lines_ = 0;
    head_.clear();
  }
  uint64_t lines() const { return lines_; }
  const std::string& head() const { return head_; }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      const char ch = traits_type::to_char_type(c);
      Take(&ch, 1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    Take(s, static_cast<size_t>(n));
    return n;
  }

 private:
  static constexpr size_t kHead = 256;
  void Take(const char* s, size_t n) {
    lines_ += static_cast<uint64_t>(std::count(s, s + n, '\n'));
    if (head_.size() < kHead) head_.append(s, std::min(n, kHead - head_.size()));
  }
  uint64_t lines_ = 0;
  std::string head_;
};

// Sets a flag when a run passes its time cap: one thread for the whole
// program, armed and disarmed outside the timed code.
class Watchdog {
 public:
  Watchdog() : thread_([this] { Loop(); }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      quit_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void Arm(std::atomic<bool>* flag, double seconds) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      flag_ = flag;
      deadline_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(seconds));
    }
    cv_.notify_one();
  }
  void Disarm() {
    std::lock_guard<std::mutex> lock(mu_);
    flag_ = nullptr;
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!quit_) {
      if (!flag_) {
        cv_.wait(lock);
        continue;
      }
      cv_.wait_until(lock, deadline_);
      if (flag_ && Clock::now() >= deadline_) {
        flag_->store(true, std::memory_order_relaxed);
        flag_ = nullptr;
      }
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool>* flag_ = nullptr;
  Clock::time_point deadline_;
  bool quit_ = false;
  std::thread thread_;
};

// Runs text in the session; dies on an error (a benchmark query must work).
void RunChecked(query::Session& session, const std::string& text, std::ostream& out) {
  std::ostringstream err;
  const query::RunResult r = session.Run(text, "<query_bench>", out, err);
  if (r.errors) Die("query failed: " + text + "\n" + err.str());
}

// A MATCH statement (text without its ';'), bound against the store.
query::BoundMatch BindText(const Store& store, const std::string& text) {
  query::ParseOutcome parsed = query::ParseStatement(text);
  if (!parsed.ok) Die("cannot parse: " + text + ": " + parsed.error.message);
  const auto* match = std::get_if<query::MatchAst>(&parsed.statement.query);
  if (!match) Die("not a MATCH: " + text);
  query::BoundMatch m;
  query::QueryError error;
  if (!query::BindMatch(store, match->patterns, match->filter, &m, &error)) {
    Die("cannot bind: " + text + ": " + error.message);
  }
  return m;
}

std::string Quoted(const std::string& name) {
  return "\"" + name + "\"";
}

// --- The entities ---

struct Bucket {
  std::string name;
  uint32_t lo = 0, hi = 0;  // popularity ranks [lo, hi)
};

struct SampleEntity {
  size_t bucket = 0;
  uint32_t rank = 0;
  std::string name;
  EntityId id = 0;
  EntityCounts counts;
};

std::vector<Bucket> MakeBuckets(uint32_t entities) {
  return {{"head", 0, 50}, {"upper", 50, 1000}, {"middle", 1000, 10000}, {"tail", 10000, entities}};
}

// kPerBucket entities of each bucket: all of its ranks when it has no more,
// else ranks drawn without repetition, skipping those the store lacks.
std::vector<SampleEntity> SampleEntities(const Store& store, const SyntheticGenerator& gen,
                                         const std::vector<Bucket>& buckets, uint64_t seed) {
  Rng rng(Mix64(seed ^ 0x71e5a9b1c3d5ULL));
  std::vector<SampleEntity> out;
  for (size_t b = 0; b < buckets.size(); ++b) {
    const Bucket& bucket = buckets[b];
    const uint32_t span = bucket.hi > bucket.lo ? bucket.hi - bucket.lo : 0;
    std::vector<bool> tried(span, false);
    size_t taken = 0, tries = 0;
    uint32_t next_in_order = 0;
    while (taken < kPerBucket && tries < span) {
      uint32_t offset;
      if (span <= kPerBucket) {
        offset = next_in_order++;
      } else {
        offset = static_cast<uint32_t>(rng.Uniform(span));
        if (tried[offset]) continue;
      }
      tried[offset] = true;
      ++tries;
      SampleEntity e;
      e.bucket = b;
      e.rank = bucket.lo + offset;
      e.name = gen.EntityAt(e.rank).name;
      auto id = store.LookupEntity(e.name);
      if (!id.ok()) Die(id.status().ToString());
      if (!*id) continue;  // never drawn by the generator
      e.id = **id;
      auto counts = store.GetEntityCounts(e.id);
      if (!counts.ok()) Die(counts.status().ToString());
      e.counts = *counts;
      out.push_back(std::move(e));
      ++taken;
    }
    std::sort(out.end() - static_cast<std::ptrdiff_t>(taken), out.end(),
              [](const SampleEntity& x, const SampleEntity& y) { return x.rank < y.rank; });
  }
  return out;
}

// --- (a) and (b): queries about one entity ---

ScanOptions RawScan() {
  ScanOptions o;
  o.with_stats = false;
  o.mirror_symmetric = true;  // as the executor reads
  return o;
}

// Solutions of `e ?r ?x`: the entity's triples as subject, symmetric ones
// either way round.
uint64_t RawLookup(const Store& store, EntityId e) {
  uint64_t n = 0;
  Status s = store.ScanTriples(
      {e, 0, 0},
      [&](const TripleRow&) {
        ++n;
        return true;
      },
      RawScan());
  if (!s.ok()) Die(s.ToString());
  benchmark::DoNotOptimize(n);
  return n;
}

// Solutions of `e <first> ?x, ?x <second> ?y` (a relation 0: any): for
// each triple of e, the triples of its object.
uint64_t RawTwoHop(const Store& store, EntityId e, RelationId first, RelationId second) {
  uint64_t n = 0;
  Status inner;
  Status s = store.ScanTriples(
      {e, first, 0},
      [&](const TripleRow& row) {
        inner = store.ScanTriples(
            {row.triple.object, second, 0},
            [&](const TripleRow&) {
              ++n;
              return true;
            },
            RawScan());
        return inner.ok();
      },
      RawScan());
  if (!s.ok()) Die(s.ToString());
  if (!inner.ok()) Die(inner.ToString());
  return n;
}

struct EntityQuery {
  std::string key;
  std::string target;      // "(a)" or "(b)"
  std::string shape;       // the statement, with <entity> for the name
  bool count_row = false;  // the result is one COUNT(*) row
  std::function<uint64_t(const Store&, EntityId)> raw;
};

std::string WithEntity(const std::string& shape, const std::string& name) {
  std::string text = shape;
  const size_t at = text.find("<entity>");
  text.replace(at, 8, Quoted(name));
  return text;
}

struct EntityRun {
  double session_ms = 0, cold_ms = 0, exec_ms = 0, raw_ms = 0;
  uint64_t solutions = 0;
  int rounds = 0;
};

EntityRun MeasureEntity(const Flags& flags, const Store& store, query::EntityCatalog& catalog,
                        query::Session& session, const EntityQuery& q, const SampleEntity& e) {
  const std::string statement = WithEntity(q.shape, e.name);  // without ';'
  const std::string text = statement + ";";
  DiscardBuf buf;
  std::ostream out(&buf);
  EntityRun run;

  {  // The first run of a fresh session.
    query::SessionOptions options;
    options.output.mode = query::OutputMode::kCsv;
    query::Session fresh(options);
    RunChecked(fresh, ".open " + flags.store.db, out);
    buf.Reset();
    const auto t0 = Clock::now();
    RunChecked(fresh, text, out);
    run.cold_ms = Ms(Clock::now() - t0);
  }
  RunChecked(session, text, out);  // untimed: warms the names and the block cache

  const query::BoundMatch m = BindText(store, statement);
  auto plan = query::PlanMatch(store, m);
  if (!plan.ok()) Die(plan.status().ToString());

  std::vector<double> session_ms, exec_ms, raw_ms;
  double spent_ms = 0;
  uint64_t session_rows = 0, exec_solutions = 0, raw_solutions = 0;
  std::string head;
  while (session_ms.size() < flags.reps &&
         (session_ms.empty() || spent_ms < kRepeatBudgetS * 1e3)) {
    buf.Reset();
    auto t0 = Clock::now();
    RunChecked(session, text, out);
    session_ms.push_back(Ms(Clock::now() - t0));
    session_rows = buf.lines();
    head = buf.head();

    t0 = Clock::now();
    query::JoinExecutor exec(store, m, *plan, catalog, nullptr);
    uint64_t n = 0;
    Status s = exec.Run([&](const query::Solution&) {
      ++n;
      return true;
    });
    exec_ms.push_back(Ms(Clock::now() - t0));
    if (!s.ok()) Die(s.ToString());
    exec_solutions = n;

    t0 = Clock::now();
    raw_solutions = q.raw(store, e.id);
    raw_ms.push_back(Ms(Clock::now() - t0));
    spent_ms += session_ms.back() + exec_ms.back() + raw_ms.back();
  }
  // Every variant must have found the same solutions.
  uint64_t session_solutions = 0;
  if (q.count_row) {
    // "COUNT(*)\n<n>\n"
    const size_t nl = head.find('\n');
    session_solutions =
        nl == std::string::npos ? 0 : std::strtoull(head.c_str() + nl + 1, nullptr, 10);
  } else {
    session_solutions = session_rows ? session_rows - 1 : 0;  // less the header line
  }
  if (exec_solutions != raw_solutions || session_solutions != raw_solutions) {
    Die("solution counts differ for " + text + ": session " + std::to_string(session_solutions) +
        ", executor " + std::to_string(exec_solutions) + ", raw " + std::to_string(raw_solutions));
  }
  run.session_ms = Median(session_ms);
  run.exec_ms = Median(exec_ms);
  run.raw_ms = Median(raw_ms);
  run.solutions = raw_solutions;
  run.rounds = static_cast<int>(session_ms.size());
  return run;
}

struct QueryFigures {
  const EntityQuery* query = nullptr;
  std::vector<EntityRun> runs;  // by sample entity
};

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// "0.123" ms with three significant decimals below 10, fewer above.
std::string FmtMs(double ms) {
  if (ms < 10) return Fmt("%.3f", ms);
  if (ms < 100) return Fmt("%.1f", ms);
  return Fmt("%.0f", ms);
}

void PrintEntityQuery(const QueryFigures& f, const std::vector<SampleEntity>& sample,
                      const std::vector<Bucket>& buckets, double target_ms) {
  const EntityQuery& q = *f.query;
  std::printf("\n### %s `%s;`\n\n", q.target.c_str(), q.shape.c_str());
  std::printf(
      "| bucket (ranks) | entities | solutions: median / max | **Session::Run, warm: median / "
      "p90 / p99 / max** | cold first run: median / max | executor: median | raw scans: median "
      "| Session / raw, median | executor / raw, median |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  for (size_t b = 0; b <= buckets.size(); ++b) {
    std::vector<double> session, cold, exec, raw, rows, over_raw, exec_over_raw;
    for (size_t i = 0; i < sample.size(); ++i) {
      if (b < buckets.size() && sample[i].bucket != b) continue;
      const EntityRun& r = f.runs[i];
      session.push_back(r.session_ms);
      cold.push_back(r.cold_ms);
      exec.push_back(r.exec_ms);
      raw.push_back(r.raw_ms);
      rows.push_back(static_cast<double>(r.solutions));
      over_raw.push_back(r.session_ms / std::max(r.raw_ms, 1e-6));
      exec_over_raw.push_back(r.exec_ms / std::max(r.raw_ms, 1e-6));
    }
    if (session.empty()) continue;
    const std::string label = b < buckets.size()
                                  ? buckets[b].name + " (" + std::to_string(buckets[b].lo) + "-" +
                                        std::to_string(buckets[b].hi - 1) + ")"
                                  : "**all**";
    std::printf(
        "| %s | %zu | %.0f / %.0f | %s / %s / %s / %s ms | %s / %s ms | %s ms | %s ms | "
        "%.2fx | %.2fx |\n",
        label.c_str(), session.size(), Median(rows), *std::max_element(rows.begin(), rows.end()),
        FmtMs(Median(session)).c_str(), FmtMs(Percentile(session, 90)).c_str(),
        FmtMs(Percentile(session, 99)).c_str(),
        FmtMs(*std::max_element(session.begin(), session.end())).c_str(),
        FmtMs(Median(cold)).c_str(), FmtMs(*std::max_element(cold.begin(), cold.end())).c_str(),
        FmtMs(Median(exec)).c_str(), FmtMs(Median(raw)).c_str(), Median(over_raw),
        Median(exec_over_raw));
  }
  // The slowest entities, with their degrees.
  std::vector<size_t> order(sample.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return f.runs[x].session_ms > f.runs[y].session_ms; });
  size_t over = 0;
  for (const EntityRun& r : f.runs)
    if (r.session_ms >= target_ms) ++over;
  std::printf(
      "\n%zu of %zu entities at or over %s ms. Slowest five (rank, name, out / in "
      "triples, solutions, Session ms):",
      over, sample.size(), FmtMs(target_ms).c_str());
  for (size_t k = 0; k < std::min<size_t>(5, order.size()); ++k) {
    const SampleEntity& e = sample[order[k]];
    const EntityRun& r = f.runs[order[k]];
    std::printf("%s %u %s %" PRIu64 " / %" PRIu64 " %" PRIu64 " %s", k ? ";" : "", e.rank,
                e.name.c_str(), e.counts.out_triples, e.counts.in_triples, r.solutions,
                FmtMs(r.session_ms).c_str());
  }
  std::printf("\n");
  std::fflush(stdout);
}

// --- (c): join orders ---

struct OrderQuery {
  std::string shape;  // the MATCH, with {A}..{E} for the entities of kOrderRanks
  std::string text;   // with the names put in
};

// The entities the order queries name, by popularity rank: A and B are the
// two biggest hubs, C an upper one, D a middle one, E a tail one.
constexpr uint32_t kOrderRanks[] = {0, 1, 200, 3000, 30000};

std::vector<std::string> OrderShapes() {
  return {
      // Chains from a constant.
      "MATCH {C} ?r ?x, ?x based_in ?c",
      "MATCH {A} ?r ?x, ?x based_in ?c",
      "MATCH {D} partners_with ?x, ?x competes_with ?y, ?y based_in ?c",
      // Chains to a constant, and between two.
      "MATCH ?a supplies ?b, ?b based_in {B}",
      "MATCH {C} ?r ?x, ?x ?s {A}",
      "MATCH {D} supplies ?x, ?x develops ?t, ?u uses ?t, ?u based_in {B}",
      // Stars.
      "MATCH ?c based_in {C}, ?c develops ?t, ?c competes_with {B}",
      "MATCH ?c:country bans ?x, ?c owns ?y:company",
      "MATCH ?c:company based_in {A}, ?u:company based_in {B}, ?u supplies ?c",
      "MATCH ?p:person affiliated_with {C}, ?p leads_in ?t:technology, ?o develops ?t",
      // A triangle, a shared relation variable, a tail entity.
      "MATCH {C} competes_with ?x, ?x competes_with ?y, {C} partners_with ?y",
      "MATCH {D} ?r ?x, ?x ?r ?y",
      "MATCH {E} ?r ?x, ?x ?s ?y, ?y based_in {A}",
  };
}

struct OrderFigures {
  std::vector<size_t> order;  // the patterns, in the order they run
  std::vector<double> ms;     // each run
  bool capped = false;
  uint64_t solutions = 0;
  double Median() const { return ms.empty() ? 0 : kg::bench::Median(ms); }
};

std::string OrderText(const std::vector<size_t>& order) {
  std::string s;
  for (size_t p : order)
    s += (s.empty() ? "" : " ") + std::to_string(p + 1);
  return s;
}

std::vector<size_t> PlanOrder(const query::MatchPlan& plan) {
  std::vector<size_t> order;
  for (const auto& step : plan.steps)
    order.push_back(step.pattern);
  return order;
}

struct OrderResult {
  const OrderQuery* query = nullptr;
  size_t patterns = 0;
  OrderFigures planner;
  std::vector<OrderFigures> forced;  // every permutation, in lexicographic order
  size_t best = 0, worst = 0;        // index into forced (worst: the slowest not capped)
  size_t capped = 0;
  bool counts_agree = true;
  bool all_capped = false;  // every forced order passed the cap
  double ratio = 0;         // planner / best (0: every forced order capped, the planner not)
};

OrderResult MeasureOrders(const Flags& flags, const Store& store, query::EntityCatalog& catalog,
                          Watchdog& watchdog, const OrderQuery& q) {
  OrderResult r;
  r.query = &q;
  const query::BoundMatch m = BindText(store, q.text);
  r.patterns = m.patterns.size();
  auto planned = query::PlanMatch(store, m);
  if (!planned.ok()) Die(planned.status().ToString());
  r.planner.order = PlanOrder(*planned);
  std::vector<size_t> perm(r.patterns);
  std::iota(perm.begin(), perm.end(), 0);
  do {
    OrderFigures f;
    f.order = perm;
    r.forced.push_back(f);
  } while (std::next_permutation(perm.begin(), perm.end()));

  std::atomic<bool> cancel{false};
  auto run_once = [&](OrderFigures* f, bool forced) {
    cancel.store(false);
    uint64_t n = 0;
    watchdog.Arm(&cancel, flags.cap_s);
    const auto t0 = Clock::now();
    auto plan = query::PlanMatch(store, m, forced ? &f->order : nullptr);
    if (!plan.ok()) Die(plan.status().ToString());
    query::JoinExecutor exec(store, m, *plan, catalog, &cancel);
    Status s = exec.Run([&](const query::Solution&) {
      ++n;
      return true;
    });
    const double ms = Ms(Clock::now() - t0);
    watchdog.Disarm();
    if (s.IsCancelled()) {
      f->capped = true;
      return;
    }
    if (!s.ok()) Die(s.ToString());
    if (forced && PlanOrder(*plan) != f->order) Die("PlanMatch did not take the forced order");
    f->ms.push_back(ms);
    f->solutions = n;
  };
  auto spent = [](const OrderFigures& f) { return std::accumulate(f.ms.begin(), f.ms.end(), 0.0); };
  {  // Untimed: the planner's plan, once, so that the first timed run does not pay for a cold
     // block cache alone.
    OrderFigures warm;
    run_once(&warm, false);
  }
  for (uint64_t round = 0; round < flags.reps; ++round) {
    auto turn = [&](OrderFigures* f, bool forced) {
      if (f->capped || (round > 0 && spent(*f) > kOrderBudgetS * 1e3)) return;
      run_once(f, forced);
    };
    turn(&r.planner, false);
    for (OrderFigures& f : r.forced)
      turn(&f, true);
  }

  bool have_best = false, have_worst = false;
  for (size_t i = 0; i < r.forced.size(); ++i) {
    const OrderFigures& f = r.forced[i];
    if (f.capped) {
      ++r.capped;
      continue;
    }
    if (f.solutions != r.planner.solutions && !r.planner.capped) r.counts_agree = false;
    if (!have_best || f.Median() < r.forced[r.best].Median()) r.best = i;
    if (!have_worst || f.Median() > r.forced[r.worst].Median()) r.worst = i;
    have_best = have_worst = true;
  }
  r.all_capped = !have_best;
  if (r.planner.capped) {
    r.ratio = r.all_capped ? 1 : std::numeric_limits<double>::infinity();
  } else {
    r.ratio = r.all_capped ? 0 : r.planner.Median() / r.forced[r.best].Median();
  }
  return r;
}

std::string CapText(const Flags& flags) {
  return ">" + Fmt("%g", flags.cap_s) + " s";
}

// "12.3 ms", or ">5 s" for an order stopped at the cap.
std::string Timing(const Flags& flags, const OrderFigures& f) {
  return f.capped ? CapText(flags) : FmtMs(f.Median()) + " ms";
}

// Every forced order: "[2 1] 0.123 ms (5)", with the number of timed runs.
std::string EveryOrder(const Flags& flags, const OrderResult& r) {
  std::string s;
  for (const OrderFigures& f : r.forced) {
    s += (s.empty() ? "[" : " [") + OrderText(f.order) + "] " + Timing(flags, f) + " (" +
         std::to_string(f.ms.size()) + ")";
  }
  return s;
}

std::string RatioText(const OrderResult& r) {
  if (r.all_capped) return r.planner.capped ? "n/a (all over the cap)" : "< 1 (all others capped)";
  if (r.planner.capped) return "**inf**";
  const std::string v = Fmt("%.2f", r.ratio);
  return r.ratio > 2 ? "**" + v + "**" : v;
}

// A forced plan's steps, with the columns EXPLAIN shows.
void PrintForcedPlan(const Store& store, const std::string& text,
                     const std::vector<size_t>& order) {
  const query::BoundMatch m = BindText(store, text);
  auto plan = query::PlanMatch(store, m, &order);
  if (!plan.ok()) Die(plan.status().ToString());
  std::printf("step  pattern  index  bound  est. rows  joins on\n");
  for (size_t i = 0; i < plan->steps.size(); ++i) {
    const query::PlanStep& step = plan->steps[i];
    const std::string joins = query::DescribeJoins(m, *plan, i);
    std::printf("%zu  %s  %s  %s  %g  %s\n", i + 1, m.patterns[step.pattern].text.c_str(),
                step.index.c_str(), step.bound.c_str(), step.estimate, joins.c_str());
  }
}

void PrintOrders(const Flags& flags, const Store& store, query::Session& session,
                 std::vector<OrderResult>& results) {
  std::printf("\n### (c) planner's order against every order\n\n");
  std::printf(
      "| # | query | solutions | planner: order, median | best order, median | worst order, "
      "median | orders over the cap | planner / best |\n|---|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < results.size(); ++i) {
    const OrderResult& r = results[i];
    const OrderFigures& best = r.forced[r.best];
    const OrderFigures& worst = r.forced[r.worst];
    const std::string best_text =
        r.all_capped ? CapText(flags) : OrderText(best.order) + ": " + Timing(flags, best);
    const std::string worst_text =
        r.capped ? CapText(flags) : OrderText(worst.order) + ": " + Timing(flags, worst);
    std::printf("| %zu | `%s` | %" PRIu64 "%s | %s: %s | %s | %s | %zu of %zu | %s |\n", i + 1,
                r.query->text.c_str(), r.planner.solutions,
                r.counts_agree ? "" : " (**orders disagree**)", OrderText(r.planner.order).c_str(),
                Timing(flags, r.planner).c_str(), best_text.c_str(), worst_text.c_str(), r.capped,
                r.forced.size(), RatioText(r).c_str());
  }
  // Each order in full, and the plans of any query over 2x.
  std::printf("\nEvery order (patterns numbered as written; median, and the number of runs):\n");
  for (size_t i = 0; i < results.size(); ++i)
    std::printf("  %zu: %s\n", i + 1, EveryOrder(flags, results[i]).c_str());
  for (size_t i = 0; i < results.size(); ++i) {
    const OrderResult& r = results[i];
    if (r.ratio <= 2 && r.counts_agree) continue;
    std::printf("\nquery %zu: planner / best = %s%s. EXPLAIN (the planner's plan):\n", i + 1,
                RatioText(r).c_str(),
                r.counts_agree ? "" : "; the orders found different numbers of solutions");
    std::ostringstream out;
    RunChecked(session, ".mode table", out);
    RunChecked(session, "EXPLAIN " + r.query->text + ";", out);
    RunChecked(session, ".mode csv", out);
    std::printf("%s", out.str().c_str());
    if (!r.all_capped) {
      const OrderFigures& best = r.forced[r.best];
      std::printf("the best order, %s (%s), planned by PlanMatch with that order forced:\n",
                  OrderText(best.order).c_str(), Timing(flags, best).c_str());
      PrintForcedPlan(store, r.query->text, best.order);
    }
  }
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  LoadFigures load;
  Status loaded = EnsureStore(flags.store, "query_bench", &load);
  if (!loaded.ok()) Die(loaded.ToString());
  auto ontology = Ontology::LoadFromDir(DefaultSchemaDir());
  if (!ontology.ok()) Die(ontology.status().ToString());

  auto opened = Store::OpenForRead(flags.store.db);
  if (!opened.ok() && opened.status().IsNotFound()) {
    // A store without a published view: opening it for writing once and
    // closing it publishes one.
    auto writer = Store::OpenForWrite(flags.store.db, *ontology, /*create_if_missing=*/false);
    if (!writer.ok()) Die(writer.status().ToString());
    writer->reset();
    opened = Store::OpenForRead(flags.store.db);
  }
  if (!opened.ok()) Die(opened.status().ToString());
  const Store& store = **opened;
  auto stats = store.GetStats();
  if (!stats.ok()) Die(stats.status().ToString());
  std::printf("query_bench: %" PRIu64 " distinct triples over %" PRIu64 " entities in %s\n",
              stats->triples, stats->entities, flags.store.db.c_str());
  std::fflush(stdout);

  SyntheticConfig config;
  config.seed = flags.store.seed;
  config.num_entities = flags.store.entities;
  const SyntheticGenerator gen(config, *ontology);
  query::EntityCatalog catalog(store);
  catalog.Sync();
  query::SessionOptions options;
  options.db_path = flags.store.db;
  options.output.mode = query::OutputMode::kCsv;
  query::Session session(options);

  std::printf("\n## query_bench summary\n");
  if (flags.lookup || flags.join) {
    const std::vector<Bucket> buckets = MakeBuckets(flags.store.entities);
    const std::vector<SampleEntity> sample = SampleEntities(store, gen, buckets, flags.store.seed);
    auto relation = [&](const char* name) {
      const RelationInfo* r = store.FindRelation(name);
      if (!r) Die(std::string("the store has no relation ") + name);
      return r->id;
    };
    const RelationId based_in = relation("based_in"), competes_with = relation("competes_with");
    std::vector<EntityQuery> queries;
    if (flags.lookup) {
      queries.push_back({"lookup", "(a)", "MATCH <entity> ?r ?x", false,
                         [](const Store& s, EntityId e) { return RawLookup(s, e); }});
    }
    if (flags.join) {
      queries.push_back({"two-hop", "(b)", "MATCH <entity> ?r ?x, ?x ?s ?y RETURN COUNT(*)", true,
                         [](const Store& s, EntityId e) { return RawTwoHop(s, e, 0, 0); }});
      queries.push_back({"based_in", "(b)", "MATCH <entity> ?r ?x, ?x based_in ?c", false,
                         [=](const Store& s, EntityId e) { return RawTwoHop(s, e, 0, based_in); }});
      queries.push_back(
          {"rivals", "(b)", "MATCH <entity> competes_with ?x, ?x based_in ?c", false,
           [=](const Store& s, EntityId e) { return RawTwoHop(s, e, competes_with, based_in); }});
    }
    std::printf("\n%zu entities by popularity rank (seed %" PRIu64 "), reps %" PRIu64
                " per entity (fewer once an entity's runs pass %.0f s)\n",
                sample.size(), flags.store.seed, flags.reps, kRepeatBudgetS);
    for (const EntityQuery& q : queries) {
      QueryFigures f;
      f.query = &q;
      for (const SampleEntity& e : sample)
        f.runs.push_back(MeasureEntity(flags, store, catalog, session, q, e));
      PrintEntityQuery(f, sample, buckets, q.target == "(a)" ? 1.0 : 20.0);
      std::vector<double> all;
      for (const EntityRun& r : f.runs)
        all.push_back(r.session_ms);
      const double target = q.target == "(a)" ? 1.0 : 20.0;
      std::printf("target %s median < %s ms over the %zu entities: %s ms -> %s\n", q.target.c_str(),
                  FmtMs(target).c_str(), all.size(), FmtMs(Median(all)).c_str(),
                  Median(all) < target ? "met" : "NOT met");
    }
  }

  if (flags.orders) {
    std::vector<OrderQuery> queries;
    for (const std::string& shape : OrderShapes())
      queries.push_back({shape, shape});
    std::printf("\nentities of the order queries:");
    const char* letters = "ABCDE";
    std::vector<std::string> names;
    for (size_t i = 0; i < std::size(kOrderRanks); ++i) {
      names.push_back(gen.EntityAt(kOrderRanks[i]).name);
      auto id = store.LookupEntity(names.back());
      uint64_t out = 0, in = 0;
      if (id.ok() && *id) {
        auto c = store.GetEntityCounts(**id);
        if (c.ok()) out = c->out_triples, in = c->in_triples;
      }
      std::printf("%s %c = rank %u %s (%" PRIu64 " out / %" PRIu64 " in)", i ? "," : "", letters[i],
                  kOrderRanks[i], Quoted(names.back()).c_str(), out, in);
    }
    std::printf("\n");
    Watchdog watchdog;
    std::vector<OrderResult> results;
    for (OrderQuery& q : queries) {
      for (size_t i = 0; i < names.size(); ++i) {
        const std::string key = std::string("{") + letters[i] + "}";
        for (size_t at = q.text.find(key); at != std::string::npos; at = q.text.find(key))
          q.text.replace(at, key.size(), Quoted(names[i]));
      }
      results.push_back(MeasureOrders(flags, store, catalog, watchdog, q));
      const OrderResult& r = results.back();
      std::printf("  query %zu of %zu: %s\n    planner [%s] %s, planner / best %s; %s\n",
                  results.size(), queries.size(), q.text.c_str(),
                  OrderText(r.planner.order).c_str(), Timing(flags, r.planner).c_str(),
                  RatioText(r).c_str(), EveryOrder(flags, r).c_str());
      std::fflush(stdout);
    }
    PrintOrders(flags, store, session, results);
    double worst = 0;
    for (const OrderResult& r : results)
      if (!r.all_capped) worst = std::max(worst, r.ratio);
    std::printf("\ntarget (c) planner / best <= 2 on every query: largest %.2f -> %s\n", worst,
                worst <= 2 ? "met" : "NOT met");
  }
  return 0;
}

}  // namespace
}  // namespace kg::bench

int main(int argc, char** argv) {
  return kg::bench::Main(argc, argv);
}
