// SARIF 2.1.0, the format GitHub code scanning (and most security dashboards)
// import. One run, one driver, every rule that may appear described once.
#include <algorithm>
#include <cctype>
#include <map>

#include "ci/report_formats.h"
#include "ci/report_json_writer.h"

namespace migcheck {

namespace {

std::string_view level_for(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "note";
  }
  return "error";
}

// "adding-not-null-column" -> "AddingNotNullColumn": SARIF wants a name that
// is an identifier, distinct from the id.
std::string pascal_case(std::string_view id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
    } else {
      name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return name;
}

// Relative to the repository root when possible (what code scanning needs);
// a file outside it becomes an absolute file: URI.
std::string artifact_uri(std::string_view file) {
  std::string path = repository_path(file);
  if (path.starts_with('/')) return "file://" + uri_encode_path(path);
  return uri_encode_path(path);
}

// SARIF's message objects: "name": {"text": ...}.
void write_text(JsonWriter& json, std::string_view name, std::string_view text) {
  json.key(name);
  json.begin_object();
  json.member("text", text);
  json.end_object();
}

void write_rule(JsonWriter& json, const Rule& rule) {
  std::string full =
      rule.rationale.empty() ? std::string(rule.summary) : std::string(rule.rationale);
  std::string markdown = "**" + std::string(rule.summary) + "**\n\n" + std::string(rule.rationale);
  if (!rule.lock.empty()) markdown += "\n\nLock: " + std::string(rule.lock);
  if (!rule.safe_alternative.empty()) {
    markdown += "\n\nSafe alternative:\n\n" + std::string(rule.safe_alternative);
  }
  json.begin_object();
  json.member("id", rule.id);
  json.member("name", pascal_case(rule.id));
  write_text(json, "shortDescription", rule.summary);
  write_text(json, "fullDescription", full);
  json.key("help");
  json.begin_object();
  json.member("text", rule.safe_alternative.empty() ? full : std::string(rule.safe_alternative));
  json.member("markdown", markdown);
  json.end_object();
  json.key("defaultConfiguration");
  json.begin_object();
  json.member("level", level_for(rule.severity));
  if (!rule.enabled_by_default) json.member("enabled", false);
  json.end_object();
  json.end_object();
}

// A finding whose rule the report does not define (a graph check, a syntax
// error) still needs an entry, or its ruleIndex would point nowhere.
void write_rule(JsonWriter& json, const Finding& finding) {
  json.begin_object();
  json.member("id", finding.rule);
  json.member("name", pascal_case(finding.rule));
  write_text(json, "shortDescription", finding.rule);
  write_text(json, "help",
             finding.help.empty() ? std::string_view(finding.rule) : finding.help.view());
  json.key("defaultConfiguration");
  json.begin_object();
  json.member("level", level_for(finding.severity));
  json.end_object();
  json.end_object();
}

// Lines start at 1 even for a finding about a whole file (code scanning
// rejects line 0); endColumn is exclusive, as in Location.
void write_region(JsonWriter& json, const Location& location) {
  int start_line = std::max(location.line, 1);
  int end_line = std::max(location.end_line, start_line);
  json.begin_object();
  json.member("startLine", start_line);
  if (location.column > 0) json.member("startColumn", location.column);
  json.member("endLine", end_line);
  if (location.column > 0 &&
      (end_line > start_line ? location.end_column > 0 : location.end_column > location.column)) {
    json.member("endColumn", location.end_column);
  }
  json.end_object();
}

void write_result(JsonWriter& json, const Finding& finding, size_t rule_index,
                  const std::string& fingerprint) {
  json.begin_object();
  json.member("ruleId", finding.rule);
  json.member("ruleIndex", rule_index);
  json.member("level", level_for(finding.severity));
  write_text(json, "message", finding.message);
  json.key("locations");
  json.begin_array();
  json.begin_object();
  json.key("physicalLocation");
  json.begin_object();
  json.key("artifactLocation");
  json.begin_object();
  json.member("uri", artifact_uri(finding.location.file));
  json.end_object();
  json.key("region");
  write_region(json, finding.location);
  json.end_object();
  json.end_object();
  json.end_array();
  json.key("partialFingerprints");
  json.begin_object();
  json.member("migcheck/v1", fingerprint);
  json.end_object();
  if (!finding.revision.empty() || !finding.evidence.empty()) {
    json.key("properties");
    json.begin_object();
    if (!finding.revision.empty()) json.member("revision", finding.revision);
    if (!finding.evidence.empty()) {
      json.key("evidence");
      json.object(finding.evidence);
    }
    json.end_object();
  }
  json.end_object();
}

}  // namespace

void render_sarif(const Report& report, std::ostream& out) {
  // Every rule that may appear, each once, in order; findings point at them
  // by index.
  std::vector<const Rule*> rules;
  std::vector<const Finding*> undefined;
  std::map<std::string, size_t, std::less<>> rule_index;
  for (const Rule* rule : report.rules) {
    if (!rule || rule_index.contains(rule->id)) continue;
    rule_index.emplace(std::string(rule->id), rule_index.size());
    rules.push_back(rule);
  }
  for (const Finding& finding : report.findings) {
    if (rule_index.contains(finding.rule)) continue;
    rule_index.emplace(finding.rule, rule_index.size());
    undefined.push_back(&finding);
  }
  std::vector<std::string> fingerprints = finding_fingerprints(report.findings);

  JsonWriter json(out);
  json.begin_object();
  json.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  json.member("version", "2.1.0");
  json.key("runs");
  json.begin_array();
  json.begin_object();
  json.key("tool");
  json.begin_object();
  json.key("driver");
  json.begin_object();
  json.member("name", kToolName);
  json.member("informationUri", kToolInformationUri);
  json.member("version", kToolVersion);
  json.member("semanticVersion", kToolVersion);
  json.key("rules");
  json.begin_array();
  for (const Rule* rule : rules) write_rule(json, *rule);
  for (const Finding* finding : undefined) write_rule(json, *finding);
  json.end_array();
  json.end_object();
  json.end_object();
  json.member("columnKind", "unicodeCodePoints");
  json.key("results");
  json.begin_array();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& finding = report.findings[i];
    write_result(json, finding, rule_index.find(finding.rule)->second, fingerprints[i]);
  }
  json.end_array();
  json.end_object();
  json.end_array();
  json.end_object();
  json.finish();
}

}  // namespace migcheck
