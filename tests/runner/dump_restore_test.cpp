#include <doctest/doctest.h>

#include <pqxx/pqxx>
#include <string>

#include "linter/input_error.h"
#include "runner/dump_restore.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/seeded_data.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/sql_applier.h"
#include "tests/runner/dump_fixture.h"
#include "tests/runner/sql_set.h"
#include "tests/test_support.h"

using namespace migcheck;
using migcheck::testing::chain;
using migcheck::testing::golang_revision;
using migcheck::testing::kDumpedAccounts;
using migcheck::testing::kDumpedPlan;
using migcheck::testing::make_dump;
using migcheck::testing::TempDir;

namespace {

// golang-migrate: accounts, a plan column, then a unique index on email.
MigrationSet project() {
  return chain({
      golang_revision("1", "", kDumpedAccounts, "DROP TABLE accounts;\n"),
      golang_revision("2", "1", kDumpedPlan, "ALTER TABLE accounts DROP COLUMN plan;\n"),
      golang_revision("3", "2", "CREATE UNIQUE INDEX accounts_email_key ON accounts (email);\n",
                      "DROP INDEX accounts_email_key;\n"),
  });
}

}  // namespace

TEST_CASE("a plain and a custom-format dump restore, and the round trip starts at their revision") {
  TempDir directory;
  MigrationSet set = project();
  for (const char* format : {"p", "c"}) {
    CAPTURE(format);
    std::string dump = (directory / (std::string("prod.") + format)).string();
    make_dump("2", format, dump);
    RoundTripDatabase database(DatabaseOptions{});
    restore_dump(dump, "", database.endpoint());
    Session session(database.endpoint().conninfo);
    Session data_session(database.endpoint().conninfo);
    CHECK(dump_revision(session.connection(), set, dump) == "2");
    SqlApplier applier(session.connection());
    SeededData data(data_session.connection(), 0, 1);  // the dump's rows, none generated
    RoundTripOptions options;
    options.data = &data;
    options.applied = "2";
    std::vector<std::string> steps;
    options.progress = [&](const Revision& revision, std::string_view step, const std::string&) {
      steps.push_back(std::string(step) + " " + revision.id);
    };
    std::vector<Finding> findings = run_round_trip(
        set, applier, [&] { return take_snapshot(session.connection()); }, options);
    CHECK(steps.front() == "upgrade 3");  // 1 and 2 are in the dump
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "data-dependent-failure");
    // The dump's own rows are the ones at fault.
    CHECK(findings[0].message.find("rows: accounts (email)=(ann@example.com) in 2 rows") !=
          std::string::npos);
  }
}

TEST_CASE("a dump at a revision the project does not have, or at none, is an input error") {
  TempDir directory;
  std::string dump = (directory / "prod.sql").string();
  make_dump("9", "p", dump);
  RoundTripDatabase database(DatabaseOptions{});
  restore_dump(dump, "", database.endpoint());
  Session session(database.endpoint().conninfo);
  CHECK_THROWS_WITH_AS(dump_revision(session.connection(), project(), dump),
                       (dump + ": --seed-from: the dump is at revision 9 (schema_migrations), "
                               "which the project does not have")
                           .c_str(),
                       InputError);
  pqxx::nontransaction(session.connection()).exec("DROP TABLE schema_migrations");
  CHECK_THROWS_AS(dump_revision(session.connection(), project(), dump), InputError);
  CHECK_THROWS_AS(restore_dump((directory / "missing.sql").string(), "", database.endpoint()),
                  InputError);
}
