// The round trip's setup SQL (--setup-sql, [roundtrip] setup) through the
// real binary and a real PostgreSQL: what a platform such as supabase provides
// (roles, an `auth` schema) exists before the first migration.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "runner/cluster.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// A golang-migrate project in migrations/ that uses a role and a schema it
// does not create, and setup files beside it.
void write_project(const TempDir& dir) {
  write_file(dir / "migrations/000001_users.up.sql",
             "CREATE TABLE auth.users (id bigint PRIMARY KEY);\n"
             "GRANT SELECT ON auth.users TO authenticated;\n");
  write_file(dir / "migrations/000001_users.down.sql", "DROP TABLE auth.users;\n");
  write_file(dir / "setup/platform.sql",
             "-- what the platform provides\n"
             "DO $$ BEGIN\n"
             "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN\n"
             "    CREATE ROLE authenticated NOLOGIN;\n"
             "  END IF;\n"
             "END $$;\n"
             "CREATE SCHEMA auth;\n");
  write_file(dir / "setup/broken.sql", "CREATE SCHEMA auth;\nCREATE SCHEM oops;\n");
}

CommandResult roundtrip(const TempDir& dir, const std::string& arguments) {
  return run_command("cd " + shell_quote(dir.path().string()) + " && " +
                     shell_quote(migcheck_binary()) +
                     " roundtrip --project migrations --format json " + arguments);
}

std::vector<std::string> rules(const CommandResult& result) {
  std::vector<std::string> ids;
  auto report = nlohmann::json::parse(result.out);
  for (const auto& finding : report["findings"]) ids.push_back(finding["rule"]);
  return ids;
}

}  // namespace

TEST_CASE("without the platform's role and schema the first upgrade fails; with setup it passes") {
  TempDir dir;
  write_project(dir);
  auto bare = roundtrip(dir, "");
  INFO(bare.err);
  CHECK(bare.exit_code == 1);
  CHECK(rules(bare) == std::vector<std::string>{"upgrade-failed"});
  CHECK(bare.out.find("schema \\\"auth\\\" does not exist") != std::string::npos);

  // The schema the setup creates is there before the starting schema is
  // recorded: downgrading everything gives it back, no revision's doing.
  auto set_up = roundtrip(dir, "--setup-sql setup/platform.sql");
  INFO(set_up.out, set_up.err);
  CHECK(set_up.exit_code == 0);
  CHECK(rules(set_up).empty());

  // The same from the configuration, relative to the file that names it.
  write_file(dir / "ci/migcheck.toml", "[roundtrip]\nsetup = [\"../setup/platform.sql\"]\n");
  auto configured = roundtrip(dir, "--config ci/migcheck.toml");
  INFO(configured.out, configured.err);
  CHECK(configured.exit_code == 0);
  write_file(dir / "pyproject.toml",
             "[tool.migcheck.roundtrip]\nsetup = [\"setup/platform.sql\"]\n");
  auto discovered = roundtrip(dir, "");
  INFO(discovered.out, discovered.err);
  CHECK(discovered.exit_code == 0);
}

TEST_CASE("a broken setup file is the setup step's finding at its statement; no migration runs") {
  TempDir dir;
  write_project(dir);
  auto broken = roundtrip(dir, "--setup-sql setup/broken.sql");
  INFO(broken.err);
  CHECK(broken.exit_code == 1);
  auto report = nlohmann::json::parse(broken.out);
  REQUIRE(report["findings"].size() == 1);
  const auto& finding = report["findings"][0];
  CHECK(finding["rule"] == "setup-failed");
  CHECK(finding["location"]["file"] == "setup/broken.sql");
  CHECK(finding["location"]["line"] == 2);
  CHECK(finding["location"]["column"] == 1);
  CHECK(finding["message"].get<std::string>().find("syntax error at or near \"SCHEM\"") !=
        std::string::npos);
  CHECK(finding["evidence"]["step"] == "setup");
  CHECK(broken.err.find("upgrade") == std::string::npos);
  // No revision ran, so JUnit has no passing test case for one.
  auto junit = run_command("cd " + shell_quote(dir.path().string()) + " && " +
                           shell_quote(migcheck_binary()) +
                           " roundtrip --project migrations --format junit --setup-sql "
                           "setup/broken.sql");
  CHECK(junit.out.find("setup-failed") != std::string::npos);
  CHECK(junit.out.find("classname=\"1\"") == std::string::npos);

  auto missing = roundtrip(dir, "--setup-sql setup/missing.sql");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "migcheck: setup/missing.sql: no such setup SQL file\n");

  // pre-deploy-check shows it as a check of its own, and skips the round trip.
  auto deploy = run_command("cd " + shell_quote(dir.path().string()) + " && " +
                            shell_quote(migcheck_binary()) +
                            " pre-deploy-check --project migrations --format json "
                            "--setup-sql setup/platform.sql --setup-sql setup/broken.sql");
  INFO(deploy.out, deploy.err);
  CHECK(deploy.exit_code == 1);
  std::vector<std::pair<std::string, std::string>> checks;
  auto deploy_report = nlohmann::json::parse(deploy.out);
  for (const auto& check : deploy_report["checks"]) {
    checks.emplace_back(check["name"], check["status"]);
  }
  // platform.sql ran first: broken.sql already fails on its first statement.
  CHECK(checks == std::vector<std::pair<std::string, std::string>>{{"lint", "passed"},
                                                                   {"graph", "passed"},
                                                                   {"setup", "failed"},
                                                                   {"roundtrip", "skipped"}});
  CHECK(deploy.out.find("schema \\\"auth\\\" already exists") != std::string::npos);
}

TEST_CASE("with --database-url the setup runs in the scratch database migcheck creates there") {
  TempDir dir;
  write_project(dir);
  migcheck::Cluster server;
  std::string url = "postgresql://migcheck@/postgres?host=" + server.socket_dir().string();
  auto result = roundtrip(dir, "--setup-sql setup/platform.sql --database-url " + shell_quote(url));
  INFO(result.out, result.err);
  CHECK(result.exit_code == 0);
  pqxx::connection connection(server.endpoint("postgres").conninfo);
  pqxx::nontransaction read(connection);
  // Not in the URL's own database, and the scratch one is gone; roles are the
  // server's and stay (the setup file creates it only when missing).
  CHECK(read.exec("SELECT count(*) FROM pg_namespace WHERE nspname = 'auth'")[0][0].as<int>() == 0);
  CHECK(read.exec("SELECT count(*) FROM pg_database WHERE datname LIKE 'migcheck_%'")[0][0]
            .as<int>() == 0);
  CHECK(
      read.exec("SELECT count(*) FROM pg_roles WHERE rolname = 'authenticated'")[0][0].as<int>() ==
      1);
}
