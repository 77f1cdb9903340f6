#include "runner/blocking_attribution.h"

#include <algorithm>

#include "runner/trace_text.h"

namespace migcheck {
namespace {

// What the probes of one access on one table waited, given to one statement.
struct Waits {
  std::vector<TimeInterval> intervals;
  double longest_ms = 0;
};

// The time statement `i` answers for when nothing says otherwise: from its
// start to the next one's (the last one's runs on to the end of the
// measurement).
TimeInterval share_of(const std::vector<StatementWindow>& statements, size_t i) {
  return {statements[i].begin,
          i + 1 < statements.size() ? statements[i + 1].begin : TimePoint::max()};
}

// Whether `statement` takes the lock in pg_locks `mode` on `relation`.
bool takes(const StatementWindow& statement, const std::string& relation, const std::string& mode) {
  std::string words = lock_mode_words(mode);
  return std::any_of(
      statement.locks.begin(), statement.locks.end(),
      [&](const StatementLock& lock) { return lock.relation == relation && lock.mode == words; });
}

// The statement a table-lock wait answers to while statement `running`'s share lasts.
size_t answering(const std::vector<StatementWindow>& statements, size_t running,
                 const BlockedSpan& span) {
  for (size_t j = running + 1; j-- > 0;) {
    if (takes(statements[j], span.relation, span.waited_for)) return j;
  }
  for (size_t j = running + 1; j < statements.size(); ++j) {
    if (takes(statements[j], span.relation, span.waited_for)) return j;
  }
  return running;
}

// The statement running, or the one that ran last, at `at` (the first when
// none had begun).
size_t running_at(const std::vector<StatementWindow>& statements, TimePoint at) {
  size_t running = 0;
  while (running + 1 < statements.size() && statements[running + 1].begin <= at) ++running;
  return running;
}

// `span` cut into the parts each statement answers for, by statement position.
std::map<size_t, std::vector<TimeInterval>> split(const BlockedSpan& span,
                                                  const std::vector<StatementWindow>& statements) {
  std::map<size_t, std::vector<TimeInterval>> parts;
  // Nothing the migration did could make a probe wait before its first statement.
  TimeInterval waited{std::max(span.begin, statements.front().begin), span.end};
  if (waited.second <= waited.first) return parts;
  if (lock_strength(span.waited_for) == 0) {  // a row, or another kind of lock
    parts[running_at(statements, waited.first)].push_back(waited);
    return parts;
  }
  for (size_t i = 0; i < statements.size(); ++i) {
    TimeInterval share = share_of(statements, i);
    TimeInterval part{std::max(waited.first, share.first), std::min(waited.second, share.second)};
    if (part.second > part.first) parts[answering(statements, i, span)].push_back(part);
  }
  return parts;
}

}  // namespace

std::map<size_t, std::vector<BlockedTime>> attribute_blocking(
    const std::vector<BlockedSpan>& spans, const std::vector<StatementWindow>& statements,
    const std::vector<TimeInterval>& paused, const std::vector<std::string>& tables) {
  if (statements.empty()) return {};
  // By statement position: per table and access what its probes waited, and
  // per table the strongest lock they waited for.
  std::vector<std::map<std::pair<std::string, ProbeAccess>, Waits>> given(statements.size());
  std::vector<std::map<std::string, std::string>> locks(statements.size());
  for (const BlockedSpan& span : spans) {
    for (const auto& [statement, intervals] : split(span, statements)) {
      Waits& waits = given[statement][{span.relation, span.access}];
      waits.longest_ms = std::max(waits.longest_ms, covered_ms(intervals, paused));
      waits.intervals.insert(waits.intervals.end(), intervals.begin(), intervals.end());
      std::string& lock = locks[statement][span.relation];
      if (lock.empty() || lock_strength(span.waited_for) > lock_strength(lock)) {
        lock = span.waited_for;
      }
    }
  }
  std::map<size_t, std::vector<BlockedTime>> blocked;
  for (size_t i = 0; i < statements.size(); ++i) {
    std::vector<BlockedTime>& times = blocked[statements[i].record];
    for (const std::string& table : tables) {
      const Waits& reads = given[i][{table, ProbeAccess::read}];
      const Waits& writes = given[i][{table, ProbeAccess::write}];
      BlockedTime time;
      time.relation = table;
      time.reads_ms = covered_ms(reads.intervals, paused);
      time.writes_ms = covered_ms(writes.intervals, paused);
      time.longest_read_ms = reads.longest_ms;
      time.longest_write_ms = writes.longest_ms;
      time.lock = time.reads_ms > 0 || time.writes_ms > 0 ? locks[i][table] : "";
      times.push_back(std::move(time));
    }
  }
  return blocked;
}

std::optional<size_t> waiting_statement(const MigrationWait& wait,
                                        const std::vector<StatementWindow>& statements) {
  for (size_t i = 0; i < statements.size(); ++i) {
    if (statements[i].end >= wait.begin && takes(statements[i], wait.relation, wait.mode)) return i;
  }
  std::optional<size_t> running;
  for (size_t i = 0; i < statements.size(); ++i) {
    if (statements[i].begin <= wait.begin && wait.begin <= statements[i].end) running = i;
  }
  return running;
}

}  // namespace migcheck
