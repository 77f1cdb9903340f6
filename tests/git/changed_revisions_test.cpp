#include "migrations/git/changed_revisions.h"

#include <doctest/doctest.h>

#include "linter/input_error.h"
#include "migrations/git/git_heads.h"
#include "migrations/git/git_tree.h"
#include "tests/git/scratch_repo.h"

using namespace migcheck;
using migcheck::testing::alembic_revision;
using migcheck::testing::ScratchRepo;

namespace {

const std::string kVersions = "db/migrations/versions/";

// main: a1 <- a2 <- a3; feature renames a1's file, edits a2, adds f1.
void make_feature(const ScratchRepo& repo) {
  migcheck::testing::write_alembic_project(repo, "db");
  repo.write(kVersions + "a1_init.py", alembic_revision("a1", {}));
  repo.write(kVersions + "a2_users.py", alembic_revision("a2", {"a1"}));
  repo.write(kVersions + "a3_orders.py", alembic_revision("a3", {"a2"}));
  repo.commit("base");
  repo.git("checkout -q -b feature");
  repo.git("mv " + kVersions + "a1_init.py " + kVersions + "a1_renamed.py");
  repo.write(kVersions + "a2_users.py", alembic_revision("a2", {"a1"}) + "\n# edited later\n");
  repo.write(kVersions + "f1_feature.py", alembic_revision("f1", {"a3"}));
  repo.commit("feature");
}

}  // namespace

TEST_CASE("lint --since: new and edited revisions; a renamed file is the same revision") {
  ScratchRepo repo;
  make_feature(repo);
  GitRepository git = GitRepository::open(repo.path().string());
  auto tree = commit_tree(git, git.resolve_commit("HEAD").get(), "db", "");
  MigrationSet set = load_project(*tree, ProjectOptions{});
  ChangedRevisions changed =
      revisions_changed_since(git, *tree, set, "db", ProjectOptions{}, "main", ChangeTarget::head);
  CHECK(changed.revisions == std::vector<std::string>{"a2", "f1"});
  REQUIRE(changed.findings.size() == 1);
  CHECK(changed.findings[0].rule == "editing-applied-migration");
  CHECK(changed.findings[0].severity == Severity::error);
  CHECK(changed.findings[0].location.file == kVersions + "a2_users.py");
  CHECK(changed.findings[0].revision == "a2");
}

TEST_CASE("lint --since --staged reads the index; the working tree through a disk tree") {
  ScratchRepo repo;
  make_feature(repo);
  repo.write(kVersions + "f2_staged.py", alembic_revision("f2", {"f1"}));
  repo.git("add " + kVersions + "f2_staged.py");
  repo.write(kVersions + "a3_orders.py", alembic_revision("a3", {"a2"}) + "\n# not staged\n");
  GitRepository git = GitRepository::open(repo.path().string());

  auto staged = index_tree(git, "db", "");
  MigrationSet staged_set = load_project(*staged, ProjectOptions{});
  ChangedRevisions in_index = revisions_changed_since(
      git, *staged, staged_set, "db", ProjectOptions{}, "main", ChangeTarget::index);
  CHECK(in_index.revisions == std::vector<std::string>{"a2", "f1", "f2"});
  CHECK(in_index.findings.size() == 1);

  auto disk = disk_tree((repo / "db").string());
  MigrationSet disk_set = load_project(*disk, ProjectOptions{});
  ChangedRevisions on_disk = revisions_changed_since(git, *disk, disk_set, "db", ProjectOptions{},
                                                     "main", ChangeTarget::workdir);
  CHECK(on_disk.revisions == std::vector<std::string>{"a2", "a3", "f1", "f2"});
  CHECK(on_disk.findings.size() == 2);
}

TEST_CASE("git_heads: the request the heads command sends") {
  ScratchRepo repo;
  make_feature(repo);
  repo.git("checkout -q main");
  repo.write(kVersions + "m1_main.py", alembic_revision("m1", {"a3"}));
  repo.commit("main adds m1 on a3");
  repo.git("checkout -q feature");

  GitHeadsRequest request;
  request.project_directory = (repo / "db").string();
  request.against = "main";
  GitHeadsReport report = git_heads(request);
  CHECK(report.heads ==
        std::vector<std::string>{"f1 " + kVersions +
                                     "f1_feature.py  a head on feature, added by "
                                     "the merge",
                                 "m1 " + kVersions + "m1_main.py  already a head on main"});
  CHECK(report.summary.ends_with("leaves 2 heads (main has 1 head, feature has 1)"));
  REQUIRE(report.findings.size() == 1);
  CHECK(report.json["findings"][0]["rule"] == "branch-conflict");
  CHECK(report.json["target_heads"].get<std::vector<std::string>>() ==
        std::vector<std::string>{"m1"});
  CHECK(report.json["source_heads"].get<std::vector<std::string>>() ==
        std::vector<std::string>{"f1"});
  CHECK(report.json["heads"][0]["added_by_merge"] == true);
  CHECK(report.json["heads"][1]["head_on_target"] == true);

  request.against.clear();
  request.all_branches = true;
  GitHeadsReport scan = git_heads(request);
  CHECK(scan.summary.starts_with("1 branch checked against main"));
  REQUIRE(scan.table.size() == 2);
  CHECK(scan.table[1][0] == "branch-conflict");
  CHECK(scan.table[1][2] == "feature");
  CHECK(scan.json["conflicts"].size() == 1);
}

TEST_CASE("git_heads: one head per labelled branch passes and says so, not 'leaves 2 heads'") {
  ScratchRepo repo;
  migcheck::testing::write_alembic_project(repo, "db");
  repo.write(kVersions + "a1_accounts.py", alembic_revision("a1", {}, {"accounts"}));
  repo.commit("base");
  repo.git("checkout -q -b feature");
  repo.write(kVersions + "b1_billing.py", alembic_revision("b1", {}, {"billing"}));
  repo.commit("a second labelled base");
  GitHeadsRequest request;
  request.project_directory = (repo / "db").string();
  request.against = "main";
  GitHeadsReport report = git_heads(request);
  CHECK(report.findings.empty());
  CHECK(report.summary.find("leaves one head on each of 2 labelled branches") != std::string::npos);
  CHECK(report.heads[0].starts_with("a1 (accounts) "));
  CHECK(report.json["heads"][1]["branch_labels"].get<std::vector<std::string>>() ==
        std::vector<std::string>{"billing"});
}

TEST_CASE("git_heads rejects option combinations that mean nothing") {
  ScratchRepo repo;
  make_feature(repo);
  GitHeadsRequest request;
  request.project_directory = (repo / "db").string();
  request.rev = "feature";
  CHECK_THROWS_WITH_AS(git_heads(request), doctest::Contains("give --against too"), InputError);
  request.rev = "HEAD";
  request.branches = "origin/*";
  CHECK_THROWS_WITH_AS(git_heads(request), doctest::Contains("only applies with --all-branches"),
                       InputError);
  request.all_branches = true;
  request.against = "main";
  CHECK_THROWS_WITH_AS(git_heads(request), doctest::Contains("give one"), InputError);
}

TEST_CASE("git_heads in a bare repository reads --project as a path inside the tree") {
  ScratchRepo repo;
  make_feature(repo);
  migcheck::testing::TempDir dir;
  std::string bare = (dir / "bare.git").string();
  repo.git("clone -q --bare . " + migcheck::testing::shell_quote(bare));
  std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path(bare);
  GitHeadsRequest request;
  request.project_directory = "db";
  request.against = "main";
  request.rev = "feature";
  GitHeadsReport report = git_heads(request);
  std::filesystem::current_path(previous);
  CHECK(report.heads == std::vector<std::string>{"f1 " + kVersions +
                                                 "f1_feature.py  a head on feature, added by the "
                                                 "merge"});
  CHECK(report.findings.empty());
}
