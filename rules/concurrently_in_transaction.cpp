#include "linter/statement_options.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// The CONCURRENTLY forms PostgreSQL refuses inside a transaction block.
std::string concurrent_operation(const Statement& statement) {
  const JsonNode& body = statement.body;
  if (statement.type == "IndexStmt" && body["concurrent"].boolean()) return "CREATE INDEX";
  if (statement.type == "DropStmt" && body["concurrent"].boolean()) return "DROP INDEX";
  if (statement.type == "ReindexStmt") {
    if (option_enabled(body["params"], "concurrently")) return "REINDEX";
  }
  if (statement.type == "AlterTableStmt") {
    for (const JsonNode& cmd : body["cmds"]) {
      if (cmd.body()["subtype"].raw() == "AT_DetachPartition" &&
          cmd.body()["def"].body()["concurrent"].boolean()) {
        return "DETACH PARTITION";
      }
    }
  }
  return {};
}

void check(const Statement& statement, RuleContext& context) {
  const SessionState& session = context.session();
  if (!session.in_transaction()) return;
  std::string operation = concurrent_operation(statement);
  if (operation.empty()) return;
  std::string where = session.block_depth > 0      ? "inside a DO block"
                      : session.explicit_depth > 0 ? "after BEGIN, inside a transaction block"
                                                   : "inside the migration tool's transaction";
  context.report(context.clause(statement, {"concurrently"}),
                 operation + " CONCURRENTLY cannot run " + where +
                     ": PostgreSQL rejects it and the migration fails.");
}

}  // namespace

const Rule kConcurrentlyInTransactionRule{
    .id = "concurrently-in-transaction",
    .severity = Severity::error,
    .summary = "A CONCURRENTLY operation runs inside a transaction block",
    .lock = "",
    .rationale =
        "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH "
        "PARTITION CONCURRENTLY commit in several steps of their own, so PostgreSQL refuses "
        "them inside a transaction block (ERROR: cannot run inside a transaction block) or a "
        "function or DO block. Most migration tools wrap each migration in a transaction, so "
        "the statement fails unless that is turned off.",
    .safe_alternative =
        "1. Put the statement in a migration of its own.\n"
        "2. Turn the tool's transaction off for it (Alembic: with "
        "op.get_context().autocommit_block(): ...; Flyway: executeInTransaction=false; "
        "golang-migrate: one statement per file; Django: atomic = False).\n"
        "3. Remove any BEGIN/COMMIT around it, and keep it out of DO blocks.",
    .check = check,
};

}  // namespace migcheck
