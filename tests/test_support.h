#pragma once
#include <filesystem>
#include <string>

namespace migcheck::testing {

// A fresh directory under the system temp dir, removed with everything in it
// when the value goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& relative) const { return path_ / relative; }

 private:
  std::filesystem::path path_;
};

// Writes `text` to `path`, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);

struct CommandResult {
  int exit_code;
  std::string out;  // standard output
  std::string err;  // standard error
};
// Runs a shell command line, capturing both streams.
CommandResult run_command(const std::string& command_line);

// Quotes a string for a POSIX shell.
std::string shell_quote(const std::string& text);

// The migcheck binary under test, and the source tree's root. Defined in
// test_support.cpp alone so that only that file is compiled with the paths:
// every other file then compiles identically in every checkout (ccache hits).
const char* migcheck_binary();
std::filesystem::path source_dir();

// Runs migcheck with `arguments` (a shell command line's tail) from `directory`.
CommandResult run_migcheck_in(const std::filesystem::path& directory, const std::string& arguments);

// Runs the real Alembic (/usr/bin/python3, Alembic 1.8) with `arguments` from
// `directory`. Alembic orders revision files as os.listdir lists them, which on
// most file systems is hash order, while migcheck reads directories sorted by
// name; so Alembic runs with os.listdir sorted: the same algorithm on the same
// input order, which makes its output a deterministic expectation for ours.
CommandResult run_alembic_in(const std::filesystem::path& directory, const std::string& arguments);

}  // namespace migcheck::testing
