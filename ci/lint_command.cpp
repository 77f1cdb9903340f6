#include <iostream>

#include "ci/command_options.h"
#include "ci/command_output.h"
#include "ci/commands.h"
#include "ci/lint_run.h"
#include "ci/project_arguments.h"
#include "linter/kept_until_exit.h"

namespace migcheck {

namespace {

int run_lint(const LintArguments& args, const std::string& format_name) {
  OutputFormat format = output_format(format_name);
  LintOutcome outcome = run_lint_checks(args);
  publish_report(format, outcome.report);
  int code = outcome.input_error ? 2 : outcome.report.failed() ? 1 : 0;
  keep_until_exit(std::move(outcome));
  return code;
}

}  // namespace

void add_lint_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<LintArguments>();
  auto format = std::make_shared<std::string>(default_output_format());
  CLI::App* lint = app.add_subcommand("lint", "Lint migration SQL files, directories or stdin");
  lint->add_option("paths", args->paths,
                   "SQL files, directories, or - for standard input; without them, the "
                   "migration project in --project is linted");
  add_project_options(*lint, args->project);
  add_since_option(*lint, args->project.since);
  lint->add_flag("--staged", args->project.staged,
                 "Lint the project as staged in the git index (for pre-commit hooks)");
  lint->add_option("--rev", args->project.rev, "Lint the project as it is at this git ref");
  add_project_lint_options(*lint, *args);
  lint->add_option("--stdin-filename", args->stdin_filename, "Name for standard input in reports");
  add_report_format_option(*lint, *format);
  add_finding_options(*lint, args->flags);
  add_statement_options(*lint, args->flags);
  lint->callback([args, format, &exit_code] { exit_code = run_lint(*args, *format); });
}

}  // namespace migcheck
