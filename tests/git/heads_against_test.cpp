#include "migrations/git/branch_conflicts.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "linter/input_error.h"
#include "tests/git/scratch_repo.h"

using namespace migcheck;
using migcheck::testing::add_revision;
using migcheck::testing::alembic_revision;
using migcheck::testing::real_alembic_heads;
using migcheck::testing::ScratchRepo;
using migcheck::testing::shell_quote;

namespace {

// main: a1 <- a2 in the project at db/.
void make_project(const ScratchRepo& repo) {
  migcheck::testing::write_alembic_project(repo, "db");
  add_revision(repo, "a1", {});
  add_revision(repo, "a2", {"a1"});
  repo.commit("base project");
}

// What git and Alembic say: merge SOURCE into TARGET in a scratch clone and
// run the real `alembic heads` there.
std::vector<std::string> alembic_heads_after_merge(const ScratchRepo& repo,
                                                   const std::string& target,
                                                   const std::string& source) {
  migcheck::testing::TempDir dir;
  std::string clone = (dir / "clone").string();
  repo.git("clone -q --no-local . " + shell_quote(clone));
  ScratchRepo::git_in(clone, "checkout -q -B merged origin/" + target);
  ScratchRepo::git_in(clone, "merge -q --no-edit origin/" + source);
  return real_alembic_heads(clone + "/db");
}

std::vector<std::string> sorted(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> rules(const MergedHeads& result) {
  std::vector<std::string> ids;
  for (const Finding& finding : result.findings) ids.push_back(finding.rule);
  return ids;
}

MergedHeads against(const ScratchRepo& repo, const std::string& target, const std::string& source) {
  GitRepository git = GitRepository::open(repo.path().string());
  return heads_against(git, "db", ProjectOptions{}, target, source);
}

}  // namespace

TEST_CASE("two branches adding children of the same parent: branch-conflict, as Alembic sees") {
  ScratchRepo repo;
  make_project(repo);
  repo.git("checkout -q -b feature");
  add_revision(repo, "f1", {"a2"});
  repo.commit("feature revision");
  repo.git("checkout -q main");
  add_revision(repo, "m1", {"a2"});
  repo.commit("main revision");

  MergedHeads result = against(repo, "main", "feature");
  CHECK(sorted(result.merged.graph.heads) == alembic_heads_after_merge(repo, "main", "feature"));
  CHECK(sorted(result.merged.graph.heads) == std::vector<std::string>{"f1", "m1"});
  REQUIRE(rules(result) == std::vector<std::string>{"branch-conflict"});
  const Finding& finding = result.findings[0];
  CHECK(finding.location.file == "db/migrations/versions/f1_rev.py");
  CHECK(finding.location.line == 6);  // down_revision = 'a2', the line a rebase edits
  CHECK(finding.revision == "f1");
  CHECK(finding.message.find("leaves 2 heads: ") != std::string::npos);
  CHECK(finding.message.find(
            "m1 (already a head on main: db/migrations/versions/m1_rev.py, added in") !=
        std::string::npos);
  CHECK(finding.message.find("f1 (a head on feature, added by the merge: "
                             "db/migrations/versions/f1_rev.py") != std::string::npos);
  CHECK(finding.message.find("by t <t@e>") != std::string::npos);
  CHECK(finding.help.view().find("alembic merge") != std::string::npos);
  CHECK(finding.help.view().find("down_revision = 'm1'") != std::string::npos);
  CHECK(result.target_heads == std::vector<std::string>{"m1"});
  CHECK(result.source_heads == std::vector<std::string>{"f1"});

  // Once rebased onto main's head, the merge has one head again.
  repo.git("checkout -q feature");
  repo.git("rebase -q main");
  add_revision(repo, "f1", {"m1"});
  repo.commit("rebase f1 onto m1");
  MergedHeads rebased = against(repo, "main", "feature");
  CHECK(sorted(rebased.merged.graph.heads) == alembic_heads_after_merge(repo, "main", "feature"));
  CHECK(rebased.merged.graph.heads == std::vector<std::string>{"f1"});
  CHECK(rebased.findings.empty());
}

TEST_CASE("HEAD is the default source, detached or not; a merge revision already present") {
  ScratchRepo repo;
  make_project(repo);
  repo.git("checkout -q -b feature");
  add_revision(repo, "f1", {"a2"});
  repo.commit("feature revision");
  repo.git("checkout -q main");
  add_revision(repo, "m1", {"a2"});
  repo.commit("main revision");
  repo.git("checkout -q feature");
  repo.git("merge -q --no-edit main");
  add_revision(repo, "merge1", {"f1", "m1"});
  repo.commit("alembic merge");
  repo.git("checkout -q --detach feature");

  GitRepository git = GitRepository::open(repo.path().string());
  MergedHeads result = heads_against(git, "db", ProjectOptions{}, "main");
  CHECK(sorted(result.merged.graph.heads) == alembic_heads_after_merge(repo, "main", "feature"));
  CHECK(result.merged.graph.heads == std::vector<std::string>{"merge1"});
  CHECK(result.findings.empty());
}

TEST_CASE("a revision deleted on one branch and edited on the other is a merge conflict") {
  ScratchRepo repo;
  make_project(repo);
  repo.git("checkout -q -b feature");
  repo.write("db/migrations/versions/a2_rev.py",
             alembic_revision("a2", {"a1"}) + "\n# edited on feature\n");
  repo.commit("edit a2");
  repo.git("checkout -q main");
  repo.git("rm -q db/migrations/versions/a2_rev.py");
  repo.commit("delete a2");

  migcheck::testing::TempDir dir;
  std::string clone = (dir / "clone").string();
  repo.git("clone -q --no-local . " + shell_quote(clone));
  CHECK(ScratchRepo::try_git_in(clone, "merge -q --no-edit origin/feature").exit_code != 0);
  CHECK(ScratchRepo::git_in(clone, "diff --name-only --diff-filter=U") ==
        "db/migrations/versions/a2_rev.py\n");

  MergedHeads result = against(repo, "main", "feature");
  REQUIRE(rules(result) == std::vector<std::string>{"merge-conflict"});
  CHECK(result.findings[0].location.file == "db/migrations/versions/a2_rev.py");
  CHECK(result.findings[0].message.find("deleted on one side and changed on the other") !=
        std::string::npos);
  // The edited file survives, as in git's working tree after the failed merge.
  CHECK(result.merged.graph.heads == std::vector<std::string>{"a2"});
}

TEST_CASE("numbered SQL: the same version on both sides, and a version below the target's newest") {
  ScratchRepo repo;
  repo.write("db/000001_init.up.sql", "create table a (id int);\n");
  repo.write("db/000001_init.down.sql", "drop table a;\n");
  repo.commit("init");
  repo.git("checkout -q -b late");
  repo.write("db/000002_late.up.sql", "create table l (id int);\n");
  repo.write("db/000002_late.down.sql", "drop table l;\n");
  repo.commit("late 2");
  repo.git("checkout -q -b same main");
  repo.write("db/000003_same.up.sql", "create table s (id int);\n");
  repo.write("db/000003_same.down.sql", "drop table s;\n");
  repo.commit("same 3");
  repo.git("checkout -q main");
  repo.write("db/000003_main.up.sql", "create table m (id int);\n");
  repo.write("db/000003_main.down.sql", "drop table m;\n");
  repo.commit("main 3");

  MergedHeads late = against(repo, "main", "late");
  REQUIRE(rules(late) == std::vector<std::string>{"out-of-order-version"});
  CHECK(late.findings[0].location.file == "db/000002_late.up.sql");
  CHECK(late.findings[0].message.find("already has version 3") != std::string::npos);

  MergedHeads same = against(repo, "main", "same");
  std::vector<std::string> found = rules(same);
  CHECK(std::count(found.begin(), found.end(), "duplicate-version") >= 1);
  CHECK(std::count(found.begin(), found.end(), "out-of-order-version") == 0);
}

TEST_CASE("unknown refs and a shallow clone are input errors that say what to do") {
  ScratchRepo repo;
  make_project(repo);
  repo.git("checkout -q -b feature");
  add_revision(repo, "f1", {"a2"});
  repo.commit("feature");
  CHECK_THROWS_WITH_AS(against(repo, "mian", "feature"), doctest::Contains("did you mean 'main'"),
                       InputError);
  repo.git("checkout -q main");
  add_revision(repo, "m1", {"a2"});
  repo.commit("main moves on");

  migcheck::testing::TempDir dir;
  std::string clone = (dir / "clone").string();
  ScratchRepo::git_in(dir.path().string(), "clone -q --depth 1 --branch feature " +
                                               shell_quote("file://" + repo.path().string()) +
                                               " clone");
  ScratchRepo::git_in(clone, "fetch -q --depth 1 origin main:refs/remotes/origin/main");
  GitRepository shallow = GitRepository::open(clone);
  CHECK_THROWS_WITH_AS(heads_against(shallow, "db", ProjectOptions{}, "origin/main"),
                       doctest::Contains("fetch-depth: 0"), InputError);
}

TEST_CASE("a project at the repository's top whose versions folder is a symlink") {
  ScratchRepo repo;
  migcheck::testing::write_alembic_project(repo, "");
  std::filesystem::remove_all(repo / "migrations/versions");
  repo.write("shared/versions/a1_rev.py", alembic_revision("a1", {}));
  std::filesystem::create_directory_symlink("../shared/versions", repo / "migrations/versions");
  repo.commit("base");
  repo.git("checkout -q -b feature");
  repo.write("shared/versions/f1_rev.py", alembic_revision("f1", {"a1"}));
  repo.commit("feature");
  repo.git("checkout -q main");
  repo.write("shared/versions/m1_rev.py", alembic_revision("m1", {"a1"}));
  repo.commit("main");

  migcheck::testing::TempDir dir;
  std::string clone = (dir / "clone").string();
  repo.git("clone -q --no-local . " + shell_quote(clone));
  ScratchRepo::git_in(clone, "merge -q --no-edit origin/feature");
  std::vector<std::string> expected = real_alembic_heads(clone);

  GitRepository git = GitRepository::open(repo.path().string());
  MergedHeads result = heads_against(git, "", ProjectOptions{}, "main", "feature");
  CHECK(sorted(result.merged.graph.heads) == expected);
  CHECK(expected == std::vector<std::string>{"f1", "m1"});
  CHECK(rules(result) == std::vector<std::string>{"branch-conflict"});
}

TEST_CASE("a project the branch creates has nothing to conflict with on the target") {
  ScratchRepo repo;
  repo.write("README", "no project yet\n");
  repo.commit("init");
  repo.git("checkout -q -b feature");
  make_project(repo);
  MergedHeads result = against(repo, "main", "feature");
  CHECK(result.merged.graph.heads == std::vector<std::string>{"a2"});
  CHECK(result.findings.empty());
}

TEST_CASE("heads the target already has fail the merge too, and say which side had them") {
  ScratchRepo repo;
  make_project(repo);
  repo.git("checkout -q -b feature");
  repo.write("README", "docs only\n");
  repo.commit("feature touches no revision");
  repo.git("checkout -q main");
  add_revision(repo, "m1", {"a2"});
  add_revision(repo, "m2", {"a2"});
  repo.commit("main forgets a merge");

  MergedHeads result = against(repo, "main", "feature");
  CHECK(sorted(result.merged.graph.heads) == alembic_heads_after_merge(repo, "main", "feature"));
  CHECK(result.several_heads);
  REQUIRE(rules(result) == std::vector<std::string>{"multiple-heads"});
  const Finding& finding = result.findings[0];
  CHECK(finding.message.find("leaves 2 heads (main already has 2 heads): ") != std::string::npos);
  CHECK(finding.message.find("m1 (already a head on main: ") != std::string::npos);
  CHECK(finding.message.find("m2 (already a head on main: ") != std::string::npos);
  CHECK(finding.help.view().find("alembic merge -m \"merge heads\" m1 m2") != std::string::npos);
  for (const MergedHead& head : result.heads) {
    CHECK(head.on_target);
    CHECK_FALSE(head.on_source);
  }
}

TEST_CASE("a branch forked from a target with two heads: one on both sides, one the branch adds") {
  ScratchRepo repo;
  make_project(repo);
  add_revision(repo, "m1", {"a2"});
  add_revision(repo, "m2", {"a2"});
  repo.commit("main has two heads");
  repo.git("checkout -q -b feature");
  add_revision(repo, "f1", {"m1"});
  repo.commit("feature builds on m1");

  MergedHeads result = against(repo, "main", "feature");
  CHECK(sorted(result.merged.graph.heads) == alembic_heads_after_merge(repo, "main", "feature"));
  REQUIRE(rules(result) == std::vector<std::string>{"multiple-heads"});
  const std::string& message = result.findings[0].message;
  CHECK(message.find("(main and feature already have 2 and 2 heads)") != std::string::npos);
  CHECK(message.find("m2 (already a head on both main and feature: ") != std::string::npos);
  CHECK(message.find("f1 (a head on feature, added by the merge: ") != std::string::npos);
  // Rebasing f1 onto m2 would make m1 a head again: only a merge helps.
  CHECK(result.findings[0].help.view().find("rebase") == std::string::npos);
  CHECK(result.findings[0].help.view().find("merge main's heads on main first") !=
        std::string::npos);
}

TEST_CASE("a branch with two heads of its own brings them to the target") {
  ScratchRepo repo;
  make_project(repo);
  repo.git("checkout -q -b feature");
  add_revision(repo, "f1", {"a2"});
  add_revision(repo, "f2", {"a2"});
  repo.commit("two revisions on one parent");

  MergedHeads result = against(repo, "main", "feature");
  CHECK(sorted(result.merged.graph.heads) == alembic_heads_after_merge(repo, "main", "feature"));
  REQUIRE(rules(result) == std::vector<std::string>{"branch-conflict"});
  CHECK(result.findings[0].message.find("(feature already has 2 heads)") != std::string::npos);
  CHECK(result.findings[0].message.find("f2 (a head on feature, added by the merge") !=
        std::string::npos);
  CHECK(result.findings[0].help.view().find(
            "or rebase f1 onto f2 by setting its down_revision = 'f2'") != std::string::npos);
}

TEST_CASE("labelled branches (Alembic's multiple bases) with one head each are not a conflict") {
  ScratchRepo repo;
  migcheck::testing::write_alembic_project(repo, "db");
  add_revision(repo, "a1", {}, {"accounts"});
  repo.commit("one labelled branch");
  repo.git("checkout -q -b feature");
  add_revision(repo, "b1", {}, {"billing"});
  repo.commit("a second base with its own label");
  repo.git("checkout -q main");
  add_revision(repo, "a2", {"a1"});
  repo.commit("accounts moves on");

  MergedHeads labelled = against(repo, "main", "feature");
  CHECK(sorted(labelled.merged.graph.heads) == alembic_heads_after_merge(repo, "main", "feature"));
  CHECK(sorted(labelled.merged.graph.heads) == std::vector<std::string>{"a2", "b1"});
  CHECK_FALSE(labelled.several_heads);
  CHECK(labelled.findings.empty());
  for (const MergedHead& head : labelled.heads) CHECK(head.branch_labels.size() == 1);

  // A second head on one label is a conflict again.
  repo.git("checkout -q feature");
  add_revision(repo, "b2", {"b1"});
  add_revision(repo, "b3", {"b1"});
  repo.commit("billing forks");
  MergedHeads forked = against(repo, "main", "feature");
  CHECK(forked.several_heads);
  CHECK(rules(forked) == std::vector<std::string>{"branch-conflict"});
}
