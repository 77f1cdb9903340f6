#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterSystemStmt") return;
  context.report(context.clause(statement, {"alter", "system"}),
                 "ALTER SYSTEM writes postgresql.auto.conf for the whole server: the change "
                 "outlives the migration, survives a rollback of it, and applies to every "
                 "database on the next reload or restart.");
}

}  // namespace

const Rule kAlteringSystemRule{
    .id = "altering-system",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "ALTER SYSTEM changes server configuration",
    .lock = "",
    .rationale =
        "ALTER SYSTEM cannot run in a transaction block, is not rolled back with the "
        "migration, needs superuser (or a granted privilege on PostgreSQL 15), and changes "
        "the server for every database and application on it. Managed services usually refuse "
        "it. Off by default: for teams that keep server configuration out of migrations.",
    .safe_alternative =
        "1. Change server parameters in the configuration management of the server (or the "
        "managed service's parameter group).\n"
        "2. If a migration must do it, mark it -- migcheck:ignore altering-system once "
        "reviewed.",
    .check = check,
};

}  // namespace migcheck
