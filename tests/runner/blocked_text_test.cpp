// How a blocked time and its --table-rows estimate read in findings, the
// --verbose timeline and the markdown summary.
#include <doctest/doctest.h>

#include "runner/trace_text.h"

using namespace migcheck;

TEST_CASE("a blocked time names the lock waited for in words") {
  BlockedTime time;
  time.reads_ms = 777;
  time.writes_ms = 4.7;
  time.longest_read_ms = 777;
  time.lock = "AccessExclusiveLock";
  CHECK(blocked_text(time) ==
        "reads 777 ms, writes 4.7 ms (longest wait 777 ms) for its ACCESS EXCLUSIVE lock");
  time.lock = "row";
  CHECK(blocked_text(time).ends_with("for its row lock"));
  time.lock = "extend";
  CHECK(blocked_text(time).ends_with("for its table extension lock"));
}

TEST_CASE("an estimate leaves out what was not blocked and rounds long times") {
  BlockedTime time;
  CHECK(estimate_text(time).empty());
  time.production_rows = 5e6;
  time.estimated_writes_ms = 207073;
  CHECK(estimate_text(time) == "estimated at 5000000 rows: writes 3 min");
  time.estimated_reads_ms = 7400;
  time.estimated_writes_ms = 68270;
  CHECK(estimate_text(time) == "estimated at 5000000 rows: reads 7400 ms, writes 68 s");
}
