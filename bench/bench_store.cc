#include "bench/bench_store.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

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

// What the note beside the store says: the store was built from these.
std::string NoteText(const StoreSpec& spec) {
  return "facts=" + std::to_string(spec.facts) + " entities=" + std::to_string(spec.entities) +
         " seed=" + std::to_string(spec.seed) + "\n";
}

std::string NotePath(const StoreSpec& spec) {
  return spec.db + ".graph_bench";
}

}  // namespace

bool CanReuseStore(const StoreSpec& spec) {
  if (spec.rebuild) return false;
  std::ifstream in(NotePath(spec));
  std::stringstream note;
  note << in.rdbuf();
  if (!in || note.str() != NoteText(spec)) return false;
  auto store = Store::OpenForRead(spec.db);
  if (!store.ok()) return false;
  auto stats = (*store)->GetStats();
  return stats.ok() && stats->evidence == spec.facts;
}

Status BuildStore(const StoreSpec& spec, LoadFigures* load) {
  std::error_code ec;
  fs::remove(NotePath(spec), ec);
  fs::remove_all(spec.db, ec);
  if (ec) return Status::IOError(spec.db + ": " + ec.message());

  auto ontology = Ontology::LoadFromDir(DefaultSchemaDir());
  KG_RETURN_IF_ERROR(ontology);
  SyntheticConfig config;
  config.seed = spec.seed;
  config.num_entities = spec.entities;
  SyntheticGenerator gen(config, *ontology);
  const auto g0 = Clock::now();
  std::vector<ArticleInput> articles = gen.NextArticlesWithFacts(spec.facts);
  load->generate_s = Seconds(Clock::now() - g0);
  load->articles = articles.size();

  KG_ASSIGN_OR_RETURN(auto store, Store::OpenForWrite(spec.db, *ontology));
  const auto t0 = Clock::now();
  KG_ASSIGN_OR_RETURN(auto loader, store->StartBulkLoad());
  for (auto& a : articles)
    KG_RETURN_IF_ERROR(loader->Add(std::move(a)));
  KG_RETURN_IF_ERROR(loader->Finish());
  load->bulk_load_s = Seconds(Clock::now() - t0);
  loader.reset();
  store.reset();  // closing publishes the view that readers open

  std::ofstream note(NotePath(spec));
  note << NoteText(spec);
  if (!note.flush()) return Status::IOError(NotePath(spec) + ": cannot write");
  return Status::OK();
}

Status EnsureStore(const StoreSpec& spec, const char* program, LoadFigures* load) {
  if (CanReuseStore(spec)) {
    load->reused = true;
    std::printf("%s: reusing the store at %s\n", program, spec.db.c_str());
    return Status::OK();
  }
  std::printf("%s: building the store at %s (%" PRIu64 " facts)\n", program, spec.db.c_str(),
              spec.facts);
  std::fflush(stdout);
  return BuildStore(spec, load);
}

bool ParsePositive(const std::string& text, uint64_t* n) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v == 0) return false;
  *n = v;
  return true;
}

void FlagParser::Parse(
    int argc, char** argv, StoreSpec* spec,
    const std::function<bool(const std::string& flag, const std::string& value)>& other) const {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") usage(0);
    if (flag == "--rebuild") {
      spec->rebuild = true;
      continue;
    }
    std::string value;
    if (const size_t eq = flag.find('='); eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      Fail(flag + " wants a value");
    }
    if (flag == "--db") {
      spec->db = value;
    } else if (flag == "--facts") {
      spec->facts = Count(flag, value);
    } else if (flag == "--entities") {
      const uint64_t n = Count(flag, value);
      if (n > UINT32_MAX) Fail("--entities wants at most " + std::to_string(UINT32_MAX));
      spec->entities = static_cast<uint32_t>(n);
    } else if (flag == "--seed") {
      spec->seed = Count(flag, value);
    } else if (!other(flag, value)) {
      Fail("unknown flag " + flag);
    }
  }
  if (spec->db.empty()) Fail("--db wants a path");
}

uint64_t FlagParser::Count(const std::string& flag, const std::string& value) const {
  uint64_t n = 0;
  if (!ParsePositive(value, &n)) Fail(flag + " wants a positive integer, not '" + value + "'");
  return n;
}

void FlagParser::Fail(const std::string& why) const {
  std::fprintf(stderr, "%s: %s\n", program, why.c_str());
  usage(2);
  std::exit(2);  // usage exits; this is for one that does not
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(n)));
  return v[std::min(n - 1, std::max<size_t>(rank, 1) - 1)];
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace kg::bench
