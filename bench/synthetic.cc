#include "bench/synthetic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

namespace kg::bench {

namespace {

// Relative frequencies of the relations of schemas/ontology.json; a relation
// not listed (a user's extension) gets kDefaultWeight.
constexpr double kDefaultWeight = 3;
constexpr std::array<std::pair<std::string_view, double>, 21> kRelationWeights = {{
    {"develops", 14},      {"uses", 12},
    {"competes_with", 10}, {"partners_with", 9},
    {"supplies", 8},       {"restricts", 7},
    {"invests_in", 6},     {"releases", 6},
    {"based_in", 5},       {"affiliated_with", 5},
    {"leads_in", 4},       {"manufactures", 4},
    {"sanctions", 4},      {"outperforms", 3},
    {"accuses", 3},        {"funds", 3},
    {"acquires", 2},       {"imposes_tariffs_on", 2},
    {"bans", 2},           {"owns", 2},
    {"comparable_to", 2},
}};

// Relative frequencies of the entity types.
constexpr std::array<std::pair<std::string_view, double>, 9> kTypeWeights = {{
    {"company", 35},
    {"organization", 14},
    {"person", 14},
    {"technology", 11},
    {"product", 10},
    {"government_body", 6},
    {"policy", 5},
    {"country", 4},
    {"bloc", 1},
}};

template <size_t N>
double WeightOf(const std::array<std::pair<std::string_view, double>, N>& table,
                std::string_view name) {
  for (const auto& [n, w] : table) {
    if (n == name) return w;
  }
  return kDefaultWeight;
}

// Entity names are built from two-letter consonant-vowel syllables. The rank
// maps one-to-one to a syllable string of at least three syllables (its
// "core"), so cores never repeat; a core splits back into syllables in one
// way only, and the type words added around it ("Group", "Ministry of") are
// not syllable strings, so two ranks never get the same (normalized) name.
constexpr std::string_view kConsonants = "bdfghjklmnprstvz";  // 16
constexpr std::string_view kVowels = "aeiou";                 // 5
constexpr uint64_t kSyllables = 80;

std::vector<std::string> CoreSyllables(uint32_t rank) {
  uint64_t n = uint64_t{rank} + kSyllables * kSyllables;  // >= 3 digits in base 80
  std::vector<std::string> out;
  while (n > 0) {
    const uint64_t d = n % kSyllables;
    n /= kSyllables;
    out.push_back({kConsonants[d / kVowels.size()], kVowels[d % kVowels.size()]});
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Join(const std::vector<std::string>& parts, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i)
    out += parts[i];
  return out;
}

struct TypeWords {
  std::string_view type;
  std::vector<std::string_view> before;  // "Ministry of " + core
  std::vector<std::string_view> after;   // core + " Group"
};

const std::vector<TypeWords>& AllTypeWords() {
  static const std::vector<TypeWords> words = {
      {"company",
       {},
       {"Technologies", "Group", "Semiconductor", "Systems", "Holdings", "Motors", "Labs",
        "Electronics", "Networks", "Robotics"}},
      {"organization", {}, {"Institute", "University", "Capital", "Research", "Foundation"}},
      {"government_body",
       {"Ministry of Commerce of", "Ministry of Industry of", "Parliament of", "Department of"},
       {}},
      {"technology",
       {},
       {"chips", "lithography", "batteries", "networks", "memory", "sensors", "quantum computing"}},
      {"policy", {}, {"Act", "Initiative", "Export Rules", "Entity List", "Chips Program"}},
      {"bloc", {}, {"Union", "Alliance", "Pact", "Forum"}},
  };
  return words;
}

const TypeWords* FindTypeWords(std::string_view type) {
  for (const auto& w : AllTypeWords()) {
    if (w.type == type) return &w;
  }
  return nullptr;
}

constexpr std::array<std::string_view, 8> kSources = {
    "Reuters",         "Bloomberg", "Nikkei Asia",    "Financial Times", "South China Morning Post",
    "The Information", "Caixin",    "Tech Wire Daily"};

constexpr std::array<std::string_view, 16> kFillers = {
    ", according to people familiar with the matter",
    " amid rising tensions over advanced chips",
    ", the company said in a statement on Tuesday",
    " as the race for artificial intelligence heats up",
    ", analysts at several brokerages said",
    " after months of negotiations",
    ", a move that rattled investors in Asia",
    " despite tighter export controls",
    ", filings showed",
    " in a bid to secure its supply chain",
    ", officials told reporters",
    " ahead of the annual technology summit",
    ", two sources said",
    " while regulators in Brussels looked on",
    ", the report added",
    " for the second time this year",
};

constexpr std::array<std::string_view, 10> kItems = {
    "AI chips",       "EUV lithography machines",   "HBM memory",   "5G base stations",
    "rare earths",    "lithium batteries",          "solar panels", "GPUs",
    "cloud services", "autonomous driving software"};

constexpr std::array<std::string_view, 10> kPlaces = {
    "Shenzhen", "Taiwan",    "Brussels",  "Washington", "Tokyo",
    "Seoul",    "Bangalore", "Amsterdam", "Singapore",  "Munich"};

constexpr std::array<std::string_view, 5> kQualifierKeys = {"amount", "item", "place", "share",
                                                            "time"};

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

PackedDate Pack(int year, int month, int day) {
  return static_cast<PackedDate>(year * 10000 + month * 100 + day);
}

std::string RelationPhrase(const std::string& relation) {
  std::string out = relation;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

}  // namespace

uint64_t Mix64(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

Rng::Rng(uint64_t seed) : bits_(seed) {}

uint64_t Rng::Next() {
  return bits_.Next();
}

uint64_t Rng::Uniform(uint64_t n) {
  // Lemire's multiply-shift; the bias (< n / 2^64) does not matter here.
  return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
}

int64_t Rng::UniformInt(int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(Uniform(static_cast<uint64_t>(hi - lo) + 1));
}

double Rng::UniformDouble() {
  return static_cast<double>(Next() >> 11) * 0x1.0p-53;
}

SyntheticGenerator::SyntheticGenerator(const SyntheticConfig& config, const Ontology& ontology)
    : config_(config), rng_(config.seed) {
  if (config_.num_entities < 2) config_.num_entities = 2;
  if (config_.max_facts_per_article < config_.min_facts_per_article) {
    config_.max_facts_per_article = config_.min_facts_per_article;
  }
  if (config_.last_year < config_.first_year) config_.last_year = config_.first_year;

  entity_cdf_.resize(config_.num_entities);
  double sum = 0;
  for (uint32_t k = 0; k < config_.num_entities; ++k) {
    sum += 1.0 / std::pow(static_cast<double>(k) + 1.0, config_.entity_zipf_s);
    entity_cdf_[k] = sum;
  }
  for (double& c : entity_cdf_)
    c /= sum;
  entity_cdf_.back() = 1.0;

  auto build = [](std::vector<Weighted>* out, auto names, auto weight_of) {
    double total = 0;
    for (const auto& n : names) {
      total += weight_of(n);
      out->push_back({n, total});
    }
    for (auto& w : *out)
      w.cumulative /= total;
    if (!out->empty()) out->back().cumulative = 1.0;
  };
  std::vector<std::string> relation_names, type_names;
  for (const auto& r : ontology.relations())
    relation_names.push_back(r.name);
  for (const auto& t : ontology.entity_types())
    type_names.push_back(t.name);
  build(&relations_, relation_names,
        [](const std::string& n) { return WeightOf(kRelationWeights, n); });
  build(&types_, type_names, [](const std::string& n) { return WeightOf(kTypeWeights, n); });
}

uint32_t SyntheticGenerator::DrawEntityRank(Rng& rng) const {
  const double u = rng.UniformDouble();
  const auto it = std::upper_bound(entity_cdf_.begin(), entity_cdf_.end(), u);
  const auto rank = static_cast<uint32_t>(it - entity_cdf_.begin());
  return std::min(rank, config_.num_entities - 1);
}

EntityRef SyntheticGenerator::EntityAt(uint32_t rank) const {
  // Every attribute is a function of (seed, rank) alone.
  const uint64_t h = Mix64(config_.seed * 0x9e3779b97f4a7c15ULL + rank + 1);
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;
  EntityRef ref;
  for (const auto& t : types_) {
    ref.type = t.name;
    if (u < t.cumulative) break;
  }
  const std::vector<std::string> syllables = CoreSyllables(rank);
  const std::string core = Capitalized(Join(syllables, 0, syllables.size()));
  const uint64_t pick = h >> 8;
  if (ref.type == "person") {
    ref.name = Capitalized(Join(syllables, 0, 2)) + " " +
               Capitalized(Join(syllables, 2, syllables.size()));
  } else if (ref.type == "product") {
    ref.name = core + "-" + std::to_string(1 + pick % 9);
  } else if (const TypeWords* words = FindTypeWords(ref.type)) {
    if (!words->before.empty()) {
      ref.name = std::string(words->before[pick % words->before.size()]) + " " + core;
    } else if (!words->after.empty()) {
      ref.name = core + " " + std::string(words->after[pick % words->after.size()]);
    }
    const double a = static_cast<double>((h >> 3) & 0xffff) / 65536.0;
    if (a < config_.alias_fraction) ref.aliases.push_back(core);
  } else {
    ref.name = core;  // country, or a type this generator has no words for
  }
  return ref;
}

PackedDate SyntheticGenerator::DrawArticleDate() {
  const int year = static_cast<int>(rng_.UniformInt(config_.first_year, config_.last_year));
  const int month = static_cast<int>(rng_.UniformInt(1, 12));
  const int day = static_cast<int>(rng_.UniformInt(1, DaysInMonth(year, month)));
  return Pack(year, month, day);
}

std::string SyntheticGenerator::MakeSentence(const Fact& f) {
  std::string s = f.subject.name;
  switch (f.evidence.modality) {
    case Modality::kAsserted:
      s += " ";
      break;
    case Modality::kHedged:
      s += rng_.Bernoulli(0.5) ? " reportedly " : " allegedly ";
      break;
    case Modality::kNegated:
      s += " denied reports that it ";
      break;
  }
  s += RelationPhrase(f.relation);
  s += " ";
  s += f.object.name;
  const double scale = 0.7 + 0.6 * rng_.UniformDouble();
  const auto target = static_cast<size_t>(scale * config_.sentence_chars);
  while (s.size() + 1 < target) {
    // A clause that does not overshoot the target by much; a few tries.
    std::string_view filler;
    for (int tries = 0; tries < 4 && filler.empty(); ++tries) {
      const std::string_view f = kFillers[rng_.Uniform(kFillers.size())];
      if (s.size() + f.size() + 1 <= target + 10 && s.find(f) == std::string::npos) filler = f;
    }
    if (filler.empty()) break;
    s += filler;
  }
  s += ".";
  return s;
}

Fact SyntheticGenerator::MakeFact(uint32_t subject_rank, uint32_t object_rank,
                                  PackedDate article_date) {
  Fact f;
  f.subject = EntityAt(subject_rank);
  f.object = EntityAt(object_rank);
  const double u = rng_.UniformDouble();
  for (const auto& r : relations_) {
    f.relation = r.name;
    if (u < r.cumulative) break;
  }

  Evidence& e = f.evidence;
  const double m = rng_.UniformDouble();
  if (m < config_.negated_fraction) {
    e.modality = Modality::kNegated;
    e.confidence = 0.6 + 0.35 * rng_.UniformDouble();
  } else if (m < config_.negated_fraction + config_.hedged_fraction) {
    e.modality = Modality::kHedged;
    e.confidence = 0.4 + 0.4 * rng_.UniformDouble();
  } else {
    e.modality = Modality::kAsserted;
    e.confidence = 0.7 + 0.3 * rng_.UniformDouble();
  }
  e.confidence = std::round(e.confidence * 100) / 100;

  if (rng_.Bernoulli(config_.fact_date_fraction)) {
    // A date of its own, no later than the article's: a year or a month.
    const int article_year = static_cast<int>(article_date / 10000);
    const int year = static_cast<int>(
        rng_.UniformInt(std::max(config_.first_year, article_year - 2), article_year));
    const int month = rng_.Bernoulli(0.5) ? static_cast<int>(rng_.UniformInt(1, 12)) : 0;
    e.date = Pack(year, year == article_year ? 0 : month, 0);
  }

  if (rng_.Bernoulli(config_.qualifier_fraction)) {
    const size_t n = rng_.Bernoulli(0.3) ? 2 : 1;
    std::array<size_t, kQualifierKeys.size()> keys = {0, 1, 2, 3, 4};
    for (size_t i = 0; i < n; ++i) {
      std::swap(keys[i], keys[i + rng_.Uniform(keys.size() - i)]);
    }
    std::sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(n));
    char buf[64];
    for (size_t i = 0; i < n; ++i) {
      const std::string_view key = kQualifierKeys[keys[i]];
      std::string value;
      if (key == "amount") {
        std::snprintf(buf, sizeof buf, "$%d.%d %s", static_cast<int>(rng_.UniformInt(1, 99)),
                      static_cast<int>(rng_.UniformInt(0, 9)),
                      rng_.Bernoulli(0.6) ? "billion" : "million");
        value = buf;
      } else if (key == "item") {
        value = kItems[rng_.Uniform(kItems.size())];
      } else if (key == "place") {
        value = kPlaces[rng_.Uniform(kPlaces.size())];
      } else if (key == "share") {
        value = std::to_string(rng_.UniformInt(1, 95)) + "%";
      } else {
        const int year = static_cast<int>(article_date / 10000);
        value = rng_.Bernoulli(0.5)
                    ? "Q" + std::to_string(rng_.UniformInt(1, 4)) + " " + std::to_string(year)
                    : std::to_string(year);
      }
      e.qualifiers.emplace_back(std::string(key), std::move(value));
    }
  }

  e.sentence = MakeSentence(f);
  sentence_ += 1 + static_cast<int64_t>(rng_.Uniform(3));  // other sentences in between
  offset_ += static_cast<int64_t>(rng_.UniformInt(0, 2)) * config_.sentence_chars;
  e.sentence_index = sentence_;
  e.span_begin = offset_;
  e.span_end = offset_ + static_cast<int64_t>(e.sentence.size());
  offset_ = e.span_end + 1;
  return f;
}

ArticleInput SyntheticGenerator::NextArticle() {
  ++articles_;
  ArticleInput a;
  ArticleMeta& m = a.meta;
  m.id = config_.id_prefix + std::to_string(config_.seed) + "-" + std::to_string(articles_);
  m.date = DrawArticleDate();
  const std::string_view source = kSources[rng_.Uniform(kSources.size())];
  m.source = std::string(source);
  std::string slug;
  for (char c : source) {
    if (c == ' ') {
      slug += '-';
    } else {
      slug += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  m.url = "https://news.example.com/" + slug + "/" + FormatDate(m.date) + "/" + m.id;

  const uint32_t lead = DrawEntityRank(rng_);
  const auto n = static_cast<uint32_t>(
      rng_.UniformInt(config_.min_facts_per_article, config_.max_facts_per_article));
  offset_ = static_cast<int64_t>(rng_.UniformInt(60, 200));  // the headline and byline
  sentence_ = 0;
  a.facts.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t s = rng_.Bernoulli(config_.lead_entity_fraction) ? lead : DrawEntityRank(rng_);
    uint32_t o = DrawEntityRank(rng_);
    for (int tries = 0; o == s && tries < 4; ++tries)
      o = DrawEntityRank(rng_);
    if (o == s) o = (s + 1) % config_.num_entities;
    a.facts.push_back(MakeFact(s, o, m.date));
  }
  facts_ += n;

  const EntityRef& lead_ref = a.facts.empty() ? EntityAt(lead) : a.facts.front().subject;
  m.title = lead_ref.name + " and the race for " +
            std::string(kItems[rng_.Uniform(kItems.size())]) + ": what " + std::to_string(n) +
            " developments mean";
  return a;
}

std::vector<ArticleInput> SyntheticGenerator::NextArticlesWithFacts(uint64_t facts) {
  std::vector<ArticleInput> out;
  uint64_t have = 0;
  while (have < facts) {
    ArticleInput a = NextArticle();
    if (have + a.facts.size() > facts) {
      facts_ -= a.facts.size() - (facts - have);
      a.facts.resize(facts - have);
    }
    have += a.facts.size();
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<std::vector<ArticleInput>> GenerateBatches(SyntheticGenerator& gen,
                                                       uint64_t total_facts,
                                                       size_t articles_per_batch) {
  if (articles_per_batch == 0) articles_per_batch = 1;
  std::vector<ArticleInput> all = gen.NextArticlesWithFacts(total_facts);
  std::vector<std::vector<ArticleInput>> batches;
  batches.reserve((all.size() + articles_per_batch - 1) / articles_per_batch);
  for (size_t i = 0; i < all.size(); i += articles_per_batch) {
    const size_t end = std::min(all.size(), i + articles_per_batch);
    batches.emplace_back(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(i)),
                         std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(end)));
  }
  return batches;
}

}  // namespace kg::bench
