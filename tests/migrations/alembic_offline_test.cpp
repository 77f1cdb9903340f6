#include <doctest/doctest.h>
#include <pg_query.h>

#include <filesystem>
#include <string>

#include "linter/input_error.h"
#include "migrations/alembic/offline_sql.h"
#include "migrations/alembic/revision_reader.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

std::filesystem::path project() {
  return source_dir() / "tests/migrations/fixtures/alembic/ops_project";
}

std::shared_ptr<const SourceFile> revision_file(const std::string& name) {
  std::filesystem::path path = project() / "migrations/versions" / name;
  return SourceFile::make(path.string(), read_file(path));
}

// Whitespace runs become one space, and none is kept before ";" or after "(",
// so SQLAlchemy's layout and migcheck's compare equal when the SQL is.
std::string normalise(const std::string& sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty() && c != ';' && c != ')' && out.back() != '(') out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string describe(const std::vector<SqlUnit>& units) {
  std::string out;
  for (const SqlUnit& unit : units) {
    out += (unit.transactional ? "[transaction] " : "[autocommit] ") + normalise(unit.sql) + "\n";
  }
  return out;
}

const char* kRevisions[] = {
    "1a_create_tables.py", "2b_alter_things.py", "3c_batch_and_concurrent.py", "4d_side_branch.py",
    "5e_merge.py",         "6f_more_forms.py",   "7g_loops_and_branches.py",   "8h_built_names.py"};

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("alembic offline: the static reader's SQL equals real Alembic's --sql output") {
    std::optional<std::string> python = find_alembic_python();
    REQUIRE_MESSAGE(python, "no Python on this machine can import alembic (python3-alembic)");
    for (std::string name : kRevisions) {
      CAPTURE(name);
      auto file = revision_file(name);
      auto ours = read_alembic_revision(file);
      REQUIRE(ours);
      CHECK(ours->read_findings.empty());
      OfflineSqlRequest request{*python,  project().string(), "alembic.ini",
                                ours->id, ours->parents,      file};
      std::vector<SqlUnit> theirs = alembic_offline_upgrade_sql(request);
      CHECK(describe(ours->up) == describe(theirs));
    }
  }

  TEST_CASE("alembic offline: the autocommit section and the located file") {
    std::optional<std::string> python = find_alembic_python();
    REQUIRE(python);
    auto file = revision_file("3c_batch_and_concurrent.py");
    std::vector<SqlUnit> units = alembic_offline_upgrade_sql(
        {*python, project().string(), "alembic.ini", "3c", {"2b"}, file});
    REQUIRE(units.size() == 3);
    CHECK(units[0].transactional);
    CHECK_FALSE(units[1].transactional);
    CHECK(units[1].sql == "CREATE INDEX CONCURRENTLY ix_users_handle ON users (handle);\n");
    CHECK(units[2].transactional);
    Location at = units[1].map.locate(0, units[1].sql.size());
    CHECK(at.file == file->path());
    CHECK(at.line == 13);  // def upgrade():
  }

  TEST_CASE("alembic offline: a failing Alembic is an input error") {
    std::optional<std::string> python = find_alembic_python();
    REQUIRE(python);
    auto file = revision_file("4d_side_branch.py");
    CHECK_THROWS_AS(alembic_offline_upgrade_sql(
                        {*python, project().string(), "alembic.ini", "nope", {"2b"}, file}),
                    InputError);
  }

  TEST_CASE("alembic SQL is valid PostgreSQL: every up and down unit parses") {
    size_t statements = 0;
    for (const char* name : kRevisions) {
      auto revision = read_alembic_revision(revision_file(name));
      REQUIRE(revision);
      std::vector<SqlUnit> units = revision->up;
      units.insert(units.end(), revision->down.begin(), revision->down.end());
      for (const SqlUnit& unit : units) {
        CAPTURE(unit.sql);
        PgQueryParseResult result = pg_query_parse(unit.sql.c_str());
        CHECK(result.error == nullptr);
        pg_query_free_parse_result(result);
        for (char c : unit.sql) statements += c == ';';
      }
    }
    CHECK(statements > 50);
  }
}
