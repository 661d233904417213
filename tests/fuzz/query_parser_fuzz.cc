// libFuzzer target over the query language's front end: the bytes are a
// script, cut by SplitScript; each statement is tokenized and parsed, and
// the whole text goes through Session::IsComplete (what the shell asks
// before it runs a line). No store is read. Any crash, sanitizer report or
// hang is a bug, and so is a broken invariant, checked below:
//   - parts lie inside the script, in order, and a meta command is one line;
//   - tokens lie inside their text, in order, and end with one kEnd or kError;
//   - a token's line:column agrees with its offset;
//   - an error's place lies inside the text (or just past its end);
//   - parsing is deterministic, and a statement that parses still parses
//     when re-parsed from its own part.
//
// Built by `make fuzz` (clang with libFuzzer), seeded with
// tests/fuzz/query_corpus.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "query/lexer.h"
#include "query/parser.h"
#include "query/session.h"

namespace {

using kg::query::ParseOutcome;
using kg::query::ScriptPart;
using kg::query::SourcePos;
using kg::query::Token;
using kg::query::TokenKind;

[[noreturn]] void Broken(const char* what, size_t offset) {
  std::fprintf(stderr, "invariant broken: %s (offset %zu)\n", what, offset);
  std::abort();
}

#define CHECK(cond, offset) \
  if (!(cond)) Broken(#cond, offset)

// Line and column of `offset` in `script`, counted from `start`.
SourcePos PosAt(std::string_view script, size_t offset) {
  SourcePos p;
  for (size_t i = 0; i < offset && i < script.size(); ++i) {
    if (script[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  p.offset = offset;
  return p;
}

void CheckPos(std::string_view script, const SourcePos& pos) {
  CHECK(pos.offset <= script.size(), pos.offset);
  const SourcePos want = PosAt(script, pos.offset);
  CHECK(pos.line == want.line, pos.offset);
  CHECK(pos.column == want.column, pos.offset);
}

void CheckTokens(std::string_view script, const ScriptPart& part) {
  const std::vector<Token> tokens = kg::query::Tokenize(part.text, part.pos);
  CHECK(!tokens.empty(), part.pos.offset);
  const size_t begin = part.pos.offset;
  const size_t end = begin + part.text.size();
  size_t last_end = begin;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const bool final = t.kind == TokenKind::kEnd || t.kind == TokenKind::kError;
    CHECK(final == (i + 1 == tokens.size()), t.pos.offset);
    CHECK(t.pos.offset >= last_end, t.pos.offset);
    CHECK(t.pos.offset + t.length <= end, t.pos.offset);
    CheckPos(script, t.pos);
    if (t.kind == TokenKind::kEnd) {
      CHECK(t.length == 0, t.pos.offset);
    } else {
      CHECK(t.length > 0, t.pos.offset);
    }
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kInteger ||
        t.kind == TokenKind::kDecimal || t.kind == TokenKind::kDate) {
      CHECK(script.substr(t.pos.offset, t.length) == t.text, t.pos.offset);
    }
    if (t.kind == TokenKind::kVariable) {
      CHECK(script.substr(t.pos.offset + 1, t.length - 1) == t.text, t.pos.offset);
    }
    if (t.kind == TokenKind::kString) CHECK(t.text.size() + 2 <= t.length, t.pos.offset);
    last_end = t.pos.offset + t.length;
  }
}

void CheckParse(std::string_view script, const ScriptPart& part) {
  const ParseOutcome out = kg::query::ParseStatement(part.text, part.pos);
  const size_t end = part.pos.offset + part.text.size();
  if (!out.ok) {
    const auto& e = out.error;
    CHECK(!e.message.empty(), part.pos.offset);
    CHECK(e.located, part.pos.offset);
    CHECK(e.pos.offset >= part.pos.offset, e.pos.offset);
    CHECK(e.pos.offset + e.length <= end, e.pos.offset);
    CheckPos(script, e.pos);
  } else {
    CHECK(out.statement.pos.offset >= part.pos.offset, out.statement.pos.offset);
    CHECK(out.statement.pos.offset <= end, out.statement.pos.offset);
  }
  // The same text parses the same way.
  const ParseOutcome again = kg::query::ParseStatement(part.text, part.pos);
  CHECK(again.ok == out.ok, part.pos.offset);
  if (!out.ok) {
    CHECK(again.error.message == out.error.message, part.pos.offset);
    CHECK(again.error.pos.offset == out.error.pos.offset, part.pos.offset);
  }
  // Positions do not change what parses: the text alone, from the start.
  const ParseOutcome alone = kg::query::ParseStatement(part.text);
  CHECK(alone.ok == out.ok, part.pos.offset);
  if (!out.ok) {
    CHECK(alone.error.message == out.error.message, part.pos.offset);
    CHECK(alone.error.pos.offset + part.pos.offset == out.error.pos.offset, part.pos.offset);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string copy(reinterpret_cast<const char*>(data), size);
  const std::string_view script(copy);

  const std::vector<ScriptPart> parts = kg::query::SplitScript(script);
  size_t last_end = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const ScriptPart& part = parts[i];
    // The part's text is the script's own bytes at its place.
    CHECK(part.pos.offset >= last_end, part.pos.offset);
    CHECK(part.pos.offset + part.text.size() <= script.size(), part.pos.offset);
    CHECK(part.text.data() == script.data() + part.pos.offset, part.pos.offset);
    CheckPos(script, part.pos);
    last_end = part.pos.offset + part.text.size();
    if (part.kind == ScriptPart::Kind::kMeta) {
      CHECK(!part.text.empty() && part.text[0] == '.', part.pos.offset);
      CHECK(part.text.find('\n') == std::string_view::npos, part.pos.offset);
      CHECK(part.terminated, part.pos.offset);
      continue;
    }
    // Only the last statement may lack its ';'.
    CHECK(part.terminated || i + 1 == parts.size(), part.pos.offset);
    if (part.terminated) {
      CHECK(last_end < script.size() && script[last_end] == ';', last_end);
      last_end += 1;
    }
    CheckTokens(script, part);
    CheckParse(script, part);
  }

  // What the shell asks before it runs the text: complete exactly when the
  // last part is ended.
  const bool complete = kg::query::Session::IsComplete(script);
  const bool ended =
      parts.empty() || parts.back().kind == ScriptPart::Kind::kMeta || parts.back().terminated;
  CHECK(complete == ended, size);

  // The whole input as one statement, as `kg query -e` would give a
  // statement without ';' (SplitScript never hands ParseStatement a ';').
  (void)kg::query::ParseStatement(script);
  const std::vector<Token> tokens = kg::query::Tokenize(script);
  CHECK(!tokens.empty(), 0);
  return 0;
}
