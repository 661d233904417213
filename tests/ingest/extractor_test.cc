#include "ingest/extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "test_support.h"
#include "util/schema_dir.h"

namespace kg {
namespace {

const Extractor& Shipped() {
  static const Extractor* x = [] {
    auto made = Extractor::Create(DefaultSchemaDir(), testing::DefaultOntology());
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? made.value().release() : nullptr;
  }();
  return *x;
}

// "subject|relation|object" of each fact.
std::set<std::string> Triples(std::string_view sentence) {
  std::set<std::string> out;
  for (const Fact& f : Shipped().ExtractSentence(sentence))
    out.insert(f.subject.name + "|" + f.relation + "|" + f.object.name);
  return out;
}

const Fact* FindFact(const std::vector<Fact>& facts, const std::string& relation) {
  for (const auto& f : facts)
    if (f.relation == relation) return &f;
  return nullptr;
}

MATCHER_P(Has, triple, "") {
  return arg.count(triple) > 0;
}

TEST(ExtractorTest, ActiveAndPassiveVoice) {
  EXPECT_THAT(Triples("Washington restricted exports of AI chips to China last year."),
              Has("United States|restricts|China"));
  EXPECT_THAT(Triples("Huawei was added to the Entity List by the Commerce Department."),
              Has("Commerce Department|sanctions|Huawei"));
  EXPECT_THAT(Triples("Tokyo banned TikTok on government phones."), Has("Japan|bans|TikTok"));
}

TEST(ExtractorTest, ControlAndPurpose) {
  EXPECT_THAT(Triples("U.S. efforts to restrict China's access to advanced chips continue."),
              Has("United States|restricts|China"));
  EXPECT_THAT(Triples("The Netherlands moved to restrict Huawei last month."),
              Has("Netherlands|restricts|Huawei"));
}

TEST(ExtractorTest, NominalForms) {
  EXPECT_THAT(Triples("The U.S. tariffs on Chinese imports rose again."),
              Has("United States|imposes_tariffs_on|China"));
  EXPECT_THAT(Triples("The U.S.-China rivalry shapes the chip industry."),
              Has("United States|competes_with|China"));
  EXPECT_THAT(Triples("Brussels announced export controls on Russia."),
              Has("European Union|restricts|Russia"));
}

TEST(ExtractorTest, CoordinationGivesOneTriplePerMember) {
  const auto t =
      Triples("Japan and the Netherlands restricted sales of lithography tools to China.");
  EXPECT_THAT(t, Has("Japan|restricts|China"));
  EXPECT_THAT(t, Has("Netherlands|restricts|China"));
}

TEST(ExtractorTest, AppositionsAndRelativeClauses) {
  EXPECT_THAT(Triples("Huawei, China's largest telecom firm, was sanctioned by Washington."),
              Has("United States|sanctions|Huawei"));
  EXPECT_THAT(Triples("Nvidia, which supplies Alibaba, rallied."), Has("Nvidia|supplies|Alibaba"));
}

TEST(ExtractorTest, AdjectivesPossessivesAndTitles) {
  EXPECT_THAT(Triples("Chinese upstart DeepSeek rattled investors in Nvidia."),
              Has("DeepSeek|based_in|China"));
  EXPECT_THAT(Triples("Many compared it with OpenAI's o1 on benchmarks."), Has("OpenAI|owns|o1"));
  EXPECT_THAT(Triples("Commerce Secretary Howard Lutnick spoke on Tuesday."),
              Has("Howard Lutnick|affiliated_with|Commerce Department"));
  EXPECT_THAT(Triples("Nvidia chief executive Jensen Huang visited Taipei."),
              Has("Jensen Huang|affiliated_with|Nvidia"));
}

TEST(ExtractorTest, ModalityIsAFieldNotARule) {
  auto facts = Shipped().ExtractSentence("Washington may restrict exports of HBM to China.");
  const Fact* f = FindFact(facts, "restricts");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.modality, Modality::kHedged);
  facts = Shipped().ExtractSentence("Tokyo did not ban Huawei from its networks.");
  f = FindFact(facts, "bans");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.modality, Modality::kNegated);
  facts = Shipped().ExtractSentence("Tokyo banned Huawei from its networks.");
  f = FindFact(facts, "bans");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.modality, Modality::kAsserted);
}

TEST(ExtractorTest, QualifiersAndConfidence) {
  auto facts = Shipped().ExtractSentence(
      "In 2019, the United States imposed tariffs on $200 billion of Chinese goods.");
  const Fact* f = FindFact(facts, "imposes_tariffs_on");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->object.name, "China");
  const Qualifiers want = {{"amount", "$200 billion"}, {"time", "2019"}};
  EXPECT_EQ(f->evidence.qualifiers, want);
  EXPECT_GT(f->evidence.confidence, 0.0);
  EXPECT_LE(f->evidence.confidence, 1.0);

  facts = Shipped().ExtractSentence("China makes 80% of the world's solar panels.");
  f = FindFact(facts, "manufactures");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->subject.name, "China");
  ASSERT_FALSE(f->evidence.qualifiers.empty());
  EXPECT_EQ(f->evidence.qualifiers[0], (std::pair<std::string, std::string>{"share", "80%"}));
}

TEST(ExtractorTest, NoSelfLoopsAndNoTriplesFromUnnamedActors) {
  for (const auto& t : Triples("The United States and America compete with the U.S.")) {
    const auto first = t.find('|');
    const auto last = t.rfind('|');
    EXPECT_NE(t.substr(0, first), t.substr(last + 1)) << t;
  }
  // "Officials" is nobody in particular.
  EXPECT_TRUE(Triples("Officials restricted exports to China.").empty());
  EXPECT_TRUE(Triples("").empty());
}

TEST(ExtractorTest, PronounsFollowTheTopic) {
  ArticleText a;
  a.id = "t1";
  a.date = "2025-02-03";
  a.body = "China is a manufacturing power. It makes 70% of the world's electric vehicles.";
  const ArticleInput out = Shipped().Extract(a);
  const Fact* f = FindFact(out.facts, "manufactures");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->subject.name, "China");
  EXPECT_EQ(f->evidence.sentence_index, 1);
  // The span points at the sentence in the original body.
  EXPECT_EQ(a.body.substr(f->evidence.span_begin, f->evidence.span_end - f->evidence.span_begin),
            f->evidence.sentence);
  EXPECT_EQ(FormatDate(f->evidence.date), "2025-02-03");
}

TEST(ExtractorTest, LongSentencesFinish) {
  std::string text(1 << 20, 'a');
  for (size_t i = 7; i < text.size(); i += 8)
    text[i] = ' ';
  ArticleText a;
  a.id = "long";
  a.body = text;
  EXPECT_TRUE(Shipped().Extract(a).facts.empty());
}

}  // namespace
}  // namespace kg
