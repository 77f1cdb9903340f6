// A Flask-Migrate application (`flask db init` writes migrations/ with an
// alembic.ini that names no script_location: Flask-Migrate tells Alembic the
// folder itself) read from the app's root and from the migrations folder.
// The expectation is the real Alembic driven as Flask-Migrate drives it.
#include <doctest/doctest.h>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

const char* kIni =
    "# A generic, single database configuration.\n\n[alembic]\n"
    "# template used to generate migration files\n# file_template = %%(rev)s_%%(slug)s\n\n"
    "# Logging configuration\n[loggers]\nkeys = root\n\n[handlers]\nkeys = console\n\n"
    "[formatters]\nkeys = generic\n\n[logger_root]\nlevel = WARN\nhandlers = console\n"
    "qualname =\n\n[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\n"
    "level = NOTSET\nformatter = generic\n\n[formatter_generic]\n"
    "format = %(levelname)-5.5s [%(name)s] %(message)s\n";

// Flask-Migrate's env.py takes the engine from the Flask app; this one takes
// DATABASE_URL, which the round trip sets, so Alembic can run it without Flask.
const char* kEnv =
    "import os\nfrom alembic import context\nfrom sqlalchemy import create_engine\n\n"
    "engine = create_engine(os.environ['DATABASE_URL'])\n"
    "with engine.connect() as connection:\n"
    "    context.configure(connection=connection, transaction_per_migration=True)\n"
    "    with context.begin_transaction():\n        context.run_migrations()\n";

std::string revision(const std::string& id, const std::string& down, const std::string& table) {
  return "\"\"\"create " + table + "\"\"\"\nfrom alembic import op\n\nrevision = '" + id +
         "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
         "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute('CREATE "
         "TABLE " +
         table + " (id bigint PRIMARY KEY)')\n\n\ndef downgrade():\n    op.execute('DROP TABLE " +
         table + "')\n";
}

void write_app(const std::filesystem::path& app) {
  write_file(app / "migrations/alembic.ini", kIni);
  write_file(app / "migrations/env.py", kEnv);
  write_file(app / "migrations/README", "Single-database configuration for Flask.\n");
  write_file(app / "migrations/versions/1a_users.py", revision("1a", "", "users"));
  write_file(app / "migrations/versions/2b_orders.py", revision("2b", "1a", "orders"));
}

// `flask db heads` / `flask db history` from the app's root: Flask-Migrate's
// Config(migrations/alembic.ini) with script_location set to the folder.
CommandResult flask_db(const std::filesystem::path& app, const std::string& command) {
  std::string script =
      "import sys; from alembic import command; from alembic.config import Config; "
      "config = Config('migrations/alembic.ini'); "
      "config.set_main_option('script_location', 'migrations'); "
      "getattr(command, sys.argv[1])(config)";
  return run_command("cd " + shell_quote(app.string()) + " && /usr/bin/python3 -c " +
                     shell_quote(script) + " " + command);
}

}  // namespace

TEST_CASE("Flask-Migrate: heads and history from the app root and from migrations/") {
  TempDir dir;
  write_app(dir / "app");
  auto heads = flask_db(dir / "app", "heads");
  auto history = flask_db(dir / "app", "history");
  INFO(heads.err);
  REQUIRE(heads.exit_code == 0);
  REQUIRE(heads.out == "2b (head)\n");
  for (const char* project : {".", "migrations"}) {
    CAPTURE(project);
    std::string option = std::string(" --project ") + project;
    auto ours = run_migcheck_in(dir / "app", "heads" + option);
    INFO(ours.err);
    CHECK(ours.exit_code == 0);
    CHECK(ours.out == heads.out);
    CHECK(run_migcheck_in(dir / "app", "history" + option).out == history.out);
    auto show = run_migcheck_in(dir / "app", "show 2b" + option);
    CHECK(show.out.find("CREATE TABLE orders") != std::string::npos);
    CHECK(run_migcheck_in(dir / "app", "lint" + option).exit_code == 0);
  }
}

TEST_CASE("Flask-Migrate: the round trip tells Alembic where the scripts are") {
  TempDir dir;
  write_app(dir / "app");
  for (const char* project : {".", "migrations"}) {
    CAPTURE(project);
    auto result = run_migcheck_in(dir / "app", std::string("roundtrip --project ") + project);
    INFO(result.out);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("script_location") == std::string::npos);
  }
}

TEST_CASE("an alembic.ini without script_location and no env.py beside it is an input error") {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\n# comments only\n");
  write_file(dir / "versions/1a_users.py", revision("1a", "", "users"));
  auto heads = run_migcheck_in(dir.path(), "heads");
  CHECK(heads.exit_code == 2);
  CHECK(heads.err.find("alembic.ini:1:1: no 'script_location'") != std::string::npos);
}
