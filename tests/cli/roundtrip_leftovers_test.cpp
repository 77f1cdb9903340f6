// Nothing outlives a run: `migcheck roundtrip` killed at the instant its
// cluster's directory or its initdb scratch directory appears leaves nothing
// once its watchdog notices, or once the next run starts. Each test points
// the runner at its own TMPDIR, so no other run's directories are in view.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "tests/runner/processes.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace migcheck::testing;

namespace {

// One golang-migrate revision.
void write_project(const TempDir& project) {
  write_file(project / "migrations/000001_items.up.sql", "CREATE TABLE items (id bigint);\n");
  write_file(project / "migrations/000001_items.down.sql", "DROP TABLE items;\n");
}

// A TMPDIR of the test's own. As root the server runs as another user, who
// must reach the directories made in it (a TempDir is 0700).
struct RunnerTemp : TempDir {
  RunnerTemp() {
    fs::permissions(path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
  }
};

// Starts `migcheck roundtrip` on `project` in the background with TMPDIR (and
// XDG_CACHE_HOME, when given) set.
pid_t start_roundtrip(const TempDir& project, const fs::path& tmpdir, const fs::path& cache = {}) {
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    setenv("TMPDIR", tmpdir.c_str(), 1);
    if (!cache.empty()) setenv("XDG_CACHE_HOME", cache.c_str(), 1);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execl(migcheck_binary(), migcheck_binary(), "roundtrip", "--project", project.path().c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return child;
}

// The entries of `dir` whose names start with `prefix`.
std::vector<fs::path> entries(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) found.push_back(entry.path());
  }
  return found;
}

// A cluster's directory: migcheck-…, but neither the initdb scratch nor the
// fallback cache.
std::vector<fs::path> cluster_dirs(const fs::path& dir) {
  std::vector<fs::path> found;
  for (const fs::path& path : entries(dir, "migcheck-")) {
    std::string name = path.filename().string();
    if (name.rfind("migcheck-initdb-", 0) != 0 && name.rfind("migcheck-cache-", 0) != 0) {
      found.push_back(path);
    }
  }
  return found;
}

// Polls (every millisecond, up to 60 s) until `find` finds something.
fs::path appearing(const std::function<std::vector<fs::path>()>& find) {
  for (int i = 0; i < 60000; ++i) {
    std::vector<fs::path> found = find();
    if (!found.empty()) return found.front();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return {};
}

// Waits (up to 15 s) until `path` is gone and no process mentions it.
bool gone_eventually(const fs::path& path) {
  for (int i = 0; i < 300; ++i) {
    if (!fs::exists(path) && processes_mentioning(path.string()) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int wait_for(pid_t child) {
  int status = 0;
  waitpid(child, &status, 0);
  return status;
}

// A directory name that looks like a run of the process `pid`'s.
std::string run_dir_name(const std::string& prefix, pid_t pid) {
  return prefix + "-" + std::to_string(pid) + "-abc123";
}

// A pid that names no process: a child that has exited and been reaped.
pid_t dead_pid() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  wait_for(child);
  return child;
}

}  // namespace

TEST_CASE(
    "killed as its cluster's directory appears, roundtrip leaves nothing once its watchdog "
    "notices") {
  for (int signal_number : {SIGKILL, SIGTERM, SIGINT}) {
    CAPTURE(signal_number);
    TempDir project;
    RunnerTemp tmp;
    write_project(project);
    pid_t child = start_roundtrip(project, tmp.path());
    fs::path run_dir = appearing([&] { return cluster_dirs(tmp.path()); });
    kill(child, signal_number);
    int status = wait_for(child);
    REQUIRE_FALSE(run_dir.empty());
    CHECK(WIFSIGNALED(status));
    CHECK(gone_eventually(run_dir));
    CHECK(cluster_dirs(tmp.path()).empty());
  }
}

TEST_CASE("a run removes the cluster directories of dead runs, never a live run's") {
  TempDir project;
  RunnerTemp tmp;
  write_project(project);
  // Killed with its watchdog, at the instant the directory appears: nobody
  // is left to remove it.
  pid_t child = start_roundtrip(project, tmp.path());
  fs::path killed = appearing([&] { return cluster_dirs(tmp.path()); });
  kill(child, SIGSTOP);
  for (const std::string& watchdog : children_of(child)) kill(std::stoi(watchdog), SIGKILL);
  kill(child, SIGKILL);
  wait_for(child);
  REQUIRE_FALSE(killed.empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(fs::exists(killed));
  fs::path live = tmp / run_dir_name("migcheck", getpid());
  fs::path dead = tmp / run_dir_name("migcheck", dead_pid());
  fs::path older = tmp / "migcheck-Ab3dEf";  // an older migcheck's: its owner is unknown
  for (const fs::path& dir : {live, dead, older}) write_file(dir / "data/PG_VERSION", "15\n");

  child = start_roundtrip(project, tmp.path());
  int status = wait_for(child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(gone_eventually(killed));
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(live));
  CHECK(fs::exists(older));
}

TEST_CASE("killed during the first initdb, roundtrip leaves nothing once the next run starts") {
  for (int signal_number : {SIGKILL, SIGTERM}) {
    CAPTURE(signal_number);
    TempDir project;
    RunnerTemp tmp;
    RunnerTemp cache;  // empty: the template is made afresh
    write_project(project);
    pid_t child = start_roundtrip(project, tmp.path(), cache.path());
    fs::path scratch = appearing([&] { return entries(tmp.path(), "migcheck-initdb-"); });
    kill(child, signal_number);
    wait_for(child);
    REQUIRE_FALSE(scratch.empty());

    child = start_roundtrip(project, tmp.path(), cache.path());
    int status = wait_for(child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(gone_eventually(scratch));  // initdb too
    CHECK(entries(tmp.path(), "migcheck-").empty());
    CHECK(entries(cache / "migcheck", ".pg-template-").empty());
  }
}
