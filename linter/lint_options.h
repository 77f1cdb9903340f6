#pragma once
#include <optional>

namespace migcheck {

// What rules are told about the target and the way migrations run.
struct LintOptions {
  int pg_version = 15;  // the major version of the target server
  // Overrides whether the migration tool runs each unit in a transaction
  // (--assume-in-transaction); unset keeps each unit's own SqlUnit::transactional.
  std::optional<bool> assume_in_transaction;
};

}  // namespace migcheck
