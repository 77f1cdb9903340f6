// `migcheck install-hook` in a real git repository: the hook lints what is
// staged and stops a commit of an unsafe migration.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// The installed hook runs the migcheck on PATH: here, the one under test.
std::string path_with_migcheck() {
  return std::filesystem::path(migcheck_binary()).parent_path().string() + ":" +
         std::getenv("PATH");
}

struct Repository {
  TempDir dir;
  CommandResult sh(const std::string& command, const std::string& path = path_with_migcheck(),
                   const std::string& subfolder = "") const {
    return run_command("cd " + shell_quote((dir / subfolder).string()) +
                       " && PATH=" + shell_quote(path) + " && " + command);
  }
  CommandResult git(const std::string& arguments,
                    const std::string& path = path_with_migcheck()) const {
    return sh("git -c user.name=t -c user.email=t@example.com " + arguments, path);
  }
};

// Through the installed hook, a commit of an unsafe migration in `folder` is
// stopped with the finding named, and then a safe one goes in.
void check_commits_judged(const Repository& repo, const std::string& folder) {
  write_file(repo.dir / folder / "002_drop.sql", "ALTER TABLE users DROP COLUMN id;\n");
  repo.git("add " + shell_quote(folder + "/002_drop.sql"));
  auto blocked = repo.git("commit -qm unsafe");
  CHECK(blocked.exit_code == 1);
  // git passes a hook's output on to its own standard error.
  CHECK((blocked.out + blocked.err).find("dropping-column") != std::string::npos);

  repo.git("rm -q --cached " + shell_quote(folder + "/002_drop.sql"));
  write_file(repo.dir / folder / "003_select.sql", "SELECT 1;\n");
  repo.git("add " + shell_quote(folder + "/003_select.sql"));
  auto allowed = repo.git("commit -qm safe");
  INFO(allowed.out, allowed.err);
  CHECK(allowed.exit_code == 0);
}

}  // namespace

TEST_CASE(
    "the installed hook blocks a commit of an unsafe staged migration and lets a safe one in") {
  Repository repo;
  REQUIRE(repo.git("init -q -b main .").exit_code == 0);
  write_file(repo.dir / "db/001_create.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  REQUIRE(repo.git("add -A && git -c user.name=t -c user.email=t@example.com commit -qm base")
              .exit_code == 0);
  auto install = repo.sh(shell_quote(migcheck_binary()) + " install-hook --project db");
  INFO(install.err);
  REQUIRE(install.exit_code == 0);
  check_commits_judged(repo, "db");
}

TEST_CASE("an existing hook is kept unless told: refused, chained, or replaced") {
  Repository repo;
  REQUIRE(repo.git("init -q -b main .").exit_code == 0);
  write_file(repo.dir / ".git/hooks/pre-commit", "#!/bin/sh\necho earlier-hook-ran\n");
  repo.sh("chmod +x .git/hooks/pre-commit");
  write_file(repo.dir / "001.sql", "SELECT 1;\n");
  auto binary = shell_quote(migcheck_binary());
  auto refused = repo.sh(binary + " install-hook");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--chain") != std::string::npos);
  REQUIRE(repo.sh(binary + " install-hook --chain").exit_code == 0);
  // Installing again keeps the chain rather than chaining the hook to itself.
  REQUIRE(repo.sh(binary + " install-hook --chain").exit_code == 0);
  repo.git("add 001.sql");
  auto commit = repo.git("commit -qm first");
  CHECK(commit.exit_code == 0);
  CHECK((commit.out + commit.err).find("earlier-hook-ran") != std::string::npos);
  REQUIRE(repo.sh(binary + " install-hook --force").exit_code == 0);
  CHECK(read_file(repo.dir / ".git/hooks/pre-commit").find("before-migcheck") == std::string::npos);
}

TEST_CASE("the hook judges what is staged, not findings the repository already had") {
  Repository repo;
  REQUIRE(repo.git("init -q -b main .").exit_code == 0);
  write_file(repo.dir / "db/001_create.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  // An unsafe migration committed before migcheck was installed.
  write_file(repo.dir / "db/002_drop.sql", "ALTER TABLE users DROP COLUMN id;\n");
  REQUIRE(repo.git("add -A && git -c user.name=t -c user.email=t@example.com commit -qm old")
              .exit_code == 0);
  REQUIRE(repo.sh(shell_quote(migcheck_binary()) + " install-hook --project db").exit_code == 0);

  write_file(repo.dir / "README.md", "docs only\n");
  repo.git("add README.md");
  auto docs = repo.git("commit -qm docs");
  INFO(docs.out, docs.err);
  CHECK(docs.exit_code == 0);

  // Editing a committed migration is judged too (it is staged).
  write_file(repo.dir / "db/001_create.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE legacy RENAME TO people;\n");
  repo.git("add db/001_create.sql");
  auto edit = repo.git("commit -qm rename");
  CHECK(edit.exit_code != 0);
  CHECK((edit.out + edit.err).find("renaming-table") != std::string::npos);
  CHECK((edit.out + edit.err).find("dropping-column") == std::string::npos);
}

TEST_CASE("install-hook refuses a directory without a migration project and names --project") {
  Repository repo;
  REQUIRE(repo.git("init -q -b main .").exit_code == 0);
  write_file(repo.dir / "services/api/migrations/001_create.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  auto refused = repo.sh(shell_quote(migcheck_binary()) + " install-hook");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("no migration project found") != std::string::npos);
  CHECK(refused.err.find("pass --project") != std::string::npos);
  CHECK(!std::filesystem::exists(repo.dir / ".git/hooks/pre-commit"));
}

TEST_CASE("a hook for migrations in a subfolder lints them on commit with the migcheck on PATH") {
  Repository repo;
  REQUIRE(repo.git("init -q -b main .").exit_code == 0);
  write_file(repo.dir / "services/api/migrations/001_create.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  write_file(repo.dir / "README.md", "docs\n");
  REQUIRE(repo.git("add -A && git -c user.name=t -c user.email=t@example.com commit -qm base")
              .exit_code == 0);
  // From the project's folder, as the current directory: found there.
  auto install = repo.sh(shell_quote(migcheck_binary()) + " install-hook", path_with_migcheck(),
                         "services/api");
  INFO(install.err);
  REQUIRE(install.exit_code == 0);
  std::string hook = read_file(repo.dir / ".git/hooks/pre-commit");
  CHECK(hook.find("--project 'services/api'") != std::string::npos);
  CHECK(hook.find(migcheck_binary()) == std::string::npos);
  CHECK((std::filesystem::status(repo.dir / ".git/hooks/pre-commit").permissions() &
         std::filesystem::perms::owner_exec) != std::filesystem::perms::none);

  check_commits_judged(repo, "services/api/migrations");

  // Without migcheck on PATH the commit stops, and says why.
  write_file(repo.dir / "services/api/migrations/004_select.sql", "SELECT 2;\n");
  repo.git("add services/api/migrations/004_select.sql");
  auto unchecked = repo.git("commit -qm unchecked", "/usr/bin:/bin");
  CHECK(unchecked.exit_code == 1);
  CHECK(unchecked.err.find("migcheck is not on PATH") != std::string::npos);
}

TEST_CASE("reinstalling a hook that cannot be written leaves the old hook as it was") {
  Repository repo;
  REQUIRE(repo.git("init -q -b main .").exit_code == 0);
  write_file(repo.dir / "db/001_create.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  auto binary = shell_quote(migcheck_binary());
  REQUIRE(repo.sh(binary + " install-hook --project db").exit_code == 0);
  std::string old = read_file(repo.dir / ".git/hooks/pre-commit");
  // No file may grow past 0 bytes: the new hook cannot be written (nor the
  // message, which is why only the exit code is checked).
  auto failed = repo.sh("ulimit -f 0 && " + binary + " install-hook --project db");
  CHECK(failed.exit_code == 2);
  CHECK(read_file(repo.dir / ".git/hooks/pre-commit") == old);
}

TEST_CASE("install-hook --fix: the hook applies the safe fixes and stops the commit for review") {
  Repository repo;
  REQUIRE(repo.git("init -q -b main .").exit_code == 0);
  write_file(repo.dir / "db/001_create.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  REQUIRE(repo.git("add -A && git -c user.name=t -c user.email=t@example.com commit -qm base")
              .exit_code == 0);
  auto install = repo.sh(shell_quote(migcheck_binary()) + " install-hook --fix --project db");
  INFO(install.err);
  REQUIRE(install.exit_code == 0);

  write_file(repo.dir / "db/002_index.sql", "CREATE INDEX users_id_idx ON users (id);\n");
  repo.git("add db/002_index.sql");
  auto stopped = repo.git("commit -qm index");
  INFO(stopped.out, stopped.err);
  CHECK(stopped.exit_code == 1);
  CHECK(stopped.err.find("fixes applied to the working tree") != std::string::npos);
  CHECK(read_file(repo.dir / "db/002_index.sql") ==
        "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY users_id_idx ON users (id);\n");

  // Reviewed and added, the fixed migration goes in.
  repo.git("add db/002_index.sql");
  auto committed = repo.git("commit -qm index");
  INFO(committed.out, committed.err);
  CHECK(committed.exit_code == 0);
}
