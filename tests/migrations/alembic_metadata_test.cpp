#include <doctest/doctest.h>

#include <string>

#include "linter/input_error.h"
#include "migrations/alembic/revision_reader.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

std::optional<Revision> read(const std::string& text, const std::string& path = "versions/a.py") {
  return read_alembic_revision(SourceFile::make(path, text));
}

const char* kBody = "\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n";

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("alembic metadata: the plain form Alembic's template writes") {
    auto r = read(
        "\"\"\"add users table\n\nRevision ID: ae1027a6acf\nRevises: 1975ea83b712\nCreate Date: "
        "2024-01-01\n\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n"
        "# revision identifiers, used by Alembic.\nrevision = 'ae1027a6acf'\n"
        "down_revision = '1975ea83b712'\nbranch_labels = None\ndepends_on = None\n" +
        std::string(kBody));
    REQUIRE(r);
    CHECK(r->id == "ae1027a6acf");
    CHECK(r->parents == std::vector<std::string>{"1975ea83b712"});
    CHECK(r->branch_labels.empty());
    CHECK(r->depends_on.empty());
    CHECK(r->message == "add users table");
    CHECK(r->file == "versions/a.py");
    // Where the metadata is written, for graph findings: line 12 and 13.
    CHECK(r->id_at.line == 12);
    CHECK(r->id_at.column == 1);
    CHECK(r->parents_at.line == 13);
    CHECK(r->depends_on_at.line == 15);
  }

  TEST_CASE("alembic metadata: annotated assignments, merges, labels and dependencies") {
    auto r = read(
        "'''merge heads'''\nfrom typing import Sequence, Union\n"
        "revision: str = \"c3\"\n"
        "down_revision: Union[str, Sequence[str], None] = ('a1', \"b2\")\n"
        "branch_labels: Union[str, Sequence[str], None] = ['feature']\n"
        "depends_on: Union[str, Sequence[str], None] = 'd4'\n" +
        std::string(kBody));
    REQUIRE(r);
    CHECK(r->id == "c3");
    CHECK(r->parents == std::vector<std::string>{"a1", "b2"});
    CHECK(r->branch_labels == std::vector<std::string>{"feature"});
    CHECK(r->depends_on == std::vector<std::string>{"d4"});
    CHECK(r->message == "merge heads");
  }

  TEST_CASE("alembic metadata: the last module-level assignment of a name wins") {
    auto r = read(
        "revision = 'a1'\ndown_revision = None\n# fixed after a rebase\n"
        "revision = 'b2'\ndown_revision = 'a1'\n" +
        std::string(kBody));
    REQUIRE(r);
    CHECK(r->id == "b2");
    CHECK(r->parents == std::vector<std::string>{"a1"});
    CHECK(r->id_at.line == 4);
    CHECK(r->parents_at.line == 5);
  }

  TEST_CASE("alembic metadata: tuple unpacking assigns each name its item") {
    auto plain = read("revision, down_revision = 'b2', 'a1'\n" + std::string(kBody));
    REQUIRE(plain);
    CHECK(plain->id == "b2");
    CHECK(plain->parents == std::vector<std::string>{"a1"});
    CHECK(plain->id_at.line == 1);
    CHECK(plain->id_at.column == 1);
    CHECK(plain->parents_at.column == 11);
    auto parenthesised =
        read("(revision, down_revision) = ('m3', ('a1', 'b2'))\nbranch_labels = None\n" +
             std::string(kBody));
    REQUIRE(parenthesised);
    CHECK(parenthesised->id == "m3");
    CHECK(parenthesised->parents == std::vector<std::string>{"a1", "b2"});  // a merge
    auto listed = read(
        "[revision, down_revision, (branch_labels, depends_on)] = "
        "['c3', None, ['feature', 'x9']]\n" +
        std::string(kBody));
    REQUIRE(listed);
    CHECK(listed->id == "c3");
    CHECK(listed->parents.empty());
    CHECK(listed->branch_labels == std::vector<std::string>{"feature"});
    CHECK(listed->depends_on == std::vector<std::string>{"x9"});
    // Items Python can only know by running the code are not guessed.
    CHECK_THROWS_WITH_AS(read("revision, down_revision = ids()\n" + std::string(kBody)),
                         doctest::Contains("versions/a.py:1:27: revision is not a string literal"),
                         InputError);
  }

  TEST_CASE("alembic metadata: a base revision and the docstring's first paragraph") {
    auto r = read(
        "r\"\"\"  first line\nstill the message\n\nRevision ID: x1\n\"\"\"\n"
        "revision = 'x1'\ndown_revision = None\n" +
        std::string(kBody));
    REQUIRE(r);
    CHECK(r->parents.empty());
    // Alembic's Script.doc: the stripped docstring up to its first blank line.
    CHECK(r->message == "first line\nstill the message");
    auto no_doc =
        read("# just a comment\nrevision = 'x2'\ndown_revision = 'x1'\n" + std::string(kBody));
    REQUIRE(no_doc);
    CHECK(no_doc->message == "");
    // The last assignment wins, as when Python runs the module.
    auto twice =
        read("revision = 'old'\nrevision = 'new'\ndown_revision = None\n" + std::string(kBody));
    CHECK(twice->id == "new");
  }

  TEST_CASE("alembic metadata: files Alembic does not load are not revisions") {
    CHECK_FALSE(read("revision = 'a'\ndown_revision = None\n", "versions/__init__.py"));
    CHECK_FALSE(read("revision = 'a'\ndown_revision = None\n", "versions/.#a.py"));
    CHECK_FALSE(read("revision = 'a'\ndown_revision = None\n", "versions/notes.txt"));
    // Alembic's legacy form: no revision variable, the id is the hex file name.
    auto legacy = read("down_revision = None\n", "versions/3f2a9c.py");
    REQUIRE(legacy);
    CHECK(legacy->id == "3f2a9c");
  }

  TEST_CASE("alembic metadata: unreadable metadata is an error at its position") {
    CHECK_THROWS_WITH_AS(read("import x\nrevision = x.make_id()\ndown_revision = None\n"),
                         doctest::Contains("versions/a.py:2:12: revision is not a string literal"),
                         InputError);
    CHECK_THROWS_WITH_AS(read("revision = 'a'\ndown_revision = PARENT\n"),
                         doctest::Contains("versions/a.py:2:17: down_revision is not a literal"),
                         InputError);
    CHECK_THROWS_WITH_AS(read("revision = 'a'\ndown_revision = ('b', c)\n"),
                         doctest::Contains("versions/a.py:2:23: down_revision must hold"),
                         InputError);
    CHECK_THROWS_WITH_AS(
        read("revision = 'a'\n"),
        doctest::Contains("versions/a.py:1:1: revision 'a' has no module-level down_revision"),
        InputError);
    CHECK_THROWS_WITH_AS(read("revision = 'a-b'\ndown_revision = None\n"),
                         doctest::Contains("versions/a.py:1:12: character '-' is not allowed"),
                         InputError);
    CHECK_THROWS_WITH_AS(read("import os\n", "versions/helpers.py"),
                         doctest::Contains("versions/helpers.py:1:1: no module-level `revision"),
                         InputError);
    CHECK_THROWS_WITH_AS(read("if True:\n    revision = 'a'\ndown_revision = None\n"),
                         doctest::Contains("versions/a.py:2:16: revision is not a string literal"),
                         InputError);
  }

  TEST_CASE("alembic metadata: equals what Alembic itself loads") {
    TempDir dir;
    // Varied forms in one versions folder; Alembic's ScriptDirectory reads them.
    write_file(
        dir / "versions/a1_base.py",
        "\"\"\"create base\n\nRevision ID: a1\n\"\"\"\nrevision = 'a1'\ndown_revision = None\n"
        "branch_labels = ('core',)\n" +
            std::string(kBody));
    write_file(dir / "versions/b2_annotated.py",
               "'''Add\\tthings'''\nfrom typing import Sequence, Union\nrevision: str = 'b2'\n"
               "down_revision: Union[str, None] = 'a1'\nbranch_labels: Union[str, Sequence[str], "
               "None] = None\n"
               "depends_on: Union[str, Sequence[str], None] = None\n" +
                   std::string(kBody));
    write_file(
        dir / "versions/c3_other.py",
        "\"\"\"other branch\"\"\"\nrevision = \"c3\"\ndown_revision = 'a1'\ndepends_on = ['b2']\n" +
            std::string(kBody));
    write_file(
        dir / "versions/d4_merge.py",
        "\"\"\"\n  merge b2 and c3\n\"\"\"\nrevision = 'd4'\ndown_revision = ('b2', 'c3')\n" +
            std::string(kBody));
    write_file(dir / "versions/e5_unpacked.py",
               "\"\"\"unpacked\"\"\"\nrevision = 'old'\nrevision, down_revision = 'e5', "
               "('d4',)\n[branch_labels] = [('reports',)]\n" +
                   std::string(kBody));
    write_file(dir / "versions/ab12.py", "down_revision = 'd4'\n" + std::string(kBody));
    write_file(dir / "versions/__init__.py", "");
    write_file(dir / "dump.py",
               "import sys\nfrom alembic.script import ScriptDirectory\n"
               "s = ScriptDirectory(sys.argv[1], version_locations=[sys.argv[1] + '/versions'])\n"
               "# _orig_branch_labels: what the file declares (branch_labels adds inherited ones)\n"
               "for r in sorted(s.walk_revisions(), key=lambda r: r.revision):\n"
               "    t = lambda v: ','.join(v if isinstance(v, tuple) else (v,) if v else ())\n"
               "    print(r.revision, t(r.down_revision), ','.join(r._orig_branch_labels),\n"
               "          t(r.dependencies), repr(r.doc))\n");
    CommandResult alembic =
        run_command("/usr/bin/python3 " + shell_quote((dir / "dump.py").string()) + " " +
                    shell_quote(dir.path().string()));
    REQUIRE_MESSAGE(alembic.exit_code == 0, alembic.err);

    std::string ours;
    for (const char* name : {"a1_base.py", "ab12.py", "b2_annotated.py", "c3_other.py",
                             "d4_merge.py", "e5_unpacked.py"}) {
      std::string path = (dir / "versions" / name).string();
      auto r = read_alembic_revision(SourceFile::make(path, read_file(path)));
      REQUIRE(r);
      auto join = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
        return out;
      };
      // Python's repr of a str: single quotes, with \n and \t escaped.
      std::string doc = "'";
      for (char c : r->message) doc += c == '\n' ? "\\n" : c == '\t' ? "\\t" : std::string(1, c);
      ours += r->id + " " + join(r->parents) + " " + join(r->branch_labels) + " " +
              join(r->depends_on) + " " + doc + "'\n";
    }
    CHECK(ours == alembic.out);
  }
}
