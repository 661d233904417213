// Binary encodings used for RocksDB keys and values.
//
// Keys use fixed-width big-endian integers so that bytewise key order equals
// numeric order and a prefix of a key is a prefix scan. Values use varints and
// length-prefixed strings (as LevelDB does) to stay small. Decoders take a
// string_view by pointer, consume what they read, and return false on
// truncated input instead of reading past the end.
#ifndef KG_UTIL_CODING_H_
#define KG_UTIL_CODING_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace kg {

void PutFixed16BE(std::string* dst, uint16_t v);
void PutFixed32BE(std::string* dst, uint32_t v);
void PutFixed64BE(std::string* dst, uint64_t v);
uint16_t DecodeFixed16BE(const char* p);
uint32_t DecodeFixed32BE(const char* p);
uint64_t DecodeFixed64BE(const char* p);

void PutVarint64(std::string* dst, uint64_t v);
void PutLengthPrefixed(std::string* dst, std::string_view s);
// IEEE-754 bits, little-endian; exact round trip of every double.
void PutDouble(std::string* dst, double v);

bool GetFixed16BE(std::string_view* in, uint16_t* v);
bool GetFixed32BE(std::string_view* in, uint32_t* v);
bool GetFixed64BE(std::string_view* in, uint64_t* v);
bool GetVarint64(std::string_view* in, uint64_t* v);
bool GetVarint32(std::string_view* in, uint32_t* v);
bool GetLengthPrefixed(std::string_view* in, std::string_view* s);
bool GetDouble(std::string_view* in, double* v);
bool GetByte(std::string_view* in, uint8_t* v);

// Lower-case hex of the bytes, for error messages that must name a key.
std::string HexBytes(std::string_view bytes);

}  // namespace kg

#endif  // KG_UTIL_CODING_H_
