#pragma once
#include <set>
#include <string>
#include <vector>

#include "linter/finding.h"
#include "linter/lint_options.h"

namespace migcheck::testing {

// Lints `migration` with the rules named in `rule_ids` after replaying
// `history` into the schema memory as an earlier migration, as a project lint
// does; returns the migration's findings.
std::vector<Finding> lint_after_history(const std::string& history, const std::string& migration,
                                        const std::set<std::string>& rule_ids,
                                        LintOptions options = {});

}  // namespace migcheck::testing
