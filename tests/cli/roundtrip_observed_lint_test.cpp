// A traced round trip lints what really ran: SQL an Alembic revision builds at
// run time from what the database holds (in a loop, in a helper through
// op.get_bind().execute(text(...)), through an ORM session), which static
// reading cannot see, gets its findings at the `.py` line that ran it, and the
// unresolved-operation notes for those lines are gone.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/shop.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

constexpr const char* kRevision = "f00000000002";

// Each line numbered: the findings must point at these.
constexpr const char* kRuntimeSqlRevision =
    "\"\"\"index and flag the tables a query names\"\"\"\n"                            // 1
    "from alembic import op\n"                                                         // 2
    "import sqlalchemy as sa\n"                                                        // 3
    "from sqlalchemy.orm import Session\n"                                             // 4
    "\n"                                                                               // 5
    "revision = \"f00000000002\"\n"                                                    // 6
    "down_revision = \"e4b8d0f5c2a9\"\n"                                               // 7
    "\n"                                                                               // 8
    "\n"                                                                               // 9
    "def add_flag(bind, table):\n"                                                     // 10
    "    bind.execute(sa.text(f\"ALTER TABLE {table} ADD COLUMN flagged \"\n"          // 11
    "                         \"timestamptz DEFAULT clock_timestamp()\"))\n"           // 12
    "\n"                                                                               // 13
    "\n"                                                                               // 14
    "def upgrade():\n"                                                                 // 15
    "    bind = op.get_bind()\n"                                                       // 16
    "    tables = [row[0] for row in bind.execute(sa.text(\"SELECT 'products'\"))]\n"  // 17
    "    for table in tables:\n"                                                       // 18
    "        op.execute(f\"CREATE INDEX {table}_name_idx ON {table} (name)\")\n"       // 19
    "    add_flag(bind, tables[0])\n"                                                  // 20
    "    session = Session(bind=bind)\n"                                               // 21
    "    session.execute(sa.text(f\"DELETE FROM {tables[0]}\"))\n"                     // 22
    "\n"                                                                               // 23
    "\n"                                                                               // 24
    "def downgrade():\n"                                                               // 25
    "    op.execute(\"ALTER TABLE products DROP COLUMN flagged\")\n"                   // 26
    "    op.execute(\"DROP INDEX products_name_idx\")\n";                              // 27

// Where each finding only the trace can give must be.
struct Expected {
  const char* rule;
  int line;
};
constexpr Expected kObserved[] = {
    {"creating-index-non-concurrently", 19},      // the loop
    {"adding-column-with-volatile-default", 11},  // the helper, via get_bind().execute(text())
    {"unbounded-update-or-delete", 22},           // the ORM session
};

std::filesystem::path shop_with_runtime_sql(const TempDir& dir) {
  auto shop = copy_shop(dir);
  write_file(shop / "migrations/versions/f00000000002_runtime.py", kRuntimeSqlRevision);
  return shop;
}

// The findings of `rule` at `line` of the revision, and whether the last was observed.
int count_at(const nlohmann::json& report, const std::string& rule, int line,
             bool* observed = nullptr) {
  int count = 0;
  for (const auto& finding : report["findings"]) {
    const auto& location = finding["location"];
    if (finding["rule"] != rule || location["line"] != line ||
        location["file"] != "migrations/versions/f00000000002_runtime.py") {
      continue;
    }
    ++count;
    if (observed) *observed = finding.value("observed", false);
  }
  return count;
}

// The unresolved-operation notes in the revision's upgrade (lines 16-22).
int unresolved_in_upgrade(const nlohmann::json& report) {
  int count = 0;
  for (int line = 16; line <= 22; ++line) count += count_at(report, "unresolved-operation", line);
  return count;
}

}  // namespace

TEST_CASE("static lint cannot see the SQL built at run time: unresolved-operation notes") {
  TempDir dir;
  auto shop = shop_with_runtime_sql(dir);
  auto lint = run_migcheck_in(shop, "lint --format json");
  INFO(lint.out, lint.err);
  nlohmann::json report = nlohmann::json::parse(lint.out);
  CHECK(unresolved_in_upgrade(report) >= 3);
  for (const Expected& expected : kObserved) {
    CHECK_MESSAGE(count_at(report, expected.rule, expected.line) == 0, expected.rule);
  }
}

TEST_CASE("pre-deploy-check --trace lints what ran, at the .py lines, and drops the notes") {
  TempDir dir;
  auto shop = shop_with_runtime_sql(dir);
  auto result = run_migcheck_in(
      shop, std::string("pre-deploy-check --trace --format json --from ") + kRevision);
  INFO(result.out, result.err);
  REQUIRE(result.exit_code != 2);
  nlohmann::json report = nlohmann::json::parse(result.out);
  for (const Expected& expected : kObserved) {
    bool observed = false;
    CHECK_MESSAGE(count_at(report, expected.rule, expected.line, &observed) == 1, expected.rule);
    CHECK_MESSAGE(observed, expected.rule);
  }
  CHECK(unresolved_in_upgrade(report) == 0);

  // Without the trace, the notes stay and nothing is observed.
  auto untraced = run_migcheck_in(
      shop, std::string("pre-deploy-check --no-trace --format json --from ") + kRevision);
  nlohmann::json plain = nlohmann::json::parse(untraced.out);
  CHECK(unresolved_in_upgrade(plain) >= 3);
  for (const Expected& expected : kObserved) {
    CHECK_MESSAGE(count_at(plain, expected.rule, expected.line) == 0, expected.rule);
  }
}

TEST_CASE("roundtrip --trace reports what only the trace saw, not the static findings again") {
  TempDir dir;
  auto shop = shop_with_runtime_sql(dir);
  auto result =
      run_migcheck_in(shop, std::string("roundtrip --trace --format json --from ") + kRevision);
  INFO(result.out, result.err);
  REQUIRE(result.exit_code != 2);
  nlohmann::json report = nlohmann::json::parse(result.out);
  for (const Expected& expected : kObserved) {
    bool observed = false;
    CHECK_MESSAGE(count_at(report, expected.rule, expected.line, &observed) == 1, expected.rule);
    CHECK_MESSAGE(observed, expected.rule);
  }
  for (const auto& finding : report["findings"]) {
    CHECK(finding["rule"] != "unresolved-operation");
  }
}
