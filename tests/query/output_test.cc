#include "query/output.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>

#include "query/row_sink.h"
#include "util/json.h"

namespace kg::query {
namespace {

using V = Value;

struct Printed {
  std::string out;
  std::string messages;
};

// Runs `feed` against a sink of the given options and returns what it wrote,
// the sink destroyed first.
Printed Print(const OutputOptions& options, const std::function<void(RowSink&)>& feed) {
  std::ostringstream out, messages;
  {
    std::unique_ptr<RowSink> sink = MakeOutput(out, messages, options);
    feed(*sink);
  }
  return {out.str(), messages.str()};
}

OutputOptions Mode(OutputMode mode) {
  OutputOptions options;
  options.mode = mode;
  return options;
}

OutputOptions TableOf(size_t max_rows, size_t width) {
  OutputOptions options;
  options.max_rows = max_rows;
  options.width = width;
  return options;
}

// Lines joined, each ending in "\n".
std::string Lines(std::initializer_list<std::string> lines) {
  std::string s;
  for (const auto& line : lines)
    s += line + "\n";
  return s;
}

size_t CodePoints(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

const std::vector<Column> kRelations = {{"subject", false}, {"relation", false}, {"score", true}};

void FeedRelations(RowSink& sink) {
  sink.BeginTable("", kRelations);
  sink.Row({V::Text("Huawei"), V::Text("restricts"), V::Double(0.8125)});
  sink.Row({V::Text("BP"), V::Text("competes_with"), V::Int(12)});
  sink.Row({V::Text("Zhōngguó Shíyóu"), V::Text("partners"), V::Null()});
  sink.EndTable("converged in 31 iterations");
}

TEST(OutputModeTest, NamesRoundTrip) {
  for (OutputMode m :
       {OutputMode::kTable, OutputMode::kJson, OutputMode::kJsonl, OutputMode::kCsv}) {
    OutputMode parsed = OutputMode::kTable;
    ASSERT_TRUE(ParseOutputMode(OutputModeName(m), &parsed)) << OutputModeName(m);
    EXPECT_EQ(parsed, m);
  }
  EXPECT_EQ(OutputModeName(OutputMode::kJsonl), "jsonl");
  OutputMode m = OutputMode::kCsv;
  for (const char* bad : {"", "JSON", "tsv", "table ", "jsonlines"})
    EXPECT_FALSE(ParseOutputMode(bad, &m)) << bad;
  EXPECT_EQ(m, OutputMode::kCsv);
}

TEST(ValueTest, ToText) {
  EXPECT_EQ(V::Null().ToText(), "");
  EXPECT_EQ(V::Int(-42).ToText(), "-42");
  EXPECT_EQ(V::Int(std::numeric_limits<int64_t>::min()).ToText(), "-9223372036854775808");
  EXPECT_EQ(V::Double(0.5).ToText(), "0.5");
  EXPECT_EQ(V::Double(3).ToText(), "3");
  EXPECT_EQ(V::Double(0.1 + 0.2).ToText(), "0.3");
  EXPECT_EQ(V::Double(1234567).ToText(), "1.23457e+06");
  EXPECT_EQ(V::Double(0.000012345678).ToText(), "1.23457e-05");
  EXPECT_EQ(V::Double(-2.5).ToText(), "-2.5");
  EXPECT_EQ(V::Text("Zhōngguó").ToText(), "Zhōngguó");
}

TEST(ValueTest, CompareOrdersNullNumbersText) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(CompareValues(V::Null(), V::Null()), 0);
  EXPECT_LT(CompareValues(V::Null(), V::Int(-5)), 0);
  EXPECT_LT(CompareValues(V::Null(), V::Text("")), 0);
  EXPECT_GT(CompareValues(V::Double(-1e300), V::Null()), 0);
  EXPECT_LT(CompareValues(V::Double(1e300), V::Text("")), 0);
  EXPECT_GT(CompareValues(V::Text(""), V::Int(7)), 0);

  // Ints and doubles compare by value with each other.
  EXPECT_LT(CompareValues(V::Int(2), V::Double(2.5)), 0);
  EXPECT_GT(CompareValues(V::Int(3), V::Double(2.5)), 0);
  EXPECT_EQ(CompareValues(V::Int(2), V::Double(2.0)), 0);
  EXPECT_EQ(CompareValues(V::Double(2.0), V::Int(2)), 0);
  EXPECT_LT(CompareValues(V::Double(-2.5), V::Int(-2)), 0);
  EXPECT_GT(CompareValues(V::Int(-2), V::Double(-2.5)), 0);
  EXPECT_LT(CompareValues(V::Int(10), V::Int(11)), 0);
  // Exact beyond 2^53, where a cast to double would call them equal.
  EXPECT_GT(CompareValues(V::Int(9007199254740993), V::Double(9007199254740992.0)), 0);
  EXPECT_LT(CompareValues(V::Int(std::numeric_limits<int64_t>::max()), V::Double(9.3e18)), 0);
  EXPECT_GT(CompareValues(V::Int(std::numeric_limits<int64_t>::min()), V::Double(-1e19)), 0);
  EXPECT_LT(CompareValues(V::Int(0), V::Double(INFINITY)), 0);
  // NaN after every other number, equal to itself.
  EXPECT_GT(CompareValues(V::Double(nan), V::Double(INFINITY)), 0);
  EXPECT_GT(CompareValues(V::Double(nan), V::Int(5)), 0);
  EXPECT_EQ(CompareValues(V::Double(nan), V::Double(nan)), 0);
  EXPECT_LT(CompareValues(V::Double(nan), V::Text("a")), 0);

  // Text bytewise: upper case before lower, non-ASCII after ASCII.
  EXPECT_LT(CompareValues(V::Text("B"), V::Text("a")), 0);
  EXPECT_LT(CompareValues(V::Text("z"), V::Text("é")), 0);
  EXPECT_LT(CompareValues(V::Text("ab"), V::Text("abc")), 0);
  EXPECT_EQ(CompareValues(V::Text("abc"), V::Text("abc")), 0);
  EXPECT_GT(CompareValues(V::Text("abd"), V::Text("abc")), 0);

  std::vector<V> values = {V::Text("b"), V::Double(1.5), V::Null(),
                           V::Int(1),    V::Text("a"),   V::Int(2)};
  std::sort(values.begin(), values.end(),
            [](const V& a, const V& b) { return CompareValues(a, b) < 0; });
  EXPECT_EQ(values, (std::vector<V>{V::Null(), V::Int(1), V::Double(1.5), V::Int(2), V::Text("a"),
                                    V::Text("b")}));
}

TEST(TableOutputTest, AlignsColumnsAndRightAlignsNumbers) {
  Printed p = Print(TableOf(0, 0), FeedRelations);
  EXPECT_EQ(p.out, Lines({
                       "subject          relation        score",
                       "---------------  -------------  ------",
                       "Huawei           restricts      0.8125",
                       "BP               competes_with      12",
                       "Zhōngguó Shíyóu  partners",
                       "3 rows",
                       "converged in 31 iterations",
                   }));
  EXPECT_EQ(p.messages, "");
}

TEST(TableOutputTest, TitlesFootersAndBlankLineBetweenTables) {
  Printed p = Print(TableOf(0, 0), [](RowSink& sink) {
    sink.BeginTable("Huawei", {{"field", false}, {"value", false}});
    sink.Row({V::Text("kind"), V::Text("company")});
    sink.EndTable("");
    sink.BeginTable("", {{"n", true}});
    sink.EndTable("nothing matched");
    sink.Message("wrote graph.svg (12 entities)");
  });
  EXPECT_EQ(p.out, Lines({
                       "Huawei",
                       "field  value",
                       "-----  -------",
                       "kind   company",
                       "1 row",
                       "",
                       "n",
                       "-",
                       "0 rows",
                       "nothing matched",
                       "wrote graph.svg (12 entities)",
                   }));
  EXPECT_EQ(p.messages, "");
}

TEST(TableOutputTest, MaxRowsCountsTheRestAndSaysHowMany) {
  bool all_accepted = true;
  Printed p = Print(TableOf(2, 0), [&](RowSink& sink) {
    sink.BeginTable("", {{"name", false}, {"n", true}});
    int n = 0;
    for (const char* name : {"a", "bb", "a much longer name than the others", "d", "e"})
      all_accepted &= sink.Row({V::Text(name), V::Int(++n)});
    sink.EndTable("");
  });
  EXPECT_TRUE(all_accepted);
  // Widths come from the shown rows only.
  EXPECT_EQ(p.out, Lines({
                       "name  n",
                       "----  -",
                       "a     1",
                       "bb    2",
                       "showing 2 of 5 rows (.maxrows to change)",
                   }));

  // Exactly max_rows rows: nothing hidden, no "showing".
  p = Print(TableOf(2, 0), [](RowSink& sink) {
    sink.BeginTable("", {{"n", true}});
    sink.Row({V::Int(1)});
    sink.Row({V::Int(2)});
    sink.EndTable("");
  });
  EXPECT_EQ(p.out, Lines({"n", "-", "1", "2", "2 rows"}));

  p = Print(TableOf(1, 0), [](RowSink& sink) {
    sink.BeginTable("", {{"n", true}});
    sink.Row({V::Int(1)});
    sink.Row({V::Int(22)});
    sink.EndTable("capped");
  });
  EXPECT_EQ(p.out, Lines({"n", "-", "1", "showing 1 of 2 rows (.maxrows to change)", "capped"}));
}

TEST(TableOutputTest, FitsTheWidthCuttingUtf8AtCodePoints) {
  const auto feed = [](RowSink& sink) {
    sink.BeginTable("", {{"name", false}, {"n", true}});
    sink.Row({V::Text("Zhōngguó Shíyóu"), V::Int(3)});
    sink.Row({V::Text("BP"), V::Int(12)});
    sink.EndTable("");
  };
  // Natural width 19: unchanged at 19 or more.
  const std::string natural = Lines({
      "name              n",
      "---------------  --",
      "Zhōngguó Shíyóu   3",
      "BP               12",
      "2 rows",
  });
  EXPECT_EQ(Print(TableOf(0, 0), feed).out, natural);
  EXPECT_EQ(Print(TableOf(0, 19), feed).out, natural);

  EXPECT_EQ(Print(TableOf(0, 17), feed).out, Lines({
                                                 "name            n",
                                                 "-------------  --",
                                                 "Zhōngguó Shí…   3",
                                                 "BP             12",
                                                 "2 rows",
                                             }));
  Printed p = Print(TableOf(0, 12), feed);
  EXPECT_EQ(p.out, Lines({
                       "name       n",
                       "--------  --",
                       "Zhōnggu…   3",
                       "BP        12",
                       "2 rows",
                   }));
  std::istringstream lines(p.out);
  for (std::string line; std::getline(lines, line);)
    EXPECT_LE(CodePoints(line), 12u) << line;
}

TEST(TableOutputTest, ShrinksTheWidestColumnsFirst) {
  const auto feed = [](RowSink& sink) {
    sink.BeginTable("", {{"a", false}, {"b", false}, {"c", false}});
    sink.Row({V::Text(std::string(20, 'a')), V::Text(std::string(10, 'b')), V::Text("ccc")});
    sink.EndTable("");
  };
  // 37 wide; at 29, only the 20-wide column gives up room.
  EXPECT_EQ(Print(TableOf(0, 29), feed).out, Lines({
                                                 "a             b           c",
                                                 "------------  ----------  ---",
                                                 "aaaaaaaaaaa…  bbbbbbbbbb  ccc",
                                                 "1 row",
                                             }));
  // At 24 both wide columns come down to 8, and the one left over goes to
  // the first.
  EXPECT_EQ(Print(TableOf(0, 24), feed).out, Lines({
                                                 "a          b         c",
                                                 "---------  --------  ---",
                                                 "aaaaaaaa…  bbbbbbb…  ccc",
                                                 "1 row",
                                             }));
  // Never below 6 code points: lines stay wider than a tiny terminal.
  EXPECT_EQ(Print(TableOf(0, 5), feed).out, Lines({
                                                "a       b       c",
                                                "------  ------  ---",
                                                "aaaaa…  bbbbb…  ccc",
                                                "1 row",
                                            }));
}

TEST(TableOutputTest, KeepsHeadersThenCutsThemButNeverCutsNumbers) {
  const auto feed = [](RowSink& sink) {
    sink.BeginTable("", {{"sentence_of_mention", false}, {"mentions", true}});
    sink.Row({V::Text(std::string(30, 'x')), V::Int(1234567890)});
    sink.EndTable("");
  };
  // First the header's width (19) is kept...
  EXPECT_EQ(Print(TableOf(0, 31), feed).out, Lines({
                                                 "sentence_of_mention    mentions",
                                                 "-------------------  ----------",
                                                 "xxxxxxxxxxxxxxxxxx…  1234567890",
                                                 "1 row",
                                             }));
  // ...then, when that is not enough, the header is cut too; the number never.
  EXPECT_EQ(Print(TableOf(0, 20), feed).out, Lines({
                                                 "sentenc…    mentions",
                                                 "--------  ----------",
                                                 "xxxxxxx…  1234567890",
                                                 "1 row",
                                             }));
  EXPECT_EQ(Print(TableOf(0, 1), feed).out, Lines({
                                                "sente…    mentions",
                                                "------  ----------",
                                                "xxxxx…  1234567890",
                                                "1 row",
                                            }));
}

TEST(TableOutputTest, ControlCharactersAndBadUtf8DoNotBreakTheLayout) {
  Printed p = Print(TableOf(0, 0), [](RowSink& sink) {
    sink.BeginTable("a\ntitle", {{"te\txt", false}, {"n", true}});
    sink.Row({V::Text("a\nb\tc"), V::Int(1)});
    sink.Row({V::Text("\x1b[31mred\r"), V::Int(2)});
    sink.Row({V::Text("ab\xff"), V::Int(3)});
    sink.Row({V::Text("\xe2\x80"), V::Int(4)});
    sink.Row({V::Text(std::string("nul\0x", 5)), V::Int(5)});
    sink.Row({V::Text("C1\xc2\x85x"), V::Int(6)});
    sink.EndTable("");
  });
  EXPECT_EQ(p.out, Lines({
                       "a title",
                       "te xt      n",
                       "---------  -",
                       "a b c      1",
                       " [31mred   2",
                       "ab\uFFFD        3",
                       "\uFFFD\uFFFD         4",
                       "nul x      5",
                       "C1 x       6",
                   }) + "6 rows\n");
  EXPECT_EQ(p.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(p.out.find('\t'), std::string::npos);
  EXPECT_EQ(p.out.find('\r'), std::string::npos);
  EXPECT_EQ(std::count(p.out.begin(), p.out.end(), '\n'), 10);
}

TEST(TableOutputTest, RowsAreFittedToTheColumnsAndOpenTablesShowAsPartial) {
  Printed p = Print(TableOf(0, 0), [](RowSink& sink) {
    EXPECT_FALSE(sink.Row({V::Int(1)}));  // no table yet
    sink.BeginTable("", {{"a", false}, {"b", true}});
    sink.Row({V::Text("x")});                                 // short: the rest is null
    sink.Row({V::Text("y"), V::Int(2), V::Text("ignored")});  // long: cut
    // No EndTable (the statement failed or was interrupted): the sink shows
    // what it had, marked as partial.
  });
  EXPECT_EQ(p.out, Lines({"a  b", "-  -", "x", "y  2", "2 rows",
                          "(partial: the statement stopped before it finished)"}));
  // An open table with no rows shows nothing: it would read as an empty result.
  Printed empty = Print(TableOf(0, 0), [](RowSink& sink) {
    sink.BeginTable("", {{"count", true}});
  });
  EXPECT_EQ(empty.out, "");
}

TEST(JsonOutputTest, OneArrayPerTableOnOneLine) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Printed p = Print(Mode(OutputMode::kJson), [&](RowSink& sink) {
    sink.BeginTable("ignored title",
                    {{"name", false}, {"n", true}, {"score", true}, {"note", false}});
    sink.Row({V::Text("Huawei"), V::Int(3), V::Double(0.5), V::Null()});
    sink.Row(
        {V::Text("say \"hi\"\\"), V::Int(-1), V::Double(nan), V::Text(std::string("a\0b", 3))});
    sink.Row({V::Text("Zhōngguó\n"), V::Int(std::numeric_limits<int64_t>::max()),
              V::Double(-INFINITY), V::Text("caf\xe9")});
    sink.EndTable("converged in 31 iterations");
    sink.BeginTable("", {{"empty", false}});
    sink.EndTable("");
    sink.Message("wrote graph.svg");
  });
  EXPECT_EQ(p.out,
            "[{\"name\":\"Huawei\",\"n\":3,\"score\":0.5,\"note\":null},"
            "{\"name\":\"say \\\"hi\\\"\\\\\",\"n\":-1,\"score\":null,\"note\":\"a\\u0000b\"},"
            "{\"name\":\"Zhōngguó\\n\",\"n\":9223372036854775807,\"score\":null,"
            "\"note\":\"caf\uFFFD\"}]\n"
            "[]\n");
  EXPECT_EQ(p.messages, "converged in 31 iterations\nwrote graph.svg\n");

  // Each line parses back, under a validating reader too.
  std::istringstream lines(p.out);
  std::string first, second;
  ASSERT_TRUE(std::getline(lines, first));
  ASSERT_TRUE(std::getline(lines, second));
  rapidjson::Document doc;
  ASSERT_TRUE(ParseJson(first, &doc).ok()) << first;
  ASSERT_TRUE(doc.IsArray());
  ASSERT_EQ(doc.Size(), 3u);
  EXPECT_STREQ(doc[0]["name"].GetString(), "Huawei");
  EXPECT_TRUE(doc[0]["n"].IsInt64());
  EXPECT_EQ(doc[0]["n"].GetInt64(), 3);
  EXPECT_TRUE(doc[0]["score"].IsDouble());
  EXPECT_EQ(doc[0]["score"].GetDouble(), 0.5);
  EXPECT_TRUE(doc[0]["note"].IsNull());
  EXPECT_EQ(std::string(doc[1]["name"].GetString()), "say \"hi\"\\");
  EXPECT_EQ(std::string(doc[1]["note"].GetString(), doc[1]["note"].GetStringLength()),
            std::string("a\0b", 3));
  EXPECT_TRUE(doc[1]["score"].IsNull());
  EXPECT_EQ(doc[2]["n"].GetInt64(), std::numeric_limits<int64_t>::max());
  // Keys in column order.
  std::vector<std::string> keys;
  for (const auto& m : doc[0].GetObject())
    keys.push_back(m.name.GetString());
  EXPECT_EQ(keys, (std::vector<std::string>{"name", "n", "score", "note"}));
  ASSERT_TRUE(ParseJson(second, &doc).ok());
  EXPECT_TRUE(doc.IsArray());
  EXPECT_EQ(doc.Size(), 0u);
}

TEST(JsonOutputTest, AnUnfinishedTableStillCloses) {
  Printed p = Print(Mode(OutputMode::kJson), [](RowSink& sink) {
    sink.BeginTable("", {{"a", true}});
    sink.Row({V::Int(1)});
    sink.Row({V::Int(2)});
  });
  EXPECT_EQ(p.out, "[{\"a\":1},{\"a\":2}]\n");
}

TEST(JsonlOutputTest, OneObjectPerLine) {
  Printed p = Print(Mode(OutputMode::kJsonl), [](RowSink& sink) {
    sink.BeginTable("t", {{"name", false}, {"score", true}});
    sink.Row({V::Text("Huawei"), V::Double(0.25)});
    sink.Row({V::Text("line\nbreak \"q\""), V::Null()});
    sink.EndTable("2 paths");
    sink.BeginTable("", {{"n", true}});
    sink.EndTable("");
    sink.BeginTable("", {{"n", true}});
    sink.Row({V::Int(7)});
    sink.EndTable("");
    sink.Message("done");
  });
  EXPECT_EQ(p.out,
            "{\"name\":\"Huawei\",\"score\":0.25}\n"
            "{\"name\":\"line\\nbreak \\\"q\\\"\",\"score\":null}\n"
            "{\"n\":7}\n");
  EXPECT_EQ(p.messages, "2 paths\ndone\n");
  std::istringstream lines(p.out);
  for (std::string line; std::getline(lines, line);) {
    rapidjson::Document doc;
    EXPECT_TRUE(ParseJson(line, &doc).ok()) << line;
    EXPECT_TRUE(doc.IsObject()) << line;
  }
}

TEST(CsvOutputTest, QuotesPerRfc4180AndSeparatesTables) {
  Printed p = Print(Mode(OutputMode::kCsv), [](RowSink& sink) {
    sink.BeginTable("ignored", {{"name", false}, {"relation, kind", false}, {"n", true}});
    sink.Row({V::Text("plain text"), V::Text("has,comma"), V::Int(1)});
    sink.Row({V::Text("has \"quote\""), V::Text("multi\nline"), V::Double(0.25)});
    sink.Row({V::Text("cr\rhere"), V::Null(), V::Int(-3)});
    sink.Row({V::Text("Zhōngguó Shíyóu"), V::Text(""), V::Double(1234567.0)});
    sink.EndTable("3 of 3 paths");
    sink.Message("wrote graph.svg");
    sink.BeginTable("", {{"x", true}});
    sink.Row({V::Int(1)});
    sink.EndTable("");
  });
  EXPECT_EQ(p.out,
            "name,\"relation, kind\",n\n"
            "plain text,\"has,comma\",1\n"
            "\"has \"\"quote\"\"\",\"multi\nline\",0.25\n"
            "\"cr\rhere\",,-3\n"
            "Zhōngguó Shíyóu,,1.23457e+06\n"
            "wrote graph.svg\n"
            "\n"
            "x\n"
            "1\n");
  EXPECT_EQ(p.messages, "3 of 3 paths\n");
}

}  // namespace
}  // namespace kg::query
