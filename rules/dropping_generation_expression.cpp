#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterTableStmt") return;
  const JsonNode& relation = statement.body["relation"];
  for_each_table_command(statement, [&](const JsonNode& cmd) {
    if (cmd["subtype"].raw() != "AT_DropExpression") return;
    std::string column = cmd["name"].str();
    Span span = alter_column_clause(context, statement, column);
    if (context.pg_version() < 13) {
      context.report(span, "DROP EXPRESSION is PostgreSQL 13's: on PostgreSQL " +
                               std::to_string(context.pg_version()) + " the migration fails here.");
      return;
    }
    if (!is_pre_existing(context, relation)) return;
    context.report(span, "Dropping the generation expression of " +
                             quoted_column(relation, column) +
                             " keeps its values but stops computing them: rows written by code "
                             "still running get NULL there, and the column drifts from the "
                             "columns it was computed from.");
  });
}

}  // namespace

const Rule kDroppingGenerationExpressionRule{
    .id = "dropping-generation-expression",
    .severity = Severity::warning,
    .summary = "A generated column stops being computed while code may still rely on it",
    .lock = "ACCESS EXCLUSIVE on the table (brief: the stored values are kept, no rewrite)",
    .rationale =
        "ALTER COLUMN ... DROP EXPRESSION (PostgreSQL 13+) turns a stored generated column "
        "into a plain one. Code still running never writes it, since PostgreSQL computed it, "
        "so new and updated rows get NULL or stale values. Tables created in the same "
        "migration are not reported; before PostgreSQL 13 the statement itself fails.",
    .safe_alternative =
        "1. Deploy code that writes the column itself, with the value the expression gave.\n"
        "2. Drop the expression in a later migration, with a lock_timeout, marked "
        "`migcheck:ignore dropping-generation-expression` with the release since which the code "
        "writes the column; or keep computing the value with a trigger if some writers cannot "
        "change.",
    .check = check,
};

}  // namespace migcheck
