// Private state of a Store, shared by store.cc (open, reads) and
// store_write.cc (the write path). Not part of the public interface.
#ifndef KG_GRAPH_STORE_REP_H_
#define KG_GRAPH_STORE_REP_H_

#include <rocksdb/db.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/keys.h"
#include "graph/store.h"

namespace kg {

// Converts a RocksDB status, naming what was being done (a path, a key).
Status FromRocks(const rocksdb::Status& s, std::string_view context);

struct Store::Rep {
  std::string path;
  bool read_only = false;
  std::string secondary_dir;  // reader's scratch directory, removed on close

  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> cf;  // indexed by ColumnFamily

  std::vector<RelationInfo> relations;  // sorted by id
  std::vector<EntityTypeInfo> types;    // sorted by id
  std::unordered_map<std::string, RelationId> relation_ids;
  std::unordered_map<std::string, TypeId> type_ids;

  // Writer state, loaded at open and advanced only after a batch commits.
  EntityId next_entity_id = 1;
  ArticleNum next_article_num = 1;
  // Writer caches of committed state: normalized name -> id, id -> type.
  std::unordered_map<std::string, EntityId> name_cache;
  std::vector<TypeId> entity_type_cache;

  rocksdb::ColumnFamilyHandle* handle(ColumnFamily c) const { return cf[c]; }

  // Loads relation and type vocabularies from the meta keys.
  Status LoadVocabulary();
  // Point read; nullopt when absent.
  Result<std::optional<std::string>> Get(ColumnFamily c, std::string_view key) const;
  // The type of a committed entity (cached).
  Result<TypeId> EntityType(EntityId id);
  ~Rep();
};

}  // namespace kg

#endif  // KG_GRAPH_STORE_REP_H_
