#pragma once
#include <string>
#include <vector>

#include "migrations/git/repository.h"

namespace migcheck {

// How one file differs between two states of the repository.
enum class ChangeKind { added, modified, renamed, deleted };
std::string_view to_string(ChangeKind kind);

struct PathChange {
  ChangeKind kind = ChangeKind::modified;
  std::string path;      // relative to the root given; the old path for a deletion
  std::string old_path;  // where a renamed file was; equal to `path` otherwise
  // False only for a rename that kept the bytes (git's similarity 100%).
  bool content_changed = true;
};

// The commit `git merge-base A B` prints. InputError when there is none: for a
// shallow clone it says how to fetch the missing history (`fetch-depth: 0` in
// actions/checkout, `git fetch --deepen=N`, `git fetch --unshallow`); else it
// names the two unrelated histories.
git_oid merge_base(const GitRepository& repo, const git_commit* a, const std::string& a_name,
                   const git_commit* b, const std::string& b_name);

// Which state of the branch a change set ends at.
enum class ChangeTarget {
  head,     // the HEAD commit
  index,    // the staged state (`git diff --cached`), for pre-commit
  workdir,  // the files on disk, untracked ones included
};

struct ChangeSet {
  git_oid base{};                   // merge-base(REF, HEAD)
  std::vector<PathChange> changes;  // sorted by path
};

// What changed below `root` (a repository path, "" for all) between the merge
// base of REF and HEAD and the target state, with renames detected as `git
// diff -M` does. HEAD may be detached; an unborn HEAD or an unknown REF is an
// InputError saying so.
ChangeSet changes_since(const GitRepository& repo, const std::string& ref, const std::string& root,
                        ChangeTarget target);

// The changes between two commits below any of `directories` (repository
// paths), relative to `root`. Used to find what a branch added without
// reading its whole tree.
std::vector<PathChange> commit_changes(const GitRepository& repo, const git_commit* from,
                                       const git_commit* to,
                                       const std::vector<std::string>& directories,
                                       const std::string& root);

}  // namespace migcheck
