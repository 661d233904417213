#include "ingest/gazetteer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "ingest/lexicon.h"
#include "ingest/mention_finder.h"
#include "test_support.h"
#include "util/schema_dir.h"

namespace kg {
namespace {

std::vector<std::string> Types() {
  std::vector<std::string> out;
  for (const auto& t : testing::DefaultOntology().entity_types())
    out.push_back(t.name);
  return out;
}

const Gazetteer& Shipped() {
  static const Gazetteer* g = [] {
    auto loaded = Gazetteer::LoadFromDir(DefaultSchemaDir(), Types());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new Gazetteer(std::move(loaded).value());
  }();
  return *g;
}

const Lexicon& ShippedLexicon() {
  static const Lexicon* l = [] {
    auto loaded = Lexicon::LoadFromDir(DefaultSchemaDir());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new Lexicon(std::move(loaded).value());
  }();
  return *l;
}

// "name/type" of each match, in order.
std::vector<std::string> Matches(std::string_view text) {
  std::vector<GazetteerMatch> found;
  Shipped().FindMatches(text, &found);
  std::vector<std::string> out;
  for (const auto& m : found) {
    const auto& e = Shipped().entries()[m.entry];
    out.push_back(e.name + (m.demonym ? "(adj)" : "") + (m.possessive ? "'s" : ""));
  }
  return out;
}

TEST(GazetteerTest, ShipsAtLeastFourHundredEntriesOfEveryType) {
  EXPECT_GE(Shipped().entries().size(), 400u);
  std::map<std::string, int> per_type;
  for (const auto& e : Shipped().entries())
    ++per_type[e.type];
  for (const auto& t : Types())
    EXPECT_GT(per_type[t], 0) << t;
  EXPECT_NE(Shipped().FindByName("Commerce Department"), nullptr);
  EXPECT_NE(Shipped().FindByName("CHIPS and Science Act"), nullptr);
}

TEST(GazetteerTest, AliasesDemonymsAndCapitalMetonyms) {
  EXPECT_EQ(Matches("Washington and Beijing traded barbs."),
            (std::vector<std::string>{"United States", "China"}));
  EXPECT_EQ(Matches("The U.S. and the US agree."),
            (std::vector<std::string>{"United States", "United States"}));
  EXPECT_EQ(Matches("Chinese and Dutch firms"),
            (std::vector<std::string>{"China(adj)", "Netherlands(adj)"}));
}

TEST(GazetteerTest, CaseRuleKeepsUsApartFromUs) {
  EXPECT_TRUE(Matches("Let us see what happens.").empty());
  EXPECT_EQ(Matches("US curbs"), (std::vector<std::string>{"United States"}));
  // Lower-case forms match in any case.
  EXPECT_EQ(Matches("Semiconductors matter."), (std::vector<std::string>{"semiconductors"}));
}

TEST(GazetteerTest, LongestMatchPossessivesAndWordBoundaries) {
  EXPECT_EQ(Matches("the Commerce Department's rules"),
            (std::vector<std::string>{"Commerce Department's"}));
  EXPECT_EQ(Matches("China's chips"), (std::vector<std::string>{"China's", "semiconductors"}));
  // No match inside a longer word, and a hyphen + capital continues a name.
  EXPECT_TRUE(Matches("Chinaware and Huaweiism").empty());
  auto m = Matches("U.S.-China talks");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0], "United States");
  EXPECT_EQ(m[1], "China");
}

TEST(GazetteerTest, BadFilesAreReportedWithTheirName) {
  testing::TempDir dir;
  const std::string schemas = dir.Sub("schemas");
  std::filesystem::create_directories(schemas + "/gazetteer");
  std::filesystem::copy_file(DefaultSchemaDir() + "/gazetteer.schema.json",
                             schemas + "/gazetteer.schema.json");
  std::ofstream(schemas + "/gazetteer/a.json")
      << R"({"entries": [{"name": "Acme", "type": "spaceship"}]})";
  auto g = Gazetteer::LoadFromDir(schemas, Types());
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("a.json"), std::string::npos) << g.status().ToString();
  EXPECT_NE(g.status().message().find("spaceship"), std::string::npos);

  std::ofstream(schemas + "/gazetteer/a.json") << R"({"entries": [{"name": "Acme"}]})";
  g = Gazetteer::LoadFromDir(schemas, Types());
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("type"), std::string::npos) << g.status().ToString();
}

std::vector<std::string> Mentions(std::string_view sentence) {
  MentionFinder finder(&Shipped(), &ShippedLexicon());
  std::vector<std::string> out;
  for (const auto& m : finder.Find(sentence))
    out.push_back(m.name + "/" + m.type);
  return out;
}

TEST(MentionFinderTest, NewNamesAreTypedFromContext) {
  EXPECT_EQ(Mentions("Hangzhou startup Qorvane Dynamics raised money."),
            (std::vector<std::string>{"Qorvane Dynamics/company"}));
  EXPECT_EQ(Mentions("Shares of Brightfield Materials Inc. rose."),
            (std::vector<std::string>{"Brightfield Materials Inc./company"}));
  EXPECT_EQ(Mentions("The Ministry of Digital Affairs objected."),
            (std::vector<std::string>{"Ministry of Digital Affairs/government_body"}));
  EXPECT_EQ(Mentions("Lawmakers passed the Secure Networks Act."),
            (std::vector<std::string>{"Secure Networks Act/policy"}));
  EXPECT_EQ(Mentions("The memo was signed by Secretary Dana Whitfield."),
            (std::vector<std::string>{"Dana Whitfield/person"}));
  // A capitalised run with no type cue is not an entity.
  EXPECT_TRUE(Mentions("Yesterday Blue Harbor was quiet.").empty());
  // A known first name makes a person; an owner before one an organization.
  EXPECT_EQ(Mentions("Analysts like Quillfeather's Nora Lind disagreed."),
            (std::vector<std::string>{"Quillfeather/organization", "Nora Lind/person"}));
}

TEST(MentionFinderTest, LongerInstitutionalNamesAbsorbKnownOnes) {
  EXPECT_EQ(Mentions("He runs the Kessler AI Center now."),
            (std::vector<std::string>{"Kessler AI Center/organization"}));
  EXPECT_EQ(Mentions("She joined the Hoover China Program."),
            (std::vector<std::string>{"Hoover China Program/policy"}));
  // A known name plus only a suffix stays the known name.
  EXPECT_EQ(Mentions("Shares of Huawei Technologies fell."),
            (std::vector<std::string>{"Huawei/company"}));
  // A capitalised head inside a name is no technology phrase.
  EXPECT_EQ(Mentions("He works at Harbor Metals Research."),
            (std::vector<std::string>{"Harbor Metals Research/organization"}));
}

TEST(MentionFinderTest, CountedGoodsAreTechnologies) {
  EXPECT_EQ(Mentions("It makes 80% of cranes."), (std::vector<std::string>{"cranes/technology"}));
  EXPECT_EQ(Mentions("the biggest maker of drones"),
            (std::vector<std::string>{"drones/technology"}));
  EXPECT_TRUE(Mentions("the cranes were idle").empty());
}

TEST(MentionFinderTest, TechnologyPhrasesKeepTheirModifiers) {
  EXPECT_EQ(Mentions("They sought advanced AI chips and chipmaking equipment."),
            (std::vector<std::string>{"advanced AI chips/technology",
                                      "chipmaking equipment/technology"}));
  // A bare head noun names nothing new.
  EXPECT_TRUE(Mentions("the machines were idle").empty());
}

}  // namespace
}  // namespace kg
