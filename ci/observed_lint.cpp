#include "ci/observed_lint.h"

namespace migcheck {

ExecutedLintSetup executed_lint_setup(const LintOutcome& lint) {
  return {lint.settings.rules, lint.settings.options, lint.environment};
}

MergedFindings merge_executed_lint(const LintOutcome& lint, std::vector<Finding> static_findings,
                                   const RoundTripOutcome& outcome) {
  std::vector<Finding> observed = outcome.executed_lint;
  if (lint.suppressions) lint.suppressions->remove_suppressed(observed);
  apply_settings_to_findings(lint.settings, observed);
  return merge_observed(std::move(static_findings), std::move(observed), outcome.trace);
}

}  // namespace migcheck
