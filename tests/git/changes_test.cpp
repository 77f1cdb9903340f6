#include "migrations/git/changes.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "linter/input_error.h"
#include "tests/git/scratch_repo.h"

using namespace migcheck;
using migcheck::testing::ScratchRepo;
using migcheck::testing::shell_quote;

namespace {

// `git diff --name-status` lines, in our terms: "A path", "R old -> new"...
std::vector<std::string> describe(const std::vector<PathChange>& changes) {
  std::vector<std::string> lines;
  for (const PathChange& change : changes) {
    switch (change.kind) {
      case ChangeKind::added:
        lines.push_back("A " + change.path);
        break;
      case ChangeKind::modified:
        lines.push_back("M " + change.path);
        break;
      case ChangeKind::deleted:
        lines.push_back("D " + change.path);
        break;
      case ChangeKind::renamed:
        lines.push_back("R " + change.old_path + " -> " + change.path);
        break;
    }
  }
  return lines;
}

// The same from git's own diff, paths made relative to `root`, sorted by new path.
std::vector<std::string> git_name_status(const ScratchRepo& repo, const std::string& args,
                                         const std::string& root) {
  std::istringstream out(repo.git("diff --no-color -M --name-status " + args + " -- " + root));
  std::vector<std::pair<std::string, std::string>> keyed;
  std::string line;
  auto strip = [&](const std::string& path) { return path.substr(root.size() + 1); };
  while (std::getline(out, line)) {
    std::istringstream fields(line);
    std::string status, first, second;
    fields >> status >> first >> second;
    if (status[0] == 'R') {
      keyed.emplace_back(strip(second), "R " + strip(first) + " -> " + strip(second));
    } else {
      keyed.emplace_back(strip(first), status.substr(0, 1) + " " + strip(first));
    }
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> lines;
  for (auto& [path, text] : keyed) lines.push_back(text);
  return lines;
}

std::string trimmed(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// main: 001..004 in db/versions; feature branch off it changes each kind.
void make_branch_with_every_change(const ScratchRepo& scratch) {
  scratch.write("db/versions/001_a.sql", "create table a (id int, name text, other text);\n");
  scratch.write("db/versions/002_b.sql", "create table b();\n");
  scratch.write("db/versions/003_c.sql", "create table c();\n");
  scratch.write("db/versions/004_d.sql", "create table d (id int, name text, created date);\n");
  scratch.write("README", "outside the project\n");
  scratch.commit("base");
  scratch.git("checkout -q -b feature");
  scratch.write("db/versions/002_b.sql", "create table b(id int);\n");
  scratch.git("rm -q db/versions/003_c.sql");
  scratch.git("mv db/versions/001_a.sql db/versions/001_renamed.sql");
  scratch.git("mv db/versions/004_d.sql db/versions/004_d2.sql");
  scratch.write("db/versions/004_d2.sql",
                "create table d (id int, name text, created date);\n--\n");
  scratch.write("db/versions/005_e.sql", "create table e();\n");
  scratch.write("README", "changed outside\n");
  scratch.commit("feature work");
  scratch.git("checkout -q main");
  scratch.write("db/versions/006_main.sql", "create table m();\n");
  scratch.commit("main moves on");
  scratch.git("checkout -q feature");
}

}  // namespace

TEST_CASE(
    "changes since the merge base match git diff -M, with renames and outside paths left out") {
  ScratchRepo scratch;
  make_branch_with_every_change(scratch);
  GitRepository repo = GitRepository::open(scratch.path().string());
  ChangeSet set = changes_since(repo, "main", "db", ChangeTarget::head);
  CHECK(full_id(set.base) == trimmed(scratch.git("merge-base main HEAD")));
  std::vector<std::string> expected = git_name_status(scratch, "main...HEAD", "db");
  CHECK(describe(set.changes) == expected);
  CHECK(describe(set.changes) ==
        std::vector<std::string>{"R versions/001_a.sql -> versions/001_renamed.sql",
                                 "M versions/002_b.sql", "D versions/003_c.sql",
                                 "R versions/004_d.sql -> versions/004_d2.sql",
                                 "A versions/005_e.sql"});
  CHECK_FALSE(set.changes[0].content_changed);
  CHECK(set.changes[3].content_changed);
}

TEST_CASE("staged and working-tree changes, untracked files included") {
  ScratchRepo scratch;
  make_branch_with_every_change(scratch);
  scratch.write("db/versions/007_staged.sql", "select 1;\n");
  scratch.git("add db/versions/007_staged.sql");
  scratch.write("db/versions/008_untracked.sql", "select 2;\n");
  GitRepository repo = GitRepository::open(scratch.path().string());
  std::string base = trimmed(scratch.git("merge-base main HEAD"));

  ChangeSet staged = changes_since(repo, "main", "db", ChangeTarget::index);
  CHECK(describe(staged.changes) == git_name_status(scratch, "--cached " + base, "db"));
  CHECK(describe(staged.changes).back() == "A versions/007_staged.sql");

  ChangeSet on_disk = changes_since(repo, "main", "db", ChangeTarget::workdir);
  std::vector<std::string> lines = describe(on_disk.changes);
  CHECK(std::find(lines.begin(), lines.end(), "A versions/008_untracked.sql") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "A versions/007_staged.sql") != lines.end());
}

TEST_CASE("detached HEAD works; unborn HEAD and unrelated histories are input errors") {
  ScratchRepo scratch;
  make_branch_with_every_change(scratch);
  scratch.git("checkout -q --detach feature");
  GitRepository repo = GitRepository::open(scratch.path().string());
  CHECK(changes_since(repo, "main", "db", ChangeTarget::head).changes.size() == 5);

  scratch.git("checkout -q --orphan unrelated");
  scratch.git("rm -rq --cached .");
  {
    GitRepository unborn = GitRepository::open(scratch.path().string());
    CHECK_THROWS_WITH_AS(changes_since(unborn, "main", "db", ChangeTarget::head),
                         doctest::Contains("unborn branch 'unrelated', which has no commits yet"),
                         InputError);
  }
  scratch.write("other.txt", "x");
  scratch.git("add other.txt");
  scratch.git("commit -q -m unrelated");
  GitRepository unrelated = GitRepository::open(scratch.path().string());
  CHECK_THROWS_WITH_AS(changes_since(unrelated, "main", "db", ChangeTarget::head),
                       doctest::Contains("no common ancestor"), InputError);
}

TEST_CASE("a shallow clone without the merge base says how to fetch it") {
  ScratchRepo origin;
  make_branch_with_every_change(origin);
  migcheck::testing::TempDir dir;
  std::string clone = (dir / "clone").string();
  std::string url = "file://" + origin.path().string();
  // What actions/checkout does by default: one commit of the branch under test.
  ScratchRepo::git_in(dir.path().string(),
                      "clone -q --depth 1 --branch feature " + shell_quote(url) + " clone");
  ScratchRepo::git_in(clone, "fetch -q --depth 1 origin main:refs/remotes/origin/main");
  // git itself cannot find one either.
  CHECK(ScratchRepo::try_git_in(clone, "merge-base origin/main HEAD").exit_code != 0);

  GitRepository repo = GitRepository::open(clone);
  CHECK(repo.is_shallow());
  CHECK_THROWS_WITH_AS(changes_since(repo, "origin/main", "db", ChangeTarget::head),
                       doctest::Contains("fetch-depth: 0"), InputError);
  CHECK_THROWS_WITH_AS(changes_since(repo, "origin/mian", "db", ChangeTarget::head),
                       doctest::Contains("did you mean 'origin/main'"), InputError);

  // After deepening, the same call answers.
  ScratchRepo::git_in(clone, "fetch -q --unshallow origin");
  GitRepository deepened = GitRepository::open(clone);
  CHECK(changes_since(deepened, "origin/main", "db", ChangeTarget::head).changes.size() == 5);
}
