#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ci/lint_settings.h"
#include "ci/project_selection.h"
#include "ci/report.h"
#include "linter/connection_settings.h"
#include "linter/suppressions.h"

namespace migcheck {

// What `migcheck lint` was asked to check, from its command line.
struct LintArguments {
  std::vector<std::string> paths;
  ProjectSelection project;  // linted when no paths are given
  bool include_downgrades = false;
  std::string stdin_filename = "<stdin>";
  std::string baseline;        // report only findings not recorded here
  std::string write_baseline;  // record this run's findings here
  LintFlags flags;
};

struct LintOutcome {
  Report report;             // findings filtered, baselined and sorted
  bool input_error = false;  // some input was bad (already reported on stderr)
  // The configuration used, for a caller that reports more findings (the
  // round trip) under the same ignores and severities.
  LintSettings settings;
  // The project as read for linting (empty for loose files), so a caller
  // that also runs it does not read every revision a second time.
  MigrationSet project;
  // What the migration tool sets on every connection (env.py), and the
  // inline suppressions read: for the lint of what a round trip executed.
  ConnectionSettings environment;
  std::shared_ptr<const Suppressions> suppressions;
};

// Lints loose files (when `paths` is set) or the selected migration project,
// with configuration, suppressions and baseline applied. Throws InputError.
LintOutcome run_lint_checks(const LintArguments& args);

}  // namespace migcheck
