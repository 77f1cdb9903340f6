// SQL in a branch only Python decides (an `if`, an `except`, a loop over
// values the reader cannot know) is linted like the rest of a revision, and
// each finding about it says that it may not run.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.h"

using namespace migcheck::testing;

TEST_CASE("lint: findings on SQL in an if branch say it may run") {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "migrations/versions/a1_drop.py",
             "from alembic import op\n\n"
             "revision = \"a1\"\ndown_revision = None\n\n\n"
             "def upgrade():\n"
             "    if op.get_context().dialect.name == \"postgresql\":\n"
             "        op.drop_column(\"users\", \"legacy_flag\")\n"
             "    op.drop_column(\"users\", \"nickname\")\n\n\n"
             "def downgrade():\n    pass\n");
  CommandResult result = run_migcheck_in(dir.path(), "lint --format json --select dropping-column");
  INFO(result.err);
  REQUIRE(result.exit_code != 2);
  nlohmann::json report = nlohmann::json::parse(result.out);
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "dropping-column") findings.push_back(f);
  }
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["location"]["line"] == 9);
  std::string conditional = findings[0]["message"];
  CHECK(conditional.ends_with(" (may run: inside `if`, which only Python decides whether to run)"));
  CHECK(findings[1]["location"]["line"] == 10);
  CHECK(findings[1]["message"].get<std::string>().find("may run") == std::string::npos);
}
