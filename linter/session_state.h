#pragma once
#include "linter/statement.h"

namespace migcheck {

// What the database session looks like when a statement runs: whether a
// transaction is open (the migration tool's own, or a BEGIN in the file) and
// which safety settings were made earlier in the migration.
struct SessionState {
  bool tool_transaction = false;  // the migration tool wraps the unit in one
  int explicit_depth = 0;         // BEGINs not yet ended by COMMIT/ROLLBACK
  bool lock_timeout_set = false;
  bool statement_timeout_set = false;

  bool in_transaction() const { return tool_transaction || explicit_depth > 0; }
  // Records the effect of a statement that ran.
  void apply(const Statement& statement);
};

}  // namespace migcheck
