#include <cstdint>
#include <map>
#include <tuple>

#include "ci/report_formats.h"
#include "ci/stable_hash.h"

namespace migcheck {

std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings) {
  std::map<std::tuple<std::string_view, std::string, std::string_view>, int> seen;
  std::vector<std::string> fingerprints;
  fingerprints.reserve(findings.size());
  for (const Finding& finding : findings) {
    std::string path = repository_path(finding.location.file);
    int occurrence = seen[{finding.rule, path, finding.message}]++;
    // The occurrence counter is the last byte to differ: mixed() spreads it.
    StableHash hash;
    hash.add_field(finding.rule);
    hash.add_field(path);
    hash.add_field(finding.message);
    hash.add_field(std::to_string(occurrence));
    fingerprints.push_back(hex16(mixed(hash.value())));
  }
  return fingerprints;
}

}  // namespace migcheck
