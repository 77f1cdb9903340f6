#pragma once
#include <optional>
#include <string>

#include "migrations/git/repository.h"

namespace migcheck {

// The commit that brought a file into a branch, for telling the author whose
// revision is involved.
struct AddingCommit {
  std::string id;       // abbreviated, as `git log --oneline` prints
  std::string author;   // "Name <email>"
  std::string summary;  // the first line of the message
};

// The oldest commit reachable from `tip` but not from `base` whose tree has
// `path` (a repository path) while its first parent's tree has not; nullopt
// when no commit in that range added it.
std::optional<AddingCommit> commit_adding(const GitRepository& repo, const git_oid& tip,
                                          const git_oid& base, const std::string& path);

// A revision's file as loaded from a git tree rooted at `root` with an empty
// label (its display path is then the repository path): the path inside the
// tree, or "" when the file lies elsewhere.
std::string path_in_root(const std::string& file, const std::string& root);

}  // namespace migcheck
