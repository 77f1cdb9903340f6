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
  // Made by an earlier statement of the same revision, or this one: a lock on
  // it blocks no application query.
  bool on_new_relation = false;
};

// How long application-like queries on one table (the load probes, --load)
// waited for the migration while a statement ran, or after it while its
// transaction went on holding the lock (time the migration spent paused for
// migcheck's own observation is not counted).
struct BlockedTime {
  std::string relation;  // schema-qualified, as pg_class names it
  double reads_ms = 0;   // how long reads could not get through (several waits at once count once)
  double writes_ms = 0;  // the same for writes
  double longest_read_ms = 0;   // the longest one read waited
  double longest_write_ms = 0;  // the longest one write waited
  std::string lock;  // pg_locks.mode the migration held or wanted; empty when none waited
  long rows = 0;     // rows in the table when the probes started
  // With --table-rows for the table, when the statement's time grows with
  // the rows (a rewrite, an index build, a scan, a data change): the measured
  // times scaled from `rows` to production's. An estimate, not a measurement.
  double production_rows = 0;  // 0 when not estimated
  double estimated_reads_ms = 0;
  double estimated_writes_ms = 0;
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
  // With --load, for each probed table (empty without): how long the
  // application waited on it because of this statement.
  std::vector<BlockedTime> blocked;
  // Slow work the round trip measured running while an earlier statement of
  // its transaction held ACCESS EXCLUSIVE (or another lock blocking reads or
  // writes) on a pre-existing table: an exclusive-lock-held finding lists it.
  bool slow_under_held_lock = false;
};

}  // namespace migcheck
