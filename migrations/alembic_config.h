#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "migrations/alembic_pyproject.h"

namespace migcheck {

// One section of an .ini file as Python's ConfigParser reads it (Alembic's
// Config): keys lower-cased, continuation lines joined with "\n", [DEFAULT]
// and `here` as defaults, `%(name)s` interpolated when a value is read.
class IniSection {
 public:
  struct Raw {
    std::string value;
    int line = 0;  // where the key is written, for error messages
  };
  IniSection(std::string path, std::map<std::string, Raw> values)
      : path_(std::move(path)), values_(std::move(values)) {}

  // The interpolated value, or nullopt when the key is absent. Throws
  // InputError naming the key's line for a bad `%` reference.
  std::optional<std::string> get(const std::string& key) const;
  int line(const std::string& key) const;
  const std::string& path() const { return path_; }

 private:
  std::string interpolate(const std::string& key, const std::string& value, int depth) const;
  std::string path_;
  std::map<std::string, Raw> values_;  // the section's own keys over the defaults
};

// Reads `section` of an .ini text the way Alembic's Config does, with `here`
// as a default. Returns nullopt when the section is absent; throws InputError
// "path:line:col: ..." for text ConfigParser rejects.
std::optional<IniSection> read_ini_section(const std::string& text, const std::string& path,
                                           const std::string& section, const std::string& here);

// Where Alembic finds revision files, as paths inside the FileTree.
struct AlembicLocations {
  std::string script_location;
  std::vector<std::string> version_locations;  // in the order Alembic reads them
  bool explicit_version_locations = false;     // from `version_locations`, not <script>/versions
  bool recursive = false;                      // recursive_version_locations
  bool script_location_implied = false;        // not configured: the caller's default
};

// Resolves an [alembic] section (`script_location`, `version_locations` split
// by `path_separator` or `version_path_separator`, `recursive_version_locations`)
// to tree paths; a key the section lacks comes from pyproject.toml's
// [tool.alembic] when given, as in Alembic 1.16+.
// Relative paths are taken from `ini_directory` (the ini file's directory in
// the tree, where Alembic is normally run); absolute ones (`here` expands to
// one on disk) must lie below `absolute_project_directory`, the disk path of
// the tree's `project_directory`. For git trees that is empty and `here` was
// expanded to kHereMarker instead.
// `is_directory`, when given, tells whether a tree path is a directory; it
// lets a "package:resource" location find its package as an import would.
struct ProjectPaths {
  std::string ini_directory;
  std::string project_directory;
  std::string absolute_project_directory;
  std::function<bool(const std::string&)> is_directory = {};
};
// `implied_script_location`, when given, is the script directory (a tree
// path) used when neither file names one; without it that is an InputError.
AlembicLocations resolve_alembic_locations(const IniSection& section, const std::string& ini_path,
                                           const ProjectPaths& paths,
                                           const PyprojectAlembic* pyproject = nullptr,
                                           const std::string* implied_script_location = nullptr);

// What `%(here)s` expands to when the ini file has no absolute path (a git tree).
inline constexpr const char* kHereMarker = "\x01here";

// Joins and lexically normalises tree paths ("a/./b/../c" -> "a/c"; "" is the root).
std::string join_tree_path(const std::string& base, const std::string& relative);

// The tree path of `path`, an absolute disk path, when it lies below
// `absolute_project_directory` (the disk path of the tree's
// `project_directory`); nullopt when it lies outside, or when the tree is not
// the disk (`absolute_project_directory` empty).
std::optional<std::string> tree_path_of_absolute(const std::string& path,
                                                 const std::string& project_directory,
                                                 const std::string& absolute_project_directory);

}  // namespace migcheck
