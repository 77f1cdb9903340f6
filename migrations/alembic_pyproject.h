#pragma once
#include <optional>
#include <string>
#include <vector>

namespace migcheck {

// The source-layout settings of Alembic 1.16+ in pyproject.toml's
// [tool.alembic] table (PEP 621 support). Alembic reads each key from the
// ini file's [alembic] section first and from here when the ini file lacks
// it; string values have `%(here)s` replaced by the pyproject.toml directory.
struct PyprojectAlembic {
  std::string path;       // as shown in messages
  std::string directory;  // the file's directory in the tree: relative paths start here
  std::optional<std::string> script_location;
  std::optional<std::vector<std::string>> version_locations;  // TOML takes a list, no separator
  std::optional<bool> recursive_version_locations;
  int line_of_script_location = 1;
  int line_of_version_locations = 1;
};

// Reads [tool.alembic] from pyproject.toml text. Returns nullopt when the file
// has no such table (the project does not configure Alembic there). Throws
// InputError "path:line:col: ..." for invalid TOML or a value of the wrong
// type, which Alembic rejects too.
std::optional<PyprojectAlembic> read_pyproject_alembic(const std::string& text,
                                                       const std::string& path,
                                                       const std::string& directory,
                                                       const std::string& here);

}  // namespace migcheck
