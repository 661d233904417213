// Reader of the articles that extraction works on: news text in JSON, JSON
// Lines or plain text files, turned into ArticleText values.
//
// A gzip-compressed input (recognized by its magic bytes) is read through
// zlib; its format follows the name without ".gz" (input_stream.h). The
// format follows the file name:
//   *.json            one article object (schemas/article.schema.json), or a
//                     top-level array of them;
//   *.jsonl, *.ndjson one article object per non-blank line;
//   anything else     (*.txt, no extension, standard input) is sniffed: when
//                     the first non-blank line starts with '{' and parses as
//                     JSON, the input is JSON Lines; otherwise it is one plain
//                     text article.
// A plain text article may start with header lines "key: value" for the keys
// id, title, date, source and url (any case), ended by a blank line (or, less
// strictly, by the first line that is not a header); when the first line is
// not such a header the whole input is the body. The body keeps
// its bytes as they are (a UTF-8 byte order mark at the start of the input is
// dropped), because evidence offsets refer to it.
//
// Each document is checked for valid UTF-8 (strictly: no overlong forms, no
// surrogates, nothing above U+10FFFF, no truncated sequences), valid JSON
// nested at most 64 levels deep, the JSON Schema, a non-blank body and a
// real calendar date. A bad document is reported as "FILE:LINE: what is
// wrong" in errors() and skipped; the good ones go to the caller's sink. LINE
// is the line of a JSON Lines document; for a .json file, the line where the
// offending article starts, or where a JSON or UTF-8 error is; for a text
// file, line 1, or the header line at fault, or the line of the invalid
// UTF-8.
//
// An article without an id gets a stable one derived from its content (see
// DeriveArticleId), so that re-reading the same article, under any file name,
// names it the same.
#ifndef KG_INGEST_ARTICLE_READER_H_
#define KG_INGEST_ARTICLE_READER_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/article.h"
#include "ingest/input_stream.h"
#include "ingest/triple_reader.h"  // LineError
#include "util/hash.h"
#include "util/json.h"
#include "util/result.h"

namespace kg {

// The offset of the first byte of text that is not part of well-formed
// UTF-8, or std::string_view::npos when all of it is.
size_t FindInvalidUtf8(std::string_view text);

// "a-" and 16 lowercase hex digits of a ContentHasher hash over the title,
// date, source, url and body (not the id, file or line). Part of the store's
// format: the same content must always get the same id.
std::string DeriveArticleId(const ArticleText& article);
// That hash itself: of the title, date, source, url and body.
uint64_t ArticleDocumentHash(const ArticleText& article);
// The same hasher with everything fed but the body's bytes: Update it with
// the body and Finish gives ArticleDocumentHash. For a caller that hashes
// the body another way in the same pass.
ContentHasher DocumentHasherBeforeBody(const ArticleText& article);

class ArticleReader {
 public:
  // Receives each good article; returns false to stop reading.
  using Sink = std::function<bool(ArticleText&&)>;

  // Loads DIR/article.schema.json.
  static Result<std::unique_ptr<ArticleReader>> Create(const std::string& schema_dir);

  // Reads one file, or standard input when path is "-" (its articles then
  // have file "-" and its errors name "<stdin>"). Returns an error (NotFound,
  // IOError) only when the file cannot be read at all; bad documents go to
  // errors() and reading goes on.
  Status ReadFile(const std::string& path, const Sink& sink);
  // Reads an opened input (ReadFile opens one); IOError when it broke off
  // (a read error, corrupt or truncated compressed data) after the whole
  // documents before the break were delivered.
  Status ReadInput(InputStream& input, const Sink& sink);
  // Reads a stream; `name` picks the format (by its extension, as for a
  // file) and names the stream in articles and errors.
  Status ReadStream(std::istream& in, const std::string& name, const Sink& sink);

  // Documents seen so far, good and bad: articles of a .json array, non-blank
  // lines of JSON Lines, one per text input.
  size_t documents_read() const { return documents_read_; }
  // Problems found so far, in the order they were found.
  const std::vector<LineError>& errors() const { return errors_; }
  // Hands over the problems found so far and forgets them (a long run keeps
  // memory flat by taking them as it goes).
  std::vector<LineError> TakeErrors() { return std::exchange(errors_, {}); }

 private:
  // Where the documents being read come from.
  struct Source {
    std::string file;   // ArticleText::file
    std::string label;  // the file as errors name it
    const Sink* sink;
    bool stopped = false;  // the sink asked to stop
  };

  explicit ArticleReader(std::unique_ptr<JsonSchema> schema) : schema_(std::move(schema)) {}

  Status Read(std::istream& in, Source* source);
  // Handles a whole .json input.
  void ReadJsonText(std::string text, Source* source);
  // Handles JSON Lines from the current position of `in`; `first` is a line
  // already read (line number `number`), or empty.
  Status ReadJsonLines(std::istream& in, std::string first, size_t number, Source* source);
  // Handles one line of JSON Lines (which it may change: a byte order mark
  // or a final carriage return).
  void ReadJsonLine(std::string& line, size_t number, Source* source);
  // Handles a whole plain text input.
  void ReadText(std::string text, Source* source);

  // Checks a parsed JSON value and fills *out; InvalidArgument says why not.
  Status ArticleFromJson(const rapidjson::Value& value, ArticleText* out) const;
  // Completes an article (id, file, line) and gives it to the sink.
  void Deliver(ArticleText&& article, size_t line, Source* source);
  void AddError(const Source& source, size_t line, std::string message);

  std::unique_ptr<JsonSchema> schema_;
  std::vector<LineError> errors_;
  size_t documents_read_ = 0;
};

}  // namespace kg

#endif  // KG_INGEST_ARTICLE_READER_H_
