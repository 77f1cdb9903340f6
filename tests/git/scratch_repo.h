#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace migcheck::testing {

// A real git repository in a temp dir, driven with the git CLI (the tests'
// independent view of what git does; migcheck itself only uses libgit2).
class ScratchRepo {
 public:
  ScratchRepo();  // `git init` on branch main
  const std::filesystem::path& path() const { return dir_.path(); }
  std::filesystem::path operator/(const std::string& relative) const { return dir_ / relative; }
  // Runs `git ARGS` in the repository and returns its stdout; throws with
  // stderr when git fails.
  std::string git(const std::string& args) const;
  // Like git(), but returns the result, for commands expected to fail.
  CommandResult try_git(const std::string& args) const;
  // The same, in another repository directory (a clone).
  static std::string git_in(const std::string& dir, const std::string& args);
  static CommandResult try_git_in(const std::string& dir, const std::string& args);
  void write(const std::string& relative, const std::string& text) const;
  // `git add -A && git commit`, returning the new commit's SHA.
  std::string commit(const std::string& message) const;

 private:
  TempDir dir_;
};

// A minimal Alembic revision file (graph tests need no real operations).
std::string alembic_revision(const std::string& id, const std::vector<std::string>& parents,
                             const std::vector<std::string>& branch_labels = {});
// alembic.ini + env.py for a project whose versions live in `versions/`.
void write_alembic_project(const ScratchRepo& repo, const std::string& project_dir);
// Writes revision `id` into the versions folder of the project at db/.
void add_revision(const ScratchRepo& repo, const std::string& id,
                  const std::vector<std::string>& parents,
                  const std::vector<std::string>& branch_labels = {});
// `alembic heads` run by the real Alembic in `project_dir`: the head ids, sorted.
std::vector<std::string> real_alembic_heads(const std::filesystem::path& project_dir);

}  // namespace migcheck::testing
