#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "linter/location.h"

namespace migcheck {

// One statement a migration executed, as its applier tells it: after the
// server answered and before the migration goes on, so that its transaction
// is still open.
struct ExecutedStatement {
  std::string revision;
  std::string sql;
  Location location;  // the `.py` line that ran it, or the SQL file's line and column
  std::vector<std::string> parameters;  // as text, secrets masked
  bool in_transaction = true;           // a transaction is open after it
  double duration_ms = 0;
  // The migration's clock when the statement ended: a monotonic time less the
  // time the migration spent waiting for listeners, so that what listeners
  // do is not counted in how long locks were held.
  double clock_ms = 0;
  // When it was sent and when it returned, on the steady clock
  // (CLOCK_MONOTONIC, the clock the --load probes' sampler reads): the
  // statement's place among the probes' waits, free of the time its report
  // took to arrive.
  std::chrono::steady_clock::time_point sent_at;
  std::chrono::steady_clock::time_point returned_at;
  int backend_pid = 0;
};

// Told every statement a migration executes and the end of each transaction
// it ran statements in, synchronously: the migration waits while it listens.
class StatementListener {
 public:
  virtual ~StatementListener() = default;
  // Before a statement of this backend that follows one of another backend
  // (or is the first told): the state it starts from.
  virtual void starting(int backend_pid) = 0;
  virtual void executed(const ExecutedStatement& statement) = 0;
  // The backend's transaction ended (COMMIT or ROLLBACK) at the migration's clock_ms.
  virtual void transaction_ended(int backend_pid, double clock_ms) = 0;
};

}  // namespace migcheck
