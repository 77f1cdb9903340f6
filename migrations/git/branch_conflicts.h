#pragma once
#include <string>
#include <vector>

#include "linter/finding.h"
#include "migrations/git/repository.h"
#include "migrations/migration_set.h"
#include "migrations/project_loader.h"

namespace migcheck {

// A head of the merged project, and whether it was a head before the merge.
struct MergedHead {
  std::string id;
  std::string file;
  std::vector<std::string> branch_labels;  // as `alembic heads` shows them
  bool on_target = false;                  // already a head on TARGET
  bool on_source = false;                  // already a head on SOURCE
};

// What `migcheck heads --against TARGET [--rev SOURCE]` reports: the project
// as `git checkout TARGET && git merge SOURCE` would leave it, computed by
// libgit2's in-memory merge of the two commits (deletions, renames and edits
// on either side count as git counts them), and the findings about it.
struct MergedHeads {
  // The sides as the findings name them: the refs as given, HEAD as the
  // branch it is on.
  std::string target;
  std::string source;
  std::string merge_base;         // abbreviated commit id
  MigrationSet merged;            // revision files named by their repository paths
  std::vector<MergedHead> heads;  // the merged graph's heads, in its order
  // The heads each side had before the merge (none when the project is not there).
  std::vector<std::string> target_heads;
  std::vector<std::string> source_heads;
  // Several heads that are not one per labelled branch (Alembic's multiple
  // bases): `alembic upgrade head` refuses them, so they always fail, whichever
  // side already had them.
  bool several_heads = false;
  // branch-conflict (the merge leaves more heads than TARGET has) or
  // multiple-heads (TARGET already has as many), merge-conflict (git cannot
  // merge a file of the project), and for numbered SQL layouts
  // duplicate-version and out-of-order-version; then the merged graph's other
  // findings (missing-parent, duplicate-revision-id...).
  std::vector<Finding> findings;
};

// "already a head on main", "a head on feature, added by the merge", ...: what
// the merge did to `head`, with the sides named as given.
std::string head_status(const MergedHead& head, const std::string& target,
                        const std::string& source);

// `root` is the project directory inside the repository
// (GitRepository::tree_path); `options.directory` is ignored (the trees are
// rooted there). InputError for an unknown ref, a shallow clone without the
// merge base, or a project that cannot be read on either side.
MergedHeads heads_against(const GitRepository& repo, const std::string& root,
                          const ProjectOptions& options, const std::string& target,
                          const std::string& source = "HEAD");

}  // namespace migcheck
