#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "linter/finding.h"
#include "migrations/git/repository.h"
#include "migrations/migration_set.h"
#include "migrations/project_loader.h"

namespace migcheck {

// `migcheck heads --all-branches`: which local and remote-tracking branches
// would break the migration history when merged. The default branch's
// project is read once; each other branch contributes only the revision
// files it added since its merge base with the default branch (a diff of
// the revision folders), so the scan never merges pairs of branches.

// A revision a branch adds, with the commit that added it.
struct BranchRevision {
  // The branch's names, ", "-joined when several point at one commit or, in
  // a conflict, when several branches share the revision.
  std::string branch;
  std::string id;  // revision id, or the version of a numbered SQL migration
  std::vector<std::string> parents;
  std::string file;    // "BRANCH:path/in/repo", git's own syntax for a file at a ref
  std::string commit;  // abbreviated id of the commit that added it ("" when unknown)
  std::string author;
};

// A set of branches that cannot all be merged cleanly.
struct BranchConflict {
  // branch-conflict: their new revisions descend from the same revision
  //   (`parent`), or from one the default branch has already built on;
  // duplicate-revision-id / duplicate-version: the same id in different files;
  // out-of-order-version: a version below the default branch's newest.
  std::string rule;
  std::string parent;        // branch-conflict: the shared revision
  std::string default_head;  // when the default branch is one side: its head or newest version
  std::vector<BranchRevision> revisions;  // one or more per branch involved
  std::string message;
  std::string help;
};

struct BranchScan {
  std::string default_branch;
  MigrationFormat format = MigrationFormat::alembic;
  std::vector<std::string> default_heads;
  std::vector<std::string> checked;  // branch names, sorted
  std::vector<std::string> merged;   // skipped: already merged into the default branch
  // Branches whose project could not be read: "name: error".
  std::vector<std::string> unreadable;
  std::vector<BranchConflict> conflicts;
};

// `root` is the project directory inside the repository; `branch_glob`
// (fnmatch, '*' crossing '/') limits the branches, "" for all. The default
// branch is origin/HEAD's target, else main, else master. InputError when
// there is no default branch or its project cannot be read.
BranchScan scan_branches(const GitRepository& repo, const std::string& root,
                         const ProjectOptions& options, const std::string& branch_glob = "");

// One finding per conflict, at the first involved revision's file.
std::vector<Finding> branch_scan_findings(const BranchScan& scan);

nlohmann::json branch_scan_json(const BranchScan& scan);

}  // namespace migcheck
