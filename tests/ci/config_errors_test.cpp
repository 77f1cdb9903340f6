// Mistakes in a configuration are errors naming the file, line and column.
#include <doctest/doctest.h>

#include "ci/config.h"
#include "linter/input_error.h"

using namespace migcheck;

namespace {

std::string error_of(const std::string& text, const std::string& table = "") {
  try {
    parse_migcheck_config(text, "/nowhere/.migcheck.toml", table);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("an unknown key names its position and the known keys") {
  CHECK(error_of("pg-version = 14\n\nselct = [\"dropping-column\"]\n") ==
        "/nowhere/.migcheck.toml:3:1: unknown key 'selct' in the configuration (known: "
        "pg-version, select, ignore, severity, fail-on, exclude, overrides, include-downgrades, "
        "assume-in-transaction, roundtrip)");
  // A snake_case spelling of a known key gets a direct hint.
  CHECK(error_of("pg_version = 14\n") ==
        "/nowhere/.migcheck.toml:1:1: unknown key 'pg_version' in the configuration (did you "
        "mean 'pg-version'?)");
  CHECK(error_of("[tool.migcheck]\nfail-on = \"error\"\n  colour = true\n", "tool.migcheck") ==
        "/nowhere/.migcheck.toml:3:3: unknown key 'colour' in [tool.migcheck] (known: "
        "pg-version, select, ignore, severity, fail-on, exclude, overrides, include-downgrades, "
        "assume-in-transaction, roundtrip)");
  CHECK(error_of("[[overrides]]\npaths = [\"a/**\"]\nexclude = [\"b\"]\n") ==
        "/nowhere/.migcheck.toml:3:1: unknown key 'exclude' in the configuration (known: paths, "
        "select, ignore, severity)");
}

TEST_CASE("an unknown rule id points at the id, wherever it is") {
  CHECK(error_of("ignore = [\"dropping-column\", \"droping-table\"]\n") ==
        "/nowhere/.migcheck.toml:1:30: unknown rule 'droping-table' (migcheck rules lists them)");
  CHECK(error_of("[severity]\ndropping-column = \"warning\"\nban-drop-table = \"info\"\n") ==
        "/nowhere/.migcheck.toml:3:1: unknown rule 'ban-drop-table' (migcheck rules lists them)");
  CHECK(error_of("[[overrides]]\npaths = [\"legacy/**\"]\nselect = [\"nope\"]\n") ==
        "/nowhere/.migcheck.toml:3:11: unknown rule 'nope' (migcheck rules lists them)");
}

TEST_CASE("bad values are errors at the value") {
  CHECK(error_of("pg-version = 8\n") ==
        "/nowhere/.migcheck.toml:1:14: pg-version must be a PostgreSQL major version from 9 to "
        "18, such as 15");
  CHECK(error_of("pg-version = \"15\"\n").find(":1:14: pg-version must be") != std::string::npos);
  CHECK(error_of("fail-on = \"fatal\"\n") ==
        "/nowhere/.migcheck.toml:1:11: fail-on: 'fatal' is not one of error, warning, info");
  CHECK(error_of("[severity]\ndropping-column = \"loud\"\n") ==
        "/nowhere/.migcheck.toml:2:19: severity of dropping-column: 'loud' is not one of error, "
        "warning, info");
  CHECK(error_of("assume-in-transaction = \"yes\"\n") ==
        "/nowhere/.migcheck.toml:1:25: assume-in-transaction must be true or false");
  CHECK(error_of("select = \"dropping-column\"\n") ==
        "/nowhere/.migcheck.toml:1:10: select must be an array of strings");
  CHECK(error_of("[[overrides]]\nignore = [\"dropping-column\"]\n") ==
        "/nowhere/.migcheck.toml:1:1: an [[overrides]] entry needs paths = [\"glob\", ...]");
}

TEST_CASE("a TOML syntax error names its position") {
  std::string error = error_of("pg-version = 14\nselect = [\"dropping-column\" \"x\"]\n");
  CHECK(error.starts_with("/nowhere/.migcheck.toml:2:"));
  CHECK(error.find("array") != std::string::npos);
}

TEST_CASE("a squawk rule name that squawk does not have is an error in .squawk.toml") {
  try {
    parse_squawk_config("excluded_rules = [\"ban-drop-column\", \"ban-everything\"]\n",
                        "/nowhere/.squawk.toml");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "/nowhere/.squawk.toml:1:38: excluded_rules: 'ban-everything' is neither a squawk rule "
          "nor a migcheck rule");
  }
}

TEST_CASE("a full configuration reads into its fields") {
  auto config = parse_migcheck_config(
      "pg-version = 13\nselect = [\"dropping-column\", \"prefer-bigint\"]\n"
      "ignore = [\"renaming-table\"]\nfail-on = \"warning\"\nassume-in-transaction = false\n"
      "include-downgrades = true\nexclude = [\"migrations/legacy/**\"]\n"
      "[severity]\ndropping-column = \"warning\"\n"
      "[[overrides]]\npaths = [\"migrations/legacy/**\"]\nignore = [\"dropping-column\"]\n"
      "[overrides.severity]\nprefer-bigint = \"info\"\n",
      "/nowhere/.migcheck.toml", "");
  REQUIRE(config);
  CHECK(config->pg_version == 13);
  CHECK(config->rules.select == std::vector<std::string>{"dropping-column", "prefer-bigint"});
  CHECK(config->rules.ignore == std::vector<std::string>{"renaming-table"});
  CHECK(config->fail_on == Severity::warning);
  CHECK(config->assume_in_transaction == false);
  CHECK(config->include_downgrades == true);
  CHECK(config->exclude == std::vector<std::string>{"migrations/legacy/**"});
  CHECK(config->rules.severity.at("dropping-column") == Severity::warning);
  REQUIRE(config->overrides.size() == 1);
  CHECK(config->overrides[0].paths == std::vector<std::string>{"migrations/legacy/**"});
  CHECK(config->overrides[0].rules.ignore == std::vector<std::string>{"dropping-column"});
  CHECK(config->overrides[0].rules.severity.at("prefer-bigint") == Severity::info);
  CHECK(config->directory == "/nowhere");
}

TEST_CASE("[roundtrip]: setup is an array of file names, and nothing else is known there") {
  CHECK(error_of("[roundtrip]\nsetup = \"roles.sql\"\n") ==
        "/nowhere/.migcheck.toml:2:9: setup must be an array of strings");
  CHECK(
      error_of("[roundtrip]\nsetup = [\"roles.sql\"]\nseed = []\n") ==
      "/nowhere/.migcheck.toml:3:1: unknown key 'seed' in [roundtrip] (known: setup, rows, load)");
  CHECK(error_of("[tool.migcheck.roundtrip]\nsetup_sql = []\n", "tool.migcheck") ==
        "/nowhere/.migcheck.toml:2:1: unknown key 'setup_sql' in [tool.migcheck.roundtrip] "
        "(known: setup, rows, load)");
  CHECK(error_of("roundtrip = 1\n") ==
        "/nowhere/.migcheck.toml:1:13: roundtrip must be a table ([roundtrip])");
}
