#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterRoleStmt" && statement.type != "AlterRoleSetStmt") return;
  context.report(context.clause(statement, {"alter"}),
                 "ALTER ROLE changes a cluster-wide role (its login, rights or default "
                 "settings) for every database and session that uses it, not only this "
                 "application's schema.");
}

}  // namespace

const Rule kAlteringRoleRule{
    .id = "altering-role",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A role's attributes or default settings are altered",
    .lock = "",
    .rationale =
        "Roles belong to the whole cluster, not to a database or a migration: NOLOGIN, a new "
        "password, a connection limit or a per-role setting (statement_timeout, search_path) "
        "applies to every service that logs in with the role, from its next session or at "
        "once, and rolling the migration back does not undo what sessions already saw. Off by "
        "default: for teams that keep roles out of migrations.",
    .safe_alternative =
        "1. Manage roles with the infrastructure tooling that provisions the cluster.\n"
        "2. If a migration must do it, mark it -- migcheck:ignore altering-role once "
        "reviewed.",
    .check = check,
};

}  // namespace migcheck
