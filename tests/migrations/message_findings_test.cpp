// vague-migration-message: messages that say nothing about the change, found
// in Alembic docstrings and numbered SQL file names, located where written.
#include <doctest/doctest.h>

#include "migrations/message_findings.h"
#include "migrations/project_loader.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

MigrationSet load(const TempDir& dir) {
  auto tree = disk_tree(dir.path().string());
  ProjectOptions options;
  options.absolute_directory = dir.path().string();
  return load_project(*tree, options);
}

std::vector<const Finding*> vague_findings(const MigrationSet& set) {
  std::vector<const Finding*> found;
  for (const Revision& revision : set.revisions) {
    for (const Finding& finding : revision.read_findings) {
      if (finding.rule == "vague-migration-message") found.push_back(&finding);
    }
  }
  return found;
}
// The findings point into the set: a temporary set would leave them dangling.
std::vector<const Finding*> vague_findings(MigrationSet&&) = delete;

std::string alembic_revision(const std::string& docstring, const std::string& id,
                             const std::string& down) {
  return docstring + "from alembic import op\n\nrevision = '" + id +
         "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
         "\n\n\ndef upgrade():\n    op.execute('SELECT 1')\n\n\ndef downgrade():\n"
         "    op.execute('SELECT 2')\n";
}

}  // namespace

TEST_CASE("stock phrases, placeholders and bare ids are vague; a named change is not") {
  for (const char* vague : {"", "empty message", "Update database.", "fix  stuff!", "WIP",
                            "changes", "0001", "ae1027a6acf1", "autogenerate"}) {
    INFO(vague);
    CHECK(is_vague_migration_message(vague));
  }
  for (const char* clear : {"add users.email_verified", "index orders by customer_id", "initial",
                            "create users table", "update prices to cents", "add", "cafe"}) {
    INFO(clear);
    CHECK_FALSE(is_vague_migration_message(clear));
  }
}

TEST_CASE("an Alembic revision's vague docstring is a finding at the docstring") {
  TempDir dir;
  write_file(dir / "alembic/env.py", "");
  write_file(dir / "alembic/versions/a.py",
             alembic_revision("\"\"\"create users table\n\nRevision ID: a1\n\"\"\"\n", "a1", ""));
  write_file(dir / "alembic/versions/b.py",
             alembic_revision("\"\"\"empty message\n\nRevision ID: b2\n\"\"\"\n", "b2", "a1"));
  write_file(dir / "alembic/versions/c.py", alembic_revision("", "c3", "b2"));
  MigrationSet set = load(dir);
  auto found = vague_findings(set);
  REQUIRE(found.size() == 2);
  CHECK(found[0]->revision == "b2");
  CHECK(found[0]->severity == Severity::info);
  CHECK(found[0]->message.find("\"empty message\"") != std::string::npos);
  CHECK(found[0]->location.line == 1);
  CHECK(found[0]->location.column == 4);
  CHECK(found[0]->location.end_column == 17);
  CHECK(found[1]->revision == "c3");
  CHECK(found[1]->message.find("has no message") != std::string::npos);
}

TEST_CASE("numbered SQL file names are messages; loose .sql files are not judged") {
  TempDir numbered;
  write_file(numbered / "1_create_users.up.sql", "CREATE TABLE users (id bigint);\n");
  write_file(numbered / "1_create_users.down.sql", "DROP TABLE users;\n");
  write_file(numbered / "2_update.up.sql", "UPDATE users SET id = id;\n");
  write_file(numbered / "2_update.down.sql", "ALTER TABLE users DROP COLUMN a;\n");
  MigrationSet numbered_set = load(numbered);
  auto found = vague_findings(numbered_set);
  REQUIRE(found.size() == 1);
  CHECK(found[0]->revision == "2");
  CHECK(found[0]->location.file.ends_with("2_update.up.sql"));
  CHECK(found[0]->location.line == 1);  // the name, not the UPDATE in the file
  CHECK(found[0]->location.column == 1);

  TempDir loose;
  write_file(loose / "update.sql", "SELECT 1;\n");
  MigrationSet loose_set = load(loose);
  CHECK(vague_findings(loose_set).empty());
}
