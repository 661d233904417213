// EntityCatalog: entity names and types by id, read from the store once and
// kept while the store shows the same state (Store::Generation), so that a
// query that prints a name per row does not read the entity each time.
#ifndef KG_QUERY_CATALOG_H_
#define KG_QUERY_CATALOG_H_

#include <string>
#include <unordered_map>

#include "graph/store.h"

namespace kg::query {

class EntityCatalog {
 public:
  explicit EntityCatalog(const Store& store) : store_(&store) {}

  // "#id" for an id the store cannot read (never expected).
  const std::string& Name(EntityId id);
  TypeId Type(EntityId id);
  std::string TypeName(EntityId id);
  std::string RelationName(RelationId id) const;

  // Forgets everything when the store changed since the last call.
  void Sync();

 private:
  struct Info {
    std::string name;
    TypeId type = 0;
  };
  const Info& Get(EntityId id);

  const Store* store_;
  uint64_t generation_ = 0;
  std::unordered_map<EntityId, Info> cache_;
};

}  // namespace kg::query

#endif  // KG_QUERY_CATALOG_H_
