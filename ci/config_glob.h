#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace migcheck {

// Matches a configuration glob against a '/'-separated path relative to the
// configuration's directory, the way .gitignore-style globs read:
//   *   any run of characters within one path segment
//   ?   one character within a segment
//   **  any number of whole segments ("legacy/**", "**/*.sql")
// A glob with no '/' matches a file or directory name at any depth, and a glob
// that matches a directory matches everything below it.
bool glob_matches(std::string_view glob, std::string_view relative_path);

// `file` (relative to the working directory, or absolute) relative to
// `directory` with '/' separators; nullopt when it lies outside.
std::optional<std::string> path_below(const std::filesystem::path& directory,
                                      const std::string& file);

}  // namespace migcheck
