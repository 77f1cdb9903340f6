#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "DropStmt" || statement.body["removeType"].str() != "OBJECT_SCHEMA") return;
  bool cascade = statement.body["behavior"].str() == "DROP_CASCADE";
  for (const JsonNode& object : statement.body["objects"]) {
    context.report(context.clause(statement, {"drop", "schema"}),
                   "Dropping schema `" + object.body()["sval"].str() + "`" +
                       (cascade ? " with CASCADE deletes every table, view and function in it"
                                : " breaks every running application instance that uses objects "
                                  "in it") +
                       ", and the data is gone for good.");
  }
}

}  // namespace

const Rule kDroppingSchemaRule{
    .id = "dropping-schema",
    .severity = Severity::error,
    .summary = "A schema is dropped",
    .lock = "ACCESS EXCLUSIVE on every object dropped with it",
    .rationale =
        "A schema holds tables, views and functions; dropping it (with CASCADE, everything in "
        "it) breaks any code still using them and destroys their data. Without CASCADE it fails "
        "unless the schema is already empty.",
    .safe_alternative =
        "1. Move or drop the objects one by one in earlier migrations, after the code stops "
        "using them.\n"
        "2. Drop the then-empty schema without CASCADE, so a forgotten object makes it fail "
        "instead of vanishing.",
    .check = check,
};

}  // namespace migcheck
