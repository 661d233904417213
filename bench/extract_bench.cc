// extract_bench: single-thread extraction speed on the bundled sample corpus
// (data/sample), repeated to a given size, beside the same run's
// `grep -c -F -f` of every gazetteer form over the same text as the ceiling
// (a pass that only looks the names up, and finds no relation). And the
// article reader's speed over that corpus as JSON Lines (what `kg ingest`'s
// reader thread does), beside Python's json module (C-accelerated) loading
// the same lines.
//
//   extract_bench [--benchmark_filter=...]
//
// Environment:
//   KG_BENCH_EXTRACT_MB  size of the corpus in MB of article text, default 20
//   KG_BENCH_SOURCE_DIR  the source tree (for data/ and schemas/), default: the
//                        one this binary was built from
#include <benchmark/benchmark.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "graph/ontology.h"
#include "ingest/article_reader.h"
#include "ingest/corpus_ingest.h"
#include "ingest/extractor.h"
#include "ingest/sentence_splitter.h"
#include "ingest/text_normalizer.h"
#include "tools/corpus_generator.h"
#include "util/schema_dir.h"

namespace kg::bench {
namespace {

using Clock = std::chrono::steady_clock;

std::string SourceDir() {
  const char* env = std::getenv("KG_BENCH_SOURCE_DIR");
  return env ? env : KG_SOURCE_DIR;
}

struct Corpus {
  std::vector<ArticleText> articles;
  uint64_t bytes = 0;
  uint64_t sentences = 0;
};

struct Figures {
  std::optional<double> sentences_per_s, mb_per_s, facts;
  std::optional<double> grep_mb_per_s, grep_sentences_per_s;
  std::optional<double> read_mb_per_s, python_json_mb_per_s;
  std::optional<double> hash_two_pass_mb_per_s, hash_one_pass_mb_per_s;
  uint64_t json_bytes = 0;
  uint64_t bytes = 0, sentences = 0, forms = 0;
};

Figures& Results() {
  static Figures* f = new Figures();
  return *f;
}

const Corpus& TheCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    auto reader = ArticleReader::Create(SourceDir() + "/schemas");
    if (!reader.ok()) {
      std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
      std::exit(1);
    }
    std::vector<ArticleText> base;
    for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/data/sample")) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".txt" && ext != ".json" && ext != ".jsonl") continue;
      Status s = (*reader)->ReadFile(entry.path().string(), [&](ArticleText&& a) {
        base.push_back(std::move(a));
        return true;
      });
      if (!s.ok()) std::fprintf(stderr, "%s\n", s.ToString().c_str());
    }
    const char* mb = std::getenv("KG_BENCH_EXTRACT_MB");
    const uint64_t target = static_cast<uint64_t>((mb ? std::atof(mb) : 20.0) * 1e6);
    for (uint64_t round = 0; c->bytes < target && !base.empty(); ++round) {
      for (const auto& a : base) {
        ArticleText copy = a;
        copy.id = a.id + "-" + std::to_string(round);
        c->bytes += copy.body.size();
        c->sentences += SplitSentences(NormalizeText(copy.body).text).size();
        c->articles.push_back(std::move(copy));
      }
    }
    return c;
  }();
  return *corpus;
}

void BM_Extract(benchmark::State& state) {
  auto ontology = Ontology::LoadFromDir(SourceDir() + "/schemas");
  if (!ontology.ok()) {
    state.SkipWithError(ontology.status().ToString().c_str());
    return;
  }
  auto extractor = Extractor::Create(SourceDir() + "/schemas", *ontology);
  if (!extractor.ok()) {
    state.SkipWithError(extractor.status().ToString().c_str());
    return;
  }
  const Corpus& corpus = TheCorpus();
  for (auto _ : state) {
    uint64_t facts = 0;
    const auto t0 = Clock::now();
    for (const auto& a : corpus.articles)
      facts += (*extractor)->Extract(a).facts.size();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    state.SetIterationTime(s);
    Results().sentences_per_s = corpus.sentences / s;
    Results().mb_per_s = corpus.bytes / 1e6 / s;
    Results().facts = static_cast<double>(facts);
  }
  Results().bytes = corpus.bytes;
  Results().sentences = corpus.sentences;
  state.counters["sentences_per_s"] = *Results().sentences_per_s;
  state.counters["MB_per_s"] = *Results().mb_per_s;
  state.counters["sentences"] = static_cast<double>(corpus.sentences);
}

// The ceiling: grep -c -F -f of every gazetteer form over the same text.
void BM_GrepCeiling(benchmark::State& state) {
  auto ontology = Ontology::LoadFromDir(SourceDir() + "/schemas");
  std::vector<std::string> types;
  for (const auto& t : ontology->entity_types())
    types.push_back(t.name);
  auto gazetteer = Gazetteer::LoadFromDir(SourceDir() + "/schemas", types);
  if (!gazetteer.ok()) {
    state.SkipWithError(gazetteer.status().ToString().c_str());
    return;
  }
  const std::string dir = std::filesystem::temp_directory_path() / "kg-extract-bench";
  std::filesystem::create_directories(dir);
  {
    std::ofstream forms(dir + "/forms.txt");
    uint64_t n = 0;
    for (const auto& e : gazetteer->entries()) {
      forms << e.name << "\n";
      ++n;
      for (const auto& a : e.aliases)
        forms << a << "\n", ++n;
      for (const auto& d : e.demonyms)
        forms << d << "\n", ++n;
    }
    Results().forms = n;
    std::ofstream text(dir + "/corpus.txt");
    for (const auto& a : TheCorpus().articles)
      text << a.body << "\n";
  }
  const std::string command =
      "grep -c -F -f '" + dir + "/forms.txt' '" + dir + "/corpus.txt' > /dev/null";
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const int rc = std::system(command.c_str());
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (rc != 0) {
      state.SkipWithError("grep failed");
      break;
    }
    state.SetIterationTime(s);
    Results().grep_mb_per_s = TheCorpus().bytes / 1e6 / s;
    Results().grep_sentences_per_s = TheCorpus().sentences / s;
  }
  std::filesystem::remove_all(dir);
  if (Results().grep_mb_per_s) state.counters["MB_per_s"] = *Results().grep_mb_per_s;
}

// The corpus as JSON Lines, one file, written once per run; its size.
constexpr int kJsonPasses = 10;  // each measure reads the file this many times

const std::string& JsonLinesFile() {
  static const std::string* path = [] {
    const std::string dir = std::filesystem::temp_directory_path() / "kg-extract-bench-json";
    std::filesystem::create_directories(dir);
    auto* p = new std::string(dir + "/corpus.jsonl");
    std::ofstream out(*p, std::ios::binary);
    std::string line;
    for (const auto& a : TheCorpus().articles) {
      line.clear();
      const std::pair<const char*, const std::string*> fields[] = {{"id", &a.id},
                                                                   {"title", &a.title},
                                                                   {"date", &a.date},
                                                                   {"source", &a.source},
                                                                   {"body", &a.body}};
      for (const auto& [key, value] : fields) {
        line += line.empty() ? "{\"" : ", \"";
        line += key;
        line += "\": ";
        cli::AppendJsonString(*value, &line);
      }
      out << line << "}\n";
    }
    out.flush();
    Results().json_bytes = std::filesystem::file_size(*p);
    return p;
  }();
  return *path;
}

void BM_ReadJsonLines(benchmark::State& state) {
  auto reader = ArticleReader::Create(SourceDir() + "/schemas");
  if (!reader.ok()) {
    state.SkipWithError(reader.status().ToString().c_str());
    return;
  }
  const std::string& path = JsonLinesFile();
  for (auto _ : state) {
    uint64_t articles = 0;
    const auto t0 = Clock::now();
    for (int pass = 0; pass < kJsonPasses; ++pass) {
      Status s = (*reader)->ReadFile(path, [&](ArticleText&& a) {
        benchmark::DoNotOptimize(a.body.data());
        ++articles;
        return true;
      });
      if (!s.ok() || !(*reader)->errors().empty()) {
        state.SkipWithError("the reader failed on its own JSON Lines");
        return;
      }
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    state.SetIterationTime(s);
    if (articles != kJsonPasses * TheCorpus().articles.size()) {
      state.SkipWithError("the reader lost articles");
      return;
    }
    Results().read_mb_per_s = kJsonPasses * Results().json_bytes / 1e6 / s;
  }
  if (Results().read_mb_per_s) state.counters["MB_per_s"] = *Results().read_mb_per_s;
}

// The peer: Python 3's json.loads of each line, the same passes. Its start
// (some 20 ms) is timed too, against seconds of reading.
void BM_PythonJsonPeer(benchmark::State& state) {
  const std::string command =
      "python3 -c 'import json, sys\nfor _ in range(" + std::to_string(kJsonPasses) +
      "):\n  for line in open(sys.argv[1], \"rb\"): json.loads(line)' '" + JsonLinesFile() + "'";
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const int rc = std::system(command.c_str());
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (rc != 0) {
      state.SkipWithError("python3 failed");
      break;
    }
    state.SetIterationTime(s);
    Results().python_json_mb_per_s = kJsonPasses * Results().json_bytes / 1e6 / s;
  }
  if (Results().python_json_mb_per_s) state.counters["MB_per_s"] = *Results().python_json_mb_per_s;
}

// A worker's hashes of each article (source and text, for the store's
// lookups): two passes over the body (ArticleSourceHash, ArticleTextHash),
// against HashArticle's one. Arg: 0 two passes, 1 one.
void BM_ArticleHashes(benchmark::State& state) {
  const bool one_pass = state.range(0) == 1;
  const Corpus& corpus = TheCorpus();
  constexpr uint64_t kFingerprint = 0x0123456789abcdefu;
  constexpr int kPasses = 20;
  for (auto _ : state) {
    uint64_t mixed = 0;
    const auto t0 = Clock::now();
    for (int pass = 0; pass < kPasses; ++pass) {
      for (const auto& a : corpus.articles) {
        if (one_pass) {
          const ArticleHashes h = HashArticle(a, kFingerprint);
          mixed ^= h.source + h.text;
        } else {
          mixed ^= ArticleSourceHash(a, kFingerprint) + ArticleTextHash(a.body);
        }
      }
    }
    benchmark::DoNotOptimize(mixed);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    state.SetIterationTime(s);
    (one_pass ? Results().hash_one_pass_mb_per_s : Results().hash_two_pass_mb_per_s) =
        kPasses * corpus.bytes / 1e6 / s;
  }
}

void PrintSummary() {
  const Figures& f = Results();
  std::printf("\n## extract_bench summary\n\n");
  std::printf("corpus: %.1f MB, %" PRIu64 " sentences (data/sample repeated)\n\n", f.bytes / 1e6,
              f.sentences);
  std::printf("| measure | value |\n|---|---|\n");
  if (f.sentences_per_s) {
    std::printf("| extraction, one thread | %.0f sentences/s, %.2f MB/s, %.0f facts |\n",
                *f.sentences_per_s, *f.mb_per_s, *f.facts);
  }
  if (f.grep_mb_per_s) {
    std::printf("| grep -c -F -f (%" PRIu64 " gazetteer forms) | %.2f MB/s (%.0f sentences/s) |\n",
                f.forms, *f.grep_mb_per_s, *f.grep_sentences_per_s);
  }
  if (f.sentences_per_s && f.grep_mb_per_s) {
    std::printf("| extraction / grep | %.3f |\n", *f.mb_per_s / *f.grep_mb_per_s);
  }
  if (f.read_mb_per_s) {
    std::printf("| article reader, JSON Lines (%.1f MB, %d passes) | %.1f MB/s |\n",
                f.json_bytes / 1e6, kJsonPasses, *f.read_mb_per_s);
  }
  if (f.python_json_mb_per_s) {
    std::printf("| python3 json.loads per line, the same passes | %.1f MB/s |\n",
                *f.python_json_mb_per_s);
  }
  if (f.read_mb_per_s && f.python_json_mb_per_s) {
    std::printf("| reader / python3 json | %.2f |\n", *f.read_mb_per_s / *f.python_json_mb_per_s);
  }
  if (f.hash_two_pass_mb_per_s && f.hash_one_pass_mb_per_s) {
    std::printf("| article hashes, two passes / one pass | %.0f / %.0f MB/s (%.2fx) |\n",
                *f.hash_two_pass_mb_per_s, *f.hash_one_pass_mb_per_s,
                *f.hash_one_pass_mb_per_s / *f.hash_two_pass_mb_per_s);
  }
  if (f.sentences_per_s) {
    std::printf("\ntarget: >= 40000 sentences/s: %.0f -> %s\n", *f.sentences_per_s,
                *f.sentences_per_s >= 40000 ? "met" : "NOT met");
  }
}

}  // namespace
}  // namespace kg::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RegisterBenchmark("BM_Extract", kg::bench::BM_Extract)
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_GrepCeiling", kg::bench::BM_GrepCeiling)
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_ReadJsonLines", kg::bench::BM_ReadJsonLines)
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_PythonJsonPeer", kg::bench::BM_PythonJsonPeer)
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_ArticleHashes", kg::bench::BM_ArticleHashes)
      ->Arg(0)
      ->Arg(1)
      ->Iterations(3)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  std::filesystem::remove_all(std::filesystem::temp_directory_path() / "kg-extract-bench-json", ec);
  kg::bench::PrintSummary();
  return 0;
}
