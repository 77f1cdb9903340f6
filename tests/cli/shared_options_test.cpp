// End-to-end: an option means the same in every subcommand that takes it.
// pre-deploy-check takes lint's options (its --baseline really filters) and
// the round trip's; roundtrip's findings count as lint's do (--fail-on,
// --ignore, the configuration's fail-on). Flyway projects without undo files,
// whose round trip reports downgrade-not-checked at info.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

void write_flyway_project(const TempDir& project) {
  write_file(project / "sql/V1__create_products.sql",
             "CREATE TABLE products (id bigint, name text);\n");
  write_file(project / "sql/V2__drop_name.sql", "ALTER TABLE products DROP COLUMN name;\n");
}

}  // namespace

TEST_CASE("roundtrip's findings count as lint's: --fail-on, --ignore, --exclude, fail-on") {
  TempDir project;
  write_flyway_project(project);
  auto exit_code = [&](const std::string& options) {
    CommandResult result = run_migcheck_in(project.path(), "roundtrip --format json " + options);
    INFO(options, result.err);
    return result.exit_code;
  };
  CHECK(exit_code("") == 0);  // info findings do not fail the run
  CHECK(exit_code("--fail-on info") == 1);
  CHECK(exit_code("--fail-on info --ignore downgrade-not-checked") == 0);
  CHECK(exit_code("--fail-on info --exclude downgrade-not-checked") == 0);
  // --select chooses statement rules, here as in lint: the checks stay on.
  CHECK(exit_code("--fail-on info --select dropping-column") == 1);
  CHECK(exit_code("--fail-on never") == 2);
  write_file(project / ".migcheck.toml", "fail-on = \"info\"\n");
  CHECK(exit_code("") == 1);
  CHECK(exit_code("--fail-on error") == 0);
}

TEST_CASE("pre-deploy-check takes lint's options: --baseline filters its lint findings") {
  TempDir project;
  write_flyway_project(project);
  auto run = [&](const std::string& options) {
    CommandResult result =
        run_migcheck_in(project.path(), "pre-deploy-check --format json " + options);
    INFO(options, result.err);
    return result;
  };
  CHECK(run("--no-roundtrip").exit_code == 1);  // dropping-column
  REQUIRE(run_migcheck_in(project.path(), "lint --write-baseline b.json").exit_code == 0);
  CommandResult baselined = run("--no-roundtrip --baseline b.json");
  CHECK(baselined.exit_code == 0);
  CHECK(nlohmann::json::parse(baselined.out)["findings"].empty());
  CHECK(run("--no-roundtrip --baseline b.json --include-downgrades --sql-source static "
            "--assume-in-transaction --pg-version 15.0")
            .exit_code == 0);
  CHECK(run("--no-roundtrip --baseline missing.json").exit_code == 2);
  // --write-baseline, as in lint, records this run's lint findings.
  CHECK(run("--no-roundtrip --write-baseline again.json").exit_code == 0);
  CHECK(run("--no-roundtrip --baseline again.json").exit_code == 0);
  // The round trip's options and its findings' --fail-on and --exclude.
  CHECK(run("--baseline b.json --to 1").exit_code == 0);
  CHECK(run("--baseline b.json --fail-on info").exit_code == 1);
  CHECK(run("--baseline b.json --fail-on info --exclude downgrade-not-checked").exit_code == 0);
}
