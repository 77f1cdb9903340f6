#include "ci/fix_diff.h"

#include <git2.h>

#include <stdexcept>

namespace migcheck {

namespace {

// libgit2 counts its users: this keeps it set up while a diff is made.
struct GitLibrary {
  GitLibrary() { git_libgit2_init(); }
  ~GitLibrary() { git_libgit2_shutdown(); }
};

}  // namespace

std::string unified_diff(const FixedFile& file) {
  GitLibrary library;
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.context_lines = 3;
  // A created file has no old buffer, which libgit2 prints as /dev/null.
  const char* before = file.before ? file.before->data() : nullptr;
  size_t before_size = file.before ? file.before->size() : 0;
  git_patch* patch = nullptr;
  if (git_patch_from_buffers(&patch, before, before_size, file.path.c_str(), file.after.data(),
                             file.after.size(), file.path.c_str(), &options) < 0) {
    throw std::runtime_error("cannot diff " + file.path);
  }
  git_buf buffer = GIT_BUF_INIT;
  int error = git_patch_to_buf(&buffer, patch);
  std::string text = error < 0 ? std::string() : std::string(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  git_patch_free(patch);
  if (error < 0) throw std::runtime_error("cannot print the diff of " + file.path);
  return text;
}

}  // namespace migcheck
