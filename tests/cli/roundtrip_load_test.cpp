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
  CHECK(result.out.find("| public.products (10000 rows) |", revision) != std::string::npos);
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
