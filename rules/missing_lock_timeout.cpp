#include "rules/fix_support.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// Reported once per unit, at the first statement that needs it: one SET
// lock_timeout at the top fixes them all.
void check(const Statement& statement, RuleContext& context) {
  const SessionState& session = context.session();
  if (session.lock_timeout.set || session.blocking_statements_without_lock_timeout > 0) return;
  TableLock lock = blocking_lock(statement, context);
  if (lock.mode == LockMode::none) return;
  context.report(context.first_line(statement),
                 "This statement takes " + std::string(lock_mode_name(lock.mode)) + " on `" +
                     shown_table(lock.table) +
                     "` with no lock_timeout set earlier in the migration: if it has to wait, "
                     "every query on the table queues behind it.",
                 setting_at_top_fix("missing-lock-timeout"));
}

}  // namespace

const Rule kMissingLockTimeoutRule{
    .id = "missing-lock-timeout",
    .severity = Severity::warning,
    .summary = "A blocking lock is requested without SET lock_timeout first",
    .lock = "SHARE or stronger on an existing table (blocks writes, or reads and writes)",
    .rationale =
        "A lock request waits behind any transaction already using the table (a long report, an "
        "idle-in-transaction session). While it waits, PostgreSQL queues every later query on "
        "the table behind it, even plain SELECTs when the request is ACCESS EXCLUSIVE: a "
        "statement that would take milliseconds becomes an outage. lock_timeout makes it give "
        "up instead.",
    .safe_alternative =
        "1. Start the migration with SET lock_timeout = '5s'; (or SET LOCAL inside the "
        "transaction; a few seconds at most).\n"
        "2. Let the deploy retry the migration when it fails with 'canceling statement due to "
        "lock timeout'.\n"
        "3. Keep each locking transaction short.",
    .check = check,
};

}  // namespace migcheck
