// `migcheck roundtrip --since REF` and `pre-deploy-check --since REF` on real
// Alembic projects in real git repositories, with the real throwaway cluster:
// the revisions a branch adds are checked, the ones already on the base
// branch only run once, first.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// An Alembic project under version control, driven with the git CLI.
class Project {
 public:
  Project() {
    write_file(dir_ / "alembic.ini",
               "[alembic]\nscript_location = migrations\n"
               "sqlalchemy.url = postgresql://localhost/unused\n");
    write_file(dir_ / "migrations/env.py",
               "from alembic import context\n"
               "from sqlalchemy import engine_from_config, pool\n\n"
               "config = context.config\n"
               "engine = engine_from_config(config.get_section(config.config_ini_section),\n"
               "                            prefix='sqlalchemy.', poolclass=pool.NullPool)\n"
               "with engine.connect() as connection:\n"
               "    context.configure(connection=connection)\n"
               "    with context.begin_transaction():\n"
               "        context.run_migrations()\n");
    git("init -q -b main .");
    commit("project");
  }

  const std::filesystem::path& path() const { return dir_.path(); }

  void git(const std::string& arguments) const {
    auto result = run_command("cd " + shell_quote(dir_.path().string()) +
                              " && git -c user.name=t -c user.email=t@example.com " + arguments);
    INFO("git ", arguments, ": ", result.err);
    REQUIRE(result.exit_code == 0);
  }

  void commit(const std::string& message) const {
    git("add -A");
    git("commit -q --allow-empty -m " + shell_quote(message));
  }

  // A revision file whose upgrade and downgrade run the given SQL.
  void revision(const std::string& id, const std::vector<std::string>& parents,
                const std::string& upgrade_sql, const std::string& downgrade_sql) const {
    std::string down_revision = "None";
    if (parents.size() == 1) down_revision = "'" + parents[0] + "'";
    if (parents.size() > 1) {
      down_revision = "(";
      for (const auto& parent : parents) down_revision += "'" + parent + "', ";
      down_revision += ")";
    }
    auto body = [](const std::string& sql) {
      return sql.empty() ? std::string("    pass\n") : "    op.execute(\"" + sql + "\")\n";
    };
    write_file(dir_ / ("migrations/versions/" + id + ".py"),
               "\"\"\"" + id + "\"\"\"\nfrom alembic import op\n\nrevision = '" + id +
                   "'\ndown_revision = " + down_revision +
                   "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n" +
                   body(upgrade_sql) + "\n\ndef downgrade():\n" + body(downgrade_sql));
  }

  CommandResult migcheck(const std::string& arguments) const {
    return run_command("cd " + shell_quote(dir_.path().string()) + " && " +
                       shell_quote(migcheck_binary()) + " " + arguments);
  }

 private:
  TempDir dir_;
};

std::vector<std::string> finding_revisions(const CommandResult& result) {
  std::vector<std::string> revisions;
  nlohmann::json report = nlohmann::json::parse(result.out);
  for (const auto& finding : report["findings"]) {
    revisions.push_back(finding["revision"].get<std::string>() + " " +
                        finding["rule"].get<std::string>());
  }
  return revisions;
}

// main: `accounts`, whose downgrade forgets to drop it. A round trip of
// everything fails on it; the branch never touches that revision.
void commit_old_broken_revision(const Project& project) {
  project.revision("a1", {}, "CREATE TABLE accounts (id bigint PRIMARY KEY)", "");
  project.commit("accounts");
}

}  // namespace

TEST_CASE("--since checks only the branch's revisions, after running the older ones once") {
  Project project;
  commit_old_broken_revision(project);
  project.git("checkout -q -b feature");
  // Needs a1's table: it fails unless a1 really ran first.
  project.revision("b2", {"a1"}, "ALTER TABLE accounts ADD COLUMN email text",
                   "ALTER TABLE accounts DROP COLUMN email");
  project.commit("email");

  auto everything = project.migcheck("roundtrip --format json");
  INFO(everything.err);
  CHECK(everything.exit_code == 1);
  std::vector<std::string> found = finding_revisions(everything);
  CHECK(std::count(found.begin(), found.end(), "a1 roundtrip-mismatch") == 1);
  for (const auto& finding : found) CHECK(finding.starts_with("a1 "));

  auto since = project.migcheck("roundtrip --format json --since main");
  INFO(since.err);
  CHECK(since.exit_code == 0);
  CHECK(finding_revisions(since).empty());
  CHECK(nlohmann::json::parse(since.out)["summary"]["files"] == 1);

  SUBCASE("a broken new revision is caught, the old one still is not") {
    project.revision("b3", {"b2"}, "CREATE INDEX accounts_email_idx ON accounts (email)", "");
    project.commit("index");
    auto broken = project.migcheck("roundtrip --format json --since main");
    INFO(broken.err);
    CHECK(broken.exit_code == 1);
    std::vector<std::string> found = finding_revisions(broken);
    REQUIRE_FALSE(found.empty());
    for (const auto& finding : found) CHECK(finding.starts_with("b3 "));
    CHECK(broken.out.find("index accounts_email_idx: absent before the upgrade") !=
          std::string::npos);
  }
  SUBCASE("an uncommitted revision in the working tree is new too") {
    project.revision("b3", {"b2"}, "CREATE TABLE notes (id int)", "");
    auto broken = project.migcheck("roundtrip --format json --since main");
    INFO(broken.err);
    CHECK(broken.exit_code == 1);
    for (const auto& finding : finding_revisions(broken)) CHECK(finding.starts_with("b3 "));
  }
}

TEST_CASE("--since across a merge: new revisions around an old one from the base branch") {
  Project project;
  project.revision("a1", {}, "CREATE TABLE accounts (id bigint PRIMARY KEY)",
                   "DROP TABLE accounts");
  project.commit("accounts");
  project.git("checkout -q -b feature");
  project.revision("b2", {"a1"}, "ALTER TABLE accounts ADD COLUMN email text",
                   "ALTER TABLE accounts DROP COLUMN email");
  project.commit("email");
  project.git("checkout -q main");
  // On main after the branch started, with a downgrade that forgets its table.
  project.revision("m3", {"a1"}, "CREATE TABLE audit (id int)", "");
  project.commit("audit");
  project.git("checkout -q feature");
  project.git("merge -q --no-edit main");
  // The merge revision joins both branches; c5 needs the new c4 and m3's table.
  project.revision("c4", {"b2", "m3"}, "ALTER TABLE accounts ADD COLUMN audited boolean",
                   "ALTER TABLE accounts DROP COLUMN audited");
  project.revision("c5", {"c4"}, "ALTER TABLE audit ADD COLUMN account bigint",
                   "ALTER TABLE audit DROP COLUMN account");
  project.commit("merge heads");

  auto since = project.migcheck("roundtrip --format json --since main");
  INFO(since.err);
  CHECK(since.exit_code == 0);
  CHECK(finding_revisions(since).empty());
  CHECK(nlohmann::json::parse(since.out)["summary"]["files"] == 3);

  // The same project checked whole finds m3's downgrade.
  auto everything = project.migcheck("roundtrip --format json");
  CHECK(everything.exit_code == 1);
  std::vector<std::string> found = finding_revisions(everything);
  CHECK(std::count(found.begin(), found.end(), "m3 roundtrip-mismatch") == 1);
  for (const auto& finding : found) CHECK(finding.starts_with("m3 "));

  SUBCASE("a broken merge revision is caught") {
    project.revision("c4", {"b2", "m3"}, "ALTER TABLE accounts ADD COLUMN audited boolean", "");
    auto broken = project.migcheck("roundtrip --format json --since main");
    INFO(broken.err);
    CHECK(broken.exit_code == 1);
    for (const auto& finding : finding_revisions(broken)) CHECK(finding.starts_with("c4 "));
  }
}

TEST_CASE("--since with nothing new says so and passes; an unknown ref is exit 2") {
  Project project;
  commit_old_broken_revision(project);
  auto nothing = project.migcheck("roundtrip --since main");
  CHECK(nothing.exit_code == 0);
  CHECK(nothing.err.find("no revision was added or changed since main: nothing to check") !=
        std::string::npos);

  auto unknown = project.migcheck("roundtrip --since no-such-branch");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("no-such-branch") != std::string::npos);
  CHECK(std::count(unknown.err.begin(), unknown.err.end(), '\n') == 1);
}

TEST_CASE("pre-deploy-check --since round-trips only what the branch adds") {
  Project project;
  commit_old_broken_revision(project);
  auto roundtrip_check = [&](const CommandResult& result) {
    INFO(result.err);
    nlohmann::json report = nlohmann::json::parse(result.out);
    for (const auto& check : report["checks"]) {
      if (check["name"] == "roundtrip") return check;
    }
    FAIL("no roundtrip check");
    return nlohmann::json();
  };
  auto nothing = project.migcheck("pre-deploy-check --format json --since main");
  CHECK(roundtrip_check(nothing)["status"] == "skipped");

  project.git("checkout -q -b feature");
  project.revision("b2", {"a1"}, "ALTER TABLE accounts ADD COLUMN email text",
                   "ALTER TABLE accounts DROP COLUMN email");
  project.commit("email");
  CHECK(roundtrip_check(
            project.migcheck("pre-deploy-check --format json --since main"))["status"] == "passed");
  CHECK(roundtrip_check(project.migcheck("pre-deploy-check --format json"))["status"] == "failed");
}
