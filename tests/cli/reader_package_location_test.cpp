// A script_location written as a package resource ("app:db/revisions") with
// alembic.ini inside the package itself, as Netflix/dispatch keeps it. Alembic
// imports the package from sys.path, so the package directory is found above
// the ini's directory, or is the directory migcheck was pointed at. The
// expectation is the real Alembic run where the package is importable.
#include <doctest/doctest.h>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

std::string revision(const std::string& id, const std::string& down) {
  return "from alembic import op\n\nrevision = '" + id +
         "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
         "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
         "    op.execute('CREATE TABLE t_" +
         id + " (id bigint PRIMARY KEY)')\n\n\ndef downgrade():\n    op.execute('DROP TABLE t_" +
         id + "')\n";
}

// Two environments in one ini, each a resource of the package `app`.
void write_package(const std::filesystem::path& root) {
  write_file(root / "src/app/__init__.py", "");
  write_file(root / "src/app/alembic.ini",
             "[core]\nscript_location = app:db/revisions/core\n\n"
             "[tenant]\nscript_location = app:db/revisions/tenant\n");
  for (const char* env : {"core", "tenant"}) {
    std::filesystem::path scripts = root / "src/app/db/revisions" / env;
    write_file(scripts / "env.py", "from alembic import context\n");
    write_file(scripts / "versions/a1.py", revision(std::string(env) + "1", ""));
    write_file(scripts / "versions/a2.py",
               revision(std::string(env) + "2", std::string(env) + "1"));
  }
}

}  // namespace

TEST_CASE("package-resource script_location: heads and history as Alembic reads them") {
  TempDir dir;
  write_package(dir.path());
  for (const char* section : {"core", "tenant"}) {
    CAPTURE(section);
    std::string name = std::string(" -n ") + section;
    auto heads = run_alembic_in(dir / "src", "-c app/alembic.ini" + name + " heads");
    auto history = run_alembic_in(dir / "src", "-c app/alembic.ini" + name + " history");
    INFO(heads.err);
    REQUIRE(heads.exit_code == 0);
    REQUIRE(heads.out == std::string(section) + "2 (head)\n");
    // From the repository root, and from inside the package itself.
    for (auto [cwd, project] :
         {std::pair{dir.path(), "src/app"}, std::pair{dir / "src/app", "."}}) {
      CAPTURE(project);
      auto ours = run_migcheck_in(cwd, "heads --project " + std::string(project) + name);
      INFO(ours.err);
      CHECK(ours.exit_code == 0);
      CHECK(ours.out == heads.out);
      CHECK(run_migcheck_in(cwd, "history --project " + std::string(project) + name).out ==
            history.out);
    }
  }
}
