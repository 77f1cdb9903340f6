#pragma once
#include <CLI/CLI.hpp>

namespace migcheck {

// Each subcommand lives in its own file and registers itself here; its
// callback stores the process exit code in `exit_code`.
void add_lint_command(CLI::App& app, int& exit_code);
void add_heads_command(CLI::App& app, int& exit_code);
void add_history_command(CLI::App& app, int& exit_code);
void add_show_command(CLI::App& app, int& exit_code);
void add_roundtrip_command(CLI::App& app, int& exit_code);
void add_rules_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);
void add_pre_deploy_check_command(CLI::App& app, int& exit_code);
void add_install_hook_command(CLI::App& app, int& exit_code);
void add_fix_command(CLI::App& app, int& exit_code);
void add_lsp_command(CLI::App& app, int& exit_code);

// Every subcommand above, as `migcheck` has them.
void add_commands(CLI::App& app, int& exit_code);

}  // namespace migcheck
