#include "ci/cli.h"

#include <algorithm>
#include <iostream>

#include "ci/boolean_options.h"
#include "ci/commands.h"
#include "linter/input_error.h"

namespace migcheck {

int run_cli(int argc, char** argv) {
  CLI::App app{"migcheck: keeps PostgreSQL schema migrations safe", "migcheck"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "migcheck 0.1.0");
  int exit_code = 0;
  add_lint_command(app, exit_code);
  add_heads_command(app, exit_code);
  add_history_command(app, exit_code);
  add_show_command(app, exit_code);
  add_roundtrip_command(app, exit_code);
  add_rules_command(app, exit_code);
  add_explain_command(app, exit_code);
  add_pre_deploy_check_command(app, exit_code);
  add_install_hook_command(app, exit_code);

  try {
    std::vector<std::string> arguments =
        attach_boolean_values(app, std::vector<std::string>(argv + 1, argv + argc));
    std::reverse(arguments.begin(), arguments.end());  // CLI11 takes them last first
    app.parse(arguments);
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
