#include "ingest/corpus_ingest.h"

#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include "graph/bulk_loader.h"
#include "ingest/input_stream.h"
#include "util/file.h"
#include "util/hash.h"

namespace kg {

namespace {

using Clock = std::chrono::steady_clock;

// Changed whenever a change of the extraction code changes what it finds, so
// that a re-run extracts unchanged articles again (RulesFingerprint).
constexpr std::string_view kExtractionCodeVersion = "extractor-2026-11";

// Results the workers gather before they wake the writer (see Work).
constexpr size_t kWriterWakeBatch = 32;

// Articles the writer passes to a worker to free, at most: when it takes
// no more (it waits for the reader), the writer frees the rest.
constexpr size_t kMaxSpentForWorkers = 1024;

// Window accounting for a document: its text, and a floor for the small ones
// (their facts and bookkeeping weigh too).
size_t WindowBytes(const ArticleText& a) {
  return std::max<size_t>(1024, a.body.size() + a.title.size() + a.id.size());
}

// One document on its way from the reader to the writer.
struct Item {
  enum class Kind { kArticle, kBad };
  enum class Outcome { kPending, kExtracted, kSkipped, kDuplicate, kInvalid };

  uint64_t seq = 0;
  unsigned worker = 0;  // the one that extracted it, and frees it (Pipeline::Work)
  Kind kind = Kind::kArticle;
  Outcome outcome = Outcome::kPending;
  size_t window_bytes = 0;
  uint64_t text_bytes = 0;
  bool stored_before = false;  // the store held the id when a worker looked
  ArticleText text;            // kArticle, until a worker is done with it
  ArticleInput extracted;      // kExtracted
  LineError bad;               // kBad, kInvalid
};

// Names the thread for top, perf and gdb (at most 15 characters).
void NameThisThread(const char* name) {
  pthread_setname_np(pthread_self(), name);
}

// The "PATH: " a status message starts with, dropped where the path is
// reported in its own field.
std::string WithoutPathPrefix(const std::string& message, const std::string& path) {
  const std::string prefix = path + ": ";
  if (message.rfind(prefix, 0) == 0) return message.substr(prefix.size());
  if (path == "-" && message.rfind("<stdin>: ", 0) == 0) return message.substr(9);
  return message;
}

// A chunk frees tens of MB at once (its maps and records, the buffers of
// its sort and of its files; the loader keeps its largest buffers for the
// next chunk), among blocks still in use (the block cache's, the
// workers'): glibc keeps such free pages mapped (130 MB of them in one
// sample of an 8 GB ingest, before the loader kept its buffers), and the
// peak resident size crept up with them. malloc_trim gives whole free pages back to the
// system; once per chunk it costs milliseconds.
void ReleaseFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace

// The shared state of one Run: the queues and the counters the threads
// report through.
class Pipeline {
 public:
  Pipeline(Store* store, const Extractor& extractor, ArticleReader& reader,
           const IngestOptions& options, const CorpusListing& corpus)
      : store_(store), extractor_(extractor), reader_(reader), options_(options), corpus_(corpus) {}

  IngestResult Run(const CorpusIngester::BadDocumentFn& on_bad,
                   const CorpusIngester::ProgressFn& on_progress,
                   std::chrono::milliseconds progress_interval);

 private:
  // --- Reader thread ---
  void ReadAll();
  // Numbers an item and queues it; waits while the window is full. False
  // when the run is ending (the item is dropped).
  bool Issue(std::unique_ptr<Item> item);
  bool IssueBad(std::string file, size_t line, std::string message);
  bool IssueReaderErrors();

  // --- Workers ---
  void Work(unsigned worker);
  void Process(Item* item) const;

  // --- Writer (the caller's thread) ---
  void Handle(std::unique_ptr<Item> item);
  void AddToBatch(std::unique_ptr<Item> item);
  void AddToChunk(std::unique_ptr<Item> item);
  // Writes what is pending: the bulk chunk, then the WriteArticles batch.
  void Flush();
  // When the pending writes are due by time (max when none is pending).
  Clock::time_point FlushDue() const;
  void Fail(Status s) {
    result_.error = std::move(s);
    Abort();
  }
  void Count(const WriteSummary& summary);
  void Abort() {
    aborting_.store(true);
    std::lock_guard<std::mutex> lock(mu_);
    work_cv_.notify_all();
    window_cv_.notify_all();
    ready_cv_.notify_all();
  }
  IngestProgress Snapshot() const;
  bool Aborting() const { return aborting_.load(std::memory_order_relaxed); }

  Store* store_;
  const Extractor& extractor_;
  ArticleReader& reader_;
  const IngestOptions& options_;
  const CorpusListing& corpus_;
  const CorpusIngester::BadDocumentFn* on_bad_ = nullptr;
  Clock::time_point start_;

  std::mutex mu_;
  std::condition_variable work_cv_;    // workers: an item to extract, or the end
  std::condition_variable ready_cv_;   // writer: a result, or the end
  std::condition_variable window_cv_;  // reader: room in the window
  std::deque<std::unique_ptr<Item>> work_;
  std::map<uint64_t, std::unique_ptr<Item>> ready_;
  // Articles the bulk loader has taken, for the workers to free, by the
  // worker that extracted them: freeing them is a good part of a writer's
  // time per article, and the writer is the one thread that does not scale.
  // Each worker frees its own: the facts were allocated in its malloc
  // arena, and a free into another thread's arena waits for that arena's
  // lock, which its owner takes for its own allocations. Freed by whichever
  // worker came first, the two workers slept on that lock some 500 times a
  // second, the core idle meanwhile. (Handing the items and their texts
  // back to the reader, which allocated them, to free made the run slower,
  // with 1 worker and with 2: bench/RESULTS.md.)
  std::vector<std::vector<std::unique_ptr<Item>>> spent_for_workers_;
  uint64_t issued_ = 0;
  bool reader_done_ = false;
  unsigned workers_running_ = 0;
  size_t window_used_ = 0;
  size_t window_items_ = 0;
  std::atomic<bool> aborting_{false};

  // Reader progress, read by the writer for reports.
  std::atomic<uint64_t> files_done_{0}, bytes_read_{0}, documents_{0}, text_bytes_{0};

  // Writer state.
  std::unique_ptr<BulkLoader> loader_;        // null unless options_.bulk
  std::vector<std::unique_ptr<Item>> spent_;  // taken by the loader, to pass on
  uint64_t chunk_articles_ = 0;               // given to the loader since its last Finish
  Clock::time_point chunk_started_;
  std::vector<ArticleInput> batch_;
  std::unordered_set<std::string> batch_ids_;
  size_t batch_bytes_ = 0;
  Clock::time_point batch_started_;
  IngestProgress counts_;  // the writer's counters (the reader's are atomics)
  IngestResult result_;
};

void Pipeline::ReadAll() {
  NameThisThread("kg-reader");
  uint64_t done_bytes = 0;
  for (const CorpusFile& file : corpus_.files) {
    if (Aborting()) break;
    auto input = InputStream::Open(file.path);
    if (!input.ok()) {
      IssueBad(file.path, 0, WithoutPathPrefix(input.status().message(), file.path));
      files_done_.fetch_add(1);
      continue;
    }
    InputStream& in = **input;
    Status s = reader_.ReadInput(in, [&](ArticleText&& article) {
      if (!IssueReaderErrors()) return false;
      auto item = std::make_unique<Item>();
      item->window_bytes = WindowBytes(article);
      item->text_bytes = article.body.size();
      item->text = std::move(article);
      documents_.fetch_add(1, std::memory_order_relaxed);
      text_bytes_.fetch_add(item->text_bytes, std::memory_order_relaxed);
      bytes_read_.store(done_bytes + in.raw_bytes_read(), std::memory_order_relaxed);
      return Issue(std::move(item));
    });
    IssueReaderErrors();
    if (!s.ok() && !Aborting()) IssueBad(file.path, 0, WithoutPathPrefix(s.message(), file.path));
    done_bytes += in.raw_bytes_read();
    bytes_read_.store(done_bytes, std::memory_order_relaxed);
    files_done_.fetch_add(1);
  }
  std::lock_guard<std::mutex> lock(mu_);
  reader_done_ = true;
  work_cv_.notify_all();
  ready_cv_.notify_all();
}

bool Pipeline::IssueReaderErrors() {
  for (LineError& e : reader_.TakeErrors()) {
    documents_.fetch_add(1, std::memory_order_relaxed);
    if (!IssueBad(std::move(e.file), e.line, std::move(e.message))) return false;
  }
  return !Aborting();
}

bool Pipeline::IssueBad(std::string file, size_t line, std::string message) {
  auto item = std::make_unique<Item>();
  item->kind = Item::Kind::kBad;
  item->window_bytes = 256;
  item->bad = LineError{std::move(file), line, std::move(message)};
  return Issue(std::move(item));
}

bool Pipeline::Issue(std::unique_ptr<Item> item) {
  std::unique_lock<std::mutex> lock(mu_);
  window_cv_.wait(lock, [&] {
    return Aborting() || window_items_ == 0 ||
           window_used_ + item->window_bytes <= options_.window_bytes;
  });
  if (Aborting()) return false;
  item->seq = issued_++;
  window_used_ += item->window_bytes;
  ++window_items_;
  if (item->kind == Item::Kind::kBad) {
    ready_.emplace(item->seq, std::move(item));
    ready_cv_.notify_one();
  } else {
    work_.push_back(std::move(item));
    work_cv_.notify_one();
  }
  return true;
}

void Pipeline::Work(unsigned worker) {
  NameThisThread("kg-extract");
  for (;;) {
    std::unique_ptr<Item> item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return Aborting() || !work_.empty() || reader_done_; });
      if (Aborting() || work_.empty()) {
        // Aborting, or the reader is done and nothing is left.
        if (--workers_running_ == 0) ready_cv_.notify_all();
        return;
      }
      item = std::move(work_.front());
      work_.pop_front();
    }
    item->worker = worker;
    Process(item.get());
    bool wake;
    std::vector<std::unique_ptr<Item>> spent;
    {
      std::lock_guard<std::mutex> lock(mu_);
      spent.swap(spent_for_workers_[worker]);
      ready_.emplace(item->seq, std::move(item));
      // Waking the writer for each article cost two context switches per
      // article; it is woken for a run of them instead, and whenever no
      // work is queued (the reader is behind, or waits for the window to
      // drain) so that nothing waits on a sleeping writer.
      wake = ready_.size() >= kWriterWakeBatch || work_.empty() || reader_done_;
    }
    // Outside the lock, so that the writer does not wake into a held mutex.
    if (wake) ready_cv_.notify_one();
    spent.clear();
  }
}

void Pipeline::Process(Item* item) const {
  ArticleText& text = item->text;
  uint64_t source_hash = 0, text_hash = 0;
  std::optional<uint64_t> absent_at_commit;
  if (!options_.dry_run && store_ != nullptr) {
    const ArticleHashes hashes = HashArticle(text, options_.rules_fingerprint);
    source_hash = hashes.source;
    text_hash = hashes.text;
    // Read before the lookups: what they find absent stays so while no
    // commit moves the count (the writer then need not look again).
    const uint64_t commits = store_->CommitCount();
    // A failed lookup is not fatal here: the article is extracted, and the
    // write that follows reports a store that cannot be read.
    auto stored = store_->GetArticle(text.id);
    const bool known = stored.ok() && stored->has_value();
    item->stored_before = known;
    if (known && !options_.reextract && (*stored)->source_hash == source_hash) {
      item->outcome = Item::Outcome::kSkipped;
      text = ArticleText();
      return;
    }
    if (!known) {
      auto twin = store_->FindArticleByText(text_hash);
      if (twin.ok() && twin->has_value() && **twin != text.id) {
        item->outcome = Item::Outcome::kDuplicate;
        text = ArticleText();
        return;
      }
      if (stored.ok() && twin.ok() && !twin->has_value()) absent_at_commit = commits;
    }
  }
  // Whatever the text holds, one article must not end the run: an exception
  // from the extraction (memory) makes it a bad document instead.
  try {
    item->extracted = extractor_.Extract(text);
    item->extracted.meta.source_hash = source_hash;
    item->extracted.meta.text_hash = text_hash;
    item->extracted.absent_at_commit = absent_at_commit;
    item->outcome = Item::Outcome::kExtracted;
    if (store_ != nullptr) {
      Status valid = store_->PrepareArticle(&item->extracted);
      if (!valid.ok()) {
        item->outcome = Item::Outcome::kInvalid;
        item->bad = LineError{text.file, text.line, "cannot be stored: " + valid.message()};
        item->extracted = ArticleInput();
      }
    }
  } catch (const std::exception& e) {
    item->outcome = Item::Outcome::kInvalid;
    item->bad = LineError{text.file, text.line, std::string("extraction failed: ") + e.what()};
    item->extracted = ArticleInput();
  }
  if (item->outcome == Item::Outcome::kInvalid)
    item->bad.file = text.file == "-" ? "<stdin>" : text.file;
  text = ArticleText();
}

void Pipeline::Handle(std::unique_ptr<Item> item) {
  if (item->kind == Item::Kind::kBad || item->outcome == Item::Outcome::kInvalid) {
    ++counts_.bad_documents;
    (*on_bad_)(item->bad);
    if (options_.fail_fast) {
      result_.stopped_at_bad_document = true;
      Abort();
    }
    return;
  }
  switch (item->outcome) {
    case Item::Outcome::kSkipped:
      ++counts_.articles_skipped;
      return;
    case Item::Outcome::kDuplicate:
      ++counts_.articles_duplicate;
      return;
    default:
      AddToBatch(std::move(item));
  }
}

void Pipeline::AddToBatch(std::unique_ptr<Item> item) {
  if (!result_.error.ok()) return;
  ArticleInput& article = item->extracted;
  if (loader_ && !item->stored_before) {
    // New when the worker looked; still new unless an earlier article of
    // this run had the same id (then this later version replaces it).
    auto is_new = loader_->IsNew(article);
    if (!is_new.ok()) return Fail(is_new.status());
    if (*is_new) return AddToChunk(std::move(item));
  }
  // The same id twice in one write is an error; the second goes in the next.
  if (batch_ids_.count(article.meta.id)) Flush();
  if (!result_.error.ok()) return;
  if (batch_.empty()) batch_started_ = Clock::now();
  batch_ids_.insert(article.meta.id);
  batch_bytes_ += item->text_bytes;
  batch_.push_back(std::move(article));
  if (batch_.size() >= options_.batch_articles || batch_bytes_ >= options_.batch_bytes) Flush();
}

void Pipeline::AddToChunk(std::unique_ptr<Item> item) {
  if (chunk_articles_ == 0) chunk_started_ = Clock::now();
  ++chunk_articles_;
  // The worker checked the article (PrepareArticle) and the id is new: what
  // is left to fail is the store.
  Status added = loader_->Add(&item->extracted);
  if (!added.ok()) return Fail(std::move(added));
  spent_.push_back(std::move(item));
  if (loader_->memory_bytes() >= options_.bulk_bytes) Flush();
}

Clock::time_point Pipeline::FlushDue() const {
  // A pending batch waits for a pending chunk: it cannot be written first.
  if (chunk_articles_ > 0) return chunk_started_ + options_.bulk_interval;
  if (!batch_.empty()) return batch_started_ + options_.batch_interval;
  return Clock::time_point::max();
}

void Pipeline::Count(const WriteSummary& summary) {
  counts_.articles_written += summary.articles_written;
  counts_.articles_replaced += summary.articles_replaced;
  counts_.articles_unchanged += summary.articles_unchanged;
  counts_.articles_duplicate += summary.articles_duplicate;
  counts_.triples_added += summary.triples_added;
  counts_.evidence_added += summary.evidence_added;
  counts_.evidence_removed += summary.evidence_removed;
  counts_.entities_created += summary.entities_created;
}

void Pipeline::Flush() {
  if (!result_.error.ok()) return;
  if (chunk_articles_ > 0) {
    ++counts_.batches;
    chunk_articles_ = 0;
    auto summary = loader_->Finish();
    if (!summary.ok()) return Fail(summary.status());
    Count(*summary);
    ReleaseFreedMemory();
  }
  if (batch_.empty()) return;
  ++counts_.batches;
  if (options_.dry_run || store_ == nullptr) {
    // Nothing stored: "written" counts the articles extracted.
    for (const ArticleInput& a : batch_) {
      ++counts_.articles_written;
      counts_.evidence_added += a.facts.size();
    }
  } else {
    auto summary = store_->WriteArticles(std::move(batch_));
    if (!summary.ok()) return Fail(summary.status());
    Count(*summary);
  }
  batch_.clear();
  batch_ids_.clear();
  batch_bytes_ = 0;
}

IngestProgress Pipeline::Snapshot() const {
  IngestProgress p = counts_;
  p.files_total = corpus_.files.size();
  p.files_done = files_done_.load();
  p.bytes_total = corpus_.total_bytes;
  p.bytes_read = bytes_read_.load();
  p.text_bytes = text_bytes_.load();
  p.documents = documents_.load();
  p.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  return p;
}

IngestResult Pipeline::Run(const CorpusIngester::BadDocumentFn& on_bad,
                           const CorpusIngester::ProgressFn& on_progress,
                           std::chrono::milliseconds progress_interval) {
  start_ = Clock::now();
  on_bad_ = &on_bad;
  for (const LineError& problem : corpus_.problems) {
    ++counts_.bad_documents;
    on_bad(problem);
  }
  unsigned workers = options_.workers;
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  workers_running_ = workers;
  if (options_.bulk && !options_.dry_run && store_ != nullptr) {
    auto loader = store_->StartBulkLoad();
    if (!loader.ok()) {
      result_.error = loader.status();
      result_.progress = Snapshot();
      return std::move(result_);
    }
    loader_ = std::move(loader).value();
  }
  std::thread reader([this] { ReadAll(); });
  std::vector<std::thread> pool;
  spent_for_workers_.resize(workers);
  for (unsigned i = 0; i < workers; ++i)
    pool.emplace_back([this, i] { Work(i); });

  uint64_t next = 0;
  Clock::time_point next_progress = start_ + progress_interval;
  std::vector<std::unique_ptr<Item>> items;  // taken in order under one lock
  for (;;) {
    items.clear();
    bool done = false;
    bool wake_reader = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_cv_.wait_until(lock, std::min(FlushDue(), next_progress), [&] {
        const bool next_ready = !ready_.empty() && ready_.begin()->first == next;
        return next_ready || (reader_done_ && next == issued_) ||
               (Aborting() && workers_running_ == 0) ||
               (options_.stop && options_.stop->load() && !result_.interrupted);
      });
      if (options_.stop && options_.stop->load() && !result_.interrupted && !Aborting()) {
        // Ctrl-C: the workers finish what they hold; what comes back in
        // order is written below; the rest is dropped.
        result_.interrupted = true;
        lock.unlock();
        Abort();
        lock.lock();
      }
      // Passed on while the workers keep up; beyond a bound (they wait
      // for the reader) the writer frees them itself, below.
      for (std::unique_ptr<Item>& spent : spent_) {
        auto& to_worker = spent_for_workers_[spent->worker];
        if (to_worker.size() < kMaxSpentForWorkers) to_worker.push_back(std::move(spent));
      }
      while (!ready_.empty() && ready_.begin()->first == next && result_.error.ok() &&
             !result_.stopped_at_bad_document && items.size() < kWriterWakeBatch * 4) {
        std::unique_ptr<Item>& item = items.emplace_back(std::move(ready_.begin()->second));
        ready_.erase(ready_.begin());
        window_used_ -= item->window_bytes;
        --window_items_;
        ++next;
      }
      if (items.empty()) {
        done = (reader_done_ && next == issued_) || (Aborting() && workers_running_ == 0);
      } else {
        // The reader is woken once a quarter of the window is free, not for
        // each article: it then reads a run of them.
        wake_reader = window_used_ <= options_.window_bytes / 4 * 3;
      }
    }
    if (wake_reader) window_cv_.notify_one();
    spent_.clear();
    if (done) break;
    for (std::unique_ptr<Item>& item : items) {
      // A failed write or --fail-fast drops the rest, as it drops what is
      // still queued.
      if (!result_.error.ok() || result_.stopped_at_bad_document) break;
      Handle(std::move(item));
    }
    const Clock::time_point now = Clock::now();
    if (now >= FlushDue()) Flush();
    if (now >= next_progress) {
      if (on_progress) on_progress(Snapshot());
      next_progress = now + progress_interval;
    }
  }
  // The batch in flight: the articles before an interruption or a bad
  // document (fail-fast) are written; after a write error nothing more is.
  Flush();
  Abort();
  reader.join();
  for (std::thread& t : pool)
    t.join();
  result_.progress = Snapshot();
  if (on_progress) on_progress(result_.progress);
  return std::move(result_);
}

IngestResult CorpusIngester::Run(const CorpusListing& corpus, const BadDocumentFn& on_bad,
                                 const ProgressFn& on_progress,
                                 std::chrono::milliseconds progress_interval) {
  Pipeline pipeline(store_, extractor_, reader_, options_, corpus);
  return pipeline.Run(on_bad, on_progress, progress_interval);
}

Result<uint64_t> RulesFingerprint(const std::string& schema_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(schema_dir, ec);
  if (ec) return Status::IOError(schema_dir + ": " + ec.message());
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    std::error_code kind_ec;
    if (it->is_regular_file(kind_ec)) files.push_back(it->path().string());
  }
  if (ec) return Status::IOError(schema_dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  ContentHasher h;
  h.UpdateField(kExtractionCodeVersion);
  for (const std::string& path : files) {
    KG_ASSIGN_OR_RETURN(std::string content, ReadFileToString(path));
    h.UpdateField(path.substr(schema_dir.size()));
    h.UpdateField(content);
  }
  return h.Finish();
}

namespace {

// The source hash from the document's hash and the rules' fingerprint.
uint64_t MixSourceHash(uint64_t document, uint64_t rules_fingerprint) {
  ContentHasher mixed;
  char bytes[16];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<char>(document >> (8 * i));
    bytes[8 + i] = static_cast<char>(rules_fingerprint >> (8 * i));
  }
  mixed.Update(std::string_view(bytes, sizeof bytes));
  return mixed.Finish();
}

// ArticleTextHash a byte at a time: runs of non-space bytes, one space
// between runs, none before the first or after the last.
class CollapsedSpaceHasher {
 public:
  void Add(unsigned char c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space_pending_ = started_;
      return;
    }
    if (space_pending_) {
      hasher_.UpdateByte(' ');
      space_pending_ = false;
    }
    hasher_.UpdateByte(c);
    started_ = true;
  }
  uint64_t Finish() const {
    const uint64_t v = hasher_.Finish();
    return v == 0 ? 1 : v;
  }

 private:
  ContentHasher hasher_;
  bool started_ = false;
  bool space_pending_ = false;
};

}  // namespace

uint64_t ArticleSourceHash(const ArticleText& article, uint64_t rules_fingerprint) {
  return MixSourceHash(ArticleDocumentHash(article), rules_fingerprint);
}

uint64_t ArticleTextHash(std::string_view body) {
  CollapsedSpaceHasher h;
  for (unsigned char c : body)
    h.Add(c);
  return h.Finish();
}

ArticleHashes HashArticle(const ArticleText& article, uint64_t rules_fingerprint) {
  // Two passes over the body cost a worker 2.5% of its time (FNV-1a's
  // multiply per byte); the two chains in one loop overlap.
  ContentHasher document = DocumentHasherBeforeBody(article);
  CollapsedSpaceHasher text;
  for (unsigned char c : article.body) {
    document.UpdateByte(c);
    text.Add(c);
  }
  return ArticleHashes{MixSourceHash(document.Finish(), rules_fingerprint), text.Finish()};
}

}  // namespace kg
