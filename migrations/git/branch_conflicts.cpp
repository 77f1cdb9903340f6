#include "migrations/git/branch_conflicts.h"

#include <algorithm>
#include <set>

#include "migrations/git/changes.h"
#include "migrations/git/git_tree.h"
#include "migrations/git/revision_origin.h"
#include "migrations/git/version_order.h"
#include "migrations/graph.h"
#include "migrations/project_rules.h"

namespace migcheck {

namespace {

struct Side {
  std::string name;
  CommitHandle commit;
  std::unique_ptr<FileTree> tree;
};

// "abc123 (TARGET: db/versions/abc.py, added in 1a2b3c4 by Ann <a@x>)".
std::string describe_head(const GitRepository& repo, const Revision& revision,
                          const std::string& root, const Side& target, const Side& source,
                          const git_oid& base) {
  std::string path = path_in_root(revision.file, root);
  const Side* side = source.tree->read(path) && !target.tree->read(path) ? &source : &target;
  std::string text = revision.id + " (" + side->name + ": " + revision.file;
  if (auto added = commit_adding(repo, *git_commit_id(side->commit.get()), base, revision.file)) {
    text += ", added in " + added->id + " by " + added->author;
  }
  return text + ")";
}

void add_branch_conflict(const GitRepository& repo, const std::string& root, const Side& target,
                         const Side& source, const git_oid& base, const MigrationSet& merged,
                         size_t target_heads, std::vector<Finding>& findings) {
  const std::vector<std::string>& heads = merged.graph.heads;
  if (heads.size() <= std::max<size_t>(1, target_heads)) return;
  std::string listed;
  const Revision* new_head = nullptr;  // a head SOURCE brought: the one to rebase
  for (const std::string& id : heads) {
    const Revision* revision = merged.find(id);
    if (!revision) continue;
    std::string path = path_in_root(revision->file, root);
    if (!new_head && !target.tree->read(path)) new_head = revision;
    listed +=
        (listed.empty() ? "" : ", ") + describe_head(repo, *revision, root, target, source, base);
  }
  const Revision* anchor = new_head ? new_head : merged.find(heads.front());
  std::string help = "after merging, run `" + alembic_merge_command(heads) + "`";
  if (new_head) {
    std::string other;
    for (const std::string& id : heads) {
      if (id != new_head->id) other = other.empty() ? id : other + "', '" + id;
    }
    help += ", or rebase " + new_head->id + " onto " + target.name + "'s head by setting its " +
            "down_revision = '" + other + "' in " + new_head->file;
  }
  findings.push_back(project_finding(kBranchConflict, {anchor->file, 1, 1, 1, 1},
                                     "merging " + source.name + " into " + target.name +
                                         " leaves " + std::to_string(heads.size()) +
                                         " heads: " + listed,
                                     help, anchor->id));
}

void add_merge_conflicts(const MergedTree& tree, const std::string& target,
                         const std::string& source, std::vector<Finding>& findings) {
  for (const MergeConflict& conflict : tree.conflicts()) {
    std::string how =
        !conflict.in_ours || !conflict.in_theirs
            ? "deleted on one side and changed on the other"
            : (conflict.in_ancestor ? "changed on both sides" : "added on both sides");
    findings.push_back(file_finding(
        kMergeConflict,
        "git cannot merge " + source + " into " + target + " here: the file was " + how,
        "resolve the conflict on " + source + " (merge or rebase " + target +
            " into it) before merging",
        conflict.display_path, ""));
  }
}

// A numbered version SOURCE adds below TARGET's newest: tools that refuse to
// apply an older version after a newer one (golang-migrate, Flyway without
// outOfOrder) stop there; the others apply it out of order.
void add_out_of_order(const GitRepository& repo, const std::string& root, const Side& target,
                      const Side& source, const git_oid& base, const MigrationSet& target_set,
                      const MigrationSet& merged, std::vector<Finding>& findings) {
  if (target_set.format == MigrationFormat::alembic || target_set.revisions.empty()) return;
  const Revision* newest = &target_set.revisions.front();
  for (const Revision& revision : target_set.revisions) {
    if (compare_versions(revision.id, newest->id) > 0) newest = &revision;
  }
  git_commit* raw_base = nullptr;
  check_git(git_commit_lookup(&raw_base, repo.get(), &base), "reading the merge base");
  CommitHandle base_commit(raw_base);
  std::set<std::string> added;
  for (const PathChange& change :
       commit_changes(repo, base_commit.get(), source.commit.get(), {root}, root)) {
    if (change.kind == ChangeKind::added || change.kind == ChangeKind::renamed) {
      added.insert(change.path);
    }
  }
  for (const Revision& revision : merged.revisions) {
    if (!added.count(path_in_root(revision.file, root)) || target_set.find(revision.id)) continue;
    if (compare_versions(revision.id, newest->id) >= 0) continue;
    findings.push_back(
        file_finding(kOutOfOrderVersion,
                     source.name + " adds version " + revision.id + ", but " + target.name +
                         " already has version " + newest->id + " (" + newest->file + ")",
                     "renumber " + revision.file + " above " + newest->id +
                         ": databases already at " + newest->id + " would skip or reject it",
                     revision.file, revision.id));
  }
}

}  // namespace

MergedHeads heads_against(const GitRepository& repo, const std::string& root,
                          const ProjectOptions& options, const std::string& target_ref,
                          const std::string& source_ref) {
  ProjectOptions rooted = options;
  rooted.directory = "";
  rooted.absolute_directory = "";
  Side target{target_ref, repo.resolve_commit(target_ref), nullptr};
  Side source{source_ref == "HEAD" ? repo.describe_head() : source_ref,
              repo.resolve_commit(source_ref), nullptr};
  // Asked first so a shallow clone fails with how to fetch, not inside the merge.
  git_oid base =
      merge_base(repo, target.commit.get(), target.name, source.commit.get(), source.name);
  target.tree = commit_tree(repo, target.commit.get(), root, "");
  source.tree = commit_tree(repo, source.commit.get(), root, "");
  // A project the branch creates does not exist on TARGET yet: nothing to conflict with.
  MigrationSet target_set;
  if (target.tree->list("")) target_set = load_project(*target.tree, rooted);

  auto tree = merged_tree(repo, target.commit.get(), source.commit.get(), root, "");
  MergedHeads result{target_ref, source_ref, short_id(base), load_project(*tree, rooted), {}};
  add_merge_conflicts(*tree, target.name, source.name, result.findings);
  add_branch_conflict(repo, root, target, source, base, result.merged,
                      target_set.graph.heads.size(), result.findings);
  add_out_of_order(repo, root, target, source, base, target_set, result.merged, result.findings);
  for (const Finding& finding : result.merged.graph_findings) {
    if (finding.rule != kMultipleHeads.id) result.findings.push_back(finding);
  }
  sort_findings(result.findings);
  return result;
}

}  // namespace migcheck
