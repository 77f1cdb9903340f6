#pragma once
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace migcheck {

// What each of the paths given on a command line is (a regular file, a
// directory, nothing), as std::filesystem::status would say, following
// symbolic links. Where many paths share a parent directory (a shell glob's
// thousands of migrations), the parent is listed once instead of one stat
// per path: on a virtual machine each stat costs microseconds, and 2,000 of
// them were a tenth of a lint's run.
class PathKinds {
 public:
  explicit PathKinds(const std::vector<std::string>& paths);
  std::filesystem::file_type kind(const std::string& path) const;

 private:
  // Entries of the listed parents: name to type, for the kinds a listing
  // tells for sure (regular files and directories); others are looked up.
  std::unordered_map<std::string, std::unordered_map<std::string, std::filesystem::file_type>>
      listed_;
};

}  // namespace migcheck
