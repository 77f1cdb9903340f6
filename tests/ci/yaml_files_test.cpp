// Every YAML file of the repository (the action, the pre-commit hook, the CI
// workflows) must load with a real YAML parser: GitHub reports a broken
// workflow only once it is pushed, and a step name with an unquoted ": " went
// unnoticed that way.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <vector>

#include "tests/test_support.h"

using namespace migcheck::testing;
namespace fs = std::filesystem;

namespace {

// Folders that hold other people's files or build output, not the project's.
bool skipped(const fs::path& relative) {
  static const std::set<std::string> skipped_paths = {".git", "bench/real/.cache", "bench/.peers"};
  std::string name = relative.filename().string();
  return name.starts_with("build") || name == "node_modules" ||
         skipped_paths.contains(relative.generic_string());
}

std::vector<fs::path> repository_yaml_files() {
  std::vector<fs::path> found;
  fs::path root = source_dir();
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    fs::path relative = fs::relative(it->path(), root);
    if (it->is_directory()) {
      if (skipped(relative)) it.disable_recursion_pending();
      continue;
    }
    std::string extension = relative.extension().string();
    if (extension == ".yml" || extension == ".yaml") found.push_back(relative);
  }
  return found;
}

}  // namespace

TEST_CASE("every YAML file of the repository parses") {
  auto files = repository_yaml_files();
  // The walk must find the files it exists for, or it checks nothing.
  std::set<std::string> names;
  for (const fs::path& file : files) names.insert(file.generic_string());
  for (const char* expected :
       {"action.yml", ".pre-commit-hooks.yaml", ".github/workflows/ci.yml"}) {
    INFO(expected);
    CHECK(names.contains(expected));
  }
  for (const fs::path& file : files) {
    INFO(file.generic_string());
    auto result =
        run_command("/usr/bin/python3 -c 'import yaml,sys; yaml.safe_load(open(sys.argv[1]))' " +
                    shell_quote((source_dir() / file).string()));
    INFO(result.err);
    CHECK(result.exit_code == 0);
  }
}
