#include <doctest/doctest.h>

#include <filesystem>

#include "tests/ci/report_fixture.h"

namespace migcheck::testing {

TEST_SUITE("test_ci") {
  TEST_CASE("github: one workflow command per finding, data and properties escaped") {
    std::vector<std::string> lines = split_lines(render(OutputFormat::github, sample_report()));
    std::vector<std::string> expected = {
        // A finding about a whole file: no line, the revision and evidence in the text.
        "::notice file=alembic/versions/abc123_x.py,title=single-head::Revision abc123 is the "
        "only head.%0ARevision: abc123%0AObserved: lock=ACCESS EXCLUSIVE, rewrite=yes",
        std::string("::error file=db/001_users.sql,line=2,col=22,endLine=2,endColumn=51,"
                    "title=adding-not-null-column::") +
            kNotNullMessage + "%0A1. Add the column nullable.%0A2. Backfill, then set NOT NULL.",
        std::string("::error file=db/001_users.sql,line=4,col=15,endLine=4,endColumn=44,"
                    "title=adding-not-null-column::") +
            kNotNullMessage + "%0A1. Add the column nullable.%0A2. Backfill, then set NOT NULL.",
        // ',' and ':' are escaped in the file property only; a range over
        // several lines carries no columns (GitHub ignores them there).
        "::warning file=db/002 odd%2Cname%3Av2.sql,line=1,endLine=3,title=renaming-column::"
        "Renaming \"a\" to \"b\": 100%25 of old readers break,%0Aso deploy code first."
        "%0AAdd the new column and backfill.",
        "4 findings (2 errors, 1 warning, 1 info) in 3 files",
    };
    CHECK(lines == expected);
  }

  TEST_CASE("github: carriage returns and percent signs cannot break the command") {
    Report report;
    report.files_checked = 1;
    report.findings.push_back(
        make_finding("r:x,y", Severity::error, "a\r\nb %0A", "", {"100%.sql", 3, 1, 3, 1}));
    std::vector<std::string> lines = split_lines(render(OutputFormat::github, report));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] ==
          "::error file=100%25.sql,line=3,col=1,endLine=3,title=r%3Ax%2Cy::a%0D%0Ab %250A");
  }

  TEST_CASE("github: absolute paths below the working directory become repository paths") {
    Report report;
    std::string absolute = (std::filesystem::current_path() / "db" / "x.sql").string();
    report.findings.push_back(
        make_finding("r", Severity::warning, "m", "", {absolute, 1, 1, 1, 2}));
    CHECK(split_lines(render(OutputFormat::github, report))[0] ==
          "::warning file=db/x.sql,line=1,col=1,endLine=1,endColumn=2,title=r::m");
  }
}

}  // namespace migcheck::testing
