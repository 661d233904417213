#include "graph/name_resolver.h"

#include "util/suggest.h"

namespace kg {

Result<EntityId> ResolveEntityName(const Store& store, std::string_view name) {
  KG_ASSIGN_OR_RETURN(auto id, store.LookupEntity(name));
  if (id) return *id;
  // Only on the error path: a scan of the dictionary for the closest name.
  std::vector<std::string> names;
  KG_RETURN_IF_ERROR(store.ScanEntities([&](const Entity& e) {
    names.push_back(e.name);
    for (const auto& a : e.aliases)
      names.push_back(a);
    return true;
  }));
  std::string msg = "unknown entity '" + std::string(name) + "'";
  const std::string guess = ClosestMatch(name, names);
  if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
  return Status::NotFound(msg);
}

Result<RelationId> ResolveRelationName(const Store& store, std::string_view name) {
  if (const RelationInfo* r = store.FindRelation(name)) return r->id;
  std::vector<std::string> names;
  for (const auto& r : store.relations())
    names.push_back(r.name);
  std::string msg = "unknown relation '" + std::string(name) + "'";
  const std::string guess = ClosestMatch(name, names);
  if (!guess.empty()) {
    msg += " (did you mean '" + guess + "'?)";
  } else {
    msg += "; relations are:";
    for (const auto& n : names)
      msg += " " + n;
  }
  return Status::NotFound(msg);
}

}  // namespace kg
