#pragma once
#include <string>
#include <vector>

#include "linter/catalog.h"
#include "linter/connection_settings.h"
#include "linter/finding.h"
#include "linter/lint_options.h"
#include "linter/rule.h"
#include "runner/trace.h"

namespace migcheck {

// The statement as PostgreSQL received it: psycopg2 (and so SQLAlchemy)
// writes bound parameters as %(name)s or %s, and %% for a literal %, but
// only when it was given parameters. Their values do not change what a rule
// sees, so each becomes NULL.
std::string sql_with_parameters_as_null(const TraceRecord& record);

// How the statements that ran are linted: the rules and options of the
// project's lint, and what the migration tool sets on every connection
// (Alembic's env.py: SET lock_timeout), which no traced statement shows.
struct ExecutedLintSetup {
  std::vector<const Rule*> rules;
  LintOptions options;
  ConnectionSettings environment;
};

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

// Whether two findings' lines meet: a static finding points at the SQL
// literal or the op call, an observed one at the whole call that ran it.
bool lines_meet(const Location& a, const Location& b);

// The static findings together with the observed ones, kept apart so that a
// report can count each where it was found.
struct MergedFindings {
  // The static findings, less each `unresolved-operation` note where the
  // trace shows what that line executed: it has now been linted.
  std::vector<Finding> static_kept;
  // The observed findings the static reader could not give: a finding both
  // paths produce (same rule, on lines that meet: the static one at the SQL
  // literal or op call, the observed one at the whole call that ran it) is
  // reported once, as the static one.
  std::vector<Finding> observed_added;
};
MergedFindings merge_observed(std::vector<Finding> static_findings, std::vector<Finding> observed,
                              const std::vector<TraceRecord>& records);

}  // namespace migcheck
