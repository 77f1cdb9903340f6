#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/source_file.h"
#include "linter/source_map.h"
#include "migrations/file_tree.h"
#include "migrations/flyway_config.h"
#include "migrations/migration_set.h"
#include "migrations/project_rules.h"

namespace migcheck {

// Plain-SQL migration layouts: golang-migrate (NNN_name.up.sql / .down.sql),
// pop and ory/popx (NNN_name[.dialect][.autocommit].up.sql), Prisma
// (TIMESTAMP_name/migration.sql),
// Flyway (V<version>__name.sql, U<version>__name.sql, R__name.sql), goose
// (NNN_name.sql with "-- +goose Up" / "-- +goose Down" sections), dbmate
// (one file with "-- migrate:up" / "-- migrate:down" sections) and loose *.sql
// files run in name order. Each loader reads `directory` of the tree and
// returns the revisions in the order the tool applies them, each one's parent
// the revision before it, with layout findings (duplicate-version,
// missing-down-migration) in graph_findings.

// Which SQL layout `directory` holds, if any, looking in that order.
std::optional<MigrationFormat> detect_sql_layout(const FileTree& tree,
                                                 const std::string& directory);

// The directories a SQL layout is looked for in, below the project: the
// project itself, then the tools' conventional folders.
std::vector<std::string> sql_layout_candidates(const std::string& project_directory);

MigrationSet load_golang_migrate(const FileTree& tree, const std::string& directory);
MigrationSet load_flyway(const FileTree& tree, const std::string& directory);
// Flyway as its configuration says: several locations read as one version
// order, and the configured file naming.
MigrationSet load_flyway(const FileTree& tree, const FlywayProject& project);
MigrationSet load_goose(const FileTree& tree, const std::string& directory);
MigrationSet load_dbmate(const FileTree& tree, const std::string& directory);
MigrationSet load_pop(const FileTree& tree, const std::string& directory);
MigrationSet load_prisma(const FileTree& tree, const std::string& directory);
MigrationSet load_plain_sql(const FileTree& tree, const std::string& directory);

// Whether a file name is pop's with a dialect or autocommit part
// ("1_users.postgres.up.sql"), which golang-migrate names never have.
bool is_pop_dialect_file(const std::string& name);

// Whether `directory` is Prisma Migrate's: a migration_lock.toml, or folders
// holding migration.sql.
bool is_prisma_migrations_directory(const FileTree& tree, const std::string& directory);

// --- shared by the loaders ---

// Whether a .sql file is a goose migration: it has a "-- +goose Up" line.
bool is_goose_migration(const std::string& text);

// A numeric version as golang-migrate and pop parse it, an unsigned number:
// "001" and "1" are the same migration.
std::string canonical_version_number(const std::string& digits);
bool version_number_less(const std::string& a, const std::string& b);

// A whole file sent as one simple-query string (golang-migrate's postgres
// driver, Prisma Migrate): PostgreSQL runs several statements in it as one
// implicit transaction, a single statement on its own (so CONCURRENTLY works
// only alone in its file). A file that says BEGIN itself takes that implicit
// transaction over: the linter then follows its own BEGIN and COMMIT instead.
SqlUnit simple_query_unit(const std::shared_ptr<const SourceFile>& file);

// A SQL unit holding bytes [begin, end) of `file`, mapped exactly. A leading
// UTF-8 byte-order mark becomes three spaces (libpg_query rejects it) so byte
// offsets, and therefore the map, stay exact.
SqlUnit sql_unit_for_range(const std::shared_ptr<const SourceFile>& file, size_t begin, size_t end,
                           bool transactional);

// The statements of `sql` that hold more than blanks and comments, each from
// its first token (leading comments skipped), split with PostgreSQL's scanner
// so a syntax error does not stop the split.
std::vector<std::string_view> split_sql_statements(std::string_view sql);

// Reads a file of the tree as a SourceFile named by its display path. Throws
// InputError "file:line:col: ..." for invalid UTF-8 or a NUL byte, which the
// migration tool's PostgreSQL would reject too.
std::shared_ptr<const SourceFile> read_source(const FileTree& tree, const std::string& path);

// The names of the files (not directories) directly in `directory`, sorted.
std::vector<std::string> list_files(const FileTree& tree, const std::string& directory);

// Links each revision to the one before it: numbered layouts are linear.
void chain_revisions(std::vector<Revision>& revisions);

// Throws InputError "file:line:col: what" at byte `offset` of `file`.
[[noreturn]] void fail_in_file(const SourceFile& file, size_t offset, const std::string& what);

// The layouts that cut one file into sections (dbmate, goose) run nothing
// before the first: throws InputError `what` at the first line before byte
// `end` that holds more than blanks and `--` comments.
void require_only_comments_before(const SourceFile& file, size_t end, const std::string& what);

}  // namespace migcheck
