#pragma once
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "linter/finding.h"
#include "linter/rule.h"
#include "linter/source_file.h"
#include "runner/trace.h"

namespace migcheck {

// Identity of the tool in machine-readable reports (SARIF driver, JUnit).
inline constexpr std::string_view kToolName = "migcheck";
inline constexpr std::string_view kToolVersion = "0.1.0";
inline constexpr std::string_view kToolInformationUri = "https://github.com/migcheck/migcheck";

enum class OutputFormat { text, json, github, sarif, gitlab, junit, markdown };
// Parses a --format value; false when unknown.
bool parse_output_format(std::string_view text, OutputFormat& out);
// Every --format value, in the order of the enum (for help texts and validators).
const std::vector<std::string>& output_format_names();

// One part of a combined run (pre-deploy-check): "heads", "lint", "roundtrip".
enum class CheckStatus { passed, failed, skipped };
std::string_view to_string(CheckStatus status);

struct CheckSummary {
  std::string name;
  CheckStatus status = CheckStatus::passed;
  size_t findings = 0;
  std::optional<double> seconds;  // wall time, when measured
  std::string note;               // one line: why it was skipped, what it covered
};

// Everything a reporter renders: the findings (already filtered and sorted),
// what was checked, and the definitions of the rules that may appear.
struct Report {
  std::vector<Finding> findings;
  size_t files_checked = 0;
  std::vector<const Rule*> rules;
  // Source texts by reported path, so the text reporter can quote the line.
  std::map<std::string, std::shared_ptr<const SourceFile>> sources;
  Severity fail_on = Severity::error;  // findings at or above this fail the run
  // What was checked, in order: revision ids for a project, file paths
  // otherwise. JUnit gives each one without findings a passing test case.
  std::vector<std::string> checked_units;
  // The parts of a combined run in the order they ran; empty for one command.
  std::vector<CheckSummary> checks;
  // The statements the round trip observed, in the order they ran (empty
  // without tracing).
  std::vector<TraceRecord> trace;

  // A finding at or above fail_on, or a failed check: the run exits 1.
  bool failed() const;
};

struct RenderOptions {
  bool color = false;  // text format only
  // Markdown only: a URL prefix such as "https://github.com/o/r/blob/SHA/"
  // that turns locations into links ("base + path#Lline").
  std::string link_base;
  bool verbose = false;  // text only: the trace as a timeline per revision
};

void render_report(OutputFormat format, const Report& report, const RenderOptions& options,
                   std::ostream& out);

}  // namespace migcheck
