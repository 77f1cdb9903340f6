#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// Inside one transaction the first statement's lock is simply kept, so only
// statements that run outside a transaction are reported: each of them queues
// for the lock again.
void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt" || statement.body["objtype"].raw() != "OBJECT_TABLE") {
    return;
  }
  const JsonNode& relation = statement.body["relation"];
  if (context.session().in_transaction() || !is_pre_existing(context, relation)) return;
  if (!context.catalog().altered_earlier_in_unit(context.qualified_name_of(relation))) return;
  if (blocking_lock(statement, context).mode != LockMode::access_exclusive) return;
  context.report(context.first_line(statement),
                 "Another ALTER TABLE of " + quoted_table(relation) +
                     " outside a transaction: it queues for ACCESS EXCLUSIVE again, and "
                     "between the two the application sees the table half-changed. One "
                     "ALTER TABLE with comma-separated actions takes the lock once.");
}

}  // namespace

const Rule kMultipleAlterTableStatementsRule{
    .id = "multiple-alter-table-statements",
    .severity = Severity::warning,
    .summary = "Several ALTER TABLE statements on one table take its lock one after another",
    .lock = "ACCESS EXCLUSIVE, once per statement",
    .rationale =
        "Outside a transaction block each ALTER TABLE waits for its own ACCESS EXCLUSIVE "
        "lock; every wait queues all the table's readers and writers behind it, so N "
        "statements are N chances of a pile-up, and a failure between them leaves the table "
        "half-migrated. PostgreSQL applies comma-separated actions of one ALTER TABLE under a "
        "single lock, with at most one pass over the table.",
    .safe_alternative =
        "1. Combine the actions: ALTER TABLE t ADD COLUMN a text, ADD COLUMN b text;\n"
        "2. Or run the statements in one transaction with a lock_timeout, so the lock is "
        "taken once and the change is atomic.",
    .check = check,
};

}  // namespace migcheck
