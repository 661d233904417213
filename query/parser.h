// Parser: the tokens of one statement to its syntax tree. It reads no store:
// names stay text for the binder. Errors say where (line:column of the token
// at fault, and its length for the caret) and what was expected.
#ifndef KG_QUERY_PARSER_H_
#define KG_QUERY_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "query/ast.h"
#include "query/lexer.h"

namespace kg::query {

// An error located in the source.
struct QueryError {
  std::string message;
  SourcePos pos;
  size_t length = 0;    // bytes under the caret; 0: a single caret
  bool located = true;  // false: not about a token (a store read failed)
};

struct ParseOutcome {
  bool ok = false;
  Statement statement;  // when ok
  QueryError error;     // when not
};

// Parses one statement (text without its ';'); `start` is where the text
// begins in the script.
ParseOutcome ParseStatement(std::string_view text, SourcePos start = SourcePos());

// The words that begin statements and clauses, for completion and help.
const std::vector<std::string>& Keywords();

}  // namespace kg::query

#endif  // KG_QUERY_PARSER_H_
