#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "TransactionStmt") return;
  std::string_view kind = statement.body["kind"].raw();
  if (kind != "TRANS_STMT_BEGIN" && kind != "TRANS_STMT_START") return;
  const SessionState& session = context.session();
  if (!session.in_transaction()) return;
  std::string message =
      session.explicit_depth > 0
          ? "BEGIN inside a transaction that an earlier BEGIN opened: PostgreSQL only warns, and "
            "the first COMMIT ends both."
      : session.block_depth > 0
          ? "BEGIN inside a DO block: transactions cannot be started there."
          : "BEGIN inside the transaction the migration tool already opened: PostgreSQL "
            "only warns, and this file's COMMIT then commits the tool's transaction early.";
  context.report(context.first_line(statement), message);
}

}  // namespace

const Rule kTransactionNestingRule{
    .id = "transaction-nesting",
    .severity = Severity::error,
    .summary = "BEGIN inside a transaction that is already open",
    .lock = "",
    .rationale =
        "PostgreSQL has no nested transactions: a second BEGIN only raises a warning, and the "
        "next COMMIT ends the outer transaction too. When the migration tool already wraps the "
        "migration in a transaction, a BEGIN ... COMMIT in the file commits the tool's "
        "transaction halfway, so a later failure leaves the migration half applied and the "
        "tool's version table out of step.",
    .safe_alternative =
        "1. Remove BEGIN/COMMIT from migrations the tool runs in a transaction.\n"
        "2. If the file must control its own transactions, turn the tool's transaction off for "
        "it (then one BEGIN ... COMMIT pair, not nested).\n"
        "3. For a partial rollback inside a transaction, use SAVEPOINT.",
    .check = check,
};

}  // namespace migcheck
