#include "runner/time_intervals.h"

#include <algorithm>

namespace migcheck {
namespace {

// `intervals` sorted and merged where they overlap or touch.
std::vector<TimeInterval> merged(std::vector<TimeInterval> intervals) {
  std::sort(intervals.begin(), intervals.end());
  std::vector<TimeInterval> result;
  for (const TimeInterval& interval : intervals) {
    if (interval.second <= interval.first) continue;
    if (!result.empty() && interval.first <= result.back().second) {
      result.back().second = std::max(result.back().second, interval.second);
    } else {
      result.push_back(interval);
    }
  }
  return result;
}

}  // namespace

double covered_ms(std::vector<TimeInterval> intervals, std::vector<TimeInterval> excluded) {
  std::vector<TimeInterval> covered = merged(std::move(intervals));
  std::vector<TimeInterval> left_out = merged(std::move(excluded));
  std::chrono::steady_clock::duration total{};
  for (const TimeInterval& interval : covered) {
    total += interval.second - interval.first;
    for (const TimeInterval& out : left_out) {
      TimePoint begin = std::max(interval.first, out.first);
      TimePoint end = std::min(interval.second, out.second);
      if (begin < end) total -= end - begin;
    }
  }
  return std::chrono::duration<double, std::milli>(total).count();
}

}  // namespace migcheck
