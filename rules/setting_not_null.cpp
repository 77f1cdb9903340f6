#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (!alters_table(statement)) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  const TableInfo* table = context.table_of(relation);
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_SetNotNull") return;
    std::string column = cmd["name"].str();
    if (table && !table->set_not_null_scans(column, context.pg_version())) return;
    bool proven = table && table->has_valid_not_null_check(column);
    std::string why = proven ? " (a validated CHECK (" + column +
                                   " IS NOT NULL) only lets PostgreSQL skip the scan from version "
                                   "12; target: " +
                                   std::to_string(context.pg_version()) + ")"
                             : "";
    context.report(alter_column_clause(context, statement, column),
                   "Setting NOT NULL on " + quoted_column(relation, column) +
                       " scans the whole table under an ACCESS EXCLUSIVE lock" + why + ".");
  });
}

}  // namespace

const Rule kSettingNotNullRule{
    .id = "setting-not-null",
    .severity = Severity::error,
    .summary = "SET NOT NULL scans an existing table while holding an exclusive lock",
    .lock = "ACCESS EXCLUSIVE during a full table scan: blocks reads and writes",
    .rationale =
        "To make a column NOT NULL, PostgreSQL reads every row to prove there is no NULL, and "
        "holds ACCESS EXCLUSIVE the whole time, so all queries on the table wait. From "
        "PostgreSQL 12 the scan is skipped when a validated CHECK (col IS NOT NULL) constraint "
        "already proves it.",
    .safe_alternative =
        "1. ALTER TABLE t ADD CONSTRAINT t_col_not_null CHECK (col IS NOT NULL) NOT VALID; "
        "(instant: only new writes are checked).\n"
        "2. In a later transaction: ALTER TABLE t VALIDATE CONSTRAINT t_col_not_null; (scans "
        "under SHARE UPDATE EXCLUSIVE: reads and writes go on).\n"
        "3. ALTER TABLE t ALTER COLUMN col SET NOT NULL; (PostgreSQL 12+ uses the check and "
        "skips the scan).\n"
        "4. ALTER TABLE t DROP CONSTRAINT t_col_not_null;",
    .check = check,
};

}  // namespace migcheck
