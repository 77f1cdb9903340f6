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

// "abc123 (already a head on main: db/versions/abc.py, added in 1a2b3c4 by Ann <a@x>)".
std::string describe_head(const GitRepository& repo, const MergedHead& head,
                          const std::string& root, const Side& target, const Side& source,
                          const git_oid& base) {
  std::string path = path_in_root(head.file, root);
  // The commit that added the file is in the history of the side that has it.
  const Side* side = source.tree->read(path) && !target.tree->read(path) ? &source : &target;
  std::string text =
      head.id + " (" + head_status(head, target.name, source.name) + ": " + head.file;
  if (auto added = commit_adding(repo, *git_commit_id(side->commit.get()), base, head.file)) {
    text += ", added in " + added->id + " by " + added->author;
  }
  return text + ")";
}

// "main already has 2 heads", "main and feature already have 2 and 3 heads",
// or "" when neither side had more than one.
std::string sides_with_several_heads(const Side& target, size_t target_heads, const Side& source,
                                     size_t source_heads) {
  if (target_heads > 1 && source_heads > 1) {
    return target.name + " and " + source.name + " already have " + std::to_string(target_heads) +
           " and " + std::to_string(source_heads) + " heads";
  }
  if (target_heads > 1)
    return target.name + " already has " + std::to_string(target_heads) + " heads";
  if (source_heads > 1)
    return source.name + " already has " + std::to_string(source_heads) + " heads";
  return "";
}

// Where a revision assigns down_revision, the line a rebase or merge edits;
// its first line when it does not write one (a legacy id from the file name).
Location parents_location(const Revision& revision) {
  const TextPosition& at = revision.parents_at;
  if (at.line == 0) return {revision.file, 1, 1, 1, 1};
  constexpr int kWidth = sizeof "down_revision" - 1;
  return {revision.file, at.line, at.column, at.line, at.column + kWidth};
}

// Several heads fail whichever side had them: branch-conflict when the merge
// leaves more heads than TARGET has (the branch brings them), multiple-heads
// when TARGET already has as many.
void add_several_heads(const GitRepository& repo, const std::string& root, const Side& target,
                       const Side& source, const git_oid& base, MergedHeads& result) {
  if (!result.several_heads) return;
  const std::vector<std::string>& ids = result.merged.graph.heads;
  bool brought = ids.size() > std::max<size_t>(1, result.target_heads.size());
  const MergedHead* new_head = nullptr;  // a head TARGET does not have: the one to rebase
  std::string listed;
  for (const MergedHead& head : result.heads) {
    if (!new_head && !head.on_target) new_head = &head;
    listed += (listed.empty() ? "" : ", ") + describe_head(repo, head, root, target, source, base);
  }
  std::string already = sides_with_several_heads(target, result.target_heads.size(), source,
                                                 result.source_heads.size());
  std::string message = "merging " + source.name + " into " + target.name + " leaves " +
                        std::to_string(ids.size()) + " heads" +
                        (already.empty() ? "" : " (" + already + ")") + ": " + listed;
  std::string help = "after merging, run `" + alembic_merge_command(ids) + "`";
  // Rebasing one head onto the other leaves one only when TARGET had one:
  // heads it already had need a merge.
  if (new_head && ids.size() == 2 && result.target_heads.size() <= 1) {
    const std::string& other = ids[0] == new_head->id ? ids[1] : ids[0];
    help += ", or rebase " + new_head->id + " onto " + other + " by setting its down_revision = '" +
            other + "' in " + new_head->file;
  } else if (result.target_heads.size() > 1) {
    help += ", or merge " + target.name + "'s heads on " + target.name + " first";
  }
  const MergedHead& anchor = brought && new_head ? *new_head : result.heads.back();
  result.findings.push_back(project_finding(brought ? kBranchConflict : kMultipleHeads,
                                            parents_location(*result.merged.find(anchor.id)),
                                            message, help, anchor.id));
}

// The merged graph's heads, each with where it was a head before.
std::vector<MergedHead> merged_heads(const MergedHeads& result) {
  GraphIndex graph(result.merged);
  auto has = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  std::vector<MergedHead> heads;
  for (const std::string& id : result.merged.graph.heads) {
    int i = graph.find(id);
    heads.push_back({id, graph.revision(i).file, graph.effective_branch_labels(i),
                     has(result.target_heads, id), has(result.source_heads, id)});
  }
  return heads;
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

std::string head_status(const MergedHead& head, const std::string& target,
                        const std::string& source) {
  if (head.on_target && head.on_source)
    return "already a head on both " + target + " and " + source;
  if (head.on_target) return "already a head on " + target;
  if (head.on_source) return "a head on " + source + ", added by the merge";
  return "a head on neither side, made one by the merge";
}

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
  // A project the branch creates does not exist on TARGET yet: nothing to
  // conflict with; one it deletes has no heads on SOURCE. Of each side only
  // the graph is needed.
  ProjectOptions graph_only = rooted;
  graph_only.read_sql = false;
  MigrationSet target_set;
  if (target.tree->list("")) target_set = load_project(*target.tree, graph_only);
  MigrationSet source_set;
  if (source.tree->list("")) source_set = load_project(*source.tree, graph_only);

  auto tree = merged_tree(repo, target.commit.get(), source.commit.get(), root, "");
  MergedHeads result;
  result.target = target.name;
  result.source = source.name;
  result.merge_base = short_id(base);
  result.merged = load_project(*tree, rooted);
  result.target_heads = target_set.graph.heads;
  result.source_heads = source_set.graph.heads;
  result.heads = merged_heads(result);
  for (const Finding& finding : result.merged.graph_findings) {
    result.several_heads |= finding.rule == kMultipleHeads.id;
  }
  add_merge_conflicts(*tree, target.name, source.name, result.findings);
  add_several_heads(repo, root, target, source, base, result);
  add_out_of_order(repo, root, target, source, base, target_set, result.merged, result.findings);
  for (const Finding& finding : result.merged.graph_findings) {
    if (finding.rule != kMultipleHeads.id) result.findings.push_back(finding);
  }
  sort_findings(result.findings);
  return result;
}

}  // namespace migcheck
