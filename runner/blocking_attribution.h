#pragma once
#include <map>
#include <string>
#include <vector>

#include "runner/probes.h"
#include "runner/time_intervals.h"
#include "runner/trace.h"

namespace migcheck {

// One statement of a traced step on the steady clock the probes sample on:
// from its start until it returned.
struct StatementWindow {
  size_t record = 0;  // its TraceRecord's index
  TimePoint begin;
  TimePoint end;
};

// The probes' blocked time, given to the statements of one traced step
// (`statements` in the order they ran): what a probe waited while a statement
// ran goes to that statement; what it waited after it, until the next one
// started (its transaction still holding the lock), goes to it too. Time in
// `paused` (the migration waiting for migcheck's observer) counts for none.
// Each statement gets an entry for every table in `tables`, zero when nothing
// waited; the lock is the strongest a probe waited for.
std::map<size_t, std::vector<BlockedTime>> attribute_blocking(
    const std::vector<BlockedSpan>& spans, const std::vector<StatementWindow>& statements,
    const std::vector<TimeInterval>& paused, const std::vector<std::string>& tables);

}  // namespace migcheck
