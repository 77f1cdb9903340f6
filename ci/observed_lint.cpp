#include "ci/observed_lint.h"

#include <algorithm>
#include <string_view>

#include "rules/rules.h"
#include "runner/roundtrip_rules.h"
#include "runner/trace_text.h"

namespace migcheck {
namespace {

// Whether `position` is one of the "; "-separated positions in `list`.
bool listed(std::string_view list, std::string_view position) {
  for (size_t at = 0; at <= list.size();) {
    size_t end = std::min(list.find("; ", at), list.size());
    if (list.substr(at, end - at) == position) return true;
    at = end + 2;
  }
  return false;
}

// Drops the holding-exclusive-lock findings (the static lint's, or the
// lint's of what ran) on statements the round trip measured running under an
// earlier statement's lock: its exclusive-lock-held finding (in
// `round_trip_findings`, listing them as slow work) tells the same hazard
// with the lock and the milliseconds, so one report of it is enough.
void drop_lock_holding_the_trace_measured(std::vector<Finding>& findings,
                                          const std::vector<Finding>& round_trip_findings,
                                          const std::vector<TraceRecord>& records) {
  std::vector<const TraceRecord*> measured;
  for (const Finding& held : round_trip_findings) {
    if (held.rule != kExclusiveLockHeld.id) continue;
    for (const auto& [key, positions] : held.evidence) {
      if (key != "slow_statements_at") continue;
      for (const TraceRecord& record : records) {
        if (record.revision == held.revision && record.location.file == held.location.file &&
            listed(positions, statement_position(record.location))) {
          measured.push_back(&record);
        }
      }
    }
  }
  std::erase_if(findings, [&](const Finding& finding) {
    return finding.rule == kHoldingExclusiveLockRule.id &&
           std::any_of(measured.begin(), measured.end(), [&](const TraceRecord* record) {
             return lines_meet(finding.location, record->location);
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
  drop_lock_holding_the_trace_measured(static_findings, outcome.findings, outcome.trace);
  drop_lock_holding_the_trace_measured(observed, outcome.findings, outcome.trace);
  return merge_observed(std::move(static_findings), std::move(observed), outcome.trace);
}

}  // namespace migcheck
