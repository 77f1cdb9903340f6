// Revision files read in the encoding Python reads them in (PEP 263): a
// `coding` comment on the first or second line decides it, UTF-8 otherwise.
#include <doctest/doctest.h>

#include "linter/input_error.h"
#include "migrations/project_loader.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

// Writes a migrations/ folder with one revision file holding `text` (bytes).
MigrationSet load_revision(const TempDir& dir, const std::string& text) {
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "migrations/versions/a1.py", text);
  auto tree = disk_tree(dir.path().string());
  return load_project(*tree, ProjectOptions{});
}

const char* kLatin1Revision =
    "# -*- coding: latin-1 -*-\n"
    "\"\"\"caf\xE9 prices\"\"\"\n"
    "from alembic import op\n\n"
    "revision = 'a1'\ndown_revision = None\n\n\n"
    "def upgrade():\n"
    "    op.execute(\"UPDATE prices SET label = 'cr\xE8me' WHERE amount > 0\")\n\n\n"
    "def downgrade():\n    op.execute(\"UPDATE prices SET label = ''\")\n";

}  // namespace

TEST_CASE("a latin-1 revision is decoded as Python decodes it, positions kept") {
  TempDir dir;
  auto set = load_revision(dir, kLatin1Revision);
  REQUIRE(set.revisions.size() == 1);
  const Revision& revision = set.revisions[0];
  CHECK(revision.message == "caf\xC3\xA9 prices");  // as UTF-8
  REQUIRE(revision.up.size() == 1);
  const SqlUnit& unit = revision.up[0];
  CHECK(unit.sql.find("'cr\xC3\xA8me'") != std::string::npos);
  // "WHERE" is the 51st character of line 10: after one accented character,
  // one byte in the file and two in UTF-8, the column still counts characters.
  size_t where = unit.sql.find("WHERE");
  REQUIRE(where != std::string::npos);
  Location location = unit.map.locate(where, where + 5);
  CHECK(location.line == 10);
  CHECK(location.column == 51);

  // The same message as Alembic's own reading of the file.
  std::string script =
      "import sys; from alembic.script import ScriptDirectory; "
      "s = ScriptDirectory(sys.argv[1]); print(s.get_revision('a1').doc)";
  auto alembic = run_command("/usr/bin/python3 -c " + shell_quote(script) + " " +
                             shell_quote((dir / "migrations").string()));
  REQUIRE_MESSAGE(alembic.exit_code == 0, alembic.err);
  CHECK(alembic.out == revision.message + "\n");
}

TEST_CASE("the coding line may be the second line, after a comment line only") {
  TempDir second;
  auto set = load_revision(second,
                           "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n"
                           "\"\"\"\x80 fees\"\"\"\nrevision = 'a1'\ndown_revision = None\n");
  CHECK(set.revisions[0].message == "\xE2\x82\xAC fees");  // cp1252's euro sign
  TempDir after_code;
  CHECK_THROWS_WITH_AS(load_revision(after_code,
                                     "revision = 'a1'\n# coding: latin-1\ndown_revision = None\n"
                                     "x = '\xE9'\n"),
                       doctest::Contains("a1.py:4:6"), InputError);  // read as UTF-8: not valid
}

TEST_CASE("encodings Python refuses are input errors at the coding line") {
  TempDir unknown;
  CHECK_THROWS_WITH_AS(
      load_revision(unknown, "# coding: klingon-8\nrevision = 'a1'\ndown_revision = None\n"),
      doctest::Contains("a1.py:1:11: unknown encoding 'klingon-8'"), InputError);
  TempDir bom;
  CHECK_THROWS_WITH_AS(
      load_revision(bom, "\xEF\xBB\xBF# coding: latin-1\nrevision = 'a1'\ndown_revision = None\n"),
      doctest::Contains("a1.py:1:"), InputError);
  TempDir undecodable;
  CHECK_THROWS_WITH_AS(load_revision(undecodable,
                                     "# coding: ascii\nrevision = 'a1'\ndown_revision = None\n"
                                     "label = 'caf\xE9'\n"),
                       doctest::Contains("a1.py:4:13"), InputError);
}

TEST_CASE("a utf-8 coding line, or a codec's other spelling, reads as before") {
  TempDir utf8;
  auto set = load_revision(utf8,
                           "# -*- coding: utf-8 -*-\n\"\"\"caf\xC3\xA9\"\"\"\n"
                           "revision = 'a1'\ndown_revision = None\n");
  CHECK(set.revisions[0].message == "caf\xC3\xA9");
  TempDir spelled;
  set = load_revision(spelled,
                      "# coding=ISO_8859_15\n\"\"\"\xA4 fees\"\"\"\n"
                      "revision = 'a1'\ndown_revision = None\n");
  CHECK(set.revisions[0].message == "\xE2\x82\xAC fees");  // latin-9's euro sign
}
