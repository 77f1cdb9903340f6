#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "linter/catalog.h"
#include "linter/connection_settings.h"
#include "linter/statement.h"

namespace migcheck {

// A setting the migration made with SET, SET LOCAL or set_config(): SET
// LOCAL lasts until the transaction ends, SET as long as the connection.
struct MadeSetting {
  bool set = false;
  bool local = false;
};

// What the database session looks like when a statement runs: whether a
// transaction is open (the migration tool's own, a BEGIN in the file, or a DO
// block's), which locks that transaction holds, and which safety settings
// (timeouts, search_path) were made earlier in the migration.
struct SessionState {
  bool tool_transaction = false;  // the migration tool wraps the unit in one
  int explicit_depth = 0;         // BEGINs not yet ended by COMMIT/ROLLBACK
  int block_depth = 0;            // inside a DO block, which runs as one statement
  MadeSetting lock_timeout;
  MadeSetting statement_timeout;
  MadeSetting search_path;
  // Statements so far that took a lock blocking writes (SHARE or stronger) on
  // a pre-existing table, before a lock_timeout or statement_timeout was set.
  int blocking_statements_without_lock_timeout = 0;
  int blocking_statements_without_statement_timeout = 0;
  // Where the BEGIN that is still open is, in the unit's SQL.
  std::optional<Span> open_begin;
  // Counts the transactions that ended, so each has its own number.
  int transaction_serial = 0;
  // "schema.table.constraint" for constraints this unit dropped with DROP
  // CONSTRAINT IF EXISTS and has not added again since: an ADD of the same
  // name after that drop succeeds when the unit is re-run.
  std::set<std::string> constraints_dropped_if_exists;

  // Transaction-scoped: forgotten when the transaction ends.
  // Pre-existing tables the transaction holds ACCESS EXCLUSIVE on, in order.
  std::vector<std::string> exclusive_locks;
  // Long-running statements run while such a lock was held.
  int long_statements_under_exclusive_lock = 0;
  // Pre-existing tables whose data it changed (UPDATE, DELETE, INSERT ...
  // SELECT, COPY), in order.
  std::vector<std::string> changed_tables;
  // Enum values added by ALTER TYPE ... ADD VALUE in it: PostgreSQL 12+
  // refuses to use them before the transaction commits.
  std::vector<std::string> added_enum_values;
  // Enum types created in it ("schema.type"): before PostgreSQL 12, ADD VALUE
  // inside a transaction block is allowed only for those.
  std::set<std::string> created_enum_types;
  // "schema.table.constraint" for constraints added NOT VALID in it.
  std::set<std::string> not_valid_constraints;

  bool in_transaction() const { return tool_transaction || explicit_depth > 0 || block_depth > 0; }
  // Records the effect of a statement that ran; `before` is the schema memory
  // as it was before the statement.
  void apply(const Statement& statement, const Catalog& before, int pg_version);
  // Starts from the settings earlier units of the migration left on the
  // connection, and says what this one leaves for the next.
  void resume(const ConnectionSettings& carried);
  ConnectionSettings lasting_settings() const;
  // Brackets the statements of a DO block: they share one transaction.
  void begin_block() { ++block_depth; }
  void end_block();

 private:
  void end_transaction();
};

}  // namespace migcheck
