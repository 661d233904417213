#include "tools/corpus_generator.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "graph/ontology.h"
#include "ingest/gazetteer.h"
#include "ingest/lexicon.h"
#include "util/json.h"
#include "util/xoshiro.h"

namespace kg::cli {

namespace {

// ---------------------------------------------------------------------------
// Random numbers. std::mt19937 is portable but the std:: distributions are
// not (each library maps bits to values its own way), so everything below
// draws integers from xoshiro256** and maps them to a range by a 128-bit
// multiply (Lemire's method, without the rejection step), which is the same on
// every machine. The bias is below 2^-40 for the ranges used here.

class Rng {
 public:
  explicit Rng(uint64_t seed) : bits_(seed) {}
  uint64_t Next() { return bits_.Next(); }
  // Uniform in [0, n); 0 when n is 0.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Percent(unsigned p) { return Below(100) < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }
  template <typename V>
  const typename V::value_type& Pick(const V& items) {
    return items[Below(items.size())];
  }

 private:
  Xoshiro256 bits_;
};

// ---------------------------------------------------------------------------
// Vocabulary.

enum Kind : uint8_t {
  kCountry,
  kBloc,
  kGov,
  kCompany,
  kOrg,
  kPerson,
  kTech,
  kProduct,
  kPolicy,
  kKinds
};
constexpr const char* kKindNames[kKinds] = {
    "country", "bloc",       "government_body", "company", "organization",
    "person",  "technology", "product",         "policy",
};

// Subsets of a kind that some templates ask for (technology:goods...).
enum Sub : uint8_t { kAll, kGoods, kList, kProgram, kTariff, kControl, kLaw, kNew, kSubs };
constexpr const char* kSubNames[kSubs] = {"",       "goods",   "list", "program",
                                          "tariff", "control", "law",  "new"};

// The side an entity takes in the rivalry, from the gazetteer's bloc of its
// country; kAnySide selects every entity in a pool lookup.
enum Side : uint8_t { kNeutral, kUs, kCn, kAnySide, kSides };

struct Form {
  std::string text;
  bool the = false;  // takes "the" in running text
};

struct Entity {
  std::string name;  // canonical
  Kind kind = kCompany;
  bool the = false;
  std::vector<Form> aliases;          // forms fit for prose
  std::vector<std::string> demonyms;  // countries: adjectives ("Chinese")
  std::vector<std::string> cities;    // countries: places for "X-based", plants
  int32_t country = -1;               // entity index; a country is its own
  Side side = kNeutral;
  int32_t owner = -1;        // products
  int32_t affiliation = -1;  // people
  std::string role;          // people
  bool title_alone = false;  // the role names its body: "Commerce Secretary X"
  uint32_t subs = 1;         // bit per Sub; kAll always
  // Invented companies.
  bool invented = false;
  std::string short_name;   // "Kaloria"
  std::string formal_name;  // "Kaloria Semiconductor Co."
  int32_t city = -1;        // index into its country's cities
};

// Entities of one selection, drawn Zipf-like by their rank in it: the k-th
// member has weight about 1/k, as names in news are.
struct Pool {
  std::vector<uint32_t> members;
  std::vector<uint64_t> cumulative;
  void Add(uint32_t e) {
    const uint64_t weight = 1000000 / (members.size() + 1) + 1;
    members.push_back(e);
    cumulative.push_back((cumulative.empty() ? 0 : cumulative.back()) + weight);
  }
  bool empty() const { return members.empty(); }
  uint32_t Pick(Rng& rng) const {
    const uint64_t r = rng.Below(cumulative.back());
    const size_t i = std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin();
    return members[i];
  }
};

struct VerbForms {
  std::string base, s3, past, pp, ing;
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}
bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}
bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}
// Letters, digits, dots and hyphens with no lower-case letter: US, U.S., PRC.
bool IsAcronym(std::string_view s) {
  bool upper = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c == ' ') return false;
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  return upper;
}

VerbForms Inflect(std::string_view lemma) {
  // Irregular verbs the templates use; nullptr: the regular -ing form.
  static const struct {
    const char *base, *past, *pp, *ing;
  } kIrregular[] = {
      {"buy", "bought", "bought", nullptr},
      {"sell", "sold", "sold", nullptr},
      {"make", "made", "made", nullptr},
      {"take", "took", "taken", nullptr},
      {"lead", "led", "led", nullptr},
      {"hold", "held", "held", nullptr},
      {"begin", "began", "begun", "beginning"},
      {"beat", "beat", "beaten", nullptr},
      {"overtake", "overtook", "overtaken", nullptr},
      {"keep", "kept", "kept", nullptr},
      {"go", "went", "gone", nullptr},
      {"hit", "hit", "hit", "hitting"},
      {"freeze", "froze", "frozen", nullptr},
      {"build", "built", "built", nullptr},
      {"run", "ran", "run", "running"},
      {"vie", "vied", "vied", "vying"},
      {"win", "won", "won", "winning"},
      {"seek", "sought", "sought", nullptr},
  };
  static const char* const kDoubling[] = {"ban",  "bar",     "ship",   "slap", "plan",
                                          "stop", "control", "commit", "drop"};
  VerbForms f;
  f.base = std::string(lemma);
  const std::string& b = f.base;
  const size_t n = b.size();
  // Third person singular.
  if (EndsWith(b, "s") || EndsWith(b, "sh") || EndsWith(b, "ch") || EndsWith(b, "x") ||
      EndsWith(b, "z") || EndsWith(b, "o")) {
    f.s3 = b + "es";
  } else if (n >= 2 && b[n - 1] == 'y' && !IsVowel(b[n - 2])) {
    f.s3 = b.substr(0, n - 1) + "ies";
  } else {
    f.s3 = b + "s";
  }
  bool doubles = false;
  for (const char* d : kDoubling)
    doubles = doubles || b == d;
  const std::string stem = doubles ? b + b.back() : b;
  if (n >= 2 && b[n - 1] == 'y' && !IsVowel(b[n - 2])) {
    f.past = b.substr(0, n - 1) + "ied";
  } else if (EndsWith(b, "e")) {
    f.past = b + "d";
  } else {
    f.past = stem + "ed";
  }
  f.pp = f.past;
  if (EndsWith(b, "ie")) {
    f.ing = b.substr(0, n - 2) + "ying";
  } else if (EndsWith(b, "e") && !EndsWith(b, "ee")) {
    f.ing = b.substr(0, n - 1) + "ing";
  } else {
    f.ing = stem + "ing";
  }
  for (const auto& irr : kIrregular) {
    if (b != irr.base) continue;
    f.past = irr.past;
    f.pp = irr.pp;
    if (irr.ing) f.ing = irr.ing;
  }
  return f;
}

// ---------------------------------------------------------------------------
// Templates. Written for this generator, in the register of wire copy. The
// placeholders:
//   {S} {O}      subject and object mentions; {S'} {O'} their possessives
//   {v:LEMMA}    the verb, with the auxiliary of the sentence's modality
//   {be} {bep}   the passive auxiliary, singular or plural
//   {I} {Ip}     an item (qualifier item): a good; or a good or a product
//   {A} {P}      an amount and a share (qualifiers amount, share)
//   {T}          an optional time (qualifier time), with its leading space
//   {L} {Lo}     a city of the subject's or the object's country (place)
//   {Od}         the object country's demonym
//   {C}          a charge ("stealing trade secrets")
//   {R} {Rn}     the subject person's role, and the role without "former"
//   {Y}          a year (qualifier time)
// Slots list the kinds they accept ("company|country"); a kind repeated
// weighs more; "technology:goods" and the like are subsets.

enum Flag : uint32_t {
  kStative = 1 << 0,       // a state: present tense, no time
  kPlural = 1 << 1,        // the grammatical subject is "{S} and {O}"
  kOpposed = 1 << 2,       // subject and object on opposite sides
  kAllied = 1 << 3,        // on the same side
  kSameCountry = 1 << 4,   // the object is based where the subject is
  kSameKind = 1 << 5,      // products compare with products
  kOwner = 1 << 6,         // a product object belongs to the subject
  kHome = 1 << 7,          // the object is the subject's country
  kAffil = 1 << 8,         // the object is the subject person's affiliation
  kCoord = 1 << 9,         // the object may be "A and B"
  kHedgedOnly = 1 << 10,   // the wording itself hedges
  kNegatedOnly = 1 << 11,  // the wording itself negates
};

struct TemplateSpec {
  const char* relation;
  const char* subject;
  const char* object;
  uint32_t flags;
  const char* text;
};

constexpr const char* kStateActors = "country|country|government_body";

const TemplateSpec kTemplates[] = {
    // restricts: limits a party's access to something (the item).
    {"restricts", "country|country|government_body|person",
     "country|company|company|government_body", kOpposed | kCoord,
     "{S} {v:restrict} exports of {Ip} to {O}{T}."},
    {"restricts", kStateActors, "country|company|company|organization", kOpposed | kCoord,
     "{S} {v:tighten} controls on sales of {Ip} to {O}{T}."},
    {"restricts", "country|government_body|person", "country|company", kOpposed,
     "{S} {v:curb} {O'} access to {I}{T}."},
    {"restricts", kStateActors, "company|country", kOpposed,
     "{S} {v:move} to cut {O} off from supplies of {I}{T}."},
    {"restricts", kStateActors, "company|company|country", kOpposed | kCoord,
     "{S} {v:require} a license for every shipment of {Ip} to {O}{T}."},
    {"restricts", kStateActors, "company|country", kOpposed,
     "{S} {v:block} {O} from obtaining {I}{T}."},
    {"restricts", kStateActors, "company|country", kOpposed,
     "{O} {be} cut off from {I} by {S}{T}."},
    {"restricts", kStateActors, "company|company|country", kOpposed | kCoord,
     "Shipments of {Ip} to {O} {bep} restricted by {S}{T}."},
    {"restricts", "policy:control", "country|company", kStative,
     "{S} {v:limit} {O'} ability to import {I}."},
    {"restricts", kStateActors, "country|company", kOpposed,
     "The curbs that {S} placed on {O} cover {I} as well as the software used to design them."},

    // sanctions: blacklists, freezes, moves to hobble.
    {"sanctions", "country|country|government_body|bloc",
     "company|company|organization|person|government_body|country", kOpposed | kCoord,
     "{S} {v:impose} sanctions on {O}{T}."},
    {"sanctions", kStateActors, "company|company|organization|government_body", kOpposed | kCoord,
     "{S} {v:add} {O} to a trade blacklist{T}."},
    {"sanctions", kStateActors, "company|organization|person", kOpposed,
     "{S} {v:blacklist} {O}{T}, citing risks to national security."},
    {"sanctions", "country|government_body", "company|organization|person", kOpposed,
     "{S} {v:freeze} the assets of {O}{T}."},
    {"sanctions", kStateActors, "company|company|organization", kOpposed | kCoord,
     "{S} {v:target} {O} with a fresh round of sanctions{T}."},
    {"sanctions", "person", "company|organization|person", kOpposed,
     "{S} {v:announce} sanctions against {O}{T}."},
    {"sanctions", kStateActors, "company|organization|person", kOpposed,
     "{O} {be} blacklisted by {S}{T}."},
    {"sanctions", kStateActors, "company|organization|government_body", kOpposed,
     "{O} {be} hit with sanctions by {S}{T}."},
    {"sanctions", "policy:list", "company|organization", 0, "{O} {be} placed on {S}{T}."},

    // bans: prohibits a company, product or technology.
    {"bans", "country|government_body", "company|product", kOpposed,
     "{S} {v:ban} {O} from its telecommunications networks{T}."},
    {"bans", "country|government_body", "product|company", kOpposed,
     "{S} {v:prohibit} the use of {O} on government devices{T}."},
    {"bans", "country|government_body|bloc", "technology:goods|product", 0,
     "{S} {v:ban} the sale of {O} within its borders{T}."},
    {"bans", "country|government_body", "company", kOpposed,
     "{S} {v:bar} state agencies from buying from {O}{T}."},
    {"bans", "company", "product|company", 0,
     "{S} {v:ban} its employees from using {O} at work{T}."},
    {"bans", "country|government_body", "company|product", kOpposed, "{O} {be} banned by {S}{T}."},
    {"bans", "country|government_body", "company|product", kOpposed,
     "{O} {be} barred from state networks by {S}{T}."},
    {"bans", "policy:law", "company|product", kStative,
     "{S} {v:outlaw} {O} in the country's critical infrastructure."},

    // imposes_tariffs_on: tariffs or duties on another party's goods.
    {"imposes_tariffs_on", "country|country|government_body|person", "country", kOpposed,
     "{S} {v:impose} a {P} tariff on imports from {O}{T}."},
    {"imposes_tariffs_on", "country|government_body|bloc", "technology:goods", 0,
     "{S} {v:levy} duties of {P} on imported {O}{T}."},
    {"imposes_tariffs_on", "country|person", "country|bloc", kOpposed,
     "{S} {v:raise} tariffs on goods from {O} to {P}{T}."},
    {"imposes_tariffs_on", "country|government_body", "country|company", kOpposed,
     "{S} {v:hit} {O} with tariffs of up to {P}{T}."},
    {"imposes_tariffs_on", "bloc|country", "product|technology:goods", 0,
     "{S} {v:slap} extra duties on {O}{T}."},
    {"imposes_tariffs_on", "country|government_body", "country", kOpposed,
     "Goods from {O} {bep} subject to a {P} levy imposed by {S}{T}."},
    {"imposes_tariffs_on", "country|government_body|bloc", "technology:goods", 0,
     "Imports of {O} {bep} hit with a {P} duty by {S}{T}."},
    {"imposes_tariffs_on", "country", "country", kOpposed, "{S'} tariffs on {O} now stand at {P}."},

    // invests_in: puts money into a company, sector or project.
    {"invests_in", "company|company|organization|government_body|person", "company|technology",
     kAllied, "{S} {v:invest} {A} in {O}{T}."},
    {"invests_in", "company|organization", "company|technology", kAllied,
     "{S} {v:pour} {A} into {O}{T}."},
    {"invests_in", "company|organization", "company", kAllied, "{S} {v:take} a stake in {O}{T}."},
    {"invests_in", "company|organization", "company:new", kAllied,
     "{S} {v:lead} a {A} funding round for {O}{T}."},
    {"invests_in", "company", "country", 0,
     "{S} {v:commit} {A} to building a new plant in {O}{T}."},
    {"invests_in", "company|organization", "company:new|company", kAllied,
     "{O} {be} backed with {A} from {S}{T}."},
    {"invests_in", "company|organization", "company", kAllied,
     "{S'} {A} investment in {O} is one of the largest it has made."},
    {"invests_in", "company", "company", kAllied | kHedgedOnly,
     "A planned {A} investment by {S} in {O} still awaits approval from regulators."},

    // funds: a government or programme pays for something.
    {"funds", "government_body|country", "company", kSameCountry,
     "{S} {v:award} {A} in grants to {O}{T}."},
    {"funds", "government_body|country", "company", kSameCountry,
     "{S} {v:provide} {A} in subsidies to {O}{T}."},
    {"funds", "government_body|country|bloc", "technology", 0,
     "{S} {v:fund} research into {O}{T}."},
    {"funds", "policy:program", "company", 0, "{S} {v:help} pay for {O'} new factory{T}."},
    {"funds", "government_body", "company", kSameCountry,
     "{S} {v:bankroll} {O'} expansion into {I}{T}."},
    {"funds", "government_body|country", "company", kSameCountry,
     "{O} {be} awarded {A} by {S}{T}."},
    {"funds", "policy:program", "company|technology", 0, "{O} {be} funded under {S}{T}."},
    {"funds", "government_body|country", "company", kSameCountry,
     "The grant from {S} to {O} totals {A}."},

    // acquires: buys or takes over.
    {"acquires", "company", "company", kAllied, "{S} {v:acquire} {O} for {A}{T}."},
    {"acquires", "company", "company", kAllied, "{S} {v:buy} {O}{T} in a deal valued at {A}."},
    {"acquires", "company|organization", "company:new", kAllied, "{S} {v:take} over {O}{T}."},
    {"acquires", "company", "company", kAllied, "{S} {v:complete} its takeover of {O}{T}."},
    {"acquires", "company", "company", kAllied, "{S} {v:agree} to buy {O} for {A}{T}."},
    {"acquires", "company", "company", kAllied, "{O} {be} acquired by {S}{T}."},
    {"acquires", "government_body|country", "company", kSameCountry,
     "{S} {v:seize} control of {O}{T}."},
    {"acquires", "company", "company:new|company", kAllied, "{O} {be} bought by {S} for {A}{T}."},
    {"acquires", "company", "company:new|company", kAllied | kHedgedOnly,
     "The proposed purchase of {O} by {S} still needs the approval of regulators."},

    // partners_with: cooperates, allies, signs a deal (symmetric).
    {"partners_with", "company|company|organization|country|government_body",
     "company|company|organization|country|government_body", kAllied | kSameKind,
     "{S} {v:sign} a partnership agreement with {O}{T}."},
    {"partners_with", "company|organization", "company|organization", kAllied,
     "{S} {v:team} up with {O} on {I}{T}."},
    {"partners_with", "country|bloc|company", "country|bloc|company", kAllied | kSameKind | kPlural,
     "{S} and {O} {v:agree} to cooperate on {I}{T}."},
    {"partners_with", "company|country", "company|country", kAllied | kSameKind,
     "{S} {v:join} forces with {O}{T}."},
    {"partners_with", "country|bloc", "country|bloc", kAllied,
     "{S} {v:form} an alliance with {O} to secure supplies of {I}{T}."},
    {"partners_with", "person", "person", kAllied,
     "{S} {v:agree} with {O} to work together on {I}{T}."},
    {"partners_with", "company|organization", "company|organization", kAllied,
     "The agreement between {S} and {O} covers {I}."},

    // supplies: sells or ships a good to a party.
    {"supplies", "company|company|country", "company|company|country|government_body", 0,
     "{S} {v:supply} {Ip} to {O}{T}."},
    {"supplies", "company", "company", 0, "{S} {v:ship} {Ip} to {O}{T}."},
    {"supplies", "company|country", "company|country", 0, "{S} {v:sell} {Ip} to {O}{T}."},
    {"supplies", "company", "company|government_body", 0, "{S} {v:provide} {O} with {I}{T}."},
    {"supplies", "company", "company", kStative, "{O} {v:buy} most of its {I} from {S}."},
    {"supplies", "company", "company", 0, "{O} {be} supplied with {I} by {S}{T}."},
    {"supplies", "company|country", "company|country", 0, "{S} is a major supplier of {I} to {O}."},

    // competes_with: rivals (symmetric).
    {"competes_with", "company|company|country|product", "company|country|product",
     kSameKind | kStative, "{S} {v:compete} with {O} in {I}."},
    {"competes_with", "company", "company", kSameKind | kStative,
     "{S} {v:rival} {O} in the market for {I}."},
    {"competes_with", "company|product", "company|product", kSameKind | kStative,
     "{S} {v:go} head to head with {O} in {I}."},
    {"competes_with", "company|country", "company|country", kSameKind | kStative | kPlural,
     "{S} and {O} {v:vie} for dominance in {I}."},
    {"competes_with", "company", "company", kSameKind,
     "{S} {v:challenge} {O} for customers in {I}{T}."},
    {"competes_with", "company|country", "company|country", kSameKind,
     "{S} is now a direct rival to {O} in {I}."},
    {"competes_with", "country|bloc", "country|bloc", kOpposed | kSameKind,
     "The rivalry between {S} and {O} over {I} has deepened."},

    // develops: creates, builds, trains, researches.
    {"develops", "company|company|organization|country", "technology|product", kOwner,
     "{S} {v:develop} {O}{T}."},
    {"develops", "company|country", "technology:goods", 0, "{S} {v:build} its own {O}{T}."},
    {"develops", "company|organization", "product", kOwner, "{S} {v:design} {O} in-house{T}."},
    {"develops", "company|organization|government_body", "technology", 0,
     "{S} {v:work} on a new generation of {O}{T}."},
    {"develops", "company|organization", "product", kOwner, "{O} {be} developed by {S}{T}."},
    {"develops", "company", "technology:goods", 0,
     "Several generations of {O} {bep} developed in-house by {S}{T}."},
    {"develops", "company|organization", "technology", 0,
     "Engineers at {S} spent three years developing {O}."},

    // releases: launches, unveils.
    {"releases", "company|organization", "product", kOwner, "{S} {v:launch} {O}{T}."},
    {"releases", "company", "product", kOwner, "{S} {v:unveil} {O} at an event in {L}{T}."},
    {"releases", "company|organization", "product", kOwner,
     "{S} {v:release} {O} to the public{T}."},
    {"releases", "company", "product", kOwner, "{S} {v:roll} out {O}{T}."},
    {"releases", "company:new", "technology:goods", 0, "{S} {v:introduce} its first {O}{T}."},
    {"releases", "company", "product", kOwner, "{O} {be} unveiled by {S}{T}."},
    {"releases", "company", "product", kOwner, "{O} {be} launched by {S}{T}."},
    {"releases", "company", "product", kOwner,
     "The launch of {O} by {S} drew wide attention across the industry."},

    // manufactures: makes or produces goods.
    {"manufactures", "company", "technology:goods|product", kOwner,
     "{S} {v:manufacture} {O} at its plant in {L}{T}."},
    {"manufactures", "company|country", "technology:goods", 0, "{S} {v:produce} {O}{T}."},
    {"manufactures", "company", "technology:goods", kStative,
     "{S} {v:make} {O} for customers around the world."},
    {"manufactures", "company", "technology:goods|product", kOwner,
     "{S} {v:begin} volume production of {O}{T}."},
    {"manufactures", "company", "technology:goods", 0,
     "Large volumes of {O} {bep} made by {S} in {L}{T}."},
    {"manufactures", "company", "product", kOwner, "{O} {be} manufactured by {S}{T}."},
    {"manufactures", "company", "technology:goods", 0, "{S} is one of the largest makers of {O}."},

    // uses: adopts, deploys, integrates, relies on.
    {"uses", "company|government_body|organization", "technology|product", 0,
     "{S} {v:use} {O} in its data centers{T}."},
    {"uses", "company|country", "technology|product", 0, "{S} {v:adopt} {O}{T}."},
    {"uses", "company", "company|product", kStative, "{S} {v:rely} on {O} for {I}."},
    {"uses", "company|government_body", "technology|product", 0,
     "{S} {v:deploy} {O} across its operations{T}."},
    {"uses", "company", "product|technology", 0, "{S} {v:switch} to {O}{T}."},
    {"uses", "company", "product", 0, "{S} {v:integrate} {O} into its own services{T}."},
    {"uses", "company|government_body", "product|technology", 0,
     "{O} {be} used by {S} to train its models{T}."},
    {"uses", "company", "product|technology", 0, "{S} is one of the heaviest users of {O}."},

    // outperforms: is claimed better than.
    {"outperforms", "product|product|company", "product|company", kSameKind | kStative,
     "{S} {v:outperform} {O} on several benchmarks."},
    {"outperforms", "product|company|country", "product|company|country", kSameKind,
     "{S} {v:beat} {O} on a range of industry tests{T}."},
    {"outperforms", "company|country", "company|country", kSameKind,
     "{S} {v:overtake} {O} in {I}{T}."},
    {"outperforms", "company|country|product", "company|country|product", kSameKind | kStative,
     "{S} {v:hold} a clear edge over {O} in {I}."},
    {"outperforms", "product", "product", kSameKind | kStative,
     "{S} {v:run} faster than {O} on most workloads."},
    {"outperforms", "product|company", "product|company", kSameKind,
     "{O} {be} outperformed by {S} on several tests{T}."},
    {"outperforms", "company|country", "company|country", kSameKind,
     "{O} {be} overtaken by {S} in {I}{T}."},
    {"outperforms", "product|technology", "product|technology", kSameKind,
     "Independent tests found {S} to be faster than {O}."},

    // comparable_to: is claimed on par with (symmetric).
    {"comparable_to", "product|product|company", "product|company", kSameKind | kStative,
     "{S} {v:match} {O} on most benchmarks."},
    {"comparable_to", "product", "product", kSameKind | kStative,
     "{S} {v:perform} on par with {O}."},
    {"comparable_to", "company|country", "company|country", kSameKind | kStative,
     "{S} {v:keep} pace with {O} in {I}."},
    {"comparable_to", "product", "product", kSameKind, "{S} is roughly as capable as {O}."},
    {"comparable_to", "product|company", "product|company", kSameKind,
     "{S} and {O} are now evenly matched in {I}."},
    {"comparable_to", "product", "product", kSameKind | kHedgedOnly,
     "Early users say {S} is about as good as {O}."},
    {"comparable_to", "product", "product", kSameKind | kNegatedOnly,
     "{S} is not yet on par with {O}."},

    // leads_in: leads or dominates a field.
    {"leads_in", "country|company", "technology", kStative, "{S} {v:lead} the world in {O}."},
    {"leads_in", "company|country", "technology:goods", kStative,
     "{S} {v:dominate} the global market for {O}."},
    {"leads_in", "company|country", "technology:goods", kStative,
     "{S} {v:control} about {P} of global output of {O}."},
    {"leads_in", "country|company|bloc", "technology", kStative, "{S} {v:remain} ahead in {O}."},
    {"leads_in", "company", "technology", kStative, "{S} {v:hold} the top spot in {O}."},
    {"leads_in", "company|country", "technology", 0, "{S} is the undisputed leader in {O}."},
    {"leads_in", "country|company", "technology", kHedgedOnly,
     "Analysts say {S} has pulled ahead in {O}."},

    // accuses: accuses, criticizes, warns against.
    {"accuses", "country|government_body|person", "country|company|government_body", kOpposed,
     "{S} {v:accuse} {O} of {C}{T}."},
    {"accuses", "country|government_body|person|company", "country|company", kOpposed,
     "{S} {v:criticize} {O} for {C}{T}."},
    {"accuses", "country|government_body|person", "policy", kOpposed,
     "{S} {v:condemn} {O} as economic bullying{T}."},
    {"accuses", "country|government_body|organization", "country|company|government_body", kOpposed,
     "{S} {v:warn} that {O} poses a threat to its security{T}."},
    {"accuses", "country|government_body", "country|company", kOpposed,
     "{S} {v:blame} {O} for {C}{T}."},
    {"accuses", "country|government_body|person", "company|country", kOpposed,
     "{O} {be} accused by {S} of {C}{T}."},
    {"accuses", "country|government_body|person", "company|country", kOpposed,
     "{O} {be} criticized by {S} for {C}{T}."},
    {"accuses", "country|government_body", "country|company", kOpposed,
     "In a statement, {S} said {O} was guilty of {C}."},

    // owns: owns a company, unit or product.
    {"owns", "company", "product", kOwner | kStative, "{S} {v:own} the rights to {O}."},
    {"owns", "company|government_body", "company:new", kStative | kSameCountry,
     "{S} {v:own} a controlling stake in {O}."},
    {"owns", "company", "product", kOwner | kStative, "{O} {be} owned by {S}."},
    {"owns", "company|government_body", "company:new", kStative | kSameCountry,
     "{O} {be} wholly owned by {S}."},
    {"owns", "company", "company:new", kSameCountry, "{O} is a subsidiary of {S}."},

    // based_in: a company or organization belongs to a country.
    {"based_in", "company|organization", "country", kHome,
     "{S} is headquartered in the city of {Lo} in {O}."},
    {"based_in", "company", "country", kHome, "{S} is a {Od} company."},
    {"based_in", "organization", "country", kHome, "{S} is registered in {O}."},
    {"based_in", "company", "country", kHome | kStative, "{S} {v:operate} mainly out of {O}."},
    {"based_in", "company", "country", 0, "{S} {v:move} its headquarters to {O}{T}."},
    {"based_in", "company:new", "country", kHome,
     "{S} was founded in {Y} in the city of {Lo} in {O}."},

    // affiliated_with: a person's role at an organization or body.
    {"affiliated_with", "person", "company|organization|government_body|country|bloc", kAffil,
     "{S} is the {R} of {O}."},
    {"affiliated_with", "person", "company|organization|government_body", kAffil,
     "{S} {v:join} {O} as {Rn}{T}."},
    {"affiliated_with", "person", "company|organization|government_body", kAffil,
     "{O} {v:appoint} {S} as its {Rn}{T}."},
    {"affiliated_with", "person", "company|organization|government_body", kAffil | kStative,
     "{S} {v:work} at {O}."},
};

// Sentences that state no relation: context, numbers, quotes. Placeholders:
// {K} a company, {C} a country, {G} a good, {A} an amount, {P} a small
// percentage (a move in prices or growth), {N}
// a count, {M} a month, {Y} a past year, {F} a future year, {D} a day of the
// month, {X} a city.
const char* const kNoise[] = {
    "Shares of {K} fell {P} in early trading.",
    "Shares of {K} rose {P} after the news, adding about {A} to its market value.",
    "{K} did not respond to a request for comment.",
    "A spokesperson for {K} declined to comment.",
    "The market for {G} is forecast to reach {A} by {F}, according to industry estimates.",
    "Officials have not said when the measures will take effect.",
    "The move is the latest in a series of steps that have rattled investors.",
    "Trade between the two sides topped {A} last year.",
    "\"We will continue to comply with all applicable laws,\" {K} said in a statement.",
    "\"This is not the end of the story,\" one industry executive said.",
    "{K} reported quarterly revenue of {A}, up {P} from a year earlier.",
    "The company employs about {N} people worldwide.",
    "The talks are expected to resume in {M}.",
    "Analysts warned that the dispute could drag on for months.",
    "The news was first reported by local media.",
    "Global spending on {G} rose {P} in {Y}.",
    "Industry groups said the costs would ultimately be passed on to consumers.",
    "The rules run to more than {N} pages.",
    "Neither side gave details of the discussions.",
    "Growth in {C} slowed to {P} in the third quarter.",
    "Markets in {X} were closed for a public holiday.",
    "It was not immediately clear how many firms would be affected.",
    "The figures could not be independently verified.",
    "{K} has about {N} employees and a market value of {A}.",
    "A vote on the measure is scheduled for {M} {D}.",
    "The hearing lasted more than three hours.",
    "Investors have been watching the sector closely since {Y}.",
    "An index of chip stocks ended the day {P} lower.",
    "Demand for {G} has surged over the past year.",
    "Prices for {G} have fallen by roughly {P} since {M}.",
    "\"The situation remains fluid,\" said a person briefed on the matter.",
    "Both governments have said they want to avoid a wider trade war.",
    "The decision follows months of lobbying by industry groups.",
    "{K} is scheduled to report earnings on {M} {D}.",
    "\"We did not see this coming,\" a senior executive said on the sidelines of a conference in "
    "{X}.",
    "The measure passed by a vote of 61 to 38.",
    "Customs data showed imports of {G} into {C} fell {P} in {M}.",
    "The company's stock has more than doubled since {Y}.",
    "Lawmakers are due to return from recess in {M}.",
    "It is the third such announcement this year.",
};

const char* const kCharges[] = {
    "stealing trade secrets",
    "dumping cheap goods on world markets",
    "unfair trade practices",
    "abusing national security claims",
    "forcing foreign firms to hand over technology",
    "spying on overseas users",
    "undermining global supply chains",
    "economic coercion",
    "evading export rules",
    "breaking international trade rules",
    "distorting the market with subsidies",
    "helping to modernize a foreign military",
};

const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};
const char* const kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

// Outlets for the article's source field: invented, and none of them in the
// gazetteer (checked at load), so that no source name is an entity.
const char* const kSources[] = {
    "Meridian Tech Review",   "The Fab Report",           "Silicon Strait Daily",
    "Eastline Business News", "The Supply Chain Monitor", "Policy Desk Weekly",
    "Harborview Markets",     "Circuit Dispatch",
};

// Outlets that sentences cite, when the gazetteer knows them.
const char* const kCitedOutlets[] = {"Reuters",
                                     "Bloomberg",
                                     "Financial Times",
                                     "Nikkei",
                                     "Caixin",
                                     "South China Morning Post",
                                     "Wall Street Journal",
                                     "Yonhap",
                                     "DigiTimes"};

// Cities per country, for "Hefei-based" and plant locations. A city that the
// gazetteer knows as a form (a capital standing for its country) is dropped
// at load.
const struct {
  const char* country;
  const char* cities;  // '|'-separated
} kCities[] = {
    {"United States", "Austin|Phoenix|San Jose|Boston|Santa Clara|Boise|Columbus"},
    {"China", "Shenzhen|Hangzhou|Shanghai|Hefei|Wuhan|Chengdu|Suzhou|Wuxi|Nanjing|Xi'an"},
    {"Taiwan", "Hsinchu|Taichung|Tainan|Kaohsiung"},
    {"Japan", "Osaka|Kumamoto|Yokohama|Kyoto|Hiroshima"},
    {"South Korea", "Pyeongtaek|Icheon|Suwon|Busan"},
    {"Netherlands", "Eindhoven|Veldhoven|Nijmegen|Delft"},
    {"Germany", "Dresden|Munich|Stuttgart|Magdeburg"},
    {"United Kingdom", "Cambridge|Bristol|Manchester|Edinburgh"},
    {"France", "Grenoble|Lyon|Toulouse"},
    {"India", "Bengaluru|Hyderabad|Chennai|Pune"},
    {"Israel", "Haifa|Tel Aviv"},
    {"Singapore", "Woodlands|Jurong"},
    {"Vietnam", "Bac Ninh|Ho Chi Minh City|Da Nang"},
    {"Malaysia", "Penang|Kulim|Johor Bahru"},
    {"Canada", "Toronto|Waterloo|Montreal"},
    {"Sweden", "Gothenburg|Lund"},
};

// Where invented companies are based, weighted by how often such startups
// make the news in this field.
const struct {
  const char* country;
  unsigned weight;
} kInventedHomes[] = {
    {"China", 45},      {"United States", 20}, {"Taiwan", 7},      {"Japan", 6},
    {"South Korea", 6}, {"Germany", 3},        {"Netherlands", 3}, {"United Kingdom", 3},
    {"India", 3},       {"Israel", 2},         {"France", 2},
};

const char* const kSyllables[] = {
    "ka", "lo",  "ri", "zen", "vi",  "ra",   "tian", "xin", "hao",  "lu",
    "mo", "qi",  "an", "sha", "nex", "vor",  "li",   "ta",  "ro",   "en",
    "sy", "kor", "mi", "da",  "yun", "feng", "hua",  "tor", "vel",  "ion",
    "ar", "cel", "no", "va",  "lin", "xu",   "ze",   "pra", "quan", "sol",
};
const char* const kCompanyHeads[] = {
    "Semiconductor", "Technologies", "Labs",      "Robotics",  "Microelectronics", "Intelligence",
    "Systems",       "Photonics",    "Materials", "Computing", "Devices",          "Dynamics",
};
// Preferred suffixes of a formal company name, used when the lexicon lists them.
const char* const kFormalSuffixes[] = {"Inc.", "Corp.", "Co.", "Ltd."};

// Blocs have no side in the gazetteer; these do.
const char* const kUsBlocs[] = {"European Union", "G7",        "NATO",    "Quad",
                                "AUKUS",          "Five Eyes", "the West"};
const char* const kCnBlocs[] = {"BRICS", "Shanghai Cooperation Organization"};

// Relations whose facts are background (core false), as the sample gold has it.
bool IsBackground(std::string_view relation) {
  return relation == "owns" || relation == "based_in" || relation == "affiliated_with";
}

// Headline verbs per relation, present tense; {S} and {O} are short names.
const struct {
  const char* relation;
  const char* headlines[2];
} kHeadlines[] = {
    {"restricts", {"{S} tightens curbs on {O}", "{S} limits tech sales to {O}"}},
    {"sanctions", {"{S} blacklists {O}", "{S} sanctions {O}"}},
    {"bans", {"{S} bans {O}", "{S} moves to ban {O}"}},
    {"imposes_tariffs_on", {"{S} raises tariffs on {O}", "{S} slaps new duties on {O}"}},
    {"invests_in", {"{S} invests in {O}", "{S} bets big on {O}"}},
    {"funds", {"{S} backs {O} with new money", "{S} pledges support for {O}"}},
    {"acquires", {"{S} buys {O}", "{S} to acquire {O}"}},
    {"partners_with", {"{S} teams up with {O}", "{S} signs deal with {O}"}},
    {"supplies", {"{S} ramps up shipments to {O}", "{S} to supply {O}"}},
    {"competes_with", {"{S} takes on {O}", "{S} steps up rivalry with {O}"}},
    {"develops", {"{S} builds {O}", "{S} pushes ahead with {O}"}},
    {"releases", {"{S} launches {O}", "{S} unveils {O}"}},
    {"manufactures", {"{S} ramps up production of {O}", "{S} starts making {O}"}},
    {"uses", {"{S} turns to {O}", "{S} adopts {O}"}},
    {"outperforms", {"{S} beats {O}", "{S} pulls ahead of {O}"}},
    {"comparable_to", {"{S} catches up with {O}", "{S} draws level with {O}"}},
    {"leads_in", {"{S} extends its lead in {O}", "{S} dominates {O}"}},
    {"accuses", {"{S} accuses {O}", "{S} hits out at {O}"}},
};

// ---------------------------------------------------------------------------
// Auxiliaries by modality. %b base, %s third person, %d past, %p participle,
// %g gerund. The tense says which times fit (none for perfect and present).

enum Tense : uint8_t { kPast, kPerfect, kPresent, kFuture };
enum Mod : uint8_t { kAsserted, kHedged, kNegated };
constexpr const char* kModNames[] = {"asserted", "hedged", "negated"};

struct Aux {
  const char* pattern;
  Tense tense;
  bool needs_it;  // "denied reports that it had ...": not for people or pairs
};
struct AuxList {
  const Aux* items;
  size_t size;
};
template <size_t N>
constexpr AuxList List(const Aux (&a)[N]) {
  return {a, N};
}

constexpr Aux kEventAssertedOne[] = {{"%d", kPast, false},
                                     {"%d", kPast, false},
                                     {"%d", kPast, false},
                                     {"has %p", kPerfect, false},
                                     {"has already %p", kPerfect, false}};
constexpr Aux kEventAssertedMany[] = {
    {"%d", kPast, false}, {"%d", kPast, false}, {"have %p", kPerfect, false}};
constexpr Aux kEventHedgedOne[] = {{"may %b", kFuture, false},
                                   {"could %b", kFuture, false},
                                   {"might %b", kFuture, false},
                                   {"is expected to %b", kFuture, false},
                                   {"plans to %b", kFuture, false},
                                   {"is considering %g", kFuture, false},
                                   {"is reportedly preparing to %b", kFuture, false},
                                   {"reportedly %d", kPast, false},
                                   {"is likely to %b", kFuture, false},
                                   {"could soon %b", kPresent, false}};
constexpr Aux kEventHedgedMany[] = {{"may %b", kFuture, false},
                                    {"could %b", kFuture, false},
                                    {"are expected to %b", kFuture, false},
                                    {"plan to %b", kFuture, false},
                                    {"are considering %g", kFuture, false},
                                    {"reportedly %d", kPast, false}};
constexpr Aux kEventNegatedOne[] = {{"did not %b", kPast, false},
                                    {"did not %b", kPast, false},
                                    {"has not %p", kPerfect, false},
                                    {"never %d", kPast, false},
                                    {"has no plans to %b", kPresent, false},
                                    {"denied %g", kPast, false},
                                    {"refused to %b", kPast, false},
                                    {"denied reports that it had %p", kPresent, true}};
constexpr Aux kEventNegatedMany[] = {{"did not %b", kPast, false},
                                     {"have not %p", kPerfect, false},
                                     {"have no plans to %b", kPresent, false},
                                     {"denied %g", kPast, false}};
constexpr Aux kStateAssertedOne[] = {{"%s", kPresent, false},
                                     {"%s", kPresent, false},
                                     {"still %s", kPresent, false},
                                     {"has long %p", kPresent, false},
                                     {"now %s", kPresent, false}};
constexpr Aux kStateAssertedMany[] = {
    {"%b", kPresent, false}, {"still %b", kPresent, false}, {"have long %p", kPresent, false}};
constexpr Aux kStateHedgedOne[] = {{"may %b", kPresent, false},
                                   {"could soon %b", kPresent, false},
                                   {"is expected to %b", kPresent, false},
                                   {"is likely to %b", kPresent, false},
                                   {"may already %b", kPresent, false},
                                   {"reportedly %s", kPresent, false}};
constexpr Aux kStateHedgedMany[] = {{"may %b", kPresent, false},
                                    {"could soon %b", kPresent, false},
                                    {"are expected to %b", kPresent, false}};
constexpr Aux kStateNegatedOne[] = {{"does not %b", kPresent, false},
                                    {"no longer %s", kPresent, false},
                                    {"has never %p", kPresent, false},
                                    {"does not yet %b", kPresent, false}};
constexpr Aux kStateNegatedMany[] = {{"do not %b", kPresent, false},
                                     {"no longer %b", kPresent, false},
                                     {"have never %p", kPresent, false}};

// [stative][modality][plural]
constexpr AuxList kAuxLists[2][3][2] = {
    {{List(kEventAssertedOne), List(kEventAssertedMany)},
     {List(kEventHedgedOne), List(kEventHedgedMany)},
     {List(kEventNegatedOne), List(kEventNegatedMany)}},
    {{List(kStateAssertedOne), List(kStateAssertedMany)},
     {List(kStateHedgedOne), List(kStateHedgedMany)},
     {List(kStateNegatedOne), List(kStateNegatedMany)}},
};

// Passive auxiliaries: [stative][modality] lists of {singular, plural, tense}.
struct BeAux {
  const char* one;
  const char* many;
  Tense tense;
};
constexpr BeAux kBeEventAsserted[] = {
    {"was", "were", kPast}, {"was", "were", kPast}, {"has been", "have been", kPerfect}};
constexpr BeAux kBeStateAsserted[] = {{"is", "are", kPresent}};
constexpr BeAux kBeHedged[] = {{"could be", "could be", kFuture},
                               {"may be", "may be", kFuture},
                               {"is expected to be", "are expected to be", kFuture},
                               {"is likely to be", "are likely to be", kFuture},
                               {"might soon be", "might soon be", kFuture}};
constexpr BeAux kBeEventNegated[] = {{"was not", "were not", kPast},
                                     {"has not been", "have not been", kPerfect},
                                     {"was never", "were never", kPast}};
constexpr BeAux kBeStateNegated[] = {{"is not", "are not", kPresent},
                                     {"is no longer", "are no longer", kPresent}};

// ---------------------------------------------------------------------------
// Parsed templates.

enum TokenKind : uint8_t {
  kLiteral,
  kSubj,
  kObj,
  kSubjPoss,
  kObjPoss,
  kVerb,
  kBe,
  kBePlural,
  kItem,
  kItemOrProduct,
  kAmount,
  kShare,
  kTime,
  kPlaceS,
  kPlaceO,
  kObjDemonym,
  kCharge,
  kRole,
  kRoleNow,
  kYear,
};

struct Token {
  TokenKind kind = kLiteral;
  std::string text;  // literal text
  int verb = -1;     // kVerb: index into verbs
};

struct SlotAlt {
  Kind kind;
  Sub sub;
};

struct Template {
  int relation = -1;  // index into relations
  uint32_t flags = 0;
  std::vector<SlotAlt> subject, object;
  std::vector<Token> tokens;
  bool has_aux = false;       // {v:} or {be}: modality can vary
  bool object_leads = false;  // the object is the grammatical subject
  // Placeholders that the entities must be able to fill.
  bool needs_place_s = false, needs_place_o = false, needs_demonym = false, needs_role = false;
};

}  // namespace

// ---------------------------------------------------------------------------

struct CorpusGenerator::Rep {
  uint64_t seed = 0;
  std::vector<Entity> entities;  // gazetteer entries, then invented companies
  size_t gazetteer_size = 0;
  // pools[kind][sub][side]
  Pool pools[kKinds][kSubs][kSides];
  std::map<std::tuple<int, int, int32_t>, Pool> by_country;  // (kind, sub, country)
  Pool invented[kSides];
  std::map<int32_t, Pool> invented_by_country;
  // People by the kind of their affiliation.
  Pool people_by_affiliation[kKinds];
  std::vector<VerbForms> verbs;
  std::vector<std::string> relation_names;  // relations with templates, ontology order
  std::vector<std::string> missing;         // ontology relations without templates
  std::vector<Template> templates;
  std::vector<std::vector<int>> templates_by_relation;
  std::vector<int> lead_relations;  // relations fit to open an article
  std::vector<int32_t> cited_outlets;
  std::vector<int32_t> cities_of;  // countries with cities, for noise
  std::vector<const char*> formal_suffixes;
  std::vector<std::string> sources;

  const Entity& E(uint32_t i) const { return entities[i]; }
  Status Build(const std::string& schema_dir);
  Status LoadGazetteer(const std::string& schema_dir, const std::vector<std::string>& types);
  void InventCompanies(const Gazetteer& gazetteer);
  Status ParseTemplates(const std::string& schema_dir, const Ontology& ontology);
  const Pool* FindPool(Kind kind, Sub sub, Side side) const;
};

namespace {

bool NeedsThe(Kind kind, std::string_view form) {
  if (StartsWith(form, "the ") || form.empty()) return false;
  if (form[0] >= 'a' && form[0] <= 'z') return false;  // "mainland China", "export controls"
  switch (kind) {
    case kCountry:
    case kBloc:
      if (form[0] >= '0' && form[0] <= '9') return true;  // the 27-nation bloc
      if (kind == kBloc) {
        // The G7, the European Union; but NATO, ASEAN, BRICS.
        static const char* const kBare[] = {"NATO", "Nato", "ASEAN", "Asean", "BRICS", "AUKUS"};
        for (const char* b : kBare)
          if (form == b) return false;
        return true;
      }
      if (IsAcronym(form)) return true;  // the U.S., the PRC
      return StartsWith(form, "United ") || Contains(form, "Republic") ||
             EndsWith(form, "government") || EndsWith(form, "mainland") || EndsWith(form, "bloc") ||
             EndsWith(form, "lands") || EndsWith(form, "ines") || form == "Hague" ||
             form == "Kremlin" || form == "West";
    case kGov: {
      static const char* const kAcronymsWithThe[] = {"FCC", "FBI", "CIA", "SEC", "NDRC", "PLA"};
      static const char* const kBare[] = {"Congress", "Commerce", "Downing Street",
                                          "Customs and Border Protection"};
      for (const char* a : kAcronymsWithThe)
        if (form == a) return true;
      for (const char* b : kBare)
        if (form == b) return false;
      return !IsAcronym(form);
    }
    case kOrg: {
      static const char* const kHeads[] = {
          "Institution",  "Institute", "Foundation", "Association", "Council", "Fund",
          "Organization", "Agency",    "Nations",    "Times",       "Journal", "Post",
          "Endowment",    "Center",    "Academy",    "Chamber",     "Society", "World Bank"};
      if (StartsWith(form, "University ") || form == "OECD") return true;
      for (const char* h : kHeads)
        if (Contains(form, h)) return true;
      return false;
    }
    case kPolicy:
      if (IsAcronym(form) || StartsWith(form, "Section ") || StartsWith(form, "Executive Order") ||
          StartsWith(form, "Made in")) {
        return false;
      }
      return true;
    default:
      return false;
  }
}

// Whether an alias reads well in running text as the entity's name.
bool FitForProse(Kind kind, std::string_view alias) {
  if (alias.empty() || alias.size() > 40) return false;
  if (kind == kTech || kind == kPolicy) return true;
  if (alias[0] >= 'a' && alias[0] <= 'z') return kind == kCountry && StartsWith(alias, "mainland");
  // Plural forms ("Chinese authorities") would break agreement.
  if (EndsWith(alias, "s") && Contains(alias, " ")) {
    return kind == kCompany || kind == kOrg;  // "Samsung Electronics", "Goldman Sachs"
  }
  return true;
}

void PolicySubs(const std::string& lower, uint32_t* subs) {
  auto has = [&](std::initializer_list<const char*> parts) {
    for (const char* p : parts)
      if (Contains(lower, p)) return true;
    return false;
  };
  if (has({"list"})) *subs |= 1u << kList;
  if (has({"tariff", "duties"})) *subs |= 1u << kTariff;
  if (has({"subsid", "program", "initiative", "plan", "made in china", "chips and science",
           "chips act", "inflation reduction"})) {
    *subs |= 1u << kProgram;
  }
  if (has({"export control", "export administration", "control list", "foreign direct product",
           "diffusion", "outbound", "regulations", "rule", "executive order"})) {
    *subs |= 1u << kControl;
  }
  if (has({" act", "law", "section "})) *subs |= 1u << kLaw;
}

// Plural nouns and materials are goods (what is shipped, made, taxed);
// fields and services are not.
// Whether a generic name is plural ("export controls limit", "AI chips
// were"); names of firms, people and products are singular.
bool PluralName(Kind kind, std::string_view name) {
  return (kind == kTech || kind == kPolicy) && EndsWith(name, "s") && !EndsWith(name, "ics") &&
         !EndsWith(name, "ss");
}

bool IsGoods(const std::string& name) {
  static const char* const kMaterials[] = {
      "gallium",         "germanium", "antimony", "graphite",    "lithium",
      "cobalt",          "nickel",    "tungsten", "dysprosium",  "terbium",
      "steel",           "aluminum",  "copper",   "polysilicon", "silicon carbide",
      "gallium nitride", "HBM",       "DRAM",     "NAND"};
  static const char* const kNotGoods[] = {
      "cyberattacks",     "nuclear weapons",   "hypersonic weapons", "large language models",
      "AI models",        "foundation models", "reasoning models",   "AI agents",
      "chatbots",         "operating systems", "data centers",       "chip fabs",
      "foundry services", "electronics",       "robotics",           "robotaxis"};
  for (const char* m : kMaterials)
    if (name == m) return true;
  for (const char* m : kNotGoods)
    if (name == m) return false;
  return EndsWith(name, "s") && !EndsWith(name, "ics") && !EndsWith(name, "ss");
}

}  // namespace

const Pool* CorpusGenerator::Rep::FindPool(Kind kind, Sub sub, Side side) const {
  const Pool& p = pools[kind][sub][side];
  return p.empty() ? nullptr : &p;
}

Status CorpusGenerator::Rep::LoadGazetteer(const std::string& schema_dir,
                                           const std::vector<std::string>& types) {
  KG_ASSIGN_OR_RETURN(Gazetteer gazetteer, Gazetteer::LoadFromDir(schema_dir, types));
  // People's roles ("Commerce Secretary"), which the matcher does not keep,
  // read from the same files (already validated by the load above).
  std::map<std::string, std::string> roles;
  {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(schema_dir + "/gazetteer", ec))
      if (f.path().extension() == ".json") files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      rapidjson::Document doc;
      KG_RETURN_IF_ERROR(ParseJsonFile(file, &doc));
      auto entries = doc.IsObject() ? doc.FindMember("entries") : doc.MemberEnd();
      if (!doc.IsObject() || entries == doc.MemberEnd() || !entries->value.IsArray()) continue;
      for (const auto& entry : entries->value.GetArray()) {
        if (!entry.IsObject()) continue;
        auto name = entry.FindMember("name");
        auto role = entry.FindMember("role");
        if (name != entry.MemberEnd() && role != entry.MemberEnd() && name->value.IsString() &&
            role->value.IsString()) {
          roles[name->value.GetString()] = role->value.GetString();
        }
      }
    }
  }
  std::map<std::string, int32_t> index;
  for (const GazetteerEntry& g : gazetteer.entries()) {
    int kind = -1;
    for (int k = 0; k < kKinds; ++k)
      if (g.type == kKindNames[k]) kind = k;
    if (kind < 0) continue;  // a type the templates do not know
    Entity e;
    e.name = g.name;
    e.kind = static_cast<Kind>(kind);
    e.the = NeedsThe(e.kind, e.name);
    const bool goods = e.kind == kTech && IsGoods(e.name);
    for (const std::string& a : g.aliases) {
      if (!FitForProse(e.kind, a)) continue;
      // "INTEL" for Intel is a spelling of a logo, not of news copy.
      if (e.kind == kCompany && IsAcronym(a) && !IsAcronym(e.name) && !Contains(a, ".")) continue;
      // An alias keeps the number of the name, which the verb agrees with:
      // "AI chips were", not "AI chip were".
      if (PluralName(e.kind, a) != PluralName(e.kind, e.name)) continue;
      // A product alias naming its owner ("Nvidia H20") would state owns.
      if (e.kind == kProduct && !g.owner.empty() && Contains(a, g.owner)) continue;
      // A case variant of the name ("Mofcom") reads as the name does.
      e.aliases.push_back({a, Lower(a) == Lower(e.name) ? e.the : NeedsThe(e.kind, a)});
    }
    for (const std::string& d : g.demonyms) {
      // Singular adjectives: "Chinese", "U.S.", not "Americans".
      if (d == "U.S." || !EndsWith(d, "s")) e.demonyms.push_back(d);
    }
    if (auto r = roles.find(g.name); r != roles.end()) e.role = r->second;
    if (e.kind == kCountry)
      e.side = g.bloc == "us_allies" ? kUs : g.bloc == "china" ? kCn : kNeutral;
    if (e.kind == kBloc) {
      for (const char* b : kUsBlocs)
        if (e.name == b) e.side = kUs;
      for (const char* b : kCnBlocs)
        if (e.name == b) e.side = kCn;
    }
    if (goods) e.subs |= 1u << kGoods;
    if (e.kind == kPolicy) {
      const std::string lower = Lower(e.name);
      PolicySubs(lower, &e.subs);
      for (const Form& a : e.aliases)
        PolicySubs(Lower(a.text), &e.subs);
      // The side of a policy, from its name: lower-case generic ones take none.
      static const char* const kChinese[] = {
          "China",    "Unreliable", "Anti-Foreign", "Export Control Law", "Data Security Law",
          "Dual-Use", "Five-Year",  "Belt and Road"};
      if (e.name[0] >= 'A' && e.name[0] <= 'Z') {
        e.side = kUs;
        for (const char* c : kChinese)
          if (Contains(e.name, c)) e.side = kCn;
      }
    }
    index[e.name] = static_cast<int32_t>(entities.size());
    entities.push_back(std::move(e));
  }
  // References between entries, now that every index is known.
  const auto& gs = gazetteer.entries();
  for (const GazetteerEntry& g : gs) {
    auto self = index.find(g.name);
    if (self == index.end()) continue;
    Entity& e = entities[self->second];
    auto ref = [&](const std::string& name) -> int32_t {
      auto it = index.find(name);
      return it == index.end() ? -1 : it->second;
    };
    if (e.kind == kCountry) e.country = self->second;
    if (!g.country.empty()) e.country = ref(g.country);
    if (!g.owner.empty()) e.owner = ref(g.owner);
    if (!g.affiliation.empty()) e.affiliation = ref(g.affiliation);
    if (e.affiliation < 0) e.role.clear();
  }
  for (Entity& e : entities) {
    if (e.kind == kProduct && e.owner >= 0) e.country = entities[e.owner].country;
    if (e.kind == kPerson && e.affiliation >= 0) e.country = entities[e.affiliation].country;
    if (e.country >= 0 && e.kind != kPolicy && e.kind != kBloc) e.side = entities[e.country].side;
    if (e.country < 0 && (e.kind == kGov || e.kind == kOrg) && Contains(e.name, "European")) {
      e.side = kUs;
    }
  }
  // Cities, without those that are forms of an entity.
  for (const auto& c : kCities) {
    auto it = index.find(c.country);
    if (it == index.end()) continue;
    std::string_view list = c.cities;
    while (!list.empty()) {
      const size_t bar = list.find('|');
      const std::string city(list.substr(0, bar));
      list = bar == std::string_view::npos ? std::string_view() : list.substr(bar + 1);
      std::vector<GazetteerMatch> matches;
      gazetteer.FindMatches(city, &matches);
      if (matches.empty()) entities[it->second].cities.push_back(city);
    }
    if (!entities[it->second].cities.empty()) cities_of.push_back(it->second);
  }
  for (const char* o : kCitedOutlets) {
    auto it = index.find(o);
    if (it != index.end() && entities[it->second].kind == kOrg) cited_outlets.push_back(it->second);
  }
  for (const char* s : kSources) {
    std::vector<GazetteerMatch> matches;
    gazetteer.FindMatches(s, &matches);
    if (matches.empty()) sources.push_back(s);
  }
  if (sources.empty()) sources.push_back("Generated News");
  gazetteer_size = entities.size();
  InventCompanies(gazetteer);
  return Status::OK();
}

void CorpusGenerator::Rep::InventCompanies(const Gazetteer& gazetteer) {
  // A pool of a few thousand startups per seed: some recur across articles,
  // as real ones do, and memory stays the same whatever the corpus size.
  constexpr int kInvented = 3000;
  std::vector<std::pair<int32_t, unsigned>> homes;
  unsigned total = 0;
  for (const auto& h : kInventedHomes) {
    for (size_t i = 0; i < gazetteer_size; ++i) {
      if (entities[i].kind == kCountry && entities[i].name == h.country) {
        homes.emplace_back(static_cast<int32_t>(i), h.weight);
        total += h.weight;
      }
    }
  }
  if (homes.empty()) return;
  Rng rng(seed ^ 0x6e65772d636f6d70ULL);  // "new-comp"
  std::set<std::string> taken;
  int made = 0, attempts = 0;
  while (made < kInvented && attempts < kInvented * 20) {
    ++attempts;
    std::string base;
    const int syllables = rng.Percent(60) ? 2 : 3;
    for (int s = 0; s < syllables; ++s)
      base += rng.Pick(kSyllables);
    if (base.size() < 5 || base.size() > 11) continue;
    base[0] = static_cast<char>(base[0] - 'a' + 'A');
    const std::string full = base + " " + rng.Pick(kCompanyHeads);
    if (!taken.insert(Lower(base)).second) continue;
    // Unknown to the gazetteer: no form inside the invented word, and the
    // full name not a form either.
    std::vector<GazetteerMatch> matches;
    gazetteer.FindMatches(base, &matches);
    if (!matches.empty()) continue;
    gazetteer.FindMatches(full, &matches);
    bool whole = false;
    for (const GazetteerMatch& m : matches)
      whole = whole || (m.begin == 0 && m.end == full.size());
    if (whole) continue;
    Entity e;
    e.kind = kCompany;
    e.invented = true;
    e.name = full;
    e.short_name = base;
    e.formal_name = full;
    if (!formal_suffixes.empty() && rng.Percent(60)) {
      e.formal_name += " ";
      e.formal_name += rng.Pick(formal_suffixes);
    }
    uint64_t r = rng.Below(total);
    for (const auto& [country, weight] : homes) {
      if (r < weight) {
        e.country = country;
        break;
      }
      r -= weight;
    }
    e.side = entities[e.country].side;
    const auto& cities = entities[e.country].cities;
    e.city = cities.empty() ? -1 : static_cast<int32_t>(rng.Below(cities.size()));
    e.subs |= 1u << kNew;
    entities.push_back(std::move(e));
    ++made;
  }
}

Status CorpusGenerator::Rep::ParseTemplates(const std::string& schema_dir,
                                            const Ontology& ontology) {
  // relations.json: only the names and the types each slot allows.
  rapidjson::Document doc;
  const std::string path = schema_dir + "/relations.json";
  KG_RETURN_IF_ERROR(ParseJsonFile(path, &doc));
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> allowed;
  auto rels = doc.IsObject() ? doc.FindMember("relations") : doc.MemberEnd();
  if (!doc.IsObject() || rels == doc.MemberEnd() || !rels->value.IsArray()) {
    return Status::InvalidArgument(path + ": expected an object with a 'relations' array");
  }
  for (const auto& r : rels->value.GetArray()) {
    if (!r.IsObject()) continue;
    auto name = r.FindMember("relation");
    if (name == r.MemberEnd() || !name->value.IsString()) continue;
    auto& entry = allowed[name->value.GetString()];
    const std::pair<const char*, std::set<std::string>*> lists[] = {
        {"subject_types", &entry.first}, {"object_types", &entry.second}};
    for (const auto& [key, set] : lists) {
      auto list = r.FindMember(key);
      if (list == r.MemberEnd() || !list->value.IsArray()) continue;
      for (const auto& t : list->value.GetArray())
        if (t.IsString()) set->insert(t.GetString());
    }
  }

  std::map<std::string, int> verb_index;
  auto parse_slot = [&](const char* spec, const std::set<std::string>& ok) {
    std::vector<SlotAlt> alts;
    std::string_view rest = spec;
    while (!rest.empty()) {
      const size_t bar = rest.find('|');
      std::string_view alt = rest.substr(0, bar);
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      const size_t colon = alt.find(':');
      const std::string_view kind_name = alt.substr(0, colon);
      const std::string_view sub_name =
          colon == std::string_view::npos ? std::string_view() : alt.substr(colon + 1);
      for (int k = 0; k < kKinds; ++k) {
        if (kind_name != kKindNames[k] || !ok.count(kKindNames[k])) continue;
        if (!ontology.FindEntityType(kKindNames[k])) continue;
        for (int s = 0; s < kSubs; ++s)
          if (sub_name == kSubNames[s]) alts.push_back({static_cast<Kind>(k), static_cast<Sub>(s)});
      }
    }
    return alts;
  };

  std::vector<std::string> names;
  for (const OntologyRelation& r : ontology.relations())
    names.push_back(r.name);
  std::vector<std::vector<int>> by_relation(names.size());
  for (const TemplateSpec& spec : kTemplates) {
    const auto rel = std::find(names.begin(), names.end(), spec.relation);
    auto allowed_it = allowed.find(spec.relation);
    if (rel == names.end() || allowed_it == allowed.end()) continue;
    Template t;
    t.relation = static_cast<int>(rel - names.begin());
    t.flags = spec.flags;
    t.subject = parse_slot(spec.subject, allowed_it->second.first);
    t.object = parse_slot(spec.object, allowed_it->second.second);
    if (t.subject.empty() || t.object.empty()) continue;
    std::string_view text = spec.text;
    bool seen_entity = false;
    while (!text.empty()) {
      const size_t open = text.find('{');
      if (open != 0) {
        t.tokens.push_back({kLiteral, std::string(text.substr(0, open)), -1});
        if (open == std::string_view::npos) break;
        text.remove_prefix(open);
      }
      const size_t close = text.find('}');
      const std::string_view p = text.substr(1, close - 1);
      text.remove_prefix(close + 1);
      Token tok;
      if (StartsWith(p, "v:")) {
        const std::string lemma(p.substr(2));
        auto [it, fresh] = verb_index.emplace(lemma, static_cast<int>(verbs.size()));
        if (fresh) verbs.push_back(Inflect(lemma));
        tok.kind = kVerb;
        tok.verb = it->second;
        t.has_aux = true;
      } else {
        static const std::pair<const char*, TokenKind> kNames[] = {
            {"S", kSubj},        {"O", kObj},           {"S'", kSubjPoss}, {"O'", kObjPoss},
            {"be", kBe},         {"bep", kBePlural},    {"I", kItem},      {"A", kAmount},
            {"P", kShare},       {"T", kTime},          {"L", kPlaceS},    {"Lo", kPlaceO},
            {"Od", kObjDemonym}, {"C", kCharge},        {"R", kRole},      {"Rn", kRoleNow},
            {"Y", kYear},        {"Ip", kItemOrProduct}};
        bool found = false;
        for (const auto& [n, k] : kNames) {
          if (p == n) {
            tok.kind = k;
            found = true;
          }
        }
        if (!found)
          return Status::Corruption(std::string("bad template placeholder in: ") + spec.text);
        if (tok.kind == kBe || tok.kind == kBePlural) t.has_aux = true;
      }
      if (!seen_entity && (tok.kind == kSubj || tok.kind == kObj || tok.kind == kSubjPoss ||
                           tok.kind == kObjPoss)) {
        seen_entity = true;
        t.object_leads = tok.kind == kObj;
      }
      t.needs_place_s = t.needs_place_s || tok.kind == kPlaceS;
      t.needs_place_o = t.needs_place_o || tok.kind == kPlaceO;
      t.needs_demonym = t.needs_demonym || tok.kind == kObjDemonym;
      t.needs_role = t.needs_role || tok.kind == kRole || tok.kind == kRoleNow;
      t.tokens.push_back(std::move(tok));
    }
    by_relation[t.relation].push_back(static_cast<int>(templates.size()));
    templates.push_back(std::move(t));
  }
  // Only relations with templates take part; renumber them densely.
  std::vector<int> renumber(names.size(), -1);
  for (size_t r = 0; r < names.size(); ++r) {
    if (by_relation[r].empty()) {
      missing.push_back(names[r]);
      continue;
    }
    renumber[r] = static_cast<int>(relation_names.size());
    relation_names.push_back(names[r]);
    templates_by_relation.push_back(by_relation[r]);
    if (!IsBackground(names[r])) lead_relations.push_back(renumber[r]);
  }
  if (lead_relations.empty()) {
    for (size_t r = 0; r < relation_names.size(); ++r)
      lead_relations.push_back(static_cast<int>(r));
  }
  for (Template& t : templates)
    t.relation = renumber[t.relation];
  if (relation_names.empty()) {
    return Status::InvalidArgument(schema_dir +
                                   ": no relation of the ontology has a usable template");
  }
  return Status::OK();
}

Status CorpusGenerator::Rep::Build(const std::string& schema_dir) {
  KG_ASSIGN_OR_RETURN(Ontology ontology, Ontology::LoadFromDir(schema_dir));
  KG_ASSIGN_OR_RETURN(Lexicon lexicon, Lexicon::LoadFromDir(schema_dir));
  for (const char* s : kFormalSuffixes)
    if (lexicon.company_suffixes.count(std::string(s))) formal_suffixes.push_back(s);
  std::vector<std::string> types;
  for (const OntologyEntityType& t : ontology.entity_types())
    types.push_back(t.name);
  KG_RETURN_IF_ERROR(LoadGazetteer(schema_dir, types));
  // A role needs no body before it when it serves a state ("President X"),
  // when it is a government title ("Premier Li Qiang"), or when it names its
  // body ("Commerce Secretary X" of the Commerce Department); a company's or
  // an organization's role always does ("Nvidia CEO X").
  for (Entity& e : entities) {
    if (e.kind != kPerson || e.affiliation < 0 || e.role.empty()) continue;
    const Entity& aff = entities[e.affiliation];
    std::string role = e.role;
    if (StartsWith(role, "former ")) role.erase(0, 7);
    e.title_alone = aff.kind == kCountry || aff.kind == kBloc ||
                    (aff.kind == kGov && lexicon.person_title_set.count(Lower(role)) > 0);
    size_t pos = 0;
    while (!e.title_alone && pos < role.size()) {
      size_t end = role.find(' ', pos);
      if (end == std::string::npos) end = role.size();
      const std::string word = role.substr(pos, end - pos);
      if (word.size() > 3 && Contains(aff.name, word)) e.title_alone = true;
      pos = end + 1;
    }
  }
  KG_RETURN_IF_ERROR(ParseTemplates(schema_dir, ontology));

  // Pools, in gazetteer order (the rank that makes the draw Zipf-like).
  for (uint32_t i = 0; i < gazetteer_size; ++i) {
    const Entity& e = entities[i];
    for (int s = 0; s < kSubs; ++s) {
      if (!(e.subs & (1u << s))) continue;
      pools[e.kind][s][kAnySide].Add(i);
      pools[e.kind][s][e.side].Add(i);
      if (e.country >= 0) by_country[{e.kind, s, e.country}].Add(i);
    }
    if (e.kind == kPerson && e.affiliation >= 0 && !e.role.empty()) {
      people_by_affiliation[entities[e.affiliation].kind].Add(i);
    }
  }
  for (uint32_t i = static_cast<uint32_t>(gazetteer_size); i < entities.size(); ++i) {
    invented[kAnySide].Add(i);
    invented[entities[i].side].Add(i);
    invented_by_country[entities[i].country].Add(i);
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Building one article.

namespace {

void AppendInt(uint64_t v, std::string* out) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n)
    out->push_back(buf[--n]);
}

void AppendPadded(uint64_t v, int width, std::string* out) {
  std::string digits;
  AppendInt(v, &digits);
  if (static_cast<int>(digits.size()) < width) out->append(width - digits.size(), '0');
  *out += digits;
}

// Upper-cases the first letter when the first word is all lower case
// ("the", "export controls"), never inside a name such as "iPhone".
void Capitalize(std::string* s) {
  if (s->empty() || !((*s)[0] >= 'a' && (*s)[0] <= 'z')) return;
  for (char c : *s) {
    if (c == ' ') break;
    if (c >= 'A' && c <= 'Z') return;
  }
  (*s)[0] = static_cast<char>((*s)[0] - 'a' + 'A');
}

class ArticleBuilder {
 public:
  // The article's own generator: a function of the seed and the index only.
  // Gold triples are built only when asked for; no random number depends on
  // them, so the text is the same either way.
  ArticleBuilder(const CorpusGenerator::Rep& g, uint64_t index, GeneratedArticle* a, bool gold)
      : g_(g), rng_(SplitMix64(&index) ^ (g.seed * 0x9e3779b97f4a7c15ULL)), a_(a), gold_(gold) {}

  void Build(uint64_t index);

 private:
  struct Slots {
    uint32_t subject = 0, object = 0;
    int64_t object2 = -1;
  };

  // Entity choice.
  bool PickFromSlot(const std::vector<SlotAlt>& alts, SlotAlt* chosen, uint32_t* out);
  bool PickEntity(SlotAlt alt, Side side, int32_t country, uint32_t* out);
  bool Satisfies(const Template& t, uint32_t s, uint32_t o) const;
  bool Fill(const Template& t, Slots* slots);
  // Rendering.
  void Mention(uint32_t id, bool possessive, bool descriptor, GoldEntity* ge);
  void PlainName(const Entity& e, std::string* out, std::string* surface);
  void Possessive();
  // The country's adjective: the first the gazetteer lists ("British", not
  // "Briton"), sometimes "U.S." where that is one.
  const std::string& Demonym(const Entity& country);
  void SetEntity(const Entity& e, GoldEntity* ge) const;
  void Imply(const GoldEntity& s, const char* relation, uint32_t object, const std::string& surface,
             const char* place);
  bool FactSentence(int relation, bool lead);
  void NoiseSentence();
  void AppendAmount(std::string* out);
  void AppendShare(std::string* out);
  void FinishSentence();
  std::string Headline(int relation, uint32_t s, uint32_t o);
  std::string ShortName(uint32_t id);

  const CorpusGenerator::Rep& g_;
  Rng rng_;
  GeneratedArticle* a_;
  const bool gold_;
  // Countries by their names only (no capital standing for the state).
  bool canonical_only_ = false;
  int year_ = 2024, month_ = 1;
  std::vector<uint32_t> cast_;
  std::vector<uint32_t> introduced_;  // invented companies already named in full
  std::vector<size_t> noise_used_;    // kNoise entries this article has used
  std::string sentence_;
  std::vector<GoldTriple> pending_;
  // The lead fact, for the headline.
  int lead_relation_ = -1;
  uint32_t lead_s_ = 0, lead_o_ = 0;
};

bool ArticleBuilder::PickEntity(SlotAlt alt, Side side, int32_t country, uint32_t* out) {
  if (alt.kind == kCompany && (alt.sub == kNew || (alt.sub == kAll && rng_.Percent(22)))) {
    const Pool* p = nullptr;
    if (country >= 0) {
      auto it = g_.invented_by_country.find(country);
      if (it != g_.invented_by_country.end()) p = &it->second;
    }
    if (!p && !g_.invented[side].empty()) p = &g_.invented[side];
    if (!p && !g_.invented[kAnySide].empty()) p = &g_.invented[kAnySide];
    if (p) {
      *out = p->Pick(rng_);
      return true;
    }
    if (alt.sub == kNew) return false;
  }
  const Sub sub = alt.sub == kNew ? kAll : alt.sub;
  if (country >= 0) {
    auto it = g_.by_country.find({alt.kind, sub, country});
    if (it != g_.by_country.end()) {
      *out = it->second.Pick(rng_);
      return true;
    }
  }
  const Pool* p = g_.FindPool(alt.kind, sub, side);
  if (!p) p = g_.FindPool(alt.kind, sub, kAnySide);
  if (!p) return false;
  *out = p->Pick(rng_);
  return true;
}

bool ArticleBuilder::PickFromSlot(const std::vector<SlotAlt>& alts, SlotAlt* chosen,
                                  uint32_t* out) {
  // Now and then an entity of the article's cast, so that an article keeps
  // to its topic.
  if (!cast_.empty() && rng_.Percent(40)) {
    const size_t start = rng_.Below(cast_.size());
    for (size_t i = 0; i < cast_.size(); ++i) {
      const uint32_t id = cast_[(start + i) % cast_.size()];
      const Entity& e = g_.E(id);
      for (const SlotAlt& alt : alts) {
        if (alt.kind == e.kind && (e.subs & (1u << alt.sub))) {
          *chosen = alt;
          *out = id;
          return true;
        }
      }
    }
  }
  *chosen = rng_.Pick(alts);
  return PickEntity(*chosen, kAnySide, -1, out);
}

bool ArticleBuilder::Satisfies(const Template& t, uint32_t s, uint32_t o) const {
  if (s == o) return false;
  const Entity& se = g_.E(s);
  const Entity& oe = g_.E(o);
  const bool sided = se.side != kNeutral && oe.side != kNeutral;
  if ((t.flags & kOpposed) && sided && se.side == oe.side) return false;
  if ((t.flags & kAllied) && sided && se.side != oe.side) return false;
  if ((t.flags & kSameCountry) && se.country >= 0 && oe.country >= 0 && se.country != oe.country) {
    return false;
  }
  if ((t.flags & kSameKind) && se.kind != oe.kind) {
    bool shared = false;  // only when the object slot allows the subject's kind
    for (const SlotAlt& alt : t.object)
      shared = shared || alt.kind == se.kind;
    if (shared) return false;
  }
  if ((t.flags & kOwner) && oe.kind == kProduct && oe.owner != static_cast<int32_t>(s))
    return false;
  if ((t.flags & kHome) && se.country != static_cast<int32_t>(o)) return false;
  if ((t.flags & kAffil) && se.affiliation != static_cast<int32_t>(o)) return false;
  // Placeholders that need something of the entities.
  if (t.needs_place_s && !(se.invented && se.city >= 0) &&
      (se.country < 0 || g_.E(se.country).cities.empty())) {
    return false;
  }
  if (t.needs_place_o && (oe.kind != kCountry || oe.cities.empty())) return false;
  if (t.needs_demonym && oe.demonyms.empty()) return false;
  if (t.needs_role && se.role.empty()) return false;
  return true;
}

bool ArticleBuilder::Fill(const Template& t, Slots* slots) {
  for (int attempt = 0; attempt < 12; ++attempt) {
    SlotAlt s_alt{kCompany, kAll}, o_alt{kCompany, kAll};
    uint32_t s = 0, o = 0;
    if (t.flags & kAffil) {
      // A person whose affiliation is of a kind the object slot allows.
      o_alt = rng_.Pick(t.object);
      const Pool& people = g_.people_by_affiliation[o_alt.kind];
      if (people.empty()) continue;
      s = people.Pick(rng_);
      o = static_cast<uint32_t>(g_.E(s).affiliation);
    } else if (t.flags & kHome) {
      if (!PickFromSlot(t.subject, &s_alt, &s)) continue;
      if (g_.E(s).country < 0) continue;
      o = static_cast<uint32_t>(g_.E(s).country);
    } else {
      o_alt = rng_.Pick(t.object);
      if ((t.flags & kOwner) && o_alt.kind == kProduct) {
        // The product first, then its owner as the subject.
        if (!PickEntity(o_alt, kAnySide, -1, &o)) continue;
        if (g_.E(o).owner < 0) continue;
        s = static_cast<uint32_t>(g_.E(o).owner);
        bool kind_ok = false;
        for (const SlotAlt& alt : t.subject)
          kind_ok = kind_ok || alt.kind == g_.E(s).kind;
        if (!kind_ok) continue;
      } else {
        if (!PickFromSlot(t.subject, &s_alt, &s)) continue;
        const Entity& se = g_.E(s);
        if (t.flags & kSameKind) {
          for (const SlotAlt& alt : t.object) {
            if (alt.kind == se.kind) {
              o_alt = alt;
              break;
            }
          }
        }
        Side side = kAnySide;
        if ((t.flags & kOpposed) && se.side != kNeutral) side = se.side == kUs ? kCn : kUs;
        if ((t.flags & kAllied) && se.side != kNeutral) side = se.side;
        const int32_t country =
            (t.flags & kSameCountry) && o_alt.kind != kCountry ? se.country : -1;
        // The cast first, sometimes, if it fits.
        bool from_cast = false;
        if (rng_.Percent(35)) {
          for (uint32_t c : cast_) {
            const Entity& ce = g_.E(c);
            if (c != s && ce.kind == o_alt.kind && (ce.subs & (1u << o_alt.sub)) &&
                Satisfies(t, s, c)) {
              o = c;
              from_cast = true;
              break;
            }
          }
        }
        if (!from_cast && !PickEntity(o_alt, side, country, &o)) continue;
      }
    }
    if (!Satisfies(t, s, o)) continue;
    slots->subject = s;
    slots->object = o;
    slots->object2 = -1;
    if ((t.flags & kCoord) && rng_.Percent(15)) {
      const Entity& oe = g_.E(o);
      SlotAlt alt{oe.kind, kAll};
      const Side side = oe.side == kNeutral ? kAnySide : oe.side;
      uint32_t o2 = 0;
      if (PickEntity(alt, side, -1, &o2) && o2 != o && Satisfies(t, s, o2)) slots->object2 = o2;
    }
    return true;
  }
  return false;
}

void ArticleBuilder::SetEntity(const Entity& e, GoldEntity* ge) const {
  ge->name = e.name;
  ge->type = kKindNames[e.kind];
  ge->aliases.clear();
}

void ArticleBuilder::Imply(const GoldEntity& s, const char* relation, uint32_t object,
                           const std::string& surface, const char* place) {
  if (!gold_) return;
  bool known = false;
  for (const std::string& r : g_.relation_names)
    known = known || r == relation;
  if (!known) return;
  GoldTriple t;
  t.subject = s;
  t.relation = relation;
  SetEntity(g_.E(object), &t.object);
  if (!surface.empty() && surface != t.object.name) t.object.aliases.push_back(surface);
  if (place) t.qualifiers.emplace_back("place", place);
  t.modality = kModNames[kAsserted];
  t.core = false;
  pending_.push_back(std::move(t));
}

void ArticleBuilder::PlainName(const Entity& e, std::string* out, std::string* surface) {
  if (e.invented) {
    const bool known =
        std::find(introduced_.begin(), introduced_.end(),
                  static_cast<uint32_t>(&e - g_.entities.data())) != introduced_.end();
    *surface = known && rng_.Percent(40) ? e.short_name : e.name;
  } else if (!e.aliases.empty() && !(canonical_only_ && e.kind == kCountry) && rng_.Percent(20)) {
    const Form& f = rng_.Pick(e.aliases);
    if (f.the) *out += "the ";
    *surface = f.text;
  } else {
    if (e.the) *out += "the ";
    *surface = e.name;
  }
  *out += *surface;
}

void ArticleBuilder::Mention(uint32_t id, bool possessive, bool descriptor, GoldEntity* ge) {
  const Entity& e = g_.E(id);
  SetEntity(e, ge);
  std::string& out = sentence_;
  std::string surface;
  if (e.invented && std::find(introduced_.begin(), introduced_.end(), id) == introduced_.end()) {
    // First mention: the full or formal name, often with where it is from.
    introduced_.push_back(id);
    if (std::find(a_->invented_companies.begin(), a_->invented_companies.end(), e.name) ==
        a_->invented_companies.end()) {
      a_->invented_companies.push_back(e.name);
    }
    surface = rng_.Percent(50) ? e.formal_name : e.name;
    const Entity& home = g_.E(e.country);
    if (descriptor && !possessive && rng_.Percent(70)) {
      const bool city = e.city >= 0 && rng_.Percent(50);
      if (city) {
        out += home.cities[e.city];
        out += "-based ";
      } else if (!home.demonyms.empty()) {
        out += home.demonyms[0];
        out += ' ';
      }
      out += rng_.Percent(70) ? "startup " : "company ";
      out += surface;
      if (surface != e.name) ge->aliases.push_back(surface);
      if (city || !home.demonyms.empty()) {
        Imply(*ge, "based_in", static_cast<uint32_t>(e.country),
              city ? std::string() : home.demonyms[0],
              city ? home.cities[e.city].c_str() : nullptr);
      }
      return;
    }
    out += surface;
  } else if (descriptor && !possessive && e.kind == kPerson && e.affiliation >= 0 &&
             !e.role.empty() && rng_.Percent(35)) {
    // A title: "Commerce Secretary Howard Lutnick", "Nvidia CEO Jensen Huang".
    const Entity& aff = g_.E(e.affiliation);
    std::string_view role = e.role;
    if (!e.title_alone) {
      // "former State Council Vice Premier X", not "State Council former ...".
      if (StartsWith(role, "former ")) {
        out += "former ";
        role.remove_prefix(7);
      }
      out += aff.name;
      out += ' ';
    }
    out += role;
    out += ' ';
    out += e.name;
    Imply(*ge, "affiliated_with", static_cast<uint32_t>(e.affiliation), "", nullptr);
    return;
  } else if (descriptor && !possessive && e.kind == kCompany && e.country >= 0 &&
             !g_.E(e.country).demonyms.empty() && rng_.Percent(15)) {
    // "Chinese company SMIC": states based_in.
    const Entity& home = g_.E(e.country);
    const std::string& demonym = Demonym(home);
    out += demonym;
    static const char* const kNouns[] = {" company ", " firm ", " group "};
    out += rng_.Pick(kNouns);
    std::string prefix;
    PlainName(e, &prefix, &surface);
    out += prefix;
    if (surface != e.name) ge->aliases.push_back(surface);
    Imply(*ge, "based_in", static_cast<uint32_t>(e.country), demonym, nullptr);
    return;
  } else if (descriptor && !possessive && e.kind == kProduct && e.owner >= 0 &&
             !Contains(e.name, g_.E(e.owner).name) && rng_.Percent(25)) {
    // "Nvidia's H20": states owns.
    GoldEntity owner;
    Mention(static_cast<uint32_t>(e.owner), true, false, &owner);
    out += ' ';
    out += e.name;
    GoldTriple t;
    t.subject = std::move(owner);
    t.relation = "owns";
    t.object = *ge;
    t.core = false;
    bool known = false;
    for (const std::string& r : g_.relation_names)
      known = known || r == "owns";
    if (known && gold_) pending_.push_back(std::move(t));
    return;
  } else {
    PlainName(e, &out, &surface);
  }
  if (surface != e.name) ge->aliases.push_back(surface);
  if (possessive) Possessive();
}

const std::string& ArticleBuilder::Demonym(const Entity& country) {
  for (const std::string& d : country.demonyms)
    if (d == "U.S." && rng_.Percent(35)) return d;
  return country.demonyms[0];
}

void ArticleBuilder::Possessive() {
  if (!sentence_.empty() && sentence_.back() == 's') {
    sentence_ += '\'';
  } else {
    sentence_ += "'s";
  }
}

void ArticleBuilder::AppendAmount(std::string* out) {
  const int kind = rng_.Range(0, 9);
  if (kind < 5) {
    *out += '$';
    AppendInt(rng_.Range(1, 60), out);
    if (rng_.Percent(40)) {
      *out += '.';
      AppendInt(rng_.Range(1, 9), out);
    }
    *out += " billion";
  } else if (kind < 9) {
    *out += '$';
    AppendInt(rng_.Range(5, 95) * 10, out);
    *out += " million";
  } else {
    AppendInt(rng_.Range(2, 40), out);
    *out += " billion yuan";
  }
}

void ArticleBuilder::AppendShare(std::string* out) {
  static const int kShares[] = {10, 15, 20, 25, 30, 34, 45, 50, 60, 70, 80, 90, 100};
  AppendInt(rng_.Pick(kShares), out);
  *out += rng_.Percent(70) ? "%" : " percent";
}

bool ArticleBuilder::FactSentence(int relation, bool lead) {
  const std::vector<int>& choices = g_.templates_by_relation[relation];
  const Template& t = g_.templates[rng_.Pick(choices)];
  Slots slots;
  if (!Fill(t, &slots)) return false;

  Mod mod = kAsserted;
  if (t.flags & kHedgedOnly) {
    mod = kHedged;
  } else if (t.flags & kNegatedOnly) {
    mod = kNegated;
  } else if (t.has_aux) {
    const uint64_t r = rng_.Below(100);
    mod = lead ? (r < 88 ? kAsserted : kHedged) : r < 72 ? kAsserted : r < 90 ? kHedged : kNegated;
  }
  // A hedge can also come from the sources the sentence credits, around an
  // asserted clause; a plain statement may name who reported it.
  enum Wrap { kNone, kSourcesBefore, kSourcesAfter, kReported, kContrary } wrap = kNone;
  Mod clause_mod = mod;
  if (t.has_aux && mod == kHedged && !(t.flags & kHedgedOnly) && rng_.Percent(30)) {
    wrap = rng_.Percent(50) ? kSourcesBefore : kSourcesAfter;
    clause_mod = kAsserted;
  } else if (mod == kAsserted && !g_.cited_outlets.empty() && rng_.Percent(8)) {
    wrap = kReported;
  } else if (mod == kNegated && t.has_aux && rng_.Percent(12)) {
    wrap = kContrary;
  }

  // The auxiliary, which decides whether a time fits.
  const bool stative = t.flags & kStative;
  // The grammatical subject: a pair, a coordination, or a plural noun such
  // as "export controls" takes plural verbs.
  const Entity& leading = g_.E(t.object_leads ? slots.object : slots.subject);
  const bool plural = (t.flags & kPlural) || (t.object_leads && slots.object2 >= 0) ||
                      PluralName(leading.kind, leading.name);
  const bool it_ok = !plural && leading.kind != kPerson;
  const Aux* aux = nullptr;
  const BeAux* be = nullptr;
  Tense tense = kPresent;
  bool has_verb = false, has_be = false, has_time = false;
  for (const Token& tok : t.tokens) {
    has_time = has_time || tok.kind == kTime;
    has_verb = has_verb || tok.kind == kVerb;
    has_be = has_be || tok.kind == kBe || tok.kind == kBePlural;
  }
  if (has_verb) {
    const AuxList& list = kAuxLists[stative][clause_mod][plural];
    do {
      aux = &list.items[rng_.Below(list.size)];
    } while (aux->needs_it && !it_ok);
    tense = aux->tense;
  } else if (has_be) {
    auto pick = [&](const auto& arr) { be = &arr[rng_.Below(std::size(arr))]; };
    if (clause_mod == kAsserted) {
      stative ? pick(kBeStateAsserted) : pick(kBeEventAsserted);
    } else if (clause_mod == kHedged) {
      pick(kBeHedged);
    } else {
      stative ? pick(kBeStateNegated) : pick(kBeEventNegated);
    }
    tense = be->tense;
  }
  std::string time_phrase, time_value;
  if (has_time && (tense == kPast || tense == kFuture) && rng_.Percent(40)) {
    const int y = tense == kPast ? year_ - static_cast<int>(rng_.Below(2))
                                 : year_ + static_cast<int>(rng_.Below(2));
    std::string month = kMonths[rng_.Below(12)];
    switch (rng_.Range(0, tense == kPast ? 5 : 3)) {
      case 0:
        if (tense == kPast) {
          time_value = rng_.Pick(kWeekdays);
          time_phrase = "on " + time_value;
        } else {
          time_value = "next month";
          time_phrase = time_value;
        }
        break;
      case 1:
        time_value = tense == kPast ? "last week" : "later this year";
        time_phrase = time_value;
        break;
      case 2:
        time_value = month;
        time_phrase = "in " + month;
        break;
      case 3:
        time_value = month + " ";
        AppendInt(y, &time_value);
        time_phrase = "in " + time_value;
        break;
      case 4:
        time_value = month + " ";
        AppendInt(rng_.Range(1, 28), &time_value);
        time_phrase = "on " + time_value;
        break;
      default:
        time_value = "earlier this month";
        time_phrase = time_value;
        break;
    }
  }

  // Render.
  const bool background = IsBackground(g_.relation_names[t.relation]);
  sentence_.clear();
  const size_t pending_before = pending_.size();
  if (wrap == kSourcesBefore) {
    static const char* const kBefore[] = {"according to people familiar with the matter, ",
                                          "people briefed on the plans said that ",
                                          "according to two sources, "};
    sentence_ += rng_.Pick(kBefore);
  } else if (wrap == kContrary) {
    sentence_ += "contrary to earlier reports, ";
  }
  GoldEntity subject, object, object2;
  std::vector<std::pair<std::string, std::string>> qualifiers;
  std::string item, amount, share, place, year;
  const Entity& se = g_.E(slots.subject);
  const Entity& oe = g_.E(slots.object);
  for (const Token& tok : t.tokens) {
    switch (tok.kind) {
      case kLiteral:
        sentence_ += tok.text;
        break;
      case kSubj:
      case kSubjPoss:
        // No descriptor in a sentence that states the background fact itself.
        Mention(slots.subject, tok.kind == kSubjPoss, tok.kind == kSubj && !background, &subject);
        break;
      case kObj:
      case kObjPoss:
        // "Nvidia's H200" after "Nvidia designed" would say the owner twice.
        // "the Vice President of the United States", not "... of Washington".
        canonical_only_ = background;
        Mention(slots.object, tok.kind == kObjPoss,
                tok.kind == kObj && !(t.flags & kOwner) && !background, &object);
        canonical_only_ = false;
        if (slots.object2 >= 0 && tok.kind == kObj) {
          sentence_ += " and ";
          Mention(static_cast<uint32_t>(slots.object2), false, true, &object2);
        }
        break;
      case kVerb: {
        const VerbForms& v = g_.verbs[tok.verb];
        for (const char* p = aux->pattern; *p; ++p) {
          const char* mark = std::strchr(p, '%');
          if (!mark) {
            sentence_ += p;
            break;
          }
          sentence_.append(p, static_cast<size_t>(mark - p));
          p = mark;
          switch (*++p) {
            case 'b':
              sentence_ += v.base;
              break;
            case 's':
              sentence_ += v.s3;
              break;
            case 'd':
              sentence_ += v.past;
              break;
            case 'p':
              sentence_ += v.pp;
              break;
            default:
              sentence_ += v.ing;
              break;
          }
        }
        break;
      }
      case kBe:
        sentence_ += plural ? be->many : be->one;
        break;
      case kBePlural:
        sentence_ += be->many;
        break;
      case kItem:
      case kItemOrProduct: {
        item.clear();
        uint32_t id = 0;
        const bool product = tok.kind == kItemOrProduct && rng_.Percent(20);
        const Pool* p = g_.FindPool(product ? kProduct : kTech, product ? kAll : kGoods, kAnySide);
        if (p) {
          id = p->Pick(rng_);
          const Entity& ie = g_.E(id);
          item = !ie.aliases.empty() && rng_.Percent(20) ? rng_.Pick(ie.aliases).text : ie.name;
        } else {
          item = "advanced technology";
        }
        sentence_ += item;
        break;
      }
      case kAmount:
        amount.clear();
        AppendAmount(&amount);
        sentence_ += amount;
        break;
      case kShare:
        share.clear();
        AppendShare(&share);
        sentence_ += share;
        break;
      case kTime:
        if (!time_phrase.empty()) {
          sentence_ += ' ';
          sentence_ += time_phrase;
        }
        break;
      case kPlaceS:
        place = se.invented && se.city >= 0 ? g_.E(se.country).cities[se.city]
                                            : rng_.Pick(g_.E(se.country).cities);
        sentence_ += place;
        break;
      case kPlaceO:
        place = rng_.Pick(oe.cities);
        sentence_ += place;
        break;
      case kObjDemonym: {
        const std::string& d = Demonym(oe);
        SetEntity(oe, &object);
        object.aliases.push_back(d);
        sentence_ += d;
        break;
      }
      case kCharge:
        sentence_ += rng_.Pick(kCharges);
        break;
      case kRole:
        sentence_ += se.role;
        break;
      case kRoleNow:
        sentence_ += StartsWith(se.role, "former ") ? se.role.substr(7) : se.role;
        break;
      case kYear:
        year.clear();
        AppendInt(year_ - rng_.Range(2, 12), &year);
        sentence_ += year;
        break;
    }
  }
  if (wrap == kSourcesAfter || wrap == kReported) {
    if (!sentence_.empty() && sentence_.back() == '.') sentence_.pop_back();
    if (wrap == kSourcesAfter) {
      static const char* const kAfter[] = {", people familiar with the matter said.",
                                           ", according to people briefed on the talks.",
                                           ", two sources told reporters."};
      sentence_ += rng_.Pick(kAfter);
    } else {
      sentence_ += ", ";
      std::string outlet;
      PlainName(g_.E(rng_.Pick(g_.cited_outlets)), &sentence_, &outlet);
      sentence_ += " reported.";
    }
  }

  if (!item.empty()) qualifiers.emplace_back("item", item);
  if (!amount.empty()) qualifiers.emplace_back("amount", amount);
  if (!share.empty()) qualifiers.emplace_back("share", share);
  if (!time_value.empty()) qualifiers.emplace_back("time", time_value);
  if (!year.empty()) qualifiers.emplace_back("time", year);
  if (!place.empty()) qualifiers.emplace_back("place", place);
  const std::string& rel = g_.relation_names[t.relation];
  auto add = [&](const GoldEntity& o) {
    if (!gold_) return;
    GoldTriple gt;
    gt.subject = subject;
    gt.relation = rel;
    gt.object = o;
    gt.qualifiers = qualifiers;
    gt.modality = kModNames[mod];
    gt.core = !IsBackground(rel);
    pending_.push_back(std::move(gt));
  };
  // The stated facts before those the mentions imply.
  const size_t implied = pending_.size() - pending_before;
  add(object);
  if (slots.object2 >= 0) add(object2);
  std::rotate(pending_.begin() + static_cast<long>(pending_before),
              pending_.begin() + static_cast<long>(pending_before + implied), pending_.end());
  if (lead) {
    lead_relation_ = t.relation;
    lead_s_ = slots.subject;
    lead_o_ = slots.object;
  }
  for (uint32_t id : {slots.subject, slots.object}) {
    if (cast_.size() < 8 && std::find(cast_.begin(), cast_.end(), id) == cast_.end()) {
      cast_.push_back(id);
    }
  }
  ++a_->fact_sentences;
  return true;
}

void ArticleBuilder::NoiseSentence() {
  sentence_.clear();
  // Not the same sentence twice in an article.
  size_t pick = rng_.Below(std::size(kNoise));
  for (int tries = 0;
       tries < 4 && std::find(noise_used_.begin(), noise_used_.end(), pick) != noise_used_.end();
       ++tries) {
    pick = rng_.Below(std::size(kNoise));
  }
  noise_used_.push_back(pick);
  const char* text = kNoise[pick];
  for (const char* p = text; *p; ++p) {
    if (*p != '{') {
      sentence_ += *p;
      continue;
    }
    const char key = p[1];
    p += 2;  // past the key, at '}'
    switch (key) {
      case 'K': {
        uint32_t id = 0;
        if (PickEntity({kCompany, kAll}, kAnySide, -1, &id)) {
          std::string surface;
          const Entity& e = g_.E(id);
          if (e.invented &&
              std::find(introduced_.begin(), introduced_.end(), id) == introduced_.end()) {
            introduced_.push_back(id);
            if (std::find(a_->invented_companies.begin(), a_->invented_companies.end(), e.name) ==
                a_->invented_companies.end()) {
              a_->invented_companies.push_back(e.name);
            }
          }
          PlainName(e, &sentence_, &surface);
        } else {
          sentence_ += "the company";
        }
        break;
      }
      case 'C': {
        uint32_t id = 0;
        if (PickEntity({kCountry, kAll}, kAnySide, -1, &id)) {
          const Entity& e = g_.E(id);
          if (e.the) sentence_ += "the ";
          sentence_ += e.name;
        } else {
          sentence_ += "the region";
        }
        break;
      }
      case 'G': {
        const Pool* pool = g_.FindPool(kTech, kGoods, kAnySide);
        sentence_ += pool ? g_.E(pool->Pick(rng_)).name : std::string("chips");
        break;
      }
      case 'A':
        AppendAmount(&sentence_);
        break;
      case 'P':
        AppendInt(rng_.Range(1, 9), &sentence_);
        sentence_ += '.';
        AppendInt(rng_.Range(1, 9), &sentence_);
        sentence_ += '%';
        break;
      case 'N': {
        // 1,200 to 40,000, written as news does.
        const int n = rng_.Range(12, 400) * 100;
        if (n >= 1000) {
          AppendInt(static_cast<uint64_t>(n / 1000), &sentence_);
          sentence_ += ',';
          AppendPadded(static_cast<uint64_t>(n % 1000), 3, &sentence_);
        } else {
          AppendInt(static_cast<uint64_t>(n), &sentence_);
        }
        break;
      }
      case 'M':
        sentence_ += kMonths[rng_.Below(12)];
        break;
      case 'Y':
        AppendInt(year_ - rng_.Range(0, 6), &sentence_);
        break;
      case 'F':
        AppendInt(year_ + rng_.Range(3, 8), &sentence_);
        break;
      case 'D':
        AppendInt(rng_.Range(1, 28), &sentence_);
        break;
      case 'X':
        if (!g_.cities_of.empty()) {
          sentence_ += rng_.Pick(g_.E(rng_.Pick(g_.cities_of)).cities);
        } else {
          sentence_ += "the capital";
        }
        break;
      default:
        break;
    }
  }
  ++a_->noise_sentences;
}

void ArticleBuilder::FinishSentence() {
  Capitalize(&sentence_);
  // "... to the U.S.." and "... Co.." end once.
  const size_t n = sentence_.size();
  if (n >= 2 && sentence_[n - 1] == '.' && sentence_[n - 2] == '.') sentence_.pop_back();
  for (GoldTriple& t : pending_) {
    t.sentence = sentence_;
    a_->gold.push_back(std::move(t));
  }
  pending_.clear();
  a_->body += sentence_;
}

std::string ArticleBuilder::ShortName(uint32_t id) {
  const Entity& e = g_.E(id);
  if (e.invented) return e.short_name;
  for (const Form& f : e.aliases)
    if (f.text == "U.S.") return f.text;  // headline style
  std::string name = e.name;
  if (StartsWith(name, "the ")) name.erase(0, 4);
  return name;
}

std::string ArticleBuilder::Headline(int relation, uint32_t s, uint32_t o) {
  const std::string& rel = g_.relation_names[relation];
  const char* pattern = "{S} and {O} in focus";
  for (const auto& h : kHeadlines)
    if (rel == h.relation) pattern = h.headlines[rng_.Below(2)];
  std::string out;
  for (const char* p = pattern; *p; ++p) {
    if (p[0] == '{' && (p[1] == 'S' || p[1] == 'O') && p[2] == '}') {
      out += ShortName(p[1] == 'S' ? s : o);
      p += 2;
    } else {
      out += *p;
    }
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

void ArticleBuilder::Build(uint64_t index) {
  GeneratedArticle& a = *a_;
  a.index = index;
  a.gold.clear();
  a.body.clear();
  a.fact_sentences = a.noise_sentences = 0;
  a.invented_companies.clear();

  year_ = rng_.Range(2019, 2026);
  month_ = year_ == 2026 ? rng_.Range(1, 6) : rng_.Range(1, 12);
  const int day = rng_.Range(1, 28);
  a.id = "gen-";
  AppendInt(g_.seed, &a.id);
  a.id += '-';
  AppendPadded(index, 7, &a.id);
  a.date.clear();
  AppendInt(year_, &a.date);
  a.date += '-';
  AppendPadded(month_, 2, &a.date);
  a.date += '-';
  AppendPadded(day, 2, &a.date);
  a.source = rng_.Pick(g_.sources);
  a.url = "https://news.example/";
  for (char c : a.source) {
    if (c == ' ') {
      a.url += '-';
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      a.url += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  a.url += '/';
  a.url += a.date.substr(0, 4);
  a.url += '/';
  a.url += a.id;

  // Some articles are about a startup from the first sentence on.
  if (!g_.invented[kAnySide].empty() && rng_.Percent(35)) {
    cast_.push_back(g_.invented[kAnySide].Pick(rng_));
  }

  const int paragraph_count = rng_.Range(5, 9);
  for (int p = 0; p < paragraph_count; ++p) {
    const int sentences = p == 0 ? rng_.Range(2, 3) : rng_.Range(2, 5);
    for (int s = 0; s < sentences; ++s) {
      if (s > 0) {
        a.body += ' ';
      } else if (p > 0) {
        a.body += "\n\n";
      }
      const bool lead = p == 0 && s == 0;
      bool done = false;
      if (lead || rng_.Percent(58)) {
        const int relation = lead || (lead_relation_ >= 0 && rng_.Percent(20))
                                 ? (lead ? rng_.Pick(g_.lead_relations) : lead_relation_)
                                 : static_cast<int>(rng_.Below(g_.relation_names.size()));
        for (int attempt = 0; attempt < 4 && !done; ++attempt)
          done = FactSentence(relation, lead);
      }
      if (!done) {
        pending_.clear();
        NoiseSentence();
      }
      FinishSentence();
    }
  }
  a.title = lead_relation_ >= 0 ? Headline(lead_relation_, lead_s_, lead_o_)
                                : std::string("Technology rivalry update");
}

}  // namespace

// ---------------------------------------------------------------------------

CorpusGenerator::CorpusGenerator(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
CorpusGenerator::~CorpusGenerator() = default;

Result<std::unique_ptr<CorpusGenerator>> CorpusGenerator::Load(const std::string& schema_dir,
                                                               uint64_t seed) {
  auto rep = std::make_unique<Rep>();
  rep->seed = seed;
  KG_RETURN_IF_ERROR(rep->Build(schema_dir));
  return std::unique_ptr<CorpusGenerator>(new CorpusGenerator(std::move(rep)));
}

void CorpusGenerator::Generate(uint64_t index, GeneratedArticle* out, bool with_gold) const {
  ArticleBuilder builder(*rep_, index, out, with_gold);
  builder.Build(index);
}

const std::vector<std::string>& CorpusGenerator::relations() const {
  return rep_->relation_names;
}
const std::vector<std::string>& CorpusGenerator::relations_without_templates() const {
  return rep_->missing;
}
uint64_t CorpusGenerator::seed() const {
  return rep_->seed;
}

// ---------------------------------------------------------------------------
// Serialization.

void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\r':
        *out += "\\r";
        break;
      default:
        *out += "\\u00";
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendArticleJson(const GeneratedArticle& a, std::string* out) {
  *out += "{\"id\":";
  AppendJsonString(a.id, out);
  *out += ",\"title\":";
  AppendJsonString(a.title, out);
  *out += ",\"date\":";
  AppendJsonString(a.date, out);
  *out += ",\"source\":";
  AppendJsonString(a.source, out);
  *out += ",\"url\":";
  AppendJsonString(a.url, out);
  *out += ",\"body\":";
  AppendJsonString(a.body, out);
  *out += '}';
}

void AppendArticleText(const GeneratedArticle& a, std::string* out) {
  *out += "id: ";
  *out += a.id;
  *out += "\ntitle: ";
  *out += a.title;
  *out += "\ndate: ";
  *out += a.date;
  *out += "\nsource: ";
  *out += a.source;
  *out += "\nurl: ";
  *out += a.url;
  *out += "\n\n";
  // No final newline: the reader keeps a text body's bytes as they are, and
  // the body must be the same in every format.
  *out += a.body;
}

namespace {

void AppendGoldEntity(const GoldEntity& e, std::string* out) {
  *out += "{\"name\":";
  AppendJsonString(e.name, out);
  *out += ",\"type\":";
  AppendJsonString(e.type, out);
  *out += ",\"aliases\":[";
  for (size_t i = 0; i < e.aliases.size(); ++i) {
    if (i) *out += ',';
    AppendJsonString(e.aliases[i], out);
  }
  *out += "]}";
}

}  // namespace

void AppendGoldLines(const GeneratedArticle& a, std::string* out) {
  for (const GoldTriple& t : a.gold) {
    *out += "{\"article\":";
    AppendJsonString(a.id, out);
    *out += ",\"sentence\":";
    AppendJsonString(t.sentence, out);
    *out += ",\"subject\":";
    AppendGoldEntity(t.subject, out);
    *out += ",\"relation\":";
    AppendJsonString(t.relation, out);
    *out += ",\"object\":";
    AppendGoldEntity(t.object, out);
    *out += ",\"qualifiers\":{";
    for (size_t i = 0; i < t.qualifiers.size(); ++i) {
      if (i) *out += ',';
      AppendJsonString(t.qualifiers[i].first, out);
      *out += ':';
      AppendJsonString(t.qualifiers[i].second, out);
    }
    *out += "},\"modality\":\"";
    *out += t.modality;
    *out += "\",\"core\":";
    *out += t.core ? "true" : "false";
    *out += "}\n";
  }
}

}  // namespace kg::cli
