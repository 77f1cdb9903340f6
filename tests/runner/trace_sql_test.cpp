// The traced first upgrade of a SQL-layout revision: each statement migcheck
// sends, at its file's line and column, with what the observer saw.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/sql_applier.h"
#include "runner/trace_recorder.h"
#include "tests/runner/sql_set.h"

using namespace migcheck;
using migcheck::testing::chain;
using migcheck::testing::file_unit;
using migcheck::testing::golang_revision;

namespace {

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// A throwaway server whose round trips are traced.
struct TracedRun {
  RoundTripDatabase database{DatabaseOptions{}};
  Session session{database.endpoint().conninfo};
  SqlApplier applier{session.connection()};
  TraceRecorder recorder{database.endpoint().conninfo};

  // Round-trips `set` from revision 002 on (001 runs once, untraced).
  std::vector<Finding> from_002(const MigrationSet& set) {
    RoundTripOptions options;
    options.from = "002";
    options.trace = &recorder;
    return run_round_trip(
        set, applier, [&] { return take_snapshot(session.connection()); }, options);
  }
};

}  // namespace

TEST_CASE("a SQL revision is traced at line:column, int -> bigint rewrites, varchar widening not") {
  Revision second = golang_revision("002", "001",
                                    "ALTER TABLE accounts ALTER COLUMN name TYPE varchar(20);\n"
                                    "UPDATE accounts SET name = 'x';  "
                                    "ALTER TABLE accounts ALTER COLUMN id TYPE bigint;\n",
                                    "ALTER TABLE accounts ALTER COLUMN id TYPE int;\n"
                                    "ALTER TABLE accounts ALTER COLUMN name TYPE varchar(10);\n");
  // CREATE INDEX CONCURRENTLY runs in autocommit: its own transaction.
  Revision third =
      golang_revision("003", "002", "CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);\n",
                      "DROP INDEX accounts_name;\n");
  third.up = {file_unit("003_step.up.sql", third.up.front().sql, false)};
  MigrationSet set = chain({golang_revision("001", "",
                                            "CREATE TABLE accounts (id int PRIMARY KEY, "
                                            "name varchar(10));\n"
                                            "INSERT INTO accounts VALUES (1, 'one');\n",
                                            "DROP TABLE accounts;\n"),
                            second, third});
  TracedRun run;
  std::vector<Finding> findings = run.from_002(set);
  const TraceRecorder& recorder = run.recorder;
  CHECK(findings.empty());
  const std::vector<TraceRecord>& records = recorder.records();
  REQUIRE(records.size() == 4);
  CHECK(records[0].location.file == "002_step.up.sql");
  CHECK(records[0].location.line == 1);
  CHECK(records[0].location.column == 1);
  CHECK(records[1].location.line == 2);
  CHECK(records[1].location.column == 1);
  CHECK(records[2].location.line == 2);
  CHECK(records[2].location.column == 34);
  CHECK(records[2].sql == "ALTER TABLE accounts ALTER COLUMN id TYPE bigint");
  CHECK(records[0].revision == "002");
  CHECK(records[3].revision == "003");

  // The first statement takes ACCESS EXCLUSIVE; the later ones hold it already.
  REQUIRE_FALSE(records[0].locks.empty());
  CHECK(records[0].locks.front().relation == "public.accounts");
  CHECK(records[0].locks.front().mode == "AccessExclusiveLock");
  CHECK(records[0].locks.front().held_ms >= records[2].duration_ms);
  CHECK(records[2].locks.end() ==
        std::find_if(records[2].locks.begin(), records[2].locks.end(), [](const TracedLock& lock) {
          return lock.relation == "public.accounts" && lock.mode == "AccessExclusiveLock";
        }));
  CHECK(records[0].rewrites.empty());
  CHECK(contains(records[2].rewrites, "public.accounts"));
  // In autocommit the locks are gone before the observer reads.
  CHECK_FALSE(records[3].in_transaction);
  CHECK(records[3].locks.empty());

  const std::vector<Finding>& observed = recorder.findings();
  std::vector<std::string> found;
  for (const Finding& finding : observed) {
    found.push_back(finding.rule + " " + std::to_string(finding.location.line) + ":" +
                    std::to_string(finding.location.column));
  }
  CHECK(found == std::vector<std::string>{"table-rewritten 2:34", "exclusive-lock-held 1:1"});
  REQUIRE(observed.size() == 2);
  CHECK(observed[1].message.find("across 2 later statements of the same transaction, 2 of them "
                                 "slow work whose time grows with the table's rows: line 2:1 "
                                 "`UPDATE accounts SET name = 'x'`") != std::string::npos);
}

TEST_CASE("a strong lock held only across quick statements is not exclusive-lock-held") {
  // The validated-check recipe's first migration, and a new table referring to
  // the old one: each statement takes a strong lock for a change that is quick
  // on any table size.
  Revision quick = golang_revision("002", "001",
                                   "ALTER TABLE accounts ADD COLUMN note text;\n"
                                   "ALTER TABLE accounts ADD CONSTRAINT note_set "
                                   "CHECK (note IS NOT NULL) NOT VALID;\n"
                                   "COMMENT ON COLUMN accounts.note IS 'set by the app';\n"
                                   // A new table's foreign key takes SHARE ROW EXCLUSIVE
                                   // on accounts; indexing the new table is quick.
                                   "CREATE TABLE notes (id int, account_id int "
                                   "REFERENCES accounts);\n"
                                   "CREATE INDEX notes_account ON notes (account_id);\n",
                                   "DROP TABLE notes;\nALTER TABLE accounts DROP COLUMN note;\n");
  MigrationSet set = chain({golang_revision("001", "",
                                            "CREATE TABLE accounts (id int PRIMARY KEY);\n"
                                            "INSERT INTO accounts VALUES (1);\n",
                                            "DROP TABLE accounts;\n"),
                            quick});
  TracedRun run;
  CHECK(run.from_002(set).empty());
  const TraceRecorder& recorder = run.recorder;
  REQUIRE(recorder.records().size() == 5);
  CHECK_FALSE(recorder.records()[0].locks.empty());  // ACCESS EXCLUSIVE was taken
  for (const Finding& finding : recorder.findings()) MESSAGE(finding.rule, ": ", finding.message);
  CHECK(recorder.findings().empty());
}

TEST_CASE("a revision without a down migration is traced on its only upgrade") {
  Revision once =
      golang_revision("002", "001", "ALTER TABLE accounts ALTER COLUMN id TYPE bigint;\n", "");
  once.has_down = false;
  MigrationSet set = chain({golang_revision("001", "",
                                            "CREATE TABLE accounts (id int PRIMARY KEY);\n"
                                            "INSERT INTO accounts VALUES (1);\n",
                                            "DROP TABLE accounts;\n"),
                            once});
  TracedRun run;
  std::vector<Finding> findings = run.from_002(set);
  const TraceRecorder& recorder = run.recorder;
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "downgrade-not-checked");
  REQUIRE(recorder.records().size() == 1);
  CHECK(recorder.records()[0].revision == "002");
  CHECK(contains(recorder.records()[0].rewrites, "public.accounts"));
  REQUIRE(recorder.findings().size() == 1);
  CHECK(recorder.findings()[0].rule == "table-rewritten");
}
