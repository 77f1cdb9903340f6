// Settings a revision imports from the project's modules, read there from the
// environment (onyx's `DB_READONLY_USER = os.environ.get("DB_READONLY_USER",
// "db_readonly_user")`): the SQL built from them is what Alembic runs when
// its process has migcheck's environment, the variable's value when it is
// set, else the code's default, and the findings on that SQL say which. The
// expected SQL is Alembic 1.8.1's for the same project in offline (--sql)
// mode, with and without the variables set.
#include <doctest/doctest.h>

#include <cstdlib>

#include "migrations/project_loader.h"
#include "tests/migrations/alembic_revision_text.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

const char* kSettings = R"(import os
import urllib.parse

READONLY_USER: str = os.environ.get("MIGCHECK_TEST_RO_USER", "readonly")
READONLY_PASSWORD = urllib.parse.quote_plus(
    os.environ.get("MIGCHECK_TEST_RO_PASSWORD") or "pass word/1"
)
SCHEMA = os.getenv("MIGCHECK_TEST_SCHEMA", default="public")
GRANTS = "SELECT" + ", " + "USAGE"
REGION = "eu"
if os.environ.get("MIGCHECK_TEST_US"):
    REGION = "us"
REQUIRED = os.environ["MIGCHECK_TEST_REQUIRED"]
MULTI_TENANT = os.environ.get("MIGCHECK_TEST_MULTI_TENANT", "").lower() == "true"
SINGLE_TENANT = not MULTI_TENANT
)";

void write_project(const TempDir& dir, const std::string& upgrade_body) {
  write_file(dir / "alembic.ini",
             "[alembic]\nscript_location = migrations\nprepend_sys_path = .\n");
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "migrations/versions/a1.py",
             "\"\"\"read-only user\"\"\"\nfrom alembic import op\n"
             "from shop.settings import READONLY_USER, READONLY_PASSWORD as PASSWORD\n"
             "from shop.settings import SCHEMA, GRANTS, REGION, REQUIRED, MULTI_TENANT\n\n"
             "revision = 'a1'\ndown_revision = None\n\n\ndef upgrade():\n" +
                 upgrade_body + "\n\ndef downgrade():\n    op.execute(\"SELECT 1\")\n");
  write_file(dir / "shop/__init__.py", "");
  write_file(dir / "shop/settings.py", kSettings);
}

const char* kCreateUser =
    "    op.execute(f\"CREATE USER {READONLY_USER} WITH PASSWORD '{PASSWORD}'\")\n"
    "    op.execute(f\"GRANT {GRANTS} ON SCHEMA {SCHEMA} TO {READONLY_USER}\")";

// Sets a variable for one test case, and unsets it after.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedVariable() { unsetenv(name_); }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  const char* name_;
};

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("settings not set in migcheck's environment take the code's defaults, and say so") {
    TempDir dir;
    write_project(dir, kCreateUser);
    MigrationSet set = load_disk_project(dir);
    const Revision& revision = set.revisions.at(0);
    CHECK(revision.read_findings.empty());
    CHECK(upgrade_sql(set) ==
          "CREATE USER readonly WITH PASSWORD 'pass+word%2F1';\n"
          "GRANT SELECT, USAGE ON SCHEMA public TO readonly;\n");
    REQUIRE(revision.conditional.size() == 2);
    CHECK(revision.conditional[0].where.line == 11);
    CHECK(revision.conditional[0].why ==
          "environment variable MIGCHECK_TEST_RO_PASSWORD: not set for migcheck, so the code's "
          "default; environment variable MIGCHECK_TEST_RO_USER: not set for migcheck, so the "
          "code's default");
    CHECK(revision.conditional[1].why ==
          "environment variable MIGCHECK_TEST_RO_USER: not set for migcheck, so the code's "
          "default; environment variable MIGCHECK_TEST_SCHEMA: not set for migcheck, so the "
          "code's default");
  }

  TEST_CASE("settings set in migcheck's environment take its values, and say so") {
    ScopedVariable user("MIGCHECK_TEST_RO_USER", "reporting");
    ScopedVariable password("MIGCHECK_TEST_RO_PASSWORD", "s3cret");
    TempDir dir;
    write_project(dir, kCreateUser);
    MigrationSet set = load_disk_project(dir);
    CHECK(upgrade_sql(set) ==
          "CREATE USER reporting WITH PASSWORD 's3cret';\n"
          "GRANT SELECT, USAGE ON SCHEMA public TO reporting;\n");
    REQUIRE(set.revisions[0].conditional.size() == 2);
    CHECK(set.revisions[0].conditional[0].why ==
          "environment variable MIGCHECK_TEST_RO_PASSWORD: as set for migcheck; environment "
          "variable MIGCHECK_TEST_RO_USER: as set for migcheck");
  }

  TEST_CASE("a setting a block may rebind or that has no default stays unresolved") {
    // REGION is "us" when MIGCHECK_TEST_US is set; os.environ[...] has no
    // default to fall back on.
    for (const char* use : {"REGION", "REQUIRED"}) {
      CAPTURE(use);
      TempDir dir;
      write_project(dir, std::string("    op.execute(\"SET app.region = \" + ") + use + ")");
      MigrationSet set = load_disk_project(dir);
      CHECK(set.revisions[0].up.empty());
      REQUIRE(set.revisions[0].read_findings.size() == 1);
      CHECK(set.revisions[0].read_findings[0].rule == "unresolved-operation");
    }
  }

  TEST_CASE("a condition on a setting from the environment is left to Python") {
    // onyx's `if MULTI_TENANT: return`: deployments differ, so the SQL after
    // it is linted, as after any condition only Python decides. (A
    // comparison is no constant: "" == "true" is not the string "true".)
    TempDir dir;
    write_project(dir,
                  "    if MULTI_TENANT:\n        return\n"
                  "    if READONLY_USER == \"readonly\":\n        return\n"
                  "    op.execute(f\"DROP ROLE {READONLY_USER}\")");
    MigrationSet set = load_disk_project(dir);
    CHECK(upgrade_sql(set) == "DROP ROLE readonly;\n");
  }

  TEST_CASE("`or` of an unknown value is unknown, never SQL") {
    TempDir dir;
    write_project(dir, "    op.execute(compute_sql() or \"SELECT 1\")");
    MigrationSet set = load_disk_project(dir);
    CHECK(set.revisions[0].up.empty());
    CHECK(set.revisions[0].read_findings.size() == 1);
  }
}
