#include "migrations/flyway_config.h"

#include <toml++/toml.h>

#include <map>

#include "linter/ascii_text.h"
#include "linter/input_error.h"
#include "migrations/alembic_config.h"

namespace migcheck {
namespace {

// One setting as written: its values (a list, or one string) and where.
struct Setting {
  std::vector<std::string> values;
  int line = 1;
  int column = 1;
};
// Settings by their name without the "flyway." prefix ("locations").
using Settings = std::map<std::string, Setting>;

[[noreturn]] void fail(const std::string& file, int line, int column, const std::string& what) {
  throw InputError(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what);
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find(',', start), text.size());
    if (std::string piece(trim_blanks(std::string_view(text).substr(start, end - start)));
        !piece.empty()) {
      pieces.push_back(piece);
    }
    start = end + 1;
  }
  return pieces;
}

// A properties file's logical lines, each with the number of its first
// physical line: a line ending in an odd number of backslashes continues on
// the next, whose leading blanks are dropped.
std::vector<std::pair<int, std::string>> logical_lines(const std::string& text) {
  std::vector<std::pair<int, std::string>> lines;
  bool continuing = false;
  int number = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = std::min(text.find('\n', at), text.size());
    std::string physical = text.substr(at, end - at);
    at = end + 1;
    ++number;
    if (!physical.empty() && physical.back() == '\r') physical.pop_back();
    if (continuing) {
      physical.erase(0, std::min(physical.find_first_not_of(" \t\f"), physical.size()));
    } else {
      lines.emplace_back(number, "");
    }
    size_t backslashes = 0;
    while (backslashes < physical.size() && physical[physical.size() - 1 - backslashes] == '\\') {
      ++backslashes;
    }
    continuing = backslashes % 2 == 1;
    if (continuing) physical.pop_back();
    lines.back().second += physical;
  }
  return lines;
}

// flyway.conf is a Java properties file: `key=value`, `key: value` or
// `key value`; `#` and `!` start comment lines; a backslash escapes the
// character after it. List values are comma-separated.
Settings read_properties(const std::string& text) {
  Settings settings;
  for (const auto& [line, logical] : logical_lines(text)) {
    std::string content(trim_blanks(logical));
    if (content.empty() || content[0] == '#' || content[0] == '!') continue;
    std::string key, value;
    size_t i = 0;
    for (; i < content.size(); ++i) {
      char c = content[i];
      if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') break;
      if (c == '\\' && i + 1 < content.size()) c = content[++i];
      key += c;
    }
    while (i < content.size() && (content[i] == ' ' || content[i] == '\t')) ++i;
    if (i < content.size() && (content[i] == '=' || content[i] == ':')) ++i;
    for (; i < content.size(); ++i) {
      if (content[i] == '\\' && i + 1 < content.size()) ++i;
      value += content[i];
    }
    static const std::string kPrefix = "flyway.";
    if (key.rfind(kPrefix, 0) != 0) continue;
    settings[key.substr(kPrefix.size())] = {split_commas(value), line, 1};
  }
  return settings;
}

// The settings of one TOML table ([flyway], or an environment's flyway table).
void read_toml_table(const toml::table& table, const std::string& file, Settings& settings) {
  for (const auto& [key, node] : table) {
    const toml::source_region& where = node.source();
    Setting setting{{}, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
    if (const auto* text = node.as_string()) {
      setting.values = {text->get()};
    } else if (const auto* list = node.as_array()) {
      for (const auto& item : *list) {
        const auto* text = item.as_string();
        if (!text) {
          fail(file, setting.line, setting.column,
               "flyway setting '" + std::string(key.str()) + "' must hold strings");
        }
        setting.values.push_back(text->get());
      }
    } else {
      continue;  // numbers and booleans configure nothing migcheck reads
    }
    settings[std::string(key.str())] = std::move(setting);
  }
}

// flyway.toml: [flyway], then the chosen environment's own flyway settings
// (`[environments.<name>.flyway]`, the environment named by [flyway]
// `environment`, "default" when unset) over them.
Settings read_toml(const std::string& text, const std::string& file) {
  toml::table document;
  try {
    document = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    fail(file, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
         std::string(e.description()));
  }
  Settings settings;
  if (const toml::table* flyway = document["flyway"].as_table()) {
    read_toml_table(*flyway, file, settings);
  }
  std::string environment = "default";
  if (auto named = settings.find("environment"); named != settings.end()) {
    if (!named->second.values.empty()) environment = named->second.values.front();
  }
  const toml::table* environments = document["environments"].as_table();
  const toml::node* chosen = environments ? environments->get(environment) : nullptr;
  if (const toml::table* own =
          chosen && chosen->as_table() ? (*chosen->as_table())["flyway"].as_table() : nullptr) {
    read_toml_table(*own, file, settings);
  }
  return settings;
}

// The tree directories a location may be: `filesystem:` paths as written,
// classpath ones (Flyway's default kind) where Maven and Gradle keep
// resources, or as written.
std::vector<std::string> location_candidates(const std::string& location, const Setting& setting,
                                             const std::string& file, const std::string& directory,
                                             const std::string& absolute_directory) {
  std::string kind = "classpath";
  std::string path = location;
  if (size_t colon = location.find(':'); colon != std::string::npos) {
    kind = location.substr(0, colon);
    path = location.substr(colon + 1);
  }
  if (kind != "filesystem" && kind != "classpath") {
    fail(file, setting.line, setting.column,
         "location '" + location + "': migcheck reads filesystem: and classpath: locations only");
  }
  if (!path.empty() && path.front() == '/') {
    if (kind == "classpath")
      path.erase(0, 1);  // a classpath root, not the disk's
    else {
      auto inside = tree_path_of_absolute(path, directory, absolute_directory);
      if (!inside) {
        fail(file, setting.line, setting.column,
             "location '" + location + "' is outside the project");
      }
      return {*inside};
    }
  }
  if (kind == "filesystem") return {join_tree_path(directory, path)};
  return {join_tree_path(directory, "src/main/resources/" + path), join_tree_path(directory, path)};
}

FlywayProject resolve(const Settings& settings, const std::string& file,
                      const std::string& directory, const std::string& absolute_directory,
                      const FileTree& tree) {
  FlywayProject project;
  project.directory = directory;
  auto one = [&](const char* key, std::string& out) {
    auto it = settings.find(key);
    if (it == settings.end() || it->second.values.empty()) return;
    out = it->second.values.front();
  };
  one("sqlMigrationPrefix", project.naming.versioned_prefix);
  one("undoSqlMigrationPrefix", project.naming.undo_prefix);
  one("repeatableSqlMigrationPrefix", project.naming.repeatable_prefix);
  one("sqlMigrationSeparator", project.naming.separator);
  if (auto it = settings.find("sqlMigrationSuffixes");
      it != settings.end() && !it->second.values.empty()) {
    project.naming.suffixes = it->second.values;
  }
  if (project.naming.separator.empty()) {
    const Setting& setting = settings.at("sqlMigrationSeparator");
    fail(file, setting.line, setting.column, "sqlMigrationSeparator must not be empty");
  }

  Setting defaults{{"classpath:db/migration", "filesystem:sql"}, 1, 1};
  auto configured = settings.find("locations");
  const Setting& locations = configured != settings.end() ? configured->second : defaults;
  for (const std::string& location : locations.values) {
    for (const std::string& candidate :
         location_candidates(location, locations, file, directory, absolute_directory)) {
      if (!tree.list(candidate)) continue;
      project.locations.push_back(candidate);
      break;
    }
  }
  if (project.locations.empty()) {
    std::string list;
    for (const auto& location : locations.values) list += (list.empty() ? "" : ", ") + location;
    fail(file, locations.line, locations.column,
         "none of the Flyway locations exists: " + (list.empty() ? "(none given)" : list));
  }
  return project;
}

}  // namespace

std::optional<FlywayProject> read_flyway_config(const FileTree& tree, const std::string& directory,
                                                const std::string& absolute_directory) {
  std::string toml_path = join_tree_path(directory, "flyway.toml");
  std::string conf_path = join_tree_path(directory, "flyway.conf");
  if (auto text = tree.read(toml_path)) {
    std::string file = tree.display_path(toml_path);
    return resolve(read_toml(*text, file), file, directory, absolute_directory, tree);
  }
  if (auto text = tree.read(conf_path)) {
    std::string file = tree.display_path(conf_path);
    return resolve(read_properties(*text), file, directory, absolute_directory, tree);
  }
  return std::nullopt;
}

}  // namespace migcheck
