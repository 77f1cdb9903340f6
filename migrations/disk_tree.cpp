#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <string_view>

#include "migrations/file_tree.h"

namespace migcheck {

namespace {

// Closes a file descriptor on every path out of read().
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

bool is_directory(const std::string& path) {
  struct stat status;
  return ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

// Appends up to `limit` bytes read from `fd` to `out`; false on a read error.
bool read_into(int fd, std::string& out, size_t limit) {
  size_t start = out.size();
  out.resize(start + limit);
  size_t done = 0;
  while (done < limit) {
    ssize_t n = ::read(fd, out.data() + start + done, limit - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  out.resize(start + done);
  return true;
}

class DiskTree : public FileTree {
 public:
  explicit DiskTree(std::string root) : root_(std::move(root)) {}

  // readdir's file types spare a stat per entry; a symbolic link (version
  // folders are often linked) or an unknown type is stat'ed to follow it.
  std::optional<std::vector<Entry>> list(const std::string& directory) const override {
    std::string dir = resolve(directory);
    if (!is_directory(dir)) return std::nullopt;
    std::vector<Entry> entries;
    std::unique_ptr<DIR, int (*)(DIR*)> stream(::opendir(dir.c_str()), ::closedir);
    if (!stream) return entries;
    while (const dirent* item = ::readdir(stream.get())) {
      std::string_view name = item->d_name;
      if (name == "." || name == "..") continue;
      bool directory_entry = item->d_type == DT_DIR;
      bool link = item->d_type == DT_LNK;
      if (item->d_type == DT_UNKNOWN) {
        struct stat status;
        link = ::lstat((dir + "/" + item->d_name).c_str(), &status) == 0 && S_ISLNK(status.st_mode);
      }
      if (link || item->d_type == DT_UNKNOWN) {
        directory_entry = is_directory(dir + "/" + item->d_name);
      }
      entries.push_back({std::string(name), directory_entry, link});
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }

  // open, fstat, one read of the known size, close: a large project reads
  // thousands of small files, and on some machines each system call is what
  // costs. A file whose size fstat does not know (a pipe, /proc) is read to
  // its end; a regular file's size is taken as of the fstat.
  std::optional<std::string> read(const std::string& path) const override {
    FileDescriptor file(::open(resolve(path).c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) return std::nullopt;
    struct stat status;
    if (::fstat(file.get(), &status) != 0 || S_ISDIR(status.st_mode)) return std::nullopt;
    std::string bytes;
    if (S_ISREG(status.st_mode) && status.st_size > 0) {
      if (!read_into(file.get(), bytes, static_cast<size_t>(status.st_size))) return std::nullopt;
      return bytes;
    }
    constexpr size_t kChunk = 64 * 1024;
    while (true) {
      size_t before = bytes.size();
      if (!read_into(file.get(), bytes, kChunk)) return std::nullopt;
      if (bytes.size() - before < kChunk) return bytes;
    }
  }

  std::string display_path(const std::string& path) const override {
    return (root_ == "." || path.empty()) ? (path.empty() ? root_ : path) : resolve(path);
  }

  // Plain system calls on independent file descriptors.
  bool concurrent_reads() const override { return true; }

  // The device and inode the path leads to, links followed: what Alembic's
  // os.path.realpath compares, in one stat.
  std::string identity(const std::string& path) const override {
    struct stat status;
    if (::stat(resolve(path).c_str(), &status) != 0) return path;
    return std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
  }

 private:
  // root/path as std::filesystem::path's operator/ joins them, without
  // parsing either into components for every file of a large project.
  std::string resolve(const std::string& path) const {
    if (path.empty()) return root_;
    if (root_.empty() || path.front() == '/') return path;
    return root_.back() == '/' ? root_ + path : root_ + "/" + path;
  }
  std::string root_;
};

}  // namespace

std::unique_ptr<FileTree> disk_tree(const std::string& root) {
  return std::make_unique<DiskTree>(root);
}

}  // namespace migcheck
