#include <vector>

#include "linter/lock_level.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

std::string table_list(const std::vector<std::string>& tables) {
  std::string list;
  for (const std::string& table : tables) {
    list += (list.empty() ? "`" : ", `") + shown_table(table) + "`";
  }
  return list;
}

void check(const Statement& statement, RuleContext& context) {
  const SessionState& session = context.session();
  if (!session.exclusive_locks.empty() && changes_existing_data(statement, context.catalog())) {
    context.report(context.first_line(statement),
                   "This data change runs in the same transaction as schema changes holding "
                   "ACCESS EXCLUSIVE on " +
                       table_list(session.exclusive_locks) +
                       ": those tables stay blocked for reads and writes until it finishes.");
    return;
  }
  // The other order, reported at the transaction's first exclusive lock: the
  // rows changed earlier stay locked while the DDL waits for its lock and runs.
  if (session.changed_tables.empty() || !session.exclusive_locks.empty()) return;
  TableLock lock = blocking_lock(statement, context);
  if (lock.mode != LockMode::access_exclusive) return;
  context.report(context.first_line(statement),
                 "This schema change takes ACCESS EXCLUSIVE on `" + shown_table(lock.table) +
                     "` in the same transaction as an earlier data change to " +
                     table_list(session.changed_tables) +
                     ": the changed rows stay locked while it waits and runs, and a failure "
                     "rolls the data change back too.");
}

}  // namespace

const Rule kMixingDataAndSchemaChangesRule{
    .id = "mixing-data-and-schema-changes",
    .severity = Severity::warning,
    .summary = "Data changes and exclusive-lock schema changes share one transaction",
    .lock = "ACCESS EXCLUSIVE from the DDL, held through the UPDATE/DELETE until COMMIT",
    .rationale =
        "A backfill (UPDATE, DELETE, INSERT ... SELECT, COPY) takes time proportional to the "
        "data. Run after an ALTER TABLE in the same transaction, it keeps the ALTER's ACCESS "
        "EXCLUSIVE lock held the whole time, and a failure halfway rolls back the schema change "
        "too. In the other order, the rows the data change locked stay locked while the ALTER "
        "waits for its lock and runs.",
    .safe_alternative =
        "1. Put schema changes and data changes in separate migrations (or commit between "
        "them).\n"
        "2. Backfill in batches of a few thousand rows, each in its own short transaction.",
    .check = check,
};

}  // namespace migcheck
