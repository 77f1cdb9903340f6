#pragma once
#include <optional>
#include <string>
#include <vector>

#include "linter/location.h"
#include "migrations/migration_set.h"
#include "runner/statement_listener.h"

namespace migcheck {

// Why one migration step did not run: PostgreSQL's message and SQLSTATE, and
// where in the migration the failing statement is (an empty file when only
// the revision is known).
struct StepFailure {
  std::string message;
  std::string sqlstate;
  Location location;
  // PostgreSQL's DETAIL, when it gave one: which key is duplicated, which
  // row violates a constraint. What tells a real hazard from an odd value.
  std::string detail;
};

// Applies one revision in one direction on the round trip's database.
class MigrationApplier {
 public:
  virtual ~MigrationApplier() = default;
  // Runs the revision's upgrade; its parents are applied.
  virtual std::optional<StepFailure> upgrade(const Revision& revision) = 0;
  // Runs the revision's downgrade; it is applied and nothing applied depends on it.
  virtual std::optional<StepFailure> downgrade(const Revision& revision) = 0;

  struct BatchFailure {
    const Revision* revision;
    StepFailure failure;
  };
  // Upgrades `revisions` in order. Tools that can do it in one command
  // (Alembic's `upgrade REV`) override this; the default runs each in turn.
  virtual std::optional<BatchFailure> upgrade_all(const std::vector<const Revision*>& revisions);
  // Undoes `applied` (given in the order they were applied), newest first.
  virtual std::optional<BatchFailure> downgrade_all(const std::vector<const Revision*>& applied);

  // Tells `listener` (none when null) every statement the following steps
  // execute, pausing the migration while it listens.
  void listen(StatementListener* listener) { listener_ = listener; }

 protected:
  StatementListener* listener_ = nullptr;
};

}  // namespace migcheck
