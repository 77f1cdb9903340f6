// The load probes against a real server: a migration that takes a blocking
// lock for as long as it rewrites a table is measured blocking the probes for
// far longer than one that takes no such lock, and for longer on more rows.
// Timings are compared as ratios between the two groups, never as absolute
// thresholds (DESIGN.md).
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <utility>

#include "runner/probes.h"
#include "runner/round_trip_database.h"
#include "runner/session.h"

using namespace migcheck;

namespace {

struct Blocked {
  double reads_ms = 0;
  double writes_ms = 0;
  std::vector<BlockedSpan> spans;
};

// Fills `orders` with `rows` rows, then runs `migration` on its own connection
// while probes run on `orders`; `in_transaction` wraps it in BEGIN/COMMIT.
Blocked measure(int rows, const std::string& migration, bool in_transaction = true) {
  RoundTripDatabase database(DatabaseOptions{});
  const std::string& conninfo = database.endpoint().conninfo;
  Blocked blocked;
  {
    Session setup(conninfo);
    pqxx::nontransaction fill(setup.connection());
    fill.exec(
        "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric, note text);"
        "INSERT INTO orders SELECT i, i * 1.5, 'order ' || i FROM generate_series(1, " +
        std::to_string(rows) + ") i");
    fill.exec("VACUUM ANALYZE orders");  // not in the INSERT's implicit transaction
    Session migration_session(conninfo);
    pqxx::connection& connection = migration_session.connection();
    LoadProbes probes(conninfo, {"public.orders"}, connection.backendpid());
    // Let every probe get going before the migration starts.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::nontransaction run(connection);
    if (in_transaction) run.exec("BEGIN");
    run.exec(migration);
    if (in_transaction) run.exec("COMMIT");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    blocked.spans = probes.stop();
  }
  blocked.reads_ms = blocked_ms(blocked.spans, "public.orders", ProbeAccess::read);
  blocked.writes_ms = blocked_ms(blocked.spans, "public.orders", ProbeAccess::write);
  return blocked;
}

// The floor every measurement is compared against: a few sample intervals,
// so that "near zero" is not divided by zero.
double at_least_samples(double ms) {
  return std::max(ms, 20.0);
}

// Rows enough that `migration` blocks writes for at least `ms`, found by
// doubling from `rows`: a comparison against the sampling floor needs the
// blocking side well above it, and a fast machine built an index on 100,000
// rows in 76 ms. Returns the rows and that measurement.
std::pair<int, Blocked> long_enough(int rows, const std::string& migration, double ms) {
  Blocked blocked = measure(rows, migration);
  while (blocked.writes_ms < ms && rows < 8'000'000) {
    rows *= 2;
    blocked = measure(rows, migration);
  }
  return {rows, blocked};
}

}  // namespace

TEST_CASE("a rewriting ADD COLUMN blocks reads and writes far longer than a nullable one") {
  auto [rows, rewrite] = long_enough(
      100000, "ALTER TABLE orders ADD COLUMN seen timestamptz DEFAULT clock_timestamp()", 8 * 20.0);
  Blocked nullable = measure(rows, "ALTER TABLE orders ADD COLUMN seen timestamptz");
  CAPTURE(rows);
  CAPTURE(rewrite.reads_ms);
  CAPTURE(rewrite.writes_ms);
  CAPTURE(nullable.reads_ms);
  CAPTURE(nullable.writes_ms);
  CHECK(rewrite.writes_ms > 5 * at_least_samples(nullable.writes_ms));
  CHECK(rewrite.reads_ms > 5 * at_least_samples(nullable.reads_ms));
  REQUIRE_FALSE(rewrite.spans.empty());
  CHECK(rewrite.spans.front().waited_for == "AccessExclusiveLock");
}

TEST_CASE("a plain index build blocks writes, not reads; a concurrent one blocks neither") {
  auto [rows, plain] =
      long_enough(100000, "CREATE INDEX orders_total ON orders (total, note)", 8 * 20.0);
  Blocked concurrent =
      measure(rows, "CREATE INDEX CONCURRENTLY orders_total ON orders (total, note)", false);
  CAPTURE(rows);
  CAPTURE(plain.reads_ms);
  CAPTURE(plain.writes_ms);
  CAPTURE(concurrent.writes_ms);
  CHECK(plain.writes_ms > 5 * at_least_samples(concurrent.writes_ms));
  CHECK(plain.writes_ms > 5 * at_least_samples(plain.reads_ms));
}

TEST_CASE("SET NOT NULL scans under ACCESS EXCLUSIVE; a NOT VALID check does not") {
  // The scan is quick per row, and a NOT VALID check also blocks writes for
  // a moment (SHARE ROW EXCLUSIVE): on 100,000 rows a loaded machine made the
  // two too close to compare.
  auto [rows, set_not_null] =
      long_enough(500000, "ALTER TABLE orders ALTER COLUMN note SET NOT NULL", 5 * 20.0);
  Blocked not_valid = measure(
      rows, "ALTER TABLE orders ADD CONSTRAINT note_present CHECK (note IS NOT NULL) NOT VALID");
  CAPTURE(rows);
  CAPTURE(set_not_null.writes_ms);
  CAPTURE(not_valid.writes_ms);
  CHECK(set_not_null.writes_ms > 3 * at_least_samples(not_valid.writes_ms));
}

TEST_CASE("the time a rewrite blocks grows with the rows") {
  const std::string rewrite =
      "ALTER TABLE orders ADD COLUMN seen timestamptz DEFAULT clock_timestamp()";
  Blocked small = measure(20000, rewrite);
  Blocked large = measure(200000, rewrite);
  CAPTURE(small.writes_ms);
  CAPTURE(large.writes_ms);
  CHECK(large.writes_ms > 2 * at_least_samples(small.writes_ms));
}

TEST_CASE("stopping the probes closes every session they opened") {
  RoundTripDatabase database(DatabaseOptions{});
  const std::string& conninfo = database.endpoint().conninfo;
  Session watcher(conninfo);
  pqxx::nontransaction(watcher.connection()).exec("CREATE TABLE t (id int PRIMARY KEY, v text)");
  auto probe_sessions = [&] {
    return pqxx::nontransaction(watcher.connection())
        .exec1("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migcheck probe'")[0]
        .as<int>();
  };
  {
    ProbeOptions options;
    options.sessions_per_table = 3;
    LoadProbes probes(conninfo, {"public.t"}, watcher.connection().backendpid(), options);
    CHECK(probe_sessions() == 3);
    CHECK(probes.stop().empty());  // nothing blocked them
  }
  // Backends leave pg_stat_activity a moment after their client disconnects.
  int left = probe_sessions();
  for (int i = 0; i < 100 && left > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    left = probe_sessions();
  }
  CHECK(left == 0);
}

TEST_CASE("sessions are bounded in all: of nine tables, the first eight get two each") {
  RoundTripDatabase database(DatabaseOptions{});
  const std::string& conninfo = database.endpoint().conninfo;
  Session watcher(conninfo);
  std::vector<std::string> tables;
  for (int i = 1; i <= 9; ++i) {
    std::string name = "t" + std::to_string(i);
    pqxx::nontransaction(watcher.connection()).exec("CREATE TABLE " + name + " (id int)");
    tables.push_back("public." + name);
  }
  LoadProbes probes(conninfo, tables, watcher.connection().backendpid());
  int sessions =
      pqxx::nontransaction(watcher.connection())
          .exec1(
              "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migcheck probe'")[0]
          .as<int>();
  CHECK(sessions == kMaxProbeSessions);
  CHECK(probes.tables() == std::vector<std::string>(tables.begin(), tables.begin() + 8));
  probes.stop();
}

TEST_CASE("blocked time counts overlapping spans of several probes once") {
  using std::chrono::milliseconds;
  auto t0 = std::chrono::steady_clock::time_point{};
  std::vector<BlockedSpan> spans = {
      {"public.a", ProbeAccess::write, "AccessExclusiveLock", t0, t0 + milliseconds(100)},
      {"public.a", ProbeAccess::write, "AccessExclusiveLock", t0 + milliseconds(50),
       t0 + milliseconds(150)},
      {"public.a", ProbeAccess::write, "ShareLock", t0 + milliseconds(200), t0 + milliseconds(210)},
      {"public.a", ProbeAccess::read, "AccessExclusiveLock", t0, t0 + milliseconds(30)},
      {"public.b", ProbeAccess::write, "AccessExclusiveLock", t0, t0 + milliseconds(999)},
  };
  CHECK(blocked_ms(spans, "public.a", ProbeAccess::write) == doctest::Approx(160));
  CHECK(blocked_ms(spans, "public.a", ProbeAccess::read) == doctest::Approx(30));
  CHECK(blocked_ms(spans, "public.c", ProbeAccess::read) == 0);
}
