#include "ci/command_options.h"

#include "ci/boolean_options.h"
#include "ci/project_arguments.h"

namespace migcheck {

namespace {

// Rule lists as squawk takes its --exclude: comma-separated, repeatable, one
// value per occurrence (so a path after the list stays a path).
void add_rule_list(CLI::App& command, const std::string& names, std::vector<std::string>& rules,
                   const std::string& description) {
  command.add_option(names, rules, description)->delimiter(',')->allow_extra_args(false);
}

}  // namespace

void add_report_format_option(CLI::App& command, std::string& format) {
  command.add_option("--format", format,
                     "Output: text, json, github, sarif, gitlab, junit, markdown");
}

void add_since_option(CLI::App& command, std::string& ref) {
  command.add_option("--since", ref,
                     "Check only the revisions added or changed since the merge base with this git "
                     "ref (the others still run first, unreported)");
}

void add_finding_options(CLI::App& command, LintFlags& flags) {
  add_rule_choice_options(command, flags);
  command.add_option("--fail-on", flags.fail_on,
                     "Lowest severity that fails the run: error, warning, info");
}

void add_rule_choice_options(CLI::App& command, LintFlags& flags) {
  add_rule_list(command, "--select", flags.select,
                "Only these statement rules (comma-separated ids, or squawk's names); the project, "
                "graph and round-trip checks stay on unless ignored");
  add_rule_list(command, "--ignore,-e,--exclude", flags.ignore,
                "Skip these rules (comma-separated ids, or squawk's names; --exclude is squawk's "
                "spelling)");
  add_config_option(command, flags.config);
}

void add_statement_options(CLI::App& command, LintFlags& flags) {
  command.add_option("--pg-version", flags.pg_version,
                     "Target PostgreSQL version: its major version counts (15, or squawk's 15.0)");
  add_optional_flag(command, "--assume-in-transaction", flags.assume_in_transaction,
                    "The migration tool wraps each file in a transaction (alone: true; or "
                    "=true/=false)");
}

void add_project_lint_options(CLI::App& command, LintArguments& arguments) {
  command.add_option("--sql-source", arguments.project.sql_source,
                     "Alembic SQL from migcheck's static reader (static, the default) or from the "
                     "real Alembic's offline mode (alembic; needs python3 with alembic)");
  command.add_flag("--include-downgrades", arguments.include_downgrades,
                   "Also lint down migrations with the hazard rules");
  command.add_option("--baseline", arguments.baseline,
                     "Report only lint findings not recorded in this baseline file");
  command.add_option("--write-baseline", arguments.write_baseline,
                     "Record this run's lint findings in FILE (then pass it to --baseline)");
}

void add_round_trip_options(CLI::App& command, RoundTripRequest& request) {
  command.add_option("--from", request.from,
                     "Round-trip from this revision on (the revisions before it run once)");
  command.add_option("--to", request.to,
                     "Go only up to this revision: it and the revisions it needs, as `alembic "
                     "upgrade REV` (other heads are not upgraded)");
  command.add_option("--pg-bin", request.pg_bin,
                     "PostgreSQL server binaries (default: /usr/lib/postgresql/15/bin, then "
                     "pg_config --bindir)");
  command.add_option("--database-url", request.database_url,
                     "Use this server instead of a throwaway one: a scratch database "
                     "migcheck_<random> is created there and dropped");
  command.add_flag("--allow-destructive", request.allow_destructive,
                   "With --database-url, run in the URL's own database instead of a scratch one");
  command.add_option("-x", request.x_arguments,
                     "KEY=VALUE passed to Alembic's env.py (context.get_x_argument)");
  add_setup_sql_option(command, request.setup_sql);
  add_seed_options(command, request);
  add_load_options(command, request);
  command.add_flag("--trace,!--no-trace", request.trace,
                   "Observe each revision's first upgrade: every statement it runs, the locks it "
                   "takes and the tables it rewrites (off by default)");
  command.add_flag("--verbose", request.verbose,
                   "Text format: show the observed statements as a timeline per revision");
}

}  // namespace migcheck
