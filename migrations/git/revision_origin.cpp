#include "migrations/git/revision_origin.h"

namespace migcheck {

namespace {

bool tree_has(const git_commit* commit, const std::string& path) {
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit) < 0) return false;
  TreeHandle tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  if (git_tree_entry_bypath(&raw_entry, tree.get(), path.c_str()) < 0) return false;
  TreeEntryHandle entry(raw_entry);
  return true;
}

}  // namespace

std::optional<AddingCommit> commit_adding(const GitRepository& repo, const git_oid& tip,
                                          const git_oid& base, const std::string& path) {
  git_revwalk* raw_walk = nullptr;
  check_git(git_revwalk_new(&raw_walk, repo.get()), "walking history");
  GitHandle<git_revwalk, git_revwalk_free> walk(raw_walk);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  check_git(git_revwalk_push(walk.get(), &tip), "walking history");
  if (!git_oid_is_zero(&base)) git_revwalk_hide(walk.get(), &base);
  git_oid id;
  while (git_revwalk_next(&id, walk.get()) == 0) {
    git_commit* raw_commit = nullptr;
    if (git_commit_lookup(&raw_commit, repo.get(), &id) < 0) continue;  // cut by a shallow clone
    CommitHandle commit(raw_commit);
    if (!tree_has(commit.get(), path)) continue;
    git_commit* raw_parent = nullptr;
    if (git_commit_parentcount(commit.get()) > 0 &&
        git_commit_parent(&raw_parent, commit.get(), 0) == 0) {
      CommitHandle parent(raw_parent);
      if (tree_has(parent.get(), path)) continue;
    }
    const git_signature* author = git_commit_author(commit.get());
    const char* summary = git_commit_summary(commit.get());
    return AddingCommit{short_id(id), std::string(author->name) + " <" + author->email + ">",
                        summary ? summary : ""};
  }
  return std::nullopt;
}

std::string path_in_root(const std::string& file, const std::string& root) {
  if (root.empty()) return file;
  if (file.size() > root.size() && file.starts_with(root) && file[root.size()] == '/') {
    return file.substr(root.size() + 1);
  }
  return "";
}

}  // namespace migcheck
