// The key layout of the store: one column family per index, fixed-width
// big-endian keys so that bytewise order is numeric order and every
// combination of bound positions of a triple pattern is one prefix scan.
//
//   column family      key                                  value
//   default            meta name (see kMeta*)               meta value
//                      "text/" text hash(8)                 article number (4)
//   entities           entity id (4)                        EntityRecord
//   names              normalized name or alias             entity id (4)
//   spo                s(4) p(2) o(4)                       TripleStats
//   pos                p(2) o(4) s(4)                       empty
//   osp                o(4) s(4) p(2)                       empty
//   evidence           s(4) p(2) o(4) article(4) ordinal(4) Evidence
//   articles           article number (4)                   ArticleMeta
//   article_ids        external article id                  article number (4)
//   article_evidence   article(4) ordinal(4)                spo key (10)
//   counts             'g' | 'r' rel(2) | 't' type(2) | 'e' id(4)   varint counters
#ifndef KG_GRAPH_KEYS_H_
#define KG_GRAPH_KEYS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "graph/types.h"

namespace kg {

using ArticleNum = uint32_t;  // the store's internal dense article number

enum ColumnFamily : int {
  kCfDefault = 0,
  kCfEntities,
  kCfNames,
  kCfSpo,
  kCfPos,
  kCfOsp,
  kCfEvidence,
  kCfArticles,
  kCfArticleIds,
  kCfArticleEvidence,
  kCfCounts,
  kCfCount,  // number of column families
};

// RocksDB names of the column families, indexed by ColumnFamily.
extern const std::array<const char*, kCfCount> kColumnFamilyNames;

constexpr size_t kTripleKeySize = 10;
constexpr size_t kEvidenceKeySize = kTripleKeySize + 8;

// Meta keys in the default column family.
inline constexpr std::string_view kMetaFormat = "format";  // value: kStoreFormatName
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaNextEntityId = "next_entity_id";
inline constexpr std::string_view kMetaNextArticleNum = "next_article_num";
inline constexpr std::string_view kMetaRelationPrefix = "relation/";  // + id(2)
inline constexpr std::string_view kMetaTypePrefix = "type/";          // + id(2)
// + text hash(8): the number (4) of the article that first stored that body.
inline constexpr std::string_view kMetaTextPrefix = "text/";
inline constexpr std::string_view kStoreFormatName = "kg-rivalry";
constexpr uint32_t kStoreSchemaVersion = 1;

std::string EntityKey(EntityId id);
std::string SpoKey(const Triple& t);
std::string PosKey(const Triple& t);
std::string OspKey(const Triple& t);
// Decoders; false when the key does not have the fixed size.
bool DecodeSpoKey(std::string_view key, Triple* t);
bool DecodePosKey(std::string_view key, Triple* t);
bool DecodeOspKey(std::string_view key, Triple* t);

std::string EvidenceKey(const Triple& t, ArticleNum article, uint32_t ordinal);
bool DecodeEvidenceKey(std::string_view key, Triple* t, ArticleNum* article, uint32_t* ordinal);

std::string ArticleKey(ArticleNum article);
std::string ArticleEvidenceKey(ArticleNum article, uint32_t ordinal);

std::string GlobalCountKey();
std::string RelationCountKey(RelationId id);
std::string TypeCountKey(TypeId id);
std::string EntityCountKey(EntityId id);

std::string RelationMetaKey(RelationId id);
std::string TypeMetaKey(TypeId id);
std::string TextMetaKey(uint64_t text_hash);

// The lookup form of a name: ASCII case folded, curly quotes and dashes made
// plain, whitespace runs collapsed, trimmed. "U.S." and "u.s." meet; so do
// "Huawei  Technologies" and "huawei technologies".
std::string NormalizeName(std::string_view name);
// The same into *normalized, whose buffer is reused: no allocation per name
// for a caller that keeps one string for many.
void NormalizeNameTo(std::string_view name, std::string* normalized);
// NormalizeName(name).empty(), without building it: the name is only
// whitespace (ASCII or non-breaking).
bool NormalizesToEmpty(std::string_view name);

}  // namespace kg

#endif  // KG_GRAPH_KEYS_H_
