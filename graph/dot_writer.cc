#include "graph/dot_writer.h"

#include <cmath>
#include <map>
#include <set>

namespace kg {

namespace {

struct TypeStyle {
  const char* shape;
  const char* fill;
};

// One look per entity type of the default ontology; others get a plain box.
TypeStyle StyleOf(std::string_view type) {
  static const std::map<std::string_view, TypeStyle> kStyles = {
      {"country", {"doubleoctagon", "#f4cccc"}},
      {"bloc", {"tripleoctagon", "#ead1dc"}},
      {"government_body", {"house", "#fce5cd"}},
      {"company", {"box", "#cfe2f3"}},
      {"organization", {"component", "#d9ead3"}},
      {"person", {"ellipse", "#fff2cc"}},
      {"technology", {"hexagon", "#e6e6e6"}},
      {"product", {"note", "#d0e0e3"}},
      {"policy", {"cds", "#d9d2e9"}},
  };
  const auto it = kStyles.find(type);
  return it == kStyles.end() ? TypeStyle{"box", "#ffffff"} : it->second;
}

// A colour per relation of the default ontology; others grey.
const char* ColourOf(std::string_view relation) {
  static const std::map<std::string_view, const char*> kColours = {
      {"restricts", "#cc0000"},
      {"sanctions", "#990000"},
      {"bans", "#e06666"},
      {"imposes_tariffs_on", "#e69138"},
      {"invests_in", "#38761d"},
      {"funds", "#6aa84f"},
      {"acquires", "#274e13"},
      {"partners_with", "#3d85c6"},
      {"supplies", "#0b5394"},
      {"competes_with", "#9900ff"},
      {"develops", "#45818e"},
      {"releases", "#76a5af"},
      {"manufactures", "#134f5c"},
      {"uses", "#a64d79"},
      {"outperforms", "#b45f06"},
      {"comparable_to", "#bf9000"},
      {"leads_in", "#7f6000"},
      {"accuses", "#cc4125"},
      {"owns", "#666666"},
      {"based_in", "#999999"},
      {"affiliated_with", "#b7b7b7"},
  };
  const auto it = kColours.find(relation);
  return it == kColours.end() ? "#444444" : it->second;
}

// Only ever hedged: dashed; only ever negated: dotted with a bar head.
const char* StyleOfModalities(ModalitySet m) {
  if (m == ModalityBit(Modality::kNegated)) return "dotted";
  if (m == ModalityBit(Modality::kHedged)) return "dashed";
  return "solid";
}

// Text for an HTML-like label: &, < and > escaped, controls dropped.
std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"') {
      out += "&quot;";
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string DotQuote(std::string_view s) {
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (const char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (u < 0x20 || u == 0x7f) {
      // dropped: tabs, carriage returns and other controls
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

void WriteDot(const std::vector<DotNode>& nodes, const std::vector<DotEdge>& edges,
              const DotOptions& options, std::ostream& out) {
  out << "digraph kg {\n";
  out << "  graph [rankdir=" << DotQuote(options.rankdir) << ", fontname=\"Helvetica\"";
  if (!options.title.empty()) out << ", label=" << DotQuote(options.title) << ", labelloc=t";
  out << "];\n";
  out << "  node [style=\"filled\", fontname=\"Helvetica\", fontsize=11];\n";
  out << "  edge [fontname=\"Helvetica\", fontsize=9];\n";

  auto write_node = [&](size_t i, const char* indent) {
    const DotNode& n = nodes[i];
    const TypeStyle st = StyleOf(n.type);
    out << indent << "n" << i << " [label=" << DotQuote(n.name) << ", shape=" << st.shape
        << ", fillcolor=\"" << st.fill << "\", tooltip=" << DotQuote(n.name + " (" + n.type + ")")
        << "];\n";
  };
  // Clusters in order of first appearance; their members in node order.
  std::vector<std::string> clusters;
  std::set<std::string> seen;
  for (const auto& n : nodes) {
    if (!n.cluster.empty() && seen.insert(n.cluster).second) clusters.push_back(n.cluster);
  }
  for (size_t c = 0; c < clusters.size(); ++c) {
    out << "  subgraph cluster_" << c << " {\n";
    out << "    label=" << DotQuote(clusters[c])
        << "; style=\"rounded,dashed\"; color=\"#999999\";\n";
    for (size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i].cluster == clusters[c]) write_node(i, "    ");
    out << "  }\n";
  }
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].cluster.empty()) write_node(i, "  ");

  for (const DotEdge& e : edges) {
    if (e.from >= nodes.size() || e.to >= nodes.size()) continue;
    const double width = 1.0 + std::log2(static_cast<double>(std::max<uint32_t>(1, e.evidence)));
    char pen[32];
    std::snprintf(pen, sizeof pen, "%.2f", width);
    const char* colour = ColourOf(e.relation);
    out << "  n" << e.from << " -> n" << e.to << " [label=" << DotQuote(e.relation) << ", color=\""
        << colour << "\", fontcolor=\"" << colour << "\", penwidth=" << pen
        << ", style=" << StyleOfModalities(e.modalities);
    if (e.modalities == ModalityBit(Modality::kNegated)) out << ", arrowhead=tee";
    if (!e.tooltip.empty()) out << ", tooltip=" << DotQuote(e.tooltip);
    out << "];\n";
  }

  if (options.legend) {
    // One node holding a table: each type this picture uses in its colour,
    // each relation in its own, and the two line styles.
    std::vector<std::string> types, relations;
    std::set<std::string> t_seen, r_seen;
    for (const auto& n : nodes)
      if (t_seen.insert(n.type).second) types.push_back(n.type);
    for (const auto& e : edges)
      if (r_seen.insert(e.relation).second) relations.push_back(e.relation);
    out << "  legend [shape=plaintext, style=\"\", fontsize=9, label=<"
        << "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" COLOR=\"#cccccc\">"
        << "<TR><TD COLSPAN=\"2\"><B>legend</B></TD></TR>";
    for (const auto& t : types) {
      out << "<TR><TD BGCOLOR=\"" << StyleOf(t).fill << "\" BORDER=\"1\">" << HtmlEscape(t)
          << "</TD><TD ALIGN=\"LEFT\">" << StyleOf(t).shape << "</TD></TR>";
    }
    for (const auto& r : relations) {
      out << "<TR><TD><FONT COLOR=\"" << ColourOf(r) << "\">&#8594;</FONT></TD><TD ALIGN=\"LEFT\">"
          << "<FONT COLOR=\"" << ColourOf(r) << "\">" << HtmlEscape(r) << "</FONT></TD></TR>";
    }
    out << "<TR><TD>- - &#8594;</TD><TD ALIGN=\"LEFT\">hedged only</TD></TR>"
        << "<TR><TD>&#183;&#183;&#183; &#8867;</TD><TD ALIGN=\"LEFT\">negated only</TD></TR>"
        << "<TR><TD>wider</TD><TD ALIGN=\"LEFT\">more evidence</TD></TR>"
        << "</TABLE>>];\n";
  }
  out << "}\n";
}

}  // namespace kg
