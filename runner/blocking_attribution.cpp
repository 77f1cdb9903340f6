#include "runner/blocking_attribution.h"

#include <algorithm>

#include "runner/trace_text.h"

namespace migcheck {
namespace {

// What the probes of one access on one table waited within one statement's share of time.
struct Waits {
  std::vector<TimeInterval> intervals;
  double longest_ms = 0;
};

}  // namespace

std::map<size_t, std::vector<BlockedTime>> attribute_blocking(
    const std::vector<BlockedSpan>& spans, const std::vector<StatementWindow>& statements,
    const std::vector<TimeInterval>& paused, const std::vector<std::string>& tables) {
  std::map<size_t, std::vector<BlockedTime>> blocked;
  for (size_t i = 0; i < statements.size(); ++i) {
    // The statement's share: from its start to the next one's (the last
    // one's runs on to the end of the measurement).
    TimeInterval share{statements[i].begin,
                       i + 1 < statements.size() ? statements[i + 1].begin : TimePoint::max()};
    std::vector<BlockedTime>& times = blocked[statements[i].record];
    for (const std::string& table : tables) {
      Waits reads, writes;
      std::string lock;
      for (const BlockedSpan& span : spans) {
        if (span.relation != table) continue;
        TimeInterval part{std::max(span.begin, share.first), std::min(span.end, share.second)};
        if (part.second <= part.first) continue;
        Waits& waits = span.access == ProbeAccess::read ? reads : writes;
        waits.intervals.push_back(part);
        waits.longest_ms = std::max(waits.longest_ms, covered_ms({part}, paused));
        if (lock.empty() || lock_strength(span.waited_for) > lock_strength(lock)) {
          lock = span.waited_for;
        }
      }
      BlockedTime time;
      time.relation = table;
      time.reads_ms = covered_ms(reads.intervals, paused);
      time.writes_ms = covered_ms(writes.intervals, paused);
      time.longest_read_ms = reads.longest_ms;
      time.longest_write_ms = writes.longest_ms;
      time.lock = time.reads_ms > 0 || time.writes_ms > 0 ? lock : "";
      times.push_back(std::move(time));
    }
  }
  return blocked;
}

}  // namespace migcheck
