#include "ci/stable_hash.h"

namespace migcheck {

namespace {
constexpr uint64_t kPrime = 0x100000001b3ULL;
}  // namespace

void StableHash::add(std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash_ ^= c;
    hash_ *= kPrime;
  }
}

void StableHash::add_field(std::string_view bytes) {
  add(bytes);
  hash_ ^= 0xff;
  hash_ *= kPrime;
}

uint64_t mixed(uint64_t hash) {
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33;
  return hash;
}

std::string hex16(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 0; i < 16; ++i) text[15 - i] = kDigits[(value >> (4 * i)) & 0xf];
  return text;
}

}  // namespace migcheck
