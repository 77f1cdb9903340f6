// GitLab Code Quality: the subset of the Code Climate issue format that the
// merge-request widget reads. GitLab matches issues between the base and the
// head pipeline by fingerprint, so it must not change when lines move.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "ci/report_formats.h"

namespace migcheck {

namespace {

using Json = nlohmann::ordered_json;

// Code Quality knows info, minor, major, critical and blocker; like most
// linters' GitLab outputs, errors are "major" and warnings "minor".
std::string_view severity_for(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "major";
    case Severity::warning:
      return "minor";
    case Severity::info:
      return "info";
  }
  return "major";
}

}  // namespace

void render_gitlab(const Report& report, std::ostream& out) {
  std::vector<std::string> fingerprints = finding_fingerprints(report.findings);
  Json issues = Json::array();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& finding = report.findings[i];
    int begin = std::max(finding.location.line, 1);
    int end = std::max(finding.location.end_line, begin);
    Json issue{{"type", "issue"},
               {"description", finding.message},
               {"check_name", finding.rule},
               {"categories", Json::array({"Bug Risk"})},
               {"fingerprint", fingerprints[i]},
               {"severity", severity_for(finding.severity)},
               {"location",
                {{"path", repository_path(finding.location.file)},
                 {"lines", {{"begin", begin}, {"end", end}}}}}};
    if (!finding.help.empty()) issue["content"] = {{"body", finding.help}};
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace migcheck
