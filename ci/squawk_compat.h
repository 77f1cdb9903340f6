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

// The rules a name on the command line or in .squawk.toml stands for: a
// migcheck rule itself, or squawk's name for the same hazard (perhaps none);
// nullopt when it is neither.
std::optional<std::vector<std::string>> rules_named(std::string_view name);

// The major version of a PostgreSQL version written as squawk users write it:
// "13", "13.0", "13.4" or "9.6.24" are 13, 13, 13 and 9; nullopt for anything
// else. (Whether migcheck knows the version is the caller's check.)
std::optional<int> postgres_major_version(std::string_view text);

// What suppression comments may name: registered rules, and squawk's names.
SuppressionNames suppression_names();

}  // namespace migcheck
