// `migcheck install-hook` in a real git repository: the hook lints what is
// staged and stops a commit of an unsafe migration.
#include <doctest/doctest.h>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

struct Repository {
  TempDir dir;
  CommandResult sh(const std::string& command) const {
    return run_command("cd " + shell_quote(dir.path().string()) + " && " + command);
  }
  CommandResult git(const std::string& arguments) const {
    return sh("git -c user.name=t -c user.email=t@example.com " + arguments);
  }
};

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

  write_file(repo.dir / "db/002_drop.sql", "ALTER TABLE users DROP COLUMN id;\n");
  repo.git("add db/002_drop.sql");
  auto blocked = repo.git("commit -qm unsafe");
  CHECK(blocked.exit_code != 0);
  // git passes a hook's output on to its own standard error.
  CHECK((blocked.out + blocked.err).find("dropping-column") != std::string::npos);

  repo.git("rm -q --cached db/002_drop.sql");
  write_file(repo.dir / "db/003_index.sql", "SELECT 1;\n");
  repo.git("add db/003_index.sql");
  auto allowed = repo.git("commit -qm safe");
  INFO(allowed.out, allowed.err);
  CHECK(allowed.exit_code == 0);
}

TEST_CASE("an existing hook is kept unless told: refused, chained, or replaced") {
  Repository repo;
  REQUIRE(repo.git("init -q -b main .").exit_code == 0);
  write_file(repo.dir / ".git/hooks/pre-commit", "#!/bin/sh\necho earlier-hook-ran\n");
  repo.sh("chmod +x .git/hooks/pre-commit");
  auto binary = shell_quote(migcheck_binary());
  auto refused = repo.sh(binary + " install-hook");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--chain") != std::string::npos);
  REQUIRE(repo.sh(binary + " install-hook --chain").exit_code == 0);
  // Installing again keeps the chain rather than chaining the hook to itself.
  REQUIRE(repo.sh(binary + " install-hook --chain").exit_code == 0);
  write_file(repo.dir / "001.sql", "SELECT 1;\n");
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
