#include <doctest/doctest.h>

#include <algorithm>

#include "tests/ci/report_fixture.h"

namespace migcheck::testing {

namespace {

// The number of cell separators in a table row: '|' not escaped with '\'.
size_t unescaped_pipes(const std::string& row) {
  size_t count = 0;
  for (size_t i = 0; i < row.size(); ++i) count += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
  return count;
}

std::vector<std::string> table_rows(const std::string& markdown) {
  std::vector<std::string> rows;
  for (const std::string& line : split_lines(markdown)) {
    if (line.starts_with("| ") && !line.starts_with("| Severity") && !line.starts_with("| ---")) {
      rows.push_back(line);
    }
  }
  return rows;
}

}  // namespace

TEST_SUITE("test_ci") {
  TEST_CASE("markdown: heading, status, a table of findings with links, the help") {
    std::string markdown = render(OutputFormat::markdown, sample_report(),
                                  {.link_base = "https://github.com/o/r/blob/abc/"});
    std::vector<std::string> lines = split_lines(markdown);
    REQUIRE(lines.size() > 4);
    CHECK(lines[0] == "## migcheck");
    CHECK(lines[2] == "❌ **Failed**: 4 findings (2 errors, 1 warning, 1 info) in 3 files");

    std::vector<std::string> expected = {
        "| 🔵 info | single-head | "
        "[alembic/versions/abc123\\_x.py](https://github.com/o/r/blob/abc/alembic/versions/"
        "abc123_x.py)<br>revision abc123 | Revision abc123 is the only head.<br>Observed: "
        "lock=ACCESS EXCLUSIVE, rewrite=yes |",
        std::string(
            "| 🔴 error | adding-not-null-column | "
            "[db/001\\_users.sql:2](https://github.com/o/r/blob/abc/db/001_users.sql#L2) | ") +
            kNotNullMessage + " |",
        std::string(
            "| 🔴 error | adding-not-null-column | "
            "[db/001\\_users.sql:4](https://github.com/o/r/blob/abc/db/001_users.sql#L4) | ") +
            kNotNullMessage + " |",
        // The line break in the message stays inside the cell; the link
        // encodes the path and spans the finding's lines.
        "| 🟡 warning | renaming-column | [db/002 odd,name:v2.sql:1](https://github.com/o/r/blob/"
        "abc/db/002%20odd%2Cname%3Av2.sql#L1-L3) | Renaming \"a\" to \"b\": 100% of old readers "
        "break,<br>so deploy code first. |",
    };
    CHECK(table_rows(markdown) == expected);

    // Each rule's help once, folded.
    CHECK(std::count(lines.begin(), lines.end(),
                     "<summary>How to fix adding-not-null-column</summary>") == 1);
    CHECK(std::find(lines.begin(), lines.end(), "1. Add the column nullable.  ") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "2. Backfill, then set NOT NULL.") != lines.end());
  }

  TEST_CASE("markdown: without a base URL, locations are plain text") {
    std::vector<std::string> rows = table_rows(render(OutputFormat::markdown, sample_report()));
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].find("| db/001\\_users.sql:2 |") != std::string::npos);
  }

  TEST_CASE("markdown: pipes and line breaks cannot break a table row") {
    Report report;
    report.findings.push_back(make_finding(
        "r", Severity::error, "a | b\r\nc `d|_` *e* <f> [g](h) `", "", {"x|y.sql", 1, 1, 1, 2}));
    std::vector<std::string> rows = table_rows(render(OutputFormat::markdown, report));
    REQUIRE(rows.size() == 1);
    CHECK(unescaped_pipes(rows[0]) == 5);
    CHECK(rows[0] ==
          "| 🔴 error | r | x\\|y.sql:1 | a \\| b<br>c <code>d\\|\\_</code> \\*e\\* \\<f\\> "
          "\\[g\\](h) \\` |");
  }

  TEST_CASE("markdown: a passing run, and a combined run's checks") {
    Report report;
    report.files_checked = 2;
    report.checks = {{"heads", CheckStatus::passed, 0, 0.5, ""},
                     {"roundtrip", CheckStatus::skipped, 0, std::nullopt, "--no-roundtrip"}};
    std::vector<std::string> lines = split_lines(render(OutputFormat::markdown, report));
    std::vector<std::string> expected = {
        "## migcheck",
        "",
        "✅ **Passed**: No findings in 2 files",
        "",
        "| Check | Status | Findings | Time | Note |",
        "| --- | --- | ---: | ---: | --- |",
        "| heads | ✅ passed | 0 | 0.50 s |  |",
        "| roundtrip | ⏭️ skipped | – | – | --no-roundtrip |",
        "",  // a blank line ends the table, so whatever is appended next stays apart
    };
    CHECK(lines == expected);
  }

  TEST_CASE("markdown: a long table is cut and says so") {
    Report report;
    for (int i = 1; i <= 250; ++i) {
      report.findings.push_back(
          make_finding("r", Severity::warning, "m", "", {"a.sql", i, 1, i, 2}));
    }
    std::string markdown = render(OutputFormat::markdown, report);
    CHECK(table_rows(markdown).size() == 200);
    CHECK(markdown.find("_50 more findings not shown._") != std::string::npos);
    CHECK(markdown.find("✅ **Passed**: 250 findings (250 warnings)") != std::string::npos);
  }
}

}  // namespace migcheck::testing
