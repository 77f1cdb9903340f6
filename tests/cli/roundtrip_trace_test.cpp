// `migcheck roundtrip` traces each checked revision's first upgrade: the JSON
// "trace", the markdown table of blocking statements, the --verbose
// timeline, and --no-trace.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
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
  // A table the revision creates blocks no one: its locks are not listed.
  auto created = run_migcheck_in(shop, "roundtrip --format markdown --trace");
  CHECK(created.out.find("<code>CREATE TABLE users") == std::string::npos);
  CHECK(created.out.find("ACCESS EXCLUSIVE on public.users_pkey") == std::string::npos);
  CHECK(created.out.find("SHARE on public.users for ") != std::string::npos);  // its index
  // The text timeline lists every lock, and marks those.
  auto timeline = run_migcheck_in(shop, "roundtrip --format text --trace --verbose");
  INFO(timeline.out);
  // The first line starting so after `after`.
  auto line_of = [&](const std::string& start, const std::string& after = "") {
    size_t at = timeline.out.find(start, timeline.out.find(after));
    REQUIRE(at != std::string::npos);
    return timeline.out.substr(at, timeline.out.find('\n', at) - at);
  };
  const std::string marker = " (made by this revision: blocks no one)";
  CHECK(line_of("      locks public.users_pkey ACCESS EXCLUSIVE for ").ends_with(marker));
  // The revision that changes the column type found the table there already.
  CHECK(!line_of("      locks public.products ACCESS EXCLUSIVE for ",
                 std::string("trace of revision ") + kRevision)
             .ends_with(marker));

  auto quiet = run_migcheck_in(shop, "roundtrip --format text " + options());
  CHECK(quiet.out.find("trace of revision") == std::string::npos);
  auto verbose = run_migcheck_in(shop, "roundtrip --format text --trace --verbose " + options());
  INFO(verbose.out);
  CHECK(verbose.out.find(std::string("trace of revision ") + kRevision + " (first upgrade)\n  " +
                         "migrations/versions/" + kRevision + "_test.py:12") != std::string::npos);
  CHECK(verbose.out.find("      rewrote public.products\n") != std::string::npos);
}

TEST_CASE("pre-deploy-check --trace reports a lock held across slow work once, as measured") {
  TempDir dir;
  auto shop = copy_shop(dir);
  // Line 12 takes ACCESS EXCLUSIVE on products; line 13 builds an index under it.
  add_shop_revision(shop, kRevision, kShopHead,
                    "op.add_column(\"products\", sa.Column(\"note\", sa.Text()))\n"
                    "    op.create_index(\"products_note_idx\", \"products\", [\"note\"])",
                    "op.drop_index(\"products_note_idx\")\n"
                    "    op.drop_column(\"products\", \"note\")");
  auto rules_at = [](const nlohmann::json& report, int line) {
    std::multiset<std::string> rules;
    for (const auto& finding : report["findings"]) {
      if (finding["location"]["line"] == line &&
          finding["location"]["file"] == "migrations/versions/f00000000001_test.py") {
        rules.insert(finding["rule"].get<std::string>());
      }
    }
    return rules;
  };

  // Read alone, the index build is reported as running under the lock.
  auto plain = run_migcheck_in(shop, "pre-deploy-check --no-trace --format json " + options());
  INFO(plain.out, plain.err);
  nlohmann::json unobserved = nlohmann::json::parse(plain.out);
  CHECK(rules_at(unobserved, 13).count("holding-exclusive-lock") == 1);

  // Traced, the measured finding at the statement that took the lock says it,
  // naming the index build, and the static one is not repeated.
  auto traced = run_migcheck_in(shop, "pre-deploy-check --trace --format json " + options());
  INFO(traced.out, traced.err);
  nlohmann::json observed = nlohmann::json::parse(traced.out);
  CHECK(rules_at(observed, 12).count("exclusive-lock-held") == 1);
  CHECK(rules_at(observed, 13).count("holding-exclusive-lock") == 0);
  for (const auto& finding : observed["findings"]) {
    if (finding["rule"] == "exclusive-lock-held") {
      CHECK(finding["evidence"]["slow_statements_at"] == "line 13");
    }
  }
}
