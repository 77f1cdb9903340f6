// golang-migrate, Flyway, goose, dbmate and plain SQL projects read from real
// directories through load_project, as each tool orders and runs them.
#include <doctest/doctest.h>

#include <algorithm>

#include "linter/input_error.h"
#include "migrations/project_loader.h"
#include "migrations/sql_layouts.h"
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

std::vector<std::string> rules(const MigrationSet& set) {
  std::vector<std::string> out;
  for (const auto& finding : set.graph_findings) out.push_back(finding.rule);
  return out;
}

using Ids = std::vector<std::string>;

// Where the first occurrence of `needle` in a unit's SQL maps to in its file.
Location locate(const SqlUnit& unit, const std::string& needle) {
  size_t at = unit.sql.find(needle);
  REQUIRE(at != std::string::npos);
  return unit.map.locate(at, at + needle.size());
}

}  // namespace

TEST_CASE("golang-migrate: a file with its own BEGIN is not also wrapped in one") {
  TempDir dir;
  write_file(dir / "migrations/1_own.up.sql",
             "-- explicit\nBEGIN;\nCREATE TABLE a (id bigint);\nCOMMIT;\n");
  write_file(dir / "migrations/1_own.down.sql", "DROP TABLE a;\n");
  write_file(dir / "migrations/2_plain.up.sql", "CREATE TABLE b (id bigint);\nSELECT 1;\n");
  write_file(dir / "migrations/2_plain.down.sql", "DROP TABLE b;\n");
  auto set = load(dir);
  REQUIRE(set.revisions.size() == 2);
  CHECK_FALSE(set.revisions[0].up[0].transactional);
  CHECK(set.revisions[1].up[0].transactional);
}

TEST_CASE("golang-migrate: numeric order, whole-file transactions, missing and duplicate files") {
  TempDir dir;
  write_file(dir / "migrations/000010_add_index.up.sql",
             "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
  write_file(dir / "migrations/000010_add_index.down.sql", "DROP INDEX users_email;\n");
  write_file(dir / "migrations/000002_create.up.sql",
             "CREATE TABLE users (id bigint);\nALTER TABLE users ADD COLUMN email text;\n");
  write_file(dir / "migrations/000002_create.down.sql", "DROP TABLE users;\n");
  write_file(dir / "migrations/000011_backfill.up.sql", "UPDATE users SET email = '';\n");
  write_file(dir / "migrations/11_again.up.sql", "SELECT 1;\n");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::golang_migrate);
  CHECK(ids(set) == Ids{"2", "10", "11"});  // 2 before 10: numbers, not names
  CHECK(set.revisions[1].parents == Ids{"2"});
  CHECK(set.graph.heads == Ids{"11"});
  // Two statements in one file run as one implicit transaction; one alone does not.
  CHECK(set.revisions[0].up[0].transactional);
  CHECK_FALSE(set.revisions[1].up[0].transactional);
  CHECK(set.revisions[0].message == "create");
  CHECK(set.revisions[2].has_down == false);
  CHECK(rules(set) == Ids{"duplicate-version", "missing-down-migration"});
  auto location = locate(set.revisions[0].up[0], "ALTER TABLE");
  CHECK(location.line == 2);
  CHECK(location.column == 1);
  CHECK(location.file.find("000002_create.up.sql") != std::string::npos);
}

TEST_CASE("Flyway: versions compare by numeric parts, undo files are downs, repeatables last") {
  TempDir dir;
  write_file(dir / "db/migration/V1.10__ten.sql", "SELECT 10;\n");
  write_file(dir / "db/migration/V1.1__one_one.sql", "SELECT 11;\n");
  write_file(dir / "db/migration/V1_2__one_two.sql", "SELECT 12;\n");
  write_file(dir / "db/migration/V2__two.sql", "SELECT 2;\n");
  write_file(dir / "db/migration/U2__two.sql", "SELECT -2;\n");
  write_file(dir / "db/migration/R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
  write_file(dir / "db/migration/nested/V3__deep.sql",
             "-- builds without blocking writes\nCREATE INDEX CONCURRENTLY i ON t (c);\n");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::flyway);
  CHECK(ids(set) == Ids{"1.1", "1.2", "1.10", "2", "3", "R__views"});
  CHECK(set.revisions[1].message == "one two");
  CHECK(set.revisions[3].has_down);
  CHECK(set.revisions[3].down[0].sql == "SELECT -2;\n");
  CHECK_FALSE(set.revisions[0].has_down);
  // Flyway runs a CONCURRENTLY statement outside a transaction by itself.
  CHECK(set.revisions[0].up[0].transactional);
  CHECK_FALSE(set.revisions[4].up[0].transactional);
  CHECK(set.graph_findings.empty());
}

TEST_CASE("Flyway: 1.0 and 1 are the same version; executeInTransaction=false in .conf") {
  TempDir dir;
  write_file(dir / "V1__first.sql", "SELECT 1;\n");
  write_file(dir / "V1.0__again.sql", "SELECT 1;\n");
  write_file(dir / "V2__plain.sql", "SELECT 2;\n");
  write_file(dir / "V2__plain.sql.conf", "executeInTransaction=false\n");
  auto set = load(dir);
  CHECK(rules(set) == Ids{"duplicate-version"});
  CHECK_FALSE(set.revisions.back().up[0].transactional);
  TempDir bad;
  write_file(bad / "V1.x__bad.sql", "SELECT 1;\n");
  CHECK_THROWS_WITH_AS(load(bad, ProjectLayout::flyway), doctest::Contains("V1.x__bad.sql:1:1"),
                       InputError);
}

TEST_CASE("Flyway: a folder of V<major>_<minor>__ files is Flyway, its versions numbers") {
  TempDir dir;
  write_file(dir / "V1_1__x.sql", "SELECT 11;\n");
  write_file(dir / "V1_10__y.sql", "SELECT 110;\n");
  write_file(dir / "V1_2__z.sql", "SELECT 12;\n");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::flyway);
  CHECK(ids(set) == Ids{"1.1", "1.2", "1.10"});
  CHECK(set.revisions[2].parents == Ids{"1.2"});
  CHECK(set.graph.heads == Ids{"1.10"});
}

TEST_CASE("Flyway: leading zeros do not make a version new; repeatables by description") {
  TempDir dir;
  write_file(dir / "V1_01__first.sql", "SELECT 1;\n");
  write_file(dir / "U1.1__first.sql", "SELECT -1;\n");
  write_file(dir / "R__b_views.sql", "SELECT 'b';\n");
  write_file(dir / "R__a_functions.sql", "SELECT 'a';\n");
  auto set = load(dir);
  CHECK(ids(set) == Ids{"1.01", "R__a_functions", "R__b_views"});
  CHECK(set.revisions[0].down[0].sql == "SELECT -1;\n");  // U1.1 undoes version 1.01
  CHECK_FALSE(set.revisions[1].has_down);  // a repeatable is applied again, never undone
  CHECK(rules(set).empty());
  write_file(dir / "V1.1__again.sql", "SELECT 1;\n");
  CHECK(rules(load(dir)) == Ids{"duplicate-version"});
}

TEST_CASE("Flyway: flyway.conf locations, several merged into one version order") {
  TempDir dir;
  write_file(dir / "flyway.conf",
             "# where the scripts are\nflyway.url=jdbc:postgresql://localhost/app\n"
             "flyway.locations = filesystem:sql, \\\n    classpath:db/migration\n");
  write_file(dir / "sql/V1__create.sql", "CREATE TABLE t (id int);\n");
  write_file(dir / "sql/V3__more.sql", "SELECT 3;\n");
  write_file(dir / "src/main/resources/db/migration/V2__between.sql", "SELECT 2;\n");
  write_file(dir / "src/main/resources/db/migration/R__view.sql", "SELECT 'r';\n");
  write_file(dir / "other/V9__not_listed.sql", "SELECT 9;\n");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::flyway);
  CHECK(ids(set) == Ids{"1", "2", "3", "R__view"});
  CHECK(set.revisions[1].file.ends_with("src/main/resources/db/migration/V2__between.sql"));
}

TEST_CASE("Flyway: flyway.toml locations, the environment's override, naming settings") {
  TempDir dir;
  write_file(dir / "db/flyway.toml",
             "[flyway]\nlocations = [\"filesystem:scripts\"]\nenvironment = \"ci\"\n"
             "sqlMigrationPrefix = \"M\"\nsqlMigrationSeparator = \"-\"\n"
             "sqlMigrationSuffixes = [\".pgsql\", \".sql\"]\n\n"
             "[environments.ci]\nurl = \"jdbc:postgresql://ci/app\"\n\n"
             "[environments.ci.flyway]\nlocations = [\"filesystem:scripts\", \"filesystem:ci\"]\n");
  write_file(dir / "db/scripts/M1-create.pgsql", "CREATE TABLE t (id int);\n");
  write_file(dir / "db/scripts/V2__ignored.sql", "SELECT 'not a migration with prefix M';\n");
  write_file(dir / "db/ci/M1.5-seed.sql", "INSERT INTO t VALUES (1);\n");
  auto tree = disk_tree(dir.path().string());
  ProjectOptions options;
  options.directory = "db";
  auto set = load_project(*tree, options);
  CHECK(set.format == MigrationFormat::flyway);
  CHECK(ids(set) == Ids{"1", "1.5"});
  CHECK(set.revisions[1].message == "seed");
}

TEST_CASE("Flyway configuration errors name the file and line") {
  TempDir syntax;
  write_file(syntax / "flyway.toml", "[flyway]\nlocations = [\"filesystem:sql\"\n");
  CHECK_THROWS_WITH_AS(load(syntax), doctest::Contains("flyway.toml:"), InputError);
  TempDir cloud;
  write_file(cloud / "flyway.conf",
             "flyway.url=jdbc:postgresql://x/y\nflyway.locations=s3:bucket\n");
  CHECK_THROWS_WITH_AS(load(cloud), doctest::Contains("flyway.conf:2:1"), InputError);
  TempDir nowhere;
  write_file(nowhere / "flyway.toml", "[flyway]\nlocations = [\"filesystem:missing\"]\n");
  CHECK_THROWS_WITH_AS(load(nowhere), doctest::Contains("flyway.toml:2:"), InputError);
}

TEST_CASE("dbmate: up and down sections map into the file, transaction:false is honoured") {
  TempDir dir;
  write_file(dir / "db/migrations/20240101120000_create_users.sql",
             "-- migrate:up\nCREATE TABLE users (id bigint);\n\n"
             "-- migrate:down\nDROP TABLE users;\n");
  write_file(dir / "db/migrations/20240102090000_index_users.sql",
             "-- a comment before the block is allowed\n"
             "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON users (id);\n"
             "-- migrate:down\nDROP INDEX i;\n");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::dbmate);
  CHECK(ids(set) == Ids{"20240101120000", "20240102090000"});
  CHECK(set.revisions[0].message == "create_users");
  CHECK(set.revisions[0].up[0].sql == "CREATE TABLE users (id bigint);\n\n");
  CHECK(set.revisions[0].down[0].sql == "DROP TABLE users;\n");
  CHECK(set.revisions[0].up[0].transactional);
  CHECK_FALSE(set.revisions[1].up[0].transactional);
  CHECK(set.revisions[1].down[0].transactional);
  auto location = locate(set.revisions[1].down[0], "DROP INDEX");
  CHECK(location.line == 5);
  CHECK(location.column == 1);
  CHECK(locate(set.revisions[1].up[0], "CONCURRENTLY").line == 3);
}

TEST_CASE("dbmate: statements outside the blocks are an error naming the line") {
  TempDir dir;
  write_file(dir / "20240101120000_bad.sql", "SELECT 1;\n-- migrate:up\nSELECT 2;\n");
  CHECK_THROWS_WITH_AS(load(dir, ProjectLayout::dbmate),
                       doctest::Contains("20240101120000_bad.sql:1:1"), InputError);
}

TEST_CASE("plain SQL: files in name order, each statement outside a transaction") {
  TempDir dir;
  write_file(dir / "sql/b_second.sql", "SELECT 2;\n");
  write_file(dir / "sql/a_first.sql", "SELECT 1;\n");
  write_file(dir / "sql/readme.txt", "not sql");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::sql);
  CHECK(ids(set) == Ids{"a_first", "b_second"});
  CHECK(set.revisions[0].message.empty());  // a loose file has a name, not a message
  CHECK_FALSE(set.revisions[0].up[0].transactional);
  CHECK(set.graph.heads == Ids{"b_second"});
}

TEST_CASE("a byte-order mark becomes spaces in the SQL while the map stays exact") {
  TempDir dir;
  write_file(dir / "001_bom.sql", "\xEF\xBB\xBFSELECT 1;\nSELECT 2;\n");
  auto set = load(dir, ProjectLayout::sql);
  const SqlUnit& unit = set.revisions[0].up[0];
  CHECK(unit.sql.rfind("   SELECT 1;", 0) == 0);
  auto location = locate(unit, "SELECT 1");
  CHECK(location.line == 1);
  CHECK(location.column == 1);  // the mark is not a column
  CHECK(locate(unit, "SELECT 2").line == 2);
}

TEST_CASE("statement splitting ignores comment-only pieces") {
  CHECK(split_sql_statements("SELECT 1; -- trailing\n").size() == 1);
  CHECK(split_sql_statements("SELECT 1;\n/* c */ SELECT 2;").size() == 2);
  CHECK(split_sql_statements("-- nothing\n").empty());
  CHECK(split_sql_statements("-- why\nSELECT 1;")[0] == "SELECT 1");  // from the first token
}

TEST_CASE("a directory without migrations is an input error naming it") {
  TempDir dir;
  write_file(dir / "notes.txt", "hello");
  CHECK_THROWS_WITH_AS(load(dir), doctest::Contains("no migration project found"), InputError);
  ProjectOptions options;
  options.directory = "missing";
  auto tree = disk_tree(dir.path().string());
  CHECK_THROWS_WITH_AS(load_project(*tree, options), doctest::Contains("not found"), InputError);
}

TEST_CASE("invalid UTF-8 or a NUL byte in a migration is an error naming the file and position") {
  TempDir golang;
  write_file(golang / "1_ok.up.sql", "SELECT 1;\n");
  write_file(golang / "1_ok.down.sql", "SELECT 2;\n");
  write_file(golang / "2_bad.up.sql", "DROP TABLE z\xFFp;\n");
  write_file(golang / "2_bad.down.sql", "SELECT 3;\n");
  CHECK_THROWS_WITH_AS(load(golang), doctest::Contains("2_bad.up.sql:1:13"), InputError);

  TempDir dbmate;
  write_file(dbmate / "20240101000000_a.sql",
             std::string("-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT '\0';\n", 52));
  CHECK_THROWS_WITH_AS(load(dbmate), doctest::Contains("20240101000000_a.sql:4:9"), InputError);
}

TEST_CASE("goose: versions in numeric order, sections, annotations in any case") {
  TempDir dir;
  write_file(dir / "migrations/00002_add_email.sql",
             "-- +goose Up\nALTER TABLE users ADD COLUMN email text;\n\n"
             "-- +goose Down\nALTER TABLE users DROP COLUMN email;\n");
  write_file(dir / "migrations/00010_function.sql",
             "-- header comment\n-- +GOOSE UP\n-- +goose StatementBegin\n"
             "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
             "-- +goose StatementEnd\n");
  write_file(
      dir / "migrations/00001_create_users.sql",
      "-- +goose up\r\nCREATE TABLE users (id bigint);\r\n-- +goose down\r\nDROP TABLE users;\r\n");
  auto set = load(dir);
  CHECK(set.format == MigrationFormat::goose);
  CHECK(ids(set) == Ids{"1", "2", "10"});  // 10 after 2: versions are numbers
  CHECK(set.graph.heads == Ids{"10"});
  CHECK(set.revisions[0].message == "create_users");
  CHECK(set.revisions[0].up[0].sql == "CREATE TABLE users (id bigint);\r\n");
  CHECK(set.revisions[0].down[0].sql == "DROP TABLE users;\r\n");
  CHECK(set.revisions[1].up[0].transactional);
  CHECK(set.revisions[2].up[0].sql.find("CREATE FUNCTION") != std::string::npos);
  CHECK_FALSE(set.revisions[2].has_down);
  auto down = set.revisions[1].down[0].map.locate(0, 5);
  CHECK(down.file.ends_with("00002_add_email.sql"));
  CHECK(down.line == 5);
}

TEST_CASE("goose: NO TRANSACTION runs both directions outside a transaction") {
  TempDir dir;
  write_file(dir / "20240101120000_index.sql",
             "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (x);\n"
             "-- +goose Down\nDROP INDEX CONCURRENTLY i;\n");
  auto set = load(dir);
  REQUIRE(set.revisions.size() == 1);
  CHECK_FALSE(set.revisions[0].up[0].transactional);
  CHECK_FALSE(set.revisions[0].down[0].transactional);
}

TEST_CASE("goose: malformed migrations are errors naming the file and line") {
  TempDir dir;
  write_file(dir / "00001_a.sql", "-- +goose Down\nSELECT 1;\n-- +goose Up\nSELECT 2;\n");
  CHECK_THROWS_WITH_AS(load(dir, ProjectLayout::goose), doctest::Contains("00001_a.sql:1:1"),
                       InputError);
  write_file(dir / "00001_a.sql", "SELECT 0;\n-- +goose Up\nSELECT 2;\n");
  CHECK_THROWS_WITH_AS(load(dir, ProjectLayout::goose), doctest::Contains("00001_a.sql:1:1"),
                       InputError);
  write_file(dir / "00001_a.sql", "-- +goose Up\nSELECT 2;\n-- +goose Sideways\n");
  CHECK_THROWS_WITH_AS(load(dir, ProjectLayout::goose),
                       doctest::Contains("00001_a.sql:3:1: unknown goose annotation"), InputError);
  write_file(dir / "00001_a.sql", "-- +goose Up\nSELECT 2;\n");
  write_file(dir / "seed.sql", "-- +goose Up\nSELECT 3;\n");
  CHECK_THROWS_WITH_AS(load(dir, ProjectLayout::goose), doctest::Contains("seed.sql:1:1"),
                       InputError);
}

TEST_CASE("goose: a duplicate version is a finding, a Go migration is named, not skipped") {
  TempDir dir;
  write_file(dir / "00001_a.sql", "-- +goose Up\nSELECT 1;\n");
  write_file(dir / "001_b.sql", "-- +goose Up\nSELECT 2;\n");
  write_file(dir / "00002_backfill.go", "package migrations\n");
  write_file(dir / "main.go", "package main\n");
  auto set = load(dir);
  CHECK(ids(set) == Ids{"1", "2"});
  REQUIRE(set.graph_findings.size() == 1);
  CHECK(set.graph_findings[0].rule == "duplicate-version");
  REQUIRE(set.revisions[1].read_findings.size() == 1);
  CHECK(set.revisions[1].read_findings[0].rule == "unresolved-operation");
  CHECK(set.revisions[1].up.empty());
}
