// Data-driven query tests: every file under tests/query/cases/ holds
// statements and the output they must give over the bundled sample
// (data/sample_triples.jsonl imported into a fresh store).
//
// A case:
//   # a comment (also blank lines between cases)
//   query                     <- or "error": compare standard error instead
//   MATCH ?a restricts ?b;    <- one or more lines of statements
//   ----
//   expected output lines
//   ====                      <- ends the case
//
// Output is in table mode with no width limit and no row limit.
// KG_REWRITE_CASES=1 rewrites the files with the actual output; review the
// diff before committing it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/ontology.h"
#include "graph/store.h"
#include "ingest/triple_reader.h"
#include "query/session.h"
#include "test_support.h"

namespace kg::query {
namespace {

struct Case {
  std::string kind;  // query or error
  std::string input;
  std::string expected;
  int line = 0;  // where the case starts in its file
};

std::vector<Case> ReadCases(const std::string& path, std::string* error) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string line;
  int n = 0;
  enum { kBetween, kInput, kExpected } state = kBetween;
  Case c;
  while (std::getline(in, line)) {
    ++n;
    if (state == kBetween) {
      if (line.empty() || line[0] == '#') continue;
      if (line != "query" && line != "error") {
        *error =
            path + ":" + std::to_string(n) + ": expected 'query' or 'error', found '" + line + "'";
        return {};
      }
      c = Case{line, "", "", n};
      state = kInput;
    } else if (state == kInput) {
      if (line == "----") {
        state = kExpected;
      } else {
        c.input += line + "\n";
      }
    } else if (line == "====") {
      cases.push_back(c);
      state = kBetween;
    } else {
      c.expected += line + "\n";
    }
  }
  if (state != kBetween)
    *error = path + ": the case at line " + std::to_string(c.line) + " does not end with ====";
  return cases;
}

void WriteCases(const std::string& path, const std::vector<Case>& cases,
                const std::vector<std::string>& actual) {
  // Keeps the comments before each case.
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line))
    lines.push_back(line);
  std::ostringstream out;
  int next = 1;
  for (size_t i = 0; i < cases.size(); ++i) {
    for (; next < cases[i].line; ++next)
      out << lines[next - 1] << "\n";
    out << cases[i].kind << "\n" << cases[i].input << "----\n" << actual[i] << "====\n";
    // Skip the old body.
    while (next <= static_cast<int>(lines.size()) && lines[next - 1] != "====")
      ++next;
    ++next;
  }
  for (; next <= static_cast<int>(lines.size()); ++next)
    out << lines[next - 1] << "\n";
  std::ofstream(path) << out.str();
}

class QueryCasesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new kg::testing::TempDir();
    const std::string schemas = DefaultSchemaDir();
    auto ontology = Ontology::LoadFromDir(schemas);
    ASSERT_TRUE(ontology.ok()) << ontology.status().ToString();
    auto parser = TripleLineParser::Create(schemas, &*ontology);
    ASSERT_TRUE(parser.ok()) << parser.status().ToString();
    TripleFileReader reader(parser->get());
    ASSERT_TRUE(reader.ReadFile(std::string(KG_SOURCE_DIR) + "/data/sample_triples.jsonl").ok());
    ASSERT_TRUE(reader.errors().empty());
    auto store = Store::OpenForWrite(dir_->Sub("db"), *ontology);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto written = (*store)->WriteArticles(reader.TakeArticles());
    ASSERT_TRUE(written.ok()) << written.status().ToString();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static kg::testing::TempDir* dir_;
};

kg::testing::TempDir* QueryCasesTest::dir_ = nullptr;

TEST_F(QueryCasesTest, CasesGiveTheirExpectedOutput) {
  const std::string root = std::string(KG_SOURCE_DIR) + "/tests/query/cases";
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(root))
    if (entry.path().extension() == ".test") {
      files.push_back(entry.path().string());
    }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  const bool rewrite = std::getenv("KG_REWRITE_CASES") != nullptr;
  size_t total = 0;
  for (const auto& file : files) {
    std::string error;
    const std::vector<Case> cases = ReadCases(file, &error);
    ASSERT_TRUE(error.empty()) << error;
    std::vector<std::string> actual;
    for (const Case& c : cases) {
      SessionOptions options;
      options.db_path = dir_->Sub("db");
      // Exported files land in the temp dir whatever the case names.
      Session session(options);
      std::ostringstream out, err;
      std::string input = c.input;
      for (size_t at; (at = input.find("$TMP")) != std::string::npos;)
        input.replace(at, 4, dir_->path());
      const RunResult r = session.Run(input, "case", out, err);
      std::string got = c.kind == "error" ? err.str() : out.str();
      for (size_t at; (at = got.find(dir_->path())) != std::string::npos;)
        got.replace(at, dir_->path().size(), "$TMP");
      if (c.kind == "query") {
        EXPECT_EQ(r.errors, 0) << file << ":" << c.line << ": " << err.str();
      } else {
        EXPECT_GT(r.errors, 0) << file << ":" << c.line << ": expected an error";
      }
      if (!rewrite) {
        EXPECT_EQ(got, c.expected) << file << ":" << c.line << "\n" << c.input;
      }
      actual.push_back(got);
      ++total;
    }
    if (rewrite) WriteCases(file, cases, actual);
  }
  EXPECT_GT(total, 20u);
}

}  // namespace
}  // namespace kg::query
