// `migcheck fix --unsafe` on column types declared in Alembic op calls: the
// SQLAlchemy type rewritten where the type rule fires, with the import the
// new name needs, and the real Alembic agreeing that the rule is satisfied.
#include "tests/cli/fix_support.h"

using namespace migcheck::testing;

namespace {

constexpr const char* kTypeRules =
    "prefer-timestamptz,prefer-jsonb,banning-char,prefer-bigint,prefer-identity";

// Whether the type rules find something in the SQL the real Alembic renders
// offline: after the fix, nothing (the rewritten names exist and mean what
// the fix says).
bool real_alembic_finds_types(const FixProject& project) {
  auto lint =
      project.migcheck(std::string("lint --project . --sql-source alembic --select ") + kTypeRules);
  INFO(lint.out, lint.err);
  REQUIRE(lint.exit_code != 2);
  for (const char* rule :
       {"prefer-timestamptz", "prefer-jsonb", "banning-char", "prefer-bigint", "prefer-identity"}) {
    if (lint.out.find(rule) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("fix --unsafe: the column types of a multi-line op.create_table, comments kept") {
  FixProject project;
  std::string imports =
      std::string(kAlembicImports) + "from sqlalchemy.dialects import postgresql\n";
  write_alembic_project(
      project,
      "    op.create_table(\n"
      "        \"events\",\n"
      "        sa.Column(\"id\", sa.Integer, primary_key=True),  # the key\n"
      "        sa.Column(\"user_id\", sa.Integer(), sa.ForeignKey(\"users.id\")),\n"
      "        sa.Column(\n"
      "            \"at\",\n"
      "            sa.DateTime(),\n"
      "            nullable=False,\n"
      "        ),\n"
      "        sa.Column(\"seen\", postgresql.TIMESTAMP(precision=3)),\n"
      "        sa.Column(\"payload\", sa.JSON),\n"
      "        sa.Column(\"code\",   sa.CHAR( 4 )),  # ISO\n"
      "    )\n",
      imports);
  REQUIRE(real_alembic_finds_types(project));
  check_fix(project, "--project .", kTypeRules,
            {{kAlembicRevision,
              revision_file("    op.create_table(\n"
                            "        \"events\",\n"
                            "        sa.Column(\"id\", sa.BigInteger, sa.Identity(), "
                            "primary_key=True),  # the key\n"
                            "        sa.Column(\"user_id\", sa.BigInteger(), "
                            "sa.ForeignKey(\"users.id\")),\n"
                            "        sa.Column(\n"
                            "            \"at\",\n"
                            "            sa.DateTime(timezone=True),\n"
                            "            nullable=False,\n"
                            "        ),\n"
                            "        sa.Column(\"seen\", postgresql.TIMESTAMP(precision=3, "
                            "timezone=True)),\n"
                            "        sa.Column(\"payload\", postgresql.JSONB),\n"
                            "        sa.Column(\"code\",   sa.Text()),  # ISO\n"
                            "    )\n",
                            imports)}},
            "--unsafe");
  CHECK_FALSE(real_alembic_finds_types(project));
}

TEST_CASE("fix --unsafe: types imported by name get the module import their replacement needs") {
  FixProject project;
  std::string imports =
      "from alembic import op\n"
      "from sqlalchemy import CHAR, JSON, Column  # the types used\n";
  write_alembic_project(project,
                        "    op.add_column(\"users\", Column(\"prefs\", JSON(none_as_null=True)))\n"
                        "    op.add_column(\"users\", Column(\"country\", CHAR(2)))\n",
                        imports);
  REQUIRE(real_alembic_finds_types(project));
  check_fix(project, "--project .", "prefer-jsonb,banning-char",
            {{kAlembicRevision,
              revision_file("    op.add_column(\"users\", Column(\"prefs\", "
                            "postgresql.JSONB(none_as_null=True)))\n"
                            "    op.add_column(\"users\", Column(\"country\", sa.Text()))\n",
                            imports + "from sqlalchemy.dialects import postgresql\n"
                                      "import sqlalchemy as sa\n")}},
            "--unsafe");
  CHECK_FALSE(real_alembic_finds_types(project));
}

TEST_CASE("fix --unsafe: op.alter_column's type_ gets timezone=True in place of False") {
  FixProject project;
  write_alembic_project(project,
                        "    op.alter_column(\"users\", \"born\",\n"
                        "                    type_=sa.DateTime(timezone=False),\n"
                        "                    existing_nullable=True)\n");
  REQUIRE(real_alembic_finds_types(project));
  check_fix(
      project, "--project .", "prefer-timestamptz",
      {{kAlembicRevision, revision_file("    op.alter_column(\"users\", \"born\",\n"
                                        "                    type_=sa.DateTime(timezone=True),\n"
                                        "                    existing_nullable=True)\n")}},
      "--unsafe");
  CHECK_FALSE(real_alembic_finds_types(project));
}

TEST_CASE("fix without --unsafe leaves Alembic column types alone and says so") {
  FixProject project;
  write_alembic_project(project,
                        "    op.add_column(\"users\", sa.Column(\"at\", sa.DateTime()))\n");
  auto fixed = project.migcheck("fix --project . --select prefer-timestamptz");
  INFO(fixed.out, fixed.err);
  CHECK(fixed.exit_code == 0);
  CHECK(fixed.err.find("1 unsafe fix(es) not applied") != std::string::npos);
  CHECK(project.read(kAlembicRevision) ==
        revision_file("    op.add_column(\"users\", sa.Column(\"at\", sa.DateTime()))\n"));
}
