#include "graph/interchange.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace kg {
namespace {

using testing::MakeArticle;
using testing::MakeFact;
using testing::TempDir;

TEST(InterchangeTest, CsvFieldsQuoteWhatNeedsIt) {
  EXPECT_EQ(CsvField("Huawei"), "Huawei");
  EXPECT_EQ(CsvField("Huawei, Inc."), "\"Huawei, Inc.\"");
  EXPECT_EQ(CsvField("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "two lines");
  EXPECT_EQ(CsvField("a;b"), "\"a;b\"");
  EXPECT_EQ(CsvField(""), "\"\"");
}

TEST(InterchangeTest, NTriplesLiteralsAndIris) {
  EXPECT_EQ(NTriplesLiteral("plain"), "\"plain\"");
  EXPECT_EQ(NTriplesLiteral("q\"b\\s\nn\tt"), "\"q\\\"b\\\\s\\nn\\tt\"");
  EXPECT_EQ(NTriplesLiteral("中国"), "\"\\u4E2D\\u56FD\"");
  EXPECT_EQ(NTriplesLiteral("\xF0\x9F\x98\x80"), "\"\\U0001F600\"");
  EXPECT_EQ(NTriplesLiteral("bad\xFF"), "\"bad\\uFFFD\"");
  EXPECT_EQ(NamedIri("https://x.example/", "entity", "United States"),
            "<https://x.example/entity/United%20States>");
  EXPECT_EQ(NamedIri("https://x.example/", "entity", "a>b<c\"d"),
            "<https://x.example/entity/a%3Eb%3Cc%22d>");
}

// A store whose names are built to break careless writers.
class HostileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::OpenForWrite(dir_.Sub("kg.db"), testing::DefaultOntology());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto w = store_->WriteArticles(
        {MakeArticle("a\"1>", {MakeFact("Acme, \"Inc.\"", "restricts", "Beta;Corp <x> \\ end",
                                        "He said \"no\",\nthen left.", "company", "company"),
                               MakeFact("Zhōngguó 中国", "competes_with", "Acme, \"Inc.\"",
                                        "A\ttab and a \\ backslash.", "country", "company")})});
    ASSERT_TRUE(w.ok()) << w.status().ToString();
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(HostileStoreTest, NTriplesParseWithRapper) {
  std::ostringstream nt;
  ASSERT_TRUE(ExportNTriples(*store_, "https://kg.example/", nt).ok());
  const std::string path = dir_.Sub("g.nt");
  std::ofstream(path) << nt.str();
  if (std::system("command -v rapper >/dev/null") != 0) {
    GTEST_SKIP() << "rapper (raptor2-utils) is not installed; the set-up installs it";
  }
  const std::string count = dir_.Sub("count");
  ASSERT_EQ(std::system(("rapper -i ntriples -c " + path + " 2>" + count).c_str()), 0) << nt.str();
  // 3 entities x (type + label), 2 facts (one symmetric, stored once),
  // 2 x (4 reification + sentence, article, modality, confidence, date).
  std::ifstream in(count);
  const std::string said((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(said.find("returned 26 triples"), std::string::npos) << said;
}

TEST_F(HostileStoreTest, CsvReadsBackStrictly) {
  ASSERT_TRUE(ExportNeo4jCsv(*store_, dir_.path()).ok());
  if (std::system("command -v python3 >/dev/null") != 0) GTEST_SKIP() << "no python3";
  // Python's csv module in strict mode: every record has the header's
  // field count and the names come back exactly.
  const std::string check =
      "import csv,sys\n"
      "def rows(p):\n"
      "  with open(p, newline='') as f:\n"
      "    r = list(csv.reader(f, strict=True))\n"
      "  assert all(len(x) == len(r[0]) for x in r), r\n"
      "  return r\n"
      "n = rows(sys.argv[1]); e = rows(sys.argv[2])\n"
      "assert n[0] == ['entityId:ID', 'name', 'aliases:string[]', ':LABEL'], n[0]\n"
      "assert e[0][:3] == [':START_ID', ':END_ID', ':TYPE'], e[0]\n"
      "names = {r[1] for r in n[1:]}\n"
      "assert 'Acme, \"Inc.\"' in names and 'Beta;Corp <x> \\\\ end' in names, names\n"
      "assert len(e) == 3 and {r[2] for r in e[1:]} == {'RESTRICTS', 'COMPETES_WITH'}, e\n";
  std::ofstream(dir_.Sub("check.py")) << check;
  EXPECT_EQ(std::system(("python3 " + dir_.Sub("check.py") + " " + dir_.Sub("nodes.csv") + " " +
                         dir_.Sub("edges.csv"))
                            .c_str()),
            0);
}

}  // namespace
}  // namespace kg
