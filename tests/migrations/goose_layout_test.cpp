// goose projects (pressly/goose): NNN_name.sql files whose "-- +goose Up" and
// "-- +goose Down" annotations split the directions, read as goose reads them.
#include <doctest/doctest.h>

#include "linter/input_error.h"
#include "migrations/project_loader.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

using Ids = std::vector<std::string>;

MigrationSet load(const TempDir& dir, ProjectLayout layout = ProjectLayout::detect) {
  auto tree = disk_tree(dir.path().string());
  ProjectOptions options;
  options.layout = layout;
  return load_project(*tree, options);
}

Ids ids(const MigrationSet& set) {
  Ids out;
  for (const auto& revision : set.revisions) out.push_back(revision.id);
  return out;
}

}  // namespace

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
