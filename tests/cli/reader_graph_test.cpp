// The revision graph where Alembic warns and carries on (an id in two files,
// a file reached twice through a symlink) and where it refuses (a branch
// label already taken): `migcheck heads` and `history` against the real
// Alembic on the same directories.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

std::string revision(const std::string& id, const std::string& down, const std::string& message,
                     const std::string& labels = "None") {
  return "\"\"\"" + message + "\"\"\"\nrevision = '" + id +
         "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
         "\nbranch_labels = " + labels +
         "\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

void write_project(const std::filesystem::path& dir, const std::string& ini_extra = "") {
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n" + ini_extra);
  write_file(dir / "migrations/env.py", "");
}

// Alembic warns on stderr; the comparison is of what it prints.
void check_heads_and_history_as_alembic(const std::filesystem::path& dir) {
  auto heads = run_alembic_in(dir, "heads");
  auto history = run_alembic_in(dir, "history");
  REQUIRE_MESSAGE(heads.exit_code == 0, heads.err);
  REQUIRE_MESSAGE(history.exit_code == 0, history.err);
  CHECK(run_migcheck_in(dir, "heads").out == heads.out);
  CHECK(run_migcheck_in(dir, "history").out == history.out);
}

}  // namespace

TEST_CASE("an id in two files: the heads Alembic computes, and the duplicate reported") {
  TempDir dir;
  write_project(dir.path());
  write_file(dir / "migrations/versions/a1.py", revision("a", "", "base"));
  write_file(dir / "migrations/versions/b1.py", revision("b", "a", "b first"));
  write_file(dir / "migrations/versions/c1.py", revision("c", "a", "c"));
  write_file(dir / "migrations/versions/d1.py", revision("b", "c", "b second"));
  check_heads_and_history_as_alembic(dir.path());  // "b (head)" twice: Alembic's own count
  auto heads = run_migcheck_in(dir.path(), "heads");
  CHECK(heads.exit_code == 1);
  CHECK(heads.err.find("duplicate-revision-id") != std::string::npos);

  // The replaced file below its replacement's child: Alembic lists "b" (no
  // longer a head) beside the real head.
  write_file(dir / "migrations/versions/c1.py", revision("c", "b", "c"));
  write_file(dir / "migrations/versions/d1.py", revision("b", "a", "b second"));
  auto alembic = run_alembic_in(dir.path(), "heads");
  REQUIRE_MESSAGE(alembic.exit_code == 0, alembic.err);
  CHECK(alembic.out == "b\nc (head)\n");
  CHECK(run_migcheck_in(dir.path(), "heads").out == alembic.out);
}

TEST_CASE("a version location linked to another, and a linked file, are read once") {
  TempDir dir;
  write_project(dir.path(), "version_locations = migrations/versions migrations/linked\n");
  write_file(dir / "migrations/versions/a1.py", revision("a", "", "base"));
  write_file(dir / "migrations/versions/b1.py", revision("b", "a", "second"));
  std::filesystem::create_directory_symlink("versions", dir / "migrations/linked");
  std::filesystem::create_symlink("b1.py", dir / "migrations/versions/b2.py");
  check_heads_and_history_as_alembic(dir.path());
  auto heads = run_migcheck_in(dir.path(), "heads");
  CHECK(heads.exit_code == 0);
  CHECK(heads.err.empty());
}

TEST_CASE("a branch label that is a revision id: Alembic refuses, migcheck reports an error") {
  TempDir dir;
  write_project(dir.path());
  write_file(dir / "migrations/versions/a1.py", revision("a", "", "base"));
  write_file(dir / "migrations/versions/b1.py", revision("b", "a", "second", "('a',)"));
  auto alembic = run_alembic_in(dir.path(), "heads");
  CHECK(alembic.exit_code != 0);
  CHECK(alembic.err.find("Branch name 'a' in revision b already used by revision a") !=
        std::string::npos);
  auto heads = run_migcheck_in(dir.path(), "heads");
  CHECK(heads.exit_code == 1);
  CHECK(heads.err.find("b1.py") != std::string::npos);
  CHECK(heads.err.find("duplicate-branch-label") != std::string::npos);
}
