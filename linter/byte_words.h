#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

namespace migcheck {

// Tests on eight bytes at once, for scans over text that is nearly all plain
// ASCII (SQL files, report strings): the common case then costs a few
// operations per eight bytes instead of a branch per byte. Each answers only
// whether some byte matches, not which.
namespace byte_words {

constexpr uint64_t kOnes = 0x0101010101010101;
constexpr uint64_t kHighs = 0x8080808080808080;

// The eight bytes of `text` from `at` (the caller checks there are eight).
inline uint64_t load(std::string_view text, size_t at) {
  uint64_t word;
  std::memcpy(&word, text.data() + at, sizeof word);
  return word;
}

// Some byte is beyond ASCII (its high bit set).
constexpr bool has_high(uint64_t word) {
  return (word & kHighs) != 0;
}

// Some byte is below `limit` (at most 0x80).
constexpr bool has_below(uint64_t word, uint8_t limit) {
  return ((word - kOnes * limit) & ~word & kHighs) != 0;
}

// Some byte equals `byte`.
constexpr bool has(uint64_t word, char byte) {
  return has_below(word ^ (kOnes * static_cast<uint8_t>(byte)), 1);
}

}  // namespace byte_words

}  // namespace migcheck
