#include "query/catalog.h"

namespace kg::query {

namespace {
// Bounds the cache on huge stores; refilled on demand.
constexpr size_t kMaxCached = 1 << 20;
}  // namespace

const EntityCatalog::Info& EntityCatalog::Get(EntityId id) {
  auto it = cache_.find(id);
  if (it != cache_.end()) return it->second;
  if (cache_.size() >= kMaxCached) cache_.clear();
  Info info;
  auto e = store_->GetEntity(id);
  if (e.ok()) {
    info.name = std::move(e->name);
    info.type = e->type;
  } else {
    info.name = "#" + std::to_string(id);
  }
  return cache_.emplace(id, std::move(info)).first->second;
}

const std::string& EntityCatalog::Name(EntityId id) {
  return Get(id).name;
}

TypeId EntityCatalog::Type(EntityId id) {
  return Get(id).type;
}

std::string EntityCatalog::TypeName(EntityId id) {
  const EntityTypeInfo* t = store_->GetEntityType(Type(id));
  return t ? t->name : "";
}

std::string EntityCatalog::RelationName(RelationId id) const {
  const RelationInfo* r = store_->GetRelation(id);
  return r ? r->name : "#" + std::to_string(id);
}

void EntityCatalog::Sync() {
  const uint64_t g = store_->Generation();
  if (g != generation_) {
    cache_.clear();
    generation_ = g;
  }
}

}  // namespace kg::query
