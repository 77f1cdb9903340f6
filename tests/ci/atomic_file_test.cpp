// write_file_atomically on real files: a write that fails part way (here a
// file size limit, as a full disk would) leaves the old file as it was.
#include "ci/atomic_file.h"

#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <string>
#include <vector>

#include "linter/input_error.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

namespace fs = std::filesystem;

fs::perms permissions_of(const fs::path& path) {
  return fs::status(path).permissions() & fs::perms::mask;
}

std::vector<std::string> names_in(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The error of writing `text` to `path` under a file size limit of `bytes`
// (with SIGXFSZ ignored, a write past it fails with EFBIG), or "" when it
// succeeded. Only the write runs under the limit, so the test's own output
// does not.
std::string error_under_size_limit(const fs::path& path, const std::string& text, rlim_t bytes) {
  rlimit old;
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
  rlimit limited = old;
  limited.rlim_cur = bytes;
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  REQUIRE(setrlimit(RLIMIT_FSIZE, &limited) == 0);
  std::string error;
  try {
    write_file_atomically(path, text);
  } catch (const InputError& e) {
    error = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  return error;
}

}  // namespace

TEST_CASE("a write that fails part way leaves the old file byte for byte, and no temporary") {
  TempDir dir;
  write_file(dir / "baseline.json", "{\"version\": 1}\n");
  fs::permissions(dir / "baseline.json", fs::perms(0640));
  std::string error = error_under_size_limit(dir / "baseline.json", std::string(8192, 'x'), 4096);
  CHECK(
      error.find("baseline.json: cannot write the file (File too large); the file is unchanged") !=
      std::string::npos);
  CHECK(read_file(dir / "baseline.json") == "{\"version\": 1}\n");
  CHECK(permissions_of(dir / "baseline.json") == fs::perms(0640));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"baseline.json"});
}

TEST_CASE("a replaced file keeps its permissions; given permissions are set exactly") {
  TempDir dir;
  write_file(dir / "kept", "old\n");
  fs::permissions(dir / "kept", fs::perms(0600));
  write_file_atomically(dir / "kept", "new\n");
  CHECK(read_file(dir / "kept") == "new\n");
  CHECK(permissions_of(dir / "kept") == fs::perms(0600));

  write_file_atomically(dir / "hook", "#!/bin/sh\n", fs::perms(0755));
  CHECK(permissions_of(dir / "hook") == fs::perms(0755));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"hook", "kept"});
}

TEST_CASE("a file in a directory that does not exist is an error naming it") {
  TempDir dir;
  try {
    write_file_atomically(dir / "missing/baseline.json", "{}\n");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find(
              "missing/baseline.json: cannot create a temporary file next to it (No such file or "
              "directory)") != std::string::npos);
  }
  CHECK(!fs::exists(dir / "missing"));
}
