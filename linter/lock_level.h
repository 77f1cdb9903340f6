#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "linter/catalog.h"
#include "linter/statement.h"

namespace migcheck {

// PostgreSQL's table lock modes, weakest first, so modes compare by strength.
enum class LockMode {
  none,
  access_share,
  row_share,
  row_exclusive,
  share_update_exclusive,
  share,
  share_row_exclusive,
  exclusive,
  access_exclusive,
};

// "ACCESS EXCLUSIVE", as PostgreSQL's documentation spells the mode.
std::string_view lock_mode_name(LockMode mode);

// A lock a statement takes on a relation, held until its transaction ends.
struct TableLock {
  std::string table;  // qualified name ("public.users"); an index's table when known
  LockMode mode;
};

// The table-level locks a DDL or maintenance statement takes, by PostgreSQL's
// documented lock table for the target `pg_version`. Plain DML (row locks
// under ROW EXCLUSIVE) is left out: it does not block readers or other
// writers of different rows. An index is resolved to its table through the
// catalog when known.
std::vector<TableLock> table_locks(const Statement& statement, const Catalog& catalog,
                                   int pg_version);

// The strongest lock among `locks` that makes the application wait, on a
// table that existed before the migration (see Catalog::is_new_table): SHARE
// or stronger blocks a table's writes; a materialized view takes no writes,
// so there only ACCESS EXCLUSIVE (which blocks its readers) counts. Mode none
// when there is no such lock.
TableLock strongest_blocking_lock(const std::vector<TableLock>& locks, const Catalog& catalog);

}  // namespace migcheck

namespace migcheck {

// True for statements whose run time grows with the size of a pre-existing
// table: data changes beyond single-row inserts, index builds, validation
// scans, table rewrites. Held locks make everyone else wait that long. A SET
// NOT NULL or ATTACH PARTITION that a validated CHECK spares its scan (for
// the target `pg_version`) is quick.
bool runs_long(const Statement& statement, const Catalog& catalog, int pg_version);

// True for UPDATE, DELETE, MERGE, COPY FROM and INSERT ... SELECT on a table
// that existed before the migration (INSERT ... VALUES of a few rows is quick).
bool changes_existing_data(const Statement& statement, const Catalog& catalog);

}  // namespace migcheck
