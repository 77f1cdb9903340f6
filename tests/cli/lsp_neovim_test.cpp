// A real LSP client: Neovim's built-in one (Debian's neovim 0.7, installed by
// scripts/setup.sh) talks to `migcheck lsp` in headless mode.
#include <doctest/doctest.h>

#include "tests/test_support.h"

using namespace migcheck::testing;

TEST_CASE("lsp with Neovim: diagnostics arrive and the preferred fix rewrites the file") {
  REQUIRE_MESSAGE(run_command("command -v nvim").exit_code == 0,
                  "neovim is not installed: scripts/setup.sh installs it");
  TempDir dir;
  // A goose project: the CONCURRENTLY fix also needs goose's NO TRANSACTION.
  write_file(dir / "00001_accounts.sql",
             "-- +goose Up\nCREATE TABLE accounts (id bigint, plan text);\n"
             "-- +goose Down\nDROP TABLE accounts;\n");
  auto migration = dir / "00002_index.sql";
  write_file(migration,
             "-- +goose Up\nSET lock_timeout = '2s';\n"
             "CREATE INDEX accounts_plan ON accounts (plan);\n");
  auto result = dir / "result.txt";
  std::string environment = "MIGCHECK_BINARY=" + shell_quote(migcheck_binary()) +
                            " MIGCHECK_ROOT=" + shell_quote(dir.path().string()) +
                            " MIGCHECK_FILE=" + shell_quote(migration.string()) +
                            " MIGCHECK_CODE=creating-index-non-concurrently" +
                            " MIGCHECK_RESULT=" + shell_quote(result.string()) +
                            " HOME=" + shell_quote(dir.path().string());
  std::string script = (source_dir() / "tests/cli/lsp_neovim.lua").string();
  CommandResult run = run_command(environment + " timeout 120 nvim --headless --clean -u NONE -c " +
                                  shell_quote("luafile " + script));
  std::string seen = read_file(result);
  INFO("nvim said: " << run.out << run.err << "\nthe script saw:\n" << seen);
  CHECK(run.exit_code == 0);
  CHECK(seen.find("diagnostics: creating-index-non-concurrently\n") != std::string::npos);
  CHECK(seen.find("stored: 1\n") != std::string::npos);
  CHECK(seen.find("action: Create the index CONCURRENTLY, outside a transaction\n") !=
        std::string::npos);
  CHECK(seen.find("after: \n") != std::string::npos);
  CHECK(read_file(migration) ==
        "-- +goose NO TRANSACTION\n-- +goose Up\nSET lock_timeout = '2s';\n"
        "CREATE INDEX CONCURRENTLY accounts_plan ON accounts (plan);\n");
}
