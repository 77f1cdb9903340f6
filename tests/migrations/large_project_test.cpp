// A project large enough that its revision files are read and parsed on
// several threads: the disk tree is read by the workers themselves, a tree
// that cannot be shared is read on the calling thread only, and either way
// the result is Alembic's, in file order, with the first file's error.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "linter/input_error.h"
#include "migrations/project_loader.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

constexpr int kRevisions = 300;

std::string id_of(int i) {
  return "r" + std::to_string(1000 + i);
}

// Revision i in one of the forms Alembic accepts, chosen by i: plain, annotated,
// a list, CRLF line endings, a byte-order mark with a non-ASCII message, a
// dependency. Every 50 revisions two siblings branch off and merge again.
std::string revision_file(int i) {
  std::string down = i == 0 ? "None" : "'" + id_of(i - 1) + "'";
  if (i % 50 == 25) down = "'" + id_of(i - 2) + "'";
  if (i % 50 == 26) down = "('" + id_of(i - 2) + "', '" + id_of(i - 1) + "')";
  std::string text;
  switch (i % 6) {
    case 0:
      text = "\"\"\"plain " + std::to_string(i) + "\"\"\"\nrevision = '" + id_of(i) +
             "'\ndown_revision = " + down + "\nbranch_labels = None\ndepends_on = None\n";
      break;
    case 1:
      text = "'''annotated'''\nfrom typing import Sequence, Union\nrevision: str = \"" + id_of(i) +
             "\"\ndown_revision: Union[str, Sequence[str], None] = " + down + "\n";
      break;
    case 2:
      if (down != "None" && down.front() == '\'') down = "[" + down + "]";
      text = "\"\"\"a list\n\nmore text\"\"\"\nrevision = '" + id_of(i) +
             "'\ndown_revision = " + down + "\n";
      break;
    case 3:
      text = "\"\"\"crlf\"\"\"\r\nrevision = '" + id_of(i) + "'\r\ndown_revision = " + down +
             "\r\ndepends_on = None\r\n";
      break;
    case 4:
      text = "\xEF\xBB\xBF\"\"\"Ünïcödé message\"\"\"\nrevision = '" + id_of(i) +
             "'\ndown_revision = " + down + "\n";
      break;
    default:
      text = "\"\"\"depends\"\"\"\nrevision = '" + id_of(i) + "'\ndown_revision = " + down +
             "\ndepends_on = " + (i > 10 ? "'" + id_of(i - 10) + "'" : "None") + "\n";
  }
  if (i == 100) text += "branch_labels = ('feature',)\n";
  return text +
         "\n\ndef upgrade():\n    op.execute(\"SELECT 1\")\n\n\ndef downgrade():\n    pass\n";
}

void write_project(const TempDir& dir) {
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
  write_file(dir / "migrations/env.py", "");
  for (int i = 0; i < kRevisions; ++i) {
    write_file(dir / ("migrations/versions/" + id_of(i) + "_step.py"), revision_file(i));
  }
  write_file(dir / "migrations/versions/__init__.py", "");
  write_file(dir / "migrations/versions/README", "not a revision");
}

// A disk tree that declares itself unsafe to share and records the threads
// that read it.
class SerialTree : public FileTree {
 public:
  explicit SerialTree(const std::string& root) : disk_(disk_tree(root)) {}
  std::optional<std::vector<Entry>> list(const std::string& directory) const override {
    return disk_->list(directory);
  }
  std::optional<std::string> read(const std::string& path) const override {
    std::lock_guard lock(mutex_);
    readers_.insert(std::this_thread::get_id());
    return disk_->read(path);
  }
  std::string display_path(const std::string& path) const override {
    return disk_->display_path(path);
  }
  std::set<std::thread::id> readers() const {
    std::lock_guard lock(mutex_);
    return readers_;
  }

 private:
  std::unique_ptr<FileTree> disk_;
  mutable std::mutex mutex_;
  mutable std::set<std::thread::id> readers_;
};

MigrationSet load(const FileTree& tree, const TempDir& dir, bool read_sql) {
  ProjectOptions options;
  options.absolute_directory = dir.path().string();
  options.read_sql = read_sql;
  return load_project(tree, options);
}

// "id parents labels dependencies message" per revision, sorted by id.
std::string describe(const MigrationSet& set) {
  auto join = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
  };
  std::map<std::string, std::string> lines;
  for (const Revision& r : set.revisions) {
    lines[r.id] = r.id + " " + join(r.parents) + " " + join(r.branch_labels) + " " +
                  join(r.depends_on) + " " + r.message + "\n";
  }
  std::string out;
  for (const auto& [id, line] : lines) out += line;
  std::vector<std::string> heads = set.graph.heads;
  std::sort(heads.begin(), heads.end());
  return out + "heads " + join(heads) + "\n";
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("a large project read in parallel equals Alembic, from any tree, in file order") {
    TempDir dir;
    write_project(dir);
    write_file(dir / "dump.py",
               "import sys\nfrom alembic.script import ScriptDirectory\n"
               "s = ScriptDirectory(sys.argv[1] + '/migrations')\n"
               "t = lambda v: ','.join(v if isinstance(v, tuple) else (v,) if v else ())\n"
               "for r in sorted(s.walk_revisions(), key=lambda r: r.revision):\n"
               "    print(r.revision, t(r.down_revision), ','.join(r._orig_branch_labels),\n"
               "          t(r.dependencies), r.doc)\n"
               "print('heads', ','.join(sorted(s.get_heads())))\n");
    CommandResult alembic =
        run_command("/usr/bin/python3 " + shell_quote((dir / "dump.py").string()) + " " +
                    shell_quote(dir.path().string()));
    REQUIRE_MESSAGE(alembic.exit_code == 0, alembic.err);

    auto disk = disk_tree(dir.path().string());
    for (bool read_sql : {false, true}) {
      CAPTURE(read_sql);
      MigrationSet set = load(*disk, dir, read_sql);
      REQUIRE(set.revisions.size() == kRevisions);
      CHECK(set.revisions.front().id == id_of(0));  // file order: names sort as the ids do
      CHECK(set.revisions.back().id == id_of(kRevisions - 1));
      CHECK(describe(set) == alembic.out);
    }

    SerialTree serial(dir.path().string());
    MigrationSet set = load(serial, dir, false);
    CHECK(describe(set) == alembic.out);
    CHECK(serial.readers() == std::set<std::thread::id>{std::this_thread::get_id()});
  }

  TEST_CASE("a large project with two unreadable files reports the first in file order") {
    TempDir dir;
    write_project(dir);
    write_file(dir / ("migrations/versions/" + id_of(150) + "_step.py"),
               "revision = make_id()\ndown_revision = None\n");
    write_file(dir / ("migrations/versions/" + id_of(250) + "_step.py"), "revision = 'x\n");
    auto disk = disk_tree(dir.path().string());
    std::string expected = id_of(150) + "_step.py:1:12: revision is not a string literal";
    for (int run = 0; run < 3; ++run) {
      CHECK_THROWS_WITH_AS(load(*disk, dir, false), doctest::Contains(expected.c_str()),
                           InputError);
    }
  }
}
