#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void finish(RuleContext& context) {
  const SessionState& session = context.session();
  if (session.explicit_depth == 0 || !session.open_begin || session.tool_transaction) return;
  Span begin = *session.open_begin;
  context.report(begin,
                 "This BEGIN is never followed by COMMIT or ROLLBACK: the migration's changes "
                 "stay uncommitted, holding their locks, until the connection closes and "
                 "PostgreSQL rolls them back.");
}

}  // namespace

const Rule kUncommittedTransactionRule{
    .id = "uncommitted-transaction",
    .severity = Severity::error,
    .summary = "A BEGIN has no matching COMMIT or ROLLBACK",
    .lock = "every lock the open transaction took, held until the connection ends",
    .rationale =
        "A transaction left open keeps every lock it took, so tables stay blocked while the "
        "migration tool or psql session lingers; when the connection closes, PostgreSQL rolls "
        "everything back, and the migration silently did nothing while the tool may record it "
        "as applied.",
    .safe_alternative = "End every BEGIN with COMMIT (or ROLLBACK) in the same file.",
    .finish = finish,
};

}  // namespace migcheck
