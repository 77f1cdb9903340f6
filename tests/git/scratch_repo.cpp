#include "tests/git/scratch_repo.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace migcheck::testing {

namespace {

std::string git_prefix(const std::filesystem::path& dir) {
  return "git -C " + shell_quote(dir.string()) +
         " -c user.name=t -c user.email=t@e -c init.defaultBranch=main"
         " -c commit.gpgsign=false -c core.autocrlf=false ";
}

// A Python literal for a list of ids as Alembic's templates write it: None,
// 'a' for one, ('a', 'b') for several.
std::string python_ids(const std::vector<std::string>& ids) {
  if (ids.empty()) return "None";
  if (ids.size() == 1) return "'" + ids[0] + "'";
  std::string text = "(";
  for (const std::string& id : ids) text += "'" + id + "', ";
  return text + ")";
}

}  // namespace

ScratchRepo::ScratchRepo() {
  git("init -q");
}

CommandResult ScratchRepo::try_git_in(const std::string& dir, const std::string& args) {
  return run_command(git_prefix(dir) + args);
}

std::string ScratchRepo::git_in(const std::string& dir, const std::string& args) {
  CommandResult result = try_git_in(dir, args);
  if (result.exit_code != 0) throw std::runtime_error("git " + args + " failed: " + result.err);
  return result.out;
}

CommandResult ScratchRepo::try_git(const std::string& args) const {
  return try_git_in(path().string(), args);
}

std::string ScratchRepo::git(const std::string& args) const {
  return git_in(path().string(), args);
}

void ScratchRepo::write(const std::string& relative, const std::string& text) const {
  write_file(path() / relative, text);
}

std::string ScratchRepo::commit(const std::string& message) const {
  git("add -A");
  git("commit -q --allow-empty -m " + shell_quote(message));
  std::string sha = git("rev-parse HEAD");
  return sha.substr(0, sha.find('\n'));
}

std::string alembic_revision(const std::string& id, const std::vector<std::string>& parents,
                             const std::vector<std::string>& branch_labels) {
  return "\"\"\"" + id + "\n\nRevision ID: " + id + "\n\"\"\"\nrevision = '" + id +
         "'\ndown_revision = " + python_ids(parents) +
         "\nbranch_labels = " + python_ids(branch_labels) +
         "\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\n"
         "def downgrade():\n    pass\n";
}

void add_revision(const ScratchRepo& repo, const std::string& id,
                  const std::vector<std::string>& parents,
                  const std::vector<std::string>& branch_labels) {
  repo.write("db/migrations/versions/" + id + "_rev.py",
             alembic_revision(id, parents, branch_labels));
}

void write_alembic_project(const ScratchRepo& repo, const std::string& project_dir) {
  std::string prefix = project_dir.empty() ? "" : project_dir + "/";
  repo.write(prefix + "alembic.ini",
             "[alembic]\nscript_location = migrations\n"
             "sqlalchemy.url = postgresql://localhost/unused\n");
  repo.write(prefix + "migrations/env.py",
             "from alembic import context\n\ndef run():\n    pass\n\nrun()\n");
  repo.write(prefix + "migrations/script.py.mako", "");
  repo.write(prefix + "migrations/versions/.keep", "");
}

std::vector<std::string> real_alembic_heads(const std::filesystem::path& project_dir) {
  CommandResult result = run_command("cd " + shell_quote(project_dir.string()) +
                                     " && /usr/bin/python3 -m alembic heads");
  if (result.exit_code != 0) throw std::runtime_error("alembic heads failed: " + result.err);
  std::vector<std::string> heads;
  std::istringstream lines(result.out);
  std::string line;
  while (std::getline(lines, line)) {
    std::string id = line.substr(0, line.find(' '));
    if (!id.empty()) heads.push_back(id);
  }
  std::sort(heads.begin(), heads.end());
  return heads;
}

}  // namespace migcheck::testing
