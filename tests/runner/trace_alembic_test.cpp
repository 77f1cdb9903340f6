// The traced first upgrade of an Alembic revision whose SQL the static reader
// cannot see (tests/runner/dynamic_revision.h), observed: the records, the
// locks and rewrites, the observation-only findings. Real worker, real
// cluster, real observer.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "runner/alembic_worker.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/trace_recorder.h"
#include "tests/runner/dynamic_revision.h"
#include "tests/test_support.h"

using namespace migcheck;
using migcheck::testing::TempDir;
using migcheck::testing::write_dynamic_project;

namespace {

struct Traced {
  std::vector<TraceRecord> records;
  std::vector<Finding> findings;  // the round trip's and the recorder's
};

Traced trace_project() {
  TempDir project;
  MigrationSet set = write_dynamic_project(project);
  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  AlembicWorker worker(AlembicOptions{project.path().string()}, database.endpoint());
  TraceRecorder recorder(database.endpoint().conninfo);
  RoundTripOptions options;
  options.from = "b2";  // a1 runs once, untraced
  options.trace = &recorder;
  Traced traced;
  traced.findings = run_round_trip(
      set, worker, [&] { return take_snapshot(session.connection()); }, options);
  traced.records = recorder.records();
  traced.findings.insert(traced.findings.end(), recorder.findings().begin(),
                         recorder.findings().end());
  return traced;
}

const Finding* find_rule(const std::vector<Finding>& findings, const std::string& rule) {
  auto found = std::find_if(findings.begin(), findings.end(),
                            [&](const Finding& finding) { return finding.rule == rule; });
  return found == findings.end() ? nullptr : &*found;
}

bool has_lock(const TraceRecord& record, const std::string& relation, const std::string& mode) {
  return std::any_of(record.locks.begin(), record.locks.end(), [&](const TracedLock& lock) {
    return lock.relation == relation && lock.mode == mode;
  });
}

}  // namespace

TEST_CASE("every statement of a revision's first upgrade is traced at the .py line that ran it") {
  Traced traced = trace_project();
  std::vector<std::string> lines;
  for (const TraceRecord& record : traced.records) {
    lines.push_back(std::to_string(record.location.line) + " " + record.sql);
    CHECK(record.revision == "b2");
    CHECK(record.location.file == "migrations/versions/b2_dynamic.py");
  }
  // Only the first upgrade, only the revision's own statements: a1 ran
  // untraced, and neither Alembic's version bookkeeping nor the downgrade
  // and second upgrade appear.
  CHECK(lines == std::vector<std::string>{
                     "15 ALTER TABLE accounts ADD COLUMN extra_a int",
                     "15 ALTER TABLE accounts ADD COLUMN extra_b int",
                     "10 ALTER TABLE accounts ALTER COLUMN id TYPE bigint",
                     "18 UPDATE accounts SET name = %(name)s WHERE id = %(id)s",
                     "20 SELECT %(api_token)s",
                     "23 INSERT INTO audit VALUES ('b2')",
                     "25 ALTER TABLE accounts ALTER COLUMN name TYPE varchar(20)",
                 });
  for (const Finding& finding : traced.findings) MESSAGE(finding.rule, ": ", finding.message);
  REQUIRE(traced.records.size() == 7);

  CHECK(traced.records[4].parameters == std::vector<std::string>{"api_token=***"});
  SUBCASE("locks newly taken, each held until the transaction ends") {
    const TraceRecord& first = traced.records[0];
    CHECK(has_lock(first, "public.accounts", "AccessExclusiveLock"));
    CHECK_FALSE(has_lock(traced.records[1], "public.accounts", "AccessExclusiveLock"));
    // Alembic read its version table before the revision ran: not the revision's lock.
    for (const TraceRecord& record : traced.records) {
      CHECK_FALSE(has_lock(record, "public.alembic_version", "AccessShareLock"));
    }
    CHECK(has_lock(traced.records[5], "public.audit", "RowExclusiveLock"));
    // Held from the first statement to COMMIT, which came after all of the
    // migration's statements; the session's lock ended with its own commit.
    double held = 0;
    for (const TracedLock& lock : first.locks) held = std::max(held, lock.held_ms);
    double statements = 0;
    for (const TraceRecord& record : traced.records) statements += record.duration_ms;
    CHECK(held >= statements - traced.records[5].duration_ms);
  }
  SUBCASE("int -> bigint rewrites the table, varchar widening does not") {
    CHECK(std::find(traced.records[2].rewrites.begin(), traced.records[2].rewrites.end(),
                    "public.accounts") != traced.records[2].rewrites.end());
    CHECK(std::find(traced.records[6].rewrites.begin(), traced.records[6].rewrites.end(),
                    "public.accounts") == traced.records[6].rewrites.end());
    CHECK(traced.records[0].rewrites.empty());
  }
  SUBCASE("observation-only findings at the .py lines") {
    const Finding* rewritten = find_rule(traced.findings, "table-rewritten");
    REQUIRE(rewritten != nullptr);
    CHECK(rewritten->location.line == 10);
    CHECK(rewritten->revision == "b2");
    CHECK(rewritten->message.find("rewrote public.accounts") != std::string::npos);
    const Finding* held = find_rule(traced.findings, "exclusive-lock-held");
    REQUIRE(held != nullptr);
    CHECK(held->location.line == 15);
    CHECK(held->message.find("ACCESS EXCLUSIVE lock on public.accounts") != std::string::npos);
    // The rewrite and the update are slow work; the ADD COLUMN and the
    // varchar widening are quick, and not listed.
    CHECK(held->message.find("across 5 later statements of the same transaction, 2 of them slow "
                             "work") != std::string::npos);
    CHECK(held->message.find("line 10 `ALTER TABLE accounts ALTER COLUMN id TYPE bigint`") !=
          std::string::npos);
    CHECK(held->message.find("line 18 `UPDATE accounts") != std::string::npos);
    CHECK(held->message.find("line 25") == std::string::npos);
  }
}
