#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "AlterEnumStmt" || !statement.body["oldVal"].str().empty()) return;
  if (context.pg_version() >= 12 || !context.session().in_transaction()) return;
  context.report(context.clause(statement, {"add", "value"}),
                 "ALTER TYPE `" + display_list_name(statement.body["typeName"]) +
                     "` ADD VALUE cannot run inside a transaction block before PostgreSQL 12 "
                     "(target: " +
                     std::to_string(context.pg_version()) + "): the migration fails here.");
}

}  // namespace

const Rule kAddingEnumValueInTransactionRule{
    .id = "adding-enum-value-in-transaction",
    .severity = Severity::error,
    .summary = "ALTER TYPE ... ADD VALUE inside a transaction before PostgreSQL 12",
    .lock = "",
    .rationale =
        "Before PostgreSQL 12, adding a value to an enum is refused inside a transaction block "
        "(ERROR: ALTER TYPE ... ADD cannot run inside a transaction block), and most migration "
        "tools run each migration in one. From 12 it is allowed, but the new value cannot be "
        "used until the transaction commits.",
    .safe_alternative =
        "1. Put ALTER TYPE ... ADD VALUE IF NOT EXISTS in a migration of its own.\n"
        "2. Run that migration without the tool's transaction (Alembic: "
        "op.get_context().autocommit_block()).\n"
        "3. Use the new value only in later migrations.",
    .check = check,
};

}  // namespace migcheck
