#include <algorithm>
#include <iostream>
#include <optional>
#include <set>

#include "ci/command_options.h"
#include "ci/command_output.h"
#include "ci/commands.h"
#include "ci/lint_run.h"
#include "ci/lint_settings.h"
#include "ci/observed_lint.h"
#include "ci/project_arguments.h"
#include "ci/report.h"
#include "ci/roundtrip_run.h"
#include "ci/rule_catalog.h"
#include "linter/input_error.h"
#include "runner/roundtrip_rules.h"

namespace migcheck {

namespace {

struct RoundTripArguments {
  RoundTripRequest request;
  LintFlags flags;  // which findings count, as in lint
  std::string format = default_output_format();
};

// The files the findings point into, so the text report can quote them.
void collect_sources(const MigrationSet& set, Report& report) {
  for (const Revision& revision : set.revisions) {
    for (const auto* units : {&revision.up, &revision.down}) {
      for (const SqlUnit& unit : *units) {
        if (unit.map.file() != nullptr) report.sources[unit.map.file()->path()] = unit.map.file();
      }
    }
  }
}

// The project's static lint, which a traced round trip needs: to lint what
// ran with the same rules and settings, and to report only what the static
// reading could not see.
LintOutcome static_lint(const RoundTripArguments& args) {
  LintArguments lint;
  static_cast<ProjectArguments&>(lint.project) = args.request.project;
  lint.project.since = args.request.since;
  lint.flags = args.flags;
  return run_lint_checks(lint);
}

int run_roundtrip(const RoundTripArguments& args) {
  OutputFormat format = output_format(args.format);
  // The finding options and the configuration (--config, or found from
  // here) apply as in lint: ignores, severities and the failing severity.
  LintSettings settings = resolve_lint_settings(args.flags);
  // Traced by --trace, --load or the configuration's [roundtrip] load.
  std::optional<LintOutcome> lint;
  if (with_configured_setup(args.request, settings).traced()) lint = static_lint(args);
  MigrationSet set = lint ? lint->project : load_project_arguments(args.request.project);
  print_graph_problems(set, std::cerr);

  std::optional<std::set<std::string>> only = revisions_to_check(set, args.request);
  Report report;
  report.fail_on = settings.fail_on;
  if (only && only->empty()) {
    std::cerr << "migcheck roundtrip: no revision was added or changed since " << args.request.since
              << ": nothing to check\n";
  } else {
    RoundTripRequest request = with_configured_setup(args.request, settings);
    if (lint) request.executed_lint = executed_lint_setup(*lint);
    RoundTripOutcome outcome = round_trip_project(set, request, only);
    // What the executed statements showed that the static lint could not.
    if (lint) {
      MergedFindings merged = merge_executed_lint(*lint, lint->report.findings, outcome);
      outcome.findings.insert(outcome.findings.end(), merged.observed_added.begin(),
                              merged.observed_added.end());
    }
    report.findings = std::move(outcome.findings);
    report.trace = std::move(outcome.trace);
    // When the setup SQL fails no revision runs: none was checked.
    if (std::any_of(report.findings.begin(), report.findings.end(),
                    [](const Finding& finding) { return finding.rule == kSetupFailed.id; })) {
      only.emplace();
    }
    apply_settings_to_findings(settings, report.findings);
  }
  for (const std::string& id : set.graph.order) {
    if (!only || only->count(id)) report.checked_units.push_back(id);
  }
  report.files_checked = report.checked_units.size();
  // A traced round trip reports lint rules' findings too.
  report.rules = lint ? known_rules() : round_trip_rules();
  collect_sources(set, report);
  sort_findings(report.findings);
  publish_report(format, report, args.request.verbose);
  return report.failed() ? 1 : 0;
}

}  // namespace

void add_roundtrip_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RoundTripArguments>();
  CLI::App* command = app.add_subcommand(
      "roundtrip",
      "Run every upgrade and downgrade on a throwaway PostgreSQL and check each downgrade "
      "undoes its upgrade");
  add_project_options(*command, args->request.project);
  add_since_option(*command, args->request.since);
  add_round_trip_options(*command, args->request);
  add_finding_options(*command, args->flags);
  add_report_format_option(*command, args->format);
  command->callback([args, &exit_code] { exit_code = run_roundtrip(*args); });
}

}  // namespace migcheck
