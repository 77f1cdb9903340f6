// `migcheck heads --against REF` and `pre-deploy-check --against REF` through
// the real binary, on real git repositories: several heads after the merge
// fail the run whichever side already had them, in every output.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// A git repository holding an Alembic project at its top, driven with the git CLI.
class Repo {
 public:
  Repo() {
    write_file(dir_ / "alembic.ini", "[alembic]\nscript_location = migrations\n");
    write_file(dir_ / "migrations/env.py", "from alembic import context\n");
    write_file(dir_ / "migrations/versions/.keep", "");
    sh(kGit + " init -q .");
  }

  void revision(const std::string& id, const std::string& parent) const {
    write_file(dir_ / ("migrations/versions/" + id + "_rev.py"),
               "revision = '" + id +
                   "'\ndown_revision = " + (parent.empty() ? "None" : "'" + parent + "'") +
                   "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\n"
                   "def downgrade():\n    pass\n");
  }

  void sh(const std::string& command) const {
    auto result = run_command("cd " + shell_quote(dir_.path().string()) + " && " + command);
    INFO(command, result.err);
    REQUIRE(result.exit_code == 0);
  }

  void commit(const std::string& message) const {
    sh(kGit + " add -A && " + kGit + " commit -qm " + shell_quote(message));
  }

  CommandResult migcheck(const std::string& arguments) const {
    return run_command("cd " + shell_quote(dir_.path().string()) + " && " +
                       shell_quote(migcheck_binary()) + " " + arguments);
  }

  static inline const std::string kGit =
      "git -c user.name=t -c user.email=t@e -c init.defaultBranch=main -c commit.gpgsign=false";

 private:
  TempDir dir_;
};

// main: a1 with two heads m1 and m2 on it; feature, forked at a1, adds nothing
// to the graph.
void main_with_two_heads(const Repo& repo) {
  repo.revision("a1", "");
  repo.commit("base");
  repo.sh(Repo::kGit + " checkout -qb feature");
  repo.sh("echo docs > README && " + Repo::kGit + " add -A && " + Repo::kGit + " commit -qm docs");
  repo.sh(Repo::kGit + " checkout -q main");
  repo.revision("m1", "a1");
  repo.revision("m2", "a1");
  repo.commit("two heads on main");
  repo.sh(Repo::kGit + " checkout -q feature");
}

}  // namespace

TEST_CASE("heads --against: the target's own two heads fail the merge, in text and JSON") {
  Repo repo;
  main_with_two_heads(repo);

  auto text = repo.migcheck("heads --against main");
  INFO(text.out, text.err);
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("leaves 2 heads (main has 2 heads, feature has 1)") != std::string::npos);
  CHECK(text.out.find("m1 migrations/versions/m1_rev.py  already a head on main") !=
        std::string::npos);
  CHECK(text.out.find("(main already has 2 heads)") != std::string::npos);
  CHECK(text.out.find("[multiple-heads]") != std::string::npos);

  auto json = repo.migcheck("heads --against main --format json");
  CHECK(json.exit_code == 1);
  auto report = nlohmann::json::parse(json.out);
  CHECK(report["target_heads"].size() == 2);
  CHECK(report["source_heads"].size() == 1);
  REQUIRE(report["findings"].size() == 1);
  CHECK(report["findings"][0]["rule"] == "multiple-heads");
  for (const auto& head : report["heads"]) {
    CHECK(head["head_on_target"] == true);
    CHECK(head["added_by_merge"] == false);
  }
}

TEST_CASE("heads --against: a merge that adds a second head fails; one head passes") {
  Repo repo;
  repo.revision("a1", "");
  repo.commit("base");
  repo.sh(Repo::kGit + " checkout -qb feature");
  repo.revision("f1", "a1");
  repo.commit("feature");
  repo.sh(Repo::kGit + " checkout -q main");
  repo.revision("m1", "a1");
  repo.commit("main");
  repo.sh(Repo::kGit + " checkout -q feature");

  auto conflict = repo.migcheck("heads --against main");
  INFO(conflict.out, conflict.err);
  CHECK(conflict.exit_code == 1);
  CHECK(conflict.out.find("f1 migrations/versions/f1_rev.py  a head on feature, added by the "
                          "merge") != std::string::npos);
  CHECK(conflict.out.find("[branch-conflict]") != std::string::npos);

  repo.revision("f1", "m1");
  repo.sh(Repo::kGit + " merge -q --no-edit main");
  repo.commit("rebase f1 onto m1");
  auto clean = repo.migcheck("heads --against main");
  INFO(clean.out, clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.find("leaves 1 head (main has 1 head, feature has 1)") != std::string::npos);
}

TEST_CASE("pre-deploy-check --against: the target's two heads fail the graph check") {
  Repo repo;
  main_with_two_heads(repo);
  auto result = repo.migcheck("pre-deploy-check --against main --no-roundtrip --format json");
  INFO(result.out, result.err);
  CHECK(result.exit_code == 1);
  auto report = nlohmann::json::parse(result.out);
  bool graph_failed = false;
  for (const auto& check : report["checks"]) {
    if (check["name"] == "graph") graph_failed = check["status"] == "failed";
  }
  CHECK(graph_failed);
  // One finding about the heads (lint's own multiple-heads gives way to the merge's).
  std::vector<std::string> messages;
  for (const auto& finding : report["findings"]) {
    if (finding["rule"] == "multiple-heads") messages.push_back(finding["message"]);
  }
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("main already has 2 heads") != std::string::npos);
}
