#include "migrations/git/branch_scan.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "linter/input_error.h"
#include "tests/git/scratch_repo.h"

using namespace migcheck;
using migcheck::testing::add_revision;
using migcheck::testing::real_alembic_heads;
using migcheck::testing::ScratchRepo;
using migcheck::testing::shell_quote;

namespace {

void branch_adding(const ScratchRepo& repo, const std::string& branch, const std::string& from,
                   const std::string& id, const std::vector<std::string>& parents) {
  repo.git("checkout -q -b " + branch + " " + from);
  add_revision(repo, id, parents);
  repo.commit("add " + id);
}

// The number of heads real Alembic sees after `git merge`-ing `branches` into main.
size_t alembic_heads_after_merging(const ScratchRepo& repo,
                                   const std::vector<std::string>& branches) {
  migcheck::testing::TempDir dir;
  std::string clone = (dir / "clone").string();
  repo.git("clone -q --no-local . " + shell_quote(clone));
  for (const std::string& branch : branches) {
    ScratchRepo::git_in(clone, "merge -q --no-edit origin/" + branch);
  }
  return real_alembic_heads(clone + "/db").size();
}

// The entry listing `branch` (its names are ", "-joined with others sharing it).
bool lists(const BranchRevision& revision, const std::string& branch) {
  std::string names = ", " + revision.branch + ", ";
  return names.find(", " + branch + ", ") != std::string::npos;
}

bool conflicts_with_default(const BranchScan& scan, const std::string& branch) {
  for (const BranchConflict& conflict : scan.conflicts) {
    if (!conflict.default_head.empty() && lists(conflict.revisions.front(), branch)) return true;
  }
  return false;
}

// Two branches conflict with each other when one conflict lists them with different revisions.
bool conflict_between(const BranchScan& scan, const std::string& a, const std::string& b) {
  for (const BranchConflict& conflict : scan.conflicts) {
    if (!conflict.default_head.empty()) continue;
    for (const BranchRevision& first : conflict.revisions) {
      for (const BranchRevision& second : conflict.revisions) {
        if (&first != &second && lists(first, a) && lists(second, b)) return true;
      }
    }
  }
  return false;
}

}  // namespace

TEST_CASE("every branch pair whose merge leaves several heads, as git merge and Alembic see it") {
  ScratchRepo repo;
  migcheck::testing::write_alembic_project(repo, "db");
  add_revision(repo, "a1", {});
  add_revision(repo, "a2", {"a1"});
  repo.commit("base");
  branch_adding(repo, "stale", "main", "s1", {"a2"});
  branch_adding(repo, "done", "main", "a3", {"a2"});
  repo.git("checkout -q main");
  repo.git("merge -q --no-edit done");
  branch_adding(repo, "f1", "main", "f1", {"a3"});
  branch_adding(repo, "f2", "main", "f2", {"a3"});
  branch_adding(repo, "f3", "main", "f3", {"a3"});
  branch_adding(repo, "f1-followup", "f1", "g1", {"f1"});
  repo.git("update-ref refs/remotes/origin/f2 f2");
  repo.git("checkout -q main");

  GitRepository git = GitRepository::open(repo.path().string());
  BranchScan scan = scan_branches(git, "db", ProjectOptions{});
  CHECK(scan.default_branch == "main");
  CHECK(scan.default_heads == std::vector<std::string>{"a3"});
  CHECK(scan.merged == std::vector<std::string>{"done", "main"});
  CHECK(scan.checked ==
        std::vector<std::string>{"f1", "f1-followup", "f2", "f3", "origin/f2", "stale"});
  CHECK(scan.unreadable.empty());

  // Branches at one commit are one entry; compare each pair with git + Alembic.
  std::vector<std::string> branches = {"f1", "f1-followup", "f2, origin/f2", "f3", "stale"};
  auto git_name = [](const std::string& entry) { return entry.substr(0, entry.find(',')); };
  for (const std::string& branch : branches) {
    CAPTURE(branch);
    bool expected = alembic_heads_after_merging(repo, {git_name(branch)}) > 1;
    CHECK(conflicts_with_default(scan, branch) == expected);
  }
  for (size_t i = 0; i < branches.size(); ++i) {
    for (size_t j = i + 1; j < branches.size(); ++j) {
      CAPTURE(branches[i]);
      CAPTURE(branches[j]);
      bool expected =
          alembic_heads_after_merging(repo, {git_name(branches[i]), git_name(branches[j])}) > 1;
      bool found = conflicts_with_default(scan, branches[i]) ||
                   conflicts_with_default(scan, branches[j]) ||
                   conflict_between(scan, branches[i], branches[j]);
      CHECK(found == expected);
    }
  }
  // The stale branch's finding names its revision, the moved-on head and the fix.
  auto stale = std::find_if(scan.conflicts.begin(), scan.conflicts.end(),
                            [](const BranchConflict& c) { return !c.default_head.empty(); });
  REQUIRE(stale != scan.conflicts.end());
  CHECK(stale->parent == "a2");
  CHECK(stale->default_head == "a3");
  CHECK(stale->revisions.front().file == "stale:db/migrations/versions/s1_rev.py");
  CHECK(stale->revisions.front().author == "t <t@e>");
  CHECK(stale->help.find("down_revision = 'a3'") != std::string::npos);

  std::vector<Finding> findings = branch_scan_findings(scan);
  CHECK(findings.size() == scan.conflicts.size());
  nlohmann::json json = branch_scan_json(scan);
  CHECK(json["default_branch"] == "main");
  CHECK(json["conflicts"].size() == scan.conflicts.size());

  BranchScan only_f = scan_branches(git, "db", ProjectOptions{}, "f[12]*");
  CHECK(only_f.checked == std::vector<std::string>{"f1", "f1-followup", "f2"});
}

TEST_CASE("numbered SQL branches: duplicate versions across branches and versions below main's") {
  ScratchRepo repo;
  repo.write("db/000001_init.up.sql", "create table a (id int);\n");
  repo.write("db/000001_init.down.sql", "drop table a;\n");
  repo.write("db/000002_more.up.sql", "create table b (id int);\n");
  repo.write("db/000002_more.down.sql", "drop table b;\n");
  repo.commit("init");
  auto add = [&](const std::string& branch, const std::string& from, const std::string& file) {
    repo.git("checkout -q -b " + branch + " " + from);
    repo.write("db/" + file + ".up.sql", "select 1;\n");
    repo.write("db/" + file + ".down.sql", "select 1;\n");
    repo.commit(branch);
  };
  add("old", "main~0", "000003_old");
  add("left", "main", "000004_left");
  add("right", "main", "000004_right");
  add("again", "main", "000002_again");
  repo.git("checkout -q main");
  repo.write("db/000004_main.up.sql", "select 1;\n");
  repo.write("db/000004_main.down.sql", "select 1;\n");
  repo.commit("main 4");

  GitRepository git = GitRepository::open(repo.path().string());
  BranchScan scan = scan_branches(git, "db", ProjectOptions{});
  CHECK(scan.format == MigrationFormat::golang_migrate);
  std::vector<std::string> summary;
  for (const BranchConflict& conflict : scan.conflicts) {
    std::string branches;
    for (const BranchRevision& revision : conflict.revisions) branches += " " + revision.branch;
    summary.push_back(conflict.rule + " " + conflict.revisions.front().id + branches);
  }
  // main already has 2 and 4; left and right both add 4; old adds 3 below main's 4.
  CHECK(summary == std::vector<std::string>{"duplicate-version 2 again",
                                            "duplicate-version 4 left right",
                                            "out-of-order-version 3 old"});
}

TEST_CASE("a shallow clone stops the scan with how to fetch the history") {
  ScratchRepo repo;
  migcheck::testing::write_alembic_project(repo, "db");
  add_revision(repo, "a1", {});
  repo.commit("base");
  branch_adding(repo, "feature", "main", "f1", {"a1"});
  repo.git("checkout -q main");
  add_revision(repo, "m1", {"a1"});
  repo.commit("main moves on");

  migcheck::testing::TempDir dir;
  std::string clone = (dir / "clone").string();
  // --no-single-branch: every branch's tip, each one commit deep.
  ScratchRepo::git_in(dir.path().string(), "clone -q --depth 1 --no-single-branch " +
                                               shell_quote("file://" + repo.path().string()) +
                                               " clone");
  GitRepository shallow = GitRepository::open(clone);
  CHECK_THROWS_WITH_AS(scan_branches(shallow, "db", ProjectOptions{}),
                       doctest::Contains("fetch-depth: 0"), InputError);
}
