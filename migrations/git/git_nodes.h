#pragma once
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "migrations/git/git_handle.h"

namespace migcheck {

// One path in a git tree or index, before symbolic links are followed.
struct GitNode {
  enum class Kind { missing, file, directory, symlink, submodule };
  Kind kind = Kind::missing;
  git_oid id{};  // the blob (file, symlink target) or tree; zero for index directories
};

GitNode::Kind kind_of_mode(uint32_t mode);

// Where a git-backed tree finds its paths: a commit's tree objects, or an
// index's flat entry list. Paths are from the repository's top, "" the top.
class GitNodes {
 public:
  virtual ~GitNodes() = default;
  virtual GitNode node(const std::string& path) const = 0;
  // A directory's children, in any order.
  virtual std::vector<std::pair<std::string, GitNode>> children(const std::string& path) const = 0;
};

// Nodes of a tree object, looked up lazily (a tree's subtrees are read only
// when a path goes through them) and kept: libgit2 does not cache a large
// tree, and a versions folder of thousands of revisions would otherwise be
// inflated and parsed again for every file read from it.
class TreeNodes : public GitNodes {
 public:
  TreeNodes(std::shared_ptr<git_repository> repo, const git_tree* tree);
  GitNode node(const std::string& path) const override;
  std::vector<std::pair<std::string, GitNode>> children(const std::string& path) const override;

 private:
  // The tree at `path`, or nullptr when there is no directory there.
  const git_tree* subtree(const std::string& path) const;

  std::shared_ptr<git_repository> repo_;
  TreeHandle tree_;
  mutable std::map<std::string, TreeHandle> subtrees_;
};

// Callers serialise access to a GitNodes (GitFileTree holds a mutex).

// Nodes of an index: its stage-0 entries, plus one chosen entry for each
// conflicted path (added with add_entry).
class IndexNodes : public GitNodes {
 public:
  void add_entry(const git_index_entry& entry);
  GitNode node(const std::string& path) const override;
  std::vector<std::pair<std::string, GitNode>> children(const std::string& path) const override;

 private:
  std::map<std::string, GitNode> entries_;  // sorted, so a directory's entries are contiguous
};

}  // namespace migcheck
