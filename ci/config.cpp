#include "ci/config.h"

#include <fstream>
#include <sstream>

#include "ci/config_toml.h"
#include "linter/input_error.h"

namespace migcheck {

namespace {

std::optional<std::string> read_text(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(display_path(file) + ": cannot read the configuration");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// migcheck's own configuration in one directory, if any.
std::optional<Config> migcheck_config_in(const std::filesystem::path& directory) {
  if (auto text = read_text(directory / ".migcheck.toml")) {
    return parse_migcheck_config(*text, directory / ".migcheck.toml", "");
  }
  if (auto text = read_text(directory / "pyproject.toml")) {
    return parse_migcheck_config(*text, directory / "pyproject.toml", "tool.migcheck");
  }
  return std::nullopt;
}

// Whether `text` has an [alembic] section: Alembic's ini, which `--config`
// named in `roundtrip` before -c/--alembic-config took that job everywhere.
bool has_alembic_section(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    size_t first = line.find_first_not_of(" \t");
    size_t last = line.find_last_not_of(" \t\r");
    if (first != std::string::npos && line.substr(first, last + 1 - first) == "[alembic]") {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Config> discover_config(const std::filesystem::path& start) {
  std::filesystem::path first = std::filesystem::absolute(start).lexically_normal();
  for (std::filesystem::path dir = first;; dir = dir.parent_path()) {
    if (auto config = migcheck_config_in(dir)) return config;
    if (dir == dir.parent_path()) break;
  }
  for (std::filesystem::path dir = first;; dir = dir.parent_path()) {
    if (auto text = read_text(dir / ".squawk.toml")) {
      return parse_squawk_config(*text, dir / ".squawk.toml");
    }
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

Config load_config_file(const std::filesystem::path& file) {
  std::optional<std::string> text = read_text(file);
  if (file.extension() == ".ini" || (text && has_alembic_section(*text))) {
    throw InputError(file.string() +
                     ": --config names migcheck's configuration (.migcheck.toml, pyproject.toml "
                     "or .squawk.toml); pass Alembic's ini with -c/--alembic-config");
  }
  if (!text) throw InputError(file.string() + ": --config: no such file");
  std::string name = file.filename().string();
  if (name == ".squawk.toml") return parse_squawk_config(*text, file);
  if (name == "pyproject.toml") {
    std::optional<Config> config = parse_migcheck_config(*text, file, "tool.migcheck");
    if (!config) throw InputError(file.string() + ": --config: no [tool.migcheck] table");
    return *config;
  }
  return *parse_migcheck_config(*text, file, "");
}

}  // namespace migcheck
