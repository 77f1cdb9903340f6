#pragma once
#include <pqxx/pqxx>

#include "runner/migration_applier.h"

namespace migcheck {

// Runs revisions' SQL units itself, the way golang-migrate, Flyway and dbmate
// do: each unit inside one transaction, or statement by statement in
// autocommit when the unit must not run in a transaction (CREATE INDEX
// CONCURRENTLY, dbmate's transaction:false). Statements are sent one at a time
// so a failure points at the statement that failed. The tools' bookkeeping
// tables are not written: snapshots leave them out anyway. A listener is told
// each statement at its file, line and column, and each COMMIT and ROLLBACK of
// a unit's transaction.
class SqlApplier : public MigrationApplier {
 public:
  explicit SqlApplier(pqxx::connection_base& connection) : connection_(connection) {}
  std::optional<StepFailure> upgrade(const Revision& revision) override;
  std::optional<StepFailure> downgrade(const Revision& revision) override;
  // Runs one unit of SQL (the round trip's setup files too).
  std::optional<StepFailure> apply(const SqlUnit& unit);

 private:
  std::optional<StepFailure> apply(const std::vector<SqlUnit>& units);
  class Clock;

  pqxx::connection_base& connection_;
  const Revision* running_ = nullptr;  // the revision whose units run, for listeners
};

}  // namespace migcheck
