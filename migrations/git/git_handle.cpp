#include "migrations/git/git_handle.h"

#include <stdexcept>
#include <string>

namespace migcheck {

std::string last_git_error() {
  const git_error* error = git_error_last();
  return error && error->message ? error->message : "";
}

void check_git(int error, std::string_view what) {
  if (error >= 0) return;
  std::string message = "libgit2: " + std::string(what);
  std::string detail = last_git_error();
  if (!detail.empty()) message += ": " + detail;
  throw std::runtime_error(message);
}

}  // namespace migcheck
