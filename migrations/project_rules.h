#pragma once
#include <vector>

#include "linter/rule.h"

namespace migcheck {

// The definitions of the findings made while reading a migration project and
// its revision graph (and across git branches), for `migcheck rules`,
// `explain`, the configuration (ignore, select, severity) and the docs, as
// the statement rules have theirs. They have no per-statement check: the
// readers and the graph analysis report them.
extern const Rule kVagueMigrationMessage;

const std::vector<const Rule*>& project_rules();

}  // namespace migcheck
