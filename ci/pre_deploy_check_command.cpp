// `migcheck pre-deploy-check`: the graph, lint and round-trip checks of one
// project in a single run, with one report and one exit status, for the step
// of a deploy pipeline whose failure halts the deploy.
#include <chrono>
#include <functional>
#include <iostream>
#include <optional>
#include <set>
#include <string_view>

#include "ci/command_options.h"
#include "ci/command_output.h"
#include "ci/commands.h"
#include "ci/lint_run.h"
#include "ci/observed_lint.h"
#include "ci/project_arguments.h"
#include "ci/report.h"
#include "ci/roundtrip_run.h"
#include "ci/rule_catalog.h"
#include "linter/input_error.h"
#include "migrations/git/git_heads.h"
#include "migrations/project_rules.h"
#include "runner/roundtrip_rules.h"

namespace migcheck {

namespace {

struct PreDeployArguments {
  LintArguments lint;
  RoundTripRequest round_trip;
  std::string against;  // the deploy target's git ref: no conflict with it
  bool no_roundtrip = false;
  std::string format = default_output_format();
};

// In a project's lint findings, those about the shape of the revision graph:
// the graph row's, not lint's. They name a revision (the newest head, the
// revision with a missing parent), so the rule tells them apart.
bool is_graph_finding(const Finding& finding) {
  static const std::set<std::string_view> graph_rules = {
      kBranchConflict.id,      kDependsOnMissing.id, kDuplicateBranchLabel.id,
      kDuplicateRevisionId.id, kDuplicateVersion.id, kMergeConflict.id,
      kMissingParent.id,       kMultipleHeads.id,    kOutOfOrderVersion.id,
      kRevisionCycle.id};
  return graph_rules.count(finding.rule) != 0;
}

// A check's row counts its findings; any at the failing severity fails it.
void count_findings(CheckSummary& summary, const std::vector<Finding>& findings, Severity fail_on) {
  summary.findings = findings.size();
  summary.status = CheckStatus::passed;
  for (const Finding& finding : findings) {
    if (finding.severity >= fail_on) summary.status = CheckStatus::failed;
  }
}

// Runs one check, timing it and recording its summary row.
void run_check(Report& report, const std::string& name,
               const std::function<std::vector<Finding>()>& check) {
  auto start = std::chrono::steady_clock::now();
  std::vector<Finding> findings = check();
  CheckSummary summary;
  summary.name = name;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  count_findings(summary, findings, report.fail_on);
  report.checks.push_back(summary);
  report.findings.insert(report.findings.end(), findings.begin(), findings.end());
}

// The lint check (the first row, whose findings come first in the report)
// after the trace showed what some unresolved operations ran: `kept` is what
// remains of its findings. The lint of those statements is the round trip's.
void replace_lint_findings(Report& report, size_t lint_count, std::vector<Finding> kept) {
  report.findings.erase(report.findings.begin(),
                        report.findings.begin() + static_cast<long>(lint_count));
  report.findings.insert(report.findings.begin(), kept.begin(), kept.end());
  count_findings(report.checks.front(), kept, report.fail_on);
}

// The round trip's setup SQL is a check of its own, before the round trip's
// row: when it fails no migration ran, and the round trip is skipped.
void add_setup_check(Report& report) {
  CheckSummary& round_trip = report.checks.back();
  CheckSummary setup{"setup", CheckStatus::passed, 0, std::nullopt, ""};
  for (const Finding& finding : report.findings) {
    if (finding.rule == kSetupFailed.id) ++setup.findings;
  }
  if (setup.findings > 0) {
    setup.status = round_trip.status;
    setup.seconds = round_trip.seconds;
    round_trip = {"roundtrip", CheckStatus::skipped, 0, std::nullopt, "the setup SQL failed"};
  }
  report.checks.insert(report.checks.end() - 1, setup);
}

int run_pre_deploy_check(PreDeployArguments args) {
  OutputFormat format = output_format(args.format);
  args.round_trip.project = args.lint.project;  // the project's options, as lint took them
  args.round_trip.since = args.lint.project.since;
  Report report;
  report.rules = known_rules();
  // Lint reports the set's own graph findings (multiple heads, missing
  // parents); the graph check shows them with what merging into the target
  // would leave.
  LintOutcome lint;
  std::vector<Finding> lint_findings;  // the lint row's
  run_check(report, "lint", [&] {
    lint = run_lint_checks(args.lint);
    report.fail_on = lint.settings.fail_on;
    report.sources = lint.report.sources;
    report.files_checked = lint.report.files_checked;
    report.checked_units = lint.report.checked_units;
    std::vector<Finding> findings;
    for (const Finding& finding : lint.report.findings) {
      if (!is_graph_finding(finding)) findings.push_back(finding);
    }
    lint_findings = findings;
    return findings;
  });
  run_check(report, "graph", [&] {
    std::vector<Finding> findings;
    for (const Finding& finding : lint.report.findings) {
      // With --against, the merge's heads are reported below, each with the
      // side that already had it: this branch's own are among them.
      bool heads = finding.rule == kMultipleHeads.id && !args.against.empty();
      if (is_graph_finding(finding) && !heads) findings.push_back(finding);
    }
    if (!args.against.empty()) {
      GitHeadsRequest request;
      request.project_directory = args.lint.project.directory;
      request.options = project_options(args.round_trip.project);
      request.against = args.against;
      std::vector<Finding> merge = git_heads(request).findings;
      apply_settings_to_findings(lint.settings, merge);
      findings.insert(findings.end(), merge.begin(), merge.end());
    }
    return findings;
  });
  if (args.no_roundtrip) {
    report.checks.push_back({"roundtrip", CheckStatus::skipped, 0, std::nullopt, "--no-roundtrip"});
  } else {
    // With --since the round trip proves what the branch adds: only those
    // revisions go up, down and up again.
    std::optional<std::set<std::string>> only = revisions_to_check(lint.project, args.round_trip);
    if (only && only->empty()) {
      report.checks.push_back({"roundtrip", CheckStatus::skipped, 0, std::nullopt,
                               "no revision added or changed since " + args.round_trip.since});
    } else {
      RoundTripRequest request = with_configured_setup(args.round_trip, lint.settings);
      if (request.traced()) request.executed_lint = executed_lint_setup(lint);
      run_check(report, "roundtrip", [&] {
        RoundTripOutcome outcome = round_trip_project(lint.project, request, only);
        // The configuration's ignores and severities reach these findings too.
        apply_settings_to_findings(lint.settings, outcome.findings);
        if (request.traced()) {
          MergedFindings merged = merge_executed_lint(lint, lint_findings, outcome);
          replace_lint_findings(report, lint_findings.size(), std::move(merged.static_kept));
          outcome.findings.insert(outcome.findings.end(), merged.observed_added.begin(),
                                  merged.observed_added.end());
        }
        report.trace = std::move(outcome.trace);
        return outcome.findings;
      });
      if (!request.setup_sql.empty()) add_setup_check(report);
    }
  }
  sort_findings(report.findings);
  publish_report(format, report, args.round_trip.verbose);
  if (lint.input_error) return 2;
  return report.failed() ? 1 : 0;
}

}  // namespace

void add_pre_deploy_check_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<PreDeployArguments>();
  CLI::App* command = app.add_subcommand(
      "pre-deploy-check",
      "Graph, lint and round-trip checks of a migration project in one run: exit 1 halts the "
      "deploy");
  // Lint's options but those choosing what to lint (paths, --staged, --rev):
  // the round trip runs the working tree, so the lint reads it too.
  add_project_options(*command, args->lint.project);
  add_since_option(*command, args->lint.project.since);
  add_project_lint_options(*command, args->lint);
  add_finding_options(*command, args->lint.flags);
  add_statement_options(*command, args->lint.flags);
  add_round_trip_options(*command, args->round_trip);
  command->add_option("--against", args->against,
                      "Git ref being deployed onto: merging HEAD into it must leave one head");
  command->add_flag("--no-roundtrip", args->no_roundtrip, "Skip the round trip");
  add_report_format_option(*command, args->format);
  command->callback([args, &exit_code] { exit_code = run_pre_deploy_check(*args); });
}

}  // namespace migcheck
