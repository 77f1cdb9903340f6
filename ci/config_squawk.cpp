// Reads the keys migcheck honours from squawk's .squawk.toml, for teams moving
// from squawk. Other squawk keys (upload_to_github, ...) belong to squawk and
// are left alone.
#include "ci/config.h"
#include "ci/config_toml.h"
#include "ci/squawk_compat.h"
#include "linter/input_error.h"

namespace migcheck {

namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const toml::node& node,
                       const std::string& what) {
  throw InputError(toml_position(file, node.source()) + ": " + what);
}

// squawk writes the version as a string ("11.0", "13"); accept a number too.
int squawk_pg_version(const std::filesystem::path& file, const toml::node& node) {
  std::string text;
  if (node.is_string()) {
    text = **node.as_string();
  } else if (node.is_integer() || node.is_floating_point()) {
    text = std::to_string(node.value<int64_t>().value_or(0));
  }
  std::optional<int> major = postgres_major_version(text);
  if (!major || *major < 9 || *major > 18) {
    fail(file, node, "pg_version must be a PostgreSQL version from 9 to 18, such as \"15.0\"");
  }
  return *major;
}

std::vector<std::string> strings(const std::filesystem::path& file, const toml::node& node,
                                 const std::string& key) {
  const toml::array* array = node.as_array();
  if (!array) fail(file, node, key + " must be an array of strings");
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    if (!item.is_string()) fail(file, item, key + " must be an array of strings");
    out.push_back(**item.as_string());
  }
  return out;
}

}  // namespace

Config parse_squawk_config(const std::string& text, const std::filesystem::path& file) {
  toml::table table = parse_toml(text, file);
  Config config;
  config.file = std::filesystem::absolute(file).lexically_normal();
  config.directory = config.file.parent_path();
  if (const toml::node* node = table.get("pg_version")) {
    config.pg_version = squawk_pg_version(file, *node);
  }
  if (const toml::node* node = table.get("assume_in_transaction")) {
    if (!node->is_boolean()) fail(file, *node, "assume_in_transaction must be true or false");
    config.assume_in_transaction = **node->as_boolean();
  }
  if (const toml::node* node = table.get("excluded_paths")) {
    config.exclude = strings(file, *node, "excluded_paths");
  }
  if (const toml::node* node = table.get("excluded_rules")) {
    std::vector<std::string> names = strings(file, *node, "excluded_rules");
    for (size_t i = 0; i < names.size(); ++i) {
      std::optional<std::vector<std::string>> ids = rules_named(names[i]);
      if (!ids) {
        fail(file, *node->as_array()->get(i),
             "excluded_rules: '" + names[i] + "' is neither a squawk rule nor a migcheck rule");
      }
      config.rules.ignore.insert(config.rules.ignore.end(), ids->begin(), ids->end());
    }
  }
  return config;
}

}  // namespace migcheck
