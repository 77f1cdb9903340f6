#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ci/lsp/document_store.h"
#include "migrations/file_tree.h"

namespace migcheck::lsp {

// The project as the editor shows it: open documents' unsaved text over the
// files on disk below `root` (absolute). Disk reads are kept until forget()
// (a save, a change on disk), so re-reading the project after a keystroke
// costs no system calls; disk_reads() counts the files read from disk.
class EditorTree : public FileTree {
 public:
  EditorTree(std::string root, const DocumentStore& documents);

  std::optional<std::vector<Entry>> list(const std::string& directory) const override;
  std::optional<std::string> read(const std::string& path) const override;
  std::string display_path(const std::string& path) const override;
  std::string identity(const std::string& path) const override;
  bool concurrent_reads() const override { return true; }

  // Drops what was read from disk and listed, so the next read sees the disk.
  void forget();
  size_t disk_reads() const;

  const std::string& root() const { return root_; }

 private:
  std::string absolute(const std::string& path) const;

  std::string root_;
  const DocumentStore& documents_;
  std::unique_ptr<FileTree> disk_;
  mutable std::mutex mutex_;  // the loader reads on several threads
  mutable std::map<std::string, std::optional<std::string>> read_cache_;
  mutable std::map<std::string, std::optional<std::vector<Entry>>> list_cache_;
  mutable size_t disk_reads_ = 0;
};

}  // namespace migcheck::lsp
