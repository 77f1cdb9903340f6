#include "migrations/git/changes.h"

#include <algorithm>

#include "linter/input_error.h"

namespace migcheck {

namespace {

std::string relative_to(const std::string& root, const std::string& path) {
  if (root.empty()) return path;
  return path.starts_with(root + "/") ? path.substr(root.size() + 1) : path;
}

// Diff options limited to `directories`, taken literally (a name with '*' is
// a name, not a pattern), every change listed file by file.
struct PathOptions {
  explicit PathOptions(const std::vector<std::string>& directories) : paths(directories) {
    for (std::string& path : paths) pointers.push_back(path.data());
    options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    options.pathspec.strings = pointers.data();
    options.pathspec.count = pointers.size();
  }
  std::vector<std::string> paths;
  std::vector<char*> pointers;
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
};

std::vector<PathChange> collect(git_diff* diff, bool untracked, const std::string& root) {
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES | (untracked ? GIT_DIFF_FIND_FOR_UNTRACKED : 0);
  check_git(git_diff_find_similar(diff, &find), "detecting renames");
  std::vector<PathChange> changes;
  size_t count = git_diff_num_deltas(diff);
  for (size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    PathChange change;
    change.path = relative_to(root, delta->new_file.path);
    change.old_path = relative_to(root, delta->old_file.path);
    switch (delta->status) {
      case GIT_DELTA_ADDED:
      case GIT_DELTA_UNTRACKED:
        change.kind = ChangeKind::added;
        break;
      case GIT_DELTA_DELETED:
        change.kind = ChangeKind::deleted;
        change.path = change.old_path;
        break;
      case GIT_DELTA_RENAMED:
        change.kind = ChangeKind::renamed;
        change.content_changed = delta->similarity < 100;
        break;
      case GIT_DELTA_MODIFIED:
      case GIT_DELTA_TYPECHANGE:
        change.kind = ChangeKind::modified;
        break;
      default:
        continue;  // unmodified, ignored, unreadable
    }
    changes.push_back(std::move(change));
  }
  std::sort(changes.begin(), changes.end(),
            [](const PathChange& a, const PathChange& b) { return a.path < b.path; });
  return changes;
}

TreeHandle tree_of(const git_commit* commit) {
  git_tree* raw = nullptr;
  check_git(git_commit_tree(&raw, commit),
            "reading the tree of " + short_id(*git_commit_id(commit)));
  return TreeHandle(raw);
}

}  // namespace

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::added:
      return "added";
    case ChangeKind::modified:
      return "modified";
    case ChangeKind::renamed:
      return "renamed";
    case ChangeKind::deleted:
      return "deleted";
  }
  return "modified";
}

git_oid merge_base(const GitRepository& repo, const git_commit* a, const std::string& a_name,
                   const git_commit* b, const std::string& b_name) {
  git_oid base;
  int error = git_merge_base(&base, repo.get(), git_commit_id(a), git_commit_id(b));
  if (error == 0) return base;
  // In a shallow clone libgit2 fails either way: no base among the fetched
  // commits, or a boundary commit's parent missing from the object store.
  if (repo.is_shallow()) {
    throw InputError(
        "cannot find the merge base of " + a_name + " and " + b_name +
        ": this is a shallow clone and their common history was not fetched; fetch it with "
        "`fetch-depth: 0` in actions/checkout (GitHub), `GIT_DEPTH: 0` (GitLab CI), or run "
        "`git fetch --deepen=200` (or `git fetch --unshallow`) before migcheck");
  }
  if (error != GIT_ENOTFOUND) {
    check_git(error, "finding the merge base of " + a_name + " and " + b_name);
  }
  throw InputError(a_name + " and " + b_name +
                   " have no common ancestor (unrelated histories); compare with a branch that "
                   "shares history with " +
                   b_name);
}

ChangeSet changes_since(const GitRepository& repo, const std::string& ref, const std::string& root,
                        ChangeTarget target) {
  CommitHandle head = repo.resolve_commit("HEAD");
  CommitHandle other = repo.resolve_commit(ref);
  ChangeSet result;
  result.base = merge_base(repo, other.get(), ref, head.get(), repo.describe_head());
  git_commit* raw_base = nullptr;
  check_git(git_commit_lookup(&raw_base, repo.get(), &result.base), "reading the merge base");
  CommitHandle base(raw_base);
  TreeHandle base_tree = tree_of(base.get());

  PathOptions path_options(root.empty() ? std::vector<std::string>{} : std::vector{root});
  git_diff_options& options = path_options.options;
  git_diff* raw = nullptr;
  switch (target) {
    case ChangeTarget::head: {
      TreeHandle head_tree = tree_of(head.get());
      check_git(git_diff_tree_to_tree(&raw, repo.get(), base_tree.get(), head_tree.get(), &options),
                "diffing the merge base with HEAD");
      break;
    }
    case ChangeTarget::index:
      check_git(git_diff_tree_to_index(&raw, repo.get(), base_tree.get(), nullptr, &options),
                "diffing the merge base with the index");
      break;
    case ChangeTarget::workdir:
      options.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
      check_git(git_diff_tree_to_workdir_with_index(&raw, repo.get(), base_tree.get(), &options),
                "diffing the merge base with the working tree");
      break;
  }
  DiffHandle diff(raw);
  result.changes = collect(diff.get(), target == ChangeTarget::workdir, root);
  return result;
}

std::vector<PathChange> commit_changes(const GitRepository& repo, const git_commit* from,
                                       const git_commit* to,
                                       const std::vector<std::string>& directories,
                                       const std::string& root) {
  TreeHandle from_tree = tree_of(from);
  TreeHandle to_tree = tree_of(to);
  PathOptions path_options(directories);
  git_diff* raw = nullptr;
  check_git(git_diff_tree_to_tree(&raw, repo.get(), from_tree.get(), to_tree.get(),
                                  &path_options.options),
            "diffing two commits");
  DiffHandle diff(raw);
  return collect(diff.get(), false, root);
}

}  // namespace migcheck
