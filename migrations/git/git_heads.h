#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "linter/finding.h"
#include "migrations/project_loader.h"

namespace migcheck {

// `migcheck heads --against REF [--rev A]` and `migcheck heads --all-branches
// [--branches GLOB]`: the one call ci/heads_command.cpp makes into the git layer.
struct GitHeadsRequest {
  std::string project_directory = ".";  // --project, on disk inside the repository
  ProjectOptions options;               // layout, ini file and section (directory unused)
  std::string against;                  // --against REF
  std::string rev = "HEAD";             // --rev A: the side merged into REF
  bool all_branches = false;            // --all-branches
  std::string branches;                 // --branches GLOB

  // Whether any git option was given (then the command runs git_heads).
  bool any() const {
    return !against.empty() || rev != "HEAD" || all_branches || !branches.empty();
  }
};

struct GitHeadsReport {
  // --against: the heads the merge leaves, each with its file ("id file").
  std::vector<std::string> heads;
  // --all-branches: a header row, then one row per revision in a conflict.
  std::vector<std::vector<std::string>> table;
  std::string summary;  // one line: what was compared
  std::vector<Finding> findings;
  nlohmann::ordered_json json;  // everything above, for --format json
};

// Throws InputError for a path outside any repository, an unknown ref, a
// shallow clone without the merge base, or an unreadable project.
GitHeadsReport git_heads(const GitHeadsRequest& request);

}  // namespace migcheck
