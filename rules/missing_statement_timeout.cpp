#include "rules/fix_support.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// Reported once per unit, like missing-lock-timeout.
void check(const Statement& statement, RuleContext& context) {
  const SessionState& session = context.session();
  if (session.statement_timeout.set || session.blocking_statements_without_statement_timeout > 0) {
    return;
  }
  TableLock lock = blocking_lock(statement, context);
  if (lock.mode == LockMode::none) return;
  context.report(context.first_line(statement),
                 "This statement holds " + std::string(lock_mode_name(lock.mode)) + " on `" +
                     shown_table(lock.table) +
                     "` with no statement_timeout set earlier in the migration: nothing bounds "
                     "how long the table stays blocked.",
                 setting_at_top_fix("missing-statement-timeout"));
}

}  // namespace

const Rule kMissingStatementTimeoutRule{
    .id = "missing-statement-timeout",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A blocking statement runs without SET statement_timeout first",
    .lock = "SHARE or stronger on an existing table (blocks writes, or reads and writes)",
    .rationale =
        "A statement that holds a blocking lock for longer than expected (a table bigger than "
        "in staging, a slow disk) keeps the application waiting for as long as it runs. A "
        "statement_timeout caps the damage: the statement is cancelled and the migration rolls "
        "back. Off by default: long index builds legitimately need no cap.",
    .safe_alternative =
        "1. SET statement_timeout = '...'; at the top of the migration, sized from the table "
        "(a few seconds for catalog-only changes).\n"
        "2. For long operations that do not block (CREATE INDEX CONCURRENTLY), set it to 0 for "
        "that statement only.",
    .check = check,
};

}  // namespace migcheck
