// Merging flags over configuration over defaults, per-path overrides and
// exclude globs.
#include <doctest/doctest.h>

#include "ci/config_glob.h"
#include "ci/lint_settings.h"
#include "ci/rule_catalog.h"
#include "linter/input_error.h"
#include "rules/registry.h"

using namespace migcheck;

namespace {

Config config_from(const std::string& text, const std::string& directory = "/project") {
  auto config = parse_migcheck_config(text, directory + "/.migcheck.toml", "");
  REQUIRE(config);
  return *config;
}

Finding finding(const std::string& rule, const std::string& file) {
  Finding f;
  f.rule = rule;
  f.severity = find_known_rule(rule) ? find_known_rule(rule)->severity : Severity::error;
  f.location = {file, 1, 1, 1, 2};
  return f;
}

bool runs(const LintSettings& settings, std::string_view id) {
  for (const Rule* rule : settings.rules) {
    if (rule->id == id) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("without flags or configuration each rule's default applies") {
  LintSettings settings = resolve_lint_settings(LintFlags{}, std::nullopt);
  CHECK(settings.options.pg_version == 15);
  CHECK(settings.fail_on == Severity::error);
  for (const Rule* rule : all_rules()) {
    CHECK(runs(settings, rule->id) == rule->enabled_by_default);
  }
}

TEST_CASE("configuration sets the version, failing severity, transaction mode and rules") {
  Config config = config_from(
      "pg-version = 10\nfail-on = \"warning\"\nassume-in-transaction = true\n"
      "ignore = [\"dropping-column\"]\n[severity]\nrenaming-column = \"info\"\n");
  LintSettings settings = resolve_lint_settings(LintFlags{}, config);
  CHECK(settings.options.pg_version == 10);
  CHECK(settings.fail_on == Severity::warning);
  CHECK(settings.options.assume_in_transaction == true);
  CHECK_FALSE(runs(settings, "dropping-column"));
  CHECK(runs(settings, "renaming-column"));

  std::vector<Finding> findings{finding("renaming-column", "/project/m/1.sql"),
                                finding("dropping-column", "/project/m/1.sql")};
  apply_settings_to_findings(settings, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "renaming-column");
  CHECK(findings[0].severity == Severity::info);
}

TEST_CASE("flags win over the configuration") {
  Config config = config_from(
      "pg-version = 10\nfail-on = \"warning\"\nassume-in-transaction = true\n"
      "select = [\"dropping-column\", \"renaming-column\"]\nignore = [\"renaming-table\"]\n");
  LintFlags flags;
  flags.pg_version = "16";
  flags.fail_on = "info";
  flags.assume_in_transaction = false;
  LintSettings settings = resolve_lint_settings(flags, config);
  CHECK(settings.options.pg_version == 16);
  CHECK(settings.fail_on == Severity::info);
  CHECK(settings.options.assume_in_transaction == false);
  // The configuration's select holds without --select; --ignore adds to it.
  flags.ignore = {"renaming-column"};
  settings = resolve_lint_settings(flags, config);
  CHECK(runs(settings, "dropping-column"));
  CHECK_FALSE(runs(settings, "renaming-column"));
  CHECK_FALSE(runs(settings, "dropping-table"));
  // --select replaces the configuration's choice, its ignores included.
  flags.select = {"renaming-table"};
  flags.ignore.clear();
  settings = resolve_lint_settings(flags, config);
  CHECK(settings.rules.size() == 1);
  CHECK(runs(settings, "renaming-table"));
  flags.select = {"no-such-rule"};
  CHECK_THROWS_AS(resolve_lint_settings(flags, config), InputError);
}

TEST_CASE("per-path overrides change the rules and severities of matching files only") {
  Config config = config_from(
      "[severity]\ndropping-column = \"warning\"\n"
      "[[overrides]]\npaths = [\"migrations/legacy/**\"]\nignore = [\"dropping-table\"]\n"
      "[overrides.severity]\ndropping-column = \"info\"\n"
      "[[overrides]]\npaths = [\"migrations/strict/*.sql\"]\n"
      "select = [\"dropping-table\", \"unqualified-table-name\"]\n");
  LintSettings settings = resolve_lint_settings(LintFlags{}, config);
  // unqualified-table-name is off by default but one path selects it, so it runs.
  CHECK(runs(settings, "unqualified-table-name"));
  CHECK(settings.enabled_for("/project/migrations/strict/1.sql", "unqualified-table-name"));
  CHECK_FALSE(settings.enabled_for("/project/migrations/strict/1.sql", "dropping-column"));
  CHECK_FALSE(settings.enabled_for("/project/migrations/2.sql", "unqualified-table-name"));
  CHECK_FALSE(settings.enabled_for("/project/migrations/legacy/0001.sql", "dropping-table"));
  CHECK(settings.enabled_for("/project/migrations/0001.sql", "dropping-table"));

  std::vector<Finding> findings{
      finding("dropping-table", "/project/migrations/legacy/old/1.sql"),
      finding("dropping-column", "/project/migrations/legacy/old/1.sql"),
      finding("dropping-column", "/project/migrations/2.sql"),
      finding("unqualified-table-name", "/project/migrations/2.sql"),
      finding("unqualified-table-name", "/project/migrations/strict/3.sql"),
  };
  apply_settings_to_findings(settings, findings);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].rule == "dropping-column");
  CHECK(findings[0].severity == Severity::info);     // the override's severity
  CHECK(findings[1].severity == Severity::warning);  // the global one
  CHECK(findings[2].location.file == "/project/migrations/strict/3.sql");
}

TEST_CASE("--select on the command line wins over path selects, not over path ignores") {
  Config config = config_from(
      "[[overrides]]\npaths = [\"legacy/**\"]\nignore = [\"dropping-table\"]\n"
      "[[overrides]]\npaths = [\"strict/**\"]\nselect = [\"renaming-table\"]\n"
      "[overrides.severity]\ndropping-table = \"info\"\n");
  LintFlags flags;
  flags.select = {"dropping-table"};
  LintSettings settings = resolve_lint_settings(flags, config);
  CHECK_FALSE(settings.enabled_for("/project/legacy/1.sql", "dropping-table"));
  CHECK(settings.enabled_for("/project/strict/1.sql", "dropping-table"));
  CHECK_FALSE(settings.enabled_for("/project/strict/1.sql", "renaming-table"));
  std::vector<Finding> findings{finding("dropping-table", "/project/strict/1.sql")};
  apply_settings_to_findings(settings, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::info);
}

TEST_CASE(
    "select narrows the statement rules; project and round-trip checks go only when ignored") {
  Config config = config_from(
      "select = [\"dropping-table\"]\nignore = [\"vague-migration-message\"]\n"
      "[severity]\ndowngrade-not-checked = \"warning\"\n"
      "[[overrides]]\npaths = [\"legacy/**\"]\nselect = [\"renaming-table\"]\n");
  LintSettings settings = resolve_lint_settings(LintFlags{}, config);
  CHECK(runs(settings, "dropping-table"));
  CHECK_FALSE(runs(settings, "dropping-column"));
  CHECK_FALSE(runs(settings, "multiple-heads"));  // not a statement rule: the linter never runs it
  std::vector<Finding> findings{
      finding("multiple-heads", "/project/versions/b.py"),
      finding("roundtrip-mismatch", "/project/legacy/a.py"),
      finding("vague-migration-message", "/project/versions/b.py"),
      finding("downgrade-not-checked", "/project/versions/b.py"),
      finding("dropping-column", "/project/versions/b.py"),
  };
  apply_settings_to_findings(settings, findings);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].rule == "multiple-heads");
  CHECK(findings[1].rule == "roundtrip-mismatch");
  CHECK(findings[2].rule == "downgrade-not-checked");
  CHECK(findings[2].severity == Severity::warning);
}

TEST_CASE("exclude globs drop files relative to the configuration's directory") {
  Config config = config_from("exclude = [\"migrations/legacy/**\", \"*.down.sql\"]\n");
  LintSettings settings = resolve_lint_settings(LintFlags{}, config);
  CHECK(settings.excluded("/project/migrations/legacy/0001_init.sql"));
  CHECK(settings.excluded("/project/db/0002_users.down.sql"));
  CHECK_FALSE(settings.excluded("/project/migrations/0003_orders.sql"));
  CHECK_FALSE(settings.excluded("/elsewhere/migrations/legacy/0001_init.sql"));
  std::vector<Finding> findings{finding("dropping-table", "/project/migrations/legacy/1.sql"),
                                finding("dropping-table", "/project/migrations/1.sql")};
  apply_settings_to_findings(settings, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].location.file == "/project/migrations/1.sql");
}

TEST_CASE("globs: * within a segment, ** across segments, bare names at any depth") {
  CHECK(glob_matches("migrations/legacy/**", "migrations/legacy/a/b.sql"));
  CHECK(glob_matches("migrations/legacy", "migrations/legacy/b.sql"));  // a directory
  CHECK_FALSE(glob_matches("migrations/legacy/**", "migrations/legacy_2/b.sql"));
  CHECK(glob_matches("migrations/*.sql", "migrations/1.sql"));
  CHECK_FALSE(glob_matches("migrations/*.sql", "migrations/sub/1.sql"));
  CHECK(glob_matches("**/*.sql", "migrations/sub/1.sql"));
  CHECK(glob_matches("**/*.sql", "1.sql"));
  CHECK(glob_matches("*.down.sql", "db/x/0002_users.down.sql"));
  CHECK(glob_matches("legacy", "db/legacy/1.sql"));
  CHECK(glob_matches("0?_init.sql", "db/01_init.sql"));
  CHECK_FALSE(glob_matches("0?_init.sql", "db/001_init.sql"));
  CHECK(glob_matches("./db/*.sql", "db/1.sql"));
  CHECK(glob_matches("db/**/seed/*.sql", "db/seed/1.sql"));
  CHECK(glob_matches("db/**/seed/*.sql", "db/a/b/seed/1.sql"));
}

TEST_CASE("[roundtrip] setup files are relative to the configuration and reach the settings") {
  auto setup_of = [](const std::string& text, const std::string& table) {
    auto config = parse_migcheck_config(text, "/project/ci/conf.toml", table);
    REQUIRE(config);
    return resolve_lint_settings(LintFlags{}, *config).roundtrip_setup;
  };
  std::vector<std::filesystem::path> expected = {"/project/ci/roles.sql", "/project/db/auth.sql"};
  CHECK(setup_of("[roundtrip]\nsetup = [\"roles.sql\", \"../db/auth.sql\"]\n", "") == expected);
  CHECK(setup_of("[tool.migcheck.roundtrip]\nsetup = [\"roles.sql\", \"../db/auth.sql\"]\n",
                 "tool.migcheck") == expected);
}
