#pragma once
#include <string_view>
#include <vector>

#include "linter/rule.h"

namespace migcheck {

// Every finding id migcheck reports, sorted by id: the statement rules
// (rules/), the project and revision-graph checks (migrations/) and the round
// trip's (runner/). This is what `migcheck rules`, `explain`, the docs and the
// configuration know; the linter itself runs only the statement rules.
const std::vector<const Rule*>& known_rules();
// The definition with this id, or nullptr.
const Rule* find_known_rule(std::string_view id);

}  // namespace migcheck
