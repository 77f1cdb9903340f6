#include "ci/path_kinds.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

namespace migcheck::testing {

namespace fs = std::filesystem;

TEST_SUITE("test_ci") {
  // Enough paths in one directory that it is listed rather than stat'ed
  // path by path: the answers must be what status() says of each.
  TEST_CASE("path kinds from a listed directory agree with stat") {
    fs::path root = fs::temp_directory_path() / ("migcheck-path-kinds-" + std::to_string(getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "sub.sql");
    std::vector<std::string> paths;
    for (int i = 0; i < 30; ++i) {
      fs::path file = root / (std::to_string(i) + ".sql");
      std::ofstream(file) << "SELECT 1;\n";
      paths.push_back(file.string());
    }
    fs::create_symlink(root / "0.sql", root / "link.sql");
    fs::create_directory_symlink(root / "sub.sql", root / "dirlink");
    fs::create_symlink(root / "gone.sql", root / "dangling.sql");
    for (const char* name : {"sub.sql", "link.sql", "dirlink", "dangling.sql", "missing.sql"}) {
      paths.push_back((root / name).string());
    }
    paths.push_back((root / "sub.sql" / "..").string());
    paths.push_back(root.string() + "/");

    PathKinds kinds(paths);
    for (const std::string& path : paths) {
      std::error_code ec;
      CAPTURE(path);
      CHECK(kinds.kind(path) == fs::status(path, ec).type());
    }
    CHECK(kinds.kind((root / "sub.sql").string()) == fs::file_type::directory);
    CHECK(kinds.kind((root / "missing.sql").string()) == fs::file_type::not_found);
    fs::remove_all(root);
  }
}

}  // namespace migcheck::testing
