#include "migrations/git/repository.h"

#include <doctest/doctest.h>

#include "linter/input_error.h"
#include "tests/git/scratch_repo.h"

using namespace migcheck;
using migcheck::testing::ScratchRepo;
using migcheck::testing::shell_quote;

namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string error_of(const GitRepository& repo, const std::string& ref) {
  try {
    repo.resolve_commit(ref);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("opens the repository containing a nested directory") {
  ScratchRepo scratch;
  scratch.write("app/db/alembic.ini", "");
  scratch.commit("init");
  GitRepository repo = GitRepository::open((scratch / "app/db").string());
  CHECK_FALSE(repo.is_bare());
  CHECK(repo.tree_path((scratch / "app/db").string()) == "app/db");
  CHECK(repo.tree_path(scratch.path().string()) == "");
  CHECK_THROWS_AS(repo.tree_path("/"), InputError);
}

TEST_CASE("a directory outside any repository is an input error") {
  migcheck::testing::TempDir dir;
  CHECK_THROWS_AS(GitRepository::open(dir.path().string()), InputError);
}

TEST_CASE("resolves revisions as git rev-parse does") {
  ScratchRepo scratch;
  scratch.write("a.txt", "1");
  std::string first = scratch.commit("one");
  scratch.write("a.txt", "2");
  scratch.commit("two");
  scratch.write("a.txt", "3");
  std::string third = scratch.commit("three");
  scratch.git("tag v1 HEAD~1");
  scratch.git("tag -a -m annotated v2 HEAD");
  scratch.git("branch feature HEAD~2");
  scratch.git("update-ref refs/remotes/origin/main HEAD~1");
  GitRepository repo = GitRepository::open(scratch.path().string());

  for (const std::string& ref :
       std::vector<std::string>{"HEAD", "main", "HEAD~2", "feature", "v1", "v2", "origin/main",
                                "main^", first.substr(0, 8), third}) {
    CAPTURE(ref);
    std::string expected = trimmed(scratch.git("rev-parse " + shell_quote(ref + "^{commit}")));
    CHECK(full_id(*git_commit_id(repo.resolve_commit(ref).get())) == expected);
  }
}

TEST_CASE("an unknown revision names itself and the closest branches") {
  ScratchRepo scratch;
  scratch.commit("one");
  scratch.git("branch feature/payments");
  scratch.git("update-ref refs/remotes/origin/main HEAD");
  GitRepository repo = GitRepository::open(scratch.path().string());
  std::string message = error_of(repo, "mian");
  CHECK(message.find("'mian'") != std::string::npos);
  CHECK(message.find("did you mean 'main'") != std::string::npos);
  CHECK(error_of(repo, "origin/mian~1").find("'origin/main'") != std::string::npos);
  CHECK(error_of(repo, "feature/payment").find("'feature/payments'") != std::string::npos);
  CHECK(error_of(repo, "zzzzzzzzzz").find("did you mean") == std::string::npos);
  CHECK(error_of(repo, "HEAD~5").find("unknown git revision 'HEAD~5'") != std::string::npos);
}

TEST_CASE("detached HEAD and unborn branches are described plainly") {
  ScratchRepo scratch;
  {
    GitRepository repo = GitRepository::open(scratch.path().string());
    CHECK(repo.describe_head() == "unborn branch 'main'");
    std::string message = error_of(repo, "HEAD");
    CHECK(message.find("no commits yet") != std::string::npos);
  }
  scratch.commit("one");
  std::string second = scratch.commit("two");
  scratch.git("checkout -q --detach HEAD~1");
  GitRepository repo = GitRepository::open(scratch.path().string());
  std::string head = trimmed(scratch.git("rev-parse --short=7 HEAD"));
  CHECK(repo.describe_head() == "HEAD (detached at " + head + ")");
  CHECK(full_id(*git_commit_id(repo.resolve_commit("main").get())) == second);
}

TEST_CASE("opens linked worktrees and bare repositories") {
  ScratchRepo scratch;
  scratch.write("db/x.sql", "select 1;");
  scratch.commit("one");
  migcheck::testing::TempDir other;
  std::string worktree = (other / "wt").string();
  scratch.git("worktree add -q -b side " + shell_quote(worktree));
  GitRepository linked = GitRepository::open(worktree + "/db");
  CHECK(linked.tree_path(worktree + "/db") == "db");
  CHECK(linked.describe_head() == "side");

  std::string bare = (other / "bare.git").string();
  scratch.git("clone -q --bare . " + shell_quote(bare));
  GitRepository opened = GitRepository::open(bare);
  CHECK(opened.is_bare());
  CHECK(opened.tree_path(bare) == "");
  CHECK(opened.tree_path("db") == "db");
  CHECK(full_id(*git_commit_id(opened.resolve_commit("main").get())) ==
        trimmed(scratch.git("rev-parse main")));
}
