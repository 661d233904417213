// Private state of a Store, shared by store.cc (open, reads) and
// store_write.cc (the write path). Not part of the public interface.
#ifndef KG_GRAPH_STORE_REP_H_
#define KG_GRAPH_STORE_REP_H_

#include <rocksdb/db.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/keys.h"
#include "graph/store.h"
#include "util/flat_string_map.h"

namespace kg {

// Converts a RocksDB status, naming what was being done (a path, a key).
Status FromRocks(const rocksdb::Status& s, std::string_view context);

// Where a bulk load writes its temporary files (inside the store folder, so
// that ingestion moves them without copying).
std::string BulkDir(const std::string& store_path);

struct Store::Rep {
  std::string path;
  bool read_only = false;
  // Unique to this open store in the process (ArticleInput::checked_by_store).
  const uint64_t serial = NextSerial();
  static uint64_t NextSerial() {
    static std::atomic<uint64_t> last{0};
    return last.fetch_add(1, std::memory_order_relaxed) + 1;
  }

  // Views (see store.h): a reader has one open; a writer publishes them.
  std::string view_name;          // reader: the view open now
  uint64_t last_view_number = 0;  // writer: the newest view published
  std::chrono::steady_clock::time_point last_publish;

  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> cf;  // indexed by ColumnFamily

  std::vector<RelationInfo> relations;  // sorted by id
  std::vector<EntityTypeInfo> types;    // sorted by id
  // Looked up for each fact (its relation and two types) by the checks
  // and the writers.
  FlatStringMap<RelationId> relation_ids;
  FlatStringMap<TypeId> type_ids;

  // Writer state, loaded at open and advanced only after a batch commits.
  EntityId next_entity_id = 1;
  ArticleNum next_article_num = 1;
  // Store::CommitCount: moved by the writer after each commit is visible,
  // with release order, so that a reader that loads it with acquire order
  // before a lookup never pairs an old count with an answer the commit made
  // stale.
  std::atomic<uint64_t> commits{0};
  // Writer caches of committed state: normalized name -> id, id -> type.
  // name_cache is emptied when it would pass kNameCacheEntries: it only
  // saves reads, and it must not grow with the corpus (some 70 bytes an
  // entry, so under 20 MB at the bound; 2M entries, the bound before, could
  // have held 180 MB for a corpus of many names).
  static constexpr size_t kNameCacheEntries = size_t{1} << 18;
  FlatStringMap<EntityId> name_cache;
  std::vector<TypeId> entity_type_cache;

  rocksdb::ColumnFamilyHandle* handle(ColumnFamily c) const { return cf[c]; }

  // Writer: publishes a view now (flush, checkpoint, switch LATEST, drop
  // views older than the previous one).
  Status PublishView();
  // Releases the RocksDB handles.
  void CloseDb();

  // The id of a relation or entity type name that the caller has checked
  // (ValidateFacts): 0, which no relation or type has, for one not there.
  RelationId RelationIdOf(std::string_view name) const {
    const RelationId* id = relation_ids.Find(name);
    return id ? *id : 0;
  }
  TypeId TypeIdOf(std::string_view name) const {
    const TypeId* id = type_ids.Find(name);
    return id ? *id : 0;
  }
  // The relation with this id, or nullptr (binary search of `relations`).
  const RelationInfo* RelationById(RelationId id) const;

  // Loads relation and type vocabularies from the meta keys.
  Status LoadVocabulary();
  // Point read; nullopt when absent.
  Result<std::optional<std::string>> Get(ColumnFamily c, std::string_view key) const;
  // The evidence rows of a triple (`spo` is its SpoKey) in key order: the
  // article number and the evidence as stored (no article id), until fn
  // returns false. Corruption when a row does not decode.
  Status ScanTripleEvidence(const std::string& spo,
                            const std::function<bool(ArticleNum, Evidence&)>& fn) const;
  // The committed entity with this normalized name or alias (cached in
  // name_cache); nullopt when none.
  Result<std::optional<EntityId>> FindName(const std::string& normalized);
  // FindName past the cache: reads the store (caching a hit), for a caller
  // that has just missed in name_cache itself.
  Result<std::optional<EntityId>> ReadName(const std::string& normalized);
  // Adds the names a commit has just stored to name_cache, emptying it first
  // when they would take it past kNameCacheEntries (and adding none when
  // they alone would): both writers call it after their commit.
  void CacheCommittedNames(const FlatStringMap<EntityId>& names);
  // The counters (n of them) at a counts key, zeros when absent (*stored
  // says which), into before, and moved by delta into after. Corruption
  // when the value does not decode or a counter would go negative. Both
  // writers (store_write.cc, bulk_loader.cc) move counters through it.
  Status MoveCounters(const std::string& key, const int64_t* delta, size_t n, uint64_t* before,
                      uint64_t* after, bool* stored) const;
  // A committed entity's record; Corruption when it is missing.
  Result<Entity> ReadEntity(EntityId id) const;
  // The type of a committed entity (cached).
  Result<TypeId> EntityType(EntityId id);
  ~Rep();
};

}  // namespace kg

#endif  // KG_GRAPH_STORE_REP_H_
