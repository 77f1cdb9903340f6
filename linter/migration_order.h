#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace migcheck {

// Loose SQL files given together are one project's migrations: sorts them
// into the order the SQL layouts apply them, by file name. A name's leading
// version ("0002_", "V1_1__", "20240101120000_", after an optional V or U)
// compares part by part as numbers, so V2 comes before V10; names without a
// version come after those with one, in name order; a down migration comes
// right after its up migration; equal names keep path order (Prisma's
// TIMESTAMP_name/migration.sql).
void sort_migration_files(std::vector<std::string>& paths);

// Whether the file undoes a migration rather than making one: golang-migrate's
// and pop's NNN_name.down.sql, Flyway's U<version>__name.sql.
bool is_down_migration_file(std::string_view path);

}  // namespace migcheck
