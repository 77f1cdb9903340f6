// SARIF 2.1.0, the format GitHub code scanning (and most security dashboards)
// import. One run, one driver, every rule that may appear described once.
#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "ci/report_formats.h"

namespace migcheck {

namespace {

using Json = nlohmann::ordered_json;

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

Json rule_json(const Rule& rule) {
  std::string full =
      rule.rationale.empty() ? std::string(rule.summary) : std::string(rule.rationale);
  std::string markdown = "**" + std::string(rule.summary) + "**\n\n" + std::string(rule.rationale);
  if (!rule.lock.empty()) markdown += "\n\nLock: " + std::string(rule.lock);
  if (!rule.safe_alternative.empty()) {
    markdown += "\n\nSafe alternative:\n\n" + std::string(rule.safe_alternative);
  }
  Json configuration{{"level", level_for(rule.severity)}};
  if (!rule.enabled_by_default) configuration["enabled"] = false;
  return Json{{"id", rule.id},
              {"name", pascal_case(rule.id)},
              {"shortDescription", {{"text", rule.summary}}},
              {"fullDescription", {{"text", full}}},
              {"help",
               {{"text", rule.safe_alternative.empty() ? full : std::string(rule.safe_alternative)},
                {"markdown", markdown}}},
              {"defaultConfiguration", std::move(configuration)}};
}

// A finding whose rule the report does not define (a graph check, a syntax
// error) still needs an entry, or its ruleIndex would point nowhere.
Json rule_json(const Finding& finding) {
  std::string help = finding.help.empty() ? finding.rule : finding.help;
  return Json{{"id", finding.rule},
              {"name", pascal_case(finding.rule)},
              {"shortDescription", {{"text", finding.rule}}},
              {"help", {{"text", help}}},
              {"defaultConfiguration", {{"level", level_for(finding.severity)}}}};
}

// Lines start at 1 even for a finding about a whole file (code scanning
// rejects line 0); endColumn is exclusive, as in Location.
Json region_json(const Location& location) {
  int start_line = std::max(location.line, 1);
  int end_line = std::max(location.end_line, start_line);
  Json region{{"startLine", start_line}};
  if (location.column > 0) region["startColumn"] = location.column;
  region["endLine"] = end_line;
  if (location.column > 0 &&
      (end_line > start_line ? location.end_column > 0 : location.end_column > location.column)) {
    region["endColumn"] = location.end_column;
  }
  return region;
}

Json result_json(const Finding& finding, size_t rule_index, const std::string& fingerprint) {
  Json result{{"ruleId", finding.rule},
              {"ruleIndex", rule_index},
              {"level", level_for(finding.severity)},
              {"message", {{"text", finding.message}}},
              {"locations",
               Json::array({{{"physicalLocation",
                              {{"artifactLocation", {{"uri", artifact_uri(finding.location.file)}}},
                               {"region", region_json(finding.location)}}}}})},
              {"partialFingerprints", {{"migcheck/v1", fingerprint}}}};
  Json properties = Json::object();
  if (!finding.revision.empty()) properties["revision"] = finding.revision;
  for (const auto& [key, value] : finding.evidence) properties["evidence"][key] = value;
  if (!properties.empty()) result["properties"] = std::move(properties);
  return result;
}

}  // namespace

void render_sarif(const Report& report, std::ostream& out) {
  Json rules = Json::array();
  std::map<std::string, size_t, std::less<>> rule_index;
  for (const Rule* rule : report.rules) {
    if (!rule || rule_index.contains(rule->id)) continue;
    rule_index.emplace(std::string(rule->id), rules.size());
    rules.push_back(rule_json(*rule));
  }
  for (const Finding& finding : report.findings) {
    if (rule_index.contains(finding.rule)) continue;
    rule_index.emplace(finding.rule, rules.size());
    rules.push_back(rule_json(finding));
  }

  std::vector<std::string> fingerprints = finding_fingerprints(report.findings);
  Json results = Json::array();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& finding = report.findings[i];
    results.push_back(result_json(finding, rule_index.find(finding.rule)->second, fingerprints[i]));
  }

  Json driver{{"name", kToolName},
              {"informationUri", kToolInformationUri},
              {"version", kToolVersion},
              {"semanticVersion", kToolVersion},
              {"rules", std::move(rules)}};
  Json sarif{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
             {"version", "2.1.0"},
             {"runs", Json::array({{{"tool", {{"driver", std::move(driver)}}},
                                    {"columnKind", "unicodeCodePoints"},
                                    {"results", std::move(results)}}})}};
  out << sarif.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace migcheck
