#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <thread>

#include "runner/cluster.h"
#include "tests/runner/processes.h"

namespace fs = std::filesystem;
using migcheck::Cluster;
using migcheck::testing::processes_mentioning;

namespace {

// After SIGKILL the watchdog tears down on its own schedule: wait for it, up
// to a generous bound that only a broken teardown reaches.
bool gone_eventually(const fs::path& run_dir) {
  for (int i = 0; i < 300; ++i) {
    if (!fs::exists(run_dir) && processes_mentioning(run_dir.string()) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string server_query(const Cluster& cluster, const std::string& sql) {
  pqxx::connection connection(cluster.endpoint("postgres").conninfo);
  pqxx::nontransaction work(connection);
  return work.exec(sql)[0][0].as<std::string>();
}

// Forks a process that starts a cluster, reports its run dir, and waits to be
// killed with `signal_number`; returns the run dir.
fs::path kill_process_holding_cluster(int signal_number) {
  int report[2];
  REQUIRE(pipe(report) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(report[0]);
    // As in migcheck, not doctest's reporting handlers.
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    try {
      Cluster cluster;
      std::string dir = cluster.run_dir().string() + "\n";
      if (write(report[1], dir.data(), dir.size()) < 0) _exit(3);
      for (;;) pause();
    } catch (...) {
      _exit(2);
    }
  }
  close(report[1]);
  std::string dir;
  char c;
  while (read(report[0], &c, 1) == 1 && c != '\n') dir += c;
  close(report[0]);
  REQUIRE_FALSE(dir.empty());
  CHECK(fs::exists(fs::path(dir) / "data"));
  CHECK(processes_mentioning(dir) > 0);
  kill(child, signal_number);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == signal_number);
  return dir;
}

}  // namespace

TEST_CASE("a cluster answers queries over its socket and leaves nothing behind when stopped") {
  fs::path run_dir;
  {
    Cluster cluster;
    run_dir = cluster.run_dir();
    CHECK(server_query(cluster, "SELECT current_setting('fsync')") == "off");
    CHECK(server_query(cluster, "SELECT current_setting('listen_addresses')") == "");
    CHECK(server_query(cluster, "SELECT current_setting('full_page_writes')") == "off");
    CHECK(server_query(cluster, "SELECT current_setting('server_version_num')").substr(0, 2) ==
          "15");
    CHECK((fs::status(cluster.socket_dir()).permissions() & fs::perms::all) ==
          fs::perms::owner_all);
    CHECK(processes_mentioning(cluster.data_dir().string()) > 0);
  }
  CHECK_FALSE(fs::exists(run_dir));
  CHECK(processes_mentioning(run_dir.string()) == 0);
}

TEST_CASE("as root the server runs as an unprivileged user that owns its directories") {
  if (geteuid() != 0) return;  // the normal-user path is every other test run as non-root
  Cluster cluster;
  struct stat info {};
  REQUIRE(stat(cluster.data_dir().c_str(), &info) == 0);
  CHECK(info.st_uid != 0);
  // The postmaster's pid, from its lock file: unlike a backend's, its process
  // outlives the query that would report it.
  std::ifstream lock_file(cluster.data_dir() / "postmaster.pid");
  std::string pid;
  REQUIRE(std::getline(lock_file, pid));
  struct stat server {};
  REQUIRE(stat(("/proc/" + pid).c_str(), &server) == 0);
  CHECK(server.st_uid == info.st_uid);
}

TEST_CASE("as a normal user the server runs as that user") {
  if (geteuid() != 0) return;  // then every other test here already is this case
  // Become `nobody` in a child, as a CI job that does not run as root would be.
  int report[2];
  REQUIRE(pipe(report) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(report[0]);
    if (setgid(65534) != 0 || setuid(65534) != 0) _exit(3);
    setenv("HOME", "/nonexistent", 1);  // nobody's: the cache falls back to the temp dir
    unsetenv("XDG_CACHE_HOME");
    try {
      Cluster cluster;
      std::string line =
          cluster.run_dir().string() + " " + server_query(cluster, "SELECT current_user") + "\n";
      if (write(report[1], line.data(), line.size()) < 0) _exit(4);
      struct stat info {};
      if (stat(cluster.data_dir().c_str(), &info) != 0 || info.st_uid != 65534) _exit(5);
    } catch (...) {
      _exit(2);
    }
    _exit(0);
  }
  close(report[1]);
  std::string line;
  char c;
  while (read(report[0], &c, 1) == 1 && c != '\n') line += c;
  close(report[0]);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::string run_dir = line.substr(0, line.find(' '));
  CHECK(line.substr(line.find(' ') + 1) == "migcheck");
  CHECK_FALSE(fs::exists(run_dir));
  CHECK(processes_mentioning(run_dir) == 0);
}

TEST_CASE("an exception unwinding past a cluster tears it down") {
  fs::path run_dir;
  try {
    Cluster cluster;
    run_dir = cluster.run_dir();
    throw std::runtime_error("migration failed");
  } catch (const std::runtime_error&) {
  }
  REQUIRE_FALSE(run_dir.empty());
  CHECK_FALSE(fs::exists(run_dir));
  CHECK(processes_mentioning(run_dir.string()) == 0);
}

TEST_CASE("SIGTERM and SIGINT stop the server and remove its directory before the process dies") {
  for (int signal_number : {SIGTERM, SIGINT}) {
    CAPTURE(signal_number);
    fs::path run_dir = kill_process_holding_cluster(signal_number);
    // The handler finished tearing down before re-raising: no waiting here.
    CHECK_FALSE(fs::exists(run_dir));
    CHECK(processes_mentioning(run_dir.string()) == 0);
  }
}

TEST_CASE("SIGKILL of the owning process still stops the server and removes its directory") {
  fs::path run_dir = kill_process_holding_cluster(SIGKILL);
  CHECK(gone_eventually(run_dir));
}

TEST_CASE("two clusters run side by side") {
  Cluster first;
  Cluster second;
  CHECK(first.run_dir() != second.run_dir());
  CHECK(server_query(first, "SELECT 1") == "1");
  CHECK(server_query(second, "SELECT 1") == "1");
}
