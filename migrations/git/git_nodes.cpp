#include "migrations/git/git_nodes.h"

namespace migcheck {

GitNode::Kind kind_of_mode(uint32_t mode) {
  switch (mode) {
    case GIT_FILEMODE_TREE:
      return GitNode::Kind::directory;
    case GIT_FILEMODE_BLOB:
    case GIT_FILEMODE_BLOB_EXECUTABLE:
      return GitNode::Kind::file;
    case GIT_FILEMODE_LINK:
      return GitNode::Kind::symlink;
    case GIT_FILEMODE_COMMIT:
      return GitNode::Kind::submodule;
    default:
      return GitNode::Kind::missing;
  }
}

TreeNodes::TreeNodes(std::shared_ptr<git_repository> repo, const git_tree* tree)
    : repo_(std::move(repo)) {
  git_tree* copy = nullptr;
  check_git(git_tree_dup(&copy, const_cast<git_tree*>(tree)), "copying a tree");
  tree_.reset(copy);
}

namespace {

std::pair<std::string, std::string> split_last(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

GitNode node_of(const git_tree_entry* entry) {
  return {kind_of_mode(git_tree_entry_filemode(entry)), *git_tree_entry_id(entry)};
}

}  // namespace

const git_tree* TreeNodes::subtree(const std::string& path) const {
  if (path.empty()) return tree_.get();
  auto cached = subtrees_.find(path);
  if (cached != subtrees_.end()) return cached->second.get();
  auto [parent_path, name] = split_last(path);
  const git_tree* parent = subtree(parent_path);
  const git_tree_entry* entry = parent ? git_tree_entry_byname(parent, name.c_str()) : nullptr;
  TreeHandle tree;
  if (entry && git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
    git_tree* raw = nullptr;
    check_git(git_tree_lookup(&raw, repo_.get(), git_tree_entry_id(entry)), "reading tree " + path);
    tree.reset(raw);
  }
  return subtrees_.emplace(path, std::move(tree)).first->second.get();
}

GitNode TreeNodes::node(const std::string& path) const {
  if (path.empty()) return {GitNode::Kind::directory, *git_tree_id(tree_.get())};
  auto [parent_path, name] = split_last(path);
  const git_tree* parent = subtree(parent_path);
  const git_tree_entry* entry = parent ? git_tree_entry_byname(parent, name.c_str()) : nullptr;
  return entry ? node_of(entry) : GitNode{};
}

std::vector<std::pair<std::string, GitNode>> TreeNodes::children(const std::string& path) const {
  std::vector<std::pair<std::string, GitNode>> result;
  const git_tree* tree = subtree(path);
  if (!tree) return result;
  size_t count = git_tree_entrycount(tree);
  for (size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
    result.emplace_back(git_tree_entry_name(entry), node_of(entry));
  }
  return result;
}

void IndexNodes::add_entry(const git_index_entry& entry) {
  entries_[entry.path] = GitNode{kind_of_mode(entry.mode), entry.id};
}

GitNode IndexNodes::node(const std::string& path) const {
  if (path.empty()) return {GitNode::Kind::directory, {}};
  auto found = entries_.find(path);
  if (found != entries_.end()) return found->second;
  // An index stores files only; a directory is any prefix of their paths.
  std::string prefix = path + "/";
  auto next = entries_.lower_bound(prefix);
  if (next != entries_.end() && next->first.starts_with(prefix)) {
    return {GitNode::Kind::directory, {}};
  }
  return {};
}

std::vector<std::pair<std::string, GitNode>> IndexNodes::children(const std::string& path) const {
  std::vector<std::pair<std::string, GitNode>> result;
  std::string prefix = path.empty() ? "" : path + "/";
  for (auto it = entries_.lower_bound(prefix); it != entries_.end(); ++it) {
    if (!it->first.starts_with(prefix)) break;
    std::string rest = it->first.substr(prefix.size());
    size_t slash = rest.find('/');
    if (slash == std::string::npos) {
      result.emplace_back(rest, it->second);
      continue;
    }
    std::string name = rest.substr(0, slash);
    // Entries below one directory are contiguous: list the directory once.
    if (result.empty() || result.back().first != name ||
        result.back().second.kind != GitNode::Kind::directory) {
      result.emplace_back(name, GitNode{GitNode::Kind::directory, {}});
    }
  }
  return result;
}

}  // namespace migcheck
