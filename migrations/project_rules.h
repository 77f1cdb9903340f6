#pragma once
#include <string>
#include <vector>

#include "linter/rule.h"

namespace migcheck {

// The definitions of the findings made while reading a migration project and
// its revision graph (and across git branches), for `migcheck rules`,
// `explain`, the configuration (ignore, select, severity) and the docs, as
// the statement rules have theirs. They have no per-statement check: the
// readers and the graph analysis report them.
extern const Rule kBranchConflict;
extern const Rule kDependsOnMissing;
extern const Rule kDuplicateBranchLabel;
extern const Rule kDuplicateRevisionId;
extern const Rule kDuplicateVersion;
extern const Rule kEditingAppliedMigration;
extern const Rule kIrreversibleDowngrade;
extern const Rule kMergeConflict;
extern const Rule kMissingDownMigration;
extern const Rule kMissingParent;
extern const Rule kMultipleHeads;
extern const Rule kOutOfOrderVersion;
extern const Rule kRevisionCycle;
extern const Rule kUnresolvedOperation;
extern const Rule kVagueMigrationMessage;

const std::vector<const Rule*>& project_rules();

// A finding of one of these checks, with the rule's id and default severity.
Finding project_finding(const Rule& rule, Location location, std::string message, std::string help,
                        std::string revision);
// The same at a file's first line (the finding is about the file as a whole).
Finding file_finding(const Rule& rule, std::string message, std::string help,
                     const std::string& file, const std::string& revision);

}  // namespace migcheck
