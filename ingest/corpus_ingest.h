// CorpusIngester: a whole corpus into the store, in parallel, resumable, and
// never half-written.
//
// The pipeline:
//
//   reader thread          N extraction workers          writer (the caller's thread)
//   files -> documents --> skip check, Extract --------> in input order: new
//           (bad ones                                    articles to a BulkLoader
//            go straight to the writer)                  chunk, stored ones to a
//                                                        WriteArticles batch
//
// The reader parses documents (ArticleReader) and numbers them; a worker
// first asks the store whether the article is stored already from the same
// document and rules (ArticleSourceHash: then it is skipped unread, which
// makes a re-run of a finished or interrupted ingest fast) or whether its
// text is stored under another id (a duplicate, skipped); otherwise it
// extracts the facts. The writer takes the results back in input order,
// whatever order the workers finish in, so that a run gives the same store
// with 1 or 16 workers. New articles (the bulk of a first ingest or of a
// resumed one) go into chunks of a BulkLoader (graph/bulk_loader.h): sorted
// files ingested atomically, several times cheaper than WriteArticles, a
// chunk at a time (by memory and time). Articles the store holds already
// (changed since) are replaced by atomic WriteArticles batches (by count,
// bytes and time). When both are pending, the chunk is written first: the
// batch then replaces articles, possibly ones the chunk just stored, as
// input order says.
//
// Memory stays flat whatever the size of the corpus: the documents read but
// not yet written are bounded (IngestOptions::window_bytes), and bad
// documents are handed to the caller as they are found, not kept.
//
// Stopping: when *options.stop turns true (Ctrl-C), the reader stops, each
// worker finishes the article in hand, and the writer writes the results it
// has in order, then Run returns with interrupted set. Because every batch
// is atomic and its articles are whole, a process killed at any moment
// leaves whole articles only, and running the same ingest again completes
// the corpus (the stored articles are skipped).
//
// A failed write (a full disk, a file-size limit, an I/O error) ends the run
// at once with IngestResult::error; the chunks and batches before it are
// stored, and the store stays openable and consistent (a chunk is ingested
// whole or not at all, a batch through RocksDB's write-ahead log).
#ifndef KG_INGEST_CORPUS_INGEST_H_
#define KG_INGEST_CORPUS_INGEST_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "graph/store.h"
#include "ingest/article_reader.h"
#include "ingest/corpus_files.h"
#include "ingest/extractor.h"

namespace kg {

struct IngestOptions {
  unsigned workers = 0;                            // extraction threads; 0: one per core
  size_t batch_articles = 1024;                    // articles per atomic write, at most
  size_t batch_bytes = size_t{16} << 20;           // text bytes per atomic write, at most
  std::chrono::milliseconds batch_interval{1000};  // a waiting batch is written this often
  size_t window_bytes = size_t{64} << 20;          // text read but not yet written, at most
  // New articles through a BulkLoader, a chunk at a time: a chunk is
  // written when the loader holds bulk_bytes or is bulk_interval old. Off:
  // every article goes through WriteArticles batches. 128 MB measured
  // clearly faster than 256 MB on 1 GB, and no slower than 64 MB
  // (bench/RESULTS.md).
  bool bulk = true;
  size_t bulk_bytes = size_t{128} << 20;
  std::chrono::milliseconds bulk_interval{10000};
  bool fail_fast = false;  // stop at the first bad document
  bool reextract = false;  // extract even unchanged articles
  // Extract and count, but write nothing (the store may be null): checks a
  // corpus, and measures the extraction alone.
  bool dry_run = false;
  // Identifies the extraction rules (RulesFingerprint): part of each
  // article's source hash, so that changed rules re-extract everything.
  uint64_t rules_fingerprint = 0;
  const std::atomic<bool>* stop = nullptr;  // set to stop early (Ctrl-C)
};

// Counts so far; every field only grows.
struct IngestProgress {
  uint64_t files_total = 0;
  uint64_t files_done = 0;
  uint64_t bytes_total = 0;  // of the files with a known size
  uint64_t bytes_read = 0;   // from the disk (compressed bytes for .gz)
  uint64_t text_bytes = 0;   // of the article bodies read
  uint64_t documents = 0;    // read, good and bad
  uint64_t bad_documents = 0;
  uint64_t articles_written = 0;    // new
  uint64_t articles_replaced = 0;   // stored before, changed since
  uint64_t articles_unchanged = 0;  // extracted again, the same facts
  uint64_t articles_skipped = 0;    // stored from the same document and rules: not read again
  uint64_t articles_duplicate = 0;  // another id with the same text is stored
  uint64_t triples_added = 0;
  uint64_t evidence_added = 0;
  uint64_t evidence_removed = 0;
  uint64_t entities_created = 0;
  uint64_t batches = 0;  // atomic writes: WriteArticles batches and bulk chunks
  double seconds = 0;    // since Run started
};

struct IngestResult {
  IngestProgress progress;               // the totals
  bool interrupted = false;              // *options.stop ended the run
  bool stopped_at_bad_document = false;  // fail_fast ended the run
  // Not OK when a write failed; the run ended there. The batches written
  // before it are stored.
  Status error;
};

class CorpusIngester {
 public:
  // The store (opened for writing; null only for a dry run) and the
  // extractor outlive the ingester. The reader is used by Run's reader
  // thread only.
  CorpusIngester(Store* store, const Extractor& extractor, ArticleReader& reader,
                 IngestOptions options)
      : store_(store), extractor_(extractor), reader_(reader), options_(options) {}

  // Called on the caller's thread: each bad document or unreadable file, in
  // input order, as it is found (file, line, reason); and the progress,
  // about every progress_interval and once at the end.
  using BadDocumentFn = std::function<void(const LineError&)>;
  using ProgressFn = std::function<void(const IngestProgress&)>;

  IngestResult Run(const CorpusListing& corpus, const BadDocumentFn& on_bad,
                   const ProgressFn& on_progress,
                   std::chrono::milliseconds progress_interval = std::chrono::milliseconds(200));

 private:
  Store* store_;
  const Extractor& extractor_;
  ArticleReader& reader_;
  IngestOptions options_;
};

// A hash of every file under the schemas folder (names and contents) and of
// the extraction code's version: what ArticleSourceHash mixes in.
Result<uint64_t> RulesFingerprint(const std::string& schema_dir);

// The hash a worker compares with ArticleMeta::source_hash: the document's
// fields (title, date, source, url, body) and the rules fingerprint.
uint64_t ArticleSourceHash(const ArticleText& article, uint64_t rules_fingerprint);

// ArticleMeta::text_hash: the body with each run of white space as one
// space and none at either end, so that a copy that differs only in line
// breaks or indentation is still a duplicate. Never 0.
uint64_t ArticleTextHash(std::string_view body);

// Both, in one pass over the body (what a worker computes for each article).
struct ArticleHashes {
  uint64_t source = 0;  // ArticleSourceHash
  uint64_t text = 0;    // ArticleTextHash of the body
};
ArticleHashes HashArticle(const ArticleText& article, uint64_t rules_fingerprint);

}  // namespace kg

#endif  // KG_INGEST_CORPUS_INGEST_H_
