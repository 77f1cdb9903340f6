#pragma once
// Private to the reporters: one render function per format, and the pieces
// several formats share.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ci/report.h"

namespace migcheck {

void render_text(const Report& report, const RenderOptions& options, std::ostream& out);
void render_json(const Report& report, std::ostream& out);
void render_github(const Report& report, std::ostream& out);
void render_sarif(const Report& report, std::ostream& out);
void render_gitlab(const Report& report, std::ostream& out);
void render_junit(const Report& report, std::ostream& out);
void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out);

struct SeverityCounts {
  size_t errors = 0;
  size_t warnings = 0;
  size_t info = 0;
};
SeverityCounts count_by_severity(const std::vector<Finding>& findings);

// "3 findings (2 errors, 1 warning) in 4 files", or "No findings in 4 files".
std::string summary_sentence(const Report& report);

// A path as CI systems want it: relative to the working directory (the
// repository root in CI) when it lies below it, normalized, forward slashes.
std::string repository_path(std::string_view file);

// A path as part of a URI: unreserved characters and '/' as they are, every
// other byte percent-encoded.
std::string uri_encode_path(std::string_view path);

// One fingerprint per finding (same order), stable across runs and edits that
// move a finding to another line: a hash of rule, path and message, plus the
// number of earlier findings with the same three.
std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings);

// A duration for people: "1.25 s".
std::string seconds_text(double seconds);

// What the runner observed, as "key=value, key=value"; empty when nothing.
std::string evidence_text(const Finding& finding);

}  // namespace migcheck
