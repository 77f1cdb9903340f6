#include "migrations/git/branch_scan.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "linter/input_error.h"
#include "migrations/git/branch_scan_conflicts.h"
#include "migrations/git/changes.h"
#include "migrations/git/git_tree.h"
#include "migrations/git/revision_origin.h"
#include "migrations/git/sparse_tree.h"

namespace migcheck {

namespace {

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// "origin/main:db/versions/x.py" → "db/versions/x.py"
std::string without_label(const std::string& file, const std::string& label) {
  return file.starts_with(label) ? file.substr(label.size()) : file;
}

// origin/HEAD's target (what `git clone` set up), else main, else master.
std::string default_branch(const GitRepository& repo) {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo.get(), "refs/remotes/origin/HEAD") == 0) {
    ReferenceHandle head(raw);
    git_reference* resolved = nullptr;
    if (git_reference_resolve(&resolved, head.get()) == 0) {
      ReferenceHandle target(resolved);
      return git_reference_shorthand(target.get());
    }
  }
  for (const char* name : {"main", "master", "origin/main", "origin/master"}) {
    git_object* object = nullptr;
    if (git_revparse_single(&object, repo.get(), name) == 0) {
      git_object_free(object);
      return name;
    }
  }
  throw InputError(
      "cannot tell the default branch: there is no origin/HEAD, main or master; compare two "
      "branches with `migcheck heads --against BRANCH` instead");
}

struct BranchTip {
  std::vector<std::string> names;
  git_oid tip;
};

// Local and remote-tracking branches matching `glob`, those at one commit together.
std::vector<BranchTip> list_branches(const GitRepository& repo, const std::string& glob) {
  git_branch_iterator* raw = nullptr;
  check_git(git_branch_iterator_new(&raw, repo.get(), GIT_BRANCH_ALL), "listing branches");
  BranchIteratorHandle iterator(raw);
  std::map<std::string, std::vector<std::string>> by_tip;  // keyed by hex id: deterministic
  git_reference* reference = nullptr;
  git_branch_t type;
  while (git_branch_next(&reference, &type, iterator.get()) == 0) {
    ReferenceHandle owned(reference);
    if (git_reference_type(reference) != GIT_REFERENCE_DIRECT) continue;  // origin/HEAD
    std::string name = git_reference_shorthand(reference);
    if (!glob.empty() && fnmatch(glob.c_str(), name.c_str(), 0) != 0) continue;
    by_tip[full_id(*git_reference_target(reference))].push_back(name);
  }
  std::vector<BranchTip> tips;
  for (auto& [id, names] : by_tip) {
    BranchTip tip{std::move(names), {}};
    std::sort(tip.names.begin(), tip.names.end());
    git_oid_fromstr(&tip.tip, id.c_str());
    tips.push_back(std::move(tip));
  }
  std::sort(tips.begin(), tips.end(),
            [](const BranchTip& a, const BranchTip& b) { return a.names < b.names; });
  return tips;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

CommitHandle lookup_commit(const GitRepository& repo, const git_oid& id) {
  git_commit* raw = nullptr;
  check_git(git_commit_lookup(&raw, repo.get(), &id), "reading commit " + full_id(id));
  return CommitHandle(raw);
}

// Where the default branch keeps its revisions: the folders to diff and to
// make sparse, as tree paths (below root) and repository paths.
struct RevisionFolders {
  std::set<std::string> in_tree;
  std::vector<std::string> in_repository;
};

RevisionFolders revision_folders(const MigrationSet& set, const std::string& label,
                                 const std::string& root) {
  RevisionFolders folders;
  for (const Revision& revision : set.revisions) {
    folders.in_tree.insert(parent_of(path_in_root(without_label(revision.file, label), root)));
  }
  for (const std::string& folder : folders.in_tree) {
    folders.in_repository.push_back(root.empty() ? folder
                                                 : (folder.empty() ? root : root + "/" + folder));
  }
  return folders;
}

// What the scan needs about the default branch, shared read-only by workers.
struct DefaultSide {
  std::string name;
  std::string label;  // "origin/main:"
  git_oid id;
  MigrationSet set;
  RevisionFolders folders;
  std::string root;
  ProjectOptions options;
};

struct BranchResult {
  bool merged = false;
  BranchAdditions additions;
  std::string unreadable;
};

// The revisions one branch adds, read from its diff against the merge base.
BranchAdditions branch_additions(const GitRepository& repo, const DefaultSide& side,
                                 const BranchTip& branch, const std::string& name) {
  BranchAdditions entry{name, {}};
  CommitHandle default_commit = lookup_commit(repo, side.id);
  CommitHandle tip = lookup_commit(repo, branch.tip);
  git_oid base_id =
      merge_base(repo, default_commit.get(), side.name, tip.get(), branch.names.front());
  CommitHandle base_commit = lookup_commit(repo, base_id);
  std::set<std::string> visible;
  std::map<std::string, std::string> renamed_from;  // tree paths
  for (const PathChange& change :
       commit_changes(repo, base_commit.get(), tip.get(), side.folders.in_repository, side.root)) {
    if (change.kind != ChangeKind::deleted) visible.insert(change.path);
    if (change.kind == ChangeKind::renamed) renamed_from[change.path] = change.old_path;
  }
  if (visible.empty()) return entry;
  std::string label = branch.names.front() + ":";
  auto tree = commit_tree(repo, tip.get(), side.root, label);
  auto sparse = sparse_tree(*tree, side.folders.in_tree, std::move(visible));
  MigrationSet added = load_project(*sparse, side.options);
  for (const Revision& revision : added.revisions) {
    std::string path = without_label(revision.file, label);
    // The default branch's own revision, edited or moved on the branch.
    if (const Revision* existing = side.set.find(revision.id)) {
      std::string before = path_in_root(without_label(existing->file, side.label), side.root);
      std::string now = path_in_root(path, side.root);
      auto from = renamed_from.find(now);
      if (before == now || (from != renamed_from.end() && from->second == before)) continue;
    }
    BranchRevision item{name, revision.id, revision.parents, revision.file, "", ""};
    if (auto commit = commit_adding(repo, branch.tip, base_id, path)) {
      item.commit = commit->id;
      item.author = commit->author;
    }
    entry.revisions.push_back(std::move(item));
  }
  return entry;
}

BranchResult scan_branch(const GitRepository& repo, const DefaultSide& side,
                         const BranchTip& branch) {
  BranchResult result;
  if (git_oid_equal(&branch.tip, &side.id) ||
      git_graph_descendant_of(repo.get(), &side.id, &branch.tip) == 1) {
    result.merged = true;
    return result;
  }
  std::string name = joined(branch.names);
  try {
    result.additions = branch_additions(repo, side, branch, name);
  } catch (const InputError& error) {
    result.unreadable = name + ": " + error.what();
  }
  return result;
}

// Scans `branches` on up to two threads (reading a branch's trees is most of
// the cost), each with its own repository handle as libgit2 asks.
std::vector<BranchResult> scan_all(const GitRepository& repo, const DefaultSide& side,
                                   const std::vector<BranchTip>& branches) {
  std::vector<BranchResult> results(branches.size());
  size_t workers =
      std::min<size_t>({2, std::max(1u, std::thread::hardware_concurrency()), branches.size()});
  std::vector<std::exception_ptr> errors(workers);
  auto work = [&](size_t worker) {
    try {
      GitRepository own = worker == 0 ? repo : repo.reopen();
      for (size_t i = worker; i < branches.size(); i += workers) {
        results[i] = scan_branch(own, side, branches[i]);
      }
    } catch (...) {
      errors[worker] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (size_t worker = 1; worker < workers; ++worker) threads.emplace_back(work, worker);
  if (workers > 0) work(0);
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return results;
}

}  // namespace

BranchScan scan_branches(const GitRepository& repo, const std::string& root,
                         const ProjectOptions& options, const std::string& branch_glob) {
  DefaultSide side;
  side.options = options;
  side.options.directory = "";
  side.options.absolute_directory = "";
  side.root = root;
  side.name = default_branch(repo);
  side.label = side.name + ":";
  CommitHandle default_commit = repo.resolve_commit(side.name);
  side.id = *git_commit_id(default_commit.get());
  auto default_tree = commit_tree(repo, default_commit.get(), root, side.label);
  side.set = load_project(*default_tree, side.options);
  side.folders = revision_folders(side.set, side.label, root);

  BranchScan scan;
  scan.default_branch = side.name;
  scan.format = side.set.format;
  scan.default_heads = side.set.graph.heads;
  std::vector<BranchTip> branches = list_branches(repo, branch_glob);
  std::vector<BranchResult> results = scan_all(repo, side, branches);
  std::vector<BranchAdditions> additions;
  for (size_t i = 0; i < branches.size(); ++i) {
    auto& names = results[i].merged ? scan.merged : scan.checked;
    names.insert(names.end(), branches[i].names.begin(), branches[i].names.end());
    if (!results[i].unreadable.empty()) scan.unreadable.push_back(results[i].unreadable);
    if (!results[i].additions.revisions.empty()) {
      additions.push_back(std::move(results[i].additions));
    }
  }
  // In a shallow clone a missing merge base is missing history, not a broken
  // branch: answering without those branches would be a wrong answer.
  if (repo.is_shallow() && !scan.unreadable.empty()) throw InputError(scan.unreadable.front());
  std::sort(scan.checked.begin(), scan.checked.end());
  std::sort(scan.merged.begin(), scan.merged.end());
  scan.conflicts = find_branch_conflicts(side.set, scan.default_branch, additions);
  return scan;
}

}  // namespace migcheck
