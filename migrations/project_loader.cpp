#include "migrations/project_loader.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <set>
#include <thread>

#include "linter/big_stack_thread.h"
#include "linter/input_error.h"
#include "linter/sql_file.h"
#include "migrations/alembic/env_settings.h"
#include "migrations/alembic/python_encoding.h"
#include "migrations/alembic/revision_metadata.h"
#include "migrations/alembic/revision_reader.h"
#include "migrations/alembic_config.h"
#include "migrations/alembic_pyproject.h"
#include "migrations/flyway_config.h"
#include "migrations/graph.h"
#include "migrations/message_findings.h"
#include "migrations/project_environment.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

bool parse_project_layout(std::string_view text, ProjectLayout& out) {
  static const std::pair<std::string_view, ProjectLayout> names[] = {
      {"auto", ProjectLayout::detect},
      {"alembic", ProjectLayout::alembic},
      {"golang-migrate", ProjectLayout::golang_migrate},
      {"flyway", ProjectLayout::flyway},
      {"goose", ProjectLayout::goose},
      {"dbmate", ProjectLayout::dbmate},
      {"pop", ProjectLayout::pop},
      {"prisma", ProjectLayout::prisma},
      {"sql", ProjectLayout::sql}};
  for (const auto& [name, layout] : names) {
    if (text == name) {
      out = layout;
      return true;
    }
  }
  return false;
}

namespace {

std::string parent_directory(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// The files Alembic treats as revision candidates: its _only_source_rev_file
// pattern, "(?!\.\#|__init__)(.*\.py)$" matched from the name's start (so
// emacs lock files and __init__ modules are skipped, other dotfiles are not).
bool is_revision_file_name(const std::string& name) {
  if (name.rfind(".#", 0) == 0 || name.rfind("__init__", 0) == 0) return false;
  return name.size() > 3 && name.compare(name.size() - 3, 3, ".py") == 0;
}

// A revision file found in a version location.
struct FoundFile {
  std::string path;
  bool is_symlink;
};

// Adds the revision files in `directory` to `out`; false when the directory
// does not exist.
bool collect_revision_files(const FileTree& tree, const std::string& directory, bool recursive,
                            std::vector<FoundFile>& out) {
  auto entries = tree.list(directory);
  if (!entries) return false;
  // As Alembic's os.walk: a folder's files in name order, then its subfolders,
  // not those reached through a symbolic link (os.walk does not follow them).
  for (const auto& entry : *entries) {
    if (!entry.is_directory && is_revision_file_name(entry.name)) {
      out.push_back({join_tree_path(directory, entry.name), entry.is_symlink});
    }
  }
  if (!recursive) return true;
  for (const auto& entry : *entries) {
    if (entry.is_directory && !entry.is_symlink) {
      collect_revision_files(tree, join_tree_path(directory, entry.name), recursive, out);
    }
  }
  return true;
}

// One revision file: its metadata only, or everything with the SQL. The
// metadata alone needs no SourceFile, whose line index only an error would use.
std::optional<Revision> read_revision(std::string path, std::string text, bool read_sql,
                                      const ProjectModules* modules) {
  // Read in the encoding Python reads the module in, as UTF-8 from here on.
  text = decode_python_source(std::move(text), path);
  // Python refuses such a module too, so Alembic stops on it.
  validate_source_text(text, path);
  if (read_sql) {
    return read_alembic_revision(SourceFile::make(std::move(path), std::move(text)), modules);
  }
  PyModule module = read_python_module(text, path);
  std::optional<RevisionMetadata> metadata = read_revision_metadata(module, path);
  if (!metadata) return std::nullopt;
  return revision_from_metadata(std::move(*metadata), std::move(path));
}

// Reads and parses the files on a few big-stack threads (the Python reader
// recurses on nested expressions), keeping file order and rethrowing the first
// file's error. The workers read the files themselves when the tree allows it
// (the disk); otherwise (a git tree) this thread reads them all first.
std::vector<Revision> read_revisions(const FileTree& tree, const std::vector<std::string>& paths,
                                     bool read_sql, const ProjectModules* modules) {
  std::vector<std::optional<std::string>> texts(paths.size());
  bool concurrent = tree.concurrent_reads();
  if (!concurrent) {
    for (size_t i = 0; i < paths.size(); ++i) texts[i] = tree.read(paths[i]);
  }
  // Each worker fills its files' slots; the slots of files that are not
  // revisions are dropped after. One array, no copies: thousands of revisions
  // are megabytes.
  std::vector<Revision> revisions(paths.size());
  std::vector<char> is_revision(paths.size(), 0);
  std::vector<std::exception_ptr> errors(paths.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) {
      try {
        std::optional<std::string> text = concurrent ? tree.read(paths[i]) : std::move(texts[i]);
        // A dangling symlink: Alembic fails on it, we cannot read it either.
        if (!text) continue;
        auto revision =
            read_revision(tree.display_path(paths[i]), std::move(*text), read_sql, modules);
        if (!revision) continue;
        revisions[i] = std::move(*revision);
        is_revision[i] = 1;
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  size_t threads = std::clamp<size_t>(paths.size() / 64, 1, std::thread::hardware_concurrency());
  {
    std::vector<std::unique_ptr<BigStackThread>> pool;
    for (size_t t = 0; t < threads; ++t) pool.push_back(std::make_unique<BigStackThread>(work));
  }
  size_t kept = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (errors[i]) std::rethrow_exception(errors[i]);
    if (!is_revision[i]) continue;
    if (kept != i) revisions[kept] = std::move(revisions[i]);
    ++kept;
  }
  revisions.resize(kept);
  return revisions;
}

MigrationSet load_alembic(const FileTree& tree, const AlembicLocations& locations,
                          const ProjectOptions& options, ConnectionSettings& environment) {
  MigrationSet set;
  set.format = MigrationFormat::alembic;
  set.root = options.directory;
  std::vector<FoundFile> found;
  for (const auto& location : locations.version_locations) {
    if (!collect_revision_files(tree, location, locations.recursive, found)) {
      // Alembic skips version_locations entries that do not exist, but the
      // default <script_location>/versions must.
      if (locations.explicit_version_locations) continue;
      throw InputError(tree.display_path(location) +
                       ": the versions directory of the Alembic project does not exist");
    }
  }
  // Alembic reads a file once however many paths reach it (it compares
  // os.path.realpath): a location linked to another, or a linked file, adds
  // nothing. Only then can two paths be one file: one location lists each
  // path once, and recursion does not follow links.
  bool links_possible = locations.version_locations.size() > 1 ||
                        std::any_of(found.begin(), found.end(),
                                    [](const FoundFile& file) { return file.is_symlink; });
  std::set<std::string> loaded;
  std::vector<std::string> files;
  for (auto& file : found) {
    if (!links_possible || loaded.insert(tree.identity(file.path)).second) {
      files.push_back(std::move(file.path));
    }
  }
  // Revisions import enum classes from the application, found from the
  // directory Alembic runs in.
  ProjectModules modules(tree, {options.directory});
  set.revisions = read_revisions(tree, files, options.read_sql, &modules);
  if (options.read_sql) {
    auto env = tree.read(join_tree_path(locations.script_location, "env.py"));
    if (env) environment = read_env_settings(*env);
  }
  return set;
}

bool is_directory(const FileTree& tree, const std::string& path) {
  return tree.list(path).has_value();
}

// pyproject.toml's [tool.alembic] in the project directory, where Alembic
// 1.16+ looks for it beside alembic.ini; nullopt when there is none.
std::optional<PyprojectAlembic> read_project_pyproject(const FileTree& tree,
                                                       const ProjectOptions& options) {
  std::string path = join_tree_path(options.directory, "pyproject.toml");
  auto text = tree.read(path);
  if (!text) return std::nullopt;
  std::string here = options.absolute_directory.empty() ? kHereMarker : options.absolute_directory;
  return read_pyproject_alembic(*text, tree.display_path(path), options.directory, here);
}

// Whether `directory` is an Alembic script directory: env.py and versions/.
bool is_script_directory(const FileTree& tree, const std::string& directory) {
  return tree.read(join_tree_path(directory, "env.py")).has_value() &&
         is_directory(tree, join_tree_path(directory, "versions"));
}

// The Alembic script folder where projects keep it beside their code: the
// first of migrations/, alembic/ or the directory itself that is one.
std::vector<std::string> script_directories_at_root(const FileTree& tree,
                                                    const std::string& directory) {
  for (const char* folder : {"migrations", "alembic", ""}) {
    std::string script = join_tree_path(directory, folder);
    if (is_script_directory(tree, script)) return {script};
  }
  return {};
}

// Script folders one or two levels down, where applications that configure
// Alembic in code keep them (lemur/migrations, warehouse/migrations,
// backend/alembic, src/app/migrations), for a project whose root has none.
// Folders of tests, documentation, examples and installed packages are
// skipped: their env.py files are fixtures or other projects'.
std::vector<std::string> nested_script_directories(const FileTree& tree,
                                                   const std::string& directory) {
  static const std::set<std::string> kSkipped = {
      "test",          "tests", "doc", "docs",  "example", "examples", "node_modules",
      "site-packages", "venv",  "env", "build", "dist",    "vendor",   "third_party"};
  auto children = [&](const std::string& parent) {
    std::vector<std::string> out;
    for (const FileTree::Entry& entry :
         tree.list(parent).value_or(std::vector<FileTree::Entry>{})) {
      if (entry.is_directory && !entry.is_symlink && entry.name.front() != '.' &&
          !kSkipped.count(entry.name)) {
        out.push_back(join_tree_path(parent, entry.name));
      }
    }
    return out;
  };
  std::vector<std::string> found;
  for (const std::string& child : children(directory)) {
    std::vector<std::string> here = script_directories_at_root(tree, child);
    if (here.empty()) {
      for (const std::string& grandchild : children(child)) {
        for (const char* folder : {"migrations", "alembic"}) {
          std::string script = join_tree_path(grandchild, folder);
          if (is_script_directory(tree, script)) here.push_back(script);
        }
      }
    }
    found.insert(found.end(), here.begin(), here.end());
  }
  return found;
}

// Tree path `path` relative to tree directory `base` ("." when they are one).
std::string tree_relative(const std::string& path, const std::string& base) {
  auto or_dot = [](const std::string& p) { return std::filesystem::path(p.empty() ? "." : p); };
  std::string relative = or_dot(path).lexically_relative(or_dot(base)).generic_string();
  return relative.empty() ? "." : relative;
}

// `path` as a run of Alembic in the project directory names it.
std::string project_relative(const ProjectOptions& options, const std::string& path) {
  return tree_relative(path, options.directory);
}

// An Alembic ini file and how Alembic is run with it.
struct IniUse {
  std::string path;               // in the tree
  std::string working_directory;  // Alembic's working directory: relative paths start here
  // The script directory when the ini names none: Flask-Migrate's
  // migrations/alembic.ini lies in the script directory, and Flask-Migrate
  // tells Alembic that folder. nullopt when the folder is not one.
  std::optional<std::string> implied_script_location;
};

// Reads `ini` (and pyproject.toml's [tool.alembic] under it) and the
// revisions it locates.
MigrationSet load_with_ini(const FileTree& tree, const ProjectOptions& options, const IniUse& ini,
                           const std::string& text, const PyprojectAlembic* pyproject,
                           ConnectionSettings& environment) {
  // %(here)s is the ini's directory: its disk path, or in a git tree a marker
  // followed by the way from the working directory to it.
  std::string ini_directory = parent_directory(ini.path);
  std::string here =
      std::string(kHereMarker) + "/" + tree_relative(ini_directory, ini.working_directory);
  if (!options.absolute_directory.empty()) {
    here = (std::filesystem::path(options.absolute_directory) /
            project_relative(options, ini_directory))
               .lexically_normal()
               .generic_string();
    if (here.size() > 1 && here.back() == '/') here.pop_back();
  }
  std::string shown = tree.display_path(ini.path);
  auto section = read_ini_section(text, shown, options.ini_section, here);
  bool implied = ini.implied_script_location.has_value();
  if (!section && !pyproject && !implied) {
    throw InputError(shown + ":1:1: no [" + options.ini_section + "] section");
  }
  auto locations = resolve_alembic_locations(
      section ? *section : IniSection(shown, {}), shown,
      {ini.working_directory, options.directory, options.absolute_directory,
       [&tree](const std::string& path) { return is_directory(tree, path); }},
      pyproject, implied ? &*ini.implied_script_location : nullptr);
  MigrationSet set = load_alembic(tree, locations, options, environment);
  set.alembic_config = project_relative(options, ini.path);
  if (locations.script_location_implied) {
    set.implied_script_location = project_relative(options, locations.script_location);
  }
  return set;
}

// Alembic's configuration (alembic.ini, pyproject.toml), or a conventional
// script directory (migrations/, alembic/) with or without an ini of its own.
// Where try_alembic looks for a script folder without an ini file naming it.
enum class ScriptSearch { root, nested };

std::optional<MigrationSet> try_alembic(const FileTree& tree, const ProjectOptions& options,
                                        ScriptSearch search, ConnectionSettings& environment) {
  std::string ini_path = join_tree_path(options.directory, options.ini_file);
  std::optional<PyprojectAlembic> pyproject = read_project_pyproject(tree, options);
  const PyprojectAlembic* pyproject_settings = pyproject ? &*pyproject : nullptr;
  if (auto text = tree.read(ini_path)) {
    std::string ini_directory = parent_directory(ini_path);
    IniUse ini{ini_path, ini_directory, std::nullopt};
    if (is_script_directory(tree, ini_directory)) ini.implied_script_location = ini_directory;
    return load_with_ini(tree, options, ini, *text, pyproject_settings, environment);
  }
  if (pyproject && options.ini_file == "alembic.ini") {
    // Alembic 1.16+ runs from pyproject.toml alone: alembic.ini only holds
    // deployment settings (the database URL, logging), which env.py may take
    // from elsewhere.
    auto locations = resolve_alembic_locations(
        IniSection(pyproject->path, {}), pyproject->path,
        {options.directory, options.directory, options.absolute_directory,
         [&tree](const std::string& path) { return is_directory(tree, path); }},
        pyproject_settings);
    return load_alembic(tree, locations, options, environment);
  }
  if (options.ini_file != "alembic.ini") {
    throw InputError(tree.display_path(ini_path) + ": configuration file not found");
  }
  std::vector<std::string> scripts = search == ScriptSearch::root
                                         ? script_directories_at_root(tree, options.directory)
                                         : nested_script_directories(tree, options.directory);
  if (scripts.empty()) return std::nullopt;
  if (scripts.size() > 1) {
    std::string listed;
    for (const std::string& script : scripts) {
      listed += (listed.empty() ? "" : ", ") + project_relative(options, script);
    }
    throw InputError(tree.display_path(options.directory) + ": several Alembic script folders (" +
                     listed + "); name the project's with --project");
  }
  const std::string& script = scripts.front();
  // Flask-Migrate's layout seen from the app's root, where `flask db` runs:
  // Alembic reads migrations/alembic.ini, told the folder is the scripts'.
  std::string folder_ini = join_tree_path(script, "alembic.ini");
  if (auto text = tree.read(folder_ini)) {
    IniUse ini{folder_ini, options.directory, script};
    return load_with_ini(tree, options, ini, *text, pyproject_settings, environment);
  }
  AlembicLocations locations;
  locations.script_location = script;
  locations.version_locations = {join_tree_path(script, "versions")};
  MigrationSet set = load_alembic(tree, locations, options, environment);
  set.implied_script_location = project_relative(options, script);
  return set;
}

MigrationSet load_sql_layout(const FileTree& tree, MigrationFormat format,
                             const std::string& directory) {
  switch (format) {
    case MigrationFormat::golang_migrate:
      return load_golang_migrate(tree, directory);
    case MigrationFormat::flyway:
      return load_flyway(tree, directory);
    case MigrationFormat::goose:
      return load_goose(tree, directory);
    case MigrationFormat::dbmate:
      return load_dbmate(tree, directory);
    case MigrationFormat::pop:
      return load_pop(tree, directory);
    case MigrationFormat::prisma:
      return load_prisma(tree, directory);
    case MigrationFormat::sql:
    case MigrationFormat::alembic:
      break;
  }
  return load_plain_sql(tree, directory);
}

std::optional<MigrationFormat> forced_format(ProjectLayout layout) {
  switch (layout) {
    case ProjectLayout::golang_migrate:
      return MigrationFormat::golang_migrate;
    case ProjectLayout::flyway:
      return MigrationFormat::flyway;
    case ProjectLayout::goose:
      return MigrationFormat::goose;
    case ProjectLayout::dbmate:
      return MigrationFormat::dbmate;
    case ProjectLayout::pop:
      return MigrationFormat::pop;
    case ProjectLayout::prisma:
      return MigrationFormat::prisma;
    case ProjectLayout::sql:
      return MigrationFormat::sql;
    case ProjectLayout::detect:
    case ProjectLayout::alembic:
      break;
  }
  return std::nullopt;
}

MigrationSet find_and_load(const FileTree& tree, const ProjectOptions& options,
                           ConnectionSettings& environment) {
  if (options.layout == ProjectLayout::detect || options.layout == ProjectLayout::alembic) {
    if (auto set = try_alembic(tree, options, ScriptSearch::root, environment)) {
      return std::move(*set);
    }
    if (options.layout == ProjectLayout::alembic) {
      if (auto set = try_alembic(tree, options, ScriptSearch::nested, environment)) {
        return std::move(*set);
      }
      throw InputError(tree.display_path(options.directory) + ": no Alembic project (no " +
                       options.ini_file +
                       ", and no migrations/ or alembic/ folder with env.py and versions/)");
    }
  }
  if (options.layout == ProjectLayout::detect || options.layout == ProjectLayout::flyway) {
    if (auto flyway = read_flyway_config(tree, options.directory, options.absolute_directory)) {
      return load_flyway(tree, *flyway);
    }
  }
  auto forced = forced_format(options.layout);
  for (const auto& directory : sql_layout_candidates(options.directory)) {
    auto found = detect_sql_layout(tree, directory);
    if (!found) continue;
    return load_sql_layout(tree, forced ? *forced : *found, directory);
  }
  if (forced) return load_sql_layout(tree, *forced, options.directory);
  // Last, since a package's own migrations folder is a weaker sign than any
  // layout at the root.
  if (auto set = try_alembic(tree, options, ScriptSearch::nested, environment)) {
    return std::move(*set);
  }
  throw InputError(tree.display_path(options.directory) +
                   ": no migration project found (no alembic.ini, Alembic script folder, or "
                   "golang-migrate, Flyway, goose, dbmate, pop, Prisma or .sql migration files)");
}

}  // namespace

MigrationSet load_project(const FileTree& tree, const ProjectOptions& options) {
  ConnectionSettings unused;
  return load_project(tree, options, unused);
}

MigrationSet load_project(const FileTree& tree, const ProjectOptions& options,
                          ConnectionSettings& environment) {
  if (!tree.list(options.directory)) {
    throw InputError(tree.display_path(options.directory) + ": project directory not found");
  }
  MigrationSet set = find_and_load(tree, options, environment);
  analyze_graph(set);
  if (options.read_sql) add_vague_message_findings(set);
  return set;
}

}  // namespace migcheck
