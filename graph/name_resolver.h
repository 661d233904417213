// Turns names a person typed into store ids, with "did you mean" help.
#ifndef KG_GRAPH_NAME_RESOLVER_H_
#define KG_GRAPH_NAME_RESOLVER_H_

#include <string_view>

#include "graph/store.h"

namespace kg {

// The entity a name or alias denotes (case-insensitive). NotFound reads
// "unknown entity 'Hauwei' (did you mean 'Huawei'?)".
Result<EntityId> ResolveEntityName(const Store& store, std::string_view name);

// The relation of that name. NotFound lists a close name, or all of them.
Result<RelationId> ResolveRelationName(const Store& store, std::string_view name);

}  // namespace kg

#endif  // KG_GRAPH_NAME_RESOLVER_H_
