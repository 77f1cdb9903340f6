#include "ci/config_toml.h"

#include "linter/input_error.h"

namespace migcheck {

std::string display_path(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec || file.is_relative()) return file.string();
  std::filesystem::path relative = file.lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return file.string();
  return relative.string();
}

std::string toml_position(const std::filesystem::path& file, const toml::source_region& where) {
  return display_path(file) + ":" + std::to_string(where.begin.line) + ":" +
         std::to_string(where.begin.column);
}

toml::table parse_toml(const std::string& text, const std::filesystem::path& file) {
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw InputError(toml_position(file, e.source()) + ": " + std::string(e.description()));
  }
}

}  // namespace migcheck
