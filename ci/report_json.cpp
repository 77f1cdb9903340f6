#include "ci/report_formats.h"
#include "ci/report_json_writer.h"

namespace migcheck {

namespace {

void write_location(JsonWriter& json, const Location& location) {
  json.begin_object();
  json.member("file", location.file);
  json.member("line", location.line);
  json.member("column", location.column);
  json.member("end_line", location.end_line);
  json.member("end_column", location.end_column);
  json.end_object();
}

void write_finding(JsonWriter& json, const Finding& finding) {
  json.begin_object();
  json.member("rule", finding.rule);
  json.member("severity", to_string(finding.severity));
  json.member("message", finding.message);
  json.member("help", finding.help);
  json.key("location");
  write_location(json, finding.location);
  if (!finding.revision.empty()) json.member("revision", finding.revision);
  if (finding.observed) json.member("observed", true);
  if (!finding.evidence.empty()) {
    json.key("evidence");
    json.object(finding.evidence);
  }
  json.end_object();
}

void write_check(JsonWriter& json, const CheckSummary& check) {
  json.begin_object();
  json.member("name", check.name);
  json.member("status", to_string(check.status));
  json.member("findings", check.findings);
  if (check.seconds) json.member("seconds", *check.seconds);
  if (!check.note.empty()) json.member("note", check.note);
  json.end_object();
}

}  // namespace

void render_json(const Report& report, std::ostream& out) {
  JsonWriter json(out);
  json.begin_object();
  json.member("version", 1);
  json.key("findings");
  json.begin_array();
  for (const Finding& finding : report.findings) write_finding(json, finding);
  json.end_array();
  SeverityCounts counts = count_by_severity(report.findings);
  json.key("summary");
  json.begin_object();
  json.member("files", report.files_checked);
  json.member("findings", report.findings.size());
  json.member("errors", counts.errors);
  json.member("warnings", counts.warnings);
  json.member("info", counts.info);
  json.member("failed", report.failed());
  json.end_object();
  if (!report.checks.empty()) {
    json.key("checks");
    json.begin_array();
    for (const CheckSummary& check : report.checks) write_check(json, check);
    json.end_array();
  }
  json.end_object();
  json.finish();
}

}  // namespace migcheck
