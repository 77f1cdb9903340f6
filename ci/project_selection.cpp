#include "ci/project_selection.h"

#include <filesystem>
#include <memory>

#include "linter/input_error.h"
#include "linter/sql_file.h"
#include "migrations/alembic/offline_sql.h"
#include "migrations/file_tree.h"
#include "migrations/git/changed_revisions.h"
#include "migrations/git/git_tree.h"
#include "migrations/git/repository.h"
#include "migrations/project_environment.h"
#include "migrations/project_loader.h"

namespace migcheck {

namespace {

// Replaces each revision's upgrade SQL with what the real Alembic prints for
// it in offline mode, run with the project's own Python.
void use_alembic_offline_sql(MigrationSet& set, const ProjectSelection& selection) {
  const std::string& project_dir = selection.directory;
  if (set.format != MigrationFormat::alembic) {
    throw InputError(project_dir + ": --sql-source alembic needs an Alembic project");
  }
  std::optional<std::string> python = find_alembic_python();
  if (!python) {
    throw InputError(
        "--sql-source alembic: no python3 can import alembic; install "
        "python3-alembic (or alembic in the project's environment)");
  }
  for (Revision& revision : set.revisions) {
    OfflineSqlRequest request;
    request.python = *python;
    request.project_dir = project_dir;
    request.config = selection.config;
    request.revision = revision.id;
    request.parents = revision.parents;
    request.file = read_source_file(revision.file);
    revision.up = alembic_offline_upgrade_sql(request);
  }
}

}  // namespace

SelectedProject load_selected_project(const ProjectSelection& selection) {
  if (selection.sql_source != "static" && selection.sql_source != "alembic") {
    throw InputError("--sql-source: '" + selection.sql_source + "' is not static or alembic");
  }
  ProjectOptions options;
  options.ini_file = selection.config;
  options.ini_section = selection.name;
  if (!parse_project_layout(selection.layout, options.layout)) {
    throw InputError("--layout: unknown layout '" + selection.layout + "' (" +
                     std::string(kProjectLayoutNames) + ")");
  }
  if (selection.staged && !selection.rev.empty()) {
    throw InputError("--staged and --rev name two different states: give one of them");
  }
  if (selection.sql_source == "alembic" && (selection.staged || !selection.rev.empty())) {
    throw InputError(
        "--sql-source alembic runs Alembic on the working tree: not with --staged or --rev");
  }
  if (!selection.since.empty() && !selection.rev.empty()) {
    throw InputError("--since compares with HEAD, the index or the working tree, not --rev");
  }
  SelectedProject selected;
  bool uses_git = selection.staged || !selection.rev.empty() || !selection.since.empty();
  if (!uses_git) {
    options.absolute_directory =
        std::filesystem::absolute(selection.directory).lexically_normal().string();
    selected.set = load_project(*disk_tree(selection.directory), options, selected.environment);
    if (selection.sql_source == "alembic") use_alembic_offline_sql(selected.set, selection);
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
  selected.set = load_project(*tree, options, selected.environment);
  if (selection.sql_source == "alembic") use_alembic_offline_sql(selected.set, selection);
  if (!selection.since.empty()) {
    ChangedRevisions changed =
        revisions_changed_since(repo, *tree, selected.set, root, options, selection.since, target);
    selected.only_revisions.emplace(changed.revisions.begin(), changed.revisions.end());
    selected.findings = std::move(changed.findings);
  } else if (selection.staged && repo.head_has_commit()) {
    // A pre-commit check reports on what this commit adds or changes. Editing
    // a revision HEAD already has is normal here (it is not deployed until
    // pushed): that is --since's editing-applied-migration, against a branch
    // that deploys.
    ChangedRevisions changed =
        revisions_changed_since(repo, *tree, selected.set, root, options, "HEAD", target);
    selected.only_revisions.emplace(changed.revisions.begin(), changed.revisions.end());
  }
  return selected;
}

std::vector<std::string> disk_revisions_changed_since(const MigrationSet& set,
                                                      const std::string& directory,
                                                      const ProjectOptions& options,
                                                      const std::string& ref) {
  GitRepository repo = GitRepository::open(directory);
  return revisions_changed_since(repo, *disk_tree(directory), set, repo.tree_path(directory),
                                 options, ref, ChangeTarget::workdir)
      .revisions;
}

}  // namespace migcheck
