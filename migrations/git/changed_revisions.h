#pragma once
#include <string>
#include <vector>

#include "linter/finding.h"
#include "migrations/file_tree.h"
#include "migrations/git/changes.h"
#include "migrations/migration_set.h"
#include "migrations/project_loader.h"

namespace migcheck {

// For `migcheck lint --since REF [--staged]`: which revisions of the linted
// state are new or changed since merge-base(REF, HEAD). The caller lints all
// revisions in order (so the schema memory knows every earlier table) and
// reports findings only for `revisions`.
struct ChangedRevisions {
  std::vector<std::string> revisions;  // ids, in the set's order
  // editing-applied-migration (error) for each revision that already existed
  // at the merge base and whose file was changed: databases that ran it will
  // never see the edit.
  std::vector<Finding> findings;
};

// `tree` is the linted state (a commit_tree, index_tree or disk_tree rooted at
// the project directory), `set` the project loaded from it, `root` the project
// directory inside the repository, and `target` the state `tree` shows. A
// renamed file holds the same revision: unchanged bytes mean nothing to lint.
ChangedRevisions revisions_changed_since(const GitRepository& repo, const FileTree& tree,
                                         const MigrationSet& set, const std::string& root,
                                         const ProjectOptions& options, const std::string& ref,
                                         ChangeTarget target);

}  // namespace migcheck
