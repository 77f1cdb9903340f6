// A traced round trip lints what really ran: SQL an Alembic revision builds at
// run time from what the database holds, which static reading cannot see, gets
// its findings at the `.py` line that ran it, and the unresolved-operation
// note for that line is gone.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/shop.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

constexpr const char* kRevision = "f00000000002";
constexpr int kLoopLine = 15;  // the op.execute in the loop body

// The shop with a revision that indexes the tables a query names: the SQL
// exists only at run time.
std::filesystem::path shop_with_runtime_sql(const TempDir& dir) {
  auto shop = copy_shop(dir);
  add_shop_revision(
      shop, kRevision, kShopHead,
      "bind = op.get_bind()\n"  // 12
      "    tables = [row[0] for row in bind.execute(sa.text(\"SELECT 'products'\"))]\n"
      "    for table in tables:\n"                                                 // 14
      "        op.execute(f\"CREATE INDEX {table}_name_idx ON {table} (name)\")",  // 15
      "op.execute(\"DROP INDEX products_name_idx\")");
  return shop;
}

// The findings of `rule` at the loop's line.
int count_at_loop(const nlohmann::json& report, const std::string& rule, bool* observed = nullptr) {
  int count = 0;
  for (const auto& finding : report["findings"]) {
    if (finding["rule"] != rule || finding["location"]["line"] != kLoopLine) continue;
    if (finding["location"]["file"] != std::string("migrations/versions/") + kRevision + "_test.py")
      continue;
    ++count;
    if (observed) *observed = finding.value("observed", false);
  }
  return count;
}

}  // namespace

TEST_CASE("static lint cannot see the loop's SQL: an unresolved-operation note") {
  TempDir dir;
  auto shop = shop_with_runtime_sql(dir);
  auto lint = run_migcheck_in(shop, "lint --format json");
  INFO(lint.out, lint.err);
  nlohmann::json report = nlohmann::json::parse(lint.out);
  CHECK(count_at_loop(report, "unresolved-operation") == 1);
  CHECK(count_at_loop(report, "creating-index-non-concurrently") == 0);
}

TEST_CASE("pre-deploy-check --trace lints what ran, at the .py line, and drops the note") {
  TempDir dir;
  auto shop = shop_with_runtime_sql(dir);
  auto result = run_migcheck_in(
      shop, std::string("pre-deploy-check --trace --format json --from ") + kRevision);
  INFO(result.out, result.err);
  REQUIRE(result.exit_code != 2);
  nlohmann::json report = nlohmann::json::parse(result.out);
  bool observed = false;
  CHECK(count_at_loop(report, "creating-index-non-concurrently", &observed) == 1);
  CHECK(observed);
  CHECK(count_at_loop(report, "unresolved-operation") == 0);

  // Without the trace, the note stays and nothing is observed.
  auto untraced = run_migcheck_in(
      shop, std::string("pre-deploy-check --no-trace --format json --from ") + kRevision);
  nlohmann::json plain = nlohmann::json::parse(untraced.out);
  CHECK(count_at_loop(plain, "unresolved-operation") == 1);
  CHECK(count_at_loop(plain, "creating-index-non-concurrently") == 0);
}

TEST_CASE("roundtrip --trace reports what only the trace saw, not the static findings again") {
  TempDir dir;
  auto shop = shop_with_runtime_sql(dir);
  auto result =
      run_migcheck_in(shop, std::string("roundtrip --trace --format json --from ") + kRevision);
  INFO(result.out, result.err);
  REQUIRE(result.exit_code != 2);
  nlohmann::json report = nlohmann::json::parse(result.out);
  bool observed = false;
  CHECK(count_at_loop(report, "creating-index-non-concurrently", &observed) == 1);
  CHECK(observed);
  for (const auto& finding : report["findings"]) {
    CHECK(finding["rule"] != "unresolved-operation");
  }
}
