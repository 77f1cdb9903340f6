// attribute_blocking on synthetic waits and statement windows: which
// statement a probe's wait answers to, whatever the order in which the
// sampler and the migration happened to see the clock.
#include "runner/blocking_attribution.h"

#include <doctest/doctest.h>

#include <chrono>

using namespace migcheck;

namespace {

TimePoint at(int ms) {
  return TimePoint{} + std::chrono::milliseconds(ms);
}

BlockedSpan wait(ProbeAccess access, const std::string& lock, int from_ms, int to_ms,
                 const std::string& relation = "public.a") {
  return BlockedSpan{relation, access, lock, at(from_ms), at(to_ms)};
}

const StatementLock kRowExclusive{"public.a", "ROW EXCLUSIVE"};
const StatementLock kAccessExclusive{"public.a", "ACCESS EXCLUSIVE"};

}  // namespace

TEST_CASE("blocked time goes to the statement running, or the last one run, minus pauses") {
  // Statement 0 runs 0-10 ms, statement 1 runs 50-300 ms; both take ACCESS
  // EXCLUSIVE on public.a; the migration was paused for the observer 10-40 ms.
  std::vector<StatementWindow> statements = {{0, at(0), at(10), {kAccessExclusive}},
                                             {1, at(50), at(300), {kAccessExclusive}}};
  std::vector<TimeInterval> paused = {{at(10), at(40)}};
  std::vector<BlockedSpan> spans = {
      wait(ProbeAccess::write, "AccessExclusiveLock", 5, 320),
      wait(ProbeAccess::write, "AccessExclusiveLock", 100, 200),
      wait(ProbeAccess::read, "AccessExclusiveLock", 60, 70),
      wait(ProbeAccess::read, "AccessExclusiveLock", 0, 5, "public.b"),
  };
  auto blocked = attribute_blocking(spans, statements, paused, {"public.a", "public.c"});
  REQUIRE(blocked.size() == 2);
  REQUIRE(blocked[0].size() == 2);
  // 5-50 ms less the 30 ms pause.
  CHECK(blocked[0][0].relation == "public.a");
  CHECK(blocked[0][0].writes_ms == doctest::Approx(15));
  CHECK(blocked[0][0].longest_write_ms == doctest::Approx(15));
  CHECK(blocked[0][0].reads_ms == 0);
  CHECK(blocked[0][0].lock == "AccessExclusiveLock");
  // 50-320 ms: the second span's wait lies within the first's.
  CHECK(blocked[1][0].writes_ms == doctest::Approx(270));
  CHECK(blocked[1][0].longest_write_ms == doctest::Approx(270));
  CHECK(blocked[1][0].reads_ms == doctest::Approx(10));
  // public.c was probed and nothing waited on it; public.b was not asked for.
  CHECK(blocked[1][1].relation == "public.c");
  CHECK(blocked[1][1].writes_ms == 0);
  CHECK(blocked[1][1].lock.empty());
}

TEST_CASE("a wait for a table lock seen a moment before its statement began is that statement's") {
  // UPDATE 0-100 ms, then SET NOT NULL from 100 ms: the sampler saw a reader
  // queued for ACCESS EXCLUSIVE at 97 ms (its clock read before its query
  // ran). An UPDATE blocks no reader; the whole wait is the SET NOT NULL's.
  std::vector<StatementWindow> statements = {{0, at(0), at(100), {kRowExclusive}},
                                             {1, at(100), at(110), {kAccessExclusive}}};
  auto blocked = attribute_blocking({wait(ProbeAccess::read, "AccessExclusiveLock", 97, 300)},
                                    statements, {}, {"public.a"});
  CHECK(blocked[0][0].reads_ms == 0);
  CHECK(blocked[0][0].lock.empty());
  CHECK(blocked[1][0].reads_ms == doctest::Approx(203));
  CHECK(blocked[1][0].lock == "AccessExclusiveLock");
}

TEST_CASE(
    "a wait for a row goes whole to the statement that wrote it, a table lock's to its taker") {
  // The UPDATE (0-100 ms) holds a row a writer wants from 50 ms until the
  // writer gives up at 105 ms, during the SET NOT NULL (100-110 ms); its next
  // write waits for the SET NOT NULL's ACCESS EXCLUSIVE, held through a
  // following SELECT pg_sleep (120-400 ms), which takes no lock at all.
  std::vector<StatementWindow> statements = {{0, at(0), at(100), {kRowExclusive}},
                                             {1, at(100), at(110), {kAccessExclusive}},
                                             {2, at(120), at(400), {}}};
  std::vector<BlockedSpan> spans = {wait(ProbeAccess::write, "row", 50, 105),
                                    wait(ProbeAccess::write, "AccessExclusiveLock", 105, 400)};
  auto blocked = attribute_blocking(spans, statements, {}, {"public.a"});
  CHECK(blocked[0][0].writes_ms == doctest::Approx(55));
  CHECK(blocked[0][0].lock == "row");
  CHECK(blocked[1][0].writes_ms == doctest::Approx(295));
  CHECK(blocked[1][0].longest_write_ms == doctest::Approx(295));
  CHECK(blocked[1][0].lock == "AccessExclusiveLock");
  CHECK(blocked[2][0].writes_ms == 0);
}

TEST_CASE("a statement that asks again for a lock its transaction holds answers for its own run") {
  // A catalog-only ADD COLUMN takes ACCESS EXCLUSIVE (0-5 ms); the rewriting
  // ADD COLUMN after it (5-300 ms) asks for it again, already held.
  std::vector<StatementWindow> statements = {{0, at(0), at(5), {kAccessExclusive}},
                                             {1, at(5), at(300), {kAccessExclusive}}};
  auto blocked = attribute_blocking({wait(ProbeAccess::read, "AccessExclusiveLock", 2, 300)},
                                    statements, {}, {"public.a"});
  CHECK(blocked[0][0].reads_ms == doctest::Approx(3));
  CHECK(blocked[1][0].reads_ms == doctest::Approx(295));
}

TEST_CASE("the migration's wait for a probe is the statement's that asks for the lock") {
  std::vector<StatementWindow> statements = {{0, at(0), at(100), {kRowExclusive}},
                                             {1, at(100), at(900), {kAccessExclusive}}};
  // Seen at 98 ms: the sampler read its clock before its query saw the wait.
  MigrationWait queued{"public.a", "AccessExclusiveLock", at(98), at(870)};
  CHECK(waiting_statement(queued, statements) == 1);
  // A row: no table lock says whose; the statement running then.
  MigrationWait row{"", "ShareLock", at(40), at(60)};
  CHECK(waiting_statement(row, statements) == 0);
  // After every traced statement, for a lock none of them took: the one that
  // waited failed, and was not traced.
  MigrationWait failed{"public.a", "ShareLock", at(950), at(1200)};
  CHECK(waiting_statement(failed, statements) == std::nullopt);
}
