// A hash map from strings to small values, for the store writers' lookups
// of names, which run once or more for each fact on the one writer thread.
//
// std::unordered_map costs there: a division to find the bucket, a node per
// entry to chase (then the key's own allocation), and an allocation per
// insert; while a worker shares the core, each of those is a cache miss.
// This map keeps its slots in one array (power-of-two size, linear probing,
// at most half full) with each key's full hash, so that a key is compared
// only when its hash matches, and its keys back to back in one buffer.
//
// Not a general container: nothing is erased but all at once (Clear), values
// are trivially copyable, and keys are shorter than 4 GiB. Pointers from
// Find are valid until the next Insert or Clear.
#ifndef KG_UTIL_FLAT_STRING_MAP_H_
#define KG_UTIL_FLAT_STRING_MAP_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kg {

template <typename Value>
class FlatStringMap {
  static_assert(std::is_trivially_copyable_v<Value>);

 public:
  // The hash that Find and Insert take: a caller that looks one key up in
  // several maps computes it once.
  static uint64_t Hash(std::string_view key) {
    const uint64_t h = std::hash<std::string_view>{}(key);
    return h == 0 ? 1 : h;  // 0 marks an empty slot
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The value stored for key, or nullptr.
  const Value* Find(std::string_view key) const { return Find(key, Hash(key)); }
  const Value* Find(std::string_view key, uint64_t hash) const {
    if (size_ == 0) return nullptr;
    const Slot& s = slots_[SlotOf(key, hash)];
    return s.hash != 0 ? &s.value : nullptr;
  }
  bool contains(std::string_view key) const { return Find(key) != nullptr; }

  // Adds key -> value and returns true; or, when key is present already,
  // changes nothing and returns false (the first value stays).
  bool Insert(std::string_view key, Value value) { return Insert(key, Hash(key), value); }
  bool Insert(std::string_view key, uint64_t hash, Value value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Slot& s = slots_[SlotOf(key, hash)];
    if (s.hash != 0) return false;
    s.hash = hash;
    s.key_offset = keys_.size();
    s.key_size = static_cast<uint32_t>(key.size());
    s.value = value;
    keys_.append(key);
    ++size_;
    return true;
  }

  // Empties the map and gives its memory back.
  void Clear() {
    std::vector<Slot>().swap(slots_);
    std::string().swap(keys_);
    size_ = 0;
    shift_ = 64;
    mask_ = 0;
  }

  // fn(std::string_view key, const Value& value) for each entry, in no
  // particular order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Slot& s : slots_)
      if (s.hash != 0) fn(KeyOf(s), s.value);
  }

  size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot) + keys_.capacity(); }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint64_t key_offset = 0;
    uint32_t key_size = 0;
    Value value{};
  };
  static constexpr size_t kFirstSlots = 16;

  std::string_view KeyOf(const Slot& s) const {
    return std::string_view(keys_.data() + s.key_offset, s.key_size);
  }

  // The slot that holds key, or else the empty slot where it goes. There
  // are slots, and at least half of them are empty.
  size_t SlotOf(std::string_view key, uint64_t hash) const {
    size_t i = hash >> shift_;
    while (slots_[i].hash != 0 && !(slots_[i].hash == hash && KeyOf(slots_[i]) == key))
      i = (i + 1) & mask_;
    return i;
  }

  // Doubles the slots. The top bits of a hash pick its slot, so the slots
  // move by their stored hashes, without hashing a key again.
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? kFirstSlots : old.size() * 2, Slot());
    int bits = 0;
    while ((size_t{1} << bits) < slots_.size())
      ++bits;
    shift_ = 64 - bits;
    mask_ = slots_.size() - 1;
    for (const Slot& s : old)
      if (s.hash != 0) slots_[SlotOf(KeyOf(s), s.hash)] = s;
  }

  std::vector<Slot> slots_;
  std::string keys_;
  size_t size_ = 0;
  int shift_ = 64;  // a hash's slot is hash >> shift_
  size_t mask_ = 0;
};

}  // namespace kg

#endif  // KG_UTIL_FLAT_STRING_MAP_H_
