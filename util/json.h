// JSON parsing and JSON Schema validation on RapidJSON, with errors a person
// can act on.
//
// RapidJSON reports a byte offset and, for schemas, a keyword and two JSON
// pointers. These helpers turn that into "line 3, column 14: Missing a comma"
// and "field /confidence: must be at most 1 (got 1.5)", so that every caller
// reports bad input the same way.
#ifndef KG_UTIL_JSON_H_
#define KG_UTIL_JSON_H_

#include <memory>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "util/result.h"

namespace kg {

// Parses text (which must be valid UTF-8) into doc. On failure the message is
// "line L, column C: what is wrong" with positions relative to text.
Status ParseJson(std::string_view text, rapidjson::Document* doc);

// Parses the file at path; errors read "PATH:L:C: what is wrong".
Status ParseJsonFile(const std::string& path, rapidjson::Document* doc);

// A compiled JSON Schema (draft 4, RapidJSON's dialect).
class JsonSchema {
 public:
  // Loads and compiles the schema file; errors name the file.
  static Result<std::unique_ptr<JsonSchema>> LoadFile(const std::string& path);
  // Compiles a schema given as text; `name` is used in messages.
  static Result<std::unique_ptr<JsonSchema>> FromText(std::string_view text,
                                                      const std::string& name);
  ~JsonSchema();

  // OK, or InvalidArgument naming the first offending field and what was
  // expected, e.g. "missing required field 'relation'".
  Status Validate(const rapidjson::Value& value) const;

 private:
  struct Rep;
  explicit JsonSchema(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Short rendering of a JSON value for messages (strings quoted, long values
// cut at about 60 characters).
std::string JsonSnippet(const rapidjson::Value& value);

}  // namespace kg

#endif  // KG_UTIL_JSON_H_
