#include "ci/observed_lint.h"

#include <algorithm>

#include "rules/rules.h"

namespace migcheck {
namespace {

// Drops the holding-exclusive-lock findings (the static lint's, or the
// lint's of what ran) on statements the round trip measured as slow work
// under an earlier statement's lock: its exclusive-lock-held finding tells
// the same hazard with the lock and the milliseconds, so one report is enough.
void drop_lock_holding_the_trace_measured(std::vector<Finding>& findings,
                                          const std::vector<TraceRecord>& records) {
  std::erase_if(findings, [&](const Finding& finding) {
    return finding.rule == kHoldingExclusiveLockRule.id &&
           std::any_of(records.begin(), records.end(), [&](const TraceRecord& record) {
             return record.slow_under_held_lock && lines_meet(finding.location, record.location);
           });
  });
}

}  // namespace

ExecutedLintSetup executed_lint_setup(const LintOutcome& lint) {
  return {lint.settings.rules, lint.settings.options, lint.environment};
}

MergedFindings merge_executed_lint(const LintOutcome& lint, std::vector<Finding> static_findings,
                                   const RoundTripOutcome& outcome) {
  std::vector<Finding> observed = outcome.executed_lint;
  if (lint.suppressions) lint.suppressions->remove_suppressed(observed);
  apply_settings_to_findings(lint.settings, observed);
  drop_lock_holding_the_trace_measured(static_findings, outcome.trace);
  drop_lock_holding_the_trace_measured(observed, outcome.trace);
  return merge_observed(std::move(static_findings), std::move(observed), outcome.trace);
}

}  // namespace migcheck
