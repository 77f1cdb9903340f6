#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "migrations/file_tree.h"

namespace migcheck {

namespace {

class DiskTree : public FileTree {
 public:
  explicit DiskTree(std::string root) : root_(std::move(root)) {}

  std::optional<std::vector<Entry>> list(const std::string& directory) const override {
    std::error_code ec;
    std::filesystem::path dir = resolve(directory);
    if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
    std::vector<Entry> entries;
    for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
      // is_directory follows symlinks: symlinked version folders are common.
      entries.push_back({item.path().filename().string(), item.is_directory(ec)});
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }

  std::optional<std::string> read(const std::string& path) const override {
    std::ifstream in(resolve(path), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  std::string display_path(const std::string& path) const override {
    return (root_ == "." || path.empty()) ? (path.empty() ? root_ : path)
                                          : (std::filesystem::path(root_) / path).string();
  }

 private:
  std::filesystem::path resolve(const std::string& path) const {
    return path.empty() ? std::filesystem::path(root_) : std::filesystem::path(root_) / path;
  }
  std::string root_;
};

}  // namespace

std::unique_ptr<FileTree> disk_tree(const std::string& root) {
  return std::make_unique<DiskTree>(root);
}

}  // namespace migcheck
