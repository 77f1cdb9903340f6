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
  // Files linted in order leave each file's findings together and the files
  // in order: sorting within each file's run and then looking is far cheaper
  // than moving thousands of findings through a sort of the whole, and as
  // both sorts are stable the result is the same.
  for (auto run = findings.begin(); run != findings.end();) {
    auto end = std::find_if(run, findings.end(), [&](const Finding& finding) {
      return finding.location.file != run->location.file;
    });
    std::stable_sort(run, end, before);
    run = end;
  }
  if (std::is_sorted(findings.begin(), findings.end(), before)) return;
  std::stable_sort(findings.begin(), findings.end(), before);
}

}  // namespace migcheck
