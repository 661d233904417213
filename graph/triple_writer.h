// Writes facts as lines of the project's triple format
// (schemas/triple.schema.json), the format TripleFileReader reads back: what
// `kg extract` prints and `kg import` loads.
#ifndef KG_GRAPH_TRIPLE_WRITER_H_
#define KG_GRAPH_TRIPLE_WRITER_H_

#include <string>

#include "graph/types.h"

namespace kg {

// One JSON object, without a newline. The article fields (id, title, date,
// source, url) come from `article`; evidence.article is ignored.
std::string FactToJsonLine(const ArticleMeta& article, const Fact& fact);

}  // namespace kg

#endif  // KG_GRAPH_TRIPLE_WRITER_H_
