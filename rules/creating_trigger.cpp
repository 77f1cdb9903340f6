#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

constexpr long long kTriggerTypeBefore = 1 << 1;  // pg_trigger.h's TRIGGER_TYPE_BEFORE

// Why PostgreSQL `pg_version` refuses this trigger, or "" when it accepts it.
std::string refusal(const Statement& statement, const TableInfo* table, int pg_version) {
  if (statement.body["replace"].boolean() && pg_version < 14) {
    return "CREATE OR REPLACE TRIGGER needs PostgreSQL 14";
  }
  if (!table || !table->partitioned || !statement.body["row"].boolean()) return "";
  if (pg_version < 11) return "row-level triggers on a partitioned table need PostgreSQL 11";
  if ((statement.body["timing"].integer() & kTriggerTypeBefore) && pg_version < 13) {
    return "BEFORE row-level triggers on a partitioned table need PostgreSQL 13";
  }
  return "";
}

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "CreateTrigStmt") return;
  const JsonNode& relation = statement.body["relation"];
  Span span = context.clause(statement, {"trigger", statement.body["trigname"].str()});
  const TableInfo* table = context.table_of(relation);
  std::string refused = refusal(statement, table, context.pg_version());
  if (!refused.empty()) {
    context.report(span, refused + " (target: " + std::to_string(context.pg_version()) +
                             "): the migration fails here.");
    return;
  }
  if (!is_pre_existing(context, relation) || context.session().lock_timeout.set) return;
  context.report(span, "Creating trigger `" + statement.body["trigname"].str() + "` on " +
                           quoted_table(relation) +
                           " waits for SHARE ROW EXCLUSIVE with no lock_timeout: behind a long "
                           "query it queues every write to the table, then blocks writes until "
                           "the transaction commits.");
}

}  // namespace

const Rule kCreatingTriggerRule{
    .id = "creating-trigger",
    .severity = Severity::warning,
    .summary = "A trigger is created on an existing table without a lock_timeout, or unsupported",
    .lock = "SHARE ROW EXCLUSIVE: blocks INSERT, UPDATE and DELETE until the transaction ends",
    .rationale =
        "CREATE TRIGGER is a catalog change, but it needs SHARE ROW EXCLUSIVE on the table, "
        "which conflicts with every write. Waiting for it behind a long-running query makes "
        "all writes queue behind the migration; once created, the lock lasts until commit and "
        "the function then runs for every row written. CREATE OR REPLACE TRIGGER needs "
        "PostgreSQL 14, and row-level triggers on partitioned tables 11 (BEFORE ones 13).",
    .safe_alternative =
        "1. SET lock_timeout = '5s'; before the CREATE TRIGGER (retry the migration on "
        "timeout).\n"
        "2. Keep the transaction short after it: backfill the rows the trigger covers in a "
        "later migration, in batches.\n"
        "3. Make the trigger function cheap; it runs inside every write.",
    .check = check,
};

}  // namespace migcheck
