// End-to-end: a squawk user's command line works as it did with squawk:
// --pg-version 13.0, -e/--exclude, and squawk's rule names in rule lists.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// The rules of a JSON lint run's findings, in report order, joined by spaces.
std::string rules_found(const TempDir& dir, const std::string& arguments) {
  CommandResult result = run_migcheck_in(dir.path(), "lint --format json " + arguments);
  INFO(arguments, result.err);
  REQUIRE(result.exit_code != 2);
  nlohmann::json report = nlohmann::json::parse(result.out);
  std::string rules;
  for (const auto& finding : report["findings"]) {
    rules += (rules.empty() ? "" : " ") + finding["rule"].get<std::string>();
  }
  return rules;
}

// dropping-column and creating-index-non-concurrently, squawk's ban-drop-column
// and require-concurrent-index-creation, and no other finding.
const char* const kDropAndIndex =
    "SET lock_timeout = '2s';\nSET statement_timeout = '5s';\n"
    "ALTER TABLE users DROP COLUMN email;\nCREATE INDEX users_name ON users (name);\n";

}  // namespace

TEST_CASE("--pg-version takes squawk's 13.0 and 13.4 as 13; anything else is exit 2") {
  TempDir dir;
  // A DEFAULT rewrites the table before PostgreSQL 11 only.
  write_file(dir / "m.sql", "ALTER TABLE a ADD COLUMN n int DEFAULT 0;\n");
  const std::string rule = "--select adding-column-with-volatile-default m.sql ";
  CHECK(rules_found(dir, rule + "--pg-version 10") == "adding-column-with-volatile-default");
  CHECK(rules_found(dir, rule + "--pg-version 10.0") == "adding-column-with-volatile-default");
  CHECK(rules_found(dir, rule + "--pg-version=10.23") == "adding-column-with-volatile-default");
  CHECK(rules_found(dir, rule + "--pg-version 9.6.24") == "adding-column-with-volatile-default");
  CHECK(rules_found(dir, rule + "--pg-version 13.0").empty());
  CHECK(rules_found(dir, rule + "--pg-version 13.4").empty());
  for (const std::string bad : {"thirteen", "13.x", "13.", "13.0.1.2", "8.4", "99.0"}) {
    CommandResult result = run_migcheck_in(dir.path(), "lint m.sql --pg-version " + bad);
    INFO(bad);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("migcheck: --pg-version: '" + bad + "'") != std::string::npos);
  }
}

TEST_CASE("-e/--exclude is squawk's --ignore: repeatable, comma-separated") {
  TempDir dir;
  write_file(dir / "m.sql", kDropAndIndex);
  CHECK(rules_found(dir, "m.sql") == "dropping-column creating-index-non-concurrently");
  CHECK(rules_found(dir, "--exclude dropping-column m.sql") == "creating-index-non-concurrently");
  CHECK(
      rules_found(dir, "--exclude=dropping-column,creating-index-non-concurrently m.sql").empty());
  CHECK(rules_found(dir, "-e dropping-column -e creating-index-non-concurrently m.sql").empty());
  CHECK(rules_found(dir, "--ignore dropping-column --exclude creating-index-non-concurrently m.sql")
            .empty());
}

TEST_CASE("squawk's rule names work in --ignore, --exclude and --select, as in .squawk.toml") {
  TempDir dir;
  write_file(dir / "m.sql", kDropAndIndex);
  CHECK(rules_found(dir, "--exclude ban-drop-column m.sql") == "creating-index-non-concurrently");
  CHECK(rules_found(dir, "--ignore require-concurrent-index-creation m.sql") == "dropping-column");
  CHECK(rules_found(dir, "-e ban-drop-column,require-concurrent-index-creation m.sql").empty());
  CHECK(rules_found(dir, "--select require-concurrent-index-creation m.sql") ==
        "creating-index-non-concurrently");
  // One squawk name can stand for several migcheck rules, or for none.
  write_file(dir / "t.sql", "ALTER TABLE users ADD COLUMN c text;\n");
  CHECK(rules_found(dir, "--select prefer-robust-stmts t.sql") == "prefer-robust-statements");
  CHECK(rules_found(dir, "--select require-timeout-settings t.sql") ==
        "missing-lock-timeout missing-statement-timeout");
  CHECK(rules_found(dir, "--select require-enum-value-ordering t.sql").empty());
  CommandResult unknown = run_migcheck_in(dir.path(), "lint --exclude ban-everything t.sql");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("migcheck: --ignore: unknown rule 'ban-everything'") != std::string::npos);
}
