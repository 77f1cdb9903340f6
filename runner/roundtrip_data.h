#pragma once
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "linter/finding.h"
#include "migrations/migration_set.h"
#include "runner/migration_applier.h"

namespace migcheck {

// Why an upgrade failed only because of the rows in the tables: PostgreSQL's
// error with the rows generated that it failed on, in words and as evidence.
struct RowsAtFault {
  std::string rows;  // "products {"id": 3, "price": "abc"}; ..." (empty when unknown)
  std::vector<std::pair<std::string, std::string>> evidence;
};

// What a round trip does with the data in the tables (issue 13): rows put in
// before each checked revision's upgrade, an upgrade that fails on them tried
// again on empty tables, and the data compared through downgrade and upgrade.
class RoundTripData {
 public:
  virtual ~RoundTripData() = default;
  // Before a checked revision's first upgrade.
  virtual void before_upgrade(const Revision& revision) = 0;
  // That upgrade failed. When `retry` (the same upgrade, returning whether it
  // ran) passes once the tables are emptied, says which rows were at fault;
  // nullopt when the failure stands as it is.
  virtual std::optional<RowsAtFault> failed_with_rows(const Revision& revision,
                                                      const StepFailure& failure,
                                                      const std::function<bool()>& retry) = 0;
  virtual void after_upgrade(const Revision& revision) = 0;
  // After the downgrade, and after the upgrade that follows it: the findings
  // about data that was lost or came out otherwise.
  virtual std::vector<Finding> after_downgrade(const Revision& revision) = 0;
  virtual std::vector<Finding> after_second_upgrade(const Revision& revision) = 0;
};

}  // namespace migcheck
