#include "migrations/git/branch_scan_conflicts.h"

#include <algorithm>
#include <map>
#include <set>

#include "migrations/git/version_order.h"
#include "migrations/graph.h"
#include "migrations/project_rules.h"

namespace migcheck {

namespace {

// "x (feature:db/versions/x.py, 1a2b3c4 by Ann <a@x>)"
std::string describe(const BranchRevision& revision) {
  std::string text = revision.id + " (" + revision.file;
  if (!revision.commit.empty()) text += ", " + revision.commit + " by " + revision.author;
  return text + ")";
}

std::string describe_all(const std::vector<BranchRevision>& revisions) {
  std::string text;
  for (const BranchRevision& revision : revisions) {
    text += (text.empty() ? "" : "; ") + revision.branch + " adds " + describe(revision);
  }
  return text;
}

// "feature:db/versions/x.py" → "db/versions/x.py" (a ref name has no ':').
std::string path_of(const BranchRevision& revision) {
  return revision.file.substr(revision.file.find(':') + 1);
}

// The heads of the default branch's graph once `extra` revisions are merged
// in: its heads no new revision builds on, and the new revisions nothing
// builds on. A revision in several branches (a shared commit) counts once.
size_t count_heads(const std::vector<std::string>& base_heads,
                   const std::vector<const std::vector<BranchRevision>*>& extra) {
  std::set<std::string> consumed, ids;
  for (const auto* revisions : extra) {
    for (const BranchRevision& revision : *revisions) {
      ids.insert(revision.id);
      consumed.insert(revision.parents.begin(), revision.parents.end());
    }
  }
  size_t heads = 0;
  for (const std::string& head : base_heads) heads += !consumed.count(head) && !ids.count(head);
  for (const std::string& id : ids) heads += !consumed.count(id);
  return heads;
}

// The revisions of `branch` that build directly on `parent`.
std::vector<BranchRevision> children_of(const BranchAdditions& branch, const std::string& parent) {
  std::vector<BranchRevision> children;
  for (const BranchRevision& revision : branch.revisions) {
    if (std::count(revision.parents.begin(), revision.parents.end(), parent)) {
      children.push_back(revision);
    }
  }
  return children;
}

// Parents outside the branch's own new revisions: where it attaches to history.
std::set<std::string> attach_points(const BranchAdditions& branch) {
  std::set<std::string> own, points;
  for (const BranchRevision& revision : branch.revisions) own.insert(revision.id);
  for (const BranchRevision& revision : branch.revisions) {
    for (const std::string& parent : revision.parents) {
      if (!own.count(parent)) points.insert(parent);
    }
  }
  return points;
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

void alembic_conflicts(const MigrationSet& base, const std::string& default_branch,
                       const std::vector<BranchAdditions>& branches,
                       std::vector<BranchConflict>& out) {
  const std::vector<std::string>& base_heads = base.graph.heads;
  size_t allowed = std::max<size_t>(1, base_heads.size());
  std::vector<size_t> alone(branches.size());
  std::map<std::string, std::vector<size_t>> by_attach_point;
  for (size_t i = 0; i < branches.size(); ++i) {
    alone[i] = count_heads(base_heads, {&branches[i].revisions});
    if (alone[i] <= allowed) {
      for (const std::string& point : attach_points(branches[i]))
        by_attach_point[point].push_back(i);
      continue;
    }
    // Built on a revision the default branch has moved past.
    for (const std::string& point : attach_points(branches[i])) {
      std::vector<BranchRevision> children = children_of(branches[i], point);
      if (children.empty() || std::count(base_heads.begin(), base_heads.end(), point)) continue;
      std::vector<std::string> merge_heads = base_heads;
      for (const BranchRevision& child : children) merge_heads.push_back(child.id);
      out.push_back({std::string(kBranchConflict.id), point, join(base_heads), children,
                     branches[i].name + " adds " + describe(children.front()) + " on top of " +
                         point + ", but " + default_branch + " has moved on to " +
                         join(base_heads) + ": merging it leaves several heads",
                     "rebase it onto " + default_branch + "'s head (set down_revision = '" +
                         base_heads.front() + "' in " + children.front().file +
                         "), or add a merge revision: `" + alembic_merge_command(merge_heads) +
                         "`"});
    }
  }
  // Two branches conflict when merging both leaves more heads than either alone.
  for (const auto& [point, members] : by_attach_point) {
    std::set<size_t> conflicting;
    for (size_t a = 0; a < members.size(); ++a) {
      for (size_t b = a + 1; b < members.size(); ++b) {
        size_t i = members[a], j = members[b];
        if (count_heads(base_heads, {&branches[i].revisions, &branches[j].revisions}) >
            std::max(alone[i], alone[j])) {
          conflicting.insert(i);
          conflicting.insert(j);
        }
      }
    }
    if (conflicting.empty()) continue;
    BranchConflict conflict{std::string(kBranchConflict.id), point, "", {}, "", ""};
    std::vector<std::string> heads, names;
    for (size_t i : conflicting) {
      names.push_back(branches[i].name);
      for (BranchRevision& child : children_of(branches[i], point)) {
        // A revision several branches share (one built on another) is listed once.
        auto same =
            std::find_if(conflict.revisions.begin(), conflict.revisions.end(),
                         [&](const BranchRevision& listed) {
                           return listed.id == child.id && path_of(listed) == path_of(child);
                         });
        if (same != conflict.revisions.end()) {
          same->branch += ", " + child.branch;
          continue;
        }
        heads.push_back(child.id);
        conflict.revisions.push_back(std::move(child));
      }
    }
    conflict.message = "branches " + join(names) + " each add a revision on top of " + point +
                       ": " + describe_all(conflict.revisions) +
                       "; merging more than one of them leaves several heads";
    conflict.help =
        "merge one, then rebase the others onto the new head (change their "
        "down_revision), or add a merge revision: `" +
        alembic_merge_command(heads) + "`";
    out.push_back(std::move(conflict));
  }
}

// Ids claimed by different files: against the default branch and across branches.
void duplicate_ids(const MigrationSet& base, const std::string& default_branch,
                   const std::vector<BranchAdditions>& branches, const Rule& rule,
                   std::vector<BranchConflict>& out) {
  std::map<std::string, std::vector<BranchRevision>> by_id;
  for (const BranchAdditions& branch : branches) {
    for (const BranchRevision& revision : branch.revisions) by_id[revision.id].push_back(revision);
  }
  std::string noun = &rule == &kDuplicateVersion ? "version " : "revision id ";
  for (auto& [id, revisions] : by_id) {
    if (const Revision* existing = base.find(id)) {
      out.push_back(
          {std::string(rule.id), "", existing->file, revisions,
           default_branch + " already has " + noun + id + " (" + existing->file + "), and " +
               describe_all(revisions),
           "give the branch's migration a new " + noun + "above " + default_branch + "'s newest"});
      continue;
    }
    std::set<std::string> paths;
    for (const BranchRevision& revision : revisions) paths.insert(path_of(revision));
    if (paths.size() < 2) continue;  // one file, shared by branches built on each other
    out.push_back(
        {std::string(rule.id), "", "", revisions,
         "several branches add " + noun + id + " in different files: " + describe_all(revisions),
         "give all but one of them a new " + noun});
  }
}

void out_of_order_versions(const MigrationSet& base, const std::string& default_branch,
                           const std::vector<BranchAdditions>& branches,
                           std::vector<BranchConflict>& out) {
  const Revision* newest = nullptr;
  for (const Revision& revision : base.revisions) {
    if (!newest || compare_versions(revision.id, newest->id) > 0) newest = &revision;
  }
  if (!newest) return;
  for (const BranchAdditions& branch : branches) {
    for (const BranchRevision& revision : branch.revisions) {
      if (base.find(revision.id) || compare_versions(revision.id, newest->id) >= 0) continue;
      out.push_back({std::string(kOutOfOrderVersion.id),
                     "",
                     newest->id,
                     {revision},
                     branch.name + " adds version " + revision.id + " (" + revision.file +
                         "), but " + default_branch + " already has version " + newest->id + " (" +
                         newest->file + ")",
                     "renumber it above " + newest->id +
                         ": databases already at that version would skip or reject it"});
    }
  }
}

}  // namespace

std::vector<BranchConflict> find_branch_conflicts(const MigrationSet& base,
                                                  const std::string& default_branch,
                                                  const std::vector<BranchAdditions>& branches) {
  std::vector<BranchConflict> conflicts;
  if (base.format == MigrationFormat::alembic) {
    alembic_conflicts(base, default_branch, branches, conflicts);
    duplicate_ids(base, default_branch, branches, kDuplicateRevisionId, conflicts);
  } else {
    duplicate_ids(base, default_branch, branches, kDuplicateVersion, conflicts);
    out_of_order_versions(base, default_branch, branches, conflicts);
  }
  auto key = [](const BranchConflict& c) {
    return std::make_tuple(c.rule, c.parent, c.revisions.empty() ? "" : c.revisions.front().id,
                           c.revisions.empty() ? "" : c.revisions.front().branch);
  };
  std::stable_sort(
      conflicts.begin(), conflicts.end(),
      [&](const BranchConflict& a, const BranchConflict& b) { return key(a) < key(b); });
  return conflicts;
}

}  // namespace migcheck
