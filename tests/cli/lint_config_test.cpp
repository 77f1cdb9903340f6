// End-to-end: suppressions, configuration, baselines and the rule reference,
// running the real binary with the real rules in temp directories.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

CommandResult run_migcheck(const std::string& arguments, const std::filesystem::path& directory) {
  return run_command("cd " + shell_quote(directory.string()) + " && NO_COLOR=1 " +
                     shell_quote(migcheck_binary()) + " " + arguments);
}

// "rule@file:line" for each finding of a JSON lint run, in report order,
// joined by spaces.
std::string findings(const std::string& arguments, const std::filesystem::path& directory) {
  CommandResult result = run_migcheck("lint --format json " + arguments, directory);
  INFO(result.err);
  REQUIRE(result.exit_code != 2);
  std::string out;
  nlohmann::json json = nlohmann::json::parse(result.out);
  for (const auto& f : json["findings"]) {
    out += (out.empty() ? "" : " ") + f["rule"].get<std::string>() + "@" +
           f["location"]["file"].get<std::string>() + ":" +
           std::to_string(f["location"]["line"].get<int>());
  }
  return out;
}

// Only the rules a test is about, so others' findings do not blur it.
const std::string kFocus =
    "--select dropping-column,dropping-table,adding-foreign-key,renaming-column,"
    "unused-suppression ";

}  // namespace

TEST_CASE("inline suppressions with the real rules: line, line above, multi-line, file-wide") {
  TempDir dir;
  write_file(dir / "m/1.sql",
             "ALTER TABLE a DROP COLUMN x; -- migcheck:ignore dropping-column moved to b\n"
             "-- migcheck:ignore adding-foreign-key validated by the nightly job\n"
             "ALTER TABLE orders\n"
             "  ADD CONSTRAINT orders_user_fk\n"
             "  FOREIGN KEY (user_id) REFERENCES users (id);\n"
             "ALTER TABLE b DROP COLUMN y;\n"
             "-- migcheck:ignore renaming-column no longer needed\n"
             "SELECT 1;\n");
  write_file(dir / "m/2.sql",
             "-- migcheck:ignore-file dropping-table retiring the old schema\n"
             "DROP TABLE old_a;\n\nDROP TABLE old_b;\n");
  CHECK(findings(kFocus + "m", dir.path()) ==
        "dropping-column@m/1.sql:6 unused-suppression@m/1.sql:7");
  // Without the comments every finding is there.
  write_file(dir / "m/1.sql",
             "ALTER TABLE a DROP COLUMN x;\nALTER TABLE orders\n"
             "  ADD CONSTRAINT orders_user_fk\n"
             "  FOREIGN KEY (user_id) REFERENCES users (id);\n");
  write_file(dir / "m/2.sql", "DROP TABLE old_a;\n");
  CHECK(findings(kFocus + "m", dir.path()) ==
        "dropping-column@m/1.sql:1 adding-foreign-key@m/1.sql:3 dropping-table@m/2.sql:1");
}

TEST_CASE("unused-suppression is a warning: it fails only with --fail-on warning") {
  TempDir dir;
  write_file(dir / "m.sql", "-- migcheck:ignore dropping-table\nSELECT 1;\n");
  CHECK(run_migcheck("lint m.sql", dir.path()).exit_code == 0);
  auto strict = run_migcheck("lint --fail-on warning m.sql", dir.path());
  CHECK(strict.exit_code == 1);
  CHECK(strict.out.find("m.sql:1:1  warning  unused-suppression") != std::string::npos);
  // It can be ignored like any rule.
  CHECK(run_migcheck("lint --fail-on warning --ignore unused-suppression m.sql", dir.path())
            .exit_code == 0);
}

TEST_CASE("a suppression naming an unknown rule is exit 2 with its position") {
  TempDir dir;
  write_file(dir / "m.sql", "SELECT 1;\nDROP TABLE t; -- migcheck:ignore droping-table typo\n");
  auto result = run_migcheck("lint m.sql", dir.path());
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "migcheck: m.sql:2:34: migcheck:ignore names unknown rule 'droping-table' (migcheck rules "
        "lists them)\n");
}

TEST_CASE("squawk-ignore comments and .squawk.toml are honoured with squawk's rule names") {
  TempDir dir;
  write_file(dir / "m.sql",
             "-- squawk-ignore ban-drop-column\nALTER TABLE a DROP COLUMN x;\n"
             "-- squawk-ignore-file ban-drop-table\nDROP TABLE t;\n"
             "ALTER TABLE a RENAME COLUMN p TO q;\n");
  CHECK(findings(kFocus + "m.sql", dir.path()) == "renaming-column@m.sql:5");
  // Without --select (which would choose the rules itself).
  CHECK(findings("m.sql", dir.path()).find("renaming-column") != std::string::npos);
  write_file(dir / ".squawk.toml", "excluded_rules = [\"renaming-column\"]\n");
  CHECK(findings("m.sql", dir.path()).find("renaming-column") == std::string::npos);
}

TEST_CASE("# migcheck:ignore in an Alembic revision suppresses the call below it") {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
  write_file(dir / "migrations/env.py", "");
  write_file(
      dir / "migrations/versions/a1_drop.py",
      "\"\"\"drop things\n\nRevision ID: a1\n\"\"\"\nfrom alembic import op\n\n"
      "revision = \"a1\"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\n"
      "def upgrade():\n"
      "    # migcheck:ignore dropping-column the app stopped using it in v41\n"
      "    op.drop_column(\"users\", \"legacy_flag\")\n"
      "    op.drop_column(\"users\", \"nickname\")\n"
      "    # migcheck:ignore dropping-table\n"
      "    op.execute(\"\"\"\n"
      "        DROP TABLE\n"
      "          old_sessions\n"
      "    \"\"\")\n\n\n"
      "def downgrade():\n"
      "    # migcheck:ignore renaming-table only matters with --include-downgrades\n"
      "    op.rename_table(\"b\", \"a\")\n");
  auto project = findings(kFocus + "--select renaming-table", dir.path());
  CHECK(project == "dropping-column@migrations/versions/a1_drop.py:16");
  // Linting the downgrade too uses the comment there.
  CHECK(findings(kFocus + "--select renaming-table --include-downgrades", dir.path()) == project);
}

TEST_CASE("configuration is found walking up and sets version, rules and severities") {
  TempDir dir;
  write_file(dir / ".migcheck.toml",
             "pg-version = 10\nignore = [\"renaming-column\"]\n"
             "[severity]\ndropping-column = \"warning\"\n");
  write_file(dir / "db/migrations/1.sql",
             "ALTER TABLE a DROP COLUMN x;\nALTER TABLE a RENAME COLUMN p TO q;\n"
             "ALTER TABLE a ADD COLUMN created timestamptz DEFAULT now();\n");
  auto result = run_migcheck("lint --format json migrations", dir / "db");
  INFO(result.err);
  auto json = nlohmann::json::parse(result.out);
  bool saw_drop = false, saw_rename = false, saw_default = false;
  for (const auto& f : json["findings"]) {
    if (f["rule"] == "dropping-column") {
      saw_drop = true;
      CHECK(f["severity"] == "warning");
    }
    saw_rename = saw_rename || f["rule"] == "renaming-column";
    // Before PostgreSQL 11 any default rewrites the table.
    saw_default = saw_default || f["rule"] == "adding-column-with-volatile-default";
  }
  CHECK(saw_drop);
  CHECK_FALSE(saw_rename);
  CHECK(saw_default);
  // The flag wins over the configuration's pg-version.
  auto pg15 = run_migcheck("lint --format json --pg-version 15 migrations", dir / "db");
  CHECK(pg15.out.find("adding-column-with-volatile-default") == std::string::npos);
}

TEST_CASE("pyproject.toml's [tool.migcheck] configures the run; fail-on from config") {
  TempDir dir;
  write_file(dir / "pyproject.toml",
             "[project]\nname = \"shop\"\n\n[tool.migcheck]\nfail-on = \"warning\"\n"
             "select = [\"unused-suppression\", \"dropping-table\"]\n");
  write_file(dir / "m.sql", "-- migcheck:ignore dropping-table\nSELECT 1;\n");
  CHECK(run_migcheck("lint m.sql", dir.path()).exit_code == 1);
  CHECK(run_migcheck("lint --fail-on error m.sql", dir.path()).exit_code == 0);
}

TEST_CASE("a configuration error is exit 2 naming file, line and column") {
  TempDir dir;
  write_file(dir / ".migcheck.toml", "pg-version = 14\n[severity]\ndroping-column = \"info\"\n");
  write_file(dir / "sub/m.sql", "SELECT 1;\n");
  auto result = run_migcheck("lint m.sql", dir / "sub");
  CHECK(result.exit_code == 2);
  CHECK(result.err == "migcheck: " + (dir / ".migcheck.toml").string() +
                          ":3:1: unknown rule 'droping-column' (migcheck rules lists them)\n");
  write_file(dir / "sub/.migcheck.toml", "colour = true\n");
  result = run_migcheck("lint m.sql", dir / "sub");
  CHECK(result.exit_code == 2);
  CHECK(result.err.starts_with("migcheck: .migcheck.toml:1:1: unknown key 'colour'"));
}

TEST_CASE("exclude globs and per-path overrides") {
  TempDir dir;
  write_file(dir / ".migcheck.toml",
             "exclude = [\"migrations/vendor/**\"]\n"
             "[[overrides]]\npaths = [\"migrations/legacy/**\"]\nignore = [\"dropping-table\"]\n");
  write_file(dir / "migrations/vendor/1.sql", "DROP TABLE v;\n");
  write_file(dir / "migrations/legacy/2.sql", "DROP TABLE l;\nALTER TABLE l2 DROP COLUMN c;\n");
  write_file(dir / "migrations/3.sql", "DROP TABLE n;\n");
  CHECK(findings(kFocus + "migrations", dir.path()) ==
        "dropping-table@migrations/3.sql:1 dropping-column@migrations/legacy/2.sql:2");
  auto json = nlohmann::json::parse(run_migcheck("lint --format json migrations", dir.path()).out);
  CHECK(json["summary"]["files"] == 2);
}

TEST_CASE("--config names the configuration explicitly") {
  TempDir dir;
  write_file(dir / ".migcheck.toml", "pg-version = 10\n");
  write_file(dir / "ci/pg15.toml", "pg-version = 15\n");
  // A constant default rewrites the table before PostgreSQL 11 only.
  write_file(dir / "m.sql", "ALTER TABLE a ADD COLUMN n int DEFAULT 0;\n");
  const std::string rule = "--select adding-column-with-volatile-default ";
  CHECK(findings(rule + "m.sql", dir.path()) == "adding-column-with-volatile-default@m.sql:1");
  CHECK(findings(rule + "--config ci/pg15.toml m.sql", dir.path()).empty());
}

TEST_CASE("a baseline survives lines added above and reports a changed statement") {
  TempDir dir;
  write_file(dir / "db/1.sql", "ALTER TABLE users DROP COLUMN email;\nDROP TABLE sessions;\n");
  auto written = run_migcheck("lint --write-baseline baseline.json db", dir.path());
  CHECK(written.exit_code == 0);
  CHECK(written.err.find("recorded") != std::string::npos);
  CHECK(run_migcheck("lint --baseline baseline.json db", dir.path()).exit_code == 0);

  write_file(dir / "db/1.sql",
             "SET lock_timeout = '2s';\n-- tidy up\n\nALTER TABLE users DROP COLUMN email;\n"
             "DROP TABLE sessions;\n");
  CHECK(findings(kFocus + "--baseline baseline.json db", dir.path()).empty());

  write_file(dir / "db/1.sql",
             "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN phone;\n"
             "DROP TABLE sessions;\n");
  CHECK(findings(kFocus + "--baseline baseline.json db", dir.path()) ==
        "dropping-column@db/1.sql:2");
  // From another directory the same baseline applies: paths are relative to it.
  CHECK(findings(kFocus + "--baseline ../baseline.json .", dir / "db") ==
        "dropping-column@1.sql:2");
  auto bad = run_migcheck("lint --baseline missing.json db", dir.path());
  CHECK(bad.exit_code == 2);
}

TEST_CASE("migcheck rules lists every rule; explain prints one or suggests close ids") {
  TempDir dir;
  auto rules = run_migcheck("rules", dir.path());
  CHECK(rules.exit_code == 0);
  CHECK(rules.out.find("\ndropping-column ") != std::string::npos);
  CHECK(rules.out.find("\nunused-suppression ") != std::string::npos);
  auto json = nlohmann::json::parse(run_migcheck("rules --format json", dir.path()).out);
  size_t lines = 0;
  for (char c : rules.out) lines += c == '\n';
  CHECK(json.size() + 1 == lines);  // one row per rule after the header

  auto explain = run_migcheck("explain setting-not-null", dir.path());
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("Safe alternative:") != std::string::npos);
  CHECK(explain.out.find("NOT VALID") != std::string::npos);

  auto unknown = run_migcheck("explain droping-column", dir.path());
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("did you mean dropping-column") != std::string::npos);
  CHECK(run_migcheck("explain", dir.path()).exit_code == 2);
}

TEST_CASE("# migcheck:ignore-file in an Alembic revision covers every call in it") {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
  write_file(dir / "migrations/env.py", "");
  write_file(
      dir / "migrations/versions/b2_retire.py",
      "# migcheck:ignore-file dropping-table the old reporting schema is retired\n"
      "from alembic import op\n\n"
      "revision = \"b2\"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\n"
      "def upgrade():\n"
      "    op.drop_table(\"report_daily\")\n"
      "    op.drop_table(\"report_weekly\")\n"
      "    op.drop_column(\"users\", \"report_opt_in\")\n\n\n"
      "def downgrade():\n    pass\n");
  std::string found = findings(kFocus, dir.path());
  CHECK(found.find("dropping-column@migrations/versions/b2_retire.py:13") != std::string::npos);
  CHECK(found.find("dropping-table") == std::string::npos);
  CHECK(found.find("unused-suppression") == std::string::npos);
}
