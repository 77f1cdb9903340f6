#include "linter/lock_level.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  const SessionState& session = context.session();
  if (session.exclusive_locks.empty() || !changes_existing_data(statement, context.catalog())) {
    return;
  }
  std::string tables;
  for (const std::string& table : session.exclusive_locks) {
    tables += (tables.empty() ? "`" : ", `") + shown_table(table) + "`";
  }
  context.report(context.first_line(statement),
                 "This data change runs in the same transaction as schema changes holding ACCESS "
                 "EXCLUSIVE on " +
                     tables +
                     ": those tables stay blocked for reads and writes until it finishes.");
}

}  // namespace

const Rule kMixingDataAndSchemaChangesRule{
    .id = "mixing-data-and-schema-changes",
    .severity = Severity::warning,
    .summary = "Data is changed in the transaction that holds a schema change's exclusive lock",
    .lock = "ACCESS EXCLUSIVE from the DDL, held through the UPDATE/DELETE until COMMIT",
    .rationale =
        "A backfill (UPDATE, DELETE, INSERT ... SELECT, COPY) takes time proportional to the "
        "data. Run after an ALTER TABLE in the same transaction, it keeps the ALTER's ACCESS "
        "EXCLUSIVE lock held the whole time, and a failure halfway rolls back the schema change "
        "too.",
    .safe_alternative =
        "1. Put schema changes and data changes in separate migrations (or commit between "
        "them).\n"
        "2. Backfill in batches of a few thousand rows, each in its own short transaction.",
    .check = check,
};

}  // namespace migcheck
