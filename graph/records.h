// Value encodings of the store (see keys.h for which column family holds
// which). Encoders append; decoders return false on truncated or malformed
// bytes, which the store reports as Corruption naming the key.
#ifndef KG_GRAPH_RECORDS_H_
#define KG_GRAPH_RECORDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/types.h"

namespace kg {

void EncodeEntity(const Entity& e, std::string* out);
bool DecodeEntity(std::string_view in, Entity* e);  // e->id is left as is

void EncodeTripleStats(const TripleStats& s, std::string* out);
bool DecodeTripleStats(std::string_view in, TripleStats* s);

// The article id is not encoded: the evidence key holds the article number.
void EncodeEvidence(const Evidence& e, std::string* out);
bool DecodeEvidence(std::string_view in, Evidence* e);

void EncodeArticleMeta(const ArticleMeta& a, std::string* out);
bool DecodeArticleMeta(std::string_view in, ArticleMeta* a);

// A fixed list of counters as varints. Decoding fills missing trailing
// counters with 0, so counters can be appended in later versions.
void EncodeCounters(const uint64_t* values, size_t n, std::string* out);
bool DecodeCounters(std::string_view in, uint64_t* values, size_t n);

}  // namespace kg

#endif  // KG_GRAPH_RECORDS_H_
