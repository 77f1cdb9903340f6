// libgit2 and libpq (and the 31 libraries they bring) are loaded when a
// command first needs them, not at every start: the dynamic loader's own
// trace (LD_DEBUG=files) shows which libraries a run opened.
#include <doctest/doctest.h>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

const std::string kGit =
    "git -c user.name=t -c user.email=t@e -c init.defaultBranch=main -c commit.gpgsign=false";

// Runs migcheck in `dir` with the loader tracing the files it opens to stderr.
CommandResult traced(const TempDir& dir, const std::string& arguments) {
  return run_command("cd " + shell_quote(dir.path().string()) + " && LD_DEBUG=files " +
                     shell_quote(migcheck_binary()) + " " + arguments);
}

bool opened(const CommandResult& run, const std::string& library) {
  return run.err.find("file=" + library) != std::string::npos;
}

TEST_CASE("startup: lint opens neither libgit2 nor libpq; a git command opens libgit2") {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
  write_file(dir / "migrations/env.py", "from alembic import context\n");
  write_file(dir / "migrations/versions/a1_first.py",
             "revision = 'a1'\ndown_revision = None\n\n\ndef upgrade():\n    pass\n");
  write_file(dir / "0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  auto setup = run_command("cd " + shell_quote(dir.path().string()) + " && " + kGit +
                           " init -q . && " + kGit + " add -A && " + kGit + " commit -qm first");
  REQUIRE(setup.exit_code == 0);

  auto lint = traced(dir, "lint 0001_users.sql");
  INFO(lint.err.substr(0, 2000));
  CHECK(lint.exit_code == 0);
  REQUIRE(opened(lint, "libstdc++.so.6"));  // the trace is there at all
  CHECK_FALSE(opened(lint, "libgit2"));
  CHECK_FALSE(opened(lint, "libpq"));

  auto heads = traced(dir, "heads --against main");
  INFO(heads.err.substr(0, 2000));
  CHECK(heads.exit_code == 0);
  CHECK(opened(heads, "libgit2"));
  CHECK_FALSE(opened(heads, "libpq"));
}

}  // namespace
