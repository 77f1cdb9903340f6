#include <doctest/doctest.h>

#include <string>

#include "tests/runner/dump_fixture.h"
#include "tests/test_support.h"

using migcheck::testing::kDumpedAccounts;
using migcheck::testing::kDumpedPlan;
using migcheck::testing::make_dump;
using migcheck::testing::run_migcheck_in;
using migcheck::testing::shell_quote;
using migcheck::testing::TempDir;
using migcheck::testing::write_file;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// golang-migrate: the dumped accounts and plan, then a unique index on email.
void write_project(const TempDir& project) {
  write_file(project / "migrations/000001_accounts.up.sql", kDumpedAccounts);
  write_file(project / "migrations/000001_accounts.down.sql", "DROP TABLE accounts;\n");
  write_file(project / "migrations/000002_plan.up.sql", kDumpedPlan);
  write_file(project / "migrations/000002_plan.down.sql",
             "ALTER TABLE accounts DROP COLUMN plan;\n");
  write_file(project / "migrations/000003_unique_email.up.sql",
             "CREATE UNIQUE INDEX accounts_email_key ON accounts (email);\n");
  write_file(project / "migrations/000003_unique_email.down.sql",
             "DROP INDEX accounts_email_key;\n");
}

}  // namespace

TEST_CASE(
    "--seed-from restores a plain and a custom-format dump and round-trips from its revision") {
  TempDir project;
  write_project(project);
  for (const char* format : {"p", "c"}) {
    CAPTURE(format);
    std::string dump = (project / (std::string("prod.") + format)).string();
    make_dump("2", format, dump);
    auto result = run_migcheck_in(project.path(), "roundtrip --seed-from " + shell_quote(dump));
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "the dump is at revision 2"));
    CHECK_FALSE(contains(result.err, "checking 2:"));
    CHECK(contains(result.err, "checking 3:"));
    CHECK_FALSE(contains(result.err, "generated rows"));
    // The dump's own rows are the ones at fault.
    CHECK(contains(result.out, "data-dependent-failure"));
    CHECK(contains(result.out, "rows: accounts (email)=(ann@example.com) in 2 rows"));
  }
}

TEST_CASE("--seed-from a dump at a revision the project does not have is an input error") {
  TempDir project;
  write_project(project);
  std::string dump = (project / "prod.sql").string();
  make_dump("9", "p", dump);
  auto result = run_migcheck_in(project.path(), "roundtrip --seed-from " + shell_quote(dump));
  CHECK(result.exit_code == 2);
  CHECK(contains(result.err,
                 "prod.sql: --seed-from: the dump is at revision 9 "
                 "(schema_migrations), which the project does not have"));
}
