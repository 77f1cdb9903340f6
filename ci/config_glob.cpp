#include "ci/config_glob.h"

#include <optional>
#include <vector>

namespace migcheck {

namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// One segment against a pattern of *, ? and literal characters.
bool segment_matches(std::string_view pattern, std::string_view name) {
  size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Whether the glob's segments match a leading run of the path's segments
// (a directory match covers everything below it).
bool prefix_matches(const std::vector<std::string_view>& glob, size_t g,
                    const std::vector<std::string_view>& path, size_t p) {
  if (g == glob.size()) return true;
  if (glob[g] == "**") {
    for (size_t skip = p; skip <= path.size(); ++skip) {
      if (prefix_matches(glob, g + 1, path, skip)) return true;
    }
    return false;
  }
  return p < path.size() && segment_matches(glob[g], path[p]) &&
         prefix_matches(glob, g + 1, path, p + 1);
}

}  // namespace

bool glob_matches(std::string_view glob, std::string_view relative_path) {
  if (glob.starts_with("./")) glob.remove_prefix(2);
  std::vector<std::string_view> pattern = split(glob);
  std::vector<std::string_view> path = split(relative_path);
  if (pattern.empty()) return false;
  if (glob.find('/') == std::string_view::npos) {
    for (std::string_view part : path) {
      if (segment_matches(pattern[0], part)) return true;
    }
    return false;
  }
  return prefix_matches(pattern, 0, path, 0);
}

std::optional<std::string> path_below(const std::filesystem::path& directory,
                                      const std::string& file) {
  std::filesystem::path relative =
      std::filesystem::absolute(file).lexically_normal().lexically_relative(directory);
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  return relative.generic_string();
}

}  // namespace migcheck
