// Session: statement splitting, meta commands, completion, cancellation,
// --bail, and reading while a writer writes.
#include "query/session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "graph/ontology.h"
#include "graph/store.h"
#include "test_support.h"

namespace kg::query {
namespace {

ArticleInput Article(const std::string& id,
                     std::vector<std::tuple<std::string, std::string, std::string>> facts) {
  ArticleInput a;
  a.meta.id = id;
  a.meta.title = "title of " + id;
  a.meta.source = "test";
  ParseDate("2024-03-01", &a.meta.date);
  for (const auto& [s, r, o] : facts) {
    Fact f;
    f.subject = {s, "company", {}};
    f.relation = r;
    f.object = {o, "company", {}};
    f.evidence.sentence = s + " " + r + " " + o + ".";
    f.evidence.date = a.meta.date;
    a.facts.push_back(f);
  }
  return a;
}

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ontology = Ontology::LoadFromDir(DefaultSchemaDir());
    ASSERT_TRUE(ontology.ok());
    ontology_ = *ontology;
    auto store = Store::OpenForWrite(dir_.Sub("db"), ontology_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    writer_ = std::move(*store);
    std::vector<ArticleInput> articles;
    articles.push_back(Article("a1", {{"Acme Chips", "supplies", "Beta Phones"},
                                      {"Acme Chips", "competes_with", "Gamma Semi"},
                                      {"Beta Phones", "supplies", "Delta Cloud"}}));
    ASSERT_TRUE(writer_->WriteArticles(std::move(articles)).ok());
    ASSERT_TRUE(writer_->PublishView().ok());
  }

  std::string Run(Session& s, const std::string& text, std::string* err = nullptr,
                  RunResult* result = nullptr) {
    std::ostringstream out, e;
    RunResult r = s.Run(text, "t", out, e);
    if (err) *err = e.str();
    if (result) *result = r;
    return out.str();
  }

  SessionOptions Options() {
    SessionOptions o;
    o.db_path = dir_.Sub("db");
    return o;
  }

  kg::testing::TempDir dir_;
  Ontology ontology_;
  std::unique_ptr<Store> writer_;
};

TEST(SessionCompleteness, StatementsEndWithSemicolonsOutsideQuotes) {
  EXPECT_TRUE(Session::IsComplete(""));
  EXPECT_TRUE(Session::IsComplete("  -- just a comment\n"));
  EXPECT_TRUE(Session::IsComplete(".mode json"));
  EXPECT_FALSE(Session::IsComplete("MATCH ?a restricts ?b"));
  EXPECT_FALSE(Session::IsComplete("MATCH ?a restricts ?b\nRETURN ?a"));
  EXPECT_TRUE(Session::IsComplete("MATCH ?a restricts ?b\nRETURN ?a;"));
  EXPECT_FALSE(Session::IsComplete("MATCH ?a restricts \"a;b"));
  EXPECT_TRUE(Session::IsComplete("MATCH ?a restricts \"a;b\";"));
  EXPECT_FALSE(Session::IsComplete("MATCH ?a restricts ?b -- ;"));
  EXPECT_FALSE(Session::IsComplete("ENTITY x; MATCH ?a"));
}

TEST_F(SessionTest, RunsStatementsAndMetaCommandsInOrder) {
  Session s(Options());
  std::string err;
  const std::string out = Run(s,
                              ".mode csv\n"
                              "MATCH ?a supplies ?b RETURN ?a, ?b ORDER BY ?a;\n"
                              ".mode jsonl\n"
                              "MATCH ?a competes_with ?b RETURN ?a, ?b ORDER BY ?a",
                              &err);
  EXPECT_EQ(out,
            "?a,?b\nAcme Chips,Beta Phones\nBeta Phones,Delta Cloud\n"
            "{\"?a\":\"Acme Chips\",\"?b\":\"Gamma Semi\"}\n"
            "{\"?a\":\"Gamma Semi\",\"?b\":\"Acme Chips\"}\n");
  EXPECT_EQ(err, "");
}

// A whole-result COUNT(*) whose last pattern is "?x ?s ?y" after ?x is bound
// counts that hop from the store's counters; the count must be the number of
// rows walking it gives, symmetric relations (both ways, a self-loop once)
// included, in either direction.
TEST_F(SessionTest, ACountedLastHopEqualsTheRowsWalked) {
  std::vector<ArticleInput> more;
  more.push_back(Article("a2", {{"Gamma Semi", "competes_with", "Delta Cloud"},
                                {"Delta Cloud", "partners_with", "Acme Chips"},
                                {"Beta Phones", "competes_with", "Beta Phones"},
                                {"Delta Cloud", "supplies", "Beta Phones"},
                                {"Gamma Semi", "supplies", "Gamma Semi"}}));
  ASSERT_TRUE(writer_->WriteArticles(std::move(more)).ok());
  ASSERT_TRUE(writer_->PublishView().ok());
  Session s(Options());
  auto count = [&](const std::string& statement) {
    std::string err;
    const std::string out = Run(s, ".mode csv\n" + statement, &err);
    EXPECT_EQ(err, "") << statement;
    return out;
  };
  // EXPLAIN's note goes with the table's notes, to the error stream.
  auto explain = [&](const std::string& statement) {
    std::string err;
    const std::string out = Run(s, ".mode csv\nEXPLAIN " + statement, &err);
    return out + err;
  };
  auto rows = [&](const std::string& statement) {
    const std::string out = count(statement);
    return std::to_string(std::count(out.begin(), out.end(), '\n') - 1);  // less the header
  };
  for (const char* e : {"Acme Chips", "Beta Phones", "Gamma Semi", "Delta Cloud"}) {
    const std::string q = std::string("\"") + e + "\"";
    const std::string out_hop = "MATCH " + q + " ?r ?x, ?x ?s ?y";
    const std::string in_hop = "MATCH ?x ?r " + q + ", ?y ?s ?x";
    for (const std::string& m : {out_hop, in_hop}) {
      EXPECT_NE(explain(m + " RETURN COUNT(*);").find("counted from the store"), std::string::npos)
          << m;
      EXPECT_EQ(count(m + " RETURN COUNT(*);"), "count\n" + rows(m + " RETURN ?x, ?s, ?y;") + "\n")
          << m;
    }
  }
  // With a WHERE, or a typed or named last hop, the rows are walked.
  const std::string filtered = "MATCH \"Acme Chips\" ?r ?x, ?x ?s ?y WHERE modality = asserted";
  EXPECT_EQ(explain(filtered + " RETURN COUNT(*);").find("counted from the store"),
            std::string::npos);
  EXPECT_EQ(count(filtered + " RETURN COUNT(*);"),
            "count\n" + rows(filtered + " RETURN ?x, ?s, ?y;") + "\n");
  EXPECT_EQ(explain("MATCH \"Acme Chips\" ?r ?x, ?x supplies ?y RETURN COUNT(*);")
                .find("counted from the store"),
            std::string::npos);
}

TEST_F(SessionTest, AnErrorPointsAtItsTokenAndLaterStatementsStillRun) {
  Session s(Options());
  std::string err;
  RunResult r;
  const std::string out = Run(s,
                              ".mode csv\nMATCH ?a supplies\n  \"Acme Chipz\";\n"
                              "MATCH ?a supplies Delta RETURN ?a;",
                              &err, &r);
  EXPECT_EQ(r.errors, 2);
  EXPECT_NE(err.find("t:3:3: error: unknown entity 'Acme Chipz'"), std::string::npos) << err;
  EXPECT_NE(err.find("  \"Acme Chipz\";\n    ^^^^^^^^^^^^\n"), std::string::npos) << err;
  EXPECT_NE(err.find("t:4:"), std::string::npos) << err;  // the second ran too
  EXPECT_EQ(out, "");
}

TEST_F(SessionTest, BailStopsAtTheFirstError) {
  SessionOptions o = Options();
  o.bail = true;
  Session s(o);
  std::string err;
  RunResult r;
  const std::string out = Run(s, "MATCH ?a nope ?b;\n.mode csv\nFIND acme;", &err, &r);
  EXPECT_EQ(r.errors, 1);
  EXPECT_EQ(out, "");
  EXPECT_NE(err.find("unknown relation 'nope'"), std::string::npos);
}

TEST_F(SessionTest, QuitStopsTheRun) {
  Session s(Options());
  RunResult r;
  const std::string out = Run(s, ".quit\n.help", nullptr, &r);
  EXPECT_TRUE(r.quit);
  EXPECT_EQ(out, "");
}

TEST_F(SessionTest, MetaCommandErrorsNameTheProblem) {
  Session s(Options());
  std::string err;
  Run(s, ".maxrows lots\n.timer maybe\n.open /nonexistent/kg\n.read /nonexistent/file\n.hlep",
      &err);
  EXPECT_NE(err.find(".maxrows takes a number"), std::string::npos) << err;
  EXPECT_NE(err.find(".timer takes on or off"), std::string::npos) << err;
  EXPECT_NE(err.find("/nonexistent/kg"), std::string::npos) << err;
  EXPECT_NE(err.find("cannot read '/nonexistent/file'"), std::string::npos) << err;
  EXPECT_NE(err.find("did you mean .help?"), std::string::npos) << err;
}

TEST_F(SessionTest, ReadRunsAFileAndRefusesEndlessNesting) {
  const std::string file = dir_.Sub("script.kgq");
  std::ofstream(file) << ".mode csv\nFIND acme;\n";
  const std::string loop = dir_.Sub("loop.kgq");
  std::ofstream(loop) << ".read " << loop << "\n";
  Session s(Options());
  std::string err;
  EXPECT_EQ(Run(s, ".read " + file, &err),
            "entity,type,matched alias,facts,evidence\nAcme Chips,company,,2,2\n");
  Run(s, ".read " + loop, &err);
  EXPECT_NE(err.find("nested more than 16 deep"), std::string::npos) << err;
}

TEST_F(SessionTest, CompletesKeywordsRelationsTypesEntitiesAndVariables) {
  Session s(Options());
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  EXPECT_TRUE(has(s.Complete("MAT"), "MATCH"));
  EXPECT_TRUE(has(s.Complete("match ?a sup"), "supplies"));
  EXPECT_TRUE(has(s.Complete("match ?a:comp"), "company"));
  EXPECT_TRUE(has(s.Complete("ENTITY Ac"), "\"Acme Chips\""));
  EXPECT_TRUE(has(s.Complete("ENTITY \"acme c"), "\"Acme Chips\""));
  EXPECT_TRUE(has(s.Complete("ENTITY 'Beta"), "'Beta Phones'"));
  EXPECT_TRUE(has(s.Complete("MATCH ?company supplies ?x RETURN ?co"), "?company"));
  EXPECT_FALSE(has(s.Complete("MATCH ?company supplies ?x RETURN ?co"), "?x"));
  EXPECT_EQ(s.Complete(".mo"), std::vector<std::string>{".mode"});
  EXPECT_TRUE(s.Complete("MATCH .mo").empty());
}

TEST_F(SessionTest, ACancelledStatementStopsAndTheSessionGoesOn) {
  // A cartesian product big enough to run for a long time.
  std::vector<ArticleInput> articles;
  for (int i = 0; i < 60; ++i) {
    articles.push_back(Article("b" + std::to_string(i), {{"Firm " + std::to_string(i), "supplies",
                                                          "Firm " + std::to_string(i + 1)}}));
  }
  ASSERT_TRUE(writer_->WriteArticles(std::move(articles)).ok());
  ASSERT_TRUE(writer_->PublishView().ok());
  Session s(Options());
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    s.Cancel();
  });
  std::string err;
  RunResult r;
  const auto t0 = std::chrono::steady_clock::now();
  Run(s, "MATCH ?a ?r ?b, ?c ?s ?d, ?e ?t ?f, ?g ?u ?h RETURN COUNT(*);", &err, &r);
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(60));
  EXPECT_EQ(r.errors, 1);
  EXPECT_NE(err.find("interrupted"), std::string::npos) << err;
  EXPECT_EQ(Run(s, ".mode csv\nMATCH ?a supplies \"Firm 3\";"), "?a\nFirm 2\n");
}

TEST_F(SessionTest, EachStatementSeesTheNewestPublishedView) {
  Session s(Options());
  EXPECT_EQ(Run(s, ".mode csv\nFIND omega;"), "entity,type,matched alias,facts,evidence\n");
  std::vector<ArticleInput> articles;
  articles.push_back(Article("c1", {{"Acme Chips", "supplies", "Omega"}}));
  ASSERT_TRUE(writer_->WriteArticles(std::move(articles)).ok());
  // Not yet published: the reader keeps its consistent view.
  EXPECT_EQ(Run(s, ".mode csv\nFIND omega;"), "entity,type,matched alias,facts,evidence\n");
  ASSERT_TRUE(writer_->PublishView().ok());
  EXPECT_EQ(Run(s, ".mode csv\nMATCH ?a supplies Omega;"), "?a\nAcme Chips\n");
}

}  // namespace
}  // namespace kg::query
