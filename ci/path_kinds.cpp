#include "ci/path_kinds.h"

#include <dirent.h>

#include <memory>

namespace migcheck {

namespace {

// Fewer paths than this in one directory are cheaper to stat one by one
// than to list a directory that may hold many more entries.
constexpr size_t kListFrom = 16;

struct Split {
  std::string parent;
  std::string name;
};

// The parent directory and the entry name of a path, or an empty name where
// the path does not end in a plain entry ("dir/", "..", ".").
Split split(const std::string& path) {
  size_t slash = path.rfind('/');
  Split parts{slash == std::string::npos ? "." : path.substr(0, slash + 1),
              slash == std::string::npos ? path : path.substr(slash + 1)};
  if (parts.name == "." || parts.name == "..") parts.name.clear();
  return parts;
}

}  // namespace

PathKinds::PathKinds(const std::vector<std::string>& paths) {
  std::unordered_map<std::string, size_t> per_parent;
  for (const std::string& path : paths) {
    Split parts = split(path);
    if (!parts.name.empty()) ++per_parent[parts.parent];
  }
  for (const auto& [parent, count] : per_parent) {
    if (count < kListFrom) continue;
    std::unique_ptr<DIR, int (*)(DIR*)> directory(opendir(parent.c_str()), closedir);
    if (!directory) continue;  // looked up one by one, which reports the error
    auto& entries = listed_[parent];
    while (const dirent* entry = readdir(directory.get())) {
      if (entry->d_type == DT_REG) entries[entry->d_name] = std::filesystem::file_type::regular;
      if (entry->d_type == DT_DIR) entries[entry->d_name] = std::filesystem::file_type::directory;
    }
  }
}

std::filesystem::file_type PathKinds::kind(const std::string& path) const {
  Split parts = split(path);
  if (!parts.name.empty()) {
    auto directory = listed_.find(parts.parent);
    if (directory != listed_.end()) {
      auto entry = directory->second.find(parts.name);
      if (entry != directory->second.end()) return entry->second;
    }
  }
  // Not listed, a link, or a kind the listing did not say: ask the system.
  std::error_code ec;
  return std::filesystem::status(path, ec).type();
}

}  // namespace migcheck
