// BulkLoader: fills an empty store far faster than WriteArticles, for the
// first import of a large set of articles.
//
// WriteArticles pays, per fact, point reads of the names, triple and counter
// records and a trip through the memtable and its later compaction. A bulk
// load knows the store is empty: it builds every index in memory, sorts each,
// writes one SST file per column family (RocksDB's SstFileWriter, several
// files at once on several cores) and hands them all to RocksDB in one
// IngestExternalFiles call, which is atomic across column families. The
// result is the same store, byte for byte in content, that WriteArticles of
// the same articles would have built.
//
// Atomicity: until Finish ingests the files nothing is visible; if the
// process dies before, the store is as empty as it was (left-over temporary
// files are removed at the next OpenForWrite). Finish publishes a view, so a
// reader sees nothing or everything.
//
// Memory: everything added is held until Finish (about the encoded size of
// the evidence plus ~100 bytes per distinct triple and per name);
// memory_bytes() lets a caller stop adding and Finish early, then go on
// with WriteArticles, which works on a non-empty store.
//
// Obtain one from Store::StartBulkLoad. The store must not be written by
// other means while a loader is open; not thread-safe.
#ifndef KG_GRAPH_BULK_LOADER_H_
#define KG_GRAPH_BULK_LOADER_H_

#include <cstdint>
#include <memory>

#include "graph/store.h"
#include "graph/types.h"
#include "util/result.h"

namespace kg {

class BulkLoader {
 public:
  ~BulkLoader();  // removes temporary files left by an unfinished load
  BulkLoader(const BulkLoader&) = delete;
  BulkLoader& operator=(const BulkLoader&) = delete;

  // Takes one article. InvalidArgument, with nothing of the article kept,
  // where WriteArticles would reject it (see store.h) or for an id already
  // added. FailedPrecondition after Finish.
  Status Add(ArticleInput article);

  // Writes the sorted files and ingests them; then publishes a view. After
  // it, successful or not, the loader takes nothing more. With nothing
  // added it changes nothing.
  Result<WriteSummary> Finish();

  uint64_t articles() const;
  uint64_t facts() const;
  // Approximate bytes held for Finish.
  uint64_t memory_bytes() const;

 private:
  friend class Store;
  struct State;
  explicit BulkLoader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace kg

#endif  // KG_GRAPH_BULK_LOADER_H_
