// `--load` end to end on copies of examples/shop: the real binary, a real
// throwaway PostgreSQL, application-like sessions during each checked
// revision's first upgrade.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/shop.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// The shop's revision whose UPDATEs and SET NOT NULL hold products' rows and
// then its ACCESS EXCLUSIVE lock in one transaction.
constexpr const char* kPriceRevision = "5e6f1b3a9d84";

}  // namespace

TEST_CASE("pre-deploy-check --load: the markdown summary tables the blocking per revision") {
  TempDir dir;
  auto shop = copy_shop(dir);
  auto result = run_migcheck_in(shop, "pre-deploy-check --load --format markdown");
  INFO(result.out, result.err);
  CHECK(result.exit_code == 1);  // the shop's lint errors
  CHECK(result.err.find("--load: 2 application-like sessions per table") != std::string::npos);
  CHECK(result.err.find("topping every table up to 10000 generated rows") != std::string::npos);
  size_t table = result.out.find("### Application queries blocked by each statement");
  REQUIRE(table != std::string::npos);
  size_t revision =
      result.out.find(std::string("Revision ") + kPriceRevision + "\n\n| Location |", table);
  REQUIRE(revision != std::string::npos);
  CHECK(result.out.find("| Longest wait | Waited for |", revision) != std::string::npos);
  // The SET NOT NULL's ACCESS EXCLUSIVE is its own, never the UPDATEs' before it.
  size_t next = result.out.find("\n\n", result.out.find("| --- |", revision));
  std::string rows = result.out.substr(revision, next - revision);
  CHECK(rows.find("| public.products (10000 rows) |") != std::string::npos);
  CHECK(rows.find("SET NOT NULL</code> | public.products (10000 rows) |") != std::string::npos);
  for (size_t line = rows.find("<code>UPDATE"); line != std::string::npos;
       line = rows.find("<code>UPDATE", line + 1)) {
    CHECK(rows.substr(line, rows.find('\n', line) - line).find("ACCESS EXCLUSIVE") ==
          std::string::npos);
  }
  // A nullable ADD COLUMN: ACCESS EXCLUSIVE for a moment, measured as such.
  CHECK(result.out.find("Revision 8b41e07c5d22", table) != std::string::npos);
}

TEST_CASE("[roundtrip] load = true: JSON trace records carry the blocked times") {
  TempDir dir;
  auto shop = copy_shop(dir);
  write_file(shop / ".migcheck.toml", "[roundtrip]\nload = true\nrows = 2000\n");
  auto result = run_migcheck_in(shop, std::string("roundtrip --format json --from ") +
                                          kPriceRevision + " --to " + kPriceRevision);
  INFO(result.out, result.err);
  REQUIRE(result.exit_code != 2);
  nlohmann::json report = nlohmann::json::parse(result.out);
  REQUIRE(report.contains("trace"));
  bool measured = false;
  for (const auto& record : report["trace"]) {
    REQUIRE(record.contains("blocked"));
    for (const auto& blocked : record["blocked"]) {
      CHECK(blocked["relation"] == "public.products");
      CHECK(blocked["rows"] == 2000);
      measured |= blocked["writes_ms"].get<double>() > 0;
    }
  }
  CHECK(measured);
}

TEST_CASE("roundtrip --load --verbose: the timeline shows what each statement blocked") {
  TempDir dir;
  auto shop = copy_shop(dir);
  auto result =
      run_migcheck_in(shop, std::string("roundtrip --load --rows 2000 --verbose --from ") +
                                kPriceRevision + " --to " + kPriceRevision);
  INFO(result.out, result.err);
  REQUIRE(result.exit_code != 2);
  size_t timeline = result.out.find(std::string("trace of revision ") + kPriceRevision);
  REQUIRE(timeline != std::string::npos);
  // Under the SET NOT NULL's line: reads waited for its lock (the update
  // probe, waiting for the UPDATE's row, deadlocks with it for a moment).
  size_t set_not_null = result.out.find("SET NOT NULL\n", timeline);
  REQUIRE(set_not_null != std::string::npos);
  size_t blocked =
      result.out.find("      blocked public.products (2000 rows): reads ", set_not_null);
  REQUIRE(blocked != std::string::npos);
  std::string line = result.out.substr(blocked, result.out.find('\n', blocked) - blocked);
  CHECK(line.find("for its ACCESS EXCLUSIVE lock") != std::string::npos);
  CHECK(line.find("longest wait") != std::string::npos);
}

TEST_CASE("--probes beyond the bound on sessions is a usage error that says the bound") {
  TempDir dir;
  auto shop = copy_shop(dir);
  auto result = run_migcheck_in(shop, "roundtrip --load --probes 40");
  INFO(result.out, result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--probes: Value 40 not in range 2 to 16\n") == 0);
}

TEST_CASE("--load refuses a server migcheck did not start without --allow-destructive") {
  TempDir dir;
  auto shop = copy_shop(dir);
  auto result =
      run_migcheck_in(shop, "roundtrip --load --database-url postgresql://nobody@127.0.0.1:1/none");
  INFO(result.out, result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--load runs application-like queries") != std::string::npos);
  CHECK(result.err.find("--allow-destructive") != std::string::npos);
}
