#include "tests/test_support.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace migcheck::testing {

const char* migcheck_binary() {
  return MIGCHECK_BINARY;
}

std::filesystem::path source_dir() {
  return MIGCHECK_SOURCE_DIR;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "migcheck-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

CommandResult run_command(const std::string& command_line) {
  TempDir scratch;
  auto out_path = scratch / "out";
  auto err_path = scratch / "err";
  std::string full = "(" + command_line + ") >" + shell_quote(out_path.string()) + " 2>" +
                     shell_quote(err_path.string()) + " </dev/null";
  int status = std::system(full.c_str());
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return {code, read_file(out_path), read_file(err_path)};
}

CommandResult run_migcheck_in(const std::filesystem::path& directory,
                              const std::string& arguments) {
  return run_command("cd " + shell_quote(directory.string()) + " && " +
                     shell_quote(migcheck_binary()) + " " + arguments);
}

CommandResult run_alembic_in(const std::filesystem::path& directory, const std::string& arguments) {
  std::string script =
      "import os, sys; listdir = os.listdir; "
      "os.listdir = lambda path='.': sorted(listdir(path)); "
      "from alembic.config import main; main(argv=sys.argv[1:], prog='alembic')";
  return run_command("cd " + shell_quote(directory.string()) + " && /usr/bin/python3 -c " +
                     shell_quote(script) + " " + arguments);
}

}  // namespace migcheck::testing
