#pragma once
#include <map>
#include <string>

#include <pqxx/connection_base>

#include "runner/migration_applier.h"
#include "runner/roundtrip_data.h"

namespace migcheck {

// Copies of the tables' rows from before a failed upgrade, kept in
// temporary tables of the data session (which no migration sees), so the
// rows at fault can be found once the upgrade has passed on empty tables.
class RowsBeforeFailure {
 public:
  // Copies every table's rows, then empties the tables.
  explicit RowsBeforeFailure(pqxx::connection_base& connection);
  ~RowsBeforeFailure();
  RowsBeforeFailure(const RowsBeforeFailure&) = delete;
  RowsBeforeFailure& operator=(const RowsBeforeFailure&) = delete;

  // The rows `failure` names or implies, found by running the failing
  // predicate over the copies in the schema the upgrade made: the NULLs in a
  // column set NOT NULL, the duplicates under a unique index, the orphans of
  // a foreign key, the rows a CHECK rejects, the rows holding a value a cast
  // rejects; else a few rows of the table the message names.
  RowsAtFault rows_at_fault(const StepFailure& failure);

 private:
  std::string rows_where(const std::string& table, const std::string& condition,
                         RowsAtFault& found);

  pqxx::connection_base& connection_;
  std::map<std::string, std::string> copies_;  // table name (relname) -> temporary copy
};

}  // namespace migcheck
