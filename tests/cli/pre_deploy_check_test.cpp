// End-to-end tests of `migcheck pre-deploy-check` on copies of examples/shop:
// the real binary, a real git repository and a real throwaway PostgreSQL.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/shop.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

CommandResult pre_deploy_check(const std::filesystem::path& project, const std::string& options) {
  return run_command("cd " + shell_quote(project.string()) + " && " +
                     shell_quote(migcheck_binary()) + " pre-deploy-check --format json " + options);
}

nlohmann::json check_named(const nlohmann::json& report, const std::string& name) {
  for (const auto& check : report["checks"]) {
    if (check["name"] == name) return check;
  }
  return nullptr;
}

// A revision on the shop's head with the given upgrade body.
void add_revision(const std::filesystem::path& shop, const std::string& id,
                  const std::string& upgrade) {
  add_shop_revision(shop, id, kShopHead, upgrade, "op.drop_column(\"products\", \"c" + id + "\")");
}

}  // namespace

TEST_CASE("the shop: lint findings fail the run, the graph and the round trip pass") {
  TempDir dir;
  auto shop = copy_shop(dir);
  auto result = pre_deploy_check(shop, "");
  INFO(result.err);
  CHECK(result.exit_code == 1);
  auto report = nlohmann::json::parse(result.out);
  CHECK(check_named(report, "lint")["status"] == "failed");
  CHECK(check_named(report, "graph")["status"] == "passed");
  CHECK(check_named(report, "roundtrip")["status"] == "passed");
  bool renaming = false;
  for (const auto& finding : report["findings"]) renaming |= finding["rule"] == "renaming-column";
  CHECK(renaming);
}

TEST_CASE("a branch that conflicts with the deploy target fails the graph check") {
  TempDir dir;
  auto shop = copy_shop(dir);
  std::string git = "git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main";
  auto sh = [&](const std::string& command) {
    auto result = run_command("cd " + shell_quote(shop.string()) + " && " + command);
    INFO(command, result.err);
    REQUIRE(result.exit_code == 0);
  };
  sh(git + " init -q . && " + git + " add -A && " + git + " commit -qm base");
  sh(git + " checkout -qb feature");
  add_revision(shop, "aaaa00000001",
               "op.add_column(\"products\", sa.Column(\"caaaa00000001\", sa.Text()))");
  sh(git + " add -A && " + git + " commit -qm feature");
  sh(git + " checkout -q main");
  add_revision(shop, "bbbb00000002",
               "op.add_column(\"products\", sa.Column(\"cbbbb00000002\", sa.Text()))");
  sh(git + " add -A && " + git + " commit -qm main && " + git + " checkout -q feature");

  auto result = pre_deploy_check(shop, "--against main --since main --no-roundtrip");
  INFO(result.err);
  CHECK(result.exit_code == 1);
  auto report = nlohmann::json::parse(result.out);
  CHECK(check_named(report, "graph")["status"] == "failed");
  CHECK(check_named(report, "roundtrip")["status"] == "skipped");
  bool conflict = false;
  for (const auto& finding : report["findings"]) conflict |= finding["rule"] == "branch-conflict";
  CHECK(conflict);
  // --since main: the shop's own unsafe rename is not this branch's change.
  for (const auto& finding : report["findings"]) CHECK(finding["rule"] != "renaming-column");
}

TEST_CASE("multiple heads fail the graph row; the lint row counts only lint findings") {
  TempDir dir;
  auto shop = copy_shop(dir);
  add_revision(shop, "aaaa00000001",
               "op.add_column(\"products\", sa.Column(\"caaaa00000001\", sa.Text()))");
  add_revision(shop, "bbbb00000002",
               "op.add_column(\"products\", sa.Column(\"cbbbb00000002\", sa.Text()))");
  auto result = pre_deploy_check(shop, "--no-roundtrip");
  INFO(result.err);
  CHECK(result.exit_code == 1);
  auto report = nlohmann::json::parse(result.out);
  size_t heads = 0;
  for (const auto& finding : report["findings"]) heads += finding["rule"] == "multiple-heads";
  CHECK(heads == 1);
  CHECK(check_named(report, "graph")["status"] == "failed");
  CHECK(check_named(report, "graph")["findings"] == 1);
  CHECK(check_named(report, "lint")["findings"] == report["findings"].size() - 1);
}
