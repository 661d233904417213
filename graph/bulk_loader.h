// BulkLoader: adds new articles to a store far faster than WriteArticles,
// for the first import of a large set of articles and for a batch ingest.
//
// WriteArticles pays, per fact, point reads of the names, triple and counter
// records, a trip through the memtable and the write-ahead log, and its
// later flush and compaction. A bulk load gathers articles in memory, and
// at Finish sorts them and writes one SST file per column family (RocksDB's
// SstFileWriter, several files at once on several cores), reading the store
// only once per distinct triple, entity and counter; it hands the files to
// RocksDB in one IngestExternalFiles call, which is atomic across column
// families. The result is the same store, in content, that WriteArticles of
// the same articles would have built.
//
// Chunks: Finish loads what was added since the previous Finish, and the
// loader then takes more, so that a caller bounds memory by calling Finish
// whenever memory_bytes() grows past its budget. Each chunk starts from the
// store as it was at the chunk's first Add; the store may be written by
// other means (WriteArticles) between chunks, never during one: Finish then
// refuses the chunk.
//
// Only new articles: an id the store holds already, or one added earlier in
// the same chunk, is refused (IsNew says which beforehand); replacing an
// article is WriteArticles' work.
//
// Atomicity: until Finish ingests the files nothing of a chunk is visible;
// if the process dies before, the store is as it was (left-over temporary
// files are removed at the next OpenForWrite). Finish publishes a view, so a
// reader sees all of a chunk or nothing.
//
// Memory: a chunk is held until Finish (about the encoded size of its
// evidence plus ~100 bytes per distinct triple and per name).
//
// Obtain one from Store::StartBulkLoad; not thread-safe.
#ifndef KG_GRAPH_BULK_LOADER_H_
#define KG_GRAPH_BULK_LOADER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "graph/store.h"
#include "graph/types.h"
#include "util/result.h"

namespace kg {

class BulkLoader {
 public:
  ~BulkLoader();  // removes temporary files left by an unfinished load
  BulkLoader(const BulkLoader&) = delete;
  BulkLoader& operator=(const BulkLoader&) = delete;

  // False when the store holds an article with this id or the current
  // chunk has one: Add would refuse it.
  Result<bool> IsNew(const std::string& id) const;
  // The same for an article's id, reading the store only when the caller
  // has not found it absent since the last commit (ArticleInput::absent_at_commit).
  Result<bool> IsNew(const ArticleInput& article) const;

  // Takes one article into the current chunk. InvalidArgument, with nothing
  // of the article kept, where WriteArticles would reject it (see store.h)
  // or where IsNew is false. A new id whose text (ArticleMeta::text_hash) is
  // stored or added already is a duplicate: counted, not kept, OK. An error
  // from reading the store (IOError, Corruption) spoils the chunk: Finish
  // then refuses it.
  Status Add(ArticleInput article) { return Add(&article); }
  // The same, leaving the article's storage with the caller (normalized as
  // stored, see Store::PrepareArticle): a caller that frees it on another
  // thread takes that work off the loader's.
  Status Add(ArticleInput* article);

  // Writes the current chunk's sorted files and ingests them; then
  // publishes a view. Successful or not, the next Add starts a new chunk.
  // With nothing added it changes nothing. FailedPrecondition, with nothing
  // of the chunk loaded, when the store was written since the chunk began.
  Result<WriteSummary> Finish();

  // Of the current chunk.
  uint64_t articles() const;
  uint64_t facts() const;
  // Approximate bytes held for Finish (of the current chunk).
  uint64_t memory_bytes() const;

 private:
  friend class Store;
  struct State;
  explicit BulkLoader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace kg

#endif  // KG_GRAPH_BULK_LOADER_H_
