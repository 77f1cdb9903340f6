#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace migcheck {

// Where a migration project's files come from: the working tree, or a git
// tree, index or merge result read through libgit2 without a checkout.
// Paths are relative to the tree's root and use '/'.
class FileTree {
 public:
  virtual ~FileTree() = default;
  struct Entry {
    std::string name;
    bool is_directory;
    bool is_symlink = false;  // reached through a symbolic link (followed for is_directory)
  };
  // The entries of a directory, sorted by name; nullopt when it does not exist.
  virtual std::optional<std::vector<Entry>> list(const std::string& directory) const = 0;
  // A file's bytes; nullopt when it does not exist.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  // How the tree names a path in reports (the on-disk path, or "REF:path").
  virtual std::string display_path(const std::string& path) const = 0;
  // What a file is, whichever path reaches it: two paths of one identity are
  // one file (a symbolic link and its target). The path itself by default,
  // for trees without links.
  virtual std::string identity(const std::string& path) const { return path; }
  // Whether read() and display_path() may run on several threads at once, so
  // that a large project's files are read in parallel. False by default: a
  // tree read through libgit2 shares one repository handle.
  virtual bool concurrent_reads() const { return false; }
};

// The files on disk below `root`.
std::unique_ptr<FileTree> disk_tree(const std::string& root);

}  // namespace migcheck
