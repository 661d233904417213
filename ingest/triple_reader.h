// Reader of the project's triple format: JSON Lines, one fact per line, as
// described by schemas/triple.schema.json. It is what `kg import` reads and
// what `kg export jsonl` will write.
//
// Each line is checked for valid JSON and UTF-8, against the JSON Schema,
// and against the ontology (known relation and entity types, a real date).
// A bad line is reported as "FILE:LINE: what is wrong" and skipped; the good
// lines are kept. Lines are grouped into articles by their "article" field,
// in the order articles first appear, because an article is the unit the
// store writes atomically and replaces on re-import.
#ifndef KG_INGEST_TRIPLE_READER_H_
#define KG_INGEST_TRIPLE_READER_H_

#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/ontology.h"
#include "graph/types.h"
#include "util/json.h"
#include "util/result.h"

namespace kg {

// A problem with one input line.
struct LineError {
  std::string file;
  size_t line = 0;
  std::string message;
  std::string ToString() const { return file + ":" + std::to_string(line) + ": " + message; }
};

// One parsed line: the fact and the article fields it carries.
struct TripleLine {
  ArticleMeta article;  // id, title, source, url, date as given on the line
  Fact fact;
};

class TripleLineParser {
 public:
  // Loads DIR/triple.schema.json. The ontology must outlive the parser.
  static Result<std::unique_ptr<TripleLineParser>> Create(const std::string& schema_dir,
                                                          const Ontology* ontology);

  // Parses one line (without its newline). InvalidArgument says what is
  // wrong, without the file and line, which the caller knows.
  Status Parse(std::string_view line, TripleLine* out) const;

 private:
  TripleLineParser(std::unique_ptr<JsonSchema> schema, const Ontology* ontology)
      : schema_(std::move(schema)), ontology_(ontology) {}
  std::unique_ptr<JsonSchema> schema_;
  const Ontology* ontology_;
};

// Accumulates lines from one or more files into articles.
class TripleFileReader {
 public:
  explicit TripleFileReader(const TripleLineParser* parser) : parser_(parser) {}

  // Reads every line of `in`, naming it `file` in errors. Returns an error
  // only when the stream itself fails; bad lines go to errors().
  Status ReadStream(std::istream& in, const std::string& file);
  // Reads a file, or standard input when path is "-".
  Status ReadFile(const std::string& path);

  // Articles in the order they first appeared. Moves them out.
  std::vector<ArticleInput> TakeArticles();
  const std::vector<LineError>& errors() const { return errors_; }
  size_t lines_read() const { return lines_read_; }
  size_t facts_read() const { return facts_read_; }

 private:
  // Adds a parsed line to its article; InvalidArgument when its article
  // fields contradict earlier lines of the same article.
  Status AddLine(TripleLine line);

  const TripleLineParser* parser_;
  std::vector<ArticleInput> articles_;
  std::unordered_map<std::string, size_t> article_index_;
  std::vector<LineError> errors_;
  size_t lines_read_ = 0;
  size_t facts_read_ = 0;
};

}  // namespace kg

#endif  // KG_INGEST_TRIPLE_READER_H_
