// `migcheck fix` on SQL migrations of each layout: the edit, and what the
// layout needs to run the fixed statement outside a transaction.
#include "tests/cli/fix_support.h"

using namespace migcheck::testing;

TEST_CASE("fix: CREATE INDEX in a loose SQL file becomes CONCURRENTLY, spacing and comments kept") {
  FixProject project;
  project.write("001_index.sql",
                "-- Index for lookups.\n"
                "CREATE   INDEX  users_email_idx ON users (email);  -- by email\n");
  check_fix(project, "001_index.sql", "creating-index-non-concurrently",
            {{"001_index.sql",
              "-- Index for lookups.\n"
              "CREATE   INDEX CONCURRENTLY  users_email_idx ON users (email);  -- by email\n"}});
}

TEST_CASE("fix: goose gets NO TRANSACTION for CREATE UNIQUE INDEX CONCURRENTLY") {
  FixProject project;
  project.write("migrations/20240101000000_index.sql",
                "-- +goose Up\n"
                "CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx\n"
                "    ON users (email);\n"
                "\n"
                "-- +goose Down\n"
                "DROP INDEX users_email_idx;\n");
  check_fix(project, "--project .", "creating-index-non-concurrently",
            {{"migrations/20240101000000_index.sql",
              "-- +goose NO TRANSACTION\n"
              "-- +goose Up\n"
              "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx\n"
              "    ON users (email);\n"
              "\n"
              "-- +goose Down\n"
              "DROP INDEX users_email_idx;\n"}});
}

TEST_CASE("fix: dbmate gets transaction:false for DROP INDEX CONCURRENTLY") {
  FixProject project;
  project.write("db/migrations/20240101000000_drop_index.sql",
                "-- migrate:up\n"
                "DROP INDEX users_email_idx;\n"
                "\n"
                "-- migrate:down\n"
                "CREATE INDEX users_email_idx ON users (email);\n");
  check_fix(project, "--project .", "dropping-index-non-concurrently",
            {{"db/migrations/20240101000000_drop_index.sql",
              "-- migrate:up transaction:false\n"
              "DROP INDEX CONCURRENTLY users_email_idx;\n"
              "\n"
              "-- migrate:down\n"
              "CREATE INDEX users_email_idx ON users (email);\n"}});
}

TEST_CASE("fix: Flyway gets a script configuration for REINDEX CONCURRENTLY") {
  FixProject project;
  project.write("db/migration/V1__reindex.sql",
                "SET lock_timeout = '1s';\n"
                "REINDEX INDEX users_email_idx;\n");
  check_fix(project, "--project .", "reindexing-non-concurrently",
            {{"db/migration/V1__reindex.sql",
              "SET lock_timeout = '1s';\n"
              "REINDEX INDEX CONCURRENTLY users_email_idx;\n"},
             {"db/migration/V1__reindex.sql.conf", "executeInTransaction=false\n"}});
}

TEST_CASE("fix: a golang-migrate file holding only the index needs nothing else") {
  FixProject project;
  project.write("migrations/1_index.up.sql", "CREATE INDEX users_email_idx ON users (email);\n");
  project.write("migrations/1_index.down.sql", "DROP INDEX users_email_idx;\n");
  check_fix(project, "--project .", "creating-index-non-concurrently",
            {{"migrations/1_index.up.sql",
              "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n"}});
}

TEST_CASE(
    "fix: golang-migrate runs a file of several statements in one transaction, so no "
    "CONCURRENTLY fix is offered there") {
  FixProject project;
  std::string up =
      "ALTER TABLE users ADD COLUMN email text;\n"
      "CREATE INDEX users_email_idx ON users (email);\n";
  project.write("migrations/1_index.up.sql", up);
  project.write("migrations/1_index.down.sql", "ALTER TABLE users DROP COLUMN email;\n");
  auto diff = project.migcheck("fix --project . --diff --select creating-index-non-concurrently");
  INFO(diff.out, diff.err);
  CHECK(diff.exit_code == 0);
  CHECK(diff.out.empty());
  CHECK(project.read("migrations/1_index.up.sql") == up);
}

TEST_CASE("fix: SET lock_timeout goes at the top of a SQL migration") {
  FixProject project;
  project.write("migrations/20240101000000_note.sql",
                "-- +goose Up\n"
                "-- A note per user.\n"
                "ALTER TABLE users ADD COLUMN note text;\n"
                "-- +goose Down\n"
                "ALTER TABLE users DROP COLUMN note;\n");
  check_fix(project, "--project .", "missing-lock-timeout",
            {{"migrations/20240101000000_note.sql",
              "-- +goose Up\n"
              "SET lock_timeout = '5s';\n"
              "-- A note per user.\n"
              "ALTER TABLE users ADD COLUMN note text;\n"
              "-- +goose Down\n"
              "ALTER TABLE users DROP COLUMN note;\n"}});
}

TEST_CASE("fix: SET statement_timeout at the top when that rule is on") {
  FixProject project;
  project.write("001_note.sql", "ALTER TABLE users ADD COLUMN note text;\n");
  check_fix(project, "001_note.sql", "missing-statement-timeout",
            {{"001_note.sql",
              "SET statement_timeout = '1min';\n"
              "ALTER TABLE users ADD COLUMN note text;\n"}});
}

TEST_CASE("fix --diff prints a unified diff, writes nothing and exits 1") {
  FixProject project;
  std::string text = "CREATE INDEX users_email_idx ON users (email);\n";
  project.write("001_index.sql", text);
  auto diff = project.migcheck("fix 001_index.sql --diff");
  INFO(diff.out, diff.err);
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.find("--- a/001_index.sql\n+++ b/001_index.sql\n") != std::string::npos);
  CHECK(diff.out.find("-CREATE INDEX users_email_idx ON users (email);\n"
                      "+SET lock_timeout = '5s';\n"
                      "+CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n") !=
        std::string::npos);
  CHECK(project.read("001_index.sql") == text);
  // The diff applies as it is printed.
  write_file(project.dir / "fix.patch", diff.out);
  auto applied = run_command("cd " + shell_quote(project.dir.path().string()) +
                             " && patch -p1 -s < fix.patch");
  CHECK(applied.exit_code == 0);
  CHECK(project.read("001_index.sql") ==
        "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
}

TEST_CASE("fix: a missing input is an input error naming it, exit 2") {
  FixProject project;
  auto result = project.migcheck("fix 001_missing.sql");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("001_missing.sql") != std::string::npos);
}

TEST_CASE("fix: IF [NOT] EXISTS makes statements outside a transaction re-runnable") {
  FixProject project;
  project.write("001_robust.sql",
                "CREATE TABLE audit (id bigint);\n"
                "CREATE INDEX CONCURRENTLY audit_id_idx ON audit (id);\n"
                "ALTER TABLE users ADD COLUMN note text;\n"
                "ALTER TABLE users DROP COLUMN legacy;\n"
                "ALTER TABLE users DROP CONSTRAINT users_legacy_check;\n"
                "DROP INDEX CONCURRENTLY old_idx;\n"
                "DROP MATERIALIZED VIEW stats;\n");
  check_fix(project, "001_robust.sql", "prefer-robust-statements",
            {{"001_robust.sql",
              "CREATE TABLE IF NOT EXISTS audit (id bigint);\n"
              "CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_id_idx ON audit (id);\n"
              "ALTER TABLE users ADD COLUMN IF NOT EXISTS note text;\n"
              "ALTER TABLE users DROP COLUMN IF EXISTS legacy;\n"
              "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_legacy_check;\n"
              "DROP INDEX CONCURRENTLY IF EXISTS old_idx;\n"
              "DROP MATERIALIZED VIEW IF EXISTS stats;\n"}});
}

TEST_CASE("fix --unsafe: preferred column types replace the written ones, the rest kept") {
  FixProject project;
  project.write("001_types.sql",
                "CREATE TABLE events (\n"
                "    id serial PRIMARY KEY,  -- the key\n"
                "    at timestamp(3) without time zone NOT NULL,\n"
                "    payload json,\n"
                "    code char(4)\n"
                ");\n");
  auto safe = project.migcheck("fix 001_types.sql --select prefer-timestamptz");
  CHECK(safe.err.find("1 unsafe fix(es) not applied") != std::string::npos);
  check_fix(project, "001_types.sql",
            "prefer-timestamptz,prefer-jsonb,banning-char,prefer-identity",
            {{"001_types.sql",
              "CREATE TABLE events (\n"
              "    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,  -- the key\n"
              "    at timestamptz NOT NULL,\n"
              "    payload jsonb,\n"
              "    code text\n"
              ");\n"}},
            "--unsafe");
}
