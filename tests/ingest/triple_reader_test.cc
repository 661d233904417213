#include "ingest/triple_reader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "test_support.h"

namespace kg {
namespace {

class TripleReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto p = TripleLineParser::Create(DefaultSchemaDir(), &testing::DefaultOntology());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    parser_ = std::move(p).value();
  }
  std::string Error(const std::string& line) {
    TripleLine out;
    Status s = parser_->Parse(line, &out);
    return s.ok() ? "ok" : s.message();
  }
  std::unique_ptr<TripleLineParser> parser_;
};

constexpr char kGood[] =
    R"({"subject":"United States","subject_type":"country","subject_aliases":["U.S."],)"
    R"("relation":"restricts","object":"China","object_type":"country",)"
    R"("qualifiers":{"item":"AI chips","time":"October 2022"},"modality":"hedged",)"
    R"("confidence":0.7,"article":"a1","sentence":"The U.S. may curb chips.",)"
    R"("sentence_index":3,"span":[100,124],"date":"2022-10-07","title":"T","source":"S",)"
    R"("url":"https://example.org/a1"})";

TEST_F(TripleReaderTest, ParsesEveryField) {
  TripleLine line;
  KG_ASSERT_OK(parser_->Parse(kGood, &line));
  const Fact& f = line.fact;
  EXPECT_EQ(f.subject.name, "United States");
  EXPECT_EQ(f.subject.type, "country");
  EXPECT_EQ(f.subject.aliases, std::vector<std::string>{"U.S."});
  EXPECT_EQ(f.relation, "restricts");
  EXPECT_EQ(f.object.name, "China");
  EXPECT_EQ(f.evidence.modality, Modality::kHedged);
  EXPECT_DOUBLE_EQ(f.evidence.confidence, 0.7);
  EXPECT_EQ(f.evidence.sentence, "The U.S. may curb chips.");
  EXPECT_EQ(f.evidence.sentence_index, 3);
  EXPECT_EQ(f.evidence.span_begin, 100);
  EXPECT_EQ(f.evidence.span_end, 124);
  EXPECT_EQ(f.evidence.date, 20221007u);
  EXPECT_EQ(f.evidence.qualifiers, (Qualifiers{{"item", "AI chips"}, {"time", "October 2022"}}));
  EXPECT_EQ(line.article.id, "a1");
  EXPECT_EQ(line.article.title, "T");
  EXPECT_EQ(line.article.url, "https://example.org/a1");
}

TEST_F(TripleReaderTest, DefaultsForOptionalFields) {
  TripleLine line;
  KG_ASSERT_OK(
      parser_->Parse(R"({"subject":"A","subject_type":"company","relation":"uses","object":"B",)"
                     R"("object_type":"product","article":"x","sentence":"A uses B."})",
                     &line));
  EXPECT_EQ(line.fact.evidence.modality, Modality::kAsserted);
  EXPECT_DOUBLE_EQ(line.fact.evidence.confidence, 1.0);
  EXPECT_EQ(line.fact.evidence.sentence_index, -1);
  EXPECT_EQ(line.fact.evidence.date, 0u);
}

TEST_F(TripleReaderTest, EachKindOfBadLineSaysWhatIsWrong) {
  const std::string base =
      R"("subject_type":"country","object":"China","object_type":"country","article":"a","sentence":"s")";
  EXPECT_EQ(Error(R"({"subject":"US","relation":"restrict",)" + base + "}"),
            "field /relation: unknown relation 'restrict' (did you mean 'restricts'?)");
  EXPECT_EQ(Error(R"({"subject":"US","relation":"restricts","confidence":1.5,)" + base + "}"),
            "field /confidence: must be at most 1 (got 1.5)");
  EXPECT_EQ(Error(R"({"subject":"US","relation":"restricts","date":"2023-02-30",)" + base + "}"),
            "field /date: '2023-02-30' is not a calendar date");
  EXPECT_EQ(Error(R"({"subject":"US","relation":"restricts","date":"March 2023",)" + base + "}"),
            "field /date: must be a date YYYY-MM-DD (or YYYY-MM, or YYYY) (got \"March 2023\")");
  EXPECT_EQ(Error(R"({"relation":"restricts",)" + base + "}"), "missing required field 'subject'");
  EXPECT_EQ(Error(R"({"subject":"  ","relation":"restricts",)" + base + "}"),
            "field /subject: must be a non-blank entity name (got \"  \")");
  EXPECT_EQ(
      Error(R"({"subject":"US","relation":"restricts","modality":"maybe",)" + base + "}"),
      "field /modality: must be one of \"asserted\", \"hedged\", \"negated\" (got \"maybe\")");
  EXPECT_EQ(Error(R"({"subject":"US","relation":"restricts","qualifiers":{"colour":"red"},)" +
                  base + "}"),
            "unknown field 'colour' in /qualifiers (allowed: item, amount, share, time, place)");
  EXPECT_EQ(Error(R"({"subject":"US","relation":"restricts","span":[9,3],)" + base + "}"),
            "field /span: end 3 is before begin 9");
  EXPECT_EQ(Error(R"({"subject":"US" "relation":"restricts"})"),
            "column 17: invalid JSON: Missing a comma or '}' after an object member.");
  EXPECT_EQ(Error("{\"subject\":\"\xc3\x28\"}"), "column 13: invalid UTF-8 in a string");
  EXPECT_EQ(Error("[1,2]"), "the document: must be object, not array");
  EXPECT_EQ(Error(R"({"subject":"US","relation":"restricts","subject_type":"nation",)"
                  R"("object":"China","object_type":"country","article":"a","sentence":"s"})"),
            "field /subject_type: unknown entity type 'nation'");
}

TEST_F(TripleReaderTest, FileReaderReportsFileAndLineAndKeepsGoodLines) {
  std::istringstream in(
      std::string(kGood) + "\n" + "\n" +  // blank lines are skipped silently
      "not json\n" +
      R"({"subject":"China","subject_type":"country","relation":"competes_with",)"
      R"("object":"United States","object_type":"country","article":"a1",)"
      R"("sentence":"Rivals."})"
      "\r\n" +
      R"({"subject":"Japan","subject_type":"country","relation":"restricts",)"
      R"("object":"China","object_type":"country","article":"b2","sentence":"J."})"
      "\n" +
      R"({"subject":"Japan","subject_type":"country","relation":"restricts",)"
      R"("object":"China","object_type":"country","article":"a1","sentence":"J.",)"
      R"("title":"Another title"})"
      "\n");
  TripleFileReader reader(parser_.get());
  KG_ASSERT_OK(reader.ReadStream(in, "input.jsonl"));
  ASSERT_EQ(reader.errors().size(), 2u);
  EXPECT_EQ(reader.errors()[0].ToString(), "input.jsonl:3: column 2: invalid JSON: Invalid value.");
  EXPECT_EQ(reader.errors()[1].ToString(),
            "input.jsonl:6: field /title: 'Another title' contradicts 'T' given earlier for "
            "article 'a1'");
  EXPECT_EQ(reader.lines_read(), 5u);
  EXPECT_EQ(reader.facts_read(), 3u);
  auto articles = reader.TakeArticles();
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].meta.id, "a1");
  EXPECT_EQ(articles[0].facts.size(), 2u);
  EXPECT_EQ(articles[0].meta.date, 20221007u);
  EXPECT_EQ(articles[1].meta.id, "b2");
}

TEST_F(TripleReaderTest, MissingFileIsAnErrorNamingIt) {
  TripleFileReader reader(parser_.get());
  Status s = reader.ReadFile("/nonexistent/triples.jsonl");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/triples.jsonl"), std::string::npos);
  s = reader.ReadFile("/tmp");
  EXPECT_NE(s.message().find("is a directory"), std::string::npos);
}

}  // namespace
}  // namespace kg
