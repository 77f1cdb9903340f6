#include "ci/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "linter/input_error.h"

namespace migcheck {

namespace {

// The new content, in a temporary file next to the target until it replaces
// it; removed if anything fails before that.
class Replacement {
 public:
  explicit Replacement(std::filesystem::path target) : target_(std::move(target)) {
    struct stat status;
    if (lstat(target_.c_str(), &status) == 0 && S_ISREG(status.st_mode)) {
      old_mode_ = status.st_mode & 07777;
    }
    // Our process id keeps concurrent runs apart; the counter steps past a
    // file a killed run left behind.
    for (int attempt = 0;; ++attempt) {
      std::filesystem::path name = target_;
      name += ".migcheck-" + std::to_string(getpid()) + "-" + std::to_string(attempt);
      fd_ = open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ >= 0) {
        temporary_ = std::move(name);
        break;
      }
      if (errno != EEXIST || attempt == 100) fail("create a temporary file next to it");
    }
  }
  Replacement(const Replacement&) = delete;
  Replacement& operator=(const Replacement&) = delete;
  ~Replacement() {
    if (fd_ >= 0) close(fd_);
    if (!temporary_.empty()) unlink(temporary_.c_str());
  }

  void write(std::string_view text) {
    while (!text.empty()) {
      ssize_t written = ::write(fd_, text.data(), text.size());
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) fail("write the file");
      text.remove_prefix(static_cast<size_t>(written));
    }
  }

  void set_permissions(std::optional<std::filesystem::perms> permissions) {
    std::optional<mode_t> mode = old_mode_;
    if (permissions) mode = static_cast<mode_t>(*permissions);
    if (mode && fchmod(fd_, *mode) != 0) fail("set its permissions");
  }

  // Syncs before renaming, so that after a crash the target holds either the
  // old text or the whole new one. (The rename itself may then be lost, which
  // leaves the old file: still whole.)
  void replace_target() {
    if (fsync(fd_) != 0) fail("write the file");
    if (close(std::exchange(fd_, -1)) != 0) fail("write the file");
    if (rename(temporary_.c_str(), target_.c_str()) != 0) fail("replace it");
    temporary_.clear();
  }

 private:
  [[noreturn]] void fail(const std::string& step) const {
    std::string reason = std::strerror(errno);
    throw InputError(target_.string() + ": cannot " + step + " (" + reason + ")" +
                     (old_mode_ ? "; the file is unchanged" : ""));
  }

  std::filesystem::path target_;
  std::filesystem::path temporary_;  // empty once renamed, or before it exists
  int fd_ = -1;
  std::optional<mode_t> old_mode_;  // the target's, when it is a regular file
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view text,
                           std::optional<std::filesystem::perms> permissions) {
  Replacement replacement(path);
  replacement.write(text);
  replacement.set_permissions(permissions);
  replacement.replace_target();
}

}  // namespace migcheck
