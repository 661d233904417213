#include "tools/corpus_generator.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "graph/ontology.h"
#include "ingest/article_reader.h"
#include "ingest/evaluation.h"
#include "ingest/gazetteer.h"
#include "test_support.h"
#include "tools/corpus_writer.h"
#include "util/json.h"
#include "util/schema_dir.h"

namespace kg::cli {
namespace {

std::unique_ptr<CorpusGenerator> Load(uint64_t seed) {
  auto g = CorpusGenerator::Load(DefaultSchemaDir(), seed);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(g).value() : nullptr;
}

// Articles [0, n) of a generator as JSON Lines plus their gold lines.
std::string Serialize(const CorpusGenerator& g, uint64_t n) {
  std::string out;
  GeneratedArticle a;
  for (uint64_t i = 0; i < n; ++i) {
    g.Generate(i, &a);
    AppendArticleJson(a, &out);
    out += '\n';
    AppendGoldLines(a, &out);
  }
  return out;
}

std::vector<GeneratedArticle> Articles(const CorpusGenerator& g, uint64_t n) {
  std::vector<GeneratedArticle> out(n);
  for (uint64_t i = 0; i < n; ++i)
    g.Generate(i, &out[i]);
  return out;
}

std::string Gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  EXPECT_NE(f, nullptr) << path;
  if (!f) return "";
  std::string out;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0)
    out.append(buf, static_cast<size_t>(n));
  EXPECT_EQ(n, 0) << path << ": gzread failed";
  gzclose(f);
  return out;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CorpusGenerator, SameSeedGivesTheSameBytes) {
  auto a = Load(7), b = Load(7);
  ASSERT_TRUE(a && b);
  const std::string first = Serialize(*a, 60);
  EXPECT_EQ(first, Serialize(*b, 60));
  EXPECT_GT(first.size(), 60u * 1000);
  // An article depends on (seed, index) only, not on what came before it.
  GeneratedArticle alone, in_order;
  b->Generate(41, &alone);
  for (uint64_t i = 0; i <= 41; ++i)
    a->Generate(i, &in_order);
  std::string x, y;
  AppendArticleJson(alone, &x);
  AppendGoldLines(alone, &x);
  AppendArticleJson(in_order, &y);
  AppendGoldLines(in_order, &y);
  EXPECT_EQ(x, y);
}

TEST(CorpusGenerator, DifferentSeedsDiffer) {
  auto a = Load(1), b = Load(2);
  ASSERT_TRUE(a && b);
  const auto xs = Articles(*a, 20), ys = Articles(*b, 20);
  size_t same_body = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    EXPECT_NE(xs[i].id, ys[i].id);
    same_body += xs[i].body == ys[i].body;
  }
  EXPECT_EQ(same_body, 0u);
}

TEST(CorpusGenerator, EveryRelationOfTheOntologyIsInTheGold) {
  auto g = Load(3);
  ASSERT_TRUE(g);
  auto ontology = Ontology::LoadFromDir(DefaultSchemaDir());
  ASSERT_TRUE(ontology.ok()) << ontology.status().ToString();
  EXPECT_TRUE(g->relations_without_templates().empty());
  std::map<std::string, size_t> seen;
  std::map<std::string, size_t> core_seen;
  for (const GeneratedArticle& a : Articles(*g, 300)) {
    for (const GoldTriple& t : a.gold) {
      ++seen[t.relation];
      if (t.core) ++core_seen[t.relation];
    }
  }
  for (const OntologyRelation& r : ontology->relations()) {
    EXPECT_GE(seen[r.name], 20u) << r.name;
    // Stated in a sentence of its own, not only implied by a descriptor.
    EXPECT_TRUE(core_seen[r.name] > 0 || r.name == "owns" || r.name == "based_in" ||
                r.name == "affiliated_with")
        << r.name;
  }
  EXPECT_EQ(seen.size(), ontology->relations().size());
}

// The argument types of every gold triple are those relations.json allows.
TEST(CorpusGenerator, GoldRespectsTheRelationArgumentTypes) {
  rapidjson::Document doc;
  KG_ASSERT_OK(ParseJsonFile(DefaultSchemaDir() + "/relations.json", &doc));
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> allowed;
  for (const auto& r : doc["relations"].GetArray()) {
    auto& [subjects, objects] = allowed[r["relation"].GetString()];
    for (const auto& t : r["subject_types"].GetArray())
      subjects.insert(t.GetString());
    for (const auto& t : r["object_types"].GetArray())
      objects.insert(t.GetString());
  }
  auto g = Load(4);
  ASSERT_TRUE(g);
  size_t checked = 0;
  for (const GeneratedArticle& a : Articles(*g, 200)) {
    for (const GoldTriple& t : a.gold) {
      ASSERT_TRUE(allowed.count(t.relation)) << t.relation;
      EXPECT_TRUE(allowed[t.relation].first.count(t.subject.type))
          << t.relation << " " << t.subject.type << ": " << t.sentence;
      EXPECT_TRUE(allowed[t.relation].second.count(t.object.type))
          << t.relation << " " << t.object.type << ": " << t.sentence;
      EXPECT_NE(t.subject.name, t.object.name) << t.sentence;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

TEST(CorpusGenerator, HedgesNegationsNoiseAndNewCompanies) {
  auto g = Load(5);
  ASSERT_TRUE(g);
  auto gazetteer = Gazetteer::LoadFromDir(
      DefaultSchemaDir(), {"country", "bloc", "government_body", "company", "organization",
                           "person", "technology", "product", "policy"});
  ASSERT_TRUE(gazetteer.ok()) << gazetteer.status().ToString();
  std::map<std::string, size_t> modality;
  size_t noise = 0, facts = 0, articles_with_leftover = 0;
  std::set<std::string> invented, invented_in_gold;
  for (const GeneratedArticle& a : Articles(*g, 200)) {
    noise += a.noise_sentences;
    facts += a.fact_sentences;
    std::string leftover = a.body;
    std::set<std::string> sentences;
    for (const GoldTriple& t : a.gold) {
      ++modality[t.modality];
      // Every gold sentence is verbatim in the body.
      EXPECT_NE(a.body.find(t.sentence), std::string::npos) << t.sentence;
      sentences.insert(t.sentence);
      const std::string s = " " + t.sentence;
      if (std::string(t.modality) == "negated") {
        EXPECT_TRUE(
            s.find(" not ") != std::string::npos || s.find(" never ") != std::string::npos ||
            s.find(" denied ") != std::string::npos || s.find(" refused ") != std::string::npos ||
            s.find(" no plans ") != std::string::npos || s.find(" no longer ") != std::string::npos)
            << t.sentence;
      }
      for (const GoldEntity* e : {&t.subject, &t.object})
        invented_in_gold.insert(e->name);
    }
    // Noise: text that no gold sentence covers.
    for (const std::string& s : sentences) {
      for (size_t at; (at = leftover.find(s)) != std::string::npos;)
        leftover.erase(at, s.size());
    }
    if (leftover.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
      ++articles_with_leftover;
    }
    invented.insert(a.invented_companies.begin(), a.invented_companies.end());
  }
  EXPECT_GT(modality["asserted"], modality["hedged"]);
  EXPECT_GT(modality["hedged"], 100u);
  EXPECT_GT(modality["negated"], 50u);
  EXPECT_EQ(modality.size(), 3u);
  EXPECT_GT(noise, facts / 3);
  EXPECT_GT(articles_with_leftover, 150u);
  EXPECT_GT(invented.size(), 40u);
  size_t stated = 0;
  for (const std::string& name : invented) {
    EXPECT_EQ(gazetteer->FindByName(name), nullptr) << name;
    std::vector<GazetteerMatch> matches;
    gazetteer->FindMatches(name, &matches);
    for (const GazetteerMatch& m : matches)
      EXPECT_FALSE(m.begin == 0 && m.end == name.size()) << name << " is a gazetteer form";
    stated += invented_in_gold.count(name);
  }
  EXPECT_GT(stated, invented.size() / 2);
}

TEST(CorpusGenerator, PopularEntitiesComeUpMoreOften) {
  auto g = Load(6);
  ASSERT_TRUE(g);
  std::map<std::string, size_t> countries;
  for (const GeneratedArticle& a : Articles(*g, 300)) {
    for (const GoldTriple& t : a.gold) {
      for (const GoldEntity* e : {&t.subject, &t.object})
        if (e->type == "country") ++countries[e->name];
    }
  }
  // The first entries of the gazetteer's countries lead, the tail trails.
  EXPECT_GT(countries["United States"], 5 * (countries["Kazakhstan"] + 1));
  EXPECT_GT(countries["China"], 5 * (countries["Chile"] + 1));
  EXPECT_GT(countries.size(), 15u);
}

TEST(CorpusWriter, ArticlesGivesThatManyAndTheReaderTakesThem) {
  kg::testing::TempDir dir;
  auto g = Load(8);
  ASSERT_TRUE(g);
  CorpusWriterOptions options;
  options.out = dir.Sub("corpus.jsonl");
  options.gold_dir = dir.Sub("gold");
  auto w = CorpusWriter::Open(options);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  KG_ASSERT_OK(WriteCorpus(*g, 37, 0, w->get()));
  KG_ASSERT_OK((*w)->Close());
  EXPECT_EQ((*w)->articles(), 37u);
  EXPECT_EQ((*w)->bytes(), std::filesystem::file_size(options.out));

  auto reader = ArticleReader::Create(DefaultSchemaDir());
  ASSERT_TRUE(reader.ok());
  std::vector<ArticleText> read;
  KG_ASSERT_OK((*reader)->ReadFile(options.out, [&](ArticleText&& a) {
    read.push_back(std::move(a));
    return true;
  }));
  EXPECT_TRUE((*reader)->errors().empty()) << (*reader)->errors()[0].ToString();
  ASSERT_EQ(read.size(), 37u);
  GeneratedArticle expected;
  g->Generate(36, &expected);
  EXPECT_EQ(read[36].id, expected.id);
  EXPECT_EQ(read[36].body, expected.body);
  EXPECT_EQ(read[36].title, expected.title);
  EXPECT_EQ(read[36].date, expected.date);

  // The gold loads with the evaluation code, names every article, and the
  // gold itself scores 1: the format is read as written.
  Evaluation eval;
  KG_ASSERT_OK(eval.AddGold(options.gold_dir));
  EXPECT_EQ(eval.gold_articles(), 37u);
  std::set<std::string> relations;
  for (uint64_t i = 0; i < 37; ++i) {
    GeneratedArticle a;
    g->Generate(i, &a);
    for (const GoldTriple& t : a.gold) {
      // Predicted under the surface form the sentence used, where it had one.
      const std::string& s = t.subject.aliases.empty() ? t.subject.name : t.subject.aliases[0];
      eval.AddPrediction(a.id, s, t.relation, t.object.name);
      relations.insert(t.relation);
    }
  }
  const EvalReport r = eval.Score();
  EXPECT_DOUBLE_EQ(r.recall, 1.0);
  EXPECT_DOUBLE_EQ(r.precision, 1.0);
  EXPECT_EQ(r.by_relation.size(), relations.size());
}

TEST(CorpusWriter, MegabytesStopsJustPastTheMark) {
  kg::testing::TempDir dir;
  auto g = Load(9);
  ASSERT_TRUE(g);
  CorpusWriterOptions options;
  options.out = dir.Sub("corpus.jsonl");
  auto w = CorpusWriter::Open(options);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  const uint64_t target = 300000;
  KG_ASSERT_OK(WriteCorpus(*g, 0, target, w->get()));
  KG_ASSERT_OK((*w)->Close());
  const uint64_t size = std::filesystem::file_size(options.out);
  EXPECT_GE(size, target);
  EXPECT_LT(size, target + 16000);  // one article more at most
  EXPECT_EQ(size, (*w)->bytes());
  EXPECT_GT((*w)->articles(), 30u);
}

TEST(CorpusWriter, MixedFormatsAllParse) {
  kg::testing::TempDir dir;
  auto g = Load(10);
  ASSERT_TRUE(g);
  CorpusWriterOptions options;
  options.out = dir.Sub("out");
  options.mixed = true;
  options.files = 4;
  options.gold_dir = dir.Sub("gold");
  auto w = CorpusWriter::Open(options);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  KG_ASSERT_OK(WriteCorpus(*g, 41, 0, w->get()));
  KG_ASSERT_OK((*w)->Close());

  auto reader = ArticleReader::Create(DefaultSchemaDir());
  ASSERT_TRUE(reader.ok());
  std::map<std::string, ArticleText> read;
  std::map<std::string, size_t> by_format;
  auto sink = [&](ArticleText&& a) {
    EXPECT_FALSE(read.count(a.id)) << a.id;
    read[a.id] = std::move(a);
    return true;
  };
  for (const auto& entry : std::filesystem::directory_iterator(options.out)) {
    const std::string path = entry.path().string();
    const std::string name = entry.path().filename().string();
    const size_t before = read.size();
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) {
      const std::string raw = ReadBytes(path);
      ASSERT_GE(raw.size(), 2u);
      EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0x1f);  // gzip magic
      EXPECT_EQ(static_cast<unsigned char>(raw[1]), 0x8b);
      std::istringstream in(Gunzip(path));
      KG_ASSERT_OK((*reader)->ReadStream(in, name.substr(0, name.size() - 3), sink));
      by_format["jsonl.gz"] += read.size() - before;
    } else {
      KG_ASSERT_OK((*reader)->ReadFile(path, sink));
      by_format[entry.path().extension().string()] += read.size() - before;
    }
  }
  EXPECT_TRUE((*reader)->errors().empty()) << (*reader)->errors()[0].ToString();
  // Round-robin over jsonl, json, txt, jsonl.gz: 11 + 10 + 10 + 10.
  EXPECT_EQ(by_format[".jsonl"], 11u);
  EXPECT_EQ(by_format[".json"], 10u);
  EXPECT_EQ(by_format[".txt"], 10u);
  EXPECT_EQ(by_format["jsonl.gz"], 10u);
  ASSERT_EQ(read.size(), 41u);
  // Every article as generated, whatever its format.
  for (uint64_t i = 0; i < 41; ++i) {
    GeneratedArticle a;
    g->Generate(i, &a);
    ASSERT_TRUE(read.count(a.id)) << a.id;
    const ArticleText& r = read[a.id];
    EXPECT_EQ(r.body, a.body) << a.id;
    EXPECT_EQ(r.title, a.title) << a.id;
    EXPECT_EQ(r.date, a.date) << a.id;
    EXPECT_EQ(r.source, a.source) << a.id;
    EXPECT_EQ(r.url, a.url) << a.id;
  }
  Evaluation eval;
  KG_ASSERT_OK(eval.AddGold(options.gold_dir));
  EXPECT_EQ(eval.gold_articles(), 41u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_TRUE(std::filesystem::exists(dir.Sub("gold/part-0000" + std::to_string(i) + ".jsonl")));
  }
}

TEST(CorpusWriter, UnwritableOutputsNameThePath) {
  kg::testing::TempDir dir;
  std::ofstream(dir.Sub("plain-file")) << "x";
  CorpusWriterOptions options;
  options.out = dir.Sub("plain-file/corpus.jsonl");
  auto w = CorpusWriter::Open(options);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find(options.out), std::string::npos) << w.status().ToString();

  options.out = dir.Sub("plain-file/shards");
  options.files = 3;
  w = CorpusWriter::Open(options);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("plain-file"), std::string::npos) << w.status().ToString();

  // The gold must not overwrite the articles.
  options.out = dir.Sub("same");
  options.gold_dir = dir.Sub("same");
  w = CorpusWriter::Open(options);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("overwrite"), std::string::npos) << w.status().ToString();
}

}  // namespace
}  // namespace kg::cli
