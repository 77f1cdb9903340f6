#include "runner/owned_temp_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string_view>
#include <system_error>

namespace fs = std::filesystem;

namespace migcheck {
namespace {

constexpr size_t kRandomPart = 6;  // mkdtemp's XXXXXX

// The owner's pid of a directory named PREFIX-PID-XXXXXX, or 0 for any other
// name (an older migcheck's PREFIX-XXXXXX among them: its owner is unknown).
pid_t owner_of(const std::string& name, const std::string& prefix) {
  std::string start = prefix + "-";
  if (name.rfind(start, 0) != 0 || name.size() < start.size() + 2 + kRandomPart) return 0;
  std::string pid = name.substr(start.size(), name.size() - start.size() - kRandomPart - 1);
  if (name[name.size() - kRandomPart - 1] != '-' || pid.empty() || pid.size() > 9 ||
      pid.find_first_not_of("0123456789") != std::string::npos) {
    return 0;
  }
  return static_cast<pid_t>(std::atoi(pid.c_str()));
}

// Whether `pid` is a live process. A zombie is not: it has died, and a
// container's first process, often no real init, may never reap it.
bool alive(pid_t pid) {
  if (kill(pid, 0) != 0 && errno == ESRCH) return false;
  std::string path = "/proc/" + std::to_string(pid) + "/stat";
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return true;  // no /proc to tell: kill() said it exists
  char stat[512];
  ssize_t n = read(fd, stat, sizeof stat - 1);
  close(fd);
  if (n <= 0) return errno != ESRCH;
  // "pid (comm) state ...": the state follows the last ')'.
  std::string_view text(stat, static_cast<size_t>(n));
  size_t paren = text.rfind(')');
  return paren == std::string_view::npos || paren + 2 >= text.size() ||
         (text[paren + 2] != 'Z' && text[paren + 2] != 'X');
}

}  // namespace

fs::path make_owned_temp_dir(const fs::path& parent, const std::string& prefix) {
  std::string pattern =
      (parent / (prefix + "-" + std::to_string(getpid()) + "-" + std::string(kRandomPart, 'X')))
          .string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "cannot create " + pattern);
  }
  return pattern;
}

void remove_stale_temp_dirs(const fs::path& parent, const std::string& prefix) {
  std::error_code error;
  for (fs::directory_iterator it(parent, error), end; !error && it != end; it.increment(error)) {
    pid_t owner = owner_of(it->path().filename().string(), prefix);
    if (owner <= 0 || alive(owner)) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

}  // namespace migcheck
