#pragma once
#include <string>
#include <vector>

#include "linter/finding.h"
#include "migrations/git/repository.h"
#include "migrations/migration_set.h"
#include "migrations/project_loader.h"

namespace migcheck {

// What `migcheck heads --against TARGET [--rev SOURCE]` reports: the project
// as `git checkout TARGET && git merge SOURCE` would leave it, computed by
// libgit2's in-memory merge of the two commits (deletions, renames and edits
// on either side count as git counts them), and the findings about it.
struct MergedHeads {
  std::string target;  // the refs as given
  std::string source;
  std::string merge_base;  // abbreviated commit id
  MigrationSet merged;     // revision files named by their repository paths
  // branch-conflict (the merge leaves more heads than TARGET has),
  // merge-conflict (git cannot merge a file of the project), and for numbered
  // SQL layouts duplicate-version and out-of-order-version; then the merged
  // graph's other findings (missing-parent, duplicate-revision-id...).
  std::vector<Finding> findings;
};

// `root` is the project directory inside the repository
// (GitRepository::tree_path); `options.directory` is ignored (the trees are
// rooted there). InputError for an unknown ref, a shallow clone without the
// merge base, or a project that cannot be read on either side.
MergedHeads heads_against(const GitRepository& repo, const std::string& root,
                          const ProjectOptions& options, const std::string& target,
                          const std::string& source = "HEAD");

}  // namespace migcheck
