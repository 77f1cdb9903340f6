#include <doctest/doctest.h>

#include <algorithm>

#include "ci/report_snippet.h"
#include "tests/ci/report_fixture.h"

namespace migcheck::testing {

TEST_SUITE("test_ci") {
  TEST_CASE("text: every finding, its source line underlined, its help, a closing count") {
    std::vector<std::string> lines = split_lines(render(OutputFormat::text, sample_report()));
    // Line 2 is "\tALTER TABLE \"usérs\" ADD ...": the tab expands to 4 cells,
    // then 12 + 8 single-cell characters precede ADD, so the caret sits below
    // cell 24; the clause has 29 characters.
    std::vector<std::string> expected = {
        "alembic/versions/abc123_x.py  info  single-head  Revision abc123 is the only head.",
        "  revision: abc123",
        "  observed: lock=ACCESS EXCLUSIVE, rewrite=yes",
        "",
        std::string("db/001_users.sql:2:22  error  adding-not-null-column  ") + kNotNullMessage,
        "  2 |     ALTER TABLE \"usérs\" ADD COLUMN note text NOT NULL;",
        "    | " + std::string(24, ' ') + "^" + std::string(28, '~'),
        "  help: 1. Add the column nullable.",
        "        2. Backfill, then set NOT NULL.",
        "",
        std::string("db/001_users.sql:4:15  error  adding-not-null-column  ") + kNotNullMessage,
        "  4 | ALTER TABLE t ADD COLUMN note text NOT NULL;",
        "    | " + std::string(14, ' ') + "^" + std::string(28, '~'),
        "  help: 1. Add the column nullable.",
        "        2. Backfill, then set NOT NULL.",
        "",
        "db/002 odd,name:v2.sql:1:1  warning  renaming-column  Renaming \"a\" to \"b\": 100% of "
        "old readers break,",
        "  so deploy code first.",
        // The range continues on later lines: underlined to the end of the first.
        "  1 | ALTER TABLE t",
        "    | ^" + std::string(12, '~'),
        "  help: Add the new column and backfill.",
        "",
        "4 findings (2 errors, 1 warning, 1 info) in 3 files",
    };
    CHECK(lines == expected);
  }

  TEST_CASE("text: the caret lands under the located clause in the displayed line") {
    std::string out = render(OutputFormat::text, sample_report());
    std::vector<std::string> lines = split_lines(out);
    auto code = std::find(lines.begin(), lines.end(),
                          "  2 |     ALTER TABLE \"usérs\" ADD COLUMN note text NOT NULL;");
    REQUIRE(code != lines.end());
    // Count display cells (code points here) up to "ADD" and up to the caret.
    auto cells = [](std::string_view text) {
      size_t n = 0;
      for (unsigned char c : text) n += (c & 0xC0) != 0x80;
      return n;
    };
    size_t add = cells(code->substr(0, code->find("ADD")));
    size_t caret = cells((code + 1)->substr(0, (code + 1)->find('^')));
    CHECK(add == caret);
  }

  TEST_CASE("text: colour only when asked") {
    Report report = sample_report();
    std::string plain = render(OutputFormat::text, report);
    CHECK(plain.find('\x1b') == std::string::npos);
    std::string colored = render(OutputFormat::text, report, {.color = true});
    CHECK(colored.find("\x1b[1;31merror\x1b[0m") != std::string::npos);
    CHECK(colored.find("\x1b[1;33mwarning\x1b[0m") != std::string::npos);
    CHECK(colored.find("\x1b[1mdb/001_users.sql:2:22\x1b[0m") != std::string::npos);
  }

  TEST_CASE("text: no findings") {
    Report report;
    report.files_checked = 1;
    CHECK(render(OutputFormat::text, report) == "No findings in 1 file\n");
    report.files_checked = 4;
    CHECK(render(OutputFormat::text, report) == "No findings in 4 files\n");
  }

  TEST_CASE("text: one finding is singular") {
    Report report;
    report.files_checked = 1;
    report.findings.push_back(
        make_finding("dropping-table", Severity::error, "Dropping t.", "", {"a.sql", 1, 1, 1, 2}));
    CHECK(split_lines(render(OutputFormat::text, report)).back() ==
          "1 finding (1 error) in 1 file");
  }

  TEST_CASE("text: a combined run shows its checks as a table") {
    Report report;
    report.files_checked = 2;
    report.checks = {{"heads", CheckStatus::passed, 0, 0.012, ""},
                     {"lint", CheckStatus::failed, 3, 1.5, ""},
                     {"roundtrip", CheckStatus::skipped, 0, std::nullopt, "--no-roundtrip"}};
    std::vector<std::string> lines = split_lines(render(OutputFormat::text, report));
    std::vector<std::string> expected = {
        "check      status   findings  time",
        "heads      passed   0         0.01 s",
        "lint       failed   3         1.50 s",
        "roundtrip  skipped  -         -       --no-roundtrip",
        "",
        "No findings in 2 files",
    };
    CHECK(lines == expected);
  }

  TEST_CASE("snippet: tabs expand to the next stop in both lines") {
    // "a" then a tab: the tab fills cells 1-3, so "b" (column 3) is at cell 4.
    Snippet snippet = make_snippet("a\tb\tcd", 3, 4, 200);
    CHECK(snippet.code == "a   b   cd");
    CHECK(snippet.underline == "    ^");
    snippet = make_snippet("a\tb\tcd", 2, 6, 200);  // tab, b, tab, c: 3 + 1 + 3 + 1 cells
    CHECK(snippet.underline == " ^" + std::string(7, '~'));
  }

  TEST_CASE("snippet: wide characters take two cells, combining marks none") {
    // 日本 are two cells each: 7 cells precede x (column 6).
    Snippet snippet = make_snippet("'日本' x", 6, 7, 200);
    CHECK(snippet.underline == std::string(7, ' ') + "^");
    // e + combining acute is one cell; "y" is column 3 but cell 1.
    snippet = make_snippet("e\xCC\x81y", 3, 4, 200);
    CHECK(snippet.underline == " ^");
    snippet = make_snippet("'日本'", 2, 4, 200);  // underline the two wide characters
    CHECK(snippet.underline == " ^~~~");
  }

  TEST_CASE("snippet: degenerate ranges still point somewhere") {
    CHECK(make_snippet("abc", 2, 2, 200).underline == " ^");    // empty range: one column
    CHECK(make_snippet("abc", 4, 5, 200).underline == "   ^");  // at the end of the line
    CHECK(make_snippet("abc", 2, 0, 200).underline == " ^~");   // to the end of the line
    CHECK(make_snippet("", 1, 2, 200).underline == "^");
  }

  TEST_CASE("snippet: control characters are not passed to the terminal") {
    Snippet snippet = make_snippet("a\x1b[2Jb", 6, 7, 200);
    CHECK(snippet.code == "a?[2Jb");
    CHECK(snippet.underline == "     ^");
  }

  TEST_CASE("snippet: a long line is cut to a window around the range") {
    std::string line = std::string(500, 'x') + "TARGET" + std::string(500, 'y');
    Snippet snippet = make_snippet(line, 501, 507, 80);
    CHECK(snippet.code.size() <= 80);
    CHECK(snippet.code.starts_with("..."));
    CHECK(snippet.code.ends_with("..."));
    size_t target = snippet.code.find("TARGET");
    REQUIRE(target != std::string::npos);
    CHECK(snippet.underline == std::string(target, ' ') + "^" + std::string(5, '~'));
  }
}

}  // namespace migcheck::testing
