// DotWriter: a selection of the graph as Graphviz DOT, readable by default
// and safe with any name.
//
// Readable: node shape and fill by entity type, edge colour and label by
// relation, pen width growing with evidence, dashed edges for facts only
// ever hedged and a distinct style (dotted, a bar for arrowhead) for facts
// only ever negated, a tooltip with the best evidence sentence, a legend,
// optional clusters (by country bloc or by type), and a rankdir.
//
// Safe: DOT is written here, not by boost::write_graphviz (which escapes
// only the double quote). Node ids are synthetic (n0, n1, ...); every string
// is quoted; a backslash is escaped before a quote; newlines become \n;
// other control characters are dropped; so no name can end a string, open a
// new statement or be read as a keyword.
//
// Stable: nodes and edges are written in the order given (callers sort them),
// and attributes in a fixed order, so the same store gives the same file.
#ifndef KG_GRAPH_DOT_WRITER_H_
#define KG_GRAPH_DOT_WRITER_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/types.h"

namespace kg {

struct DotNode {
  std::string name;
  std::string type;     // entity type: picks shape and fill
  std::string cluster;  // "" or the cluster it belongs to (bloc or type)
};

struct DotEdge {
  size_t from = 0, to = 0;  // indexes into the node list
  std::string relation;
  uint32_t evidence = 1;
  ModalitySet modalities = 0;
  std::string tooltip;  // the best evidence sentence and its article
};

struct DotOptions {
  std::string title;           // graph label; "" for none
  std::string rankdir = "LR";  // LR, RL, TB or BT
  bool legend = true;
};

// The quoted DOT string for s: "..." with \ and " escaped, newlines as \n,
// other control characters dropped.
std::string DotQuote(std::string_view s);

// Writes the graph. Clusters are the nodes' non-empty `cluster` values, in
// order of first appearance.
void WriteDot(const std::vector<DotNode>& nodes, const std::vector<DotEdge>& edges,
              const DotOptions& options, std::ostream& out);

}  // namespace kg

#endif  // KG_GRAPH_DOT_WRITER_H_
