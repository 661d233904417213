// The data model of the knowledge graph: what the store keeps and returns.
//
// Entities and relations are dictionary-encoded: an EntityId is a dense
// integer assigned by the store, a RelationId a small integer assigned from
// the ontology. A Triple is a distinct (subject, relation, object); the
// sentences that support it are its Evidence, each from one article.
#ifndef KG_GRAPH_TYPES_H_
#define KG_GRAPH_TYPES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kg {

using EntityId = uint32_t;    // 0 is never a valid id
using RelationId = uint16_t;  // 0 is never a valid id
using TypeId = uint16_t;      // 0 is never a valid id

struct Triple {
  EntityId subject = 0;
  RelationId relation = 0;
  EntityId object = 0;

  friend bool operator==(const Triple&, const Triple&) = default;
  friend auto operator<=>(const Triple&, const Triple&) = default;
};

struct TripleHash {
  size_t operator()(const Triple& t) const {
    uint64_t h = (uint64_t{t.subject} << 32) ^ (uint64_t{t.relation} << 48) ^ t.object;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return static_cast<size_t>(h ^ (h >> 32));
  }
};

// How a sentence states a fact.
enum class Modality : uint8_t { kAsserted = 0, kHedged = 1, kNegated = 2 };
constexpr int kModalityCount = 3;

std::string_view ModalityName(Modality m);
// Accepts "asserted", "hedged", "negated".
bool ParseModality(std::string_view text, Modality* m);

// A set of modalities as bits (1 << Modality).
using ModalitySet = uint8_t;
constexpr ModalitySet ModalityBit(Modality m) {
  return static_cast<ModalitySet>(1u << static_cast<int>(m));
}
// "asserted,hedged" style rendering, in a fixed order.
std::string ModalitySetToString(ModalitySet set);

// Dates are packed as YYYYMMDD in a uint32; month or day may be 0 when the
// source gives only "2024" or "2024-05". 0 means no date.
using PackedDate = uint32_t;
// Accepts YYYY, YYYY-MM or YYYY-MM-DD with a real calendar date.
bool ParseDate(std::string_view text, PackedDate* date);
// The inverse of ParseDate; "" for 0.
std::string FormatDate(PackedDate date);
// The last day a date stands for, as an upper bound: "2024" means up to the
// end of 2024 (20241299), "2024-05" up to the end of May (20240599); a full
// date and 0 stay as they are.
PackedDate EndOfPeriod(PackedDate date);

// Qualifiers of a fact (item, amount, share, time, place), sorted by key.
using Qualifiers = std::vector<std::pair<std::string, std::string>>;

// One sentence that supports a triple.
struct Evidence {
  std::string article;          // the article's external id
  int64_t sentence_index = -1;  // 0-based, -1 when unknown
  int64_t span_begin = -1;      // character span of the sentence in the article,
  int64_t span_end = -1;        // [begin, end); -1 when unknown
  std::string sentence;
  Modality modality = Modality::kAsserted;
  double confidence = 1.0;  // in [0, 1]
  PackedDate date = 0;
  Qualifiers qualifiers;

  friend bool operator==(const Evidence&, const Evidence&) = default;
};

// Aggregates over a triple's evidence, kept in the SPO index so that graph
// projection needs one scan and no second read.
struct TripleStats {
  uint32_t evidence_count = 0;
  PackedDate first_date = 0;  // 0 when no evidence has a date
  PackedDate last_date = 0;
  double max_confidence = 0;
  ModalitySet modalities = 0;

  // Folds one piece of evidence into the aggregates.
  void Add(const Evidence& e);
  void Add(PackedDate date, double confidence, Modality modality);
  // Folds the aggregates of more evidence in (as if each had been Added).
  void Merge(const TripleStats& other);
  friend bool operator==(const TripleStats&, const TripleStats&) = default;
};

// An entity as named by an input line or an extractor, before it has an id.
struct EntityRef {
  std::string name;  // canonical name
  std::string type;  // an entity type of the ontology
  std::vector<std::string> aliases;
};

// One fact to store: a triple by names, with the sentence that supports it.
struct Fact {
  EntityRef subject;
  std::string relation;
  EntityRef object;
  Evidence evidence;  // evidence.article is ignored; the article's id is used
};

// Metadata of an ingested article.
struct ArticleMeta {
  std::string id;  // external id, unique in the store
  std::string title;
  std::string source;
  std::string url;
  PackedDate date = 0;
  uint64_t content_hash = 0;    // 0 on input: the store hashes the facts
  int64_t ingest_time = 0;      // Unix seconds; set by the store
  uint32_t evidence_count = 0;  // set by the store
  // Set by the caller that read the article from a document (0: unknown).
  // source_hash covers the document and the rules that extracted it: equal
  // hashes mean a new extraction would give the same facts, so a re-run may
  // skip the article unread (kg ingest). text_hash covers the body alone: a
  // new article whose text an article of the store already has is a
  // duplicate, and is not stored again (store.h).
  uint64_t source_hash = 0;
  uint64_t text_hash = 0;

  friend bool operator==(const ArticleMeta&, const ArticleMeta&) = default;
};

// An article and all the facts extracted from it; written atomically.
struct ArticleInput {
  ArticleMeta meta;
  std::vector<Fact> facts;
  // Set by a caller that looked the article up in the store it will be
  // written to and found neither meta.id nor meta.text_hash there
  // (Store::GetArticle, FindArticleByText): the Store::CommitCount() it read
  // before those lookups. A bulk load trusts it while nothing has been
  // committed since, instead of reading the store again.
  std::optional<uint64_t> absent_at_commit;
  // Set by Store::PrepareArticle when the article passed its checks: that
  // store's serial number (never 0, never the same for two stores opened
  // by one process). Its writers then skip the checks of each fact, which
  // were 4 to 7% of an ingest writer's time; a caller that
  // changes the article afterwards must set it back to 0.
  uint64_t checked_by_store = 0;
};

struct Entity {
  EntityId id = 0;
  std::string name;
  TypeId type = 0;
  std::vector<std::string> aliases;  // as first seen, excluding the name
};

struct RelationInfo {
  RelationId id = 0;
  std::string name;
  bool symmetric = false;
};

struct EntityTypeInfo {
  TypeId id = 0;
  std::string name;
};

}  // namespace kg

#endif  // KG_GRAPH_TYPES_H_
