#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migrations/file_tree.h"

namespace migcheck {

// How Flyway names SQL migrations: <prefix><version><separator><description>
// <suffix>, as V1_1__add_users.sql, U1_1__add_users.sql (its undo) and
// R__views.sql (a repeatable one, with no version).
struct FlywayNaming {
  std::string versioned_prefix = "V";         // sqlMigrationPrefix
  std::string undo_prefix = "U";              // undoSqlMigrationPrefix
  std::string repeatable_prefix = "R";        // repeatableSqlMigrationPrefix
  std::string separator = "__";               // sqlMigrationSeparator
  std::vector<std::string> suffixes{".sql"};  // sqlMigrationSuffixes
};

// Where a Flyway project keeps its migrations and how it names them.
struct FlywayProject {
  std::string directory;               // the configuration's directory in the tree
  std::vector<std::string> locations;  // tree directories, in the configured order
  FlywayNaming naming;
};

// Reads the Flyway configuration in `directory` of the tree: flyway.toml
// (`[flyway]`, overridden by `[environments.<environment>.flyway]`), else
// flyway.conf (Java properties, `flyway.locations=filesystem:sql,...`).
// Locations are relative to the configuration's directory; `classpath:X` (and
// an unprefixed X) is Maven's src/main/resources/X, or X itself; absolute ones
// must lie below `absolute_directory`, the disk path of `directory` (empty for
// a git tree). Locations that do not exist are skipped, as Flyway skips them
// with a warning; without `locations`, Flyway's defaults (classpath:db/migration,
// filesystem:sql) are looked for. Returns nullopt when there is no
// configuration file; throws InputError "file:line:col: ..." for a file Flyway
// rejects, a location migcheck cannot read (s3:, gcs:), or locations of which
// none exists.
std::optional<FlywayProject> read_flyway_config(const FileTree& tree, const std::string& directory,
                                                const std::string& absolute_directory);

}  // namespace migcheck
