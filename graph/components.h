// Connected components of a Projection: weak (edges in either direction)
// and strong (Boost.Graph's Tarjan, strong_components).
#ifndef KG_GRAPH_COMPONENTS_H_
#define KG_GRAPH_COMPONENTS_H_

#include <cstdint>
#include <vector>

#include "graph/projection.h"

namespace kg {

struct Components {
  // Component number per vertex. Components are numbered by size, largest
  // first (ties: the one holding the lowest vertex first).
  std::vector<uint32_t> component;
  std::vector<uint32_t> sizes;  // per component number
};

Components WeakComponents(const Projection& g);
Components StrongComponents(const Projection& g);

}  // namespace kg

#endif  // KG_GRAPH_COMPONENTS_H_
