#pragma once
#include <string>
#include <vector>

#include "linter/location.h"

namespace migcheck {

// A lock the migration's backend newly held after one statement, and for how
// long it then kept it (until its transaction's COMMIT or ROLLBACK, or the end
// of the statement itself in autocommit).
struct TracedLock {
  std::string relation;  // schema-qualified, as pg_class names it
  std::string mode;      // pg_locks.mode, e.g. "AccessExclusiveLock"
  double held_ms = 0;
};

// One statement the migration really executed on the throwaway server, as the
// observer saw it from its second connection. Statements migcheck issues for
// its own bookkeeping (snapshots, version tables) are never traced.
struct TraceRecord {
  std::string revision;
  // Where the statement came from: the `.py` line that ran it (the deepest
  // frame inside a revision file) or the SQL file's line and column.
  Location location;
  std::string sql;
  // Bound parameters as text, with values that look like secrets masked.
  std::vector<std::string> parameters;
  bool in_transaction = true;
  double duration_ms = 0;
  std::vector<TracedLock> locks;      // modes newly taken, per relation
  std::vector<std::string> rewrites;  // relations whose relfilenode changed
};

}  // namespace migcheck
