// Inline suppressions as a filter over findings. Findings are placed where the
// rules put them (the offending clause); the end-to-end runs with real rules
// are in tests/cli/lint_config_test.cpp.
#include "linter/suppressions.h"

#include <doctest/doctest.h>

#include "linter/input_error.h"
#include "linter/sql_file.h"

using namespace migcheck;

namespace {

SuppressionNames names() {
  SuppressionNames names;
  names.known = [](std::string_view id) {
    return id == "dropping-column" || id == "dropping-table" || id == "renaming-column" ||
           id == "adding-foreign-key" || id == "unused-suppression";
  };
  names.from_squawk = [](std::string_view name) -> std::optional<std::vector<std::string>> {
    if (name == "ban-drop-column") return std::vector<std::string>{"dropping-column"};
    if (name == "require-enum-value-ordering") return std::vector<std::string>{};
    return std::nullopt;
  };
  return names;
}

Finding finding(const std::string& rule, int line, int column = 1) {
  Finding f;
  f.rule = rule;
  f.location = {"m.sql", line, column, line, column + 4};
  return f;
}

bool all_enabled(const std::string&, std::string_view) {
  return true;
}

// Lints nothing: runs the suppressions of `sql` over `findings` and returns
// what is left, as "rule@line".
std::vector<std::string> remaining(const std::string& sql, std::vector<Finding> findings,
                                   const RuleEnabledForFile& enabled = all_enabled) {
  Suppressions suppressions(names());
  suppressions.add_unit(sql_unit_for_file(SourceFile::make("m.sql", sql), true));
  suppressions.apply(findings, enabled);
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.rule + "@" + std::to_string(f.location.line));
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("an ignore on the statement's line or the line above suppresses that rule only") {
  std::string sql =
      "ALTER TABLE a DROP COLUMN x; -- migcheck:ignore dropping-column moved to b\n"
      "-- migcheck:ignore dropping-column,renaming-column legacy cleanup\n"
      "ALTER TABLE b DROP COLUMN y;\n"
      "ALTER TABLE c DROP COLUMN z;\n"
      "DROP TABLE d; -- migcheck:ignore dropping-column wrong rule\n";
  auto left = remaining(sql, {finding("dropping-column", 1, 15), finding("dropping-column", 3, 15),
                              finding("dropping-column", 4, 15), finding("dropping-table", 5, 1)});
  // The trailing comment on line 1 does not reach line 2's statement, the one
  // on line 2 does not reach line 4, and a comment naming another rule keeps
  // the finding and is itself stale. Line 2 named renaming-column needlessly.
  CHECK(left == Lines{"dropping-column@4", "dropping-table@5", "unused-suppression@2",
                      "unused-suppression@5"});
}

TEST_CASE("an ignore above a multi-line statement covers a finding on its later lines") {
  std::string sql =
      "-- migcheck:ignore adding-foreign-key validated by the nightly job\n"
      "ALTER TABLE orders\n"
      "  ADD CONSTRAINT orders_user_fk\n"
      "  FOREIGN KEY (user_id) REFERENCES users (id);\n"
      "ALTER TABLE items\n"
      "  ADD CONSTRAINT items_order_fk\n"
      "  FOREIGN KEY (order_id) REFERENCES orders (id);\n";
  auto left =
      remaining(sql, {finding("adding-foreign-key", 3, 3), finding("adding-foreign-key", 6, 3)});
  CHECK(left == Lines{"adding-foreign-key@6"});
}

TEST_CASE("an ignore inside a statement covers that statement") {
  std::string sql =
      "ALTER TABLE t\n"
      "  DROP COLUMN a, -- migcheck:ignore dropping-column both are unused\n"
      "  DROP COLUMN b;\n";
  CHECK(
      remaining(sql, {finding("dropping-column", 2, 3), finding("dropping-column", 3, 3)}).empty());
}

TEST_CASE("ignore-file covers every finding of its rules in the file") {
  std::string sql =
      "-- migcheck:ignore-file dropping-table this file retires the old schema\n"
      "DROP TABLE a;\n\n\nDROP TABLE b;\nALTER TABLE c DROP COLUMN d;\n";
  auto left = remaining(sql, {finding("dropping-table", 2), finding("dropping-table", 5),
                              finding("dropping-column", 6, 15)});
  CHECK(left == Lines{"dropping-column@6"});
}

TEST_CASE("a comment that only mentions a marker is not a suppression") {
  std::string sql =
      "-- we do not use migcheck:ignore here\n"
      "-- migcheck:ignored dropping-table\n"
      "SELECT '-- migcheck:ignore dropping-table';\n"
      "DROP TABLE a;\n";
  CHECK(remaining(sql, {finding("dropping-table", 4)}) == Lines{"dropping-table@4"});
}

TEST_CASE("squawk-ignore maps squawk's rule names, and a bare one ignores every rule") {
  std::string sql =
      "-- squawk-ignore ban-drop-column\n"
      "ALTER TABLE a DROP COLUMN x;\n"
      "-- squawk-ignore\n"
      "DROP TABLE b;\n"
      "-- squawk-ignore require-enum-value-ordering\n"
      "ALTER TYPE e ADD VALUE 'x';\n"
      "-- squawk-ignore renaming-column\n"
      "ALTER TABLE c RENAME COLUMN p TO q;\n";
  // A squawk rule with no counterpart here is accepted and never stale; a
  // migcheck id is accepted in a squawk comment too.
  auto left = remaining(sql, {finding("dropping-column", 2, 15), finding("dropping-table", 4),
                              finding("renaming-column", 8, 15)});
  CHECK(left.empty());
}

TEST_CASE("squawk-ignore-file without names ignores the whole file, and is stale when empty") {
  CHECK(remaining("-- squawk-ignore-file\nDROP TABLE a;\nDROP TABLE b;\n",
                  {finding("dropping-table", 2), finding("dropping-table", 3)})
            .empty());
  CHECK(remaining("-- squawk-ignore-file\nSELECT 1;\n", {}) == Lines{"unused-suppression@1"});
}

TEST_CASE("an ignore of a rule that is not enabled for the file is not reported as unused") {
  std::string sql = "-- migcheck:ignore dropping-column\nSELECT 1;\n";
  auto only_tables = [](const std::string&, std::string_view rule) {
    return rule == "dropping-table";
  };
  CHECK(remaining(sql, {}, only_tables).empty());
  CHECK(remaining(sql, {}) == Lines{"unused-suppression@1"});
}

TEST_CASE("the unused-suppression finding points at the comment and names the stale rules") {
  Suppressions suppressions(names());
  suppressions.add_unit(sql_unit_for_file(
      SourceFile::make("m.sql",
                       "SELECT 1;\n  -- migcheck:ignore dropping-table, renaming-column\n"
                       "DROP TABLE t;\n"),
      true));
  std::vector<Finding> findings{finding("dropping-table", 3)};
  suppressions.apply(findings, all_enabled);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "unused-suppression");
  CHECK(findings[0].severity == Severity::warning);
  CHECK(findings[0].location.line == 2);
  CHECK(findings[0].location.column == 3);
  CHECK(findings[0].message.find("renaming-column") != std::string::npos);
  CHECK(findings[0].message.find("dropping-table") == std::string::npos);
}

TEST_CASE("an unknown rule id or an ignore naming no rule is an input error with its position") {
  Suppressions suppressions(names());
  auto unit = [](const std::string& sql) {
    return sql_unit_for_file(SourceFile::make("db/m.sql", sql), true);
  };
  CHECK_THROWS_WITH_AS(
      suppressions.add_unit(unit("SELECT 1;\n-- migcheck:ignore dropping-table, droping-column\n")),
      "db/m.sql:2:36: migcheck:ignore names unknown rule 'droping-column' (migcheck rules lists "
      "them)",
      InputError);
  CHECK_THROWS_WITH_AS(suppressions.add_unit(unit("-- migcheck:ignore\nDROP TABLE t;\n")),
                       "db/m.sql:1:1: migcheck:ignore names no rule (write the rule ids to "
                       "ignore, comma-separated)",
                       InputError);
  CHECK_THROWS_AS(suppressions.add_unit(unit("-- squawk-ignore no-such-squawk-rule\nSELECT 1;\n")),
                  InputError);
}

TEST_CASE("a file-wide ignore repeated in several units of one file counts once") {
  auto file = SourceFile::make("m.sql", "-- migcheck:ignore-file dropping-table\nDROP TABLE a;\n");
  Suppressions suppressions(names());
  suppressions.add_unit(sql_unit_for_file(file, true));
  suppressions.add_unit(sql_unit_for_file(file, true));
  std::vector<Finding> findings{finding("dropping-table", 2)};
  suppressions.apply(findings, all_enabled);
  CHECK(findings.empty());
}

TEST_CASE("a file with a syntax error is not judged for unused suppressions") {
  std::string sql = "SELEC 1;\n-- migcheck:ignore dropping-table\nDROP TABLE t;\n";
  CHECK(remaining(sql, {finding("syntax-error", 1)}) == Lines{"syntax-error@1"});
}
