#pragma once
#include <vector>

#include "ci/lint_run.h"
#include "ci/roundtrip_run.h"
#include "linter/finding.h"
#include "runner/executed_lint.h"

namespace migcheck {

// How a traced round trip lints what it executed: with the rules, options and
// connection settings of `lint`, the project's static lint.
ExecutedLintSetup executed_lint_setup(const LintOutcome& lint);

// The static lint's findings with those of the statements the round trip
// executed (runner/executed_lint.h's merge_observed): the observed ones first
// pass the same inline suppressions and configuration as the static ones did,
// so a `migcheck:ignore` on a `.py` line silences both paths.
MergedFindings merge_executed_lint(const LintOutcome& lint, std::vector<Finding> static_findings,
                                   const RoundTripOutcome& outcome);

}  // namespace migcheck
