#include "migrations/git/changed_revisions.h"

#include <map>
#include <set>

#include "linter/input_error.h"
#include "migrations/git/git_tree.h"
#include "migrations/git/revision_origin.h"
#include "migrations/project_rules.h"

namespace migcheck {

namespace {

Finding editing_applied(const Revision& revision, const std::string& ref, const std::string& base) {
  return file_finding(
      kEditingAppliedMigration,
      "revision " + revision.id + " already existed at " + base + " (the merge base with " + ref +
          ") and is changed here: databases that already ran it will never run the edit",
      "leave the applied revision as it was and put the change in a new revision", revision.file,
      revision.id);
}

}  // namespace

ChangedRevisions revisions_changed_since(const GitRepository& repo, const FileTree& tree,
                                         const MigrationSet& set, const std::string& root,
                                         const ProjectOptions& options, const std::string& ref,
                                         ChangeTarget target) {
  ChangeSet changes = changes_since(repo, ref, root, target);
  // Revision files are named by the tree's display path: match changes that way.
  std::map<std::string, const PathChange*> by_file;
  for (const PathChange& change : changes.changes) {
    if (change.kind != ChangeKind::deleted) by_file[tree.display_path(change.path)] = &change;
  }
  ChangedRevisions result;
  if (by_file.empty()) return result;

  git_commit* raw = nullptr;
  check_git(git_commit_lookup(&raw, repo.get(), &changes.base), "reading the merge base");
  CommitHandle base_commit(raw);
  auto base_tree = commit_tree(repo, base_commit.get(), root, "");
  ProjectOptions rooted = options;
  rooted.directory = "";
  rooted.absolute_directory = "";
  // Without a project at the merge base every revision is new.
  MigrationSet base;
  try {
    base = load_project(*base_tree, rooted);
  } catch (const InputError&) {
  }
  std::string base_name = short_id(changes.base);
  for (const Revision& revision : set.revisions) {
    auto found = by_file.find(revision.file);
    if (found == by_file.end()) continue;
    const Revision* before = base.find(revision.id);
    if (!before) {
      result.revisions.push_back(revision.id);  // new: added, or renamed with a new id
      continue;
    }
    // The same revision at the merge base, maybe in a file renamed since.
    auto old_text = base_tree->read(path_in_root(before->file, root));
    if (old_text && old_text == tree.read(found->second->path)) continue;
    result.revisions.push_back(revision.id);
    result.findings.push_back(editing_applied(revision, ref, base_name));
  }
  return result;
}

}  // namespace migcheck
