// Finding the configuration: walking up from a directory, pyproject.toml's
// [tool.migcheck], and .squawk.toml for teams moving from squawk.
#include <doctest/doctest.h>

#include "ci/config.h"
#include "linter/input_error.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

std::filesystem::path same_path(const std::filesystem::path& path) {
  return std::filesystem::weakly_canonical(path);
}

}  // namespace

TEST_CASE("the nearest .migcheck.toml is found walking up from the start directory") {
  TempDir dir;
  write_file(dir / ".migcheck.toml", "pg-version = 12\n");
  write_file(dir / "a/b/c/keep", "");
  auto config = discover_config(dir / "a/b/c");
  REQUIRE(config);
  CHECK(same_path(config->file) == same_path(dir / ".migcheck.toml"));
  CHECK(same_path(config->directory) == same_path(dir.path()));
  CHECK(config->pg_version == 12);

  write_file(dir / "a/.migcheck.toml", "pg-version = 13\n");
  config = discover_config(dir / "a/b/c");
  REQUIRE(config);
  CHECK(config->pg_version == 13);
}

TEST_CASE("pyproject.toml counts only with a [tool.migcheck] table") {
  TempDir dir;
  write_file(dir / ".migcheck.toml", "pg-version = 11\n");
  write_file(dir / "app/pyproject.toml", "[tool.black]\nline-length = 100\n");
  auto config = discover_config(dir / "app");
  REQUIRE(config);
  CHECK(config->pg_version == 11);  // walked past the pyproject without a table

  write_file(dir / "app/pyproject.toml",
             "[project]\nname = \"shop\"\n\n[tool.migcheck]\npg-version = 14\n"
             "ignore = [\"renaming-column\"]\n");
  config = discover_config(dir / "app");
  REQUIRE(config);
  CHECK(config->pg_version == 14);
  CHECK(config->rules.ignore == std::vector<std::string>{"renaming-column"});
}

TEST_CASE(".migcheck.toml wins over pyproject.toml in the same directory") {
  TempDir dir;
  write_file(dir / "pyproject.toml", "[tool.migcheck]\npg-version = 14\n");
  write_file(dir / ".migcheck.toml", "pg-version = 16\n");
  auto config = discover_config(dir.path());
  REQUIRE(config);
  CHECK(config->pg_version == 16);
}

TEST_CASE(".squawk.toml is honoured only when there is no migcheck configuration") {
  TempDir dir;
  write_file(dir / "db/.squawk.toml",
             "pg_version = \"11.0\"\nexcluded_rules = [\"ban-drop-column\", "
             "\"require-timeout-settings\", \"ban-alter-generated-expression\"]\n"
             "assume_in_transaction = true\n[upload_to_github]\nfail_on_violations = true\n");
  auto config = discover_config(dir / "db");
  REQUIRE(config);
  CHECK(config->pg_version == 11);
  CHECK(config->assume_in_transaction == true);
  // squawk's names become migcheck's; a squawk rule with no counterpart maps
  // to nothing.
  CHECK(config->rules.ignore == std::vector<std::string>{"dropping-column", "missing-lock-timeout",
                                                         "missing-statement-timeout"});

  write_file(dir / "pyproject.toml", "[tool.migcheck]\npg-version = 15\n");
  config = discover_config(dir / "db");
  REQUIRE(config);
  CHECK(config->pg_version == 15);
  CHECK(config->rules.ignore.empty());
}

TEST_CASE("no configuration anywhere up the tree is nullopt") {
  TempDir dir;
  // The temp dir's parents are the system's; none of them should configure
  // migcheck, and if one does this test says so rather than misleading others.
  CHECK_FALSE(discover_config(dir.path()));
}

TEST_CASE("--config reads the named file whatever its kind") {
  TempDir dir;
  write_file(dir / "ci/lint.toml", "fail-on = \"warning\"\nexclude = [\"legacy/**\"]\n");
  Config config = load_config_file(dir / "ci/lint.toml");
  CHECK(config.fail_on == Severity::warning);
  CHECK(config.exclude == std::vector<std::string>{"legacy/**"});
  CHECK(same_path(config.directory) == same_path(dir / "ci"));

  write_file(dir / "pyproject.toml", "[tool.other]\nx = 1\n");
  CHECK_THROWS_WITH(load_config_file(dir / "pyproject.toml"),
                    doctest::Contains("no [tool.migcheck] table"));
  CHECK_THROWS_WITH(load_config_file(dir / "missing.toml"), doctest::Contains("no such file"));
}

TEST_CASE("--config given Alembic's ini names -c/--alembic-config, by extension or [alembic]") {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
  write_file(dir / "db.cfg",
             "# Alembic's, under another name\n  [alembic]  \r\nscript_location = m\n");
  for (const char* file : {"alembic.ini", "db.cfg", "missing.ini"}) {
    CAPTURE(file);
    CHECK_THROWS_WITH_AS(load_config_file(dir / file),
                         doctest::Contains("pass Alembic's ini with -c/--alembic-config"),
                         InputError);
  }
  // Any other file is read as before.
  write_file(dir / "ok.toml", "fail-on = \"info\"\n");
  CHECK(load_config_file(dir / "ok.toml").fail_on == Severity::info);
}
