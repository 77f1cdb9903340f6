#include "linter/lock_level.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "LockStmt") return;
  LockMode mode = static_cast<LockMode>(statement.body["mode"].integer(8));
  if (mode < LockMode::share) return;  // weaker modes do not block writes
  for (const JsonNode& relation : statement.body["relations"]) {
    if (!is_pre_existing(context, relation.body())) continue;
    context.report(context.clause(statement, {"lock"}),
                   "LOCK TABLE " + quoted_table(relation.body()) + " in " +
                       std::string(lock_mode_name(mode)) + " mode blocks " +
                       (mode == LockMode::access_exclusive ? "reads and writes" : "writes") +
                       " until the transaction commits.");
  }
}

}  // namespace

const Rule kLockingTableRule{
    .id = "locking-table",
    .severity = Severity::warning,
    .summary = "An explicit LOCK TABLE blocks the application",
    .lock = "as requested: ACCESS EXCLUSIVE by default, blocks reads and writes",
    .rationale =
        "LOCK TABLE without a mode takes ACCESS EXCLUSIVE, and any mode from SHARE up blocks "
        "writes. The lock lasts until the transaction ends, so everything the migration does "
        "afterwards runs with the application blocked, and the request itself queues queries "
        "while it waits.",
    .safe_alternative =
        "1. Let each statement take the lock it needs, for as short a time as possible.\n"
        "2. If a lock is truly needed (to stop writes during a data fix), take the weakest "
        "mode that works, set a lock_timeout first, and commit as soon as possible.",
    .check = check,
};

}  // namespace migcheck
