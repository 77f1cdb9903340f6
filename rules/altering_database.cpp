#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterDatabaseStmt" && statement.type != "AlterDatabaseSetStmt" &&
      statement.type != "AlterDatabaseRefreshCollStmt") {
    return;
  }
  context.report(context.clause(statement, {"alter", "database"}),
                 "ALTER DATABASE `" + statement.body["dbname"].str() +
                     "` changes settings or limits for every session of every service using "
                     "the database, not only this migration's.");
}

}  // namespace

const Rule kAlteringDatabaseRule{
    .id = "altering-database",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A database's options or default settings are altered",
    .lock = "",
    .rationale =
        "ALTER DATABASE ... SET changes the defaults of every new session (a timeout, a "
        "search_path, a work_mem), CONNECTION LIMIT or ALLOW_CONNECTIONS can lock services out, "
        "and SET TABLESPACE needs every other session disconnected. Such settings live "
        "outside the schema and differ between environments. Off by default: for teams that "
        "keep database settings out of migrations.",
    .safe_alternative =
        "1. Set per-database options in the infrastructure that provisions the database.\n"
        "2. If a migration must do it, mark it -- migcheck:ignore altering-database once "
        "reviewed.",
    .check = check,
};

}  // namespace migcheck
