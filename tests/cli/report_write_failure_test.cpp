// A report that cannot be written is an error, whatever the command and
// format: exit 2 with the reason, never 0 (or 1) over a lost report.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// A tiny golang-migrate project, an unsafe file and a clean one.
void write_inputs(const TempDir& dir) {
  write_file(dir / "clean.sql", "SELECT 1;\n");
  write_file(dir / "unsafe.sql", "ALTER TABLE users DROP COLUMN email;\n");
  write_file(dir / "db/1_create.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  write_file(dir / "db/1_create.down.sql", "DROP TABLE users;\n");
  write_file(dir / "db/2_index.up.sql", "CREATE INDEX CONCURRENTLY users_id ON users (id);\n");
  write_file(dir / "db/2_index.down.sql", "DROP INDEX CONCURRENTLY users_id;\n");
}

}  // namespace

TEST_CASE("a report that cannot be written to standard output exits 2 and says why") {
  TempDir dir;
  write_inputs(dir);
  struct Run {
    std::string arguments;
    int exit_code;  // when the report is written
  };
  for (const Run& run : std::vector<Run>{{"lint --format json clean.sql", 0},
                                         {"lint --format sarif clean.sql", 0},
                                         {"lint --format text unsafe.sql", 1},
                                         {"lint --format junit unsafe.sql", 1},
                                         {"rules", 0},
                                         {"rules --format json", 0},
                                         {"heads --project db", 0},
                                         {"heads --project db --format json", 0},
                                         {"history --project db", 0}}) {
    CAPTURE(run.arguments);
    auto written = run_migcheck_in(dir.path(), run.arguments);
    CHECK(written.exit_code == run.exit_code);
    CHECK(!written.out.empty());
    auto lost = run_migcheck_in(dir.path(), run.arguments + " >/dev/full");
    CHECK(lost.exit_code == 2);
    CHECK(lost.err ==
          "migcheck: error writing the report to standard output: No space left on device\n");
  }
}

// A report far larger than the output buffer (64 KB) goes out in blocks that
// bypass it: they must arrive whole and in order after what was buffered, and
// a failed write must still be reported.
TEST_CASE("a report larger than the output buffer arrives whole and in order, or fails with 2") {
  TempDir dir;
  std::string sql;
  constexpr int kStatements = 600;  // ~1 KB of JSON each
  for (int i = 1; i <= kStatements; ++i) {
    sql += "ALTER TABLE users DROP COLUMN c" + std::to_string(i) + ";\n";
  }
  write_file(dir / "many_drops.sql", sql);
  auto written = run_migcheck_in(dir.path(), "lint --format json many_drops.sql");
  CHECK(written.exit_code == 1);
  REQUIRE(written.out.size() > 4 * 64 * 1024);
  auto report = nlohmann::json::parse(written.out);
  std::vector<int> lines;
  for (const auto& finding : report["findings"]) {
    if (finding["rule"] == "dropping-column") lines.push_back(finding["location"]["line"]);
  }
  REQUIRE(lines.size() == kStatements);
  for (int i = 0; i < kStatements; ++i) CHECK(lines[i] == i + 1);
  auto lost = run_migcheck_in(dir.path(), "lint --format json many_drops.sql >/dev/full");
  CHECK(lost.exit_code == 2);
  CHECK(lost.err ==
        "migcheck: error writing the report to standard output: No space left on device\n");
}
