#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterExtensionStmt" && statement.type != "AlterExtensionContentsStmt") {
    return;
  }
  bool update = statement.type == "AlterExtensionStmt";
  context.report(context.clause(statement, {"alter", "extension"}),
                 "ALTER EXTENSION `" + statement.body["extname"].str() + "`" +
                     (update ? " UPDATE runs the extension's upgrade scripts, which may rewrite "
                               "its functions, types and tables and take their locks."
                             : " changes which objects belong to the extension, and so what "
                               "DROP EXTENSION and pg_dump do with them."));
}

}  // namespace

const Rule kAlteringExtensionRule{
    .id = "altering-extension",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "An extension is updated or its member objects changed",
    .lock = "whatever the extension's upgrade script takes (unknown to migcheck)",
    .rationale =
        "ALTER EXTENSION ... UPDATE executes scripts migcheck cannot see: they may rebuild "
        "indexes, change function behaviour or rewrite tables the application uses (PostGIS "
        "and TimescaleDB upgrades do), and the new version must be installed on every server "
        "first. Off by default: for teams that review extension upgrades.",
    .safe_alternative =
        "1. Read the extension's release notes and upgrade script for the versions involved.\n"
        "2. Rehearse the update on a copy of production, and time it.\n"
        "3. Run it in a maintenance window, and mark it -- migcheck:ignore altering-extension "
        "once reviewed.",
    .check = check,
};

}  // namespace migcheck
