// --load on a real server: the probes run while a traced upgrade runs, their
// blocked time goes to the statement that made them wait, every session
// closes, and a migration that waits for a probe's lock is reported, not hung.
// Timings are compared as ratios, never as absolute thresholds (DESIGN.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "runner/load_run.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/roundtrip_rules.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/sql_applier.h"
#include "runner/trace_recorder.h"
#include "runner/trace_text.h"
#include "tests/runner/sql_set.h"

using namespace migcheck;
using migcheck::testing::chain;
using migcheck::testing::golang_revision;

namespace {

// Revision 001 makes `orders` with 100,000 rows; `up` is revision 002's
// upgrade, the one checked, traced and loaded.
struct LoadedRoundTrip {
  std::vector<Finding> findings;
  std::vector<TraceRecord> records;
  std::map<size_t, std::vector<BlockedTime>> blocked;
  int probe_sessions_left = -1;
};

LoadedRoundTrip run_loaded(const std::string& up, const std::string& down,
                           const LoadOptions& load_options = {}) {
  MigrationSet set = chain(
      {golang_revision("001", "",
                       "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric, note text);\n"
                       "INSERT INTO orders SELECT i, i * 1.5, 'order ' || i "
                       "FROM generate_series(1, 100000) i;\n",
                       "DROP TABLE orders;\n"),
       golang_revision("002", "001", up, down)});
  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  SqlApplier applier(session.connection());
  TraceRecorder recorder(database.endpoint().conninfo);
  LoadRun load(database.endpoint().conninfo, load_options);
  RoundTripOptions options;
  options.from = "002";
  options.trace = &recorder;
  options.load = &load;
  LoadedRoundTrip result;
  result.findings = run_round_trip(
      set, applier, [&] { return take_snapshot(session.connection()); }, options);
  std::vector<Finding> observed = load.findings();
  result.findings.insert(result.findings.end(), observed.begin(), observed.end());
  result.records = recorder.records();
  result.blocked = load.blocked();
  // Backends leave pg_stat_activity a moment after their client disconnects.
  for (int i = 0; i < 100 && result.probe_sessions_left != 0; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    result.probe_sessions_left =
        pqxx::nontransaction(session.connection())
            .exec1(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                "'migcheck probe'")[0]
            .as<int>();
  }
  return result;
}

const BlockedTime& on_orders(const LoadedRoundTrip& run, size_t record) {
  const std::vector<BlockedTime>& times = run.blocked.at(record);
  REQUIRE(times.size() == 1);
  REQUIRE(times.front().relation == "public.orders");
  return times.front();
}

const Finding* finding_of(const LoadedRoundTrip& run, std::string_view rule) {
  auto found = std::find_if(run.findings.begin(), run.findings.end(),
                            [&](const Finding& finding) { return finding.rule == rule; });
  return found == run.findings.end() ? nullptr : &*found;
}

LoadOptions max_blocked(double ms) {
  LoadOptions options;
  options.max_blocked_ms = ms;
  return options;
}

// "Near zero" is compared against a few sample intervals, not divided by zero.
double at_least_samples(double ms) {
  return std::max(ms, 20.0);
}

}  // namespace

TEST_CASE("--load measures the rewrite, not the catalog-only statement before it") {
  LoadOptions options = max_blocked(0);
  options.production_rows = {{"public.orders", 1e6}};
  LoadedRoundTrip run = run_loaded(
      "ALTER TABLE orders ADD COLUMN flag boolean;\n"
      "ALTER TABLE orders ADD COLUMN seen timestamptz DEFAULT clock_timestamp();\n",
      "ALTER TABLE orders DROP COLUMN seen;\nALTER TABLE orders DROP COLUMN flag;\n", options);
  REQUIRE(run.records.size() == 2);
  const BlockedTime& quick = on_orders(run, 0);
  const BlockedTime& rewrite = on_orders(run, 1);
  CAPTURE(quick.writes_ms);
  CAPTURE(rewrite.writes_ms);
  CHECK(rewrite.writes_ms > 5 * at_least_samples(quick.writes_ms));
  CHECK(rewrite.reads_ms > 5 * at_least_samples(quick.reads_ms));
  CHECK(rewrite.lock == "AccessExclusiveLock");
  CHECK(rewrite.rows == 100000);
  // Ten times the rows: the rewrite's time is estimated ten times as long;
  // the catalog-only statement's does not grow with rows, so none.
  CHECK(rewrite.production_rows == 1e6);
  CHECK(rewrite.estimated_writes_ms == doctest::Approx(10 * rewrite.writes_ms));
  CHECK(quick.production_rows == 0);
  const Finding* finding = finding_of(run, kBlocksApplicationQueries.id);
  REQUIRE(finding != nullptr);
  CHECK(finding->location.line >= 1);
  CHECK(run.probe_sessions_left == 0);
}

TEST_CASE("--load gives the waits for SET NOT NULL's lock to it, not to the UPDATE before it") {
  // The UPDATE leaves the row the update probe writes alone (no deadlock of
  // the probe's row wait with the ALTER); the SELECT after the ALTER takes
  // no lock, and the readers' waits while it runs are the ALTER's lock's.
  LoadedRoundTrip run = run_loaded(
      "UPDATE orders SET total = total + 1 WHERE id > 1;\n"
      "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n"
      "SELECT pg_sleep(0.3);\n",
      "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;\n", max_blocked(0));
  REQUIRE(run.records.size() == 3);
  const BlockedTime& update = on_orders(run, 0);
  const BlockedTime& set_not_null = on_orders(run, 1);
  const BlockedTime& sleep = on_orders(run, 2);
  CAPTURE(update.reads_ms);
  CAPTURE(set_not_null.reads_ms);
  CAPTURE(sleep.reads_ms);
  CHECK(update.reads_ms == 0);
  CHECK(sleep.reads_ms == 0);
  CHECK(sleep.writes_ms == 0);
  CHECK(set_not_null.lock == "AccessExclusiveLock");
  CHECK(set_not_null.reads_ms > 5 * at_least_samples(update.reads_ms));
  CHECK(set_not_null.writes_ms > 5 * at_least_samples(update.writes_ms));
  // The UPDATE may hold up an insert while it extends the table, never for
  // a table lock that blocks writers.
  CHECK(update.lock != "AccessExclusiveLock");
  CHECK(!blocks_reads_or_writes(update.lock));
  bool told = false;
  for (const Finding& finding : run.findings) {
    if (finding.rule != kBlocksApplicationQueries.id ||
        finding.message.find("ACCESS EXCLUSIVE") == std::string::npos) {
      continue;
    }
    CAPTURE(finding.message);
    CHECK(finding.location.line == 2);
    told = true;
  }
  CHECK(told);
  CHECK(run.probe_sessions_left == 0);
}

TEST_CASE(
    "--table-rows scales the time the migration worked, not the time it queued behind a probe") {
  // The UPDATE takes the row the update probe writes; the probe waits for it
  // holding its ROW EXCLUSIVE lock, so the ALTER queues behind the probe until
  // PostgreSQL's deadlock check (deadlock_timeout, 1 s) cancels the probe,
  // readers queued behind the ALTER. That second is no longer on a bigger table.
  LoadOptions options = max_blocked(1e9);
  options.production_rows = {{"public.orders", 1e7}};
  LoadedRoundTrip run = run_loaded(
      "UPDATE orders SET note = note WHERE id = 1;\n"
      "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n",
      "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;\n", options);
  REQUIRE(run.records.size() == 2);
  REQUIRE(finding_of(run, kWaitedForApplicationQueries.id) != nullptr);
  const BlockedTime& set_not_null = on_orders(run, 1);
  CAPTURE(set_not_null.reads_ms);
  CAPTURE(set_not_null.estimated_reads_ms);
  REQUIRE(set_not_null.production_rows == 1e7);
  CHECK(set_not_null.reads_ms > 0);
  // A hundred times the rows: all of it scaled would be a hundredfold.
  CHECK(set_not_null.estimated_reads_ms < 50 * set_not_null.reads_ms);
  CHECK(set_not_null.estimated_reads_ms > set_not_null.reads_ms);
  CHECK(run.probe_sessions_left == 0);
}

TEST_CASE("blocked time within --max-blocked-ms is no finding") {
  LoadedRoundTrip run =
      run_loaded("ALTER TABLE orders ADD COLUMN seen timestamptz DEFAULT clock_timestamp();\n",
                 "ALTER TABLE orders DROP COLUMN seen;\n", max_blocked(1e9));
  REQUIRE(run.records.size() == 1);
  CHECK(on_orders(run, 0).writes_ms > 0);
  CHECK(finding_of(run, kBlocksApplicationQueries.id) == nullptr);
}

TEST_CASE("a migration whose lock_timeout runs out behind a probe fails, reported as such") {
  // The migration updates the row the update probe updates, so that probe
  // waits for the migration while holding its ROW EXCLUSIVE lock on orders;
  // the ALTER TABLE then waits for the probe until its lock_timeout.
  LoadedRoundTrip run = run_loaded(
      "UPDATE orders SET note = note WHERE id = 1;\nSELECT pg_sleep(0.5);\n"
      "SET LOCAL lock_timeout = '200ms';\nALTER TABLE orders ADD COLUMN flag boolean;\n",
      "ALTER TABLE orders DROP COLUMN flag;\n");
  const Finding* failed = finding_of(run, kUpgradeFailed.id);
  REQUIRE(failed != nullptr);
  CHECK(failed->message.find("55P03") != std::string::npos);
  const Finding* waited = finding_of(run, kWaitedForApplicationQueries.id);
  REQUIRE(waited != nullptr);
  CAPTURE(waited->message);
  CHECK(waited->message.find("ACCESS EXCLUSIVE on public.orders") != std::string::npos);
  CHECK(run.probe_sessions_left == 0);
}
