#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void report(RuleContext& context, Span span, const std::string& what, const std::string& fix) {
  context.report(span, what + " without " + fix +
                           " fails if the migration is re-run after a partial failure; it runs "
                           "outside a transaction, so nothing was rolled back.");
}

void check(const Statement& statement, RuleContext& context) {
  if (context.session().in_transaction()) return;
  const JsonNode& body = statement.body;
  if (statement.type == "CreateStmt" && !body["if_not_exists"].boolean()) {
    report(context, context.clause(statement, {"create"}), "CREATE TABLE", "IF NOT EXISTS");
  } else if (statement.type == "IndexStmt" && !body["if_not_exists"].boolean()) {
    report(context, context.clause(statement, {"create"}), "CREATE INDEX", "IF NOT EXISTS");
  } else if (statement.type == "DropStmt" && !body["missing_ok"].boolean()) {
    std::string kind = body["removeType"].str();
    if (kind == "OBJECT_TABLE" || kind == "OBJECT_INDEX" || kind == "OBJECT_VIEW" ||
        kind == "OBJECT_MATVIEW" || kind == "OBJECT_SEQUENCE") {
      report(context, context.clause(statement, {"drop"}), "DROP", "IF EXISTS");
    }
  } else {
    for_each_table_command(statement, [&](const JsonNode& cmd) {
      std::string subtype = cmd["subtype"].str();
      if (cmd["missing_ok"].boolean()) return;
      if (subtype == "AT_AddColumn") {
        report(context, add_column_clause(context, statement, cmd["def"].body()["colname"].str()),
               "ADD COLUMN", "IF NOT EXISTS");
      } else if (subtype == "AT_DropColumn") {
        report(context, first_clause(context, statement, {{"drop", "column"}, {"drop"}}),
               "DROP COLUMN", "IF EXISTS");
      } else if (subtype == "AT_DropConstraint") {
        report(context, context.clause(statement, {"drop", "constraint"}), "DROP CONSTRAINT",
               "IF EXISTS");
      }
    });
  }
}

}  // namespace

const Rule kPreferRobustStatementsRule{
    .id = "prefer-robust-statements",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A statement outside a transaction cannot be safely re-run",
    .lock = "",
    .rationale =
        "Migrations that run outside a transaction (needed for CREATE INDEX CONCURRENTLY and "
        "friends) are not rolled back when they fail halfway: the statements that ran stay "
        "done. Re-running the migration then fails on the first CREATE or DROP that already "
        "happened, and someone has to fix the database by hand. Off by default: inside a "
        "transaction the problem does not arise.",
    .safe_alternative =
        "Write statements that succeed when already applied: CREATE ... IF NOT EXISTS, DROP "
        "... IF EXISTS, ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS. For CREATE INDEX "
        "CONCURRENTLY, also drop an INVALID leftover index before retrying.",
    .check = check,
};

}  // namespace migcheck
