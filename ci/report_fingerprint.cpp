#include <cstdint>
#include <map>
#include <tuple>

#include "ci/report_formats.h"

namespace migcheck {

namespace {

// FNV-1a, 64 bits, with MurmurHash3's final mix so inputs that differ only in
// their last byte (the occurrence counter) still differ everywhere: small,
// dependency-free and stable across platforms, which is all a fingerprint
// needs (it is not a security boundary).
class Fnv1a64 {
 public:
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
    // A separator so ("ab", "c") and ("a", "bc") differ.
    hash_ ^= 0xff;
    hash_ *= 0x100000001b3ULL;
  }
  std::string hex() const {
    uint64_t mixed = hash_;
    mixed ^= mixed >> 33;
    mixed *= 0xff51afd7ed558ccdULL;
    mixed ^= mixed >> 33;
    mixed *= 0xc4ceb9fe1a85ec53ULL;
    mixed ^= mixed >> 33;
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text(16, '0');
    for (int i = 0; i < 16; ++i) text[15 - i] = kDigits[(mixed >> (4 * i)) & 0xf];
    return text;
  }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings) {
  std::map<std::tuple<std::string_view, std::string, std::string_view>, int> seen;
  std::vector<std::string> fingerprints;
  fingerprints.reserve(findings.size());
  for (const Finding& finding : findings) {
    std::string path = repository_path(finding.location.file);
    int occurrence = seen[{finding.rule, path, finding.message}]++;
    Fnv1a64 hash;
    hash.add(finding.rule);
    hash.add(path);
    hash.add(finding.message);
    hash.add(std::to_string(occurrence));
    fingerprints.push_back(hash.hex());
  }
  return fingerprints;
}

}  // namespace migcheck
