// A baseline is replaced whole or not at all: a write that fails part way
// (here past a file size limit, as on a full disk) leaves the old one.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "tests/test_support.h"

using namespace migcheck::testing;

TEST_CASE("a baseline that cannot be written in full leaves the old one byte for byte") {
  TempDir dir;
  write_file(dir / "db/1.sql", "ALTER TABLE users DROP COLUMN email;\n");
  REQUIRE(run_migcheck_in(dir.path(), "lint --write-baseline baseline.json db").exit_code == 0);
  std::string old = read_file(dir / "baseline.json");
  REQUIRE(old.find("dropping-column") != std::string::npos);

  // Forty findings: the new baseline is several kilobytes, past a file size
  // limit of one block (512 or 1024 bytes, as the shell counts), which the
  // short error message on standard error is not. The report goes to
  // /dev/null, where no limit applies.
  std::string many;
  for (int i = 0; i < 40; ++i) many += "ALTER TABLE t" + std::to_string(i) + " DROP COLUMN c;\n";
  write_file(dir / "db/2.sql", many);
  auto result = run_command("cd " + shell_quote(dir.path().string()) + " && ulimit -f 1 && " +
                            shell_quote(migcheck_binary()) +
                            " lint --write-baseline baseline.json db >/dev/null");
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "migcheck: baseline.json: cannot write the file (File too large); the file is unchanged\n");
  CHECK(read_file(dir / "baseline.json") == old);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"baseline.json", "db"});
}
