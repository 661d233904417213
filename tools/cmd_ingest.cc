#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>

#include "graph/store.h"
#include "ingest/corpus_ingest.h"
#include "tools/commands.h"
#include "tools/ingest_progress.h"
#include "util/schema_dir.h"

namespace kg::cli {

namespace {

constexpr int kExitInterrupted = 130;  // as a shell reports a SIGINT
// Bad documents printed on standard error; the rest are in the report only.
constexpr uint64_t kBadShownOnStderr = 20;
// The report's name in the store's folder (for a dry run, in the current
// one): the bad documents of the latest run there.
constexpr const char* kDefaultReport = "ingest-report.tsv";

std::atomic<bool> g_stop{false};

// The first Ctrl-C (or SIGTERM) asks the run to finish the batch in flight;
// a second one ends the process at once, which is safe too: every batch is
// atomic.
void OnStopSignal(int sig) {
  if (g_stop.exchange(true)) {
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  static const char kMsg[] =
      "\nkg ingest: stopping after the batch in flight (press Ctrl-C again to quit at once)\n";
  const ssize_t ignored = write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
  (void)ignored;
}

// glibc serves an allocation past its mmap threshold with its own mapping,
// returned whole on free, but by default raises that threshold to the size
// of each such block freed. A long ingest frees large blocks all the time
// (a chunk's buffers, RocksDB's filter and index blocks as the block cache
// turns over), so the threshold climbs and they come from the heaps
// instead, where the holes they leave are kept: over a 3 GB ingest the
// resident size kept climbing (554 to 629 MB in its last ten minutes; with
// the fixed threshold it stayed between 500 and 550 MB, bench/RESULTS.md).
// The fixed threshold cost no speed in the same measurements.
void KeepLargeBlocksOutOfTheHeap() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

// Restores the signal handlers on every way out of RunIngest.
class StopSignals {
 public:
  StopSignals() {
    g_stop.store(false);
    struct sigaction sa {};
    sa.sa_handler = OnStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
    // Past a file-size limit (ulimit -f) a write fails with EFBIG instead
    // of killing the process, so the run can stop cleanly and say why.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGXFSZ, &ignore, &old_xfsz_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    sigaction(SIGXFSZ, &old_xfsz_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
  struct sigaction old_xfsz_ {};
};

// Tabs and line breaks would break the report's columns.
std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

// The bad documents: a TSV file (path, line, reason), opened at the first
// one unless asked for by name, and the first few on standard error.
class BadDocumentReport {
 public:
  BadDocumentReport(std::string path, bool explicit_path)
      : path_(std::move(path)), explicit_(explicit_path) {}

  Status Open() { return explicit_ ? OpenFile() : Status::OK(); }

  void Add(const LineError& e, IngestProgressMeter* meter) {
    ++count_;
    if (!file_.is_open() && open_error_.empty()) {
      Status s = OpenFile();
      if (!s.ok()) open_error_ = s.message();
    }
    if (file_.is_open()) {
      file_ << OneLine(e.file) << '\t' << e.line << '\t' << OneLine(e.message) << '\n';
    }
    if (count_ <= kBadShownOnStderr) {
      meter->Clear();
      std::cerr << e.ToString() << "\n";
    }
  }

  Status Close() {
    if (!file_.is_open()) return Status::OK();
    file_.close();
    if (file_.fail()) return Status::IOError(path_ + ": cannot write the report");
    return Status::OK();
  }

  uint64_t count() const { return count_; }
  bool written() const { return wrote_; }
  const std::string& path() const { return path_; }
  const std::string& open_error() const { return open_error_; }

 private:
  Status OpenFile() {
    file_.open(path_, std::ios::out | std::ios::trunc);
    if (!file_)
      return Status::IOError(path_ + ": cannot write the report: " + std::strerror(errno));
    file_ << "path\tline\treason\n";
    wrote_ = true;
    return Status::OK();
  }

  std::string path_;
  bool explicit_;
  std::ofstream file_;
  bool wrote_ = false;
  uint64_t count_ = 0;
  std::string open_error_;
};

bool LooksLikeFullDisk(const Status& s) {
  const std::string& m = s.message();
  return m.find("No space left") != std::string::npos ||
         m.find("File too large") != std::string::npos ||
         m.find("Disk quota exceeded") != std::string::npos;
}

void PrintJsonSummary(const IngestResult& r, const std::string& store, unsigned workers,
                      const BadDocumentReport& report, bool dry_run) {
  const IngestProgress& p = r.progress;
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("store");
  if (dry_run) {
    w.Null();
  } else {
    w.String(store.c_str());
  }
  w.Key("dry_run");
  w.Bool(dry_run);
  w.Key("workers");
  w.Uint(workers);
  const std::pair<const char*, uint64_t> counts[] = {
      {"files", p.files_done},
      {"bytes", p.bytes_read},
      {"text_bytes", p.text_bytes},
      {"documents", p.documents},
      {"bad_documents", p.bad_documents},
      {"articles_written", p.articles_written},
      {"articles_replaced", p.articles_replaced},
      {"articles_unchanged", p.articles_unchanged},
      {"articles_skipped", p.articles_skipped},
      {"articles_duplicate", p.articles_duplicate},
      {"triples_added", p.triples_added},
      {"evidence_added", p.evidence_added},
      {"evidence_removed", p.evidence_removed},
      {"entities_created", p.entities_created},
      {"batches", p.batches},
  };
  for (const auto& [key, value] : counts) {
    w.Key(key);
    w.Uint64(value);
  }
  w.Key("seconds");
  w.Double(p.seconds);
  w.Key("mb_per_s");
  w.Double(p.seconds > 0 ? static_cast<double>(p.bytes_read) / 1e6 / p.seconds : 0);
  // The process's high-water mark of resident memory, so that a user can
  // watch it across runs without a second tool (ru_maxrss is in kB here).
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  w.Key("peak_memory_mb");
  w.Double(static_cast<double>(usage.ru_maxrss) / 1024);
  w.Key("interrupted");
  w.Bool(r.interrupted);
  w.Key("stopped_at_bad_document");
  w.Bool(r.stopped_at_bad_document);
  w.Key("report");
  if (report.written()) {
    w.String(report.path().c_str());
  } else {
    w.Null();
  }
  w.Key("error");
  if (r.error.ok()) {
    w.Null();
  } else {
    w.String(r.error.message().c_str());
  }
  w.EndObject();
  std::cout << sb.GetString() << "\n";
}

void PrintSummary(const IngestResult& r, const std::string& store, const BadDocumentReport& report,
                  bool dry_run) {
  const IngestProgress& p = r.progress;
  const double rate = p.seconds > 0 ? static_cast<double>(p.bytes_read) / 1e6 / p.seconds : 0;
  char timing[96];
  if (p.bytes_read < 1000000) {
    std::snprintf(timing, sizeof timing, "%.1f kB in %.2f s",
                  static_cast<double>(p.bytes_read) / 1e3, p.seconds);
  } else {
    std::snprintf(timing, sizeof timing, "%.1f MB in %.1f s (%.1f MB/s)",
                  static_cast<double>(p.bytes_read) / 1e6, p.seconds, rate);
  }
  if (dry_run) {
    std::cout << "checked " << WithThousands(p.documents) << " documents (" << timing
              << ", nothing written): " << WithThousands(p.articles_written) << " articles with "
              << WithThousands(p.evidence_added) << " facts; " << WithThousands(p.bad_documents)
              << " bad documents\n";
  } else {
    std::cout << "ingested " << WithThousands(p.documents) << " documents into " << store << " ("
              << timing << "): " << WithThousands(p.articles_written) << " new, "
              << WithThousands(p.articles_replaced) << " replaced, "
              << WithThousands(p.articles_unchanged + p.articles_skipped) << " unchanged, "
              << WithThousands(p.articles_duplicate) << " duplicates, "
              << WithThousands(p.bad_documents) << " bad; " << WithThousands(p.triples_added)
              << " triples and " << WithThousands(p.evidence_added) << " evidence added, "
              << WithThousands(p.evidence_removed) << " evidence removed; "
              << WithThousands(p.entities_created) << " entities created\n";
  }
  if (report.written()) {
    std::cout << "bad documents are listed in " << report.path() << "\n";
  } else if (!report.open_error().empty()) {
    std::cerr << "kg: " << report.open_error() << "\n";
  }
}

int RunIngest(const Args& args) {
  if (args.positional.empty()) {
    return UsageError("ingest", "no input (give files, directories, patterns, or - for stdin)");
  }
  IngestOptions options;
  if (args.Has("workers")) {
    const std::string v = args.Get("workers");
    char* end = nullptr;
    const unsigned long n = std::strtoul(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || n == 0 || n > 256) {
      return UsageError("ingest", "--workers wants a number from 1 to 256, not '" + v + "'");
    }
    options.workers = static_cast<unsigned>(n);
  }
  if (args.Has("chunk-mb")) {
    const std::string v = args.Get("chunk-mb");
    char* end = nullptr;
    const long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || n < 1 || n > 4096) {
      return UsageError("ingest", "--chunk-mb wants a number from 1 to 4096, not '" + v + "'");
    }
    options.bulk_bytes = static_cast<size_t>(n) << 20;
  }
  options.bulk = !args.Has("no-bulk");
  options.fail_fast = args.Has("fail-fast");
  options.reextract = args.Has("reextract");
  options.dry_run = args.Has("dry-run");
  options.stop = &g_stop;
  const bool quiet = args.Has("quiet");
  const bool json = args.Has("json");

  auto corpus = ListCorpus(args.positional);
  if (!corpus.ok()) return Fail(corpus.status());
  if (corpus->files.empty()) {
    return Fail(Status::InvalidArgument(
        "no article files found (a directory walk takes *.txt, *.json, *.jsonl, *.ndjson and "
        "their .gz)"));
  }

  const std::string schema_dir = args.Get("schemas", DefaultSchemaDir());
  auto ontology = Ontology::LoadFromDir(schema_dir);
  if (!ontology.ok()) return Fail(ontology.status());
  auto extractor = Extractor::Create(schema_dir, *ontology);
  if (!extractor.ok()) return Fail(extractor.status());
  auto reader = ArticleReader::Create(schema_dir);
  if (!reader.ok()) return Fail(reader.status());
  auto fingerprint = RulesFingerprint(schema_dir);
  if (!fingerprint.ok()) return Fail(fingerprint.status());
  options.rules_fingerprint = *fingerprint;

  std::unique_ptr<Store> store;
  if (!options.dry_run) {
    auto opened = Store::OpenForWrite(StorePath(args), *ontology);
    if (!opened.ok()) return Fail(opened.status());
    store = std::move(*opened);
  }

  std::string report_path = args.Get("report");
  if (report_path.empty()) {
    report_path = options.dry_run ? kDefaultReport : StorePath(args) + "/" + kDefaultReport;
    // The latest run's report, so one from an earlier run must not linger.
    std::remove(report_path.c_str());
  }
  BadDocumentReport report(report_path, args.Has("report"));
  Status report_open = report.Open();
  if (!report_open.ok()) return Fail(report_open);

  KeepLargeBlocksOutOfTheHeap();
  IngestProgressMeter meter(stderr, IngestProgressMeter::StyleForStderr(quiet || json));
  StopSignals signals;
  CorpusIngester ingester(store.get(), **extractor, **reader, options);
  const IngestResult result = ingester.Run(
      *corpus, [&](const LineError& e) { report.Add(e, &meter); },
      [&](const IngestProgress& p) { meter.Update(p); });
  meter.Finish();
  // The store closes (publishing the view readers see) before the summary.
  const std::string store_path = StorePath(args);
  store.reset();

  Status closed = report.Close();
  if (!closed.ok()) std::cerr << "kg: " << closed.message() << "\n";
  if (report.count() > kBadShownOnStderr) {
    std::cerr << "kg: " << WithThousands(report.count() - kBadShownOnStderr)
              << " more bad documents in " << report.path() << "\n";
  }
  unsigned workers =
      options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
  if (json) {
    PrintJsonSummary(result, store_path, workers, report, options.dry_run);
  } else if (!quiet) {
    PrintSummary(result, store_path, report, options.dry_run);
  }

  if (!result.error.ok()) {
    if (LooksLikeFullDisk(result.error)) {
      std::cerr << "kg: the disk is full (or a file-size limit was reached) writing " << store_path
                << ": " << result.error.message()
                << "\nkg: the articles written before are stored whole and the store is "
                   "consistent; free some space and run the same command again to finish\n";
    } else {
      std::cerr << "kg: " << result.error.message()
                << "\nkg: the articles written before are stored whole; run the same command "
                   "again to finish\n";
    }
    return kExitFailure;
  }
  if (result.interrupted) {
    std::cerr << "kg: interrupted; "
              << WithThousands(result.progress.articles_written + result.progress.articles_replaced)
              << " articles written in this run are stored; run the same command again to go on\n";
    return kExitInterrupted;
  }
  if (result.stopped_at_bad_document) {
    std::cerr << "kg: stopped at the first bad document (--fail-fast); the articles before it are "
                 "stored\n";
  }
  return report.count() > 0 ? kExitFailure : kExitOk;
}

}  // namespace

const Command& IngestCommand() {
  static const Command command{
      "ingest",
      "extract triples from articles and store them (whole corpora, in parallel)",
      "kg ingest [options] INPUT...",
      "Reads articles from files, directories (walked recursively for *.txt, *.json,\n"
      "*.jsonl, *.ndjson and the same with .gz), quoted patterns ('news/**/*.jsonl')\n"
      "or - for standard input; plain text, JSON, JSON Lines, gzip-compressed or not.\n"
      "Workers extract in parallel; one writer stores the articles in input order.\n"
      "New articles are written in chunks of sorted files (up to --chunk-mb of memory,\n"
      "or 10 s of input), each ingested atomically; articles stored before and changed\n"
      "since are replaced in batches, each atomic too. So the store only ever holds\n"
      "whole articles, and readers see each chunk or batch as it lands.\n"
      "\n"
      "Re-running the same ingest skips the articles stored from the same document\n"
      "and rules without reading them again; a changed article replaces its old\n"
      "evidence; an article whose text is stored under another id is a duplicate\n"
      "and is skipped. Ctrl-C writes the chunk or batch in flight and stops (exit 130);\n"
      "running the command again goes on where it stopped.\n"
      "\n"
      "Bad documents are skipped and listed, one per line (path, line, reason), in\n"
      "a report file: STORE/ingest-report.tsv, the latest run's (./ingest-report.tsv\n"
      "for a dry run), unless --report names another; the first few are printed\n"
      "too, and the exit status is then 1.\n"
      "A write that fails (a full disk) stops the run with exit 1; what was written\n"
      "before stays whole.",
      {
          {"workers", "N", "extraction threads (default: one per core)"},
          {"report", "FILE", "where to list the bad documents (default STORE/ingest-report.tsv)"},
          {"fail-fast", "", "stop at the first bad document"},
          {"chunk-mb", "N",
           "memory for a chunk of new articles, in MB (default 128); smaller chunks land "
           "sooner"},
          {"no-bulk", "", "write new articles in batches too (slower; for comparison)"},
          {"reextract", "", "extract every article again, even unchanged ones"},
          {"dry-run", "", "read and extract, but write nothing (check a corpus)"},
          {"json", "", "print the summary as one JSON object, and no progress"},
          {"quiet", "", "print nothing but errors"},
          {"schemas", "DIR", "folder with the ontology, gazetteer, lexicon and rules"},
      },
      RunIngest,
  };
  return command;
}

}  // namespace kg::cli
