#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace migcheck {

// FNV-1a, 64 bits: small, dependency-free and the same on every platform and
// run, which is all migcheck's fingerprints need (they are not a security
// boundary). Baselines and report fingerprints are stored by users, so the
// values must never change.
class StableHash {
 public:
  // The bytes as they are.
  void add(std::string_view bytes);
  // The bytes and a separator, so ("ab", "c") and ("a", "bc") differ.
  void add_field(std::string_view bytes);
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// MurmurHash3's final mix, so inputs that differ only in their last byte
// still differ in every digit.
uint64_t mixed(uint64_t hash);

// 16 lower-case hexadecimal digits.
std::string hex16(uint64_t value);

}  // namespace migcheck
