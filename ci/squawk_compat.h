#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/suppressions.h"

namespace migcheck {

// One of squawk's documented rule names and the migcheck rules that check the
// same hazard (none when migcheck has no counterpart).
struct SquawkRuleName {
  std::string_view squawk;
  std::vector<std::string_view> migcheck;
};

// Every squawk rule name, as squawk's rule index lists them.
const std::vector<SquawkRuleName>& squawk_rule_names();

// The registered migcheck rules a squawk rule name stands for; nullopt when
// `name` is not a squawk rule.
std::optional<std::vector<std::string>> migcheck_rules_for_squawk(std::string_view name);

// What suppression comments may name: registered rules, and squawk's names.
SuppressionNames suppression_names();

}  // namespace migcheck
