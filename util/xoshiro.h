// Xoshiro256: the xoshiro256** generator seeded through SplitMix64. Fast, and
// the same numbers on every machine and library (unlike the std::
// distributions), so that generated data is reproducible by seed: the
// synthetic corpus (kg generate) and the benchmarks' graphs draw from it.
#ifndef KG_UTIL_XOSHIRO_H_
#define KG_UTIL_XOSHIRO_H_

#include <cstdint>

namespace kg {

// Advances *state and returns its next SplitMix64 output.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed) {
    for (uint64_t& word : s_)
      word = SplitMix64(&seed);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace kg

#endif  // KG_UTIL_XOSHIRO_H_
