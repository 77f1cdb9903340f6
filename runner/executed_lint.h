#pragma once
#include <vector>

#include "linter/catalog.h"
#include "linter/finding.h"
#include "linter/lint_options.h"
#include "linter/rule.h"
#include "runner/trace.h"

namespace migcheck {

// Lints the statements one revision really executed (its TraceRecords, in
// order) with the same engine and rules as the static linter, starting from
// `before`: the live catalog taken just before the revision's upgrade
// (runner/live_catalog.h). Consecutive records with the same transaction
// state are linted as one unit, so session settings, SET lock_timeout and
// transaction rules see them together. Findings point at the record that
// ran the statement (the `.py` line or the SQL file position) and are marked
// observed. Bound parameters are linted as NULL. Where a reporting rule's
// documented lock or rewrite (Rule::lock) differs from what the record shows
// PostgreSQL did, a lint-claim-contradicted finding is added. Call on a
// BigStackThread.
std::vector<Finding> lint_executed(const std::vector<TraceRecord>& records, Catalog before,
                                   const std::vector<const Rule*>& rules,
                                   const LintOptions& options);

// The static findings together with the observed ones: a finding both paths
// produce (same rule, at a position the static finding covers) is reported
// once, as the static one; an observed finding the static reader could not
// see is added; and a static `unresolved-operation` note is dropped where
// the trace shows what that line executed, since it has now been linted.
std::vector<Finding> merge_observed(std::vector<Finding> static_findings,
                                    std::vector<Finding> observed,
                                    const std::vector<TraceRecord>& records);

}  // namespace migcheck
