#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "TruncateStmt") return;
  for (const JsonNode& relation : statement.body["relations"]) {
    if (!is_pre_existing(context, relation.body())) continue;
    context.report(context.clause(statement, {"truncate"}),
                   "Truncating " + quoted_table(relation.body()) +
                       " deletes all of its rows at once, under an ACCESS EXCLUSIVE lock.");
  }
}

}  // namespace

const Rule kTruncatingTableRule{
    .id = "truncating-table",
    .severity = Severity::error,
    .summary = "An existing table is truncated",
    .lock = "ACCESS EXCLUSIVE: blocks reads and writes (and, with CASCADE, of referencing tables)",
    .rationale =
        "TRUNCATE removes every row, cannot be undone after commit, and with CASCADE empties "
        "every table that references it too. In a migration it usually means data loss in "
        "production that nobody intended.",
    .safe_alternative =
        "1. If the data truly must go, take a backup first and say so in the migration.\n"
        "2. To delete part of the data, DELETE in batches with a WHERE.\n"
        "3. For a staging table created in the same migration, no finding is raised.",
    .check = check,
};

}  // namespace migcheck
