#include "migrations/alembic_pyproject.h"

#include <toml++/toml.h>

#include "linter/input_error.h"

namespace migcheck {
namespace {

[[noreturn]] void fail(const std::string& path, const toml::source_region& where,
                       const std::string& what) {
  throw InputError(path + ":" + std::to_string(where.begin.line) + ":" +
                   std::to_string(where.begin.column) + ": " + what);
}

// Alembic applies Python's `%` formatting with `here` to TOML strings:
// "%(here)s" is the directory, "%%" a percent sign.
std::string substitute_here(const std::string& value, const std::string& here,
                            const std::string& path, const toml::source_region& where) {
  static const std::string kHere = "%(here)s";
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') {
      out += value[i];
    } else if (value.compare(i, 2, "%%") == 0) {
      out += '%';
      ++i;
    } else if (value.compare(i, kHere.size(), kHere) == 0) {
      out += here;
      i += kHere.size() - 1;
    } else {
      fail(path, where, "'" + value + "': only %(here)s and %% may follow a '%' here");
    }
  }
  return out;
}

std::string string_value(const toml::node& node, const std::string& key, const std::string& here,
                         const std::string& path) {
  const auto* text = node.as_string();
  if (!text) fail(path, node.source(), "[tool.alembic] " + key + " must be a string");
  return substitute_here(text->get(), here, path, node.source());
}

}  // namespace

std::optional<PyprojectAlembic> read_pyproject_alembic(const std::string& text,
                                                       const std::string& path,
                                                       const std::string& directory,
                                                       const std::string& here) {
  toml::table document;
  try {
    document = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    fail(path, e.source(), std::string(e.description()));
  }
  const toml::node* table = document.at_path("tool.alembic").node();
  if (!table) return std::nullopt;
  if (!table->is_table()) fail(path, table->source(), "[tool.alembic] must be a table");

  PyprojectAlembic config;
  config.path = path;
  config.directory = directory;
  for (const auto& [key, node] : *table->as_table()) {
    if (key == "script_location") {
      config.script_location = string_value(node, "script_location", here, path);
      config.line_of_script_location = static_cast<int>(node.source().begin.line);
    } else if (key == "version_locations") {
      const auto* list = node.as_array();
      if (!list) fail(path, node.source(), "[tool.alembic] version_locations must be a list");
      config.version_locations.emplace();
      for (const auto& item : *list) {
        config.version_locations->push_back(string_value(item, "version_locations", here, path));
      }
      config.line_of_version_locations = static_cast<int>(node.source().begin.line);
    } else if (key == "recursive_version_locations") {
      const auto* flag = node.as_boolean();
      if (!flag) {
        fail(path, node.source(),
             "[tool.alembic] recursive_version_locations must be true or false");
      }
      config.recursive_version_locations = flag->get();
    }
  }
  return config;
}

}  // namespace migcheck
