#include "ci/cli.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "ci/boolean_options.h"
#include "ci/commands.h"
#include "linter/input_error.h"

namespace migcheck {

namespace {

// heads, history and show read no configuration of migcheck's: `--config
// alembic.ini`, as they took it before -c/--alembic-config, is told the name.
bool names_config(const std::vector<std::string>& arguments) {
  return std::any_of(arguments.begin(), arguments.end(), [](const std::string& argument) {
    return argument == "--config" || argument.starts_with("--config=");
  });
}

}  // namespace

void add_commands(CLI::App& app, int& exit_code) {
  add_lint_command(app, exit_code);
  add_heads_command(app, exit_code);
  add_history_command(app, exit_code);
  add_show_command(app, exit_code);
  add_roundtrip_command(app, exit_code);
  add_rules_command(app, exit_code);
  add_explain_command(app, exit_code);
  add_pre_deploy_check_command(app, exit_code);
  add_install_hook_command(app, exit_code);
  add_fix_command(app, exit_code);
  add_lsp_command(app, exit_code);
}

int run_cli(int argc, char** argv) {
  CLI::App app{"migcheck: keeps PostgreSQL schema migrations safe", "migcheck"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "migcheck 0.1.0");
  int exit_code = 0;
  add_commands(app, exit_code);

  std::vector<std::string> arguments =
      attach_boolean_values(app, std::vector<std::string>(argv + 1, argv + argc));
  try {
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());  // CLI11's order
    app.parse(reversed);
  } catch (const CLI::ExtrasError& e) {
    if (!names_config(arguments)) return app.exit(e) == 0 ? 0 : 2;
    std::cerr << "migcheck: --config names migcheck's configuration, which this command does not "
                 "read; pass Alembic's ini with -c/--alembic-config\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const InputError& e) {
    std::cerr << "migcheck: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "migcheck: internal error: " << e.what() << "\n";
    return 2;
  }
  return exit_code;
}

}  // namespace migcheck
