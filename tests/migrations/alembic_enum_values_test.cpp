// sa.Enum(TheClass, ...) of an enum class from the project's modules as
// SQLAlchemy 1.4 reads it: values_callable=lambda x: [e.value for e in x]
// (onyx's 01c63968ff8f) gives the members' values, [e.name ...] their
// names; a native enum without name= is named after the class in lower case
// (onyx's b156fa702355); a non-native one's length= wins over the longest
// value. The expected SQL is Alembic 1.8.1's in offline (--sql) mode.
#include <doctest/doctest.h>

#include "migrations/project_loader.h"
#include "tests/migrations/alembic_revision_text.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

MigrationSet load_project_with(const std::string& enum_body, const std::string& upgrade_body) {
  TempDir dir;
  write_file(dir / "alembic.ini",
             "[alembic]\nscript_location = migrations\nprepend_sys_path = .\n");
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "shop/__init__.py", "");
  write_file(dir / "shop/enums.py",
             "from enum import Enum\n\n\nclass SSRFLevel(str, Enum):\n" + enum_body);
  write_file(dir / "migrations/versions/a1.py",
             "\"\"\"enum values\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n"
             "from shop.enums import SSRFLevel\n\nrevision = 'a1'\ndown_revision = None\n\n\n"
             "def upgrade():\n" +
                 upgrade_body + "\n\ndef downgrade():\n    op.execute(\"SELECT 1\")\n");
  return load_disk_project(dir);
}

const char* kLevels =
    "    STRICT = \"strict\"\n    ALLOW_PRIVATE_NETWORK = \"allow_private\"\n    OFF = \"off\"\n";

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("an Enum of a class takes values_callable's values and the class's name") {
    MigrationSet set = load_project_with(
        kLevels,
        "    op.add_column('settings', sa.Column('level', sa.Enum(SSRFLevel, native_enum=False,\n"
        "                  values_callable=lambda x: [e.value for e in x]), nullable=True))\n"
        "    op.add_column('settings', sa.Column('level_name', sa.Enum(SSRFLevel, "
        "native_enum=False,\n"
        "                  values_callable=lambda cls: [member.name for member in cls])))\n"
        "    op.add_column('settings', sa.Column('level_long', sa.Enum(SSRFLevel, "
        "native_enum=False, length=40)))\n"
        "    op.create_table('t', sa.Column('level', sa.Enum(SSRFLevel, "
        "values_callable=lambda x: [e.value for e in x])))\n");
    CHECK(set.revisions[0].read_findings.empty());
    CHECK(upgrade_sql(set) ==
          "ALTER TABLE settings ADD COLUMN level VARCHAR(13);\n"
          "ALTER TABLE settings ADD COLUMN level_name VARCHAR(21);\n"
          "ALTER TABLE settings ADD COLUMN level_long VARCHAR(40);\n"
          "CREATE TYPE ssrflevel AS ENUM ('strict', 'allow_private', 'off');\n"
          "CREATE TABLE t (\n"
          "    level ssrflevel\n"
          ");\n");
  }

  TEST_CASE("values_callable migcheck cannot follow stays unresolved") {
    // An alias (SQLAlchemy 1.4 raises KeyError on it), and a callable that
    // is not the list of values or names.
    const std::pair<const char*, const char*> cases[] = {
        {"    STRICT = \"strict\"\n    OFF = \"off\"\n    DISABLED = \"off\"\n",
         "lambda x: [e.value for e in x]"},
        {kLevels, "lambda x: [e.value.upper() for e in x]"},
        {kLevels, "values_of"},
    };
    for (const auto& [members, callable] : cases) {
      CAPTURE(callable);
      MigrationSet set = load_project_with(
          members, std::string("    op.add_column('s', sa.Column('level', sa.Enum(SSRFLevel, "
                               "native_enum=False, values_callable=") +
                       callable + ")))\n");
      CHECK(set.revisions[0].up.empty());
      CHECK(set.revisions[0].read_findings.size() == 1);
    }
  }
}
