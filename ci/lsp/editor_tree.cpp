#include "ci/lsp/editor_tree.h"

namespace migcheck::lsp {

EditorTree::EditorTree(std::string root, const DocumentStore& documents)
    : root_(std::move(root)), documents_(documents), disk_(disk_tree(root_)) {}

std::string EditorTree::absolute(const std::string& path) const {
  if (path.empty()) return root_;
  if (path.front() == '/') return path;
  return root_ + "/" + path;
}

std::optional<std::vector<FileTree::Entry>> EditorTree::list(const std::string& directory) const {
  {
    std::lock_guard lock(mutex_);
    auto cached = list_cache_.find(directory);
    if (cached != list_cache_.end()) return cached->second;
  }
  auto entries = disk_->list(directory);
  std::lock_guard lock(mutex_);
  list_cache_[directory] = entries;
  return entries;
}

std::optional<std::string> EditorTree::read(const std::string& path) const {
  // The documents are only changed between lints, on the server's thread.
  if (const DocumentStore::Document* open = documents_.find(absolute(path))) return open->text;
  {
    std::lock_guard lock(mutex_);
    auto cached = read_cache_.find(path);
    if (cached != read_cache_.end()) return cached->second;
  }
  auto text = disk_->read(path);
  std::lock_guard lock(mutex_);
  ++disk_reads_;
  read_cache_[path] = text;
  return text;
}

std::string EditorTree::display_path(const std::string& path) const {
  return disk_->display_path(path);
}

std::string EditorTree::identity(const std::string& path) const {
  return disk_->identity(path);
}

void EditorTree::forget() {
  std::lock_guard lock(mutex_);
  read_cache_.clear();
  list_cache_.clear();
}

size_t EditorTree::disk_reads() const {
  std::lock_guard lock(mutex_);
  return disk_reads_;
}

}  // namespace migcheck::lsp
