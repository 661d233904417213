#include "graph/dot_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.h"

namespace kg {
namespace {

TEST(DotQuoteTest, EscapesWhatCouldEndOrBendAString) {
  EXPECT_EQ(DotQuote("plain"), "\"plain\"");
  EXPECT_EQ(DotQuote("a\"b"), "\"a\\\"b\"");
  // The backslash is escaped first, so \" in a name stays two characters.
  EXPECT_EQ(DotQuote("a\\\"b"), "\"a\\\\\\\"b\"");
  EXPECT_EQ(DotQuote("ends with \\"), "\"ends with \\\\\"");
  EXPECT_EQ(DotQuote("two\nlines"), "\"two\\nlines\"");
  EXPECT_EQ(DotQuote("bell\x07"
                     "tab\tcr\r\x7f"),
            "\"belltabcr\"");
  EXPECT_EQ(DotQuote("\\N \\G"), "\"\\\\N \\\\G\"");  // no Graphviz escapes
  EXPECT_EQ(DotQuote("Zhōngguó 中国"), "\"Zhōngguó 中国\"");
}

// The count of `needle` in `hay`.
size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
    ++n;
  return n;
}

TEST(DotWriterTest, HostileNamesMakeNoExtraNodesForGraphviz) {
  const std::vector<std::string> hostile = {"\"; digraph evil { x -> y } \"",
                                            "node",
                                            "edge",
                                            "subgraph",
                                            "a\\",
                                            "\\\"",
                                            "line\nbreak",
                                            "-> n0",
                                            "<b>html</b>",
                                            "{ [ ] } ; ,",
                                            std::string("nul\0byte", 8)};
  std::vector<DotNode> nodes;
  for (const auto& name : hostile)
    nodes.push_back({name, "company", ""});
  nodes.push_back({"Normal", "unknown_type", ""});
  std::vector<DotEdge> edges;
  for (size_t i = 0; i + 1 < nodes.size(); ++i)
    edges.push_back({i, i + 1, "restricts\" -> n5 [", 3, ModalityBit(Modality::kHedged),
                     "tooltip with \"quotes\" and \\ and\nnewline"});
  DotOptions options;
  options.legend = false;
  options.title = "title \"quoted\"";
  std::ostringstream dot;
  WriteDot(nodes, edges, options, dot);

  // A real consumer: Graphviz must parse it and lay out exactly these.
  testing::TempDir dir;
  const std::string in = dir.Sub("g.dot"), out = dir.Sub("g.svg");
  std::ofstream(in) << dot.str();
  const int rc = std::system(("dot -Tsvg -o " + out + " " + in + " 2>" + dir.Sub("err")).c_str());
  if (rc != 0 && std::system("command -v dot >/dev/null") != 0) {
    GTEST_SKIP() << "Graphviz is not installed (the set-up installs it)";
  }
  ASSERT_EQ(rc, 0) << dot.str();
  std::ifstream svg_in(out);
  const std::string svg((std::istreambuf_iterator<char>(svg_in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(Count(svg, "class=\"node\""), nodes.size());
  EXPECT_EQ(Count(svg, "class=\"edge\""), edges.size());
  EXPECT_NE(svg.find("digraph evil"), std::string::npos);  // as text, not as a graph
}

TEST(DotWriterTest, StylesFollowTypeRelationEvidenceAndModality) {
  std::vector<DotNode> nodes = {{"United States", "country", "bloc A"},
                                {"China", "country", "bloc B"},
                                {"Huawei", "company", "bloc B"}};
  std::vector<DotEdge> edges = {{0, 1, "restricts", 8, ModalityBit(Modality::kAsserted), ""},
                                {0, 2, "sanctions", 1, ModalityBit(Modality::kHedged), ""},
                                {2, 1, "supplies", 1, ModalityBit(Modality::kNegated), ""}};
  std::ostringstream dot;
  WriteDot(nodes, edges, DotOptions{}, dot);
  const std::string s = dot.str();
  EXPECT_NE(s.find("n0 [label=\"United States\", shape=doubleoctagon"), std::string::npos);
  EXPECT_NE(s.find("n2 [label=\"Huawei\", shape=box"), std::string::npos);
  EXPECT_NE(s.find("penwidth=4.00, style=solid"), std::string::npos);  // 1 + log2(8)
  EXPECT_NE(s.find("label=\"sanctions\", color=\"#990000\", fontcolor=\"#990000\", "
                   "penwidth=1.00, style=dashed"),
            std::string::npos);
  EXPECT_NE(s.find("style=dotted, arrowhead=tee"), std::string::npos);
  EXPECT_EQ(Count(s, "subgraph cluster_"), 2u);  // the two blocs
  EXPECT_NE(s.find("legend [shape=plaintext"), std::string::npos);
  // The same input writes the same bytes.
  std::ostringstream again;
  WriteDot(nodes, edges, DotOptions{}, again);
  EXPECT_EQ(again.str(), s);
}

}  // namespace
}  // namespace kg
