#include "linter/finding.h"

#include <algorithm>
#include <tuple>

namespace migcheck {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
  if (text == "info") {
    out = Severity::info;
  } else if (text == "warning") {
    out = Severity::warning;
  } else if (text == "error") {
    out = Severity::error;
  } else {
    return false;
  }
  return true;
}

void sort_findings(std::vector<Finding>& findings) {
  auto before = [](const Finding& a, const Finding& b) {
    return std::tie(a.location, a.rule, a.message) < std::tie(b.location, b.rule, b.message);
  };
  // Files linted in order mostly leave their findings in order already, and
  // moving thousands of findings costs far more than looking.
  if (std::is_sorted(findings.begin(), findings.end(), before)) return;
  std::stable_sort(findings.begin(), findings.end(), before);
}

}  // namespace migcheck
