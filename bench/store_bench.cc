// store_bench: import throughput, size on disk and lookup latency of the
// store on a synthetic graph (bench/synthetic.h), with the raw RocksDB Put
// rate of the same machine and run as the ceiling.
//
//   store_bench [--benchmark_filter=...] [--benchmark_out=FILE ...]
//
// Environment:
//   KG_BENCH_TRIPLES   facts (input triples) to import, default 1000000
//   KG_BENCH_BATCH     articles per Store::WriteArticles call, default 500
//   KG_BENCH_LOOKUPS   calls per lookup benchmark, default 20000
//   KG_BENCH_ENTITIES  entities of the generator, default KG_BENCH_TRIPLES / 10
//   KG_BENCH_SEED      generator seed, default 42
//
// Benchmarks, in run order:
//   BM_RawPutCeiling   KG_BENCH_TRIPLES keys of 10 bytes with 40-byte values
//                      into a fresh plain RocksDB (default options, LZ4), in
//                      WriteBatches of as many keys as an import batch has
//                      facts: keys_per_s.
//   BM_Import          the synthetic articles into a fresh store, batch by
//                      batch; only the WriteArticles calls are timed (the
//                      articles are generated beforehand): triples_per_s is
//                      input triples (facts) per second; ratio_to_raw_put is
//                      triples_per_s / keys_per_s.
//   BM_BulkImport      the same articles into a second, empty store with
//                      Store::StartBulkLoad (sorted SST files ingested at
//                      once); StartBulkLoad, every Add and Finish are timed.
//   BM_CompactAll      Store::CompactAll, then bytes on disk per distinct
//                      triple and per evidence.
//   BM_Lookup*         per-call latency (std::chrono::steady_clock) of random
//                      lookups on the compacted store: median_us, p99_us,
//                      mean rows per call.
// The store is built once, in a temporary directory under /tmp that is
// removed at exit; the lookup benchmarks reuse it (and build it themselves
// when the import is filtered out). A summary table follows the benchmarks.
#include <benchmark/benchmark.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "bench/synthetic.h"
#include "graph/bulk_loader.h"
#include "graph/ontology.h"
#include "graph/store.h"
#include "util/schema_dir.h"

namespace kg::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

uint64_t EnvU64(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v, &end, 10);
  if (end == v || *end != '\0' || n == 0) {
    std::fprintf(stderr, "store_bench: ignoring %s=%s (not a positive integer)\n", name, v);
    return fallback;
  }
  return n;
}

struct BenchConfig {
  uint64_t triples = 1000000;
  size_t batch_articles = 500;
  size_t lookups = 20000;
  uint32_t entities = 100000;
  uint64_t seed = 42;
};

const BenchConfig& Config() {
  static const BenchConfig config = [] {
    BenchConfig c;
    c.triples = EnvU64("KG_BENCH_TRIPLES", c.triples);
    c.batch_articles = EnvU64("KG_BENCH_BATCH", c.batch_articles);
    c.lookups = EnvU64("KG_BENCH_LOOKUPS", c.lookups);
    c.entities = static_cast<uint32_t>(
        EnvU64("KG_BENCH_ENTITIES", std::max<uint64_t>(1000, c.triples / 10)));
    c.seed = EnvU64("KG_BENCH_SEED", c.seed);
    return c;
  }();
  return config;
}

SyntheticConfig GeneratorConfig() {
  SyntheticConfig g;
  g.seed = Config().seed;
  g.num_entities = Config().entities;
  return g;
}

// Figures for the summary printed after the benchmarks.
struct Figures {
  std::optional<double> raw_keys_per_s;
  uint64_t raw_keys = 0;
  uint64_t raw_keys_per_batch = 0;
  std::optional<double> import_triples_per_s;
  uint64_t import_facts = 0;
  uint64_t import_batches = 0;
  double import_s = 0;
  double generate_s = 0;
  std::optional<double> bulk_triples_per_s;
  double bulk_s = 0;
  uint64_t bulk_disk_bytes = 0;
  std::optional<double> compact_s;
  uint64_t disk_bytes = 0;
  uint64_t triples = 0;
  uint64_t evidence = 0;
  uint64_t entities = 0;
  uint64_t articles = 0;
  struct Latency {
    std::string name;
    double median_us = 0;
    double p99_us = 0;
    double mean_us = 0;
    double rows = 0;
  };
  std::vector<Latency> lookups;
};

// The function-local statics below are never destroyed, so that the atexit
// clean-up can still use them.
Figures& Results() {
  static Figures* f = new Figures();
  return *f;
}

// Temporary directories, removed at exit (the store is closed first).
std::vector<std::string>& TempDirs() {
  static auto* dirs = new std::vector<std::string>();
  return *dirs;
}

std::string MakeTempDir(const char* what) {
  std::string tmpl = std::string("/tmp/kg-bench-") + what + "-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    std::perror("store_bench: mkdtemp");
    std::exit(1);
  }
  TempDirs().push_back(tmpl);
  return tmpl;
}

void RemoveTempDir(const std::string& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  auto& dirs = TempDirs();
  dirs.erase(std::remove(dirs.begin(), dirs.end(), dir), dirs.end());
}

const Ontology& TheOntology() {
  static const Ontology* ontology = [] {
    auto o = Ontology::LoadFromDir(DefaultSchemaDir());
    if (!o.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", o.status().ToString().c_str());
      std::exit(1);
    }
    return new Ontology(std::move(o).value());
  }();
  return *ontology;
}

// The store shared by the benchmarks, with samples of what it holds.
struct SharedStore {
  std::string dir;
  std::unique_ptr<Store> store;
  bool compacted = false;
  // Samples for the lookups, filled after compaction.
  std::vector<Triple> all_triples;                                // SPO order
  std::vector<EntityId> subjects;                                 // distinct
  std::vector<EntityId> objects;                                  // distinct
  std::vector<std::pair<RelationId, EntityId>> relation_objects;  // distinct

  void Reset() {
    store.reset();
    if (!dir.empty()) RemoveTempDir(dir);
    dir.clear();
    compacted = false;
    all_triples.clear();
    subjects.clear();
    objects.clear();
    relation_objects.clear();
  }
};

SharedStore& Shared() {
  static SharedStore* shared = new SharedStore();
  return *shared;
}

void CleanUp() {
  Shared().Reset();
  for (const std::string& dir : std::vector<std::string>(TempDirs()))
    RemoveTempDir(dir);
}

// Generates the articles and imports them into a fresh store. Sets
// *import_s to the time spent in WriteArticles.
Status ImportFresh(double* import_s) {
  SharedStore& s = Shared();
  s.Reset();
  const BenchConfig& c = Config();

  const auto g0 = Clock::now();
  SyntheticGenerator gen(GeneratorConfig(), TheOntology());
  std::vector<std::vector<ArticleInput>> batches =
      GenerateBatches(gen, c.triples, c.batch_articles);
  Results().generate_s = Seconds(Clock::now() - g0);

  s.dir = MakeTempDir("store");
  KG_ASSIGN_OR_RETURN(s.store, Store::OpenForWrite(s.dir + "/store", TheOntology()));
  Clock::duration spent{};
  for (auto& batch : batches) {
    const auto t0 = Clock::now();
    Result<WriteSummary> r = s.store->WriteArticles(std::move(batch));
    spent += Clock::now() - t0;
    KG_RETURN_IF_ERROR(r);
    std::vector<ArticleInput>().swap(batch);
  }
  *import_s = Seconds(spent);
  Results().import_facts = gen.facts_generated();
  Results().import_batches = batches.size();
  Results().import_s = *import_s;
  return Status::OK();
}

Status CompactShared(double* compact_s) {
  SharedStore& s = Shared();
  const auto t0 = Clock::now();
  KG_RETURN_IF_ERROR(s.store->CompactAll());
  *compact_s = Seconds(Clock::now() - t0);
  s.compacted = true;

  s.all_triples.clear();
  KG_RETURN_IF_ERROR(s.store->ScanTriples(
      TriplePattern{},
      [&](const TripleRow& row) {
        s.all_triples.push_back(row.triple);
        return true;
      },
      ScanOptions{.with_stats = false, .mirror_symmetric = false}));
  s.subjects.clear();
  s.objects.clear();
  s.relation_objects.clear();
  for (const Triple& t : s.all_triples) {
    if (s.subjects.empty() || s.subjects.back() != t.subject) s.subjects.push_back(t.subject);
    s.objects.push_back(t.object);
    s.relation_objects.emplace_back(t.relation, t.object);
  }
  std::sort(s.objects.begin(), s.objects.end());
  s.objects.erase(std::unique(s.objects.begin(), s.objects.end()), s.objects.end());
  std::sort(s.relation_objects.begin(), s.relation_objects.end());
  s.relation_objects.erase(std::unique(s.relation_objects.begin(), s.relation_objects.end()),
                           s.relation_objects.end());
  return Status::OK();
}

// The compacted store, built when no benchmark before has built it.
Status EnsureReady() {
  SharedStore& s = Shared();
  if (!s.store) {
    double import_s = 0;
    KG_RETURN_IF_ERROR(ImportFresh(&import_s));
  }
  if (!s.compacted) {
    double compact_s = 0;
    KG_RETURN_IF_ERROR(CompactShared(&compact_s));
  }
  return Status::OK();
}

// Facts per WriteArticles call of the import, on average.
uint64_t FactsPerImportBatch() {
  const BenchConfig& c = Config();
  SyntheticConfig g = GeneratorConfig();
  const uint64_t mean_facts = (g.min_facts_per_article + g.max_facts_per_article) / 2;
  return std::max<uint64_t>(1, std::min<uint64_t>(c.triples, mean_facts * c.batch_articles));
}

// --- The ceiling: raw RocksDB puts ---

void BM_RawPutCeiling(benchmark::State& state) {
  const uint64_t n = Config().triples;
  const uint64_t per_batch = FactsPerImportBatch();
  for (auto _ : state) {
    // Keys of 10 bytes (a bijective mix of the number, in random order like
    // triple keys) and 40-byte values, made before the clock starts.
    std::vector<std::string> keys(n), values(n);
    Rng rng(Config().seed ^ 0x5eedULL);
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t k = Mix64(i);
      std::string& key = keys[i];
      key.resize(10);
      for (int b = 0; b < 8; ++b)
        key[b] = static_cast<char>(k >> (56 - 8 * b));
      key[8] = static_cast<char>(i >> 8);
      key[9] = static_cast<char>(i);
      std::string& value = values[i];
      value.resize(40);
      for (char& ch : value)
        ch = static_cast<char>('a' + rng.Uniform(26));
    }

    const std::string dir = MakeTempDir("raw");
    rocksdb::Options options;
    options.create_if_missing = true;
    const auto supported = rocksdb::GetSupportedCompressions();
    if (std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) !=
        supported.end()) {
      options.compression = rocksdb::kLZ4Compression;
    }
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, dir + "/db", &raw);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
    std::unique_ptr<rocksdb::DB> db(raw);

    const auto t0 = Clock::now();
    for (uint64_t i = 0; i < n && s.ok(); i += per_batch) {
      rocksdb::WriteBatch batch;
      const uint64_t end = std::min(n, i + per_batch);
      for (uint64_t j = i; j < end; ++j)
        batch.Put(keys[j], values[j]);
      s = db->Write(rocksdb::WriteOptions(), &batch);
    }
    const double elapsed = Seconds(Clock::now() - t0);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
    state.SetIterationTime(elapsed);
    Results().raw_keys_per_s = static_cast<double>(n) / elapsed;
    Results().raw_keys = n;
    Results().raw_keys_per_batch = per_batch;

    db->Close().PermitUncheckedError();
    db.reset();
    RemoveTempDir(dir);
  }
  if (Results().raw_keys_per_s) {
    state.counters["keys"] = static_cast<double>(n);
    state.counters["keys_per_batch"] = static_cast<double>(per_batch);
    state.counters["keys_per_s"] = *Results().raw_keys_per_s;
  }
}

// --- Import ---

void BM_Import(benchmark::State& state) {
  for (auto _ : state) {
    double import_s = 0;
    Status s = ImportFresh(&import_s);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
    state.SetIterationTime(import_s);
    Results().import_triples_per_s = static_cast<double>(Results().import_facts) / import_s;
  }
  if (!Results().import_triples_per_s) return;
  state.counters["triples"] = static_cast<double>(Results().import_facts);
  state.counters["batches"] = static_cast<double>(Results().import_batches);
  state.counters["triples_per_s"] = *Results().import_triples_per_s;
  if (Results().raw_keys_per_s) {
    state.counters["ratio_to_raw_put"] =
        *Results().import_triples_per_s / *Results().raw_keys_per_s;
  }
}

// --- Bulk import: the same articles into a second, empty store ---

// Times StartBulkLoad, every Add and Finish (sorted SST files ingested in one
// step; bulk_loader.h). The articles are generated beforehand, untimed.
Status BulkImportFresh(double* import_s) {
  const BenchConfig& c = Config();
  SyntheticGenerator gen(GeneratorConfig(), TheOntology());
  std::vector<std::vector<ArticleInput>> batches =
      GenerateBatches(gen, c.triples, c.batch_articles);
  const std::string dir = MakeTempDir("bulk");
  {
    KG_ASSIGN_OR_RETURN(auto store, Store::OpenForWrite(dir + "/store", TheOntology()));
    const auto t0 = Clock::now();
    KG_ASSIGN_OR_RETURN(auto loader, store->StartBulkLoad());
    for (auto& batch : batches) {
      for (auto& a : batch)
        KG_RETURN_IF_ERROR(loader->Add(std::move(a)));
    }
    KG_RETURN_IF_ERROR(loader->Finish());
    *import_s = Seconds(Clock::now() - t0);
    KG_ASSIGN_OR_RETURN(Results().bulk_disk_bytes, store->DiskUsageBytes());
  }
  RemoveTempDir(dir);
  Results().bulk_s = *import_s;
  Results().bulk_triples_per_s = static_cast<double>(gen.facts_generated()) / *import_s;
  return Status::OK();
}

void BM_BulkImport(benchmark::State& state) {
  for (auto _ : state) {
    double import_s = 0;
    Status s = BulkImportFresh(&import_s);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
    state.SetIterationTime(import_s);
  }
  if (!Results().bulk_triples_per_s) return;
  state.counters["triples_per_s"] = *Results().bulk_triples_per_s;
  state.counters["disk_MB"] = static_cast<double>(Results().bulk_disk_bytes) / 1e6;
  if (Results().raw_keys_per_s) {
    state.counters["ratio_to_raw_put"] = *Results().bulk_triples_per_s / *Results().raw_keys_per_s;
  }
}

// --- Compaction and size ---

void BM_CompactAll(benchmark::State& state) {
  for (auto _ : state) {
    Status s;
    if (!Shared().store) {
      double import_s = 0;
      s = ImportFresh(&import_s);
    }
    double compact_s = 0;
    if (s.ok()) s = CompactShared(&compact_s);
    Result<StoreStats> stats = s.ok() ? Shared().store->GetStats() : Result<StoreStats>(s);
    Result<uint64_t> bytes =
        stats.ok() ? Shared().store->DiskUsageBytes() : Result<uint64_t>(stats.status());
    if (!bytes.ok()) {
      state.SkipWithError(bytes.status().ToString().c_str());
      break;
    }
    state.SetIterationTime(compact_s);
    Figures& f = Results();
    f.compact_s = compact_s;
    f.disk_bytes = *bytes;
    f.triples = stats->triples;
    f.evidence = stats->evidence;
    f.entities = stats->entities;
    f.articles = stats->articles;
  }
  const Figures& f = Results();
  if (!f.compact_s || f.triples == 0) return;
  state.counters["disk_MB"] = static_cast<double>(f.disk_bytes) / 1e6;
  state.counters["triples"] = static_cast<double>(f.triples);
  state.counters["evidence"] = static_cast<double>(f.evidence);
  state.counters["entities"] = static_cast<double>(f.entities);
  state.counters["bytes_per_triple"] =
      static_cast<double>(f.disk_bytes) / static_cast<double>(f.triples);
  state.counters["bytes_per_evidence"] =
      static_cast<double>(f.disk_bytes) / static_cast<double>(f.evidence);
}

// --- Lookups ---

// Times `call(i)` (which returns the rows it produced, or an error) once per
// iteration and reports the latency distribution.
template <typename Call>
void RunLatency(benchmark::State& state, const char* name, Call&& call) {
  std::vector<double> latency_us;
  latency_us.reserve(state.max_iterations);
  uint64_t rows = 0;
  size_t i = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    Result<uint64_t> r = call(i++);
    const auto t1 = Clock::now();
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      break;
    }
    rows += *r;
    const double s = Seconds(t1 - t0);
    state.SetIterationTime(s);
    latency_us.push_back(s * 1e6);
  }
  if (latency_us.empty()) return;
  std::vector<double> sorted = latency_us;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  Figures::Latency l;
  l.name = name;
  l.median_us = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  l.p99_us = sorted[std::min(n - 1, (n * 99 + 99) / 100 - 1)];
  double sum = 0;
  for (double v : latency_us)
    sum += v;
  l.mean_us = sum / static_cast<double>(n);
  l.rows = static_cast<double>(rows) / static_cast<double>(n);
  state.counters["median_us"] = l.median_us;
  state.counters["p99_us"] = l.p99_us;
  state.counters["mean_us"] = l.mean_us;
  state.counters["rows"] = l.rows;
  Results().lookups.push_back(l);
}

// `count` indexes into [0, size), drawn with a seeded RNG.
std::vector<size_t> Picks(size_t size, size_t count, uint64_t salt) {
  Rng rng(Config().seed ^ salt);
  std::vector<size_t> out(count);
  for (auto& p : out)
    p = static_cast<size_t>(rng.Uniform(size));
  return out;
}

Result<uint64_t> CountRows(const TriplePattern& p) {
  uint64_t rows = 0;
  KG_RETURN_IF_ERROR(Shared().store->ScanTriples(p, [&rows](const TripleRow& row) {
    benchmark::DoNotOptimize(row.stats.evidence_count);
    ++rows;
    return true;
  }));
  return rows;
}

bool Ready(benchmark::State& state) {
  Status s = EnsureReady();
  if (!s.ok()) {
    state.SkipWithError(s.ToString().c_str());
    for (auto _ : state) {
    }
    return false;
  }
  if (Shared().all_triples.empty()) {
    state.SkipWithError("the store holds no triples");
    for (auto _ : state) {
    }
    return false;
  }
  return true;
}

// GetTriple of a random stored triple.
void BM_LookupPoint(benchmark::State& state) {
  if (!Ready(state)) return;
  const SharedStore& s = Shared();
  const auto picks = Picks(s.all_triples.size(), Config().lookups, 1);
  RunLatency(state, "point: GetTriple(s, p, o)", [&](size_t i) -> Result<uint64_t> {
    KG_ASSIGN_OR_RETURN(auto stats, s.store->GetTriple(s.all_triples[picks[i % picks.size()]]));
    if (!stats) return Status::Corruption("a stored triple was not found");
    return uint64_t{1};
  });
}

// ScanTriples {subject}: a random entity among those with outgoing triples.
void BM_LookupSubject(benchmark::State& state) {
  if (!Ready(state)) return;
  const SharedStore& s = Shared();
  const auto picks = Picks(s.subjects.size(), Config().lookups, 2);
  RunLatency(state, "subject bound: ScanTriples {s, ?, ?}", [&](size_t i) {
    return CountRows(TriplePattern{s.subjects[picks[i % picks.size()]], 0, 0});
  });
}

// ScanTriples {relation, object}: a random stored (relation, object) pair.
void BM_LookupRelationObject(benchmark::State& state) {
  if (!Ready(state)) return;
  const SharedStore& s = Shared();
  const auto picks = Picks(s.relation_objects.size(), Config().lookups, 3);
  RunLatency(state, "relation + object bound: ScanTriples {?, p, o}", [&](size_t i) {
    const auto& [r, o] = s.relation_objects[picks[i % picks.size()]];
    return CountRows(TriplePattern{0, r, o});
  });
}

// ScanTriples {object}: a random entity among those with incoming triples.
void BM_LookupObject(benchmark::State& state) {
  if (!Ready(state)) return;
  const SharedStore& s = Shared();
  const auto picks = Picks(s.objects.size(), Config().lookups, 4);
  RunLatency(state, "object bound: ScanTriples {?, ?, o}", [&](size_t i) {
    return CountRows(TriplePattern{0, 0, s.objects[picks[i % picks.size()]]});
  });
}

const char* Verdict(bool met) {
  return met ? "met" : "NOT met";
}

void PrintSummary() {
  const Figures& f = Results();
  const BenchConfig& c = Config();
  std::printf("\n## store_bench summary\n\n");
  std::printf("input: %" PRIu64
              " facts (KG_BENCH_TRIPLES), %zu articles per WriteArticles call, "
              "%u entities, seed %" PRIu64 "\n\n",
              c.triples, c.batch_articles, c.entities, c.seed);
  std::printf("| measure | value |\n|---|---|\n");
  if (f.raw_keys_per_s) {
    std::printf("| raw RocksDB Put ceiling (%" PRIu64 " keys, %" PRIu64
                " per WriteBatch) | %.0f keys/s |\n",
                f.raw_keys, f.raw_keys_per_batch, *f.raw_keys_per_s);
  }
  if (f.import_triples_per_s) {
    std::printf("| import: %" PRIu64 " facts in %" PRIu64
                " WriteArticles calls | %.2f s, %.0f "
                "triples/s |\n",
                f.import_facts, f.import_batches, f.import_s, *f.import_triples_per_s);
    if (f.raw_keys_per_s) {
      std::printf("| import rate / raw Put rate | %.3f |\n",
                  *f.import_triples_per_s / *f.raw_keys_per_s);
    }
    std::printf("| (generating the articles, untimed) | %.2f s |\n", f.generate_s);
  }
  if (f.bulk_triples_per_s) {
    std::printf(
        "| bulk import into an empty store (StartBulkLoad, Add, Finish) | %.2f s, %.0f "
        "triples/s, %.1f MB on disk |\n",
        f.bulk_s, *f.bulk_triples_per_s, static_cast<double>(f.bulk_disk_bytes) / 1e6);
    if (f.raw_keys_per_s) {
      std::printf("| bulk import rate / raw Put rate | %.3f |\n",
                  *f.bulk_triples_per_s / *f.raw_keys_per_s);
    }
  }
  if (f.compact_s) {
    std::printf("| CompactAll | %.2f s |\n", *f.compact_s);
    std::printf("| store after compaction | %" PRIu64 " distinct triples, %" PRIu64
                " evidence, %" PRIu64 " entities, %" PRIu64 " articles |\n",
                f.triples, f.evidence, f.entities, f.articles);
    if (f.triples > 0 && f.evidence > 0) {
      std::printf("| disk | %.1f MB: %.1f bytes/triple, %.1f bytes/evidence |\n",
                  static_cast<double>(f.disk_bytes) / 1e6,
                  static_cast<double>(f.disk_bytes) / static_cast<double>(f.triples),
                  static_cast<double>(f.disk_bytes) / static_cast<double>(f.evidence));
    }
  }
  for (const auto& l : f.lookups) {
    std::printf("| %s | median %.2f us, p99 %.2f us, mean %.2f us, %.2f rows |\n", l.name.c_str(),
                l.median_us, l.p99_us, l.mean_us, l.rows);
  }
  std::printf("\ntargets:\n");
  if (f.import_triples_per_s) {
    std::printf("  import >= 300000 triples/s, incremental WriteArticles: %.0f -> %s\n",
                *f.import_triples_per_s, Verdict(*f.import_triples_per_s >= 300000));
  }
  if (f.bulk_triples_per_s) {
    std::printf("  import >= 300000 triples/s, bulk load of an empty store: %.0f -> %s\n",
                *f.bulk_triples_per_s, Verdict(*f.bulk_triples_per_s >= 300000));
  }
  for (const auto& l : f.lookups) {
    if (l.name.rfind("subject", 0) == 0) {
      std::printf("  subject-bound lookup median < 20 us: %.2f us -> %s\n", l.median_us,
                  Verdict(l.median_us < 20));
    }
  }
  std::fflush(stdout);
}

void RegisterAll() {
  const auto lookups = static_cast<benchmark::IterationCount>(Config().lookups);
  benchmark::RegisterBenchmark("BM_RawPutCeiling", BM_RawPutCeiling)
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  // Before BM_Import, whose store would otherwise still be compacting in
  // the background while the bulk load runs.
  benchmark::RegisterBenchmark("BM_BulkImport", BM_BulkImport)
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Import", BM_Import)
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_CompactAll", BM_CompactAll)
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  using Fn = void (*)(benchmark::State&);
  const std::pair<const char*, Fn> lookup_benchmarks[] = {
      {"BM_LookupPoint", BM_LookupPoint},
      {"BM_LookupSubject", BM_LookupSubject},
      {"BM_LookupRelationObject", BM_LookupRelationObject},
      {"BM_LookupObject", BM_LookupObject},
  };
  for (const auto& [name, fn] : lookup_benchmarks) {
    benchmark::RegisterBenchmark(name, fn)->Iterations(lookups)->UseManualTime()->Unit(
        benchmark::kMicrosecond);
  }
}

}  // namespace
}  // namespace kg::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::atexit(kg::bench::CleanUp);  // also on exit() from an error path
  kg::bench::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  kg::bench::PrintSummary();
  kg::bench::CleanUp();
  return 0;
}
