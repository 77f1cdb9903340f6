// `migcheck roundtrip` traces each checked revision's first upgrade: the JSON
// "trace", the markdown table of blocking statements, the --verbose
// timeline, and --no-trace.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/shop.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

constexpr const char* kRevision = "f00000000001";

// The shop with a revision that rewrites products (numeric -> float8).
std::filesystem::path shop_with_rewrite(const TempDir& dir) {
  auto shop = copy_shop(dir);
  add_shop_revision(shop, kRevision, kShopHead,
                    "op.execute(\"ALTER TABLE products ALTER COLUMN price TYPE float8\")",
                    "op.execute(\"ALTER TABLE products ALTER COLUMN price TYPE numeric(10, 2)\")");
  return shop;
}

std::string options() {
  return std::string("--from ") + kRevision + " ";
}

}  // namespace

TEST_CASE("roundtrip --trace: JSON trace records and the observed findings") {
  TempDir dir;
  auto shop = shop_with_rewrite(dir);
  auto result = run_migcheck_in(shop, "roundtrip --format json --trace " + options());
  INFO(result.out, result.err);
  REQUIRE(result.exit_code == 0);  // warnings only
  nlohmann::json report = nlohmann::json::parse(result.out);
  REQUIRE(report.contains("trace"));
  REQUIRE(report["trace"].size() == 1);
  const auto& record = report["trace"][0];
  CHECK(record["revision"] == kRevision);
  CHECK(record["file"] == std::string("migrations/versions/") + kRevision + "_test.py");
  CHECK(record["line"] == 12);
  CHECK(record["sql"] == "ALTER TABLE products ALTER COLUMN price TYPE float8");
  CHECK(record["rewrites"].dump().find("\"public.products\"") != std::string::npos);
  CHECK(record["locks"].dump().find(
            R"({"mode":"AccessExclusiveLock","relation":"public.products"})") != std::string::npos);
  CHECK(record["duration_ms"].get<double>() > 0);
  CHECK(record["lock_held_ms"].get<double>() >= record["duration_ms"].get<double>());
  bool rewritten = false;
  for (const auto& finding : report["findings"]) {
    if (finding["rule"] != "table-rewritten") continue;
    rewritten = true;
    CHECK(finding["location"]["line"] == 12);
    CHECK(finding["evidence"]["rewritten"] == "public.products");
  }
  CHECK(rewritten);
}

TEST_CASE("--no-trace runs the round trip unobserved") {
  TempDir dir;
  auto shop = shop_with_rewrite(dir);
  auto result = run_migcheck_in(shop, "roundtrip --format json --no-trace " + options());
  INFO(result.out, result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("\"trace\"") == std::string::npos);
  CHECK(result.out.find("table-rewritten") == std::string::npos);
}

TEST_CASE("markdown tables the blocking statements; text shows the timeline under --verbose") {
  TempDir dir;
  auto shop = shop_with_rewrite(dir);
  auto markdown = run_migcheck_in(shop, "roundtrip --format markdown --trace " + options());
  INFO(markdown.out, markdown.err);
  CHECK(markdown.out.find("### Observed blocking locks and rewrites\n\nRevision " +
                          std::string(kRevision)) != std::string::npos);
  CHECK(markdown.out.find("| <code>ALTER TABLE products ALTER COLUMN price TYPE float8</code> |") !=
        std::string::npos);
  CHECK(markdown.out.find("ACCESS EXCLUSIVE on public.products for ") != std::string::npos);

  auto quiet = run_migcheck_in(shop, "roundtrip --format text " + options());
  CHECK(quiet.out.find("trace of revision") == std::string::npos);
  auto verbose = run_migcheck_in(shop, "roundtrip --format text --trace --verbose " + options());
  INFO(verbose.out);
  CHECK(verbose.out.find(std::string("trace of revision ") + kRevision + " (first upgrade)\n  " +
                         "migrations/versions/" + kRevision + "_test.py:12") != std::string::npos);
  CHECK(verbose.out.find("      rewrote public.products\n") != std::string::npos);
}
