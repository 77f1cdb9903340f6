#include "ci/report.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "ci/report_formats.h"

namespace migcheck {

namespace {

struct FormatName {
  OutputFormat format;
  std::string_view name;
};
constexpr FormatName kFormats[] = {
    {OutputFormat::text, "text"},         {OutputFormat::json, "json"},
    {OutputFormat::github, "github"},     {OutputFormat::sarif, "sarif"},
    {OutputFormat::gitlab, "gitlab"},     {OutputFormat::junit, "junit"},
    {OutputFormat::markdown, "markdown"},
};

// "1 error", "2 warnings"; `plural` empty for words without one ("info").
std::string counted(size_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 || plural.empty() ? singular : plural);
}

}  // namespace

bool parse_output_format(std::string_view text, OutputFormat& out) {
  for (const FormatName& entry : kFormats) {
    if (entry.name == text) {
      out = entry.format;
      return true;
    }
  }
  return false;
}

const std::vector<std::string>& output_format_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const FormatName& entry : kFormats) result.emplace_back(entry.name);
    return result;
  }();
  return names;
}

std::string_view to_string(CheckStatus status) {
  switch (status) {
    case CheckStatus::passed:
      return "passed";
    case CheckStatus::failed:
      return "failed";
    case CheckStatus::skipped:
      return "skipped";
  }
  return "failed";
}

bool Report::failed() const {
  bool failing_finding = std::any_of(findings.begin(), findings.end(),
                                     [&](const Finding& f) { return f.severity >= fail_on; });
  bool failing_check = std::any_of(checks.begin(), checks.end(), [](const CheckSummary& c) {
    return c.status == CheckStatus::failed;
  });
  return failing_finding || failing_check;
}

void render_report(OutputFormat format, const Report& report, const RenderOptions& options,
                   std::ostream& out) {
  switch (format) {
    case OutputFormat::text:
      return render_text(report, options, out);
    case OutputFormat::json:
      return render_json(report, out);
    case OutputFormat::github:
      return render_github(report, out);
    case OutputFormat::sarif:
      return render_sarif(report, out);
    case OutputFormat::gitlab:
      return render_gitlab(report, out);
    case OutputFormat::junit:
      return render_junit(report, out);
    case OutputFormat::markdown:
      return render_markdown(report, options, out);
  }
}

SeverityCounts count_by_severity(const std::vector<Finding>& findings) {
  SeverityCounts counts;
  for (const Finding& finding : findings) {
    switch (finding.severity) {
      case Severity::error:
        ++counts.errors;
        break;
      case Severity::warning:
        ++counts.warnings;
        break;
      case Severity::info:
        ++counts.info;
        break;
    }
  }
  return counts;
}

std::string summary_sentence(const Report& report) {
  std::string files = " in " + counted(report.files_checked, "file", "files");
  if (report.findings.empty()) return "No findings" + files;
  SeverityCounts counts = count_by_severity(report.findings);
  std::vector<std::string> parts;
  if (counts.errors) parts.push_back(counted(counts.errors, "error", "errors"));
  if (counts.warnings) parts.push_back(counted(counts.warnings, "warning", "warnings"));
  if (counts.info) parts.push_back(counted(counts.info, "info", ""));
  std::string breakdown;
  for (const std::string& part : parts) breakdown += (breakdown.empty() ? "" : ", ") + part;
  return counted(report.findings.size(), "finding", "findings") + " (" + breakdown + ")" + files;
}

std::string repository_path(std::string_view file) {
  namespace fs = std::filesystem;
  fs::path path{std::string(file)};
  if (path.is_absolute()) {
    std::error_code error;
    fs::path cwd = fs::current_path(error);
    if (!error) {
      fs::path relative = path.lexically_relative(cwd);
      if (!relative.empty() && *relative.begin() != "..") path = relative;
    }
  }
  std::string normal = path.lexically_normal().generic_string();
  return normal.empty() ? std::string(file) : normal;
}

std::string uri_encode_path(std::string_view path) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : path) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kDigits[c >> 4];
      encoded += kDigits[c & 0xF];
    }
  }
  return encoded;
}

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
  return buffer;
}

std::string evidence_text(const Finding& finding) {
  std::string text;
  for (const auto& [key, value] : finding.evidence) {
    text += (text.empty() ? "" : ", ") + key + "=" + value;
  }
  return text;
}

}  // namespace migcheck
