// A revision that builds its SQL from a setting its project reads from the
// environment (onyx's DB_READONLY_USER): migcheck lints the SQL Alembic would
// run with migcheck's own environment, and each finding on it says whether
// the variable was set or the code's default was used.
#include <doctest/doctest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// The message of the only dropping-table finding of `lint`.
std::string drop_message(const TempDir& dir) {
  CommandResult result = run_migcheck_in(dir.path(), "lint --format json --select dropping-table");
  INFO(result.err);
  REQUIRE(result.exit_code == 1);
  nlohmann::json report = nlohmann::json::parse(result.out);
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "dropping-table") findings.push_back(f);
  }
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["location"]["line"] == 10);
  return findings[0]["message"];
}

}  // namespace

TEST_CASE("lint: findings on SQL built from an environment setting say how it was read") {
  TempDir dir;
  write_file(dir / "alembic.ini",
             "[alembic]\nscript_location = migrations\nprepend_sys_path = .\n");
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "app/__init__.py", "");
  write_file(dir / "app/settings.py",
             "import os\n\nARCHIVE_TABLE = os.getenv(\"MIGCHECK_CLI_ARCHIVE\", \"archive\")\n");
  write_file(dir / "migrations/versions/a1_drop.py",
             "\"\"\"drop the archive\"\"\"\nfrom alembic import op\n"
             "from app.settings import ARCHIVE_TABLE\n\n"
             "revision = \"a1\"\ndown_revision = None\n\n\n"
             "def upgrade():\n    op.execute(f\"DROP TABLE {ARCHIVE_TABLE}\")\n\n\n"
             "def downgrade():\n    pass\n");
  unsetenv("MIGCHECK_CLI_ARCHIVE");
  std::string by_default = drop_message(dir);
  CHECK(by_default.find("`archive`") != std::string::npos);
  CHECK(by_default.ends_with(
      " (environment variable MIGCHECK_CLI_ARCHIVE: not set for migcheck, so the code's "
      "default)"));

  setenv("MIGCHECK_CLI_ARCHIVE", "archive_2026", 1);
  std::string from_environment = drop_message(dir);
  unsetenv("MIGCHECK_CLI_ARCHIVE");
  CHECK(from_environment.find("`archive_2026`") != std::string::npos);
  CHECK(from_environment.ends_with(
      " (environment variable MIGCHECK_CLI_ARCHIVE: as set for migcheck)"));
}
