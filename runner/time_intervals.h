#pragma once
#include <chrono>
#include <utility>
#include <vector>

namespace migcheck {

using TimePoint = std::chrono::steady_clock::time_point;
using TimeInterval = std::pair<TimePoint, TimePoint>;  // [first, second)

// Milliseconds covered by `intervals` (overlaps counted once), leaving out
// what `excluded` covers.
double covered_ms(std::vector<TimeInterval> intervals, std::vector<TimeInterval> excluded = {});

}  // namespace migcheck
