// Planner: join orders by estimated work, the estimates at constants and
// symmetric relations, and the one cartesian product allowed while a join
// exists (closed right after by a point read).
#include "query/planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <variant>

#include "query/catalog.h"
#include "query/executor.h"
#include "query/parser.h"
#include "test_support.h"

namespace kg::query {
namespace {

using kg::testing::MakeArticle;
using kg::testing::MakeFact;

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::OpenForWrite(dir_.Sub("db"), kg::testing::DefaultOntology());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }

  // One article per call, all facts between companies.
  void Write(const std::vector<std::tuple<std::string, std::string, std::string>>& facts) {
    std::vector<Fact> f;
    for (const auto& [s, r, o] : facts)
      f.push_back(MakeFact(s, r, o, s + " " + r + " " + o + ".", "company", "company"));
    std::vector<ArticleInput> articles;
    articles.push_back(MakeArticle("a" + std::to_string(++articles_), std::move(f)));
    auto written = store_->WriteArticles(std::move(articles));
    ASSERT_TRUE(written.ok()) << written.status().ToString();
  }

  BoundMatch Bind(const std::string& text) {
    ParseOutcome parsed = ParseStatement(text);
    EXPECT_TRUE(parsed.ok) << parsed.error.message;
    const auto* match = std::get_if<MatchAst>(&parsed.statement.query);
    EXPECT_NE(match, nullptr);
    BoundMatch m;
    QueryError error;
    EXPECT_TRUE(BindMatch(*store_, match->patterns, match->filter, &m, &error)) << error.message;
    return m;
  }

  static std::vector<size_t> Order(const MatchPlan& plan) {
    std::vector<size_t> order;
    for (const PlanStep& s : plan.steps)
      order.push_back(s.pattern);
    return order;
  }

  // The solutions of a plan, each as its variables' values.
  std::set<std::vector<uint32_t>> Solve(const BoundMatch& m, const MatchPlan& plan) {
    EntityCatalog catalog(*store_);
    JoinExecutor exec(*store_, m, plan, catalog, nullptr);
    std::set<std::vector<uint32_t>> out;
    KG_EXPECT_OK(exec.Run([&](const Solution& s) {
      out.insert(s.values);
      return true;
    }));
    return out;
  }

  // A hub with 5 rivals and 10 partners, each of them popular (60 rivals of
  // its own): walking from either side to the rivals of what it reaches
  // reads a lot, while pairing the hub's rivals with its partners and
  // checking each of the 50 pairs with one point read does not.
  void WriteTriangle() {
    std::vector<std::tuple<std::string, std::string, std::string>> facts;
    auto popular = [&](const std::string& name, int others) {
      for (int z = 0; z < 60; ++z)
        facts.push_back({name, "competes_with", "Other " + std::to_string(others + z)});
    };
    for (int x = 0; x < 5; ++x) {
      facts.push_back({"Hub", "competes_with", "Rival " + std::to_string(x)});
      popular("Rival " + std::to_string(x), 100 * x);
    }
    for (int y = 0; y < 10; ++y) {
      facts.push_back({"Hub", "partners_with", "Partner " + std::to_string(y)});
      popular("Partner " + std::to_string(y), 1000 + 100 * y);
    }
    // Two triangles.
    facts.push_back({"Rival 0", "competes_with", "Partner 0"});
    facts.push_back({"Partner 3", "competes_with", "Rival 1"});
    Write(facts);
  }

  kg::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  int articles_ = 0;
};

TEST_F(PlannerTest, ATrianglePairsBothSidesAndClosesThemWithPointReads) {
  WriteTriangle();
  const BoundMatch m =
      Bind("MATCH Hub competes_with ?x, ?x competes_with ?y, Hub partners_with ?y");
  auto plan = PlanMatch(*store_, m);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->steps.size(), 3u);
  // The hub's two patterns first, in either order, then the check.
  EXPECT_EQ(plan->steps[2].pattern, 1u);
  EXPECT_EQ(plan->steps[2].index, "get");
  EXPECT_FALSE(plan->steps[0].cartesian);
  EXPECT_TRUE(plan->steps[1].cartesian);
  EXPECT_EQ(plan->steps[1].closed_by, 3u);
  EXPECT_FALSE(plan->steps[2].cartesian);
  EXPECT_EQ(DescribeJoins(m, *plan, 1), "none: cartesian product, closed by step 3");
  EXPECT_EQ(DescribeJoins(m, *plan, 2), "?x, ?y");

  // The cheapest order by the estimates, and the same answers as the order
  // that walks from a partner to its rivals.
  std::vector<size_t> order = {0, 1, 2};
  do {
    auto forced = PlanMatch(*store_, m, &order);
    ASSERT_TRUE(forced.ok());
    EXPECT_LE(plan->cost, forced->cost * (1 + 1e-9));
  } while (std::next_permutation(order.begin(), order.end()));
  const std::vector<size_t> walk = {2, 1, 0};
  auto walked = PlanMatch(*store_, m, &walk);
  ASSERT_TRUE(walked.ok());
  EXPECT_LT(plan->cost, walked->cost);
  const auto solutions = Solve(m, *plan);
  EXPECT_EQ(solutions.size(), 2u);
  EXPECT_EQ(solutions, Solve(m, *walked));
}

TEST_F(PlannerTest, ACartesianProductOnlyWhenAPointReadClosesIt) {
  WriteTriangle();
  // The pattern that would join the two sides leaves its relation open, so
  // it is a scan per pair, not a point read: no product, whatever the cost.
  const BoundMatch m = Bind("MATCH Hub competes_with ?x, ?x ?r ?y, Hub partners_with ?y");
  auto plan = PlanMatch(*store_, m);
  ASSERT_TRUE(plan.ok());
  for (const PlanStep& s : plan->steps) {
    EXPECT_FALSE(s.cartesian) << m.patterns[s.pattern].text;
    EXPECT_EQ(s.closed_by, 0u);
  }
  // Forced, the product is planned as asked and marked, but not closed; by
  // the estimates it would have been the cheaper plan.
  const std::vector<size_t> forced = {0, 2, 1};
  auto product = PlanMatch(*store_, m, &forced);
  ASSERT_TRUE(product.ok());
  EXPECT_LT(product->cost, plan->cost);
  EXPECT_TRUE(product->steps[1].cartesian);
  EXPECT_EQ(product->steps[1].closed_by, 0u);
  EXPECT_EQ(DescribeJoins(m, *product, 1), "none: cartesian product");
  EXPECT_EQ(Solve(m, *plan), Solve(m, *product));
}

TEST_F(PlannerTest, AChainNeverTakesACartesianProduct) {
  // Chains whose ends could be read first and paired: in the first the
  // middle pattern leaves its relation open (no point read can close the
  // product), in the second the far end is a whole relation read again for
  // every row, and in the third the small entity's neighbours are known to
  // have few facts, so walking from it is cheap.
  WriteTriangle();
  Write({{"Other 5", "based_in", "Smallville"}, {"Other 7", "based_in", "Smallville"}});
  for (const char* text : {
           "MATCH Hub partners_with ?x, ?x ?s ?y, ?y based_in Smallville",
           "MATCH Hub partners_with ?x, ?x competes_with ?y, ?y competes_with ?z",
           "MATCH ?a partners_with ?b, ?b competes_with ?c, ?c based_in Smallville",
       }) {
    const BoundMatch m = Bind(text);
    auto plan = PlanMatch(*store_, m);
    ASSERT_TRUE(plan.ok()) << text;
    for (const PlanStep& s : plan->steps)
      EXPECT_FALSE(s.cartesian) << text << ": " << m.patterns[s.pattern].text;
    // Every order finds the same answers.
    std::vector<size_t> order(m.patterns.size());
    std::iota(order.begin(), order.end(), 0);
    const auto expected = Solve(m, *plan);
    do {
      auto forced = PlanMatch(*store_, m, &order);
      ASSERT_TRUE(forced.ok());
      EXPECT_EQ(Solve(m, *forced), expected) << text;
    } while (std::next_permutation(order.begin(), order.end()));
  }
}

TEST_F(PlannerTest, StartsAtTheConstantAndReadsTheSmallSideFirst) {
  WriteTriangle();
  // From a partner to its 60 rivals and on, or from the hub's 5 rivals.
  const BoundMatch m = Bind("MATCH ?x competes_with ?y, Hub competes_with ?x");
  auto plan = PlanMatch(*store_, m);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Order(*plan), (std::vector<size_t>{1, 0}));
  EXPECT_EQ(plan->steps[0].index, "spo");
  EXPECT_EQ(plan->steps[0].bound, "s,p");
  EXPECT_EQ(plan->steps[1].join_vars, std::vector<int>{m.FindVar("x")});
}

TEST_F(PlannerTest, ConstantsAreCountedBothWaysForASymmetricRelation) {
  // "Alpha" is named first, so the store keeps its facts with it as the
  // subject; those of "Zeta" are kept the other way round.
  Write({{"Alpha", "competes_with", "Zeta"},
         {"Alpha", "competes_with", "Beta"},
         {"Gamma", "competes_with", "Zeta"},
         {"Zeta", "competes_with", "Omega"},
         {"Zeta", "supplies", "Beta"}});
  const BoundMatch m = Bind("MATCH Zeta competes_with ?x");
  auto plan = PlanMatch(*store_, m);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->steps.size(), 1u);
  EXPECT_DOUBLE_EQ(plan->steps[0].estimate, 3);  // Alpha, Gamma and Omega
  // A whole symmetric relation gives each fact both ways round.
  const BoundMatch all = Bind("MATCH ?a competes_with ?b");
  auto scan = PlanMatch(*store_, all);
  ASSERT_TRUE(scan.ok());
  EXPECT_DOUBLE_EQ(scan->steps[0].estimate, 8);
}

TEST_F(PlannerTest, AJoinedEntityIsExpectedToBePopular) {
  // A hub among 100 small entities, and supplies facts that mostly name the
  // hub: the entity at the end of a fact is the hub far more often than its
  // share of entities says.
  std::vector<std::tuple<std::string, std::string, std::string>> facts;
  for (int i = 0; i < 100; ++i)
    facts.push_back({"Hub", "competes_with", "Small " + std::to_string(i)});
  for (int i = 0; i < 10; ++i)
    facts.push_back({"Small " + std::to_string(i), "supplies", "Hub"});
  for (int i = 10; i < 20; i += 2)
    facts.push_back({"Small " + std::to_string(i), "supplies", "Small " + std::to_string(i + 1)});
  Write(facts);
  const BoundMatch m = Bind("MATCH ?x supplies ?y, ?y competes_with ?z");
  const std::vector<size_t> order = {0, 1};
  auto plan = PlanMatch(*store_, m, &order);
  ASSERT_TRUE(plan.ok());
  // Per ?y, the rivals are 67 on average (10 rows reach the hub and its 100,
  // 5 a small entity and its one); an average entity has 2. The estimate
  // takes the degree of an entity at the end of a fact as sum(d^2) / sum(d)
  // (53 here), of which competes_with, read both ways, is 100 of 115 facts.
  EXPECT_GT(plan->steps[1].estimate, 20);
  EXPECT_LT(plan->steps[1].estimate, 100);
  uint64_t solutions = 0;
  EntityCatalog catalog(*store_);
  KG_EXPECT_OK(JoinExecutor(*store_, m, *plan, catalog, nullptr).Run([&](const Solution&) {
    ++solutions;
    return true;
  }));
  EXPECT_EQ(solutions, 10u * 100 + 5 * 1);
}

TEST_F(PlannerTest, AForcedOrderMustNameEveryPatternOnce) {
  Write({{"Alpha", "supplies", "Beta"}, {"Beta", "supplies", "Gamma"}});
  const BoundMatch m = Bind("MATCH ?a supplies ?b, ?b supplies ?c");
  for (const std::vector<size_t>& bad : {std::vector<size_t>{0}, std::vector<size_t>{0, 0},
                                         std::vector<size_t>{0, 2}, std::vector<size_t>{1, 0, 2}}) {
    auto plan = PlanMatch(*store_, m, &bad);
    EXPECT_TRUE(plan.status().IsInvalidArgument());
  }
  const std::vector<size_t> good = {1, 0};
  auto plan = PlanMatch(*store_, m, &good);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Order(*plan), good);
}

TEST_F(PlannerTest, AFactWithoutVariablesIsACheckNotAProduct) {
  Write({{"Alpha", "supplies", "Beta"}, {"Beta", "supplies", "Gamma"}});
  const BoundMatch m = Bind("MATCH ?a supplies ?b, Alpha supplies Beta");
  auto plan = PlanMatch(*store_, m);
  ASSERT_TRUE(plan.ok());
  for (const PlanStep& s : plan->steps)
    EXPECT_FALSE(s.cartesian);
  EXPECT_EQ(plan->steps[0].pattern, 1u);  // one point read, first
  EXPECT_EQ(Solve(m, *plan).size(), 2u);
}

}  // namespace
}  // namespace kg::query
