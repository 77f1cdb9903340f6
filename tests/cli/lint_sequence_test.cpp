// End-to-end tests of `migcheck lint` on several files: they are one
// project's migrations, replayed in order into one schema memory.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

nlohmann::json lint_json(const std::filesystem::path& directory, const std::string& arguments) {
  auto result = run_migcheck_in(directory, "lint --format json " + arguments);
  INFO(result.err);
  REQUIRE(result.exit_code < 2);
  return nlohmann::json::parse(result.out);
}

bool mentions(const nlohmann::json& json, const std::string& text) {
  for (const auto& finding : json["findings"]) {
    if (finding["message"].get<std::string>().find(text) != std::string::npos) return true;
  }
  return false;
}

std::vector<std::string> rules_in(const nlohmann::json& json, const std::string& file) {
  std::vector<std::string> rules;
  for (const auto& finding : json["findings"]) {
    if (finding["location"]["file"] == file) rules.push_back(finding["rule"].get<std::string>());
  }
  return rules;
}

}  // namespace

TEST_CASE("files given together carry the schema: a later type change knows the earlier type") {
  TempDir dir;
  write_file(dir / "m/001_accounts.sql",
             "CREATE TABLE accounts (id bigint PRIMARY KEY, name varchar(50));\n");
  write_file(dir / "m/002_widen.sql",
             "ALTER TABLE accounts ALTER COLUMN name TYPE text;\n"
             "ALTER TABLE accounts ADD COLUMN plan text NOT NULL;\n");
  // A directory, and the files in any order on the command line: one sequence.
  for (const std::string& arguments :
       {std::string("m"), std::string("m/002_widen.sql m/001_accounts.sql")}) {
    CAPTURE(arguments);
    nlohmann::json json = lint_json(dir.path(), arguments);
    CHECK_FALSE(mentions(json, "type unknown"));
    // varchar to text rewrites nothing: no changing-column-type at all.
    std::vector<std::string> rules = rules_in(json, "m/002_widen.sql");
    CHECK(std::count(rules.begin(), rules.end(), "changing-column-type") == 0);
    // The table is from an earlier migration: a hazard on it is still one.
    CHECK(std::count(rules.begin(), rules.end(), "adding-not-null-column") == 1);
    CHECK(json["summary"]["files"] == 2);
  }
}

TEST_CASE("files given together run in version order; down files do not carry their changes") {
  TempDir dir;
  write_file(dir / "m/2_create.up.sql", "CREATE TABLE t (id bigint, name varchar(20));\n");
  write_file(dir / "m/2_create.down.sql", "DROP TABLE t;\n");
  // Version 10 after version 2, though "10_" sorts before "2_" as text.
  write_file(dir / "m/10_retype.up.sql", "ALTER TABLE t ALTER COLUMN name TYPE varchar(10);\n");
  write_file(dir / "m/10_retype.down.sql", "ALTER TABLE t ALTER COLUMN name TYPE varchar(20);\n");
  nlohmann::json json = lint_json(dir.path(), "--select changing-column-type m");
  CHECK_FALSE(mentions(json, "type unknown"));
  CHECK(mentions(json, "`t.name` from varchar(20) to varchar(10)"));
  // The down of 10 is linted after the up of 10 and sees its narrower type.
  CHECK(rules_in(json, "m/10_retype.down.sql").empty());
}
