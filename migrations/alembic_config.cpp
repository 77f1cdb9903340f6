#include "migrations/alembic_config.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>

#include "linter/ascii_text.h"
#include "linter/input_error.h"

namespace migcheck {

namespace {

[[noreturn]] void fail(const std::string& path, int line, const std::string& what) {
  throw InputError(path + ":" + std::to_string(line) + ":1: " + what);
}

bool is_comment(const std::string& stripped) {
  return !stripped.empty() && (stripped[0] == '#' || stripped[0] == ';');
}

// Python's str.splitlines() for the line endings an .ini file uses.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

size_t indent_of(const std::string& line) {
  size_t n = 0;
  while (n < line.size() && std::isspace(static_cast<unsigned char>(line[n]))) ++n;
  return n;
}

}  // namespace

std::optional<std::string> IniSection::get(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return interpolate(key, it->second.value, 1);
}

int IniSection::line(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? 0 : it->second.line;
}

// ConfigParser's BasicInterpolation: "%%" is a percent sign, "%(name)s" the
// (interpolated) value of another key of the section or its defaults.
std::string IniSection::interpolate(const std::string& key, const std::string& value,
                                    int depth) const {
  if (depth > 10) fail(path_, line(key), "interpolation of '" + key + "' is too deeply nested");
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') {
      out += value[i];
      continue;
    }
    if (i + 1 < value.size() && value[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    size_t close = value.find(")s", i);
    if (i + 1 >= value.size() || value[i + 1] != '(' || close == std::string::npos) {
      fail(path_, line(key),
           "'%' must be followed by '%' or '(name)s' in the value of '" + key + "'");
    }
    std::string name = ascii_lower(value.substr(i + 2, close - i - 2));
    auto it = values_.find(name);
    if (it == values_.end()) {
      fail(path_, line(key), "'" + key + "' refers to '%(" + name + ")s', which is not set");
    }
    out += interpolate(name, it->second.value, depth + 1);
    i = close + 1;
  }
  return out;
}

std::optional<IniSection> read_ini_section(const std::string& text, const std::string& path,
                                           const std::string& section, const std::string& here) {
  std::map<std::string, IniSection::Raw> defaults{{"here", {here, 0}}};
  std::map<std::string, IniSection::Raw> wanted;
  bool found = false;
  std::map<std::string, IniSection::Raw>* current = nullptr;  // the section being read
  std::vector<std::string> seen_sections;
  std::string option;  // the option whose value continuation lines extend
  size_t option_indent = 0;
  std::vector<std::string> pending_blank_lines;
  std::map<std::string, IniSection::Raw> ignored;

  auto lines = split_lines(text);
  for (size_t n = 0; n < lines.size(); ++n) {
    int line_number = static_cast<int>(n) + 1;
    std::string raw = lines[n];
    if (n == 0 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.erase(0, 3);
    std::string value = trimmed(raw);
    if (is_comment(value)) continue;
    if (value.empty()) {
      if (!option.empty()) pending_blank_lines.push_back("");
      continue;
    }
    size_t indent = indent_of(raw);
    if (current && !option.empty() && indent > option_indent) {
      std::string& joined = (*current)[option].value;
      for (const auto& blank : pending_blank_lines) joined += "\n" + blank;
      pending_blank_lines.clear();
      joined += "\n" + value;
      continue;
    }
    pending_blank_lines.clear();
    option.clear();
    option_indent = indent;
    if (value.front() == '[' && value.back() == ']' && value.size() > 2) {
      std::string name = value.substr(1, value.size() - 2);
      if (std::find(seen_sections.begin(), seen_sections.end(), name) != seen_sections.end()) {
        fail(path, line_number, "section [" + name + "] appears twice");
      }
      seen_sections.push_back(name);
      if (name == "DEFAULT") {
        current = &defaults;
      } else if (name == section) {
        current = &wanted;
        found = true;
      } else {
        ignored.clear();
        current = &ignored;
      }
      continue;
    }
    if (!current) fail(path, line_number, "a key before the first [section] header");
    size_t delimiter = value.find_first_of("=:");
    if (delimiter == std::string::npos) {
      fail(path, line_number, "expected 'key = value', found '" + value + "'");
    }
    std::string key = ascii_lower(trim_blanks(value.substr(0, delimiter)));
    if (current->count(key) && current != &defaults) {
      fail(path, line_number, "option '" + key + "' appears twice in its section");
    }
    (*current)[key] = {trimmed(value.substr(delimiter + 1)), line_number};
    option = key;
  }
  if (!found) return std::nullopt;
  for (auto& [key, raw] : wanted) defaults[key] = raw;  // the section's own keys win
  return IniSection(path, std::move(defaults));
}

std::string join_tree_path(const std::string& base, const std::string& relative) {
  std::vector<std::string> parts;
  auto push = [&](const std::string& path) {
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      std::string part = path.substr(start, end - start);
      if (part == "..") {
        if (!parts.empty() && parts.back() != "..") {
          parts.pop_back();
        } else {
          parts.push_back(part);
        }
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      start = end + 1;
    }
  };
  push(base);
  push(relative);
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : "/") + part;
  return joined;
}

std::optional<std::string> tree_path_of_absolute(const std::string& path,
                                                 const std::string& project_directory,
                                                 const std::string& absolute_project_directory) {
  namespace fs = std::filesystem;
  if (absolute_project_directory.empty()) return std::nullopt;
  fs::path relative = fs::path(path).lexically_normal().lexically_relative(
      fs::path(absolute_project_directory).lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  return join_tree_path(project_directory, relative.generic_string());
}

namespace {

// The tree directory of a dotted Python package named in a "package:resource"
// location. Alembic imports the package, so it is found on sys.path: the
// working directory (the ini's, which Alembic's template prepends) or, for a
// project installed from a `src/` layout or run from inside its own package
// (Netflix/dispatch keeps alembic.ini in src/dispatch/ and names
// "dispatch:database/revisions/core"), a directory above it. The nearest such
// directory in the tree wins, or the nearest that is itself the package when
// the tree is read from inside it; without either the working directory is
// assumed.
std::string package_directory(std::string package, const ProjectPaths& paths) {
  namespace fs = std::filesystem;
  std::replace(package.begin(), package.end(), '.', '/');
  std::string base = paths.ini_directory;
  while (paths.is_directory) {
    std::string candidate = join_tree_path(base, package);
    if (paths.is_directory(candidate)) return candidate;
    if (!paths.absolute_project_directory.empty()) {
      std::string absolute = (fs::path(paths.absolute_project_directory) /
                              fs::path(base).lexically_relative(fs::path(paths.project_directory)))
                                 .lexically_normal()
                                 .generic_string();
      if (absolute.ends_with("/" + package) || absolute.ends_with("/" + package + "/")) return base;
    }
    if (base.empty()) break;
    base = join_tree_path(base, "..");
  }
  return join_tree_path(paths.ini_directory, package);
}

// Maps one path as Alembic would open it (relative to the working directory,
// which is the ini file's directory, or absolute) to a path in the tree.
// `file` and `line` say where the setting `key` is written, for errors.
std::string to_tree_path(std::string path, const std::string& file, int line,
                         const std::string& key, const ProjectPaths& paths) {
  std::string marker = kHereMarker;
  if (path.rfind(marker, 0) == 0) {
    return join_tree_path(paths.ini_directory, path.substr(marker.size()));
  }
  if (!path.empty() && path[0] == '/') {
    auto inside =
        tree_path_of_absolute(path, paths.project_directory, paths.absolute_project_directory);
    if (!inside) fail(file, line, "'" + key + "' names " + path + ", which is outside the project");
    return *inside;
  }
  if (size_t colon = path.find(':'); colon != std::string::npos) {
    std::string resource = path.substr(colon + 1);
    std::replace(resource.begin(), resource.end(), ':', '/');
    return join_tree_path(package_directory(path.substr(0, colon), paths), resource);
  }
  return join_tree_path(paths.ini_directory, path);
}

bool python_asbool(const std::string& value) {
  std::string v = ascii_lower(trim_blanks(value));
  return v == "true" || v == "yes" || v == "on" || v == "y" || v == "t" || v == "1";
}

}  // namespace

namespace {

// Splits an ini `version_locations` value as Alembic does: by `path_separator`
// (Alembic 1.16+), else the older `version_path_separator`, else on commas
// and spaces (the legacy form).
std::vector<std::string> split_version_locations(const std::string& value,
                                                 const IniSection& section,
                                                 const std::string& ini_path) {
  std::vector<std::string> pieces;
  std::string key = "path_separator";
  auto separator = section.get(key);
  if (!separator) separator = section.get(key = "version_path_separator");
  if (!separator) {
    static const std::regex legacy(", *| +");
    for (std::sregex_token_iterator it(value.begin(), value.end(), legacy, -1), end; it != end;
         ++it) {
      if (it->length() > 0) pieces.push_back(*it);
    }
    return pieces;
  }
  static const std::pair<std::string_view, char> kSeparators[] = {
      {"space", ' '},
      {"newline", '\n'},
      {"os", ':'},  // os.pathsep on POSIX
      {":", ':'},
      {";", ';'}};
  char split = 0;
  for (const auto& [name, character] : kSeparators) {
    if (*separator == name) split = character;
  }
  if (split == 0) {
    fail(ini_path, section.line(key),
         "'" + *separator + "' is not a valid value for " + key +
             "; expected 'space', 'newline', 'os', ':', ';'");
  }
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(split, start);
    if (end == std::string::npos) end = value.size();
    std::string piece = trimmed(value.substr(start, end - start));
    if (!piece.empty()) pieces.push_back(piece);
    start = end + 1;
  }
  return pieces;
}

}  // namespace

AlembicLocations resolve_alembic_locations(const IniSection& section, const std::string& ini_path,
                                           const ProjectPaths& paths,
                                           const PyprojectAlembic* pyproject,
                                           const std::string* implied_script_location) {
  // Settings from pyproject.toml resolve relative paths from its own directory.
  ProjectPaths pyproject_paths = paths;
  if (pyproject) pyproject_paths.ini_directory = pyproject->directory;

  AlembicLocations locations;
  if (auto script_location = section.get("script_location")) {
    locations.script_location = to_tree_path(
        *script_location, ini_path, section.line("script_location"), "script_location", paths);
  } else if (pyproject && pyproject->script_location) {
    locations.script_location =
        to_tree_path(*pyproject->script_location, pyproject->path,
                     pyproject->line_of_script_location, "script_location", pyproject_paths);
  } else if (implied_script_location) {
    locations.script_location = *implied_script_location;
    locations.script_location_implied = true;
  } else {
    bool both = pyproject && pyproject->path != ini_path;
    throw InputError(ini_path + ":1:1: no 'script_location' key in the configuration" +
                     (both ? " nor in [tool.alembic] of " + pyproject->path : ""));
  }
  if (auto recursive = section.get("recursive_version_locations")) {
    locations.recursive = python_asbool(*recursive);
  } else if (pyproject && pyproject->recursive_version_locations) {
    locations.recursive = *pyproject->recursive_version_locations;
  }

  if (auto value = section.get("version_locations"); value && !value->empty()) {
    locations.explicit_version_locations = true;
    for (const auto& piece : split_version_locations(*value, section, ini_path)) {
      locations.version_locations.push_back(to_tree_path(
          piece, ini_path, section.line("version_locations"), "version_locations", paths));
    }
  } else if (pyproject && pyproject->version_locations && !pyproject->version_locations->empty()) {
    locations.explicit_version_locations = true;
    for (const auto& piece : *pyproject->version_locations) {
      locations.version_locations.push_back(to_tree_path(piece, pyproject->path,
                                                         pyproject->line_of_version_locations,
                                                         "version_locations", pyproject_paths));
    }
  }
  if (!locations.explicit_version_locations) {
    locations.version_locations = {join_tree_path(locations.script_location, "versions")};
  }
  return locations;
}

}  // namespace migcheck
