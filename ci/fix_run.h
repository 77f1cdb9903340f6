#pragma once
#include <string>
#include <vector>

#include "ci/lint_settings.h"
#include "ci/project_selection.h"
#include "fix/apply_fixes.h"

namespace migcheck {

// What `migcheck fix` was asked to fix, from its command line.
struct FixArguments {
  std::vector<std::string> paths;  // loose SQL files; the project when empty
  ProjectSelection project;
  bool unsafe = false;  // also apply fixes a reviewer must accept
  LintFlags flags;      // which rules (--select, --ignore, --config, --pg-version)
};

struct FixPlan {
  std::vector<FixedFile> files;  // what applying the fixes changes, not yet written
  // Fixes left out: they overlap another (a next run applies them), or a
  // file they would create exists.
  size_t skipped = 0;
  size_t unsafe_left = 0;    // unsafe fixes not applied (no --unsafe)
  bool input_error = false;  // some input was bad (already reported on stderr)
};

// Lints what `args` selects as `migcheck lint` would (configuration,
// suppressions and baseline included), completes the findings' fixes for the
// layout, and applies the chosen ones to the texts read.
FixPlan plan_fixes(const FixArguments& args);

}  // namespace migcheck
