#pragma once
#include <cstdint>

namespace migcheck {

// The seeder's pseudo-random numbers: SplitMix64, written out here so that a
// seed gives the same rows on every machine and standard library (the
// std::*_distribution classes are free to differ between implementations).
class SeedRandom {
 public:
  explicit SeedRandom(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // A number in [0, bound); the modulo bias is irrelevant for test data.
  uint64_t below(uint64_t bound) { return bound == 0 ? 0 : next() % bound; }
  // True with probability percent / 100.
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  uint64_t state_;
};

}  // namespace migcheck
