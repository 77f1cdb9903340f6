#pragma once
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace migcheck::testing {

// The safe alternatives of the statement rules written out as migrations:
// tests/recipes/<rule>/sql (golang-migrate) and tests/recipes/<rule>/alembic.
inline std::filesystem::path recipes_dir() {
  return source_dir() / "tests/recipes";
}

// The rules that have a recipe, sorted.
inline std::vector<std::string> recipe_rules() {
  std::vector<std::string> rules;
  for (const auto& entry : std::filesystem::directory_iterator(recipes_dir())) {
    if (entry.is_directory()) rules.push_back(entry.path().filename().string());
  }
  std::sort(rules.begin(), rules.end());
  return rules;
}

}  // namespace migcheck::testing
