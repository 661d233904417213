// The synthetic store that graph_bench and query_bench read: the articles of
// bench/synthetic.h bulk loaded into a store once, then reused while the note
// written beside it (PATH.graph_bench) names the same generator settings and
// the store holds that many facts. Also the summary statistics both report.
//
//   StoreSpec spec;  // /tmp/kg-graph-bench.db, 1,210,000 facts, seed 42
//   LoadFigures load;
//   Status s = EnsureStore(spec, "query_bench", &load);
#ifndef KG_BENCH_BENCH_STORE_H_
#define KG_BENCH_BENCH_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "util/status.h"

namespace kg::bench {

// The store and the generator settings it is built from. The defaults make
// 1,002,517 distinct triples over 100,093 entities (a popular pair is stated
// again and again, as in real news; the rarest of the 106,500 generator
// entities are never drawn).
struct StoreSpec {
  std::string db = "/tmp/kg-graph-bench.db";
  uint64_t facts = 1210000;
  uint32_t entities = 106500;
  uint64_t seed = 42;
  bool rebuild = false;  // build anew even when the store could be reused
};

struct LoadFigures {
  bool reused = false;
  uint64_t articles = 0;
  double generate_s = 0;
  double bulk_load_s = 0;  // StartBulkLoad, every Add and Finish
};

// Whether the store at spec.db was built by a load with the same settings
// and holds all of it (a load cut short leaves no note, or fewer facts).
// False when spec.rebuild is set.
bool CanReuseStore(const StoreSpec& spec);

// Builds the store afresh: the synthetic articles (generated first, untimed
// in bulk_load_s) through the bulk loader into an empty store, which is then
// closed (publishing the view that readers open), and the note beside it.
Status BuildStore(const StoreSpec& spec, LoadFigures* load);

// Reuses the store when CanReuseStore, else builds it; prints
// "PROGRAM: reusing the store at PATH" or "PROGRAM: building the store at
// PATH (N facts)" first.
Status EnsureStore(const StoreSpec& spec, const char* program, LoadFigures* load);

// Parses a positive decimal count into *n; false for anything else.
bool ParsePositive(const std::string& text, uint64_t* n);

// The command line of graph_bench and query_bench: flags as --NAME=VALUE or
// --NAME VALUE, the store's (--db, --facts, --entities, --seed, --rebuild),
// --help, and each program's own.
struct FlagParser {
  const char* program;
  void (*usage)(int status);  // prints the program's usage and exits

  // Fills *spec from argv and hands every other flag to `other`, which
  // returns false for one it does not know. --help calls usage(0); a flag
  // without a value, an unknown flag or a bad count calls Fail. So does a
  // command line without --db.
  void Parse(
      int argc, char** argv, StoreSpec* spec,
      const std::function<bool(const std::string& flag, const std::string& value)>& other) const;
  // The value of `flag` as a positive count, or Fail.
  uint64_t Count(const std::string& flag, const std::string& value) const;
  // "PROGRAM: why" on standard error, then usage(2).
  [[noreturn]] void Fail(const std::string& why) const;
};

// The p-th percentile of v by the nearest-rank rule (as store_bench
// reports); v must not be empty.
double Percentile(std::vector<double> v, double p);
double Median(std::vector<double> v);

}  // namespace kg::bench

#endif  // KG_BENCH_BENCH_STORE_H_
