#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runner/probes.h"
#include "runner/time_intervals.h"
#include "runner/trace.h"

namespace migcheck {

// A table lock a statement takes.
struct StatementLock {
  std::string relation;  // "schema.name", as pg_class names it
  std::string mode;      // as PostgreSQL's documentation names it: "ACCESS EXCLUSIVE"
};

// One statement of a traced step on the steady clock the probes sample on:
// from when it was sent until it returned, as the migration's own process
// read the clock around it.
struct StatementWindow {
  size_t record = 0;  // its TraceRecord's index
  TimePoint begin;
  TimePoint end;
  // The table locks it takes: those the observer saw it newly take and those
  // it asks for again while an earlier statement of its transaction holds them.
  std::vector<StatementLock> locks;
};

// The probes' blocked time, given to the statements of one traced step
// (`statements` in the order they ran). A wait for a row (the migration's
// transaction wrote it) goes, all of it, to the statement that was running,
// or had last run, when the wait began. A wait for a table lock goes, for
// each moment of it, to the statement running then (or, between statements,
// the one that ran last) when that statement takes the lock waited for; else
// to the latest earlier one that took it (the lock is held on its behalf);
// else to the first later one that takes it (the wait was seen a moment
// before its statement's clock said it began). Time in `paused` (the
// migration waiting for migcheck's observer) counts for none. Each statement
// gets an entry for every table in `tables`, zero when nothing waited; the
// lock is the strongest a probe waited for.
std::map<size_t, std::vector<BlockedTime>> attribute_blocking(
    const std::vector<BlockedSpan>& spans, const std::vector<StatementWindow>& statements,
    const std::vector<TimeInterval>& paused, const std::vector<std::string>& tables);

// The statement (its position in `statements`) that waited for a probe in
// `wait`: the first that had not returned when the wait was seen beginning and
// that takes the lock waited for (the sampler reads its clock before its
// query, so a wait may seem to begin a moment before its statement was sent);
// else the one running when it began; none when no traced statement did (the
// one that waited failed, and failed statements are not traced).
std::optional<size_t> waiting_statement(const MigrationWait& wait,
                                        const std::vector<StatementWindow>& statements);

}  // namespace migcheck
