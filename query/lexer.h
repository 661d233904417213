// Lexer: query text to tokens, each with its place in the text, and the
// splitting of a script into statements and meta commands.
//
// Tokens: words (Huawei, restricts, MATCH; letters, digits, '_' and inner
// '-', any non-ASCII byte counting as a letter), ?variables, quoted strings
// ("United States" or 'United States'; a quote doubles itself or takes a
// backslash), integers, decimals (0.8, .8), dates (2024-05, 2024-05-17), and
// the punctuation , ( ) ; : * = != < <= > >= |. `--` starts a comment that
// runs to the end of the line.
#ifndef KG_QUERY_LEXER_H_
#define KG_QUERY_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kg::query {

// A place in the text: 1-based line and column (in bytes), and the byte
// offset.
struct SourcePos {
  int line = 1;
  int column = 1;
  size_t offset = 0;
};

enum class TokenKind {
  kWord,
  kVariable,  // text without the '?'
  kString,    // text unquoted and unescaped
  kInteger,
  kDecimal,
  kDate,  // YYYY-MM or YYYY-MM-DD
  kComma,
  kLeftParen,
  kRightParen,
  kSemicolon,
  kColon,
  kStar,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kBar,
  kEnd,    // end of the statement's text
  kError,  // a character or string the lexer cannot read; text says why
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  SourcePos pos;
  size_t length = 0;  // bytes of source text the token covers

  // Case-insensitive keyword test for words.
  bool Is(std::string_view keyword) const;
};

// How a token reads in an error message: "'MATCH'", "a string", "end of input".
std::string Describe(const Token& token);

// Tokens of `text` up to its end, always ending with a kEnd token (or
// stopping at the first kError token). `start` is where text begins in the
// whole script, so positions are the script's.
std::vector<Token> Tokenize(std::string_view text, SourcePos start = SourcePos());

// A script cut into its parts: statements (ending with ';' or at the end of
// the script; an empty one, ";;", is dropped) and meta commands (a line whose
// first non-blank character is '.', outside a statement).
struct ScriptPart {
  enum class Kind { kStatement, kMeta };
  Kind kind = Kind::kStatement;
  std::string_view text;    // without the ';' of a statement
  SourcePos pos;            // where text begins
  bool terminated = false;  // a statement ended by ';'
};
std::vector<ScriptPart> SplitScript(std::string_view script, SourcePos start = SourcePos());

}  // namespace kg::query

#endif  // KG_QUERY_LEXER_H_
