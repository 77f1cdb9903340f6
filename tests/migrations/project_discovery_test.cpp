// Finding an Alembic project: alembic.ini read as Alembic's ConfigParser reads
// it, version_locations split as Alembic splits them, pyproject.toml's
// [tool.alembic] (Alembic 1.16+), conventional script folders without an ini
// file, and trees that are not the disk.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>

#include "linter/input_error.h"
#include "migrations/alembic_config.h"
#include "migrations/alembic_pyproject.h"
#include "migrations/project_loader.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

using Ids = std::vector<std::string>;

// A tree held in memory, as a git tree is: no absolute paths exist in it.
class MemoryTree : public FileTree {
 public:
  explicit MemoryTree(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  std::optional<std::vector<Entry>> list(const std::string& directory) const override {
    std::string prefix = directory.empty() ? "" : directory + "/";
    std::map<std::string, bool> names;
    for (const auto& [path, text] : files_) {
      if (path.rfind(prefix, 0) != 0) continue;
      std::string rest = path.substr(prefix.size());
      size_t slash = rest.find('/');
      names[rest.substr(0, slash)] = slash != std::string::npos;
    }
    if (names.empty() && !directory.empty()) return std::nullopt;
    std::vector<Entry> entries;
    for (const auto& [name, is_directory] : names) entries.push_back({name, is_directory});
    return entries;
  }
  std::optional<std::string> read(const std::string& path) const override {
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }
  std::string display_path(const std::string& path) const override { return "main:" + path; }

 private:
  std::map<std::string, std::string> files_;
};

std::string revision(const std::string& id, const std::string& down) {
  return "\"\"\"" + id + "\"\"\"\nrevision = '" + id +
         "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
         "\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n";
}

Ids ids(const MigrationSet& set) {
  Ids out;
  for (const auto& r : set.revisions) out.push_back(r.id);
  return out;
}

MigrationSet load_disk(const TempDir& dir, ProjectOptions options = {}) {
  options.absolute_directory = dir.path().string();
  auto tree = disk_tree(dir.path().string());
  return load_project(*tree, options);
}

IniSection section_of(const std::string& text, const std::string& name = "alembic") {
  auto section = read_ini_section(text, "alembic.ini", name, "/project");
  REQUIRE(section.has_value());
  return *section;
}

}  // namespace

TEST_CASE("ini values: continuation lines, comments, interpolation, DEFAULT, lower-cased keys") {
  auto section = section_of(
      "[DEFAULT]\nroot = %(here)s/db\n\n[alembic]\n# a comment\nScript_Location = %(root)s/mig\n"
      "version_locations =\n    a\n    ; comment inside\n    b\nPercent = 100%%\n");
  CHECK(section.get("script_location") == "/project/db/mig");
  CHECK(section.get("version_locations") == "\na\nb");
  CHECK(section.get("percent") == "100%");
  CHECK(section.line("script_location") == 6);
  CHECK_FALSE(section.get("absent").has_value());
  CHECK_FALSE(read_ini_section("[other]\nx = 1\n", "alembic.ini", "alembic", "/p").has_value());
}

TEST_CASE("ini errors name the file and line") {
  CHECK_THROWS_WITH_AS(read_ini_section("x = 1\n", "alembic.ini", "alembic", "/p"),
                       doctest::Contains("alembic.ini:1:1"), InputError);
  CHECK_THROWS_WITH_AS(
      read_ini_section("[alembic]\nno delimiter here\n", "alembic.ini", "alembic", "/p"),
      doctest::Contains("alembic.ini:2:1"), InputError);
  auto bad = section_of("[alembic]\n\nscript_location = %(nowhere)s/x\n");
  CHECK_THROWS_WITH_AS(bad.get("script_location"), doctest::Contains("alembic.ini:3:1"),
                       InputError);
}

TEST_CASE("version_locations split by each separator Alembic knows") {
  auto locations = [](const std::string& settings) {
    auto section = section_of("[alembic]\nscript_location = mig\n" + settings);
    return resolve_alembic_locations(section, "alembic.ini", {"proj", "proj", "/abs/proj"})
        .version_locations;
  };
  CHECK(locations("") == Ids{"proj/mig/versions"});
  CHECK(locations("version_locations = a, b c\n") == Ids{"proj/a", "proj/b", "proj/c"});
  CHECK(locations("version_path_separator = os\nversion_locations = a:b c\n") ==
        Ids{"proj/a", "proj/b c"});
  CHECK(locations("version_path_separator = space\nversion_locations = a  b\n") ==
        Ids{"proj/a", "proj/b"});
  CHECK(locations("version_path_separator = ;\nversion_locations = a;/abs/proj/b\n") ==
        Ids{"proj/a", "proj/b"});
  CHECK(locations("version_path_separator = newline\nversion_locations =\n  a\n  b\n") ==
        Ids{"proj/a", "proj/b"});
  CHECK(locations("version_locations = myapp.db:versions\n") == Ids{"proj/myapp/db/versions"});
  CHECK_THROWS_WITH_AS(locations("version_path_separator = comma\nversion_locations = a\n"),
                       doctest::Contains("not a valid value"), InputError);
  CHECK_THROWS_WITH_AS(locations("version_locations = /elsewhere/versions\n"),
                       doctest::Contains("outside the project"), InputError);
}

TEST_CASE("alembic.ini with %(here)s, skipped files, a location listed twice, recursion") {
  TempDir dir;
  write_file(dir / "alembic.ini",
             "[alembic]\nscript_location = %(here)s/db\nversion_path_separator = os\n"
             "version_locations = %(here)s/db/versions:db/versions:db/extra:db/missing\n"
             "recursive_version_locations = true\n");
  write_file(dir / "db/env.py", "");
  write_file(dir / "db/versions/a_first.py", revision("a1", ""));
  write_file(dir / "db/versions/__init__.py", "");
  write_file(dir / "db/versions/.#b_lock.py", "garbage");
  write_file(dir / "db/versions/notes.txt", revision("zz", ""));
  write_file(dir / "db/versions/sub/c_nested.py", revision("c3", "b2"));
  write_file(dir / "db/extra/b_second.py", revision("b2", "a1"));
  auto set = load_disk(dir);
  CHECK(set.format == MigrationFormat::alembic);
  CHECK(ids(set) == Ids{"a1", "c3", "b2"});
  CHECK(set.graph.heads == Ids{"c3"});
  CHECK(set.graph.order == Ids{"a1", "b2", "c3"});
}

TEST_CASE("without recursive_version_locations, subfolders are not read") {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = db\n");
  write_file(dir / "db/versions/a_first.py", revision("a1", ""));
  write_file(dir / "db/versions/sub/b_nested.py", revision("b2", "a1"));
  CHECK(ids(load_disk(dir)) == Ids{"a1"});
}

TEST_CASE("-c and --name choose the configuration file and section") {
  TempDir dir;
  write_file(dir / "config/multi.ini",
             "[one]\nscript_location = %(here)s/../one\n[two]\nscript_location = two\n");
  write_file(dir / "one/versions/a.py", revision("one1", ""));
  write_file(dir / "config/two/versions/b.py", revision("two1", ""));
  ProjectOptions options;
  options.ini_file = "config/multi.ini";
  options.ini_section = "one";
  CHECK(ids(load_disk(dir, options)) == Ids{"one1"});
  options.ini_section = "two";  // relative to the ini file's directory
  CHECK(ids(load_disk(dir, options)) == Ids{"two1"});
  options.ini_section = "three";
  CHECK_THROWS_WITH_AS(load_disk(dir, options), doctest::Contains("no [three] section"),
                       InputError);
  options.ini_file = "config/none.ini";
  CHECK_THROWS_WITH_AS(load_disk(dir, options), doctest::Contains("not found"), InputError);
}

TEST_CASE("a migrations/ or alembic/ folder with env.py and versions/ is found without an ini") {
  for (const char* folder : {"migrations", "alembic"}) {
    CAPTURE(folder);
    TempDir dir;
    write_file(dir / folder / "env.py", "");
    write_file(dir / folder / "versions/x.py", revision("x1", ""));
    auto set = load_disk(dir);
    CHECK(set.format == MigrationFormat::alembic);
    CHECK(ids(set) == Ids{"x1"});
  }
  TempDir missing;
  write_file(missing / "alembic.ini", "[alembic]\nscript_location = nowhere\n");
  CHECK_THROWS_WITH_AS(load_disk(missing), doctest::Contains("versions directory"), InputError);
}

// What `flask db init` writes as migrations/alembic.ini: an [alembic] section
// of comments only, since Flask-Migrate tells Alembic the script directory.
const char* kFlaskMigrateIni =
    "# A generic, single database configuration.\n\n[alembic]\n"
    "# template used to generate migration files\n# file_template = %%(rev)s_%%(slug)s\n\n"
    "# set to 'true' to run the environment during\n"
    "# the 'revision' command, regardless of autogenerate\n# revision_environment = false\n\n\n"
    "# Logging configuration\n[loggers]\nkeys = root,sqlalchemy,alembic,flask_migrate\n\n"
    "[handlers]\nkeys = console\n\n[formatters]\nkeys = generic\n\n"
    "[logger_root]\nlevel = WARN\nhandlers = console\nqualname =\n";

void write_flask_app(const TempDir& dir) {
  write_file(dir / "app/migrations/alembic.ini", kFlaskMigrateIni);
  write_file(dir / "app/migrations/env.py", "from flask import current_app\n");
  write_file(dir / "app/migrations/script.py.mako", "");
  write_file(dir / "app/migrations/versions/a.py", revision("a1", ""));
  write_file(dir / "app/migrations/versions/b.py", revision("b2", "a1"));
}

TEST_CASE("Flask-Migrate: an ini without script_location beside env.py and versions/") {
  TempDir dir;
  write_flask_app(dir);
  // Pointed at the migrations folder itself.
  ProjectOptions options;
  options.absolute_directory = (dir / "app/migrations").string();
  auto set = load_project(*disk_tree(options.absolute_directory), options);
  CHECK(set.format == MigrationFormat::alembic);
  CHECK(ids(set) == Ids{"a1", "b2"});
  CHECK(set.alembic_config == "alembic.ini");
  CHECK(set.implied_script_location == ".");
  // From the Flask app's root, as `flask db upgrade` runs.
  options.absolute_directory = (dir / "app").string();
  set = load_project(*disk_tree(options.absolute_directory), options);
  CHECK(ids(set) == Ids{"a1", "b2"});
  CHECK(set.revisions[0].file.ends_with("app/migrations/versions/a.py"));
  CHECK(set.alembic_config == "migrations/alembic.ini");
  CHECK(set.implied_script_location == "migrations");
}

TEST_CASE("Flask-Migrate: the ini's own settings apply when found from the app root") {
  TempDir dir;
  write_flask_app(dir);
  write_file(dir / "app/migrations/versions/later/c.py", revision("c3", "b2"));
  std::string ini = kFlaskMigrateIni;
  ini.insert(ini.find("# template"), "recursive_version_locations = true\n");
  write_file(dir / "app/migrations/alembic.ini", ini);
  ProjectOptions options;
  options.absolute_directory = (dir / "app").string();
  auto set = load_project(*disk_tree(options.absolute_directory), options);
  CHECK(ids(set) == Ids{"a1", "b2", "c3"});
}

TEST_CASE("a script folder inside the application's package is found from the repository root") {
  // Flask-Migrate's folder inside the package (lemur/migrations).
  TempDir flask;
  write_flask_app(flask);
  auto set = load_disk(flask);
  CHECK(ids(set) == Ids{"a1", "b2"});
  CHECK(set.alembic_config == "app/migrations/alembic.ini");
  CHECK(set.implied_script_location == "app/migrations");

  // Alembic configured in code (warehouse/migrations), two levels down
  // (src/app/alembic); a test fixture's env.py is not the project's.
  for (const char* folder : {"warehouse/migrations", "src/app/alembic"}) {
    CAPTURE(folder);
    TempDir dir;
    write_file(dir / folder / "env.py", "");
    write_file(dir / folder / "versions/x.py", revision("x1", ""));
    write_file(dir / "tests/migrations/env.py", "");
    write_file(dir / "tests/migrations/versions/f.py", revision("f1", ""));
    set = load_disk(dir);
    CHECK(set.format == MigrationFormat::alembic);
    CHECK(ids(set) == Ids{"x1"});
    CHECK(set.implied_script_location == folder);
  }

  // Two candidates: the user names one.
  TempDir two;
  for (const char* folder : {"api/migrations", "worker/alembic"}) {
    write_file(two / folder / "env.py", "");
    write_file(two / folder / "versions/x.py", revision("x1", ""));
  }
  CHECK_THROWS_WITH_AS(
      load_disk(two),
      doctest::Contains("several Alembic script folders (api/migrations, worker/alembic)"),
      InputError);

  // A layout at the root is a stronger sign than a package's folder.
  write_file(two / "001_a.up.sql", "SELECT 1;\n");
  CHECK(load_disk(two).format == MigrationFormat::golang_migrate);
}

TEST_CASE("an ini without script_location and no script directory beside it is still an error") {
  TempDir dir;
  write_file(dir / "alembic.ini", "[alembic]\n# nothing here\n");
  write_file(dir / "versions/a.py", revision("a1", ""));  // no env.py
  CHECK_THROWS_WITH_AS(load_disk(dir), doctest::Contains("alembic.ini:1:1: no 'script_location'"),
                       InputError);
}

TEST_CASE("a revision file reached twice through a symlink is one file, as Alembic's realpath") {
  TempDir dir;
  write_file(dir / "alembic.ini",
             "[alembic]\nscript_location = migrations\n"
             "version_locations = migrations/versions migrations/linked\n");
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "migrations/versions/a.py", revision("a1", ""));
  write_file(dir / "migrations/versions/b.py", revision("b2", "a1"));
  std::filesystem::create_directory_symlink("versions", dir / "migrations/linked");
  std::filesystem::create_symlink("b.py", dir / "migrations/versions/c_same_as_b.py");
  auto set = load_disk(dir);
  CHECK(ids(set) == Ids{"a1", "b2"});
  CHECK(set.graph_findings.empty());
}

TEST_CASE("recursive version locations do not follow symlinked folders, as os.walk") {
  TempDir dir;
  write_file(dir / "alembic.ini",
             "[alembic]\nscript_location = migrations\nrecursive_version_locations = true\n");
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "migrations/versions/a.py", revision("a1", ""));
  write_file(dir / "elsewhere/b.py", revision("b2", "a1"));
  std::filesystem::create_directory_symlink("../../elsewhere", dir / "migrations/versions/more");
  std::filesystem::create_directory_symlink(".", dir / "migrations/versions/loop");
  CHECK(ids(load_disk(dir)) == Ids{"a1"});
}

TEST_CASE("a tree that is not the disk: %(here)s is the project directory inside it") {
  MemoryTree tree({{"svc/alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n"},
                   {"svc/migrations/env.py", ""},
                   {"svc/migrations/versions/a.py", revision("a1", "")},
                   {"svc/migrations/versions/b.py", revision("b2", "a1")}});
  ProjectOptions options;
  options.directory = "svc";
  auto set = load_project(tree, options);
  CHECK(ids(set) == Ids{"a1", "b2"});
  CHECK(set.revisions[1].file == "main:svc/migrations/versions/b.py");
  CHECK(set.graph.heads == Ids{"b2"});
}

TEST_CASE("--layout overrides detection, and alembic with no project is an error") {
  TempDir dir;
  write_file(dir / "001_a.up.sql", "SELECT 1;\n");
  write_file(dir / "001_a.down.sql", "SELECT 2;\n");
  ProjectOptions options;
  options.layout = ProjectLayout::sql;
  auto set = load_disk(dir, options);
  CHECK(set.format == MigrationFormat::sql);
  CHECK(ids(set) == Ids{"001_a.down", "001_a.up"});
  options.layout = ProjectLayout::alembic;
  CHECK_THROWS_WITH_AS(load_disk(dir, options), doctest::Contains("no Alembic project"),
                       InputError);
  ProjectLayout layout;
  CHECK(parse_project_layout("golang-migrate", layout));
  CHECK(layout == ProjectLayout::golang_migrate);
  CHECK_FALSE(parse_project_layout("liquibase", layout));
}

TEST_CASE("path_separator (Alembic 1.16+) wins over version_path_separator") {
  auto locations = [](const std::string& settings) {
    auto section = section_of("[alembic]\nscript_location = mig\n" + settings);
    return resolve_alembic_locations(section, "alembic.ini", {"proj", "proj", "/abs/proj"})
        .version_locations;
  };
  CHECK(locations("path_separator = os\nversion_locations = a:b c\n") == Ids{"proj/a", "proj/b c"});
  CHECK(locations(
            "path_separator = ;\nversion_path_separator = space\nversion_locations = a b;c\n") ==
        Ids{"proj/a b", "proj/c"});
  CHECK_THROWS_WITH_AS(locations("path_separator = comma\nversion_locations = a\n"),
                       doctest::Contains("for path_separator"), InputError);
}

TEST_CASE("pyproject.toml [tool.alembic]: values, %(here)s, and type errors with their line") {
  CHECK_FALSE(
      read_pyproject_alembic("[tool.black]\nline-length = 100\n", "pyproject.toml", "", "/p")
          .has_value());
  auto config = read_pyproject_alembic(
      "[project]\nname = 'shop'\n\n[tool.alembic]\nscript_location = '%(here)s/db'\n"
      "version_locations = ['db/versions', '%(here)s/extra']\n"
      "recursive_version_locations = true\n",
      "pyproject.toml", "svc", "/p");
  REQUIRE(config.has_value());
  CHECK(config->script_location == "/p/db");
  CHECK(config->version_locations == Ids{"db/versions", "/p/extra"});
  CHECK(config->recursive_version_locations == true);
  CHECK(config->line_of_version_locations == 6);
  CHECK_THROWS_WITH_AS(read_pyproject_alembic("[tool.alembic]\nversion_locations = 'a:b'\n",
                                              "pyproject.toml", "", "/p"),
                       doctest::Contains("pyproject.toml:2:"), InputError);
  CHECK_THROWS_WITH_AS(
      read_pyproject_alembic("[tool.alembic]\nscript_location = \n", "pyproject.toml", "", "/p"),
      doctest::Contains("pyproject.toml:2:"), InputError);
}

TEST_CASE("a project configured in pyproject.toml, with and without alembic.ini") {
  TempDir dir;
  write_file(dir / "pyproject.toml",
             "[tool.alembic]\nscript_location = '%(here)s/db'\n"
             "version_locations = ['%(here)s/db/versions', 'db/more']\n");
  write_file(dir / "db/env.py", "");
  write_file(dir / "db/versions/a_first.py", revision("a1", ""));
  write_file(dir / "db/more/b_second.py", revision("b2", "a1"));
  write_file(dir / "migrations/versions/z.py", revision("zz", ""));  // not where Alembic looks
  CHECK(ids(load_disk(dir)) == Ids{"a1", "b2"});

  // The ini file of the pyproject template holds only deployment settings;
  // a key it does have wins over pyproject.toml.
  write_file(dir / "alembic.ini", "[alembic]\nsqlalchemy.url = postgresql:///shop\n");
  CHECK(ids(load_disk(dir)) == Ids{"a1", "b2"});
  write_file(dir / "alembic.ini", "[alembic]\nversion_locations = db/versions\n");
  CHECK(ids(load_disk(dir)) == Ids{"a1"});
  write_file(dir / "alembic.ini", "[loggers]\nkeys = root\n");
  CHECK(ids(load_disk(dir)) == Ids{"a1", "b2"});

  write_file(dir / "pyproject.toml", "[tool.alembic]\nversion_locations = []\n");
  CHECK_THROWS_WITH_AS(load_disk(dir), doctest::Contains("no 'script_location'"), InputError);
}

TEST_CASE(
    "a revision file Python cannot read (invalid UTF-8, a NUL byte) stops with its position") {
  TempDir dir;
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "migrations/versions/a.py", revision("a1", ""));
  write_file(dir / "migrations/versions/b.py",
             revision("b2", "a1") + "\n\ndef helper():\n    return 'z\xFFp'\n");
  CHECK_THROWS_WITH_AS(load_disk(dir), doctest::Contains("b.py:13:14: invalid UTF-8"), InputError);
  ProjectOptions metadata_only;
  metadata_only.read_sql = false;  // heads and history too
  CHECK_THROWS_WITH_AS(load_disk(dir, metadata_only), doctest::Contains("b.py:13:14"), InputError);
  write_file(dir / "migrations/versions/b.py", revision("b2", "a1") + std::string("# \0\n", 4));
  CHECK_THROWS_WITH_AS(load_disk(dir), doctest::Contains("b.py:10:3: NUL byte"), InputError);
}

TEST_CASE("recursive version locations: a folder's files come before its subfolders, as os.walk") {
  TempDir dir;
  write_file(dir / "alembic.ini",
             "[alembic]\nscript_location = db\nrecursive_version_locations = true\n");
  write_file(dir / "db/versions/a.py", revision("a1", ""));
  write_file(dir / "db/versions/b/x.py", revision("x3", "c2"));
  write_file(dir / "db/versions/c.py", revision("c2", "a1"));
  CHECK(ids(load_disk(dir)) == Ids{"a1", "c2", "x3"});
}
