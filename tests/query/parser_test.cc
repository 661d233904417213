// Tests of the query language's lexer (Tokenize, SplitScript) and parser
// (ParseStatement): the tokens and their places, the syntax tree of each
// statement form, and every error the parser reports, with the exact place
// and width of the caret.
#include "query/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "query/lexer.h"
#include "query/session.h"

namespace kg::query {
namespace {

using ::testing::StartsWith;

// ---------------------------------------------------------------------------
// Helpers

std::vector<TokenKind> Kinds(const std::vector<Token>& tokens) {
  std::vector<TokenKind> kinds;
  for (const Token& t : tokens)
    kinds.push_back(t.kind);
  return kinds;
}

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> texts;
  for (const Token& t : tokens)
    texts.push_back(t.text);
  return texts;
}

// The byte offset of line:column in `text` (both 1-based).
size_t OffsetOf(std::string_view text, int line, int column) {
  size_t offset = 0;
  for (int l = 1; l < line; ++l) {
    const size_t nl = text.find('\n', offset);
    if (nl == std::string_view::npos) return std::string_view::npos;
    offset = nl + 1;
  }
  return offset + static_cast<size_t>(column - 1);
}

// Parses `text` and checks that it fails with `message` at line:column,
// `length` bytes wide; the offset must agree with line and column.
::testing::AssertionResult FailsWith(std::string_view text, std::string_view message, int line,
                                     int column, size_t length) {
  const ParseOutcome out = ParseStatement(text);
  if (out.ok) return ::testing::AssertionFailure() << "'" << text << "' parsed";
  const QueryError& e = out.error;
  if (e.message != message || e.pos.line != line || e.pos.column != column || e.length != length ||
      e.pos.offset != OffsetOf(text, line, column) || !e.located) {
    return ::testing::AssertionFailure()
           << "'" << text << "'\n  got:  " << e.pos.line << ":" << e.pos.column << " (offset "
           << e.pos.offset << ", length " << e.length << ") " << e.message << "\n  want: " << line
           << ":" << column << " (offset " << OffsetOf(text, line, column) << ", length " << length
           << ") " << message;
  }
  return ::testing::AssertionSuccess();
}

// Parses a statement that must parse.
Statement Parse(std::string_view text) {
  const ParseOutcome out = ParseStatement(text);
  EXPECT_TRUE(out.ok) << "'" << text << "': " << out.error.pos.line << ":" << out.error.pos.column
                      << ": " << out.error.message;
  return out.statement;
}

template <typename T>
T ParseAs(std::string_view text) {
  const Statement s = Parse(text);
  const T* q = std::get_if<T>(&s.query);
  EXPECT_NE(q, nullptr) << "'" << text << "' parsed as another statement";
  return q ? *q : T();
}

// "expected a condition ..." for statements with and without variables.
constexpr char kConditionOrVariable[] =
    "expected a condition (confidence, evidence, modality, date, relation, type or a "
    "?variable), found ";
constexpr char kConditionOnly[] =
    "expected a condition (confidence, evidence, modality, date, relation or type), found ";
constexpr char kStatement[] =
    "expected a statement (MATCH, EVIDENCE, PATH, NEIGHBORS, RANK, COMPONENTS, ENTITY, FIND, "
    "EXPLAIN or EXPORT), found ";
constexpr char kAfterMatch[] =
    "expected ',', WHERE, RETURN, ORDER BY, LIMIT, OFFSET or ';', found ";

std::string Cat(std::string_view a, std::string_view b) {
  return std::string(a) + std::string(b);
}

// ---------------------------------------------------------------------------
// Lexer: Tokenize

TEST(LexerTest, EveryTokenKind) {
  const auto tokens = Tokenize("MATCH ?v 'str' 42 0.5 2024-05 , ( ) ; : * = != <> < <= > >= |");
  EXPECT_EQ(Kinds(tokens),
            (std::vector<TokenKind>{
                TokenKind::kWord,         TokenKind::kVariable,  TokenKind::kString,
                TokenKind::kInteger,      TokenKind::kDecimal,   TokenKind::kDate,
                TokenKind::kComma,        TokenKind::kLeftParen, TokenKind::kRightParen,
                TokenKind::kSemicolon,    TokenKind::kColon,     TokenKind::kStar,
                TokenKind::kEqual,        TokenKind::kNotEqual,  TokenKind::kNotEqual,
                TokenKind::kLess,         TokenKind::kLessEqual, TokenKind::kGreater,
                TokenKind::kGreaterEqual, TokenKind::kBar,       TokenKind::kEnd}));
  EXPECT_EQ(Texts(tokens),
            (std::vector<std::string>{
                "MATCH", "v", "str", "42", "0.5", "2024-05", ",", "(",  ")", ";", ":",
                "*",     "=", "!=",  "<>", "<",   "<=",      ">", ">=", "|", ""}));
  std::vector<size_t> lengths;
  for (const Token& t : tokens)
    lengths.push_back(t.length);
  EXPECT_EQ(lengths,
            (std::vector<size_t>{5, 2, 5, 2, 3, 7, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 2, 1, 2, 1, 0}));
}

TEST(LexerTest, OperatorsNeedNoSpaces) {
  const auto tokens = Tokenize("?a!=?b,x>=.5");
  EXPECT_EQ(Kinds(tokens),
            (std::vector<TokenKind>{
                TokenKind::kVariable, TokenKind::kNotEqual, TokenKind::kVariable, TokenKind::kComma,
                TokenKind::kWord, TokenKind::kGreaterEqual, TokenKind::kDecimal, TokenKind::kEnd}));
}

TEST(LexerTest, PositionsAcrossLines) {
  const std::string text = "MATCH ?a\n  restricts\t?b;\r\n-- note\nx";
  const auto tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[6].kind, TokenKind::kEnd);
  struct Want {
    int line, column;
    size_t offset, length;
  };
  const Want want[] = {{1, 1, 0, 5},   {1, 7, 6, 2},   {2, 3, 11, 9},
                       {2, 13, 21, 2}, {2, 15, 23, 1}, {4, 1, 34, 1}};
  for (size_t i = 0; i < 6; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(tokens[i].pos.line, want[i].line);
    EXPECT_EQ(tokens[i].pos.column, want[i].column);
    EXPECT_EQ(tokens[i].pos.offset, want[i].offset);
    EXPECT_EQ(tokens[i].length, want[i].length);
    EXPECT_EQ(text.substr(tokens[i].pos.offset, tokens[i].length),
              i == 1 ? "?a" : (i == 3 ? "?b" : tokens[i].text));
  }
  // The end token sits after the last character.
  const auto end = Tokenize("x  \n");
  ASSERT_EQ(end.size(), 2u);
  EXPECT_EQ(end[1].kind, TokenKind::kEnd);
  EXPECT_EQ(end[1].pos.line, 2);
  EXPECT_EQ(end[1].pos.column, 1);
  EXPECT_EQ(end[1].pos.offset, 4u);
  EXPECT_EQ(end[1].length, 0u);
}

TEST(LexerTest, PositionsStartWhereTheTextStartsInTheScript) {
  SourcePos start;
  start.line = 3;
  start.column = 5;
  start.offset = 40;
  const auto tokens = Tokenize("ab\n cd", start);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].pos.line, 3);
  EXPECT_EQ(tokens[0].pos.column, 5);
  EXPECT_EQ(tokens[0].pos.offset, 40u);
  EXPECT_EQ(tokens[1].pos.line, 4);
  EXPECT_EQ(tokens[1].pos.column, 2);
  EXPECT_EQ(tokens[1].pos.offset, 44u);
  EXPECT_EQ(tokens[2].pos.offset, 46u);
}

TEST(LexerTest, StringsInBothQuotes) {
  const auto tokens = Tokenize(R"("United States" 'United States' "" '')");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(Kinds(tokens),
            (std::vector<TokenKind>{TokenKind::kString, TokenKind::kString, TokenKind::kString,
                                    TokenKind::kString, TokenKind::kEnd}));
  EXPECT_EQ(tokens[0].text, "United States");
  EXPECT_EQ(tokens[0].length, 15u);
  EXPECT_EQ(tokens[1].text, "United States");
  EXPECT_EQ(tokens[1].pos.column, 17);
  EXPECT_EQ(tokens[2].text, "");
  EXPECT_EQ(tokens[2].length, 2u);
  EXPECT_EQ(tokens[3].text, "");
}

TEST(LexerTest, StringEscapes) {
  struct Case {
    const char* source;
    const char* value;
  };
  const Case cases[] = {
      {R"('it''s')", "it's"},
      {R"("say ""hi""")", R"(say "hi")"},
      {R"('it\'s')", "it's"},
      {R"("say \"hi\"")", R"(say "hi")"},
      {R"('a\\b')", R"(a\b)"},
      {R"('a\nb')", R"(a\nb)"},  // other backslashes stay as typed
      {R"("it's")", "it's"},     // the other quote needs no escape
      {R"('say "hi"')", R"(say "hi")"},
      {"'two\nlines'", "two\nlines"},
      {"'-- not a comment; nor an end'", "-- not a comment; nor an end"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.source);
    const auto tokens = Tokenize(c.source);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].kind, TokenKind::kString);
    EXPECT_EQ(tokens[0].text, c.value);
    EXPECT_EQ(tokens[0].length, std::string_view(c.source).size());
    EXPECT_EQ(tokens[1].kind, TokenKind::kEnd);
  }
  // A string over two lines moves the next token to the next line.
  const auto tokens = Tokenize("'a\nb' x");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].pos.line, 2);
  EXPECT_EQ(tokens[1].pos.column, 4);
}

TEST(LexerTest, Comments) {
  auto tokens = Tokenize("MATCH -- the rest; 'is' ignored\n?a -- and at the end");
  EXPECT_EQ(Kinds(tokens),
            (std::vector<TokenKind>{TokenKind::kWord, TokenKind::kVariable, TokenKind::kEnd}));
  EXPECT_EQ(tokens[1].pos.line, 2);
  EXPECT_EQ(tokens[2].pos.offset, 52u);  // the end of the text
  // A comment may follow a word directly, but not cut a hyphenated word.
  tokens = Tokenize("a--b\nHua-Hong");
  EXPECT_EQ(Texts(tokens), (std::vector<std::string>{"a", "Hua-Hong", ""}));
  tokens = Tokenize("-- only a comment");
  EXPECT_EQ(Kinds(tokens), (std::vector<TokenKind>{TokenKind::kEnd}));
  EXPECT_EQ(tokens[0].pos.column, 18);
}

TEST(LexerTest, DatesIntegersAndDecimals) {
  struct Case {
    const char* source;
    std::vector<TokenKind> kinds;
    std::vector<std::string> texts;
  };
  const Case cases[] = {
      {"2024", {TokenKind::kInteger}, {"2024"}},
      {"007", {TokenKind::kInteger}, {"007"}},
      {"20240517", {TokenKind::kInteger}, {"20240517"}},
      {"2024-05", {TokenKind::kDate}, {"2024-05"}},
      {"2024-05-17", {TokenKind::kDate}, {"2024-05-17"}},
      {"2024-13-45", {TokenKind::kDate}, {"2024-13-45"}},  // the parser checks the calendar
      {"0.8", {TokenKind::kDecimal}, {"0.8"}},
      {".8", {TokenKind::kDecimal}, {".8"}},
      {"1.25", {TokenKind::kDecimal}, {"1.25"}},
      {"1.5.3", {TokenKind::kDecimal, TokenKind::kDecimal}, {"1.5", ".3"}},
      {"2024-05,2024",
       {TokenKind::kDate, TokenKind::kComma, TokenKind::kInteger},
       {"2024-05", ",", "2024"}},
      {"(2024-05-17)",
       {TokenKind::kLeftParen, TokenKind::kDate, TokenKind::kRightParen},
       {"(", "2024-05-17", ")"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.source);
    auto tokens = Tokenize(c.source);
    ASSERT_FALSE(tokens.empty());
    EXPECT_EQ(tokens.back().kind, TokenKind::kEnd);
    tokens.pop_back();
    EXPECT_EQ(Kinds(tokens), c.kinds);
    EXPECT_EQ(Texts(tokens), c.texts);
  }
}

TEST(LexerTest, AlmostDates) {
  // Not a date: the integer, then the '-' that no token takes.
  for (const char* source : {"2024-5", "2024-05-1", "2024-05-17x", "2024-05-17-", "2024-"}) {
    SCOPED_TRACE(source);
    const auto tokens = Tokenize(source);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].kind, TokenKind::kInteger);
    EXPECT_EQ(tokens[0].text, "2024");
    EXPECT_EQ(tokens[1].kind, TokenKind::kError);
    EXPECT_EQ(tokens[1].text, "unexpected character '-'");
    EXPECT_EQ(tokens[1].pos.column, 5);
  }
}

TEST(LexerTest, Words) {
  const auto tokens = Tokenize(
      "Huawei restricts_ _x1 Hua-Hong a-b-c x-1 Zh\xC5\x8Dnggu\xC3\xB3 \xE5\x8C\x97\xE4\xBA\xAC");
  EXPECT_EQ(Texts(tokens),
            (std::vector<std::string>{"Huawei", "restricts_", "_x1", "Hua-Hong", "a-b-c", "x-1",
                                      "Zh\xC5\x8Dnggu\xC3\xB3", "\xE5\x8C\x97\xE4\xBA\xAC", ""}));
  for (size_t i = 0; i + 1 < tokens.size(); ++i)
    EXPECT_EQ(tokens[i].kind, TokenKind::kWord) << i;
  // Columns count bytes.
  EXPECT_EQ(tokens[6].pos.column, 42);
  EXPECT_EQ(tokens[6].length, 10u);
  EXPECT_EQ(tokens[7].pos.column, 53);
  EXPECT_EQ(tokens[7].length, 6u);
}

TEST(LexerTest, TrailingHyphenIsNotPartOfAWord) {
  const auto tokens = Tokenize("Hua- x");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, "Hua");
  EXPECT_EQ(tokens[1].kind, TokenKind::kError);
  EXPECT_EQ(tokens[1].text, "unexpected character '-'");
  EXPECT_EQ(tokens[1].pos.column, 4);
}

TEST(LexerTest, Variables) {
  const auto tokens = Tokenize("?a ?Company_2 ?\xC3\xA9t\xC3\xA9 ?a-b");
  EXPECT_EQ(Kinds(tokens), (std::vector<TokenKind>{TokenKind::kVariable, TokenKind::kVariable,
                                                   TokenKind::kVariable, TokenKind::kVariable,
                                                   TokenKind::kError}));
  EXPECT_EQ(tokens[0].text, "a");
  EXPECT_EQ(tokens[0].length, 2u);
  EXPECT_EQ(tokens[1].text, "Company_2");
  EXPECT_EQ(tokens[2].text, "\xC3\xA9t\xC3\xA9");
  // A variable name takes no hyphen.
  EXPECT_EQ(tokens[3].text, "a");
  EXPECT_EQ(tokens[4].text, "unexpected character '-'");
}

TEST(LexerTest, UnterminatedString) {
  for (const char* source : {"x 'abc", "x \"abc", "x 'it''", "x 'abc\\'", "x '"}) {
    SCOPED_TRACE(source);
    const auto tokens = Tokenize(source);
    ASSERT_EQ(tokens.size(), 2u);
    const Token& e = tokens[1];
    EXPECT_EQ(e.kind, TokenKind::kError);
    EXPECT_EQ(e.text, std::string("unterminated string: no closing ") + source[2]);
    EXPECT_EQ(e.pos.column, 3);
    EXPECT_EQ(e.pos.offset, 2u);
    EXPECT_EQ(e.length, std::string_view(source).size() - 2);
  }
}

TEST(LexerTest, StrayCharacters) {
  struct Case {
    const char* source;
    const char* message;
  };
  const Case cases[] = {
      {"x @", "unexpected character '@'"},        {"x #", "unexpected character '#'"},
      {"x !", "unexpected character '!'"},        {"x !x", "unexpected character '!'"},
      {"x .", "unexpected character '.'"},        {"x -", "unexpected character '-'"},
      {"x -5", "unexpected character '-'"},       {"x {", "unexpected character '{'"},
      {"x \x01", "unexpected character '\\x01'"}, {"x \x7f", "unexpected character '\\x7f'"},
      {"x 1.", "unexpected character '.'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.source);
    const auto tokens = Tokenize(c.source);
    ASSERT_GE(tokens.size(), 2u);
    const Token& e = tokens.back();
    EXPECT_EQ(e.kind, TokenKind::kError);
    EXPECT_EQ(e.text, c.message);
    EXPECT_EQ(e.length, 1u);
  }
  // The tokens stop at the first error.
  const auto tokens = Tokenize("a @ b");
  EXPECT_EQ(Kinds(tokens), (std::vector<TokenKind>{TokenKind::kWord, TokenKind::kError}));
  EXPECT_EQ(tokens[1].pos.column, 3);
}

TEST(LexerTest, QuestionMarkWithoutName) {
  for (const char* source : {"x ?", "x ? a", "x ?1", "x ?-", "x ??a"}) {
    SCOPED_TRACE(source);
    const auto tokens = Tokenize(source);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[1].kind, TokenKind::kError);
    EXPECT_EQ(tokens[1].text, "'?' must be followed by a variable name, as in ?company");
    EXPECT_EQ(tokens[1].pos.column, 3);
    EXPECT_EQ(tokens[1].length, 1u);
  }
}

TEST(LexerTest, NumberGluedToLetters) {
  struct Case {
    const char* source;
    const char* glued;
  };
  const Case cases[] = {
      {"x 3M", "3M"},   {"x 1.5x", "1.5x"},       {"x 12_a", "12_a"},          {"x 1e5", "1e5"},
      {".5kg", ".5kg"}, {"x 2024abc", "2024abc"}, {"x 7\xC3\xA9", "7\xC3\xA9"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.source);
    const auto tokens = Tokenize(c.source);
    const Token& e = tokens.back();
    EXPECT_EQ(e.kind, TokenKind::kError);
    EXPECT_EQ(e.text, "'" + std::string(c.glued) +
                          "' is neither a number nor a name (quote a name that starts with a "
                          "digit)");
    EXPECT_EQ(e.length, std::string_view(c.glued).size());
  }
}

TEST(LexerTest, TokenIsAndDescribe) {
  const auto tokens = Tokenize("match 'MATCH' ?match");
  EXPECT_TRUE(tokens[0].Is("MATCH"));
  EXPECT_TRUE(tokens[0].Is("match"));
  EXPECT_FALSE(tokens[0].Is("MATC"));
  EXPECT_FALSE(tokens[1].Is("MATCH"));  // a string is never a keyword
  EXPECT_FALSE(tokens[2].Is("match"));
  EXPECT_EQ(Describe(tokens[0]), "'match'");
  EXPECT_EQ(Describe(tokens[1]), "the string \"MATCH\"");
  EXPECT_EQ(Describe(tokens[2]), "?match");
  EXPECT_EQ(Describe(tokens[3]), "end of input");
  EXPECT_EQ(Describe(Tokenize(">=")[0]), "'>='");
  EXPECT_EQ(Describe(Tokenize("@")[0]), "unexpected character '@'");
}

// ---------------------------------------------------------------------------
// Lexer: SplitScript

TEST(SplitScriptTest, StatementsEndAtSemicolons) {
  const std::string script = "MATCH ?a r ?b;\n  ENTITY x ;FIND y";
  const auto parts = SplitScript(script);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].kind, ScriptPart::Kind::kStatement);
  EXPECT_EQ(parts[0].text, "MATCH ?a r ?b");
  EXPECT_TRUE(parts[0].terminated);
  EXPECT_EQ(parts[0].pos.line, 1);
  EXPECT_EQ(parts[0].pos.column, 1);
  EXPECT_EQ(parts[1].text, "ENTITY x ");
  EXPECT_TRUE(parts[1].terminated);
  EXPECT_EQ(parts[1].pos.line, 2);
  EXPECT_EQ(parts[1].pos.column, 3);
  EXPECT_EQ(parts[1].pos.offset, 17u);
  EXPECT_EQ(parts[2].text, "FIND y");
  EXPECT_FALSE(parts[2].terminated);  // the last statement may omit its ';'
  EXPECT_EQ(parts[2].pos.column, 13);
  for (const ScriptPart& p : parts)
    EXPECT_EQ(script.substr(p.pos.offset, p.text.size()), p.text);
}

TEST(SplitScriptTest, SemicolonsInStringsAndComments) {
  const std::string script = "FIND 'a;b' -- c;d\n  LIMIT 2; ENTITY \"x;\"";
  const auto parts = SplitScript(script);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].text, "FIND 'a;b' -- c;d\n  LIMIT 2");
  EXPECT_TRUE(parts[0].terminated);
  EXPECT_EQ(parts[1].text, "ENTITY \"x;\"");
  EXPECT_FALSE(parts[1].terminated);
  EXPECT_EQ(parts[1].pos.line, 2);
  EXPECT_EQ(parts[1].pos.column, 12);
}

TEST(SplitScriptTest, MetaCommandsAreWholeLines) {
  const std::string script =
      ".mode json  \r\nMATCH ?a r ?b;\n  .timer on; still meta\n.help\nENTITY x";
  const auto parts = SplitScript(script);
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0].kind, ScriptPart::Kind::kMeta);
  EXPECT_EQ(parts[0].text, ".mode json");  // trailing blanks and '\r' dropped
  EXPECT_TRUE(parts[0].terminated);
  EXPECT_EQ(parts[1].kind, ScriptPart::Kind::kStatement);
  EXPECT_EQ(parts[1].text, "MATCH ?a r ?b");
  EXPECT_EQ(parts[1].pos.line, 2);
  EXPECT_EQ(parts[2].kind, ScriptPart::Kind::kMeta);
  EXPECT_EQ(parts[2].text, ".timer on; still meta");
  EXPECT_EQ(parts[2].pos.line, 3);
  EXPECT_EQ(parts[2].pos.column, 3);
  EXPECT_EQ(parts[3].kind, ScriptPart::Kind::kMeta);
  EXPECT_EQ(parts[3].text, ".help");
  EXPECT_EQ(parts[4].kind, ScriptPart::Kind::kStatement);
  EXPECT_EQ(parts[4].text, "ENTITY x");
  EXPECT_EQ(parts[4].pos.line, 5);
}

TEST(SplitScriptTest, DotInsideAStatementIsNotAMetaCommand) {
  // The statement goes on over the next line, which starts with '.'.
  const auto parts = SplitScript("MATCH ?a r ?b\n.mode json;\nENTITY x;");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].kind, ScriptPart::Kind::kStatement);
  EXPECT_EQ(parts[0].text, "MATCH ?a r ?b\n.mode json");
  EXPECT_EQ(parts[1].text, "ENTITY x");
  // A decimal such as .5 starts a statement, not a meta command.
  const auto decimal = SplitScript(".5;");
  ASSERT_EQ(decimal.size(), 1u);
  EXPECT_EQ(decimal[0].kind, ScriptPart::Kind::kStatement);
  EXPECT_EQ(decimal[0].text, ".5");
}

TEST(SplitScriptTest, BlankTextAndComments) {
  EXPECT_TRUE(SplitScript("").empty());
  EXPECT_TRUE(SplitScript("  \n\t\n").empty());
  EXPECT_TRUE(SplitScript("-- a comment; with a semicolon\n  -- another").empty());
  // Empty statements between semicolons are nothing to run: no parts.
  EXPECT_TRUE(SplitScript(";;").empty());
  const auto parts = SplitScript("ENTITY x;; ;\nENTITY y;");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].text, "ENTITY y");
}

TEST(SplitScriptTest, TrailingCommentBelongsToTheLastStatement) {
  const auto parts = SplitScript("ENTITY x -- the end");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "ENTITY x -- the end");
  EXPECT_FALSE(parts[0].terminated);
}

TEST(SplitScriptTest, UnterminatedStringRunsToTheEnd) {
  const auto parts = SplitScript("ENTITY 'x; FIND y;\nENTITY z;");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "ENTITY 'x; FIND y;\nENTITY z;");
  EXPECT_FALSE(parts[0].terminated);
}

TEST(SplitScriptTest, LexerErrorStaysInItsStatement) {
  const auto parts = SplitScript("MATCH @ r ?b; ENTITY x;");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].text, "MATCH @ r ?b");
  EXPECT_TRUE(parts[0].terminated);
  EXPECT_EQ(parts[1].text, "ENTITY x");
}

TEST(SplitScriptTest, PositionsStartWhereTheScriptStarts) {
  SourcePos start;
  start.line = 10;
  start.offset = 100;
  const auto parts = SplitScript("ENTITY x;\n FIND y;", start);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].pos.line, 10);
  EXPECT_EQ(parts[0].pos.offset, 100u);
  EXPECT_EQ(parts[0].text, "ENTITY x");
  EXPECT_EQ(parts[1].pos.line, 11);
  EXPECT_EQ(parts[1].pos.column, 2);
  EXPECT_EQ(parts[1].pos.offset, 111u);
  EXPECT_EQ(parts[1].text, "FIND y");
  // A part parses with the positions of the script.
  const ParseOutcome out = ParseStatement(parts[1].text, parts[1].pos);
  ASSERT_TRUE(out.ok);
  EXPECT_EQ(out.statement.pos.line, 11);
  const auto& find = std::get<FindAst>(out.statement.query);
  EXPECT_EQ(find.text.pos.line, 11);
  EXPECT_EQ(find.text.pos.column, 7);
  EXPECT_EQ(find.text.pos.offset, 116u);
}

TEST(SplitScriptTest, SessionIsComplete) {
  EXPECT_TRUE(Session::IsComplete(""));
  EXPECT_TRUE(Session::IsComplete("  \n"));
  EXPECT_TRUE(Session::IsComplete("-- just a comment\n"));
  EXPECT_TRUE(Session::IsComplete("MATCH ?a r ?b;"));
  EXPECT_TRUE(Session::IsComplete("MATCH ?a r ?b; -- done\n"));
  EXPECT_TRUE(Session::IsComplete(".mode json"));
  EXPECT_TRUE(Session::IsComplete("ENTITY x;\n.stats\n"));
  EXPECT_FALSE(Session::IsComplete("MATCH ?a r ?b"));
  EXPECT_FALSE(Session::IsComplete("MATCH ?a r ?b\nWHERE confidence >= 0.5\n"));
  EXPECT_FALSE(Session::IsComplete("FIND 'a;\n"));
  EXPECT_FALSE(Session::IsComplete("FIND x -- ;\n"));
  EXPECT_FALSE(Session::IsComplete("ENTITY x; FIND y"));
}

// ---------------------------------------------------------------------------
// Parser: one successful parse per statement form

TEST(ParseTest, MatchPatterns) {
  const auto m = ParseAs<MatchAst>(
      "MATCH ?c:company based_in China, ?u supplies|sells ?c, Huawei ?r \"United States\"");
  ASSERT_EQ(m.patterns.size(), 3u);
  const PatternAst& p0 = m.patterns[0];
  EXPECT_TRUE(p0.subject.is_variable);
  EXPECT_EQ(p0.subject.name.text, "c");
  EXPECT_EQ(p0.subject.name.pos.column, 7);
  EXPECT_EQ(p0.subject.name.length, 2u);
  EXPECT_EQ(p0.subject.type.text, "company");
  EXPECT_EQ(p0.subject.type.pos.column, 10);
  EXPECT_FALSE(p0.relation.is_variable);
  ASSERT_EQ(p0.relation.names.size(), 1u);
  EXPECT_EQ(p0.relation.names[0].text, "based_in");
  EXPECT_FALSE(p0.object.is_variable);
  EXPECT_EQ(p0.object.name.text, "China");
  EXPECT_TRUE(p0.object.type.empty());
  const PatternAst& p1 = m.patterns[1];
  ASSERT_EQ(p1.relation.names.size(), 2u);
  EXPECT_EQ(p1.relation.names[0].text, "supplies");
  EXPECT_EQ(p1.relation.names[1].text, "sells");
  const PatternAst& p2 = m.patterns[2];
  EXPECT_FALSE(p2.subject.is_variable);
  EXPECT_EQ(p2.subject.name.text, "Huawei");
  EXPECT_TRUE(p2.relation.is_variable);
  ASSERT_EQ(p2.relation.names.size(), 1u);
  EXPECT_EQ(p2.relation.names[0].text, "r");
  EXPECT_EQ(p2.object.name.text, "United States");
  EXPECT_EQ(p2.object.name.length, 15u);
  // No RETURN: every variable; nothing else set.
  EXPECT_TRUE(m.items.empty());
  EXPECT_FALSE(m.distinct);
  EXPECT_TRUE(m.order.empty());
  EXPECT_FALSE(m.limit.has_value());
  EXPECT_EQ(m.offset, 0u);
}

TEST(ParseTest, MatchWhere) {
  const auto m = ParseAs<MatchAst>(
      "MATCH ?a r ?b WHERE confidence >= 0.8 AND evidence >= 2 AND modality IN (asserted, "
      "HEDGED) AND date BETWEEN 2023 AND 2024-06 AND relation IN (supplies, based_in) AND type "
      "= company AND ?a != ?b AND ?b NOT IN (Huawei, \"ZTE Corp\") AND ?a = Nvidia AND ?b IN "
      "(?a)");
  const FilterAst& f = m.filter;
  ASSERT_TRUE(f.min_confidence.has_value());
  EXPECT_DOUBLE_EQ(*f.min_confidence, 0.8);
  ASSERT_TRUE(f.min_evidence.has_value());
  EXPECT_EQ(*f.min_evidence, 2u);
  EXPECT_EQ(f.modalities, ModalityBit(Modality::kAsserted) | ModalityBit(Modality::kHedged));
  EXPECT_EQ(f.from, 20230000u);
  EXPECT_EQ(f.to, 20240600u);
  ASSERT_EQ(f.relations.size(), 2u);
  EXPECT_EQ(f.relations[1].text, "based_in");
  ASSERT_EQ(f.types.size(), 1u);
  EXPECT_EQ(f.types[0].text, "company");
  ASSERT_EQ(f.var_conditions.size(), 4u);
  const auto& c0 = f.var_conditions[0];
  EXPECT_EQ(c0.variable.text, "a");
  EXPECT_TRUE(c0.negated);
  ASSERT_EQ(c0.values.size(), 1u);
  EXPECT_TRUE(c0.values[0].is_variable);
  EXPECT_EQ(c0.values[0].name.text, "b");
  const auto& c1 = f.var_conditions[1];
  EXPECT_EQ(c1.variable.text, "b");
  EXPECT_TRUE(c1.negated);
  ASSERT_EQ(c1.values.size(), 2u);
  EXPECT_FALSE(c1.values[0].is_variable);
  EXPECT_EQ(c1.values[0].name.text, "Huawei");
  EXPECT_EQ(c1.values[1].name.text, "ZTE Corp");
  const auto& c2 = f.var_conditions[2];
  EXPECT_FALSE(c2.negated);
  ASSERT_EQ(c2.values.size(), 1u);
  EXPECT_EQ(c2.values[0].name.text, "Nvidia");
  const auto& c3 = f.var_conditions[3];
  EXPECT_FALSE(c3.negated);
  ASSERT_EQ(c3.values.size(), 1u);
  EXPECT_TRUE(c3.values[0].is_variable);
}

TEST(ParseTest, WhereConditionForms) {
  auto f = ParseAs<ComponentsAst>("COMPONENTS WHERE modality = hedged").filter;
  EXPECT_EQ(f.modalities, ModalityBit(Modality::kHedged));
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE modality != negated").filter;
  EXPECT_EQ(f.modalities, ModalityBit(Modality::kAsserted) | ModalityBit(Modality::kHedged));
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE modality <> negated").filter;
  EXPECT_EQ(f.modalities, ModalityBit(Modality::kAsserted) | ModalityBit(Modality::kHedged));
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE modality NOT IN (negated, hedged)").filter;
  EXPECT_EQ(f.modalities, ModalityBit(Modality::kAsserted));
  f = ParseAs<ComponentsAst>(
          "COMPONENTS WHERE modality IN (asserted, hedged) AND modality != "
          "hedged")
          .filter;
  EXPECT_EQ(f.modalities, ModalityBit(Modality::kAsserted));
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE date >= 2024-05-17").filter;
  EXPECT_EQ(f.from, 20240517u);
  EXPECT_EQ(f.to, 0u);
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE date <= '2024-02-29'").filter;
  EXPECT_EQ(f.from, 0u);
  EXPECT_EQ(f.to, 20240229u);
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE date >= 2024 AND date <= 2024").filter;
  EXPECT_EQ(f.from, 20240000u);
  EXPECT_EQ(f.to, 20240000u);
  f = ParseAs<ComponentsAst>(
          "COMPONENTS WHERE relation = restricts AND type IN (company, "
          "'government agency')")
          .filter;
  ASSERT_EQ(f.relations.size(), 1u);
  EXPECT_EQ(f.relations[0].text, "restricts");
  ASSERT_EQ(f.types.size(), 2u);
  EXPECT_EQ(f.types[1].text, "government agency");
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE relation = (restricts)").filter;
  EXPECT_EQ(f.relations.size(), 1u);
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE confidence >= 1 AND confidence >= 0").filter;
  EXPECT_DOUBLE_EQ(*f.min_confidence, 1);  // both hold: the stricter one counts
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE confidence >= .5").filter;
  EXPECT_DOUBLE_EQ(*f.min_confidence, 0.5);
  f = ParseAs<ComponentsAst>("COMPONENTS WHERE evidence >= 99999999999").filter;
  EXPECT_EQ(*f.min_evidence, UINT32_MAX);  // clamped
  // No WHERE: nothing given.
  f = ParseAs<ComponentsAst>("COMPONENTS").filter;
  EXPECT_FALSE(f.min_confidence.has_value());
  EXPECT_FALSE(f.min_evidence.has_value());
  EXPECT_EQ(f.modalities, 0);
  EXPECT_EQ(f.from, 0u);
  EXPECT_EQ(f.to, 0u);
}

TEST(ParseTest, MatchReturnOrderLimit) {
  const auto m = ParseAs<MatchAst>(
      "MATCH ?a r ?b RETURN DISTINCT ?a, TYPE(?b) AS kind, COUNT(*), COUNT(DISTINCT ?b) AS n, "
      "COUNT(?a) ORDER BY n DESC, ?a ASC, COUNT(*), 'kind' LIMIT 10 OFFSET 5");
  EXPECT_TRUE(m.distinct);
  ASSERT_EQ(m.items.size(), 5u);
  EXPECT_EQ(m.items[0].kind, ReturnItem::Kind::kVariable);
  EXPECT_EQ(m.items[0].variable.text, "a");
  EXPECT_EQ(m.items[0].label, "?a");
  EXPECT_EQ(m.items[0].pos.column, 31);
  EXPECT_EQ(m.items[0].length, 2u);
  EXPECT_EQ(m.items[1].kind, ReturnItem::Kind::kType);
  EXPECT_EQ(m.items[1].variable.text, "b");
  EXPECT_EQ(m.items[1].label, "kind");
  EXPECT_EQ(m.items[1].pos.column, 35);
  EXPECT_EQ(m.items[1].length, 8u);  // TYPE(?b), without the AS
  EXPECT_EQ(m.items[2].kind, ReturnItem::Kind::kCount);
  EXPECT_TRUE(m.items[2].variable.empty());
  EXPECT_EQ(m.items[2].label, "count");
  EXPECT_EQ(m.items[3].kind, ReturnItem::Kind::kCount);
  EXPECT_TRUE(m.items[3].distinct);
  EXPECT_EQ(m.items[3].variable.text, "b");
  EXPECT_EQ(m.items[3].label, "n");
  EXPECT_EQ(m.items[3].length, 18u);
  EXPECT_EQ(m.items[4].label, "count(?a)");
  EXPECT_FALSE(m.items[4].distinct);
  ASSERT_EQ(m.order.size(), 4u);
  EXPECT_EQ(m.order[0].key.text, "n");
  EXPECT_TRUE(m.order[0].descending);
  EXPECT_EQ(m.order[1].key.text, "?a");
  EXPECT_FALSE(m.order[1].descending);
  EXPECT_EQ(m.order[2].key.text, "count");
  EXPECT_FALSE(m.order[2].descending);
  EXPECT_EQ(m.order[3].key.text, "kind");
  ASSERT_TRUE(m.limit.has_value());
  EXPECT_EQ(*m.limit, 10u);
  EXPECT_EQ(m.offset, 5u);
}

TEST(ParseTest, ItemLabels) {
  auto m = ParseAs<MatchAst>(
      "MATCH ?a r ?b RETURN type(?a), count(distinct ?b) ORDER BY "
      "TYPE(?a) DESC, count(DISTINCT ?b)");
  ASSERT_EQ(m.items.size(), 2u);
  EXPECT_EQ(m.items[0].label, "type(?a)");
  EXPECT_EQ(m.items[1].label, "count(distinct ?b)");
  ASSERT_EQ(m.order.size(), 2u);
  EXPECT_EQ(m.order[0].key.text, "type(?a)");
  EXPECT_EQ(m.order[1].key.text, "count(distinct ?b)");
  EXPECT_EQ(m.order[1].key.pos.column, 75);
  EXPECT_EQ(m.order[1].key.length, 18u);
  // LIMIT 0 and OFFSET 0 are allowed.
  m = ParseAs<MatchAst>("MATCH ?a r ?b LIMIT 0 OFFSET 0");
  EXPECT_EQ(*m.limit, 0u);
  EXPECT_EQ(m.offset, 0u);
  m = ParseAs<MatchAst>("MATCH ?a r ?b OFFSET 3");
  EXPECT_FALSE(m.limit.has_value());
  EXPECT_EQ(m.offset, 3u);
}

TEST(ParseTest, Evidence) {
  auto e = ParseAs<EvidenceAst>(
      "EVIDENCE FOR Huawei supplies ?x, ?x based_in China WHERE modality = hedged LIMIT 3");
  ASSERT_EQ(e.patterns.size(), 2u);
  EXPECT_EQ(e.patterns[0].subject.name.text, "Huawei");
  EXPECT_EQ(e.patterns[1].object.name.text, "China");
  EXPECT_EQ(e.filter.modalities, ModalityBit(Modality::kHedged));
  ASSERT_TRUE(e.limit.has_value());
  EXPECT_EQ(*e.limit, 3u);
  e = ParseAs<EvidenceAst>("EVIDENCE ?a restricts China WHERE ?a != Huawei");
  ASSERT_EQ(e.patterns.size(), 1u);
  EXPECT_EQ(e.filter.var_conditions.size(), 1u);
  EXPECT_FALSE(e.limit.has_value());
}

TEST(ParseTest, Path) {
  auto p = ParseAs<PathAst>(
      "PATH FROM Huawei TO \"United States\" K 3 UNDIRECTED WEIGHTED WHERE relation = restricts "
      "AND confidence >= 0.5");
  EXPECT_EQ(p.from.text, "Huawei");
  EXPECT_EQ(p.from.pos.column, 11);
  EXPECT_EQ(p.to.text, "United States");
  EXPECT_EQ(p.k, 3u);
  EXPECT_TRUE(p.undirected);
  EXPECT_TRUE(p.weighted);
  ASSERT_EQ(p.filter.relations.size(), 1u);
  EXPECT_DOUBLE_EQ(*p.filter.min_confidence, 0.5);
  p = ParseAs<PathAst>("path a to b");
  EXPECT_EQ(p.from.text, "a");
  EXPECT_EQ(p.k, 1u);
  EXPECT_FALSE(p.undirected);
  EXPECT_FALSE(p.weighted);
  // The options in any order; K up to 100.
  p = ParseAs<PathAst>("PATH a TO b WEIGHTED K 100 UNDIRECTED");
  EXPECT_EQ(p.k, 100u);
  EXPECT_TRUE(p.undirected);
  EXPECT_TRUE(p.weighted);
}

TEST(ParseTest, Neighbors) {
  auto n = ParseAs<NeighborsAst>(
      "NEIGHBORS China DEPTH 2 DIRECTION out WHERE confidence >= .5 LIMIT 20");
  EXPECT_EQ(n.center.text, "China");
  EXPECT_EQ(n.depth, 2u);
  EXPECT_EQ(n.direction.text, "out");
  EXPECT_DOUBLE_EQ(*n.filter.min_confidence, 0.5);
  EXPECT_EQ(*n.limit, 20u);
  n = ParseAs<NeighborsAst>("NEIGHBOURS 'United States' DIRECTION in");
  EXPECT_EQ(n.center.text, "United States");
  EXPECT_EQ(n.depth, 1u);
  EXPECT_EQ(n.direction.text, "in");
  EXPECT_FALSE(n.limit.has_value());
  n = ParseAs<NeighborsAst>("neighbors x direction BOTH depth 3");
  EXPECT_EQ(n.direction.text, "both");  // lower-cased
  EXPECT_EQ(n.depth, 3u);
  n = ParseAs<NeighborsAst>("NEIGHBORS x");
  EXPECT_TRUE(n.direction.empty());
}

TEST(ParseTest, Rank) {
  auto r = ParseAs<RankAst>(
      "RANK BY PageRank FOR company UNDIRECTED SAMPLES 64 WHERE evidence >= 2 LIMIT 10");
  EXPECT_EQ(r.measure.text, "pagerank");  // lower-cased
  EXPECT_EQ(r.type.text, "company");
  EXPECT_TRUE(r.undirected);
  EXPECT_EQ(r.samples, 64u);
  EXPECT_EQ(*r.filter.min_evidence, 2u);
  EXPECT_EQ(*r.limit, 10u);
  for (const char* measure : {"degree", "BETWEENNESS", "Closeness"}) {
    r = ParseAs<RankAst>(std::string("RANK BY ") + measure);
    EXPECT_EQ(r.measure.text.size(), std::string_view(measure).size());
    EXPECT_TRUE(r.type.empty());
    EXPECT_FALSE(r.undirected);
    EXPECT_EQ(r.samples, 0u);
    EXPECT_FALSE(r.limit.has_value());
  }
}

TEST(ParseTest, Components) {
  auto c = ParseAs<ComponentsAst>("COMPONENTS STRONG WHERE type IN (company) LIMIT 5");
  EXPECT_TRUE(c.strong);
  EXPECT_EQ(c.filter.types.size(), 1u);
  EXPECT_EQ(*c.limit, 5u);
  c = ParseAs<ComponentsAst>("COMPONENTS WEAK");
  EXPECT_FALSE(c.strong);
  c = ParseAs<ComponentsAst>("components");
  EXPECT_FALSE(c.strong);
  EXPECT_FALSE(c.limit.has_value());
}

TEST(ParseTest, EntityAndFind) {
  const auto e = ParseAs<EntityAst>("ENTITY \"United States\"");
  EXPECT_EQ(e.name.text, "United States");
  EXPECT_EQ(e.name.pos.column, 8);
  EXPECT_EQ(e.name.length, 15u);
  EXPECT_EQ(ParseAs<EntityAst>("entity Huawei").name.text, "Huawei");
  auto f = ParseAs<FindAst>("FIND hua TYPE company LIMIT 5");
  EXPECT_EQ(f.text.text, "hua");
  EXPECT_EQ(f.type.text, "company");
  EXPECT_EQ(*f.limit, 5u);
  f = ParseAs<FindAst>("FIND 'hua wei'");
  EXPECT_EQ(f.text.text, "hua wei");
  EXPECT_TRUE(f.type.empty());
  EXPECT_FALSE(f.limit.has_value());
}

TEST(ParseTest, Explain) {
  Statement s = Parse("EXPLAIN MATCH ?a r ?b");
  EXPECT_TRUE(s.explain);
  EXPECT_FALSE(s.export_to.has_value());
  EXPECT_TRUE(std::holds_alternative<MatchAst>(s.query));
  s = Parse("explain PATH a TO b");
  EXPECT_TRUE(s.explain);
  EXPECT_TRUE(std::holds_alternative<PathAst>(s.query));
  s = Parse("MATCH ?a r ?b");
  EXPECT_FALSE(s.explain);
}

TEST(ParseTest, Export) {
  Statement s = Parse(
      "EXPORT SVG TO 'chips.svg' CLUSTER BY bloc TITLE 'Chips, 2024' EXPLAIN MATCH ?a restricts "
      "?b");
  ASSERT_TRUE(s.export_to.has_value());
  EXPECT_TRUE(s.explain);
  const ExportAst& e = *s.export_to;
  EXPECT_EQ(e.format.text, "svg");  // lower-cased
  EXPECT_EQ(e.path.text, "chips.svg");
  EXPECT_EQ(e.path.pos.column, 15);
  EXPECT_EQ(e.cluster.text, "bloc");
  EXPECT_EQ(e.title.text, "Chips, 2024");
  EXPECT_TRUE(std::holds_alternative<MatchAst>(s.query));
  s = Parse("EXPORT jsonl TO \"out.jsonl\" EVIDENCE Huawei ?r ?x");
  EXPECT_EQ(s.export_to->format.text, "jsonl");
  EXPECT_TRUE(s.export_to->cluster.empty());
  EXPECT_TRUE(s.export_to->title.empty());
  EXPECT_FALSE(s.explain);
  s = Parse("EXPORT dot TO 'a.dot' TITLE 'x' CLUSTER BY type NEIGHBORS China");
  EXPECT_EQ(s.export_to->cluster.text, "type");
  EXPECT_TRUE(std::holds_alternative<NeighborsAst>(s.query));
  for (const char* form : {"png", "pdf", "Dot"}) {
    s = Parse(std::string("EXPORT ") + form + " TO 'f' COMPONENTS");
    ASSERT_TRUE(s.export_to.has_value()) << form;
  }
  EXPECT_TRUE(Parse("EXPORT png TO 'p.png' PATH a TO b").export_to.has_value());
  EXPECT_TRUE(Parse("EXPORT pdf TO 'r.pdf' RANK BY degree").export_to.has_value());
}

TEST(ParseTest, KeywordsAreCaseInsensitive) {
  const auto m = ParseAs<MatchAst>(
      "match ?a r ?b where CONFIDENCE >= 1 and Date <= 2024 return distinct ?a order by ?a desc "
      "limit 1 offset 2");
  EXPECT_TRUE(m.distinct);
  EXPECT_DOUBLE_EQ(*m.filter.min_confidence, 1.0);
  EXPECT_EQ(m.filter.to, 20240000u);
  ASSERT_EQ(m.order.size(), 1u);
  EXPECT_TRUE(m.order[0].descending);
  EXPECT_EQ(*m.limit, 1u);
  EXPECT_EQ(m.offset, 2u);
}

TEST(ParseTest, KeywordsAreReservedOnlyByPosition) {
  // Where a name is expected, a keyword is a name.
  auto m = ParseAs<MatchAst>("MATCH Match where ?x");
  EXPECT_EQ(m.patterns[0].subject.name.text, "Match");
  EXPECT_EQ(m.patterns[0].relation.names[0].text, "where");
  m = ParseAs<MatchAst>("MATCH ?a limit ?b WHERE ?a = RETURN");
  EXPECT_EQ(m.patterns[0].relation.names[0].text, "limit");
  EXPECT_EQ(m.filter.var_conditions[0].values[0].name.text, "RETURN");
  m = ParseAs<MatchAst>("MATCH ?a r ?b RETURN ?a AS order ORDER BY order");
  EXPECT_EQ(m.items[0].label, "order");
  EXPECT_EQ(m.order[0].key.text, "order");
  EXPECT_EQ(ParseAs<EntityAst>("ENTITY LIMIT").name.text, "LIMIT");
  EXPECT_EQ(ParseAs<FindAst>("FIND type TYPE type").type.text, "type");
  EXPECT_EQ(ParseAs<PathAst>("PATH TO TO FROM").to.text, "FROM");
  EXPECT_EQ(ParseAs<NeighborsAst>("NEIGHBORS depth DEPTH 2").center.text, "depth");
  // COUNT and TYPE are functions only before '('.
  m = ParseAs<MatchAst>("MATCH ?a r ?b RETURN COUNT(*) ORDER BY count");
  EXPECT_EQ(m.order[0].key.text, "count");
}

TEST(ParseTest, CommentsAndLinesInsideAStatement) {
  const std::string text =
      "-- who restricts whom\nMATCH ?a restricts ?b  -- the pattern\n  RETURN ?a\n  LIMIT 3";
  const Statement s = Parse(text);
  EXPECT_EQ(s.pos.line, 2);
  EXPECT_EQ(s.pos.column, 1);
  EXPECT_EQ(s.pos.offset, 22u);
  const auto& m = std::get<MatchAst>(s.query);
  EXPECT_EQ(m.items[0].pos.line, 3);
  EXPECT_EQ(m.items[0].pos.column, 10);
  EXPECT_EQ(*m.limit, 3u);
}

TEST(ParseTest, HelpExamplesParse) {
  // The examples of query/help.cc, without their ';'.
  for (const char* text : {
           "MATCH ?a restricts ?b",
           "MATCH ?c:company based_in China, ?u supplies ?c RETURN DISTINCT ?c",
           "EVIDENCE Huawei supplies ?x WHERE modality = hedged",
           "PATH Huawei TO \"United States\" UNDIRECTED",
           "NEIGHBORS China DEPTH 2 LIMIT 20",
           "RANK BY pagerank FOR company LIMIT 10",
           "COMPONENTS",
           "ENTITY Huawei",
           "FIND hua",
           "EXPORT svg TO 'huawei.svg' NEIGHBORS Huawei",
           "MATCH ?c:company based_in China, ?u:company based_in \"United States\", ?u supplies ?c",
           "MATCH Huawei ?r ?x RETURN ?r, COUNT(*) ORDER BY count DESC",
           "MATCH ?a restricts|sanctions China RETURN DISTINCT ?a LIMIT 5",
           "MATCH ?a ?r China RETURN ?r, COUNT(DISTINCT ?a) AS actors ORDER BY actors DESC",
           "EVIDENCE \"United States\" restricts China WHERE date >= 2024 LIMIT 10",
           "EVIDENCE ?c:company based_in China, Nvidia supplies ?c",
           "EXPORT svg TO 'chips.svg' CLUSTER BY bloc MATCH ?a restricts ?b",
           "EXPORT jsonl TO 'huawei.jsonl' EVIDENCE Huawei ?r ?x",
           "COMPONENTS WHERE date BETWEEN 2023 AND 2024-06",
       }) {
    Parse(text);
  }
}

// ---------------------------------------------------------------------------
// Parser errors: every error path of parser.cc

TEST(ParseErrorTest, LexerErrorsSurfaceAsTheyAre) {
  EXPECT_TRUE(FailsWith("MATCH ?a r \"abc", "unterminated string: no closing \"", 1, 12, 4));
  EXPECT_TRUE(FailsWith("MATCH ? r ?b", "'?' must be followed by a variable name, as in ?company",
                        1, 7, 1));
  EXPECT_TRUE(FailsWith(
      "FIND 3M", "'3M' is neither a number nor a name (quote a name that starts with a digit)", 1,
      6, 2));
  EXPECT_TRUE(FailsWith("ENTITY @x", "unexpected character '@'", 1, 8, 1));
  EXPECT_TRUE(
      FailsWith("COMPONENTS WHERE confidence >= -0.1", "unexpected character '-'", 1, 32, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b LIMIT 5 OFFSET -1", "unexpected character '-'", 1, 30, 1));
}

TEST(ParseErrorTest, EmptyOrUnknownStatement) {
  EXPECT_TRUE(FailsWith("", Cat(kStatement, "end of input"), 1, 1, 0));
  EXPECT_TRUE(FailsWith("  -- just a comment\n", Cat(kStatement, "end of input"), 2, 1, 0));
  EXPECT_TRUE(FailsWith("SELECT ?a", Cat(kStatement, "'SELECT'"), 1, 1, 6));
  EXPECT_TRUE(FailsWith("?a r ?b", Cat(kStatement, "?a"), 1, 1, 2));
  EXPECT_TRUE(FailsWith("'MATCH' ?a r ?b", Cat(kStatement, "the string \"MATCH\""), 1, 1, 7));
  EXPECT_TRUE(FailsWith("(MATCH ?a r ?b)", Cat(kStatement, "'('"), 1, 1, 1));
}

TEST(ParseErrorTest, DidYouMean) {
  EXPECT_TRUE(FailsWith("MATC ?a r ?b", Cat(kStatement, "'MATC' (did you mean MATCH?)"), 1, 1, 4));
  EXPECT_TRUE(FailsWith("matc ?a r ?b", Cat(kStatement, "'matc' (did you mean MATCH?)"), 1, 1, 4));
  EXPECT_TRUE(
      FailsWith("MACTH ?a r ?b", Cat(kStatement, "'MACTH' (did you mean MATCH?)"), 1, 1, 5));
  EXPECT_TRUE(
      FailsWith("NEIGHBOR x", Cat(kStatement, "'NEIGHBOR' (did you mean NEIGHBORS?)"), 1, 1, 8));
  EXPECT_TRUE(
      FailsWith("EVIDENSE x r y", Cat(kStatement, "'EVIDENSE' (did you mean EVIDENCE?)"), 1, 1, 8));
  EXPECT_TRUE(FailsWith("\n  COMPONENT", Cat(kStatement, "'COMPONENT' (did you mean COMPONENTS?)"),
                        2, 3, 9));
  // After EXPLAIN, and after EXPORT (which lists only what it exports).
  EXPECT_TRUE(
      FailsWith("EXPLAIN MATC ?a r ?b", Cat(kStatement, "'MATC' (did you mean MATCH?)"), 1, 9, 4));
  EXPECT_TRUE(FailsWith("EXPORT dot TO 'a.dot' MATC ?a r ?b",
                        "expected a statement to export (MATCH, EVIDENCE, PATH, NEIGHBORS, RANK or "
                        "COMPONENTS), found 'MATC' (did you mean MATCH?)",
                        1, 23, 4));
  // A second EXPLAIN is not a statement.
  const ParseOutcome twice = ParseStatement("EXPLAIN EXPLAIN MATCH ?a r ?b");
  ASSERT_FALSE(twice.ok);
  EXPECT_THAT(twice.error.message, StartsWith(Cat(kStatement, "'EXPLAIN'")));
  EXPECT_EQ(twice.error.pos.column, 9);
  EXPECT_EQ(twice.error.length, 7u);
}

TEST(ParseErrorTest, DidYouMeanAtAStartPosition) {
  SourcePos start;
  start.line = 3;
  start.column = 5;
  start.offset = 40;
  const ParseOutcome out = ParseStatement("\n  MATC x", start);
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.message, Cat(kStatement, "'MATC' (did you mean MATCH?)"));
  EXPECT_EQ(out.error.pos.line, 4);
  EXPECT_EQ(out.error.pos.column, 3);
  EXPECT_EQ(out.error.pos.offset, 43u);
  EXPECT_EQ(out.error.length, 4u);
}

TEST(ParseErrorTest, TrailingGarbage) {
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b ?c", Cat(kAfterMatch, "?c"), 1, 15, 2));
  EXPECT_TRUE(FailsWith("EVIDENCE ?a r ?b RETURN ?a",
                        "expected ',', WHERE, LIMIT or ';', found 'RETURN'", 1, 18, 6));
  EXPECT_TRUE(FailsWith("PATH a TO b LIMIT 3",
                        "expected K, UNDIRECTED, WEIGHTED, WHERE or ';', found 'LIMIT'", 1, 13, 5));
  EXPECT_TRUE(FailsWith("NEIGHBORS China 2",
                        "expected DEPTH, DIRECTION, WHERE, LIMIT or ';', found '2'", 1, 17, 1));
  EXPECT_TRUE(FailsWith("RANK BY degree DESC",
                        "expected FOR, UNDIRECTED, SAMPLES, WHERE, LIMIT or ';', found 'DESC'", 1,
                        16, 4));
  EXPECT_TRUE(FailsWith("COMPONENTS ALL", "expected STRONG, WEAK, WHERE, LIMIT or ';', found 'ALL'",
                        1, 12, 3));
  EXPECT_TRUE(
      FailsWith("COMPONENTS STRONG WEAK", "expected WHERE, LIMIT or ';', found 'WEAK'", 1, 19, 4));
  EXPECT_TRUE(FailsWith("ENTITY United States",
                        "expected ';' (quote a name that has spaces: ENTITY \"United States\"), "
                        "found 'States'",
                        1, 15, 6));
  EXPECT_TRUE(
      FailsWith("FIND hua ORDER BY x", "expected TYPE, LIMIT or ';', found 'ORDER'", 1, 10, 5));
  // On a later line of the statement.
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b\nRETURN ?a\nLIMIT 5 5", "expected OFFSET or ';', found '5'",
                        3, 9, 1));
  // Clauses out of order.
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b OFFSET 5 LIMIT 2", "expected ';', found 'LIMIT'", 1, 24, 5));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN ?a WHERE confidence >= 0.5",
                        "expected ',', AS, ORDER BY, LIMIT, OFFSET or ';', found 'WHERE'", 1, 25,
                        5));
  // The text of a statement has no ';'.
  EXPECT_TRUE(FailsWith("ENTITY x;",
                        "expected ';' (quote a name that has spaces: ENTITY \"United States\"), "
                        "found ';'",
                        1, 9, 1));
}

TEST(ParseErrorTest, Names) {
  EXPECT_TRUE(
      FailsWith("ENTITY", "expected an entity name after ENTITY, found end of input", 1, 7, 0));
  EXPECT_TRUE(FailsWith("ENTITY 42", "expected an entity name after ENTITY, found '42'", 1, 8, 2));
  EXPECT_TRUE(FailsWith("ENTITY ?x", "expected an entity name after ENTITY, found ?x", 1, 8, 2));
  EXPECT_TRUE(FailsWith("ENTITY \"\"", "an empty name", 1, 8, 2));
  EXPECT_TRUE(FailsWith("ENTITY ''", "an empty name", 1, 8, 2));
}

TEST(ParseErrorTest, Counts) {
  EXPECT_TRUE(
      FailsWith("MATCH ?a r ?b LIMIT x", "expected a row count after LIMIT, found 'x'", 1, 21, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b LIMIT 2.5", "expected a row count after LIMIT, found '2.5'",
                        1, 21, 3));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b LIMIT",
                        "expected a row count after LIMIT, found end of input", 1, 20, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b LIMIT 99999999999999999999",
                        "the number 99999999999999999999 is too large", 1, 21, 20));
  EXPECT_TRUE(FailsWith("COMPONENTS LIMIT", "expected a row count after LIMIT, found end of input",
                        1, 17, 0));
  EXPECT_TRUE(FailsWith("FIND x LIMIT '5'",
                        "expected a row count after LIMIT, found the string \"5\"", 1, 14, 3));
  // The largest count fits.
  EXPECT_EQ(*ParseAs<MatchAst>("MATCH ?a r ?b LIMIT 18446744073709551615").limit,
            18446744073709551615u);
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b LIMIT 18446744073709551616",
                        "the number 18446744073709551616 is too large", 1, 21, 20));
}

TEST(ParseErrorTest, ZeroCounts) {
  EXPECT_TRUE(
      FailsWith("PATH a TO b K 0", "a number of paths after K must be at least 1", 1, 15, 1));
  EXPECT_TRUE(FailsWith("NEIGHBORS China DEPTH 0",
                        "a number of hops after DEPTH must be at least 1", 1, 23, 1));
  EXPECT_TRUE(FailsWith("RANK BY betweenness SAMPLES 0",
                        "a number of sampled sources after SAMPLES must be at least 1", 1, 29, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE evidence >= 0",
                        "a number of sentences must be at least 1", 1, 30, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE evidence >= 000",
                        "a number of sentences must be at least 1", 1, 30, 3));
}

TEST(ParseErrorTest, Export) {
  EXPECT_TRUE(FailsWith("EXPLAIN EXPORT dot TO 'f.dot' MATCH ?a r ?b",
                        "EXPLAIN goes after EXPORT ... TO 'file'", 1, 9, 6));
  EXPECT_TRUE(FailsWith("EXPORT gif TO 'x.gif' MATCH ?a r ?b",
                        "expected an export format (dot, svg, png, pdf or jsonl), found 'gif'", 1,
                        8, 3));
  EXPECT_TRUE(
      FailsWith("EXPORT 'svg' TO 'x.svg' MATCH ?a r ?b",
                "expected an export format (dot, svg, png, pdf or jsonl), found the string \"svg\"",
                1, 8, 5));
  EXPECT_TRUE(FailsWith(
      "EXPORT", "expected an export format (dot, svg, png, pdf or jsonl), found end of input", 1, 7,
      0));
  EXPECT_TRUE(FailsWith("EXPORT svg 'x.svg' MATCH ?a r ?b",
                        "expected TO 'file', found the string \"x.svg\"", 1, 12, 7));
  EXPECT_TRUE(FailsWith("EXPORT svg TO out MATCH ?a r ?b",
                        "expected a quoted file path, as in TO 'graph.svg', found 'out'", 1, 15,
                        3));
  EXPECT_TRUE(FailsWith("EXPORT svg TO .svg MATCH ?a r ?b", "unexpected character '.'", 1, 15, 1));
  EXPECT_TRUE(FailsWith("EXPORT svg TO '' MATCH ?a r ?b", "an empty file path", 1, 15, 2));
  EXPECT_TRUE(FailsWith("EXPORT svg TO 'a.svg' CLUSTER type MATCH ?a r ?b",
                        "expected BY after CLUSTER, found 'type'", 1, 31, 4));
  EXPECT_TRUE(FailsWith("EXPORT svg TO 'a.svg' CLUSTER BY country MATCH ?a r ?b",
                        "expected bloc or type, found 'country'", 1, 34, 7));
  EXPECT_TRUE(FailsWith("EXPORT svg TO 'a.svg' TITLE Chips MATCH ?a r ?b",
                        "expected a quoted title, found 'Chips'", 1, 29, 5));
  EXPECT_TRUE(FailsWith("EXPORT svg TO 'a.svg'",
                        "expected a statement to export (MATCH, EVIDENCE, PATH, NEIGHBORS, RANK or "
                        "COMPONENTS), found end of input",
                        1, 22, 0));
  EXPECT_TRUE(FailsWith("EXPORT svg TO 'a.svg' SELECT",
                        "expected a statement to export (MATCH, EVIDENCE, PATH, NEIGHBORS, RANK or "
                        "COMPONENTS), found 'SELECT'",
                        1, 23, 6));
  // Over several lines.
  EXPECT_TRUE(FailsWith("EXPORT svg\n  TO 'a.svg'\n  TITLE untitled\nMATCH ?a r ?b",
                        "expected a quoted title, found 'untitled'", 3, 9, 8));
}

TEST(ParseErrorTest, Patterns) {
  EXPECT_TRUE(FailsWith("MATCH ?a:?t r ?b",
                        "expected an entity type after ':' (company, country, ...), found ?t", 1,
                        10, 2));
  EXPECT_TRUE(FailsWith("MATCH ?a: r",
                        "expected a relation (restricts, supplies, ...) or a ?variable, found end "
                        "of input",
                        1, 12, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a:'' r ?b", "an empty name", 1, 10, 2));
  EXPECT_TRUE(FailsWith("MATCH \"\" r ?b", "an empty name", 1, 7, 2));
  EXPECT_TRUE(FailsWith("MATCH ?a r ''", "an empty name", 1, 12, 2));
  EXPECT_TRUE(FailsWith("MATCH 5 r ?b",
                        "expected the subject: an entity name or a ?variable, found '5'", 1, 7, 1));
  EXPECT_TRUE(FailsWith(
      "MATCH", "expected the subject: an entity name or a ?variable, found end of input", 1, 6, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r",
                        "expected the object: an entity name or a ?variable, found end of input", 1,
                        11, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r (x)",
                        "expected the object: an entity name or a ?variable, found '('", 1, 12, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b,",
                        "expected the subject: an entity name or a ?variable, found end of input",
                        1, 15, 0));
  EXPECT_TRUE(
      FailsWith("MATCH ?a r| ?b", "expected a relation name after '|', found ?b", 1, 13, 2));
  EXPECT_TRUE(FailsWith("MATCH ?a r|'s' ?b",
                        "expected a relation name after '|', found the string \"s\"", 1, 12, 3));
  EXPECT_TRUE(FailsWith("MATCH ?a \"r\" ?b",
                        "expected a relation (restricts, supplies, ...) or a ?variable, found the "
                        "string \"r\"",
                        1, 10, 3));
  EXPECT_TRUE(FailsWith("MATCH ?a",
                        "expected a relation (restricts, supplies, ...) or a ?variable, found end "
                        "of input",
                        1, 9, 0));
  EXPECT_TRUE(FailsWith("EVIDENCE FOR",
                        "expected the subject: an entity name or a ?variable, found end of input",
                        1, 13, 0));
  EXPECT_TRUE(FailsWith("EVIDENCE ?a r ?b, ?b * ?c",
                        "expected a relation (restricts, supplies, ...) or a ?variable, found '*'",
                        1, 22, 1));
}

TEST(ParseErrorTest, Dates) {
  const std::string prefix = "COMPONENTS WHERE date >= ";  // the date is at column 26
  EXPECT_TRUE(FailsWith(prefix + "2024-13", "'2024-13' is not a date YYYY, YYYY-MM or YYYY-MM-DD",
                        1, 26, 7));
  EXPECT_TRUE(FailsWith(prefix + "2024-00", "'2024-00' is not a date YYYY, YYYY-MM or YYYY-MM-DD",
                        1, 26, 7));
  EXPECT_TRUE(FailsWith(prefix + "2023-02-29",
                        "'2023-02-29' is not a date YYYY, YYYY-MM or YYYY-MM-DD", 1, 26, 10));
  EXPECT_TRUE(FailsWith(prefix + "2024-04-31",
                        "'2024-04-31' is not a date YYYY, YYYY-MM or YYYY-MM-DD", 1, 26, 10));
  EXPECT_TRUE(FailsWith(prefix + "24", "'24' is not a date YYYY, YYYY-MM or YYYY-MM-DD", 1, 26, 2));
  EXPECT_TRUE(
      FailsWith(prefix + "0999", "'0999' is not a date YYYY, YYYY-MM or YYYY-MM-DD", 1, 26, 4));
  EXPECT_TRUE(FailsWith(prefix + "'May 2024'",
                        "'May 2024' is not a date YYYY, YYYY-MM or YYYY-MM-DD", 1, 26, 10));
  EXPECT_TRUE(FailsWith(prefix + "May",
                        "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found 'May'", 1, 26, 3));
  EXPECT_TRUE(FailsWith(prefix + "2024.5",
                        "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2024.5'", 1, 26, 6));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date <= ",
                        "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found end of input", 1, 26,
                        0));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date BETWEEN 2024 AND 2024-02-30",
                        "'2024-02-30' is not a date YYYY, YYYY-MM or YYYY-MM-DD", 1, 40, 10));
  // A leap day is a date.
  EXPECT_EQ(ParseAs<ComponentsAst>(prefix + "2024-02-29").filter.from, 20240229u);
  // On the second line of a statement.
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b\n  WHERE date >= 2024-02-30",
                        "'2024-02-30' is not a date YYYY, YYYY-MM or YYYY-MM-DD", 2, 17, 10));
}

TEST(ParseErrorTest, DateWindowEndingBeforeItBegins) {
  // The caret goes under the date condition that empties the window.
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date >= 2024 AND date <= 2023",
                        "the date window ends before it begins", 1, 35, 4));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date BETWEEN 2024-05 AND 2024-01",
                        "the date window ends before it begins", 1, 18, 4));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b\nWHERE date <= 2023-12-31\n  AND date >= 2024",
                        "the date window ends before it begins", 3, 7, 4));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date >= 2024 AND date <= 2023 AND evidence >= 2",
                        "the date window ends before it begins", 1, 35, 4));
  // Two windows joined by AND intersect.
  const auto both =
      ParseAs<ComponentsAst>(
          "COMPONENTS WHERE date BETWEEN 2020 AND 2024 AND date BETWEEN 2022 AND 2023-06")
          .filter;
  EXPECT_EQ(both.from, 20220000u);
  EXPECT_EQ(both.to, 20230600u);
  // One day is a window.
  const auto f =
      ParseAs<ComponentsAst>("COMPONENTS WHERE date BETWEEN 2024-05-17 AND 2024-05-17").filter;
  EXPECT_EQ(f.from, 20240517u);
  EXPECT_EQ(f.to, 20240517u);
}

// `date <= 2024` means through the end of 2024, so a window from June 2024
// to "2024" is not empty.
TEST(ParseErrorTest, DateWindowEndingInsideAYearOrMonth) {
  EXPECT_TRUE(ParseStatement("COMPONENTS WHERE date >= 2024-06 AND date <= 2024").ok);
  EXPECT_TRUE(ParseStatement("COMPONENTS WHERE date BETWEEN 2024-05-17 AND 2024-05").ok);
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date >= 2025 AND date <= 2024-12",
                        "the date window ends before it begins", 1, 35, 4));
}

TEST(ParseErrorTest, Confidence) {
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE confidence > 0.5",
                        "expected '>=' after confidence, found '>'", 1, 29, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE confidence = 0.5",
                        "expected '>=' after confidence, found '='", 1, 29, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE confidence >= high",
                        "expected a confidence from 0 to 1, found 'high'", 1, 32, 4));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE confidence >= '0.5'",
                        "expected a confidence from 0 to 1, found the string \"0.5\"", 1, 32, 5));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE confidence >= 1.5",
                        "a confidence is from 0 to 1, not 1.5", 1, 32, 3));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE confidence >= 2", "a confidence is from 0 to 1, not 2", 1,
                        32, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE confidence >= 1.0000001",
                        "a confidence is from 0 to 1, not 1.0000001", 1, 32, 9));
  EXPECT_TRUE(FailsWith("MATCH ?a restricts ?b\nWHERE confidence >= 2",
                        "a confidence is from 0 to 1, not 2", 2, 21, 1));
  EXPECT_DOUBLE_EQ(
      *ParseAs<ComponentsAst>("COMPONENTS WHERE confidence >= 1.0").filter.min_confidence, 1.0);
  EXPECT_DOUBLE_EQ(
      *ParseAs<ComponentsAst>("COMPONENTS WHERE confidence >= 0").filter.min_confidence, 0.0);
}

TEST(ParseErrorTest, Evidence) {
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE evidence = 2", "expected '>=' after evidence, found '='",
                        1, 27, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE evidence >= 1.5",
                        "expected a number of sentences, found '1.5'", 1, 30, 3));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE evidence >= 99999999999999999999",
                        "the number 99999999999999999999 is too large", 1, 30, 20));
}

TEST(ParseErrorTest, Modality) {
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality = certain",
                        "'certain' is not a modality (asserted, hedged or negated)", 1, 29, 7));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality IN (asserted, sure)",
                        "'sure' is not a modality (asserted, hedged or negated)", 1, 41, 4));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality != 'maybe'",
                        "'maybe' is not a modality (asserted, hedged or negated)", 1, 30, 7));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality IN ()",
                        "expected a modality (asserted, hedged or negated), found ')'", 1, 31, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality = 5",
                        "expected a modality (asserted, hedged or negated) or a list in "
                        "parentheses, found '5'",
                        1, 29, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality IN (asserted hedged)",
                        "expected ',' or ')', found 'hedged'", 1, 40, 6));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality asserted",
                        "expected '=', '!=', IN or NOT IN after modality, found 'asserted'", 1, 27,
                        8));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality NOT asserted",
                        "expected '=', '!=', IN or NOT IN after modality, found 'NOT'", 1, 27, 3));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality",
                        "expected '=', '!=', IN or NOT IN after modality, found end of input", 1,
                        26, 0));
  // Conditions that leave nothing point at the last modality condition.
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality NOT IN (asserted, hedged, negated)",
                        "these conditions leave no modality", 1, 18, 8));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality = asserted AND modality != asserted",
                        "these conditions leave no modality", 1, 42, 8));
  EXPECT_TRUE(
      FailsWith("COMPONENTS WHERE modality != asserted AND modality NOT IN (hedged, "
                "negated)",
                "these conditions leave no modality", 1, 43, 8));
}

// WHERE conditions are joined by AND: every modality condition narrows the
// set, whether it says '=', IN, '!=' or NOT IN.
TEST(ParseErrorTest, ModalityConditionsIntersect) {
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE modality != negated AND modality = negated",
                        "these conditions leave no modality", 1, 42, 8));
  const auto f = ParseAs<ComponentsAst>(
                     "COMPONENTS WHERE modality != negated AND modality IN (asserted, negated)")
                     .filter;
  EXPECT_EQ(f.modalities, ModalityBit(Modality::kAsserted));
}

TEST(ParseErrorTest, DateOperators) {
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date = 2024",
                        "expected '>=', '<=' or BETWEEN after date, found '='", 1, 23, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date > 2024",
                        "expected '>=', '<=' or BETWEEN after date, found '>'", 1, 23, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date BETWEEN x AND 2024",
                        "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found 'x'", 1, 31, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date BETWEEN 2023 2024",
                        "expected AND between the two dates, found '2024'", 1, 36, 4));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE date BETWEEN 2023 AND",
                        "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found end of input", 1, 39,
                        0));
}

TEST(ParseErrorTest, RelationAndType) {
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE relation restricts",
                        "expected IN or '=' after relation, found 'restricts'", 1, 27, 9));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE relation != restricts",
                        "expected IN or '=' after relation, found '!='", 1, 27, 2));
  EXPECT_TRUE(
      FailsWith("COMPONENTS WHERE relation IN (a b)", "expected ',' or ')', found 'b'", 1, 33, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE relation IN (a,",
                        "expected a relation name, found end of input", 1, 33, 0));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE relation IN 5",
                        "expected a relation name or a list in parentheses, found '5'", 1, 30, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE relation IN (5)", "expected a relation name, found '5'",
                        1, 31, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE relation IN ()", "expected a relation name, found ')'", 1,
                        31, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE relation = \"\"", "an empty name", 1, 29, 2));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE type company",
                        "expected IN or '=' after type, found 'company'", 1, 23, 7));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE type IN (company,)", "expected an entity type, found ')'",
                        1, 35, 1));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE type = ?t",
                        "expected an entity type or a list in parentheses, found ?t", 1, 25, 2));
}

TEST(ParseErrorTest, VariableConditions) {
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE ?a < ?b",
                        "expected '=', '!=', IN or NOT IN after ?a, found '<'", 1, 24, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE ?a NOT ?b",
                        "expected '=', '!=', IN or NOT IN after ?a, found 'NOT'", 1, 24, 3));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE ?a = 5",
                        "expected an entity name or a ?variable, found '5'", 1, 26, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE ?a =",
                        "expected an entity name or a ?variable, found end of input", 1, 25, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE ?a = \"\"", "an empty name", 1, 26, 2));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE ?a IN Huawei",
                        "expected '(' to open the list, found 'Huawei'", 1, 27, 6));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE ?a IN (Huawei ZTE)",
                        "expected ',' or ')', found 'ZTE'", 1, 35, 3));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE ?a NOT IN (Huawei, )",
                        "expected an entity name or a ?variable, found ')'", 1, 40, 1));
  EXPECT_TRUE(FailsWith("EVIDENCE ?a r ?b WHERE ?b NOT IN Huawei",
                        "expected '(' to open the list, found 'Huawei'", 1, 34, 6));
}

TEST(ParseErrorTest, Conditions) {
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE weight >= 2", Cat(kConditionOrVariable, "'weight'"), 1,
                        21, 6));
  EXPECT_TRUE(
      FailsWith("MATCH ?a r ?b WHERE", Cat(kConditionOrVariable, "end of input"), 1, 20, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b WHERE confidence >= 0.5 AND",
                        Cat(kConditionOrVariable, "end of input"), 1, 42, 0));
  EXPECT_TRUE(FailsWith("EVIDENCE ?a r ?b WHERE (confidence >= 0.5)",
                        Cat(kConditionOrVariable, "'('"), 1, 24, 1));
  // Graph statements take no variable conditions.
  EXPECT_TRUE(FailsWith("PATH a TO b WHERE ?x = a", Cat(kConditionOnly, "?x"), 1, 19, 2));
  EXPECT_TRUE(FailsWith("NEIGHBORS China WHERE ?x = y", Cat(kConditionOnly, "?x"), 1, 23, 2));
  EXPECT_TRUE(FailsWith("RANK BY degree WHERE size >= 2", Cat(kConditionOnly, "'size'"), 1, 22, 4));
  EXPECT_TRUE(FailsWith("COMPONENTS WHERE", Cat(kConditionOnly, "end of input"), 1, 17, 0));
  EXPECT_TRUE(
      FailsWith("COMPONENTS WHERE evidence >= 2 AND AND", Cat(kConditionOnly, "'AND'"), 1, 36, 3));
}

TEST(ParseErrorTest, ReturnItems) {
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN COUNT(DISTINCT *)", "expected a ?variable, found '*'",
                        1, 37, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN COUNT(x)", "expected '*' or a ?variable, found 'x'",
                        1, 28, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN COUNT()", "expected '*' or a ?variable, found ')'", 1,
                        28, 1));
  EXPECT_TRUE(
      FailsWith("MATCH ?a r ?b RETURN COUNT(*", "expected ')', found end of input", 1, 29, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN COUNT(?a ?b)", "expected ')', found ?b", 1, 31, 2));
  EXPECT_TRUE(
      FailsWith("MATCH ?a r ?b RETURN TYPE(x)", "expected a ?variable, found 'x'", 1, 27, 1));
  EXPECT_TRUE(
      FailsWith("MATCH ?a r ?b RETURN TYPE(*)", "expected a ?variable, found '*'", 1, 27, 1));
  EXPECT_TRUE(
      FailsWith("MATCH ?a r ?b RETURN TYPE(?a", "expected ')', found end of input", 1, 29, 0));
  const std::string item = "expected a ?variable, COUNT(...) or TYPE(?variable), found ";
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN a", item + "'a'", 1, 22, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN COUNT", item + "'COUNT'", 1, 22, 5));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN *", item + "'*'", 1, 22, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN", item + "end of input", 1, 21, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN ?a,", item + "end of input", 1, 25, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN DISTINCT", item + "end of input", 1, 30, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN ?a AS",
                        "expected a column name after AS, found end of input", 1, 27, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN ?a AS 5",
                        "expected a column name after AS, found '5'", 1, 28, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b RETURN ?a AS \"\"", "an empty name", 1, 28, 2));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b\nRETURN ?a,\n  COUNT(?b", "expected ')', found end of input",
                        3, 11, 0));
}

TEST(ParseErrorTest, OrderByAndOffset) {
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b ORDER ?a", "expected BY after ORDER, found ?a", 1, 21, 2));
  const std::string column =
      "expected a column to order by (?variable, COUNT(*) or a name given with AS), found ";
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b ORDER BY 1", column + "'1'", 1, 24, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b ORDER BY", column + "end of input", 1, 23, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b ORDER BY ?a,", column + "end of input", 1, 27, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b ORDER BY ?a DESC DESC",
                        "expected ',', LIMIT, OFFSET or ';', found 'DESC'", 1, 32, 4));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b ORDER BY COUNT(x)", "expected '*' or a ?variable, found 'x'",
                        1, 30, 1));
  EXPECT_TRUE(
      FailsWith("MATCH ?a r ?b ORDER BY TYPE(?a", "expected ')', found end of input", 1, 31, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b OFFSET x", "expected a row count after OFFSET, found 'x'", 1,
                        22, 1));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b LIMIT 1 OFFSET",
                        "expected a row count after OFFSET, found end of input", 1, 29, 0));
  EXPECT_TRUE(FailsWith("MATCH ?a r ?b OFFSET 99999999999999999999",
                        "the number 99999999999999999999 is too large", 1, 22, 20));
}

TEST(ParseErrorTest, Path) {
  EXPECT_TRUE(
      FailsWith("PATH", "expected the entity the path starts from, found end of input", 1, 5, 0));
  EXPECT_TRUE(
      FailsWith("PATH ?a TO b", "expected the entity the path starts from, found ?a", 1, 6, 2));
  EXPECT_TRUE(FailsWith("PATH FROM a b", "expected TO and the entity the path leads to, found 'b'",
                        1, 13, 1));
  EXPECT_TRUE(FailsWith(
      "PATH a", "expected TO and the entity the path leads to, found end of input", 1, 7, 0));
  EXPECT_TRUE(FailsWith("PATH a TO", "expected the entity the path leads to, found end of input", 1,
                        10, 0));
  EXPECT_TRUE(FailsWith("PATH a TO ''", "an empty name", 1, 11, 2));
  EXPECT_TRUE(
      FailsWith("PATH a TO b K x", "expected a number of paths after K, found 'x'", 1, 15, 1));
  EXPECT_TRUE(FailsWith("PATH a TO b K", "expected a number of paths after K, found end of input",
                        1, 14, 0));
  EXPECT_TRUE(FailsWith("PATH a TO b K 101", "K is at most 100", 1, 15, 3));
  EXPECT_TRUE(FailsWith("PATH a TO b UNDIRECTED\n  K 1000", "K is at most 100", 2, 5, 4));
}

TEST(ParseErrorTest, Neighbors) {
  EXPECT_TRUE(FailsWith(
      "NEIGHBORS", "expected the entity whose neighbours to list, found end of input", 1, 10, 0));
  EXPECT_TRUE(FailsWith("NEIGHBORS 5", "expected the entity whose neighbours to list, found '5'", 1,
                        11, 1));
  EXPECT_TRUE(FailsWith("NEIGHBORS China DEPTH two",
                        "expected a number of hops after DEPTH, found 'two'", 1, 23, 3));
  EXPECT_TRUE(FailsWith("NEIGHBORS China DIRECTION up",
                        "expected out, in or both after DIRECTION, found 'up'", 1, 27, 2));
  EXPECT_TRUE(FailsWith("NEIGHBORS China DIRECTION",
                        "expected out, in or both after DIRECTION, found end of input", 1, 26, 0));
  EXPECT_TRUE(FailsWith("NEIGHBORS China DIRECTION 'out'",
                        "expected out, in or both after DIRECTION, found the string \"out\"", 1, 27,
                        5));
}

TEST(ParseErrorTest, Rank) {
  EXPECT_TRUE(FailsWith("RANK pagerank",
                        "expected BY and a measure (pagerank, degree, betweenness or closeness), "
                        "found 'pagerank'",
                        1, 6, 8));
  EXPECT_TRUE(FailsWith("RANK BY size",
                        "expected a measure (pagerank, degree, betweenness or closeness), found "
                        "'size'",
                        1, 9, 4));
  EXPECT_TRUE(FailsWith("RANK BY",
                        "expected a measure (pagerank, degree, betweenness or closeness), found "
                        "end of input",
                        1, 8, 0));
  EXPECT_TRUE(FailsWith("RANK BY degree FOR",
                        "expected an entity type after FOR, found end of input", 1, 19, 0));
  EXPECT_TRUE(
      FailsWith("RANK BY degree FOR ?t", "expected an entity type after FOR, found ?t", 1, 20, 2));
  EXPECT_TRUE(FailsWith("RANK BY betweenness SAMPLES many",
                        "expected a number of sampled sources after SAMPLES, found 'many'", 1, 29,
                        4));
}

TEST(ParseErrorTest, Find) {
  EXPECT_TRUE(
      FailsWith("FIND", "expected part of a name to look for, found end of input", 1, 5, 0));
  EXPECT_TRUE(FailsWith("FIND ''", "an empty name", 1, 6, 2));
  EXPECT_TRUE(FailsWith("FIND hua TYPE", "expected an entity type after TYPE, found end of input",
                        1, 14, 0));
  EXPECT_TRUE(
      FailsWith("FIND hua LIMIT x", "expected a row count after LIMIT, found 'x'", 1, 16, 1));
}

TEST(ParseErrorTest, ErrorsLieWithinTheText) {
  // Whatever the error, its place is inside the text or just past its end.
  for (const char* text :
       {"", "MATCH", "MATCH ?a r ?b WHERE", "PATH a TO b K 101", "ENTITY 'x", "FIND ?",
        "COMPONENTS WHERE date >= 2024 AND date <= 2023", "EXPORT svg TO ''", "MATCH ?a r ?b ;"}) {
    SCOPED_TRACE(text);
    const ParseOutcome out = ParseStatement(text);
    ASSERT_FALSE(out.ok);
    EXPECT_LE(out.error.pos.offset + out.error.length, std::string_view(text).size());
    EXPECT_EQ(out.error.pos.offset, OffsetOf(text, out.error.pos.line, out.error.pos.column));
  }
}

#ifdef KG_SOURCE_DIR
// Every example of query/GRAMMAR.md (its ```kgq blocks) parses.
TEST(ParseTest, GrammarExamplesParse) {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/query/GRAMMAR.md");
  ASSERT_TRUE(in) << "cannot read query/GRAMMAR.md";
  std::string line, block;
  bool inside = false;
  int blocks = 0, statements = 0;
  while (std::getline(in, line)) {
    if (!inside && line == "```kgq") {
      inside = true;
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      ++blocks;
      for (const ScriptPart& part : SplitScript(block)) {
        if (part.kind != ScriptPart::Kind::kStatement) continue;
        ++statements;
        const ParseOutcome out = ParseStatement(part.text, part.pos);
        EXPECT_TRUE(out.ok) << part.text << "\n  " << out.error.message;
      }
    } else if (inside) {
      block += line + "\n";
    }
  }
  EXPECT_GE(blocks, 20);
  EXPECT_GE(statements, 50);
}
#endif

TEST(ParseTest, KeywordsListsStatementWords) {
  const auto& words = Keywords();
  for (const char* w : {"MATCH", "EVIDENCE", "PATH", "NEIGHBORS", "RANK", "COMPONENTS", "ENTITY",
                        "FIND", "EXPLAIN", "EXPORT", "WHERE", "RETURN", "LIMIT", "OFFSET"}) {
    EXPECT_NE(std::find(words.begin(), words.end(), w), words.end()) << w;
  }
}

}  // namespace
}  // namespace kg::query
