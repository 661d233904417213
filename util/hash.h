// A stable 64-bit content hash (FNV-1a with a final avalanche mix).
//
// Stable across runs, machines and versions: it decides whether a re-ingested
// article changed, and names articles that arrive without an id, so its value
// is part of the store's format and must never change.
#ifndef KG_UTIL_HASH_H_
#define KG_UTIL_HASH_H_

#include <cstdint>
#include <string_view>

namespace kg {

class ContentHasher {
 public:
  void Update(std::string_view bytes) {
    for (unsigned char c : bytes)
      UpdateByte(c);
  }
  // Update of one byte, for a loop that feeds two hashes in one pass over
  // its bytes: each hash is one serial chain of multiplies, and two
  // independent chains run side by side in the core for about the time of
  // one.
  void UpdateByte(unsigned char c) {
    state_ ^= c;
    state_ *= 0x100000001b3ULL;
  }
  // Feeds the length first, so that ("ab","c") and ("a","bc") differ.
  void UpdateField(std::string_view bytes) {
    BeginField(bytes.size());
    Update(bytes);
  }
  // UpdateField's length alone: the field's bytes follow through Update or
  // UpdateByte.
  void BeginField(uint64_t size) {
    char len[8];
    for (int i = 0; i < 8; ++i)
      len[i] = static_cast<char>(size >> (8 * i));  // little-endian always
    Update(std::string_view(len, 8));
  }
  uint64_t Finish() const {
    uint64_t h = state_;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  }

 private:
  uint64_t state_ = 0xcbf29ce484222325ULL;
};

inline uint64_t HashContent(std::string_view bytes) {
  ContentHasher h;
  h.Update(bytes);
  return h.Finish();
}

}  // namespace kg

#endif  // KG_UTIL_HASH_H_
