#pragma once
#include <memory>
#include <string>
#include <vector>

#include "migrations/git/git_handle.h"

namespace migcheck {

// A git repository opened through libgit2 (migcheck never runs `git`).
class GitRepository {
 public:
  // Opens the repository containing `path`, walking up through parent
  // directories as git does; linked worktrees (a `.git` file) and bare
  // repositories open too. InputError when there is none.
  static GitRepository open(const std::string& path);

  // Trees and diffs made from this repository share ownership of it, so they
  // stay valid after this value goes away.
  git_repository* get() const { return repo_.get(); }
  // A second handle on the same repository, for another thread (libgit2
  // objects are not to be shared between threads).
  GitRepository reopen() const;
  std::shared_ptr<git_repository> shared() const { return repo_; }
  bool is_bare() const;
  // True for a shallow clone, whose history stops at a depth.
  bool is_shallow() const;
  // The working directory, absolute and without a trailing '/'; "" when bare.
  std::string workdir() const;

  // Where `directory` lies inside the repository's trees: '/'-separated and
  // relative to the top, "" for the top itself. In a bare repository, which
  // has no files on disk, a relative `directory` is taken as that path inside
  // the tree. InputError when it lies outside the working directory.
  std::string tree_path(const std::string& directory) const;

  // The commit a revision names, resolved as `git rev-parse REF^{commit}`
  // does: branch names, remote-tracking branches (origin/main), tags, full or
  // abbreviated SHAs, HEAD~2, REF^2. InputError naming REF, with the closest
  // branch and tag names, when it names no commit.
  CommitHandle resolve_commit(const std::string& ref) const;

  // HEAD for messages: "main", or "HEAD (detached at 1a2b3c4)".
  std::string describe_head() const;
  // False on an unborn branch (a repository before its first commit).
  bool head_has_commit() const;

  // Short names of local branches, remote-tracking branches and tags
  // ("main", "origin/main", "v1.0"), sorted.
  std::vector<std::string> reference_names() const;

 private:
  explicit GitRepository(RepositoryHandle repo) : repo_(std::move(repo)) {}
  std::shared_ptr<git_repository> repo_;
};

// The first 7 hex digits of an object id, as `git log --oneline` prints.
std::string short_id(const git_oid& id);
std::string full_id(const git_oid& id);

}  // namespace migcheck
