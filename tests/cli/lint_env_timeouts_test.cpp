// Timeouts Alembic's env.py sets on the connection apply to every revision:
// missing-lock-timeout does not ask each revision to set them again.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

const char* const kRevision =
    "revision = 'a1'\ndown_revision = None\n\nfrom alembic import op\n\n\n"
    "def upgrade():\n    op.alter_column('users', 'email', nullable=False)\n\n\n"
    "def downgrade():\n    op.alter_column('users', 'email', nullable=True)\n";

// Alembic's generic env.py, online mode, with `setup` where the connection
// is open and `engine_arguments` passed to create_engine.
std::string env_py(const std::string& setup, const std::string& engine_arguments = "") {
  return "from alembic import context\nfrom sqlalchemy import create_engine, text\n\n\n"
         "def run_migrations_online():\n"
         "    \"\"\"Runs the migrations; SET lock_timeout = '5s' is done by the DBA.\"\"\"\n"
         "    engine = create_engine(context.config.get_main_option('sqlalchemy.url')" +
         engine_arguments +
         ")\n"
         "    with engine.connect() as connection:\n"
         "        context.configure(connection=connection, target_metadata=None)\n" +
         setup +
         "        with context.begin_transaction():\n"
         "            context.run_migrations()\n\n\n"
         "run_migrations_online()\n";
}

bool reports_missing_lock_timeout(const std::string& env) {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
  write_file(dir / "migrations/env.py", env);
  write_file(dir / "migrations/versions/a1.py", kRevision);
  auto result = run_migcheck_in(dir.path(), "lint --select missing-lock-timeout --fail-on warning");
  INFO(result.out);
  INFO(result.err);
  REQUIRE(result.exit_code < 2);
  return result.out.find("missing-lock-timeout") != std::string::npos;
}

}  // namespace

TEST_CASE("a lock_timeout set in env.py covers every revision") {
  CHECK_FALSE(reports_missing_lock_timeout(
      env_py("        connection.execute(text(\"SET lock_timeout = '5s'\"))\n")));
  CHECK_FALSE(reports_missing_lock_timeout(
      env_py("        connection.exec_driver_sql('SET SESSION lock_timeout TO 4000')\n")));
  CHECK_FALSE(reports_missing_lock_timeout(
      env_py("", ", connect_args={'options': '-c lock_timeout=5000 -c statement_timeout=60s'}")));
  CHECK_FALSE(reports_missing_lock_timeout(
      env_py("", ", connect_args={'server_settings': {'lock_timeout': '5s'}}")));
  // SET LOCAL in the migrations' transaction.
  std::string in_transaction = env_py("");
  std::string run = "            context.run_migrations()\n";
  in_transaction.insert(in_transaction.find(run),
                        "            context.execute(\"SET LOCAL lock_timeout = '2s'\")\n");
  CHECK_FALSE(reports_missing_lock_timeout(in_transaction));
}

TEST_CASE("without a lock_timeout in env.py, or with it turned off, each revision needs one") {
  // The docstring only mentions it.
  CHECK(reports_missing_lock_timeout(env_py("")));
  CHECK(reports_missing_lock_timeout(
      env_py("        connection.execute(text(\"SET lock_timeout = 0\"))\n")));
  CHECK(reports_missing_lock_timeout(
      env_py("        # connection.execute(text(\"SET lock_timeout = '5s'\"))\n")));
  CHECK(reports_missing_lock_timeout(
      env_py("        connection.execute(text(\"SET statement_timeout = '5s'\"))\n")));
}
