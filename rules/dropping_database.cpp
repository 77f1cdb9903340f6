#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "DropdbStmt") return;
  context.report(context.clause(statement, {"drop", "database"}),
                 "Dropping database `" + statement.body["dbname"].str() +
                     "` destroys all of its data; a migration should never do this.");
}

}  // namespace

const Rule kDroppingDatabaseRule{
    .id = "dropping-database",
    .severity = Severity::error,
    .summary = "A database is dropped",
    .lock = "exclusive use of the whole database",
    .rationale =
        "DROP DATABASE removes every table and all data at once and cannot be undone. It also "
        "cannot run inside a transaction block, so in a migration it is almost always a "
        "mistake (a script meant for a developer machine).",
    .safe_alternative =
        "1. Keep database creation and removal in provisioning, not in schema migrations.\n"
        "2. To retire a database, take a backup, stop every client, and drop it by hand.",
    .check = check,
};

}  // namespace migcheck
