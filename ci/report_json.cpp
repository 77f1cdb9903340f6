#include <algorithm>
#include <string>
#include <unordered_map>

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

// The rules' help texts, encoded once each: a large report's findings share a
// few dozen of them, and encoding them again for every finding was a third of
// the time spent writing it.
class EncodedHelp {
 public:
  void write(JsonWriter& json, const HelpText& help) {
    std::string_view text = help.view();
    if (!help.is_fixed()) return json.value(text);
    auto [it, added] = encoded_.try_emplace(text.data(), Encoded{text.size(), {}});
    if (added) it->second.json = JsonWriter::encoded(text);
    if (it->second.size != text.size()) return json.value(text);  // a view of part of one
    json.encoded_value(it->second.json);
  }

 private:
  struct Encoded {
    size_t size;
    std::string json;
  };
  // By address: a fixed text lives as long as the program.
  std::unordered_map<const char*, Encoded> encoded_;
};

void write_finding(JsonWriter& json, const Finding& finding, EncodedHelp& help) {
  json.begin_object();
  json.member("rule", finding.rule);
  json.member("severity", to_string(finding.severity));
  json.member("message", finding.message);
  json.key("help");
  help.write(json, finding.help);
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

// One observed statement; lock_held_ms is its longest-held lock's time (0
// when it kept none: autocommit, or no new lock).
void write_trace_record(JsonWriter& json, const TraceRecord& record) {
  json.begin_object();
  json.member("revision", record.revision);
  json.member("file", record.location.file);
  json.member("line", record.location.line);
  json.member("column", record.location.column);
  json.member("sql", record.sql);
  json.key("parameters");
  json.begin_array();
  for (const std::string& parameter : record.parameters) json.value(parameter);
  json.end_array();
  json.member("in_transaction", record.in_transaction);
  json.member("duration_ms", record.duration_ms);
  json.key("locks");
  json.begin_array();
  double held_ms = 0;
  for (const TracedLock& lock : record.locks) {
    json.begin_object();
    json.member("relation", lock.relation);
    json.member("mode", lock.mode);
    json.end_object();
    held_ms = std::max(held_ms, lock.held_ms);
  }
  json.end_array();
  json.key("rewrites");
  json.begin_array();
  for (const std::string& relation : record.rewrites) json.value(relation);
  json.end_array();
  json.member("lock_held_ms", held_ms);
  // Measured under --load only: how long the probed tables' reads and
  // writes waited because of this statement.
  if (!record.blocked.empty()) {
    json.key("blocked");
    json.begin_array();
    for (const BlockedTime& blocked : record.blocked) {
      json.begin_object();
      json.member("relation", blocked.relation);
      json.member("reads_ms", blocked.reads_ms);
      json.member("writes_ms", blocked.writes_ms);
      json.member("longest_read_ms", blocked.longest_read_ms);
      json.member("longest_write_ms", blocked.longest_write_ms);
      json.member("lock", blocked.lock);
      json.member("rows", static_cast<long long>(blocked.rows));
      if (blocked.production_rows > 0) {
        json.key("estimate");
        json.begin_object();
        json.member("rows", blocked.production_rows);
        json.member("reads_ms", blocked.estimated_reads_ms);
        json.member("writes_ms", blocked.estimated_writes_ms);
        json.end_object();
      }
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
}

}  // namespace

void render_json(const Report& report, std::ostream& out) {
  JsonWriter json(out);
  json.begin_object();
  json.member("version", 1);
  json.key("findings");
  json.begin_array();
  EncodedHelp help;
  for (const Finding& finding : report.findings) write_finding(json, finding, help);
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
  if (!report.trace.empty()) {
    json.key("trace");
    json.begin_array();
    for (const TraceRecord& record : report.trace) write_trace_record(json, record);
    json.end_array();
  }
  json.end_object();
  json.finish();
}

}  // namespace migcheck
