#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>

#include "runner/cluster.h"
#include "tests/runner/processes.h"
#include "tests/test_support.h"

using migcheck::Cluster;
using migcheck::testing::children_of;
using migcheck::testing::cmdline_of;
using migcheck::testing::migcheck_binary;
using migcheck::testing::processes_mentioning;
using migcheck::testing::run_command;
using migcheck::testing::shell_quote;
using migcheck::testing::source_dir;
using migcheck::testing::TempDir;
using migcheck::testing::write_file;

namespace {

migcheck::testing::CommandResult roundtrip(const std::string& arguments) {
  return run_command(std::string(migcheck_binary()) + " roundtrip " + arguments);
}

// A golang-migrate project: products, then an index whose down file forgets it.
void write_golang_project(const TempDir& project) {
  write_file(project / "migrations/000001_products.up.sql",
             "CREATE TABLE products (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL);\n");
  write_file(project / "migrations/000001_products.down.sql", "DROP TABLE products;\n");
  write_file(project / "migrations/000002_price_index.up.sql",
             "CREATE INDEX CONCURRENTLY products_price_idx ON products (price);\n");
  write_file(project / "migrations/000002_price_index.down.sql", "SELECT 1;\n");
}

// The data directory of the server migcheck (`pid`) started: its watchdog
// child's child is `postgres -D DIR ...`. Empty until it is up.
std::string server_data_dir(pid_t migcheck) {
  for (const std::string& watchdog : children_of(migcheck)) {
    for (const std::string& server : children_of(std::stoi(watchdog))) {
      std::string cmdline = cmdline_of(server);
      size_t flag = cmdline.find(" -D ");
      if (flag != std::string::npos)
        return cmdline.substr(flag + 4, cmdline.find(' ', flag + 4) - flag - 4);
    }
  }
  return {};
}

// Starts `migcheck roundtrip` on a migration that sleeps, kills it with
// `signal_number` once its server runs, and returns the server's run dir.
std::filesystem::path interrupt_roundtrip(int signal_number) {
  TempDir project;
  write_file(project / "migrations/000001_slow.up.sql", "SELECT pg_sleep(60);\n");
  write_file(project / "migrations/000001_slow.down.sql", "SELECT 1;\n");
  std::string project_path = project.path().string();
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execl(migcheck_binary(), migcheck_binary(), "roundtrip", "--project", project_path.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string data_dir;
  for (int i = 0; i < 600 && data_dir.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    data_dir = server_data_dir(child);
  }
  REQUIRE_FALSE(data_dir.empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // into the migration
  kill(child, signal_number);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == signal_number);
  return std::filesystem::path(data_dir).parent_path();
}

}  // namespace

TEST_CASE("SIGINT, SIGTERM or SIGKILL of migcheck roundtrip leave no server and no directory") {
  for (int signal_number : {SIGINT, SIGTERM}) {
    CAPTURE(signal_number);
    std::filesystem::path run_dir = interrupt_roundtrip(signal_number);
    CHECK_FALSE(std::filesystem::exists(run_dir));  // torn down before migcheck died
    CHECK(processes_mentioning(run_dir.string()) == 0);
  }
  std::filesystem::path run_dir = interrupt_roundtrip(SIGKILL);
  bool gone = false;
  for (int i = 0; i < 300 && !gone; ++i) {  // the watchdog notices on its own
    gone = !std::filesystem::exists(run_dir) && processes_mentioning(run_dir.string()) == 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(gone);
}

TEST_CASE("roundtrip passes on the bundled shop example") {
  auto result = roundtrip("--project " + shell_quote(source_dir() / "examples/shop"));
  CHECK_MESSAGE(result.exit_code == 0, (result.out + result.err));
  // Not a terminal: plain progress lines, one per revision, saying what they do.
  CHECK(result.err.find("migcheck roundtrip: checking 8b41e07c5d22: upgrading (then downgrading "
                        "and upgrading again)\n") != std::string::npos);
  CHECK(result.err.find('\r') == std::string::npos);
}

TEST_CASE("roundtrip catches a golang-migrate down file that forgets an index") {
  TempDir project;
  write_golang_project(project);
  auto result = roundtrip("--project " + shell_quote(project.path()) + " --format json");
  CHECK(result.exit_code == 1);
  auto report = nlohmann::json::parse(result.out);
  std::string text = report.dump();
  CHECK(text.find("roundtrip-mismatch") != std::string::npos);
  CHECK(text.find("index products_price_idx: absent before the upgrade, CREATE INDEX "
                  "products_price_idx ON public.products USING btree (price) after upgrade → "
                  "downgrade") != std::string::npos);
  CHECK(text.find("000002_price_index.down.sql") != std::string::npos);
  CHECK(text.find("upgrade-failed") != std::string::npos);
}

TEST_CASE("roundtrip --database-url works in a scratch database, drops it, and masks passwords") {
  TempDir project;
  write_golang_project(project);
  write_file(project / "migrations/000002_price_index.down.sql",
             "DROP INDEX CONCURRENTLY products_price_idx;\n");
  Cluster server;
  std::string url = "postgresql://migcheck:hunter2@/postgres?host=" + server.socket_dir().string();
  auto result =
      roundtrip("--project " + shell_quote(project.path()) + " --database-url " + shell_quote(url));
  CHECK_MESSAGE(result.exit_code == 0, (result.out + result.err));
  pqxx::connection connection(server.endpoint("postgres").conninfo);
  pqxx::nontransaction read(connection);
  CHECK(read.exec("SELECT count(*) FROM pg_database WHERE datname LIKE 'migcheck_%'")[0][0]
            .as<int>() == 0);
  CHECK(read.exec("SELECT count(*) FROM pg_class WHERE relname = 'products'")[0][0].as<int>() == 0);

  // --allow-destructive runs in the URL's own database and leaves the result there.
  result = roundtrip("--project " + shell_quote(project.path()) + " --database-url " +
                     shell_quote(url) + " --allow-destructive");
  CHECK_MESSAGE(result.exit_code == 0, (result.out + result.err));
  CHECK(read.exec("SELECT count(*) FROM pg_class WHERE relname = 'products'")[0][0].as<int>() == 1);

  std::string unreachable = "postgresql://admin:hunter2@/postgres?host=/nonexistent";
  result = roundtrip("--project " + shell_quote(project.path()) + " --database-url " +
                     shell_quote(unreachable));
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("admin:***@") != std::string::npos);
  CHECK((result.out + result.err).find("hunter2") == std::string::npos);
}

TEST_CASE("roundtrip rejects --allow-destructive without --database-url and unknown revisions") {
  auto shop = shell_quote(source_dir() / "examples/shop");
  auto result = roundtrip("--project " + shop + " --allow-destructive");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--allow-destructive needs --database-url") != std::string::npos);
  result = roundtrip("--project " + shop + " --from nosuchrev");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--from nosuchrev: no such revision") != std::string::npos);
}

TEST_CASE("roundtrip catches the shop example with a downgrade that forgets its column") {
  TempDir copy;
  std::filesystem::copy(source_dir() / "examples/shop", copy.path(),
                        std::filesystem::copy_options::recursive);
  std::filesystem::path revision =
      copy / "migrations/versions/8b41e07c5d22_add_user_profile_image.py";
  std::string text = migcheck::testing::read_file(revision);
  size_t downgrade = text.find("def downgrade");
  REQUIRE(downgrade != std::string::npos);
  write_file(revision, text.substr(0, downgrade) + "def downgrade():\n    pass\n");
  int downgrade_line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + downgrade, '\n'));

  auto result = roundtrip("--project " + shell_quote(copy.path()) + " --format json");
  CHECK(result.exit_code == 1);
  auto findings = nlohmann::json::parse(result.out)["findings"];
  REQUIRE(findings.size() == 2);
  auto mismatch = findings[0]["rule"] == "roundtrip-mismatch" ? findings[0] : findings[1];
  CHECK(mismatch["rule"] == "roundtrip-mismatch");
  CHECK(mismatch["message"].get<std::string>().find(
            "column users.profile_image_url: absent before the upgrade, text after upgrade → "
            "downgrade") != std::string::npos);
  CHECK(mismatch["location"]["file"].get<std::string>().ends_with(
      "8b41e07c5d22_add_user_profile_image.py"));
  CHECK(mismatch["location"]["line"] == downgrade_line);
  // The second upgrade then fails on the column left behind: at the op call.
  auto failed = findings[0]["rule"] == "upgrade-failed" ? findings[0] : findings[1];
  CHECK(failed["rule"] == "upgrade-failed");
  size_t call = text.find("op.add_column(");
  size_t line_start = text.rfind('\n', call) + 1;
  CHECK(failed["location"]["line"] ==
        1 + static_cast<int>(std::count(text.begin(), text.begin() + call, '\n')));
  CHECK(failed["location"]["column"] == 1 + static_cast<int>(call - line_start));
}

TEST_CASE("a Flyway project without undo files round-trips forward only; configuration applies") {
  TempDir project;
  write_file(project / "sql/V1__create_products.sql", "CREATE TABLE products (id bigint);\n");
  write_file(project / "sql/V2__add_price.sql", "ALTER TABLE products ADD COLUMN price int;\n");
  std::string in_project = "cd " + shell_quote(project.path()) + " && " +
                           std::string(migcheck_binary()) + " roundtrip --format json";
  auto notes = run_command(in_project);
  INFO(notes.err);
  CHECK(notes.exit_code == 0);  // info findings do not fail the run
  auto report = nlohmann::json::parse(notes.out);
  REQUIRE(report["findings"].size() == 2);
  for (const auto& finding : report["findings"]) {
    CHECK(finding["rule"] == "downgrade-not-checked");
    CHECK(finding["severity"] == "info");
  }
  write_file(project / ".migcheck.toml", "[severity]\ndowngrade-not-checked = \"error\"\n");
  auto strict = run_command(in_project);
  CHECK(strict.exit_code == 1);
  write_file(project / ".migcheck.toml", "ignore = [\"downgrade-not-checked\"]\n");
  auto quiet = run_command(in_project);
  CHECK(quiet.exit_code == 0);
  CHECK(nlohmann::json::parse(quiet.out)["findings"].empty());
  // --config names it instead of discovery.
  write_file(project / "ci/strict.toml", "[severity]\ndowngrade-not-checked = \"error\"\n");
  auto named = run_command(in_project + " --config ci/strict.toml");
  INFO(named.err);
  CHECK(named.exit_code == 1);
}
