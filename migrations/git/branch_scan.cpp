#include "migrations/git/branch_scan.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>

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

}  // namespace

BranchScan scan_branches(const GitRepository& repo, const std::string& root,
                         const ProjectOptions& options, const std::string& branch_glob) {
  ProjectOptions rooted = options;
  rooted.directory = "";
  rooted.absolute_directory = "";
  BranchScan scan;
  scan.default_branch = default_branch(repo);
  CommitHandle default_commit = repo.resolve_commit(scan.default_branch);
  const git_oid& default_id = *git_commit_id(default_commit.get());
  std::string default_label = scan.default_branch + ":";
  auto default_tree = commit_tree(repo, default_commit.get(), root, default_label);
  MigrationSet base = load_project(*default_tree, rooted);
  scan.format = base.format;
  scan.default_heads = base.graph.heads;
  RevisionFolders folders = revision_folders(base, default_label, root);

  std::vector<BranchAdditions> additions;
  for (const BranchTip& branch : list_branches(repo, branch_glob)) {
    std::string name = joined(branch.names);
    if (git_oid_equal(&branch.tip, &default_id) ||
        git_graph_descendant_of(repo.get(), &default_id, &branch.tip) == 1) {
      scan.merged.insert(scan.merged.end(), branch.names.begin(), branch.names.end());
      continue;
    }
    scan.checked.insert(scan.checked.end(), branch.names.begin(), branch.names.end());
    try {
      CommitHandle tip = lookup_commit(repo, branch.tip);
      git_oid merge_base_id = merge_base(repo, default_commit.get(), scan.default_branch, tip.get(),
                                         branch.names.front());
      CommitHandle merge_base_commit = lookup_commit(repo, merge_base_id);
      std::set<std::string> visible;
      std::map<std::string, std::string> renamed_from;  // tree paths
      for (const PathChange& change :
           commit_changes(repo, merge_base_commit.get(), tip.get(), folders.in_repository, root)) {
        if (change.kind != ChangeKind::deleted) visible.insert(change.path);
        if (change.kind == ChangeKind::renamed) renamed_from[change.path] = change.old_path;
      }
      if (visible.empty()) continue;
      std::string label = branch.names.front() + ":";
      auto tree = commit_tree(repo, tip.get(), root, label);
      auto sparse = sparse_tree(*tree, folders.in_tree, std::move(visible));
      MigrationSet added = load_project(*sparse, rooted);
      BranchAdditions entry{name, {}};
      for (const Revision& revision : added.revisions) {
        std::string path = without_label(revision.file, label);
        // The default branch's own revision, edited or moved on the branch.
        if (const Revision* existing = base.find(revision.id)) {
          std::string before = path_in_root(without_label(existing->file, default_label), root);
          std::string now = path_in_root(path, root);
          auto from = renamed_from.find(now);
          if (before == now || (from != renamed_from.end() && from->second == before)) continue;
        }
        BranchRevision item{name, revision.id, revision.parents, revision.file, "", ""};
        if (auto commit = commit_adding(repo, branch.tip, merge_base_id, path)) {
          item.commit = commit->id;
          item.author = commit->author;
        }
        entry.revisions.push_back(std::move(item));
      }
      if (!entry.revisions.empty()) additions.push_back(std::move(entry));
    } catch (const InputError& error) {
      scan.unreadable.push_back(name + ": " + error.what());
    }
  }
  std::sort(scan.checked.begin(), scan.checked.end());
  std::sort(scan.merged.begin(), scan.merged.end());
  scan.conflicts = find_branch_conflicts(base, scan.default_branch, additions);
  return scan;
}

}  // namespace migcheck
