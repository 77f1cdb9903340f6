#include <nlohmann/json.hpp>

#include "ci/report_formats.h"

namespace migcheck {

namespace {

using Json = nlohmann::ordered_json;

Json location_json(const Location& location) {
  return Json{{"file", location.file},
              {"line", location.line},
              {"column", location.column},
              {"end_line", location.end_line},
              {"end_column", location.end_column}};
}

Json finding_json(const Finding& finding) {
  Json json{{"rule", finding.rule},
            {"severity", to_string(finding.severity)},
            {"message", finding.message},
            {"help", finding.help},
            {"location", location_json(finding.location)}};
  if (!finding.revision.empty()) json["revision"] = finding.revision;
  if (!finding.evidence.empty()) {
    Json evidence = Json::object();
    for (const auto& [key, value] : finding.evidence) evidence[key] = value;
    json["evidence"] = std::move(evidence);
  }
  return json;
}

Json check_json(const CheckSummary& check) {
  Json json{
      {"name", check.name}, {"status", to_string(check.status)}, {"findings", check.findings}};
  if (check.seconds) json["seconds"] = *check.seconds;
  if (!check.note.empty()) json["note"] = check.note;
  return json;
}

}  // namespace

void render_json(const Report& report, std::ostream& out) {
  Json findings = Json::array();
  for (const Finding& finding : report.findings) findings.push_back(finding_json(finding));
  SeverityCounts counts = count_by_severity(report.findings);
  Json json{{"version", 1},
            {"findings", std::move(findings)},
            {"summary",
             {{"files", report.files_checked},
              {"findings", report.findings.size()},
              {"errors", counts.errors},
              {"warnings", counts.warnings},
              {"info", counts.info},
              {"failed", report.failed()}}}};
  if (!report.checks.empty()) {
    Json checks = Json::array();
    for (const CheckSummary& check : report.checks) checks.push_back(check_json(check));
    json["checks"] = std::move(checks);
  }
  // Replacing malformed UTF-8 instead of throwing: a report must always come out.
  out << json.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace migcheck
