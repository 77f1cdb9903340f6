#pragma once
#include <memory>
#include <string>
#include <vector>

#include "migrations/file_tree.h"
#include "migrations/git/repository.h"

namespace migcheck {

// FileTrees read from git objects through libgit2, with no checkout. Each is
// rooted at `root`, a directory inside the repository ('/'-separated, "" for
// the top; GitRepository::tree_path gives it for --project), and names its
// files in reports as `label` + the path from the repository's top: label
// "main:" gives "main:db/versions/a.py" (git's own REF:path syntax); label ""
// gives the plain repository-relative path, for trees that match what the
// user edits. Symbolic links stored in the tree (mode 120000) are followed
// inside the tree, so a symlinked versions folder lists and reads as the
// folder it points to; links that leave the repository read as absent.
// Submodules are not descended into and do not appear in listings. Paths are
// bytes: names that are not UTF-8 work unchanged.

// The tree of a commit.
std::unique_ptr<FileTree> commit_tree(const GitRepository& repo, const git_commit* commit,
                                      const std::string& root, const std::string& label);

// The staged state: the repository's index as `git commit` would record it
// (what a pre-commit hook checks).
std::unique_ptr<FileTree> index_tree(const GitRepository& repo, const std::string& root,
                                     const std::string& label);

// A path both sides of a merge changed in ways git cannot combine (edit/edit,
// delete/edit, rename/rename...): `git merge` would stop there.
struct MergeConflict {
  std::string path;          // relative to the merge tree's root
  std::string display_path;  // as the tree reports it
  bool in_ancestor = false;  // which of the three versions exist
  bool in_ours = false;
  bool in_theirs = false;
};

// The result of merging `theirs` into `ours` (`git checkout OURS && git merge
// THEIRS`), computed in memory by libgit2 with rename detection. A conflicted
// file reads as the version of the side that still has it, theirs first
// (where a delete/edit conflict leaves the edited file, as git's working tree
// does); its conflict is listed by conflicts().
class MergedTree : public FileTree {
 public:
  // Conflicts under the tree's root, sorted by path.
  virtual const std::vector<MergeConflict>& conflicts() const = 0;
};

std::unique_ptr<MergedTree> merged_tree(const GitRepository& repo, const git_commit* ours,
                                        const git_commit* theirs, const std::string& root,
                                        const std::string& label);

}  // namespace migcheck
