#include <iostream>

#include "ci/boolean_options.h"
#include "ci/command_output.h"
#include "ci/commands.h"
#include "ci/lint_run.h"
#include "ci/project_arguments.h"

namespace migcheck {

namespace {

int run_lint(const LintArguments& args, const std::string& format_name) {
  OutputFormat format = output_format(format_name);
  LintOutcome outcome = run_lint_checks(args);
  publish_report(format, outcome.report);
  if (outcome.input_error) return 2;
  return outcome.report.failed() ? 1 : 0;
}

}  // namespace

void add_lint_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<LintArguments>();
  auto format = std::make_shared<std::string>(default_output_format());
  CLI::App* lint = app.add_subcommand("lint", "Lint migration SQL files, directories or stdin");
  lint->add_option("paths", args->paths,
                   "SQL files, directories, or - for standard input; without them, the "
                   "migration project in --project is linted");
  lint->add_option("--project", args->project.directory, "Migration project directory (default: .)")
      ->default_val(".");
  lint->add_option("--layout", args->project.layout,
                   "Project layout: " + std::string(kProjectLayoutNames));
  add_alembic_config_options(*lint, args->project.ini_file, args->project.ini_section);
  lint->add_option("--since", args->project.since,
                   "Only revisions added or changed since the merge base with this git ref");
  lint->add_flag("--staged", args->project.staged,
                 "Lint the project as staged in the git index (for pre-commit hooks)");
  lint->add_option("--rev", args->project.rev, "Lint the project as it is at this git ref");
  lint->add_option("--sql-source", args->project.sql_source,
                   "Alembic SQL from migcheck's static reader (static, the default) or from the "
                   "real Alembic's offline mode (alembic; needs python3 with alembic)");
  lint->add_flag("--include-downgrades", args->include_downgrades,
                 "Also lint down migrations with the hazard rules");
  lint->add_option("--stdin-filename", args->stdin_filename, "Name for standard input in reports");
  lint->add_option("--format", *format,
                   "Output: text, json, github, sarif, gitlab, junit, markdown");
  lint->add_option("--select", args->flags.select, "Only these rules (comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  lint->add_option("--ignore", args->flags.ignore, "Skip these rules (comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  lint->add_option("--fail-on", args->flags.fail_on,
                   "Lowest severity that fails the run: error, warning, info");
  lint->add_option("--pg-version", args->flags.pg_version, "Target PostgreSQL major version");
  add_optional_flag(*lint, "--assume-in-transaction", args->flags.assume_in_transaction,
                    "The migration tool wraps each file in a transaction (alone: true; or "
                    "=true/=false)");
  add_config_option(*lint, args->flags.config);
  lint->add_option("--baseline", args->baseline,
                   "Report only findings not recorded in this baseline file");
  lint->add_option("--write-baseline", args->write_baseline,
                   "Record this run's findings in FILE (then pass it to --baseline)");
  lint->callback([args, format, &exit_code] { exit_code = run_lint(*args, *format); });
}

}  // namespace migcheck
