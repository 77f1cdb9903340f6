#pragma once
#include <string_view>
#include <vector>

#include "linter/rule.h"

namespace migcheck {

// Every rule migcheck knows, sorted by id.
const std::vector<const Rule*>& all_rules();
// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

}  // namespace migcheck
