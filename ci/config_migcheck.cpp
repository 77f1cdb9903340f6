// Reads migcheck's own keys from .migcheck.toml or pyproject.toml's
// [tool.migcheck], strictly: a key or rule id migcheck does not know is a
// mistake the user wants to hear about, with its position.
#include <algorithm>
#include <array>
#include <string_view>

#include "ci/config.h"
#include "ci/config_toml.h"
#include "ci/rule_catalog.h"
#include "linter/input_error.h"

namespace migcheck {

namespace {

constexpr std::array<std::string_view, 10> kTopKeys = {"pg-version",
                                                       "select",
                                                       "ignore",
                                                       "severity",
                                                       "fail-on",
                                                       "exclude",
                                                       "overrides",
                                                       "include-downgrades",
                                                       "assume-in-transaction",
                                                       "roundtrip"};
constexpr std::array<std::string_view, 4> kOverrideKeys = {"paths", "select", "ignore", "severity"};
constexpr std::array<std::string_view, 3> kRoundTripKeys = {"setup", "rows", "load"};

class Reader {
 public:
  Reader(std::filesystem::path file, std::string table)
      : file_(std::move(file)), table_(std::move(table)) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
    throw InputError(toml_position(file_, where) + ": " + what);
  }

  template <size_t N>
  [[noreturn]] void unknown_key(const toml::key& key,
                                const std::array<std::string_view, N>& known) const {
    std::string name(key.str());
    std::string dashed = name;
    std::replace(dashed.begin(), dashed.end(), '_', '-');
    std::string hint;
    if (dashed != name && std::find(known.begin(), known.end(), dashed) != known.end()) {
      hint = " (did you mean '" + dashed + "'?)";
    } else {
      for (std::string_view k : known) hint += (hint.empty() ? " (known: " : ", ") + std::string(k);
      hint += ")";
    }
    fail(key.source(), "unknown key '" + name + "' in " + table_ + hint);
  }

  std::string string(const toml::node& node, std::string_view what) const {
    if (!node.is_string()) fail(node.source(), std::string(what) + " must be a string");
    return **node.as_string();
  }

  bool boolean(const toml::node& node, std::string_view key) const {
    if (!node.is_boolean()) fail(node.source(), std::string(key) + " must be true or false");
    return **node.as_boolean();
  }

  std::vector<std::string> strings(const toml::node& node, std::string_view key) const {
    const toml::array* array = node.as_array();
    if (!array) fail(node.source(), std::string(key) + " must be an array of strings");
    std::vector<std::string> out;
    for (const toml::node& item : *array) out.push_back(string(item, std::string(key) + " items"));
    return out;
  }

  std::vector<std::string> rule_ids(const toml::node& node, std::string_view key) const {
    std::vector<std::string> ids = strings(node, key);
    const toml::array& array = *node.as_array();
    for (size_t i = 0; i < ids.size(); ++i) check_rule(ids[i], array[i].source());
    return ids;
  }

  void check_rule(const std::string& id, const toml::source_region& where) const {
    if (!find_known_rule(id)) fail(where, "unknown rule '" + id + "' (migcheck rules lists them)");
  }

  Severity severity(const toml::node& node, std::string_view key) const {
    std::string text = string(node, key);
    Severity severity;
    if (!parse_severity(text, severity)) {
      fail(node.source(), std::string(key) + ": '" + text + "' is not one of error, warning, info");
    }
    return severity;
  }

  std::map<std::string, Severity> severities(const toml::node& node) const {
    const toml::table* table = node.as_table();
    if (!table) fail(node.source(), "severity must be a table of rule = \"error|warning|info\"");
    std::map<std::string, Severity> out;
    for (auto&& [key, value] : *table) {
      std::string id(key.str());
      check_rule(id, key.source());
      out[id] = severity(value, "severity of " + id);
    }
    return out;
  }

  int pg_version(const toml::node& node) const {
    std::optional<int64_t> version = node.value<int64_t>();
    if (!node.is_integer() || !version || *version < 9 || *version > 18) {
      fail(node.source(), "pg-version must be a PostgreSQL major version from 9 to 18, such as 15");
    }
    return static_cast<int>(*version);
  }

  PathOverride path_override(const toml::node& node) const {
    const toml::table* table = node.as_table();
    if (!table) fail(node.source(), "overrides must be an array of tables ([[overrides]])");
    PathOverride entry;
    bool has_paths = false;
    for (auto&& [key, value] : *table) {
      std::string_view name = key.str();
      if (name == "paths") {
        entry.paths = strings(value, "paths");
        has_paths = true;
      } else if (name == "select") {
        entry.rules.select = rule_ids(value, "select");
      } else if (name == "ignore") {
        entry.rules.ignore = rule_ids(value, "ignore");
      } else if (name == "severity") {
        entry.rules.severity = severities(value);
      } else {
        unknown_key(key, kOverrideKeys);
      }
    }
    if (!has_paths) fail(node.source(), "an [[overrides]] entry needs paths = [\"glob\", ...]");
    return entry;
  }

  // [roundtrip]: setup = ["file.sql", ...], relative to the configuration's
  // directory; rows = N, the generated rows per table (--rows); load = true
  // (--load).
  // `table` names it in errors: "[roundtrip]" or "[tool.migcheck.roundtrip]".
  void roundtrip(const toml::node& node, const std::filesystem::path& directory,
                 const std::string& table, Config& config) const {
    const toml::table* entries = node.as_table();
    if (!entries) fail(node.source(), "roundtrip must be a table ([roundtrip])");
    for (auto&& [key, value] : *entries) {
      if (key.str() == "rows") {
        std::optional<int64_t> rows = value.value<int64_t>();
        if (!value.is_integer() || !rows || *rows < 0) {
          fail(value.source(), "rows must be a number of rows, 0 or more");
        }
        config.roundtrip_rows = static_cast<long>(*rows);
        continue;
      }
      if (key.str() == "load") {
        config.roundtrip_load = boolean(value, "load");
        continue;
      }
      if (key.str() != "setup") Reader(file_, table).unknown_key(key, kRoundTripKeys);
      for (const std::string& path : strings(value, "setup")) {
        config.roundtrip_setup.push_back((directory / path).lexically_normal());
      }
    }
  }

 private:
  std::filesystem::path file_;
  std::string table_;
};

}  // namespace

std::optional<Config> parse_migcheck_config(const std::string& text,
                                            const std::filesystem::path& file,
                                            const std::string& table_path) {
  toml::table root = parse_toml(text, file);
  const toml::table* table = &root;
  if (!table_path.empty()) {
    toml::node_view<toml::node> node = root.at_path(table_path);
    if (!node) return std::nullopt;
    table = node.as_table();
    if (!table) {
      throw InputError(toml_position(file, node.node()->source()) + ": " + table_path +
                       " must be a table");
    }
  }
  Reader reader(file, table_path.empty() ? "the configuration" : "[" + table_path + "]");
  Config config;
  config.file = std::filesystem::absolute(file).lexically_normal();
  config.directory = config.file.parent_path();
  for (auto&& [key, value] : *table) {
    std::string_view name = key.str();
    if (name == "pg-version") {
      config.pg_version = reader.pg_version(value);
    } else if (name == "select") {
      config.rules.select = reader.rule_ids(value, name);
    } else if (name == "ignore") {
      config.rules.ignore = reader.rule_ids(value, name);
    } else if (name == "severity") {
      config.rules.severity = reader.severities(value);
    } else if (name == "fail-on") {
      config.fail_on = reader.severity(value, name);
    } else if (name == "assume-in-transaction") {
      config.assume_in_transaction = reader.boolean(value, name);
    } else if (name == "include-downgrades") {
      config.include_downgrades = reader.boolean(value, name);
    } else if (name == "exclude") {
      config.exclude = reader.strings(value, name);
    } else if (name == "roundtrip") {
      reader.roundtrip(value, config.directory,
                       table_path.empty() ? "[roundtrip]" : "[" + table_path + ".roundtrip]",
                       config);
    } else if (name == "overrides") {
      const toml::array* array = value.as_array();
      if (!array)
        reader.fail(value.source(), "overrides must be an array of tables ([[overrides]])");
      for (const toml::node& entry : *array)
        config.overrides.push_back(reader.path_override(entry));
    } else {
      reader.unknown_key(key, kTopKeys);
    }
  }
  return config;
}

}  // namespace migcheck
