#include "query/lexer.h"

#include <cctype>

namespace kg::query {

namespace {

bool IsWordStart(unsigned char c) {
  return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool IsWordChar(unsigned char c) {
  return std::isalnum(c) || c == '_' || c >= 0x80;
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Walks the text keeping line and column.
class Cursor {
 public:
  Cursor(std::string_view text, SourcePos start) : text_(text), pos_(start), base_(start.offset) {}

  bool done() const { return i_ >= text_.size(); }
  char peek(size_t ahead = 0) const { return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0'; }
  size_t index() const { return i_; }
  SourcePos pos() const { return pos_; }
  void advance() {
    if (text_[i_] == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else {
      ++pos_.column;
    }
    ++i_;
    pos_.offset = base_ + i_;
  }
  // Skips blanks and `--` comments.
  void SkipSpace() {
    while (!done()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
        advance();
      } else if (c == '-' && peek(1) == '-') {
        while (!done() && peek() != '\n')
          advance();
      } else {
        break;
      }
    }
  }
  std::string_view slice(size_t from) const { return text_.substr(from, i_ - from); }

 private:
  std::string_view text_;
  SourcePos pos_;
  size_t base_;
  size_t i_ = 0;
};

// A date literal starts here: YYYY-MM or YYYY-MM-DD.
size_t DateLength(const Cursor& c) {
  for (size_t k = 0; k < 4; ++k)
    if (!IsDigit(c.peek(k))) return 0;
  if (c.peek(4) != '-' || !IsDigit(c.peek(5)) || !IsDigit(c.peek(6))) return 0;
  size_t n = 7;
  if (c.peek(7) == '-' && IsDigit(c.peek(8)) && IsDigit(c.peek(9))) n = 10;
  if (IsWordChar(static_cast<unsigned char>(c.peek(n))) || c.peek(n) == '-') return 0;
  return n;
}

Token Next(Cursor& c) {
  c.SkipSpace();
  Token t;
  t.pos = c.pos();
  const size_t start = c.index();
  auto finish = [&](TokenKind kind) {
    t.kind = kind;
    t.length = c.index() - start;
    if (t.text.empty() && kind != TokenKind::kString) t.text = std::string(c.slice(start));
    return t;
  };
  if (c.done()) return finish(TokenKind::kEnd);
  const char ch = c.peek();
  const auto uch = static_cast<unsigned char>(ch);
  if (IsWordStart(uch)) {
    // Inner hyphens belong to the word ("Hua-Hong"); a trailing one does not.
    while (!c.done() && (IsWordChar(static_cast<unsigned char>(c.peek())) ||
                         (c.peek() == '-' && IsWordChar(static_cast<unsigned char>(c.peek(1))))))
      c.advance();
    return finish(TokenKind::kWord);
  }
  if (ch == '?') {
    c.advance();
    if (c.done() || !IsWordStart(static_cast<unsigned char>(c.peek()))) {
      t.text = "'?' must be followed by a variable name, as in ?company";
      return finish(TokenKind::kError);
    }
    const size_t name_start = c.index();
    while (!c.done() && IsWordChar(static_cast<unsigned char>(c.peek())))
      c.advance();
    t.text = std::string(c.slice(name_start));
    return finish(TokenKind::kVariable);
  }
  if (ch == '"' || ch == '\'') {
    const char quote = ch;
    c.advance();
    std::string value;
    while (true) {
      if (c.done()) {
        t.text = std::string("unterminated string: no closing ") + quote;
        return finish(TokenKind::kError);
      }
      const char x = c.peek();
      if (x == '\\' && (c.peek(1) == quote || c.peek(1) == '\\')) {
        c.advance();
        value += c.peek();
        c.advance();
      } else if (x == quote && c.peek(1) == quote) {
        value += quote;
        c.advance();
        c.advance();
      } else if (x == quote) {
        c.advance();
        break;
      } else {
        value += x;
        c.advance();
      }
    }
    t.text = std::move(value);
    return finish(TokenKind::kString);
  }
  if (IsDigit(ch) || (ch == '.' && IsDigit(c.peek(1)))) {
    if (const size_t n = DateLength(c)) {
      for (size_t k = 0; k < n; ++k)
        c.advance();
      return finish(TokenKind::kDate);
    }
    bool decimal = false;
    while (!c.done() && IsDigit(c.peek()))
      c.advance();
    if (c.peek() == '.' && IsDigit(c.peek(1))) {
      decimal = true;
      c.advance();
      while (!c.done() && IsDigit(c.peek()))
        c.advance();
    }
    if (!c.done() && IsWordChar(static_cast<unsigned char>(c.peek()))) {
      while (!c.done() && IsWordChar(static_cast<unsigned char>(c.peek())))
        c.advance();
      t.text = "'" + std::string(c.slice(start)) +
               "' is neither a number nor a name (quote a name that starts with a digit)";
      return finish(TokenKind::kError);
    }
    return finish(decimal ? TokenKind::kDecimal : TokenKind::kInteger);
  }
  c.advance();
  switch (ch) {
    case ',':
      return finish(TokenKind::kComma);
    case '(':
      return finish(TokenKind::kLeftParen);
    case ')':
      return finish(TokenKind::kRightParen);
    case ';':
      return finish(TokenKind::kSemicolon);
    case ':':
      return finish(TokenKind::kColon);
    case '*':
      return finish(TokenKind::kStar);
    case '|':
      return finish(TokenKind::kBar);
    case '=':
      return finish(TokenKind::kEqual);
    case '!':
      if (c.peek() == '=') {
        c.advance();
        return finish(TokenKind::kNotEqual);
      }
      break;
    case '<':
      if (c.peek() == '=') {
        c.advance();
        return finish(TokenKind::kLessEqual);
      }
      if (c.peek() == '>') {
        c.advance();
        return finish(TokenKind::kNotEqual);
      }
      return finish(TokenKind::kLess);
    case '>':
      if (c.peek() == '=') {
        c.advance();
        return finish(TokenKind::kGreaterEqual);
      }
      return finish(TokenKind::kGreater);
    default:
      break;
  }
  // Show the whole UTF-8 sequence of a stray character, not half of it.
  std::string shown(1, ch);
  if (uch < 0x20 || uch == 0x7f) {
    char buf[8];
    snprintf(buf, sizeof buf, "\\x%02x", uch);
    shown = buf;
  }
  t.text = "unexpected character '" + shown + "'";
  return finish(TokenKind::kError);
}

}  // namespace

bool Token::Is(std::string_view keyword) const {
  if (kind != TokenKind::kWord || text.size() != keyword.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(keyword[i])))
      return false;
  return true;
}

std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kString:
      return "the string \"" + token.text + "\"";
    case TokenKind::kVariable:
      return "?" + token.text;
    case TokenKind::kError:
      return token.text;
    default:
      return "'" + token.text + "'";
  }
}

std::vector<Token> Tokenize(std::string_view text, SourcePos start) {
  Cursor c(text, start);
  std::vector<Token> out;
  while (true) {
    out.push_back(Next(c));
    const TokenKind k = out.back().kind;
    if (k == TokenKind::kEnd || k == TokenKind::kError) break;
  }
  return out;
}

std::vector<ScriptPart> SplitScript(std::string_view script, SourcePos start) {
  std::vector<ScriptPart> parts;
  Cursor c(script, start);
  while (true) {
    c.SkipSpace();
    if (c.done()) break;
    const size_t begin = c.index();
    const SourcePos pos = c.pos();
    ScriptPart part;
    part.pos = pos;
    if (c.peek() == '.' && !IsDigit(c.peek(1))) {
      while (!c.done() && c.peek() != '\n')
        c.advance();
      part.kind = ScriptPart::Kind::kMeta;
      part.text = c.slice(begin);
      while (!part.text.empty() && (part.text.back() == '\r' || part.text.back() == ' '))
        part.text.remove_suffix(1);
      part.terminated = true;
      parts.push_back(part);
      continue;
    }
    // A statement: tokens up to ';' (strings and comments may hold one).
    size_t end = script.size();
    while (true) {
      Token t = Next(c);
      if (t.kind == TokenKind::kEnd) {
        end = c.index();
        break;
      }
      if (t.kind == TokenKind::kError) {
        // An unterminated string runs to the end; anything else: go on to
        // the ';' so the error is reported for this statement only.
        if (c.done()) {
          end = script.size();
          break;
        }
        continue;
      }
      if (t.kind == TokenKind::kSemicolon) {
        end = t.pos.offset - start.offset;
        part.terminated = true;
        break;
      }
    }
    part.text = script.substr(begin, end - begin);
    // An empty statement (";;") is nothing to run, as in SQL shells.
    if (part.text.empty() && part.terminated) continue;
    parts.push_back(part);
  }
  return parts;
}

}  // namespace kg::query
