#include "linter/lock_level.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// Reported at the first long statement per transaction; DML is left to
// mixing-data-and-schema-changes.
void check(const Statement& statement, RuleContext& context) {
  const SessionState& session = context.session();
  if (session.exclusive_locks.empty() || session.long_statements_under_exclusive_lock > 0) return;
  if (!runs_long(statement, context.catalog(), context.pg_version()) ||
      changes_existing_data(statement, context.catalog())) {
    return;
  }
  std::string tables;
  for (const std::string& table : session.exclusive_locks) {
    tables += (tables.empty() ? "`" : ", `") + shown_table(table) + "`";
  }
  context.report(context.first_line(statement),
                 "This statement runs while the transaction still holds ACCESS EXCLUSIVE on " +
                     tables +
                     " from an earlier statement: reads and writes there stay blocked until it "
                     "finishes and the transaction commits.");
}

}  // namespace

const Rule kHoldingExclusiveLockRule{
    .id = "holding-exclusive-lock",
    .severity = Severity::warning,
    .summary = "Slow work runs while an earlier ACCESS EXCLUSIVE lock is still held",
    .lock = "ACCESS EXCLUSIVE, held from the statement that took it until COMMIT",
    .rationale =
        "Locks are released only when the transaction ends. A quick ALTER TABLE that takes "
        "ACCESS EXCLUSIVE is harmless alone, but followed in the same transaction by an index "
        "build, a validation scan or a rewrite, the table stays unreadable and unwritable for "
        "the whole of that work.",
    .safe_alternative =
        "1. Commit right after the statement that takes ACCESS EXCLUSIVE: split the migration, "
        "or put the slow step in its own migration.\n"
        "2. Use the non-blocking form of the slow step (CREATE INDEX CONCURRENTLY outside a "
        "transaction, VALIDATE CONSTRAINT in a later transaction).",
    .check = check,
};

}  // namespace migcheck
