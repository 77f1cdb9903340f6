#pragma once
// Private to the configuration readers: toml++ parsing with errors that name
// the file, line and column of the offending key or value.
#include <filesystem>
#include <string>

#include <toml++/toml.h>

namespace migcheck {

// The path to show in messages: relative to the working directory when below it.
std::string display_path(const std::filesystem::path& file);

// Parses TOML text; throws InputError "file:line:col: ..." on a syntax error.
toml::table parse_toml(const std::string& text, const std::filesystem::path& file);

// "file:line:col" of a node or key.
std::string toml_position(const std::filesystem::path& file, const toml::source_region& where);

}  // namespace migcheck
