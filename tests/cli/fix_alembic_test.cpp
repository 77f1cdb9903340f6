// `migcheck fix` on Alembic revisions: op calls rewritten in the revision
// file, multi-line and oddly formatted calls included.
#include "tests/cli/fix_support.h"

using namespace migcheck::testing;

TEST_CASE(
    "fix: a multi-line op.create_index gets postgresql_concurrently=True in an "
    "autocommit block") {
  FixProject project;
  write_alembic_project(project,
                        "    # index the emails\n"
                        "    op.create_index(\n"
                        "        \"ix_users_email\",\n"
                        "        \"users\",\n"
                        "        [\"email\"],\n"
                        "    )  # for login\n");
  check_fix(project, "--project .", "creating-index-non-concurrently",
            {{kAlembicRevision, revision_file("    # index the emails\n"
                                              "    with op.get_context().autocommit_block():\n"
                                              "        op.create_index(\n"
                                              "            \"ix_users_email\",\n"
                                              "            \"users\",\n"
                                              "            [\"email\"],\n"
                                              "            postgresql_concurrently=True,\n"
                                              "        )  # for login\n")}});
}

TEST_CASE("fix: an op.create_index continued under its parenthesis keeps its alignment") {
  FixProject project;
  write_alembic_project(project,
                        "    op.create_index(\"ix_users_email\", \"users\",\n"
                        "                    [\"email\"], unique=True)\n");
  check_fix(
      project, "--project .", "creating-index-non-concurrently",
      {{kAlembicRevision, revision_file("    with op.get_context().autocommit_block():\n"
                                        "        op.create_index(\"ix_users_email\", \"users\",\n"
                                        "                        [\"email\"], unique=True, "
                                        "postgresql_concurrently=True)\n")}});
}

TEST_CASE("fix: op.drop_index already in an autocommit block only gets the keyword") {
  FixProject project;
  write_alembic_project(project,
                        "    with op.get_context().autocommit_block():\n"
                        "        op.drop_index(\"ix_old\", table_name=\"users\")\n");
  check_fix(
      project, "--project .", "dropping-index-non-concurrently",
      {{kAlembicRevision, revision_file("    with op.get_context().autocommit_block():\n"
                                        "        op.drop_index(\"ix_old\", table_name=\"users\", "
                                        "postgresql_concurrently=True)\n")}});
}

TEST_CASE(
    "fix: SQL in op.execute gets CONCURRENTLY in the literal and the call an autocommit "
    "block") {
  FixProject project;
  write_alembic_project(project,
                        "    op.execute(\"ALTER TABLE users ADD COLUMN note text\")\n"
                        "    op.execute(\n"
                        "        \"\"\"\n"
                        "        CREATE INDEX ix_users_note\n"
                        "            ON users (note)\n"
                        "        \"\"\"\n"
                        "    )\n");
  check_fix(project, "--project .", "creating-index-non-concurrently",
            {{kAlembicRevision,
              revision_file("    op.execute(\"ALTER TABLE users ADD COLUMN note text\")\n"
                            "    with op.get_context().autocommit_block():\n"
                            "        op.execute(\n"
                            "            \"\"\"\n"
                            "            CREATE INDEX CONCURRENTLY ix_users_note\n"
                            "                ON users (note)\n"
                            "            \"\"\"\n"
                            "        )\n")}});
}

TEST_CASE("fix: SET lock_timeout becomes the first statement of upgrade(), after its docstring") {
  FixProject project;
  write_alembic_project(project,
                        "    \"\"\"Adds a note.\"\"\"\n"
                        "    op.add_column(\"users\", sa.Column(\"note\", sa.Text()))\n");
  check_fix(project, "--project .", "missing-lock-timeout",
            {{kAlembicRevision, revision_file("    \"\"\"Adds a note.\"\"\"\n"
                                              "    op.execute(\"SET lock_timeout = '5s'\")\n"
                                              "    op.add_column(\"users\", sa.Column(\"note\", "
                                              "sa.Text()))\n")}});
}

TEST_CASE(
    "fix: one run reaches the fixed point when a fix calls for another (CONCURRENTLY in an "
    "autocommit block, then IF NOT EXISTS there)") {
  FixProject project;
  write_alembic_project(
      project, "    op.execute(\"CREATE INDEX ix_users_email ON users (email)\")  # login\n");
  std::string rules = "creating-index-non-concurrently,prefer-robust-statements";
  auto before = project.migcheck("lint --project . --select " + rules);
  CHECK(before.out.find("creating-index-non-concurrently") != std::string::npos);
  CHECK(before.out.find("prefer-robust-statements") == std::string::npos);  // in a transaction

  auto fixed = project.migcheck("fix --project . --select " + rules);
  INFO(fixed.out, fixed.err);
  CHECK(fixed.exit_code == 0);
  CHECK(project.read(kAlembicRevision) ==
        revision_file("    with op.get_context().autocommit_block():\n"
                      "        op.execute(\"CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email "
                      "ON users (email)\")  # login\n"));
  auto after = project.migcheck("lint --project . --select " + rules);
  INFO(after.out, after.err);
  CHECK(after.exit_code == 0);
  auto again = project.migcheck("fix --project . --diff --select " + rules);
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());
}
