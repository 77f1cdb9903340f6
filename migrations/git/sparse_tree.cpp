#include "migrations/git/sparse_tree.h"

#include <algorithm>

namespace migcheck {

namespace {

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

class SparseTree : public FileTree {
 public:
  SparseTree(const FileTree& tree, std::set<std::string> revision_dirs,
             std::set<std::string> visible)
      : tree_(tree), revision_dirs_(std::move(revision_dirs)), visible_(std::move(visible)) {}

  std::optional<std::vector<Entry>> list(const std::string& directory) const override {
    // A revision directory is not listed from the tree: that would read all
    // its entries for every branch.
    if (!in_revision_dir(directory)) return tree_.list(directory);
    // The visible files directly here, and the subdirectories leading to others.
    std::string prefix = directory.empty() ? "" : directory + "/";
    std::vector<Entry> entries;
    for (const std::string& path : visible_) {
      if (!path.starts_with(prefix)) continue;
      std::string rest = path.substr(prefix.size());
      size_t slash = rest.find('/');
      Entry entry{rest.substr(0, slash), slash != std::string::npos};
      if (std::none_of(entries.begin(), entries.end(),
                       [&](const Entry& e) { return e.name == entry.name; })) {
        entries.push_back(entry);
      }
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }

  std::optional<std::string> read(const std::string& path) const override {
    if (in_revision_dir(parent_of(path)) && !visible_.count(path)) return std::nullopt;
    return tree_.read(path);
  }

  std::string display_path(const std::string& path) const override {
    return tree_.display_path(path);
  }

  bool concurrent_reads() const override { return tree_.concurrent_reads(); }

 private:
  bool in_revision_dir(const std::string& directory) const {
    for (std::string dir = directory;; dir = parent_of(dir)) {
      if (revision_dirs_.count(dir)) return true;
      if (dir.empty()) return false;
    }
  }

  const FileTree& tree_;
  std::set<std::string> revision_dirs_;
  std::set<std::string> visible_;
};

}  // namespace

std::unique_ptr<FileTree> sparse_tree(const FileTree& tree, std::set<std::string> revision_dirs,
                                      std::set<std::string> visible) {
  return std::make_unique<SparseTree>(tree, std::move(revision_dirs), std::move(visible));
}

}  // namespace migcheck
