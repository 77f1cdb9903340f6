// pop / ory popx (one file per dialect) and Prisma Migrate (one folder per
// migration) projects read from real directories, as each tool runs them on
// PostgreSQL. Minimal reproductions of ory/kratos's and trigger.dev's layouts.
#include <doctest/doctest.h>

#include "migrations/project_loader.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

MigrationSet load(const TempDir& dir, ProjectLayout layout = ProjectLayout::detect) {
  auto tree = disk_tree(dir.path().string());
  ProjectOptions options;
  options.layout = layout;
  return load_project(*tree, options);
}

std::vector<std::string> ids(const MigrationSet& set) {
  std::vector<std::string> out;
  for (const auto& revision : set.revisions) out.push_back(revision.id);
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("pop: the PostgreSQL file of each version runs, other dialects never") {
  TempDir dir;
  const auto m = dir / "migrations";
  write_file(m / "20200101000000_users.up.sql", "CREATE TABLE users (id uuid);\n");
  write_file(m / "20200101000000_users.down.sql", "DROP TABLE users;\n");
  write_file(m / "20200101000000_users.mysql.up.sql", "CREATE TABLE users (id char(36));\n");
  write_file(m / "20200101000000_users.mysql.down.sql", "DROP TABLE users;\n");
  // A dialect's own file overrides the generic one, even when empty.
  write_file(m / "20200102000000_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  write_file(m / "20200102000000_email.postgres.up.sql", "");
  write_file(m / "20200102000000_email.sqlite3.up.sql", "SELECT 1;\n");
  // Only for another database: not a migration on PostgreSQL at all.
  write_file(m / "20200103000000_fix.cockroach.up.sql", "SELECT 1;\n");
  // autocommit: run outside a transaction (CONCURRENTLY).
  write_file(m / "20200104000000_idx.postgres.autocommit.up.sql",
             "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
  write_file(m / "20200104000000_idx.autocommit.down.sql",
             "DROP INDEX CONCURRENTLY users_email;\n");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::pop);
  CHECK(ids(set) == Ids{"20200101000000", "20200102000000", "20200104000000"});
  CHECK(set.graph_findings.empty());
  CHECK(set.revisions[0].up[0].sql == "CREATE TABLE users (id uuid);\n");
  CHECK(set.revisions[0].up[0].transactional);
  CHECK(set.revisions[1].up[0].sql.empty());
  CHECK(set.revisions[1].file.ends_with("20200102000000_email.postgres.up.sql"));
  CHECK_FALSE(set.revisions[1].has_down);
  CHECK_FALSE(set.revisions[2].up[0].transactional);
  CHECK_FALSE(set.revisions[2].down[0].transactional);
  CHECK(set.graph.heads == Ids{"20200104000000"});
}

TEST_CASE("pop: two PostgreSQL files for one version are a duplicate") {
  TempDir dir;
  write_file(dir / "migrations/1_a.postgres.up.sql", "SELECT 1;\n");
  write_file(dir / "migrations/1_b.postgresql.up.sql", "SELECT 2;\n");
  auto set = load(dir, ProjectLayout::pop);
  REQUIRE(set.graph_findings.size() == 1);
  CHECK(set.graph_findings[0].rule == "duplicate-version");
}

TEST_CASE("prisma: folders in name order, migration.sql sent whole, forward only") {
  TempDir dir;
  const auto m = dir / "prisma/migrations";
  write_file(m / "migration_lock.toml", "provider = \"postgresql\"\n");
  write_file(m / "20230102000000_add_email/migration.sql",
             "ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n");
  write_file(m / "20230101000000_init/migration.sql",
             "CREATE TABLE \"User\" (\"id\" TEXT NOT NULL);\nCREATE INDEX \"User_id\" ON \"User\" "
             "(\"id\");\n");
  write_file(m / "20230103000000_notes/README.md", "not a migration\n");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::prisma);
  CHECK(ids(set) == Ids{"20230101000000_init", "20230102000000_add_email"});
  CHECK(set.revisions[0].message == "init");
  CHECK(set.revisions[1].parents == Ids{"20230101000000_init"});
  // Two statements in one simple query: one implicit transaction.
  CHECK(set.revisions[0].up[0].transactional);
  CHECK_FALSE(set.revisions[1].up[0].transactional);
  CHECK_FALSE(set.revisions[0].has_down);
  CHECK(set.revisions[0].file.ends_with("20230101000000_init/migration.sql"));
}

TEST_CASE("prisma: found without migration_lock.toml from its folders") {
  TempDir dir;
  write_file(dir / "migrations/20230101000000_init/migration.sql", "CREATE TABLE t (id int);\n");
  auto tree = disk_tree(dir.path().string());
  ProjectOptions options;
  options.directory = "migrations";
  CHECK(load_project(*tree, options).format == MigrationFormat::prisma);
}
