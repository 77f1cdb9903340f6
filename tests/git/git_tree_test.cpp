#include "migrations/git/git_tree.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "tests/git/scratch_repo.h"

using namespace migcheck;
using migcheck::testing::ScratchRepo;
using migcheck::testing::shell_quote;

namespace {

std::vector<std::string> names(const std::optional<std::vector<FileTree::Entry>>& entries) {
  std::vector<std::string> result;
  if (!entries) return {"<absent>"};
  for (const auto& entry : *entries) result.push_back(entry.name + (entry.is_directory ? "/" : ""));
  return result;
}

}  // namespace

TEST_CASE("a commit's tree reads the project below its directory at any ref") {
  ScratchRepo scratch;
  scratch.write("app/db/versions/001_a.sql", "create table a();");
  scratch.write("app/db/versions/002_b.sql", "create table b();");
  scratch.write("app/other.txt", "x");
  scratch.commit("one");
  scratch.write("app/db/versions/001_a.sql", "create table a2();");
  scratch.git("rm -q app/db/versions/002_b.sql");
  scratch.commit("two");
  GitRepository repo = GitRepository::open(scratch.path().string());

  auto old_tree = commit_tree(repo, repo.resolve_commit("HEAD~1").get(), "app/db", "HEAD~1:");
  CHECK(names(old_tree->list("")) == std::vector<std::string>{"versions/"});
  CHECK(names(old_tree->list("versions")) == std::vector<std::string>{"001_a.sql", "002_b.sql"});
  CHECK(old_tree->read("versions/001_a.sql") == "create table a();");
  CHECK(old_tree->display_path("versions/001_a.sql") == "HEAD~1:app/db/versions/001_a.sql");
  CHECK(names(old_tree->list("missing")) == std::vector<std::string>{"<absent>"});
  CHECK_FALSE(old_tree->read("versions").has_value());
  CHECK_FALSE(old_tree->read("../other.txt/x").has_value());

  auto new_tree = commit_tree(repo, repo.resolve_commit("main").get(), "app/db", "");
  CHECK(names(new_tree->list("versions")) == std::vector<std::string>{"001_a.sql"});
  CHECK(new_tree->read("versions/001_a.sql") == "create table a2();");
  CHECK(new_tree->display_path("versions/001_a.sql") == "app/db/versions/001_a.sql");
}

TEST_CASE("symlinked version folders resolve inside the tree; loops and escapes read as absent") {
  ScratchRepo scratch;
  scratch.write("shared/versions/001_a.sql", "select 1;");
  scratch.write("shared/versions/nested/002_b.sql", "select 2;");
  std::filesystem::create_directories(scratch / "db");
  std::filesystem::create_directory_symlink("../shared/versions", scratch / "db/versions");
  std::filesystem::create_symlink("versions/001_a.sql", scratch / "db/first.sql");
  std::filesystem::create_symlink("loop_b", scratch / "db/loop_a");
  std::filesystem::create_symlink("loop_a", scratch / "db/loop_b");
  std::filesystem::create_symlink("../../../etc/passwd", scratch / "db/escape");
  scratch.commit("links");
  CHECK(scratch.git("ls-files -s db/versions").starts_with("120000"));
  GitRepository repo = GitRepository::open(scratch.path().string());
  auto tree = commit_tree(repo, repo.resolve_commit("HEAD").get(), "db", "HEAD:");

  CHECK(names(tree->list("")) ==
        std::vector<std::string>{"escape", "first.sql", "loop_a", "loop_b", "versions/"});
  CHECK(names(tree->list("versions")) == std::vector<std::string>{"001_a.sql", "nested/"});
  CHECK(tree->read("versions/nested/002_b.sql") == "select 2;");
  CHECK(tree->read("first.sql") == "select 1;");
  CHECK_FALSE(tree->read("loop_a").has_value());
  CHECK_FALSE(tree->read("escape").has_value());
}

TEST_CASE("non-UTF-8 names and submodules") {
  ScratchRepo scratch;
  std::string latin1 = "caf\xe9.sql";  // "café" in Latin-1: not valid UTF-8
  scratch.write("db/" + latin1, "select 1;");
  scratch.write("db/002_b.sql", "select 2;");
  std::string head = scratch.commit("one");
  // A gitlink entry, as `git submodule add` records one.
  scratch.git("update-index --add --cacheinfo 160000," + head + ",db/vendor");
  scratch.git("commit -q -m submodule");
  GitRepository repo = GitRepository::open(scratch.path().string());
  auto tree = commit_tree(repo, repo.resolve_commit("HEAD").get(), "db", "");
  CHECK(names(tree->list("")) == std::vector<std::string>{"002_b.sql", latin1});
  CHECK(tree->read(latin1) == "select 1;");
  CHECK_FALSE(tree->read("vendor").has_value());
  CHECK(names(tree->list("vendor")) == std::vector<std::string>{"<absent>"});
}

TEST_CASE("the index tree reads what is staged, not the working tree") {
  ScratchRepo scratch;
  scratch.write("db/versions/001_a.sql", "select 1;");
  scratch.commit("one");
  scratch.write("db/versions/001_a.sql", "select 'staged';");
  scratch.write("db/versions/002_b.sql", "select 2;");
  scratch.git("add db");
  scratch.write("db/versions/001_a.sql", "select 'unstaged';");
  scratch.write("db/versions/003_c.sql", "untracked");
  GitRepository repo = GitRepository::open(scratch.path().string());
  auto tree = index_tree(repo, "db", ":");
  CHECK(names(tree->list("versions")) == std::vector<std::string>{"001_a.sql", "002_b.sql"});
  CHECK(tree->read("versions/001_a.sql") == scratch.git("show :db/versions/001_a.sql"));
  CHECK(tree->read("versions/001_a.sql") == "select 'staged';");
  CHECK(names(tree->list("")) == std::vector<std::string>{"versions/"});
  CHECK(tree->display_path("versions/002_b.sql") == ":db/versions/002_b.sql");
}

TEST_CASE("the merged tree equals git merge's result, conflicts included") {
  ScratchRepo scratch;
  scratch.write("db/a.sql", "line 1\nline 2\nline 3\nline 4\nline 5\n");
  scratch.write("db/b.sql", "b\n");
  scratch.write("db/c.sql", "c\n");
  scratch.write("db/d.sql", "d\n");
  scratch.commit("base");
  scratch.git("checkout -q -b feature");
  scratch.write("db/a.sql", "line 1 feature\nline 2\nline 3\nline 4\nline 5\n");
  scratch.write("db/b.sql", "b feature\n");
  scratch.git("rm -q db/c.sql");
  scratch.git("mv db/d.sql db/renamed.sql");
  scratch.write("db/new.sql", "new\n");
  scratch.commit("feature");
  scratch.git("checkout -q main");
  scratch.write("db/a.sql", "line 1\nline 2\nline 3\nline 4\nline 5 main\n");
  scratch.write("db/b.sql", "b main\n");
  scratch.write("db/c.sql", "c edited on main\n");
  scratch.commit("main");

  // What git itself does: merge feature into main in a scratch clone.
  migcheck::testing::TempDir scratch_clone;
  std::string clone = (scratch_clone / "clone").string();
  scratch.git("clone -q . " + shell_quote(clone));
  ScratchRepo::git_in(clone, "checkout -q -b feature origin/feature");
  ScratchRepo::git_in(clone, "checkout -q main");
  CHECK(ScratchRepo::try_git_in(clone, "merge -q --no-edit feature").exit_code != 0);
  std::string unmerged = ScratchRepo::git_in(clone, "diff --name-only --diff-filter=U");
  CHECK(unmerged == "db/b.sql\ndb/c.sql\n");

  GitRepository repo = GitRepository::open(scratch.path().string());
  auto tree = merged_tree(repo, repo.resolve_commit("main").get(),
                          repo.resolve_commit("feature").get(), "db", "main+feature:");
  CHECK(names(tree->list("")) ==
        std::vector<std::string>{"a.sql", "b.sql", "c.sql", "new.sql", "renamed.sql"});
  CHECK(tree->read("a.sql") == migcheck::testing::read_file(clone + "/db/a.sql"));
  CHECK(tree->read("renamed.sql") == "d\n");
  CHECK(tree->read("b.sql") == "b feature\n");         // theirs, for a both-edited file
  CHECK(tree->read("c.sql") == "c edited on main\n");  // the edit survives a delete/edit
  REQUIRE(tree->conflicts().size() == 2);
  const MergeConflict& edit_edit = tree->conflicts()[0];
  CHECK(edit_edit.path == "b.sql");
  CHECK(edit_edit.display_path == "main+feature:db/b.sql");
  CHECK((edit_edit.in_ancestor && edit_edit.in_ours && edit_edit.in_theirs));
  const MergeConflict& delete_edit = tree->conflicts()[1];
  CHECK(delete_edit.path == "c.sql");
  CHECK((delete_edit.in_ancestor && delete_edit.in_ours && !delete_edit.in_theirs));
}
