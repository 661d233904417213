#include "ingest/article_reader.h"

#include <rapidjson/error/en.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "graph/types.h"
#include "util/file.h"
#include "util/hash.h"

namespace kg {

namespace {

constexpr size_t kNpos = std::string_view::npos;

// Iterative parsing keeps deeply nested input off the call stack; the depth
// limit then protects what runs after parsing (schema validation and
// JsonSnippet walk values recursively). No kParseValidateEncodingFlag: every
// text is checked by FindInvalidUtf8 before it is parsed, which names the
// offset too; checking it twice was a third of the reader's time.
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;
constexpr int kMaxJsonDepth = 64;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

enum class Format { kJson, kJsonLines, kSniff };

Format FormatOfName(std::string_view name) {
  name = WithoutGzipSuffix(name);
  const size_t slash = name.rfind('/');
  if (slash != kNpos) name.remove_prefix(slash + 1);
  const size_t dot = name.rfind('.');
  if (dot == kNpos) return Format::kSniff;
  std::string ext(name.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (ext == "json") return Format::kJson;
  if (ext == "jsonl" || ext == "ndjson") return Format::kJsonLines;
  return Format::kSniff;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\n\r\f\v") == kNpos;
}

std::string_view TrimSpaces(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == kNpos) return {};
  const size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string_view WithoutCarriageReturn(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// RapidJSON's message without its final period, so that " at column N" can
// follow.
std::string ParseErrorReason(rapidjson::ParseErrorCode code) {
  std::string reason = rapidjson::GetParseError_En(code);
  if (!reason.empty() && reason.back() == '.') reason.pop_back();
  return reason;
}

// Calls fn(i) for each byte of JSON text from `from` on that is not inside
// a string (an opening quote is reported, the string's contents and closing
// quote are not), until fn returns false. The text must be valid JSON.
template <typename Fn>
void ForEachOutsideStrings(std::string_view text, size_t from, Fn fn) {
  bool in_string = false;
  for (size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (!fn(i)) return;
  }
}

// How many times c occurs in text, counted up to limit + 1.
size_t CountUpTo(std::string_view text, char c, size_t limit) {
  size_t count = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (count <= limit && p != end) {
    p = static_cast<const char*>(std::memchr(p, c, static_cast<size_t>(end - p)));
    if (p == nullptr) break;
    ++count;
    ++p;
  }
  return count;
}

// The offset of the first bracket nested deeper than kMaxJsonDepth in valid
// JSON text, or kNpos.
size_t DeepNestingAt(std::string_view text) {
  // Most texts open far fewer brackets than the limit in all, which memchr
  // shows at a fraction of the cost of the walk below (a byte at a time, a
  // fifth of the reader's time).
  const size_t limit = kMaxJsonDepth;
  if (CountUpTo(text, '[', limit) + CountUpTo(text, '{', limit) <= limit) return kNpos;
  int depth = 0;
  size_t at = kNpos;
  ForEachOutsideStrings(text, 0, [&](size_t i) {
    const char c = text[i];
    if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        at = i;
        return false;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
    return true;
  });
  return at;
}

// Parses text into *doc. On failure *offset is where the problem is and
// *what says what it is, without position.
//
// The text is parsed as the NUL-terminated string it is (RapidJSON copies
// strings in blocks of 16 bytes only from such a stream, not from one of a
// given length), so a NUL byte inside would end it early: none is valid in
// JSON text, and one is reported as such first.
bool ParseChecked(const std::string& text, rapidjson::Document* doc, size_t* offset,
                  std::string* what) {
  if (const void* nul = std::memchr(text.data(), '\0', text.size()); nul != nullptr) {
    *offset = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    *what = "invalid JSON: a NUL byte (written \\u0000 inside a string)";
    return false;
  }
  doc->Parse<kParseFlags>(text.c_str());
  if (doc->HasParseError()) {
    *offset = doc->GetErrorOffset();
    *what = "invalid JSON: " + ParseErrorReason(doc->GetParseError());
    return false;
  }
  if (const size_t deep = DeepNestingAt(text); deep != kNpos) {
    *offset = deep;
    *what = "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return false;
  }
  return true;
}

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The offsets where the elements of a top-level array start, in valid JSON
// text whose root is an array. RapidJSON keeps no positions, so the text is
// scanned again; being valid, it needs no checking.
std::vector<size_t> ArrayElementOffsets(std::string_view text) {
  std::vector<size_t> offsets;
  const size_t open = text.find('[');
  if (open == std::string_view::npos) return offsets;
  int depth = 0;                 // below the root array
  bool element_expected = true;  // after '[' or a top-level ','
  ForEachOutsideStrings(text, open + 1, [&](size_t i) {
    const char c = text[i];
    if (depth == 0 && element_expected && !IsJsonSpace(c)) {
      if (c == ']') return false;  // an empty array
      offsets.push_back(i);
      element_expected = false;
    }
    if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (depth == 0) return false;  // the end of the array
      --depth;
    } else if (c == ',' && depth == 0) {
      element_expected = true;
    }
    return true;
  });
  return offsets;
}

// 1-based line numbers of increasing offsets.
std::vector<size_t> LinesOfOffsets(std::string_view text, const std::vector<size_t>& offsets) {
  std::vector<size_t> lines;
  lines.reserve(offsets.size());
  size_t line = 1;
  size_t pos = 0;
  for (size_t offset : offsets) {
    for (; pos < offset && pos < text.size(); ++pos) {
      if (text[pos] == '\n') ++line;
    }
    lines.push_back(line);
  }
  return lines;
}

std::string GetString(const rapidjson::Value& obj, const char* name) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

bool LooksLikeDate(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

// `what` names the date's place: "field /date" or "header 'date'".
Status CheckDate(const std::string& date, const std::string& what) {
  PackedDate packed = 0;
  if (ParseDate(date, &packed)) return Status::OK();
  if (LooksLikeDate(date)) {
    return Status::InvalidArgument(what + ": '" + date + "' is not a calendar date");
  }
  return Status::InvalidArgument(what + ": '" + date +
                                 "' is not a date YYYY-MM-DD (or YYYY-MM, or YYYY)");
}

// Splits a plain text header line "key: value" with a known key; false when
// the line is not one.
bool ParseHeader(std::string_view line, std::string* key, std::string_view* value) {
  size_t i = 0;
  while (i < line.size() && i < 8 &&
         ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z')))
    ++i;
  if (i == 0) return false;
  std::string k(line.substr(0, i));
  for (char& c : k)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (k != "id" && k != "title" && k != "date" && k != "source" && k != "url") return false;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
    ++i;
  if (i >= line.size() || line[i] != ':') return false;
  *key = std::move(k);
  *value = TrimSpaces(line.substr(i + 1));
  return true;
}

// Reads a line; *had_newline tells whether it ended with '\n' (the last line
// of a stream may not).
bool NextLine(std::istream& in, std::string* line, bool* had_newline) {
  if (!std::getline(in, *line)) return false;
  *had_newline = !in.eof();
  return true;
}

std::string ReadRest(std::istream& in) {
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

size_t FindInvalidUtf8(std::string_view text) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Runs of ASCII, most of any text, eight bytes at a time.
    uint64_t word;
    while (n - i >= sizeof word) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080u) != 0) break;
      i += sizeof word;
    }
    if (i == n) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The length of the sequence and the range its second byte must be in;
    // the narrowed ranges rule out overlong forms, surrogates (U+D800..DFFF)
    // and code points above U+10FFFF.
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c == 0xE0) {
      length = 3;
      low = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      length = 3;
    } else if (c == 0xED) {
      length = 3;
      high = 0x9F;
    } else if (c == 0xF0) {
      length = 4;
      low = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      length = 4;
    } else if (c == 0xF4) {
      length = 4;
      high = 0x8F;
    } else {
      return i;  // a continuation byte, C0, C1 or F5..FF
    }
    if (n - i < length) return i;
    const unsigned char second = static_cast<unsigned char>(text[i + 1]);
    if (second < low || second > high) return i;
    for (size_t k = 2; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return kNpos;
}

ContentHasher DocumentHasherBeforeBody(const ArticleText& article) {
  ContentHasher hasher;
  hasher.UpdateField(article.title);
  hasher.UpdateField(article.date);
  hasher.UpdateField(article.source);
  hasher.UpdateField(article.url);
  hasher.BeginField(article.body.size());
  return hasher;
}

uint64_t ArticleDocumentHash(const ArticleText& article) {
  ContentHasher hasher = DocumentHasherBeforeBody(article);
  hasher.Update(article.body);
  return hasher.Finish();
}

std::string DeriveArticleId(const ArticleText& article) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "a-%016llx",
                static_cast<unsigned long long>(ArticleDocumentHash(article)));
  return buf;
}

Result<std::unique_ptr<ArticleReader>> ArticleReader::Create(const std::string& schema_dir) {
  KG_ASSIGN_OR_RETURN(auto schema, JsonSchema::LoadFile(schema_dir + "/article.schema.json"));
  return std::unique_ptr<ArticleReader>(new ArticleReader(std::move(schema)));
}

Status ArticleReader::ReadFile(const std::string& path, const Sink& sink) {
  KG_ASSIGN_OR_RETURN(auto input, InputStream::Open(path));
  return ReadInput(*input, sink);
}

Status ArticleReader::ReadInput(InputStream& input, const Sink& sink) {
  const bool stdin_input = input.name() == "-";
  Source source{input.name(), stdin_input ? "<stdin>" : input.name(), &sink};
  Status s = Read(input.stream(), &source);
  // Whole documents before a read or decompression error were delivered;
  // the error names the file.
  const std::string error = input.error();
  if (!error.empty() && !source.stopped) return Status::IOError(error);
  return s;
}

Status ArticleReader::ReadStream(std::istream& in, const std::string& name, const Sink& sink) {
  Source source{name, name, &sink};
  return Read(in, &source);
}

Status ArticleReader::Read(std::istream& in, Source* source) {
  const Status read_failed = Status::IOError(source->label + ": read failed");
  switch (FormatOfName(source->file)) {
    case Format::kJson: {
      std::string text = ReadRest(in);
      if (in.bad()) return read_failed;
      ReadJsonText(std::move(text), source);
      return Status::OK();
    }
    case Format::kJsonLines:
      return ReadJsonLines(in, "", 0, source);
    case Format::kSniff:
      break;
  }
  // Sniff: JSON Lines when the first non-blank line is a JSON object.
  std::string consumed, line;
  size_t number = 0;
  bool had_newline = false;
  while (NextLine(in, &line, &had_newline)) {
    ++number;
    consumed += line;
    if (had_newline) consumed += '\n';
    std::string_view view = WithoutCarriageReturn(line);
    if (number == 1 && view.substr(0, kBom.size()) == kBom) view.remove_prefix(kBom.size());
    if (IsBlank(view)) continue;
    const size_t first = view.find_first_not_of(" \t");
    rapidjson::Document doc;
    size_t offset = 0;
    std::string what;
    if (first != kNpos && view[first] == '{' && FindInvalidUtf8(view) == kNpos &&
        ParseChecked(std::string(view), &doc, &offset, &what)) {
      return ReadJsonLines(in, std::move(line), number, source);
    }
    break;
  }
  if (in.bad()) return read_failed;
  consumed += ReadRest(in);
  if (in.bad()) return read_failed;
  ReadText(std::move(consumed), source);
  return Status::OK();
}

Status ArticleReader::ReadJsonLines(std::istream& in, std::string first, size_t number,
                                    Source* source) {
  if (number > 0) ReadJsonLine(first, number, source);
  std::string line;
  while (!source->stopped && std::getline(in, line)) {
    ++number;
    ReadJsonLine(line, number, source);
  }
  if (in.bad()) {
    return Status::IOError(source->label + ": read failed after line " + std::to_string(number));
  }
  return Status::OK();
}

void ArticleReader::ReadJsonLine(std::string& line, size_t number, Source* source) {
  if (number == 1 && line.compare(0, kBom.size(), kBom) == 0) {
    // Blanked rather than removed, so that columns still count from the
    // line's first byte.
    line.replace(0, kBom.size(), kBom.size(), ' ');
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (IsBlank(line)) return;
  ++documents_read_;
  if (const size_t bad = FindInvalidUtf8(line); bad != kNpos) {
    AddError(*source, number, "invalid UTF-8 at byte offset " + std::to_string(bad));
    return;
  }
  rapidjson::Document doc;
  size_t offset = 0;
  std::string what;
  if (!ParseChecked(line, &doc, &offset, &what)) {
    AddError(*source, number,
             what + " at column " + std::to_string(PositionOfOffset(line, offset).column));
    return;
  }
  ArticleText article;
  if (Status s = ArticleFromJson(doc, &article); !s.ok()) {
    AddError(*source, number, s.message());
    return;
  }
  Deliver(std::move(article), number, source);
}

void ArticleReader::ReadJsonText(std::string text, Source* source) {
  if (const size_t bad = FindInvalidUtf8(text); bad != kNpos) {
    ++documents_read_;
    AddError(*source, PositionOfOffset(text, bad).line,
             "invalid UTF-8 at byte offset " + std::to_string(bad));
    return;
  }
  // Blanked rather than removed, so that positions count from the file's
  // first byte.
  if (text.compare(0, kBom.size(), kBom) == 0) text.replace(0, kBom.size(), kBom.size(), ' ');
  rapidjson::Document doc;
  size_t offset = 0;
  std::string what;
  if (!ParseChecked(text, &doc, &offset, &what)) {
    ++documents_read_;
    const TextPosition pos = PositionOfOffset(text, offset);
    AddError(*source, pos.line, what + " at column " + std::to_string(pos.column));
    return;
  }
  auto handle = [&](const rapidjson::Value& value, size_t line) {
    ++documents_read_;
    ArticleText article;
    if (Status s = ArticleFromJson(value, &article); !s.ok()) {
      AddError(*source, line, s.message());
      return;
    }
    Deliver(std::move(article), line, source);
  };
  if (!doc.IsArray()) {
    const size_t start = text.find_first_not_of(" \t\r\n");
    handle(doc, start == kNpos ? 1 : PositionOfOffset(text, start).line);
    return;
  }
  const std::vector<size_t> lines = LinesOfOffsets(text, ArrayElementOffsets(text));
  for (rapidjson::SizeType i = 0; i < doc.Size() && !source->stopped; ++i) {
    handle(doc[i], i < lines.size() ? lines[i] : 1);
  }
}

void ArticleReader::ReadText(std::string text, Source* source) {
  ++documents_read_;
  if (const size_t bad = FindInvalidUtf8(text); bad != kNpos) {
    AddError(*source, PositionOfOffset(text, bad).line,
             "invalid UTF-8 at byte offset " + std::to_string(bad));
    return;
  }
  ArticleText article;
  size_t pos = text.compare(0, kBom.size(), kBom) == 0 ? kBom.size() : 0;
  // Header lines, until a blank line (which is dropped) or a line that is not
  // a header (which starts the body).
  std::vector<std::string> seen;
  size_t number = 1;
  while (pos < text.size()) {
    const size_t eol = text.find('\n', pos);
    const size_t end = eol == kNpos ? text.size() : eol;
    const size_t next = eol == kNpos ? text.size() : eol + 1;
    const std::string_view line =
        WithoutCarriageReturn(std::string_view(text).substr(pos, end - pos));
    if (IsBlank(line)) {
      if (!seen.empty()) pos = next;
      break;
    }
    std::string key;
    std::string_view value;
    if (!ParseHeader(line, &key, &value)) break;
    const std::string what = "header '" + key + "'";
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      AddError(*source, number, what + " is given twice");
      return;
    }
    seen.push_back(key);
    std::string v(value);
    if (key == "id") {
      if (v.empty()) {
        AddError(*source, number, what + ": must not be blank");
        return;
      }
      article.id = std::move(v);
    } else if (key == "title") {
      article.title = std::move(v);
    } else if (key == "date") {
      if (!v.empty()) {
        if (Status s = CheckDate(v, what); !s.ok()) {
          AddError(*source, number, s.message());
          return;
        }
      }
      article.date = std::move(v);
    } else if (key == "source") {
      article.source = std::move(v);
    } else {
      article.url = std::move(v);
    }
    pos = next;
    ++number;
  }
  article.body = text.substr(pos);
  if (IsBlank(article.body)) {
    AddError(*source, 1, "the article body is empty");
    return;
  }
  Deliver(std::move(article), 1, source);
}

Status ArticleReader::ArticleFromJson(const rapidjson::Value& value, ArticleText* out) const {
  // Checked before the schema, so that JSON and text inputs say it alike.
  if (value.IsObject()) {
    auto it = value.FindMember("body");
    if (it != value.MemberEnd() && it->value.IsString() &&
        IsBlank(std::string_view(it->value.GetString(), it->value.GetStringLength()))) {
      return Status::InvalidArgument("the article body is empty");
    }
  }
  KG_RETURN_IF_ERROR(schema_->Validate(value));
  out->id = GetString(value, "id");
  out->title = GetString(value, "title");
  out->date = GetString(value, "date");
  out->source = GetString(value, "source");
  out->url = GetString(value, "url");
  out->body = GetString(value, "body");
  if (!out->date.empty()) KG_RETURN_IF_ERROR(CheckDate(out->date, "field /date"));
  return Status::OK();
}

void ArticleReader::Deliver(ArticleText&& article, size_t line, Source* source) {
  if (article.id.empty()) article.id = DeriveArticleId(article);
  article.file = source->file;
  article.line = line;
  if (*source->sink && !(*source->sink)(std::move(article))) source->stopped = true;
}

void ArticleReader::AddError(const Source& source, size_t line, std::string message) {
  errors_.push_back({source.label, line, std::move(message)});
}

}  // namespace kg
