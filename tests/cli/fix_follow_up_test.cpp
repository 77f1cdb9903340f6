// `migcheck fix --unsafe` for constraints added in one go: NOT VALID in
// place, and VALIDATE CONSTRAINT in a new migration after the fixed one,
// named as each layout names its migrations.
#include <filesystem>

#include "tests/cli/fix_support.h"

using namespace migcheck::testing;

namespace {

constexpr const char* kConstraintRules = "adding-foreign-key,adding-check-constraint";

}  // namespace

TEST_CASE(
    "fix --unsafe: a golang-migrate foreign key goes NOT VALID, VALIDATE in the next version") {
  FixProject project;
  project.write("migrations/0001_init.up.sql",
                "CREATE TABLE users (id bigint PRIMARY KEY);\n"
                "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
  project.write("migrations/0001_init.down.sql", "DROP TABLE orders;\nDROP TABLE users;\n");
  project.write("migrations/0002_orders_user.up.sql",
                "-- Orders belong to users.\n"
                "ALTER TABLE orders\n"
                "    ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id)\n"
                "        REFERENCES users (id) ON DELETE CASCADE;  -- the owner\n");
  project.write("migrations/0002_orders_user.down.sql",
                "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;\n");
  check_fix(project, "--project .", "adding-foreign-key",
            {{"migrations/0002_orders_user.up.sql",
              "-- Orders belong to users.\n"
              "ALTER TABLE orders\n"
              "    ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id)\n"
              "        REFERENCES users (id) ON DELETE CASCADE NOT VALID;  -- the owner\n"},
             {"migrations/0003_orders_user_follow_up.up.sql",
              "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;\n"},
             {"migrations/0003_orders_user_follow_up.down.sql",
              "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;\n"
              "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id)\n"
              "        REFERENCES users (id) ON DELETE CASCADE NOT VALID;\n"}},
            "--unsafe");
  auto roundtrip =
      project.migcheck(std::string("roundtrip --project . --select ") + kConstraintRules);
  INFO(roundtrip.out, roundtrip.err);
  CHECK(roundtrip.exit_code == 0);
}

TEST_CASE("fix --unsafe: a goose CHECK among other commands, quoted names kept") {
  FixProject project;
  project.write("migrations/00001_init.sql",
                "-- +goose Up\n"
                "CREATE TABLE \"People\" (id bigint PRIMARY KEY, age int);\n"
                "-- +goose Down\n"
                "DROP TABLE \"People\";\n");
  project.write("migrations/00002_age.sql",
                "-- +goose Up\n"
                "ALTER TABLE \"People\"\n"
                "    ADD CONSTRAINT \"People_age\" CHECK (age >= (0)),\n"
                "    ADD COLUMN note text;\n"
                "-- +goose Down\n"
                "ALTER TABLE \"People\" DROP CONSTRAINT \"People_age\", DROP COLUMN note;\n");
  check_fix(
      project, "--project .", "adding-check-constraint",
      {{"migrations/00002_age.sql",
        "-- +goose Up\n"
        "ALTER TABLE \"People\"\n"
        "    ADD CONSTRAINT \"People_age\" CHECK (age >= (0)) NOT VALID,\n"
        "    ADD COLUMN note text;\n"
        "-- +goose Down\n"
        "ALTER TABLE \"People\" DROP CONSTRAINT \"People_age\", DROP COLUMN note;\n"},
       {"migrations/00003_age_follow_up.sql",
        "-- +goose Up\n"
        "ALTER TABLE \"People\" VALIDATE CONSTRAINT \"People_age\";\n"
        "\n"
        "-- +goose Down\n"
        "ALTER TABLE \"People\" DROP CONSTRAINT \"People_age\";\n"
        "ALTER TABLE \"People\" ADD CONSTRAINT \"People_age\" CHECK (age >= (0)) NOT VALID;\n"}},
      "--unsafe");
  auto roundtrip =
      project.migcheck(std::string("roundtrip --project . --select ") + kConstraintRules);
  INFO(roundtrip.out, roundtrip.err);
  CHECK(roundtrip.exit_code == 0);
}

TEST_CASE("fix --unsafe: dbmate and Flyway follow-ups take the next timestamp and version") {
  FixProject dbmate;
  dbmate.write("db/migrations/20240101000000_init.sql",
               "-- migrate:up\nCREATE TABLE t (id bigint PRIMARY KEY, n int);\n"
               "-- migrate:down\nDROP TABLE t;\n");
  dbmate.write("db/migrations/20240102000000_positive.sql",
               "-- migrate:up\nALTER TABLE t ADD CONSTRAINT t_n CHECK (n > 0);\n"
               "-- migrate:down\nALTER TABLE t DROP CONSTRAINT t_n;\n");
  check_fix(dbmate, "--project .", "adding-check-constraint",
            {{"db/migrations/20240102000000_positive.sql",
              "-- migrate:up\nALTER TABLE t ADD CONSTRAINT t_n CHECK (n > 0) NOT VALID;\n"
              "-- migrate:down\nALTER TABLE t DROP CONSTRAINT t_n;\n"},
             {"db/migrations/20240102000001_positive_follow_up.sql",
              "-- migrate:up\nALTER TABLE t VALIDATE CONSTRAINT t_n;\n\n"
              "-- migrate:down\nALTER TABLE t DROP CONSTRAINT t_n;\n"
              "ALTER TABLE t ADD CONSTRAINT t_n CHECK (n > 0) NOT VALID;\n"}},
            "--unsafe");

  FixProject flyway;
  flyway.write("db/migration/V1__init.sql", "CREATE TABLE t (id bigint PRIMARY KEY, n int);\n");
  flyway.write("db/migration/V2__positive.sql",
               "ALTER TABLE t ADD CONSTRAINT t_n CHECK (n > 0);\n");
  check_fix(
      flyway, "--project .", "adding-check-constraint",
      {{"db/migration/V2__positive.sql",
        "ALTER TABLE t ADD CONSTRAINT t_n CHECK (n > 0) NOT VALID;\n"},
       {"db/migration/V3__positive_follow_up.sql", "ALTER TABLE t VALIDATE CONSTRAINT t_n;\n"}},
      "--unsafe");
}

TEST_CASE("fix: an unnamed constraint gets no fix, since VALIDATE needs its name") {
  FixProject project;
  std::string text = "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);\n";
  project.write("001_fk.sql", text);
  auto diff = project.migcheck("fix 001_fk.sql --diff --unsafe --select adding-foreign-key");
  INFO(diff.out, diff.err);
  CHECK(diff.exit_code == 0);
  CHECK(diff.out.empty());
}

TEST_CASE(
    "fix --unsafe: op.create_foreign_key in an Alembic head gets postgresql_not_valid=True and "
    "a new revision that validates it") {
  FixProject project;
  write_alembic_project(project,
                        "    op.create_foreign_key(\n"
                        "        \"orders_user_id_fkey\", \"orders\", \"users\",\n"
                        "        [\"user_id\"], [\"id\"],\n"
                        "    )\n");
  check_fix(
      project, "--project .", "adding-foreign-key",
      {{kAlembicRevision, revision_file("    op.create_foreign_key(\n"
                                        "        \"orders_user_id_fkey\", \"orders\", \"users\",\n"
                                        "        [\"user_id\"], [\"id\"],\n"
                                        "        postgresql_not_valid=True,\n"
                                        "    )\n")}},
      "--unsafe");
  std::vector<std::filesystem::path> created;
  for (const auto& entry :
       std::filesystem::directory_iterator(project.dir / "migrations/versions")) {
    if (entry.path().filename().string().ends_with("_a_revision_follow_up.py")) {
      created.push_back(entry.path());
    }
  }
  REQUIRE(created.size() == 1);
  std::string follow_up = read_file(created[0]);
  CHECK(follow_up.find("down_revision = \"a1\"\n") != std::string::npos);
  CHECK(follow_up.find("    op.execute(\"ALTER TABLE orders VALIDATE CONSTRAINT "
                       "orders_user_id_fkey\")\n") != std::string::npos);
  CHECK(
      follow_up.find("def downgrade():\n"
                     "    op.execute(\"ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey\")\n"
                     "    op.execute(\"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey ") !=
      std::string::npos);
  // The real Alembic reads the chain (one head) and renders NOT VALID.
  auto sql = run_alembic_in(project.dir.path(), "upgrade head --sql");
  INFO(sql.out, sql.err);
  CHECK(sql.exit_code == 0);
  CHECK(sql.out.find("REFERENCES users (id) NOT VALID") != std::string::npos);
  CHECK(sql.out.find("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey") !=
        std::string::npos);
}

TEST_CASE("fix --unsafe: a constraint in an Alembic revision that is not a head gets no fix") {
  FixProject project;
  write_alembic_project(project, "    op.create_check_constraint(\"t_n\", \"t\", \"n > 0\")\n");
  project.write("migrations/versions/b2_next.py",
                "from alembic import op\n\nrevision = \"b2\"\ndown_revision = \"a1\"\n\n\n"
                "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
  auto diff = project.migcheck("fix --project . --diff --unsafe --select adding-check-constraint");
  INFO(diff.out, diff.err);
  CHECK(diff.exit_code == 0);
  CHECK(diff.out.empty());
}
