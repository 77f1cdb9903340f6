// GitHub Actions workflow commands: each finding becomes an annotation on the
// line it points at, in the log and on the pull request's diff.
#include <algorithm>

#include "ci/report_formats.h"

namespace migcheck {

namespace {

// The runner parses "::command key=value,key=value::data" line by line, so
// the data must not contain line breaks and '%' must stay decodable.
std::string escape_data(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '%':
        escaped += "%25";
        break;
      case '\r':
        escaped += "%0D";
        break;
      case '\n':
        escaped += "%0A";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// Property values additionally must not contain the separators ':' and ','.
std::string escape_property(std::string_view text) {
  std::string escaped;
  for (char c : escape_data(text)) {
    if (c == ':') {
      escaped += "%3A";
    } else if (c == ',') {
      escaped += "%2C";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string_view command_for(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "notice";
  }
  return "error";
}

std::string properties(const Finding& finding) {
  const Location& location = finding.location;
  std::string text;
  auto add = [&](std::string_view key, const std::string& value) {
    text += (text.empty() ? "" : ",") + std::string(key) + "=" + escape_property(value);
  };
  if (!location.file.empty()) add("file", repository_path(location.file));
  if (location.line > 0) {
    add("line", std::to_string(location.line));
    int end_line = std::max(location.end_line, location.line);
    // GitHub only honours columns when the annotation stays on one line.
    if (end_line == location.line && location.column > 0) {
      add("col", std::to_string(location.column));
      add("endLine", std::to_string(end_line));
      if (location.end_column > location.column) {
        add("endColumn", std::to_string(location.end_column));
      }
    } else {
      add("endLine", std::to_string(end_line));
    }
  }
  add("title", finding.rule);
  return text;
}

std::string message(const Finding& finding) {
  std::string text = finding.message;
  if (!finding.help.empty()) text.append("\n").append(finding.help.view());
  if (!finding.revision.empty()) text += "\nRevision: " + finding.revision;
  std::string evidence = evidence_text(finding);
  if (!evidence.empty()) text += "\nObserved: " + evidence;
  return text;
}

}  // namespace

void render_github(const Report& report, std::ostream& out) {
  for (const Finding& finding : report.findings) {
    out << "::" << command_for(finding.severity) << " " << properties(finding)
        << "::" << escape_data(message(finding)) << "\n";
  }
  out << summary_sentence(report) << "\n";
}

}  // namespace migcheck
