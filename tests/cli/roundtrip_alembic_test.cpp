// `migcheck roundtrip` on copies of the shop example: a project whose
// configuration fails (exit 2), a migration that fails (a finding), and --to.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/cli/shop.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// On empty tables: these tests are about the schema's round trip (with rows,
// the shop's price backfill is a downgrade-loses-data, see roundtrip_data_*).
CommandResult roundtrip_in(const std::filesystem::path& shop, const std::string& options) {
  return run_migcheck_in(shop, "roundtrip --rows 0 --format json " + options);
}

// The rules of a JSON report's findings, each with its revision: "rule revision".
std::vector<std::string> findings_of(const CommandResult& result) {
  std::vector<std::string> found;
  nlohmann::json report = nlohmann::json::parse(result.out);
  for (const auto& finding : report["findings"]) {
    found.push_back(finding["rule"].get<std::string>() + " " +
                    finding.value("revision", std::string()));
  }
  return found;
}

}  // namespace

TEST_CASE("an env.py that fails before the migrations is a configuration error naming its line") {
  TempDir dir;
  auto shop = copy_shop(dir);
  std::string env_py = read_file(shop / "migrations/env.py");
  size_t line_3 = env_py.find("import os\n");
  REQUIRE(line_3 != std::string::npos);
  write_file(shop / "migrations/env.py",
             env_py.insert(line_3 + 10, "import shop_settings  # not installed\n"));
  auto result = roundtrip_in(shop, "");
  INFO(result.out, result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("migrations/env.py:4: ModuleNotFoundError: No module named "
                        "'shop_settings'\n") != std::string::npos);
  CHECK(result.out.find("upgrade-failed") == std::string::npos);
}

TEST_CASE("a revision whose SQL fails is still upgrade-failed at that revision") {
  TempDir dir;
  auto shop = copy_shop(dir);
  add_shop_revision(shop, "f00000000001", kShopHead,
                    "op.execute(\"ALTER TABLE no_such_table ADD COLUMN note text\")", "pass");
  auto result = roundtrip_in(shop, "");
  INFO(result.out, result.err);
  CHECK(result.exit_code == 1);
  CHECK(findings_of(result) == std::vector<std::string>{"upgrade-failed f00000000001"});
  CHECK(result.out.find("no_such_table") != std::string::npos);
}

TEST_CASE("--to with two heads upgrades only that head and what it needs, never the other") {
  TempDir dir;
  auto shop = copy_shop(dir);
  for (const auto& [to, other] : std::vector<std::pair<std::string, std::string>>{
           {"a00000000001", "b00000000002"}, {"b00000000002", "a00000000001"}}) {
    CAPTURE(to);
    // Two heads on the shop's. The other's downgrade forgets its table: had
    // it run, the round trip would report the table it left behind.
    auto create = [](const std::string& id) {
      return "op.create_table(\"t" + id + "\", sa.Column(\"id\", sa.Integer()))";
    };
    add_shop_revision(shop, to, kShopHead, create(to), "op.drop_table(\"t" + to + "\")");
    add_shop_revision(shop, other, kShopHead, create(other), "pass");
    auto result = roundtrip_in(shop, "--to " + to);
    INFO(result.out, result.err);
    CHECK(result.exit_code == 0);
    CHECK(findings_of(result).empty());
    CHECK(result.err.find(other) == std::string::npos);  // no step ran it
    // Each step says what it does: the shop's 7 revisions and this head.
    for (const std::string& line :
         {"checking " + to + ": upgrading (then downgrading and upgrading again)",
          std::string("downgrading all 8 revisions, newest first, back to the start (base)"),
          "upgrading all 8 revisions again to the end (" + to + ")"}) {
      CHECK(result.err.find("migcheck roundtrip: " + line + "\n") != std::string::npos);
    }
  }
}
