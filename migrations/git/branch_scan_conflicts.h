#pragma once
#include <string>
#include <vector>

#include "migrations/git/branch_scan.h"

namespace migcheck {

// What one branch adds to the default branch's project.
struct BranchAdditions {
  std::string name;
  std::vector<BranchRevision> revisions;
};

// The conflicts among `branches` and between each of them and the default
// branch's project `base`, from revision ids and parents alone (see
// BranchConflict for the rules). Deterministic: sorted by rule, then parent
// or id, then branch.
std::vector<BranchConflict> find_branch_conflicts(const MigrationSet& base,
                                                  const std::string& default_branch,
                                                  const std::vector<BranchAdditions>& branches);

}  // namespace migcheck
