#include "ci/project_selection.h"

#include <filesystem>
#include <memory>

#include "linter/input_error.h"
#include "migrations/file_tree.h"
#include "migrations/git/changed_revisions.h"
#include "migrations/git/git_tree.h"
#include "migrations/git/repository.h"
#include "migrations/project_loader.h"

namespace migcheck {

SelectedProject load_selected_project(const ProjectSelection& selection) {
  ProjectOptions options;
  if (!parse_project_layout(selection.layout, options.layout)) {
    throw InputError("--layout: unknown layout '" + selection.layout +
                     "' (auto, alembic, golang-migrate, flyway, dbmate, sql)");
  }
  if (selection.staged && !selection.rev.empty()) {
    throw InputError("--staged and --rev name two different states: give one of them");
  }
  if (!selection.since.empty() && !selection.rev.empty()) {
    throw InputError("--since compares with HEAD, the index or the working tree, not --rev");
  }
  SelectedProject selected;
  bool uses_git = selection.staged || !selection.rev.empty() || !selection.since.empty();
  if (!uses_git) {
    options.absolute_directory =
        std::filesystem::absolute(selection.directory).lexically_normal().string();
    selected.set = load_project(*disk_tree(selection.directory), options);
    return selected;
  }

  GitRepository repo = GitRepository::open(selection.directory);
  std::string root = repo.tree_path(selection.directory);
  std::unique_ptr<FileTree> tree;
  ChangeTarget target = ChangeTarget::workdir;
  if (selection.staged) {
    tree = index_tree(repo, root, "");
    target = ChangeTarget::index;
  } else if (!selection.rev.empty()) {
    tree = commit_tree(repo, repo.resolve_commit(selection.rev).get(), root, "");
    target = ChangeTarget::head;
  } else {
    // The working tree, as the developer sees it, read from disk.
    options.absolute_directory =
        std::filesystem::absolute(selection.directory).lexically_normal().string();
    tree = disk_tree(selection.directory);
  }
  selected.set = load_project(*tree, options);
  if (!selection.since.empty()) {
    ChangedRevisions changed =
        revisions_changed_since(repo, *tree, selected.set, root, options, selection.since, target);
    selected.only_revisions.emplace(changed.revisions.begin(), changed.revisions.end());
    selected.findings = std::move(changed.findings);
  }
  return selected;
}

}  // namespace migcheck
