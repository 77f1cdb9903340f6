// `migcheck fix --unsafe` for SET NOT NULL on an existing table: a NOT VALID
// check in place, and a new migration that validates it, sets NOT NULL
// (PostgreSQL 12+ skips the scan) and drops the check.
#include <filesystem>

#include "tests/cli/fix_support.h"

using namespace migcheck::testing;

namespace {

// An Alembic project, run online, whose first revision a1 creates t (id, n).
void write_alembic_table_project(const FixProject& project) {
  run_alembic_online(project);
  project.write(kAlembicRevision,
                "from alembic import op\n\nrevision = \"a1\"\ndown_revision = None\n\n\n"
                "def upgrade():\n    op.execute(\"CREATE TABLE t (id bigint, n int)\")\n\n\n"
                "def downgrade():\n    op.execute(\"DROP TABLE t\")\n");
}

}  // namespace

TEST_CASE("fix --unsafe: a golang-migrate SET NOT NULL becomes the validated-check recipe") {
  FixProject project;
  project.write("migrations/0001_init.up.sql",
                "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  project.write("migrations/0001_init.down.sql", "DROP TABLE users;\n");
  project.write("migrations/0002_email_required.up.sql",
                "-- Every user needs an email.\n"
                "ALTER TABLE users ALTER COLUMN email SET NOT NULL;  -- signup checks it\n");
  project.write("migrations/0002_email_required.down.sql",
                "ALTER TABLE users\n    ALTER email DROP NOT NULL;\n");
  check_fix(project, "--project .", "setting-not-null",
            {{"migrations/0002_email_required.up.sql",
              "-- Every user needs an email.\n"
              "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) "
              "NOT VALID;  -- signup checks it\n"},
             {"migrations/0002_email_required.down.sql",
              "ALTER TABLE users\n    DROP CONSTRAINT users_email_not_null;\n"},
             {"migrations/0003_email_required_follow_up.up.sql",
              "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n"
              "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
              "ALTER TABLE users DROP CONSTRAINT users_email_not_null;\n"},
             {"migrations/0003_email_required_follow_up.down.sql",
              "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n"
              "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) "
              "NOT VALID;\n"}},
            "--unsafe");
  auto roundtrip = project.migcheck("roundtrip --project . --select setting-not-null");
  INFO(roundtrip.out, roundtrip.err);
  CHECK(roundtrip.exit_code == 0);
}

TEST_CASE("fix: no SET NOT NULL fix for PostgreSQL before 12, or a down it cannot undo") {
  FixProject project;
  project.write("migrations/0001_init.up.sql", "CREATE TABLE t (id bigint, n int);\n");
  project.write("migrations/0001_init.down.sql", "DROP TABLE t;\n");
  project.write("migrations/0002_n.up.sql", "ALTER TABLE t ALTER COLUMN n SET NOT NULL;\n");
  project.write("migrations/0002_n.down.sql", "ALTER TABLE t ALTER COLUMN n DROP NOT NULL;\n");
  std::string fix = "fix --project . --diff --unsafe --select setting-not-null";
  auto old_server = project.migcheck(fix + " --pg-version 11");
  INFO(old_server.out, old_server.err);
  CHECK(old_server.exit_code == 0);
  CHECK(old_server.out.empty());
  auto offered = project.migcheck(fix);
  CHECK(offered.exit_code == 1);

  project.write("migrations/0002_n.down.sql",
                "ALTER TABLE t ALTER COLUMN n DROP NOT NULL, ALTER COLUMN n TYPE bigint;\n");
  auto odd_down = project.migcheck(fix);
  INFO(odd_down.out, odd_down.err);
  CHECK(odd_down.exit_code == 0);
  CHECK(odd_down.out.empty());
}

TEST_CASE("fix --unsafe: SET NOT NULL in an op.execute of an Alembic head") {
  FixProject project;
  write_alembic_table_project(project);
  project.write("migrations/versions/b2_n_required.py",
                "\"\"\"n required\"\"\"\n"
                "from alembic import op\n"
                "\n"
                "revision = \"b2\"\n"
                "down_revision = \"a1\"\n"
                "\n"
                "\n"
                "def upgrade():\n"
                "    op.execute(\"ALTER TABLE t ALTER COLUMN n SET NOT NULL\")\n"
                "\n"
                "\n"
                "def downgrade():\n"
                "    op.execute(\n"
                "        \"ALTER TABLE t ALTER COLUMN n DROP NOT NULL\"\n"
                "    )\n");
  check_fix(project, "--project .", "setting-not-null",
            {{"migrations/versions/b2_n_required.py",
              "\"\"\"n required\"\"\"\n"
              "from alembic import op\n"
              "\n"
              "revision = \"b2\"\n"
              "down_revision = \"a1\"\n"
              "\n"
              "\n"
              "def upgrade():\n"
              "    op.execute(\"ALTER TABLE t ADD CONSTRAINT t_n_not_null CHECK (n IS NOT NULL) "
              "NOT VALID\")\n"
              "\n"
              "\n"
              "def downgrade():\n"
              "    op.execute(\n"
              "        \"ALTER TABLE t DROP CONSTRAINT t_n_not_null\"\n"
              "    )\n"}},
            "--unsafe");
  std::vector<std::filesystem::path> created;
  for (const auto& entry :
       std::filesystem::directory_iterator(project.dir / "migrations/versions")) {
    if (entry.path().filename().string().ends_with("_n_required_follow_up.py")) {
      created.push_back(entry.path());
    }
  }
  REQUIRE(created.size() == 1);
  std::string follow_up = read_file(created[0]);
  CHECK(follow_up.find("down_revision = \"b2\"\n") != std::string::npos);
  CHECK(follow_up.find("def upgrade():\n"
                       "    op.execute(\"ALTER TABLE t VALIDATE CONSTRAINT t_n_not_null\")\n"
                       "    op.execute(\"ALTER TABLE t ALTER COLUMN n SET NOT NULL\")\n"
                       "    op.execute(\"ALTER TABLE t DROP CONSTRAINT t_n_not_null\")\n") !=
        std::string::npos);
  auto roundtrip = project.migcheck("roundtrip --project . --select setting-not-null");
  INFO(roundtrip.out, roundtrip.err);
  CHECK(roundtrip.exit_code == 0);
}

TEST_CASE("fix --unsafe: op.alter_column(nullable=False) becomes op.execute of the check") {
  FixProject project;
  write_alembic_table_project(project);
  project.write("migrations/versions/b2_n_required.py",
                "\"\"\"n required\"\"\"\n"
                "from alembic import op\n"
                "import sqlalchemy as sa\n"
                "\n"
                "revision = \"b2\"\n"
                "down_revision = \"a1\"\n"
                "\n"
                "\n"
                "def upgrade():\n"
                "    op.alter_column(\"t\", \"n\",\n"
                "                    existing_type=sa.Integer(), nullable=False)  # n required\n"
                "\n"
                "\n"
                "def downgrade():\n"
                "    op.alter_column(\"t\", \"n\", existing_type=sa.Integer(), nullable=True)\n");
  check_fix(project, "--project .", "setting-not-null",
            {{"migrations/versions/b2_n_required.py",
              "\"\"\"n required\"\"\"\n"
              "from alembic import op\n"
              "import sqlalchemy as sa\n"
              "\n"
              "revision = \"b2\"\n"
              "down_revision = \"a1\"\n"
              "\n"
              "\n"
              "def upgrade():\n"
              "    op.execute(\"ALTER TABLE t ADD CONSTRAINT t_n_not_null CHECK (n IS NOT NULL) "
              "NOT VALID\")  # n required\n"
              "\n"
              "\n"
              "def downgrade():\n"
              "    op.execute(\"ALTER TABLE t DROP CONSTRAINT t_n_not_null\")\n"}},
            "--unsafe");
  auto roundtrip = project.migcheck("roundtrip --project . --select setting-not-null");
  INFO(roundtrip.out, roundtrip.err);
  CHECK(roundtrip.exit_code == 0);
}
