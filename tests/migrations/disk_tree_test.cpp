// The disk tree reads files with one read of the size fstat reports; these
// are the files where that could go wrong: empty, larger than any buffer,
// reached through links, or with no size known in advance.
#include <doctest/doctest.h>

#include <filesystem>

#include "migrations/file_tree.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

TEST_SUITE("test_migrations") {
  TEST_CASE("disk tree: empty, large and linked files read whole; absent ones do not") {
    TempDir dir;
    write_file(dir / "empty.py", "");
    std::string large;
    for (int i = 0; large.size() < 300 * 1024; ++i) large += "line " + std::to_string(i) + "\n";
    write_file(dir / "large.py", large);
    std::filesystem::create_symlink("large.py", dir / "link.py");
    std::filesystem::create_symlink("missing.py", dir / "dangling.py");
    std::filesystem::create_directory(dir / "folder");

    auto tree = disk_tree(dir.path().string());
    CHECK(tree->read("empty.py") == std::optional<std::string>(""));
    CHECK(tree->read("large.py") == std::optional<std::string>(large));
    CHECK(tree->read("link.py") == std::optional<std::string>(large));
    CHECK_FALSE(tree->read("dangling.py").has_value());
    CHECK_FALSE(tree->read("missing.py").has_value());
    CHECK_FALSE(tree->read("folder").has_value());
  }

  TEST_CASE("disk tree: a file whose size stat does not know is read to its end") {
    // /proc files report size 0 and are generated as they are read.
    auto tree = disk_tree("/proc/self");
    auto status = tree->read("status");
    REQUIRE(status.has_value());
    CHECK(status->find("Name:") == 0);
    CHECK(status->find("\nPid:") != std::string::npos);
  }

  TEST_CASE("disk tree: listings are sorted and follow links to directories") {
    TempDir dir;
    write_file(dir / "project/versions/b.py", "");
    write_file(dir / "project/versions/a.py", "");
    write_file(dir / "shared/c.py", "");
    std::filesystem::create_directory_symlink("../../shared", dir / "project/versions/linked");
    std::filesystem::create_symlink("nowhere", dir / "project/versions/dangling.py");

    for (std::string root : {dir.path().string(), dir.path().string() + "/"}) {
      auto tree = disk_tree(root);
      auto entries = tree->list("project/versions");
      REQUIRE(entries.has_value());
      std::vector<std::string> names;
      for (const auto& entry : *entries) {
        names.push_back(entry.name + (entry.is_directory ? "/" : ""));
      }
      CHECK(names == std::vector<std::string>{"a.py", "b.py", "dangling.py", "linked/"});
      CHECK(tree->list("project/versions/linked")->size() == 1);
      CHECK_FALSE(tree->list("project/versions/a.py").has_value());
      CHECK_FALSE(tree->list("nothing").has_value());
      CHECK(tree->display_path("project/versions/a.py") ==
            (std::filesystem::path(root) / "project/versions/a.py").string());
    }
  }
}
