#include <doctest/doctest.h>

#include <string>

#include "tests/test_support.h"

using migcheck::testing::run_migcheck_in;
using migcheck::testing::source_dir;
using migcheck::testing::TempDir;
using migcheck::testing::write_file;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A golang-migrate project whose second migration adds a unique index over a
// column the application fills with whatever users type.
void write_unique_index_project(const TempDir& project) {
  write_file(project / "migrations/000001_accounts.up.sql",
             "CREATE TABLE accounts (id serial PRIMARY KEY, email text);\n");
  write_file(project / "migrations/000001_accounts.down.sql", "DROP TABLE accounts;\n");
  write_file(project / "migrations/000002_unique_email.up.sql",
             "CREATE UNIQUE INDEX accounts_email_key ON accounts (email);\n");
  write_file(project / "migrations/000002_unique_email.down.sql",
             "DROP INDEX accounts_email_key;\n");
}

}  // namespace

TEST_CASE("the shop example round-trips with rows, and a seed replays the same report") {
  std::string arguments =
      "roundtrip --project examples/shop --format json --rows 20 --seed-value 11";
  auto first = run_migcheck_in(source_dir(), arguments);
  INFO(first.err);
  CHECK(first.exit_code == 0);
  CHECK(contains(first.err,
                 "topping every table up to 20 generated rows before each checked "
                 "revision, seed 11 (--seed-value 11 replays them)"));
  CHECK_FALSE(contains(first.out, "data-dependent-failure"));
  auto again = run_migcheck_in(source_dir(), arguments);
  CHECK(again.out == first.out);
}

TEST_CASE("a unique index over duplicates fails with rows, and passes with --rows 0") {
  TempDir project;
  write_unique_index_project(project);
  auto seeded = run_migcheck_in(project.path(), "roundtrip --rows 20 --seed-value 3");
  INFO(seeded.out << seeded.err);
  CHECK(seeded.exit_code == 0);  // a warning by default
  CHECK(contains(seeded.out, "data-dependent-failure"));
  CHECK(contains(seeded.out, "could not create unique index \"accounts_email_key\""));
  CHECK(contains(seeded.out, "rows: accounts (email)=("));
  CHECK(contains(seeded.out, "DETAIL: Key (email)=("));  // PostgreSQL's own words
  // Counted like every warning: with --fail-on warning it fails the run.
  auto failing =
      run_migcheck_in(project.path(), "roundtrip --rows 20 --seed-value 3 --fail-on warning");
  CHECK(failing.exit_code == 1);
  auto empty = run_migcheck_in(project.path(), "roundtrip --rows 0");
  CHECK(empty.exit_code == 0);
  CHECK_FALSE(contains(empty.out, "data-dependent-failure"));
  CHECK_FALSE(contains(empty.err, "generated rows"));
  // The configuration says the same; --rows overrides it.
  write_file(project / ".migcheck.toml", "[roundtrip]\nrows = 20\n");
  auto configured = run_migcheck_in(project.path(), "roundtrip --seed-value 3");
  CHECK(contains(configured.out, "data-dependent-failure"));
  auto overridden = run_migcheck_in(project.path(), "roundtrip --rows 0");
  CHECK(overridden.exit_code == 0);
  CHECK_FALSE(contains(overridden.out, "data-dependent-failure"));
}

TEST_CASE("a domain constraint validated over seeded rows is data-dependent, and its type drops") {
  TempDir project;
  write_file(project / "migrations/000001_users.up.sql",
             "CREATE DOMAIN email_address AS text;\n"
             "CREATE TYPE mood AS ENUM ('happy', 'sad');\n"
             "CREATE TABLE users (id serial PRIMARY KEY, email email_address NOT NULL, m mood);\n");
  write_file(project / "migrations/000001_users.down.sql",
             "DROP TABLE users;\nDROP TYPE mood;\nDROP DOMAIN email_address;\n");
  write_file(project / "migrations/000002_check.up.sql",
             "ALTER DOMAIN email_address ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT "
             "VALID;\n");
  write_file(project / "migrations/000002_check.down.sql",
             "ALTER DOMAIN email_address DROP CONSTRAINT has_at;\n");
  // The failing statement comes after the type's drop: the retry on emptied
  // tables must be able to drop it.
  write_file(project / "migrations/000003_validate.up.sql",
             "ALTER TABLE users DROP COLUMN m;\nDROP TYPE mood;\n"
             "ALTER DOMAIN email_address VALIDATE CONSTRAINT has_at;\n");
  write_file(project / "migrations/000003_validate.down.sql",
             "CREATE TYPE mood AS ENUM ('happy', 'sad');\nALTER TABLE users ADD COLUMN m mood;\n");
  auto seeded = run_migcheck_in(project.path(), "roundtrip --rows 20 --seed-value 5");
  INFO(seeded.out << seeded.err);
  // The rows the generator wrote before the check existed break it; with the
  // tables emptied the upgrade passes, so it is the data, not the migration.
  CHECK(contains(seeded.out, "data-dependent-failure"));
  CHECK(contains(seeded.out, "violate the new constraint"));
  CHECK_FALSE(contains(seeded.out, "upgrade-failed"));
}
