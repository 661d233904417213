#include "util/json.h"

#include <gtest/gtest.h>

namespace kg {
namespace {

constexpr char kSchema[] = R"({
  "type": "object",
  "required": ["name", "score"],
  "additionalProperties": false,
  "properties": {
    "name": {"type": "string", "minLength": 1},
    "score": {"type": "number", "minimum": 0, "maximum": 1},
    "kind": {"enum": ["a", "b"]},
    "day": {"type": "string", "pattern": "^[0-9]{4}$", "description": "a four-digit year"}
  }
})";

std::string Check(const JsonSchema& schema, const char* text) {
  rapidjson::Document doc;
  Status s = ParseJson(text, &doc);
  if (!s.ok()) return s.message();
  s = schema.Validate(doc);
  return s.ok() ? "ok" : s.message();
}

TEST(JsonTest, ParseErrorsNameLineAndColumn) {
  rapidjson::Document doc;
  Status s = ParseJson("{\n  \"a\": 1,\n  \"b\" 2\n}", &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("line 3, column 7: invalid JSON", 0), 0u) << s.message();
  s = ParseJson("\"\xff\"", &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("invalid UTF-8"), std::string::npos) << s.message();
}

TEST(JsonTest, SchemaViolationsArePhrasedForPeople) {
  auto schema = JsonSchema::FromText(kSchema, "test schema");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  const JsonSchema& js = **schema;
  EXPECT_EQ(Check(js, R"({"name":"x","score":0.5})"), "ok");
  EXPECT_EQ(Check(js, R"({"name":"x"})"), "missing required field 'score'");
  EXPECT_EQ(Check(js, R"({"name":"x","score":2})"), "field /score: must be at most 1 (got 2)");
  EXPECT_EQ(Check(js, R"({"name":"x","score":"high"})"),
            "field /score: must be number, not string");
  EXPECT_EQ(Check(js, R"({"name":"","score":0})"), "field /name: must not be empty");
  EXPECT_EQ(Check(js, R"({"name":"x","score":0,"kind":"c"})"),
            "field /kind: must be one of \"a\", \"b\" (got \"c\")");
  EXPECT_EQ(Check(js, R"({"name":"x","score":0,"day":"12"})"),
            "field /day: must be a four-digit year (got \"12\")");
  EXPECT_EQ(Check(js, R"({"name":"x","score":0,"nmae":1})"),
            "unknown field 'nmae' (allowed: name, score, kind, day)");
}

TEST(JsonTest, BadSchemaTextIsAnErrorNotACrash) {
  auto schema = JsonSchema::FromText("{not json", "broken.json");
  ASSERT_FALSE(schema.ok());
  EXPECT_NE(schema.status().message().find("broken.json"), std::string::npos);
}

}  // namespace
}  // namespace kg
