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

MATCHER_P(Lacks, triple, "") {
  return arg.count(triple) == 0;
}

TEST(ExtractorTest, VerbPhrasesShareTheirClauseSubject) {
  const auto list = Triples(
      "Over the last decade, Tokyo's efforts have included measures to punish Huawei, place "
      "tariffs on $20 billion of Korean imports and restrict Russia's access to machine tools.");
  EXPECT_THAT(list, Has("Japan|sanctions|Huawei"));
  EXPECT_THAT(list, Has("Japan|imposes_tariffs_on|South Korea"));
  EXPECT_THAT(list, Has("Japan|restricts|Russia"));
  EXPECT_THAT(Triples("The Biden administration is expanding grants and investing in quantum "
                      "computing."),
              Has("Biden administration|invests_in|quantum computing"));
  // A new subject after "and" keeps its own verb.
  const auto two = Triples("Japan restricted Huawei and Korea banned TikTok.");
  EXPECT_THAT(two, Has("South Korea|bans|TikTok"));
  EXPECT_THAT(two, Lacks("Japan|bans|TikTok"));
  // An apposition is not a verb phrase of the list.
  EXPECT_THAT(Triples("Huawei, backed by Beijing, and ZTE sell phones."),
              Lacks("Huawei|invests_in|China"));
}

TEST(ExtractorTest, WithoutNegatesTheSharedSubjectsVerb) {
  const auto facts = Shipped().ExtractSentence(
      "Zhipu says it trained models on par with Anthropic's Claude without using Nvidia's newest "
      "GPUs.");
  const Fact* uses = FindFact(facts, "uses");
  ASSERT_NE(uses, nullptr);
  EXPECT_EQ(uses->subject.name, "Zhipu AI");
  EXPECT_EQ(uses->object.name, "GPUs");
  EXPECT_EQ(uses->evidence.modality, Modality::kNegated);
  // "Nvidia's newest GPUs" is a noun phrase the "without" does not negate.
  const Fact* develops = FindFact(facts, "develops");
  ASSERT_NE(develops, nullptr);
  EXPECT_EQ(develops->evidence.modality, Modality::kAsserted);
}

TEST(ExtractorTest, SubjectOfAVerbIsNotInAPrepositionalPhrase) {
  EXPECT_THAT(Triples("Sales of the Mate 60 Pro in China outpaced Apple's iPhone 15 last month."),
              Lacks("China|outperforms|iPhone 15"));
}

TEST(ExtractorTest, ObjectOfAVerbIsWhatItActsOn) {
  // Where goods come from is not what is bought.
  EXPECT_THAT(Triples("Japan barred its carriers from buying network gear from Huawei."),
              Lacks("Japan|acquires|Huawei"));
  // A company before a kind of goods only qualifies them ...
  EXPECT_THAT(Triples("The deal lets Japan supply Nvidia chips to the Gulf."),
              Lacks("Japan|supplies|Nvidia"));
  // ... but a product before its kind is the thing itself.
  EXPECT_THAT(Triples("The Mate 60 Pro uses a Kirin 9000S processor."),
              Has("Mate 60 Pro|uses|Kirin 9000S"));
}

TEST(ExtractorTest, MakersSharesAndRecords) {
  ArticleText a;
  a.id = "t2";
  a.body =
      "China is a manufacturing power. It builds 70% of the excavators sold in Africa and is the "
      "largest maker of cranes.";
  std::set<std::string> got;
  for (const Fact& f : Shipped().Extract(a).facts)
    got.insert(f.subject.name + "|" + f.relation + "|" + f.object.name);
  EXPECT_THAT(got, Has("China|manufactures|cranes"));
  EXPECT_THAT(got, Has("China|leads_in|cranes"));
  const auto dji = Triples("Regulators targeted DJI, the world's largest drone maker.");
  EXPECT_THAT(dji, Has("DJI|manufactures|drone"));
  EXPECT_THAT(dji, Has("DJI|leads_in|drone"));
  EXPECT_THAT(Triples("Moonshot AI passed 50 million users in a week, breaking the ChatGPT "
                      "record."),
              Has("Moonshot AI|outperforms|ChatGPT"));
}

TEST(ExtractorTest, InvestmentDevelopmentAndAccessPhrases) {
  EXPECT_THAT(Triples("Critics questioned Biden's $52 billion chip manufacturing push."),
              Has("Joe Biden|invests_in|chip manufacturing"));
  EXPECT_THAT(Triples("Japan's quantum computing is being developed at speed."),
              Has("Japan|develops|quantum computing"));
  EXPECT_THAT(Triples("Zhipu may have had access to some of Nvidia's advanced chips."),
              Has("Zhipu AI|uses|advanced chips"));
  EXPECT_THAT(Triples("Engineers praised DeepSeek-V3 for its low cost."),
              Has("DeepSeek|develops|DeepSeek-V3"));
  EXPECT_THAT(Triples("Investors like Baidu and Tencent, which have their own AI models, "
                      "waited."),
              Has("Tencent|develops|AI models"));
  EXPECT_THAT(Triples("Beijing banned exports of gallium to the United States."),
              Has("China|restricts|United States"));
  EXPECT_THAT(Triples("Beijing-based Moonshot AI released Kimi."),
              Has("Moonshot AI|based_in|China"));
}

TEST(ExtractorTest, AffiliationsFromRelativeClausesAndPossessives) {
  const auto park = Triples(
      "Emily Park, a fellow at the Hudson Institute who previously worked on trade policy at the "
      "State Department, said the rules were weak.");
  EXPECT_THAT(park, Has("Emily Park|affiliated_with|Hudson Institute"));
  EXPECT_THAT(park, Has("Emily Park|affiliated_with|State Department"));
  EXPECT_THAT(Triples("Analysts like Eurasia Group's Nora Lind expect more curbs."),
              Has("Nora Lind|affiliated_with|Eurasia Group"));
  EXPECT_THAT(Triples("For old China hands like Quillfeather's Andy Moss, the data was clear."),
              Has("Andy Moss|affiliated_with|Quillfeather"));
  EXPECT_THAT(Triples("AI adviser and Brightwave co-founder Liam Ortiz said so."),
              Has("Liam Ortiz|affiliated_with|Brightwave"));
  const auto chen =
      Triples("Maria Chen, director of the Hoover China Program at Stanford University, spoke.");
  EXPECT_THAT(chen, Has("Maria Chen|affiliated_with|Stanford University"));
  EXPECT_THAT(chen, Lacks("Maria Chen|affiliated_with|China"));
  EXPECT_THAT(Triples("Li Rong, a partner at Shanghai venture firm Dawn River Capital, agreed."),
              Has("Li Rong|affiliated_with|Dawn River Capital"));
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
  // "It" names China here; it is no alias of China's.
  EXPECT_TRUE(f->subject.aliases.empty());
  EXPECT_EQ(f->evidence.sentence_index, 1);
  // The span points at the sentence in the original body.
  EXPECT_EQ(a.body.substr(f->evidence.span_begin, f->evidence.span_end - f->evidence.span_begin),
            f->evidence.sentence);
  EXPECT_EQ(FormatDate(f->evidence.date), "2025-02-03");
}

TEST(ExtractorTest, ChunkedArticlesGiveTheSameFacts) {
  auto made = Extractor::Create(DefaultSchemaDir(), testing::DefaultOntology());
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  Extractor& small_chunks = **made;
  small_chunks.set_chunk_bytes(300);
  ArticleText a;
  a.id = "chunks";
  for (int i = 0; i < 30; ++i) {
    a.body += "Washington restricted exports of AI chips to China in 202" + std::to_string(i % 10) +
              ". It also sanctioned Huawei.\n\n";
    a.body +=
        "Japan and the Netherlands joined the controls, said Emily Park, a fellow at the "
        "Hudson Institute.\n\n";
  }
  auto key = [](const Fact& f) {
    return f.subject.name + "|" + f.relation + "|" + f.object.name + "|" +
           std::to_string(f.evidence.sentence_index) + "|" + std::to_string(f.evidence.span_begin) +
           "-" + std::to_string(f.evidence.span_end);
  };
  std::vector<std::string> whole, chunked;
  for (const Fact& f : Shipped().Extract(a).facts)
    whole.push_back(key(f));
  for (const Fact& f : small_chunks.Extract(a).facts)
    chunked.push_back(key(f));
  EXPECT_GE(whole.size(), 60u);
  EXPECT_EQ(whole, chunked);
  // The last sentence's evidence points into the body where it is.
  const ArticleInput out = small_chunks.Extract(a);
  const Fact& last = out.facts.back();
  EXPECT_EQ(
      a.body.substr(last.evidence.span_begin, last.evidence.span_end - last.evidence.span_begin),
      last.evidence.sentence);
  EXPECT_EQ(last.evidence.sentence_index, 89);
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

// RelationRule::Match takes shortcuts (an anchored search from each '@',
// groups read off the whole match); it must find what RE2's own unanchored
// search with every group finds, match after match.
TEST(RelationRulesTest, MatchFindsWhatAnUnanchoredSearchFinds) {
  std::vector<std::string> relations, types;
  for (const auto& r : testing::DefaultOntology().relations())
    relations.push_back(r.name);
  for (const auto& t : testing::DefaultOntology().entity_types())
    types.push_back(t.name);
  auto loaded = RelationRules::LoadFromDir(DefaultSchemaDir(), relations, types);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const RelationRules& rules = *loaded.value();
  size_t shortcut = 0, groups_at_ends = 0;
  for (const RelationRule& rule : rules.rules()) {
    shortcut += rule.opens_with_slot;
    groups_at_ends += rule.groups_at_ends;
  }
  // The shared templates that open with a slot take the shortcuts.
  EXPECT_GT(shortcut, rules.rules().size() / 2);
  EXPECT_GT(groups_at_ends, rules.rules().size() / 2);
  const std::vector<std::string> texts = {
      "@0 restricted @1",
      "@12 restricts @3 #and @4 restricts @56.",
      "@0's @1 restricted exports of @2 to @3 in 2023",
      "@1 @2 restricted @3's access to @4",
      "@0 was restricted by the @12 #and @3 sanctioned @4",
      "@7, #which sanctions @8, also restricted @9,",
      "export controls on @1 by @2 #and tariffs on @3 by @4",
      "@0 invested in @1 #and @2 acquired @3 #and @4 supplies @5 with @6",
      "@1-@2 rivalry @3 competes with @4 #but @5 outperforms @6's @7",
      "@10 partnered with @11 to develop @12 #while @13 uses @14",
      "@0 @1 @2 @3",
      "no slots here at all",
  };
  size_t matched = 0;
  for (const RelationRule& rule : rules.rules()) {
    const int n = rule.re->NumberOfCapturingGroups() + 1;
    for (const std::string& text : texts) {
      size_t pos = 0;
      for (int round = 0; round < 8 && pos < text.size(); ++round) {
        std::vector<re2::StringPiece> want(n), got(n);
        const bool found = rule.re->Match(text, pos, text.size(), RE2::UNANCHORED, want.data(), n);
        ASSERT_EQ(rule.Match(text, pos, got.data()), found) << rule.name << " on " << text;
        if (!found) break;
        ++matched;
        for (int i = 0; i < n; ++i) {
          EXPECT_EQ(got[i].data(), want[i].data()) << rule.name << " group " << i << " on " << text;
          EXPECT_EQ(got[i].size(), want[i].size()) << rule.name << " group " << i << " on " << text;
        }
        pos = static_cast<size_t>(want[0].data() - text.data()) + 1;
      }
    }
  }
  EXPECT_GT(matched, 20u);
}

}  // namespace
}  // namespace kg
