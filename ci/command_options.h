#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "ci/lint_run.h"
#include "ci/lint_settings.h"
#include "ci/roundtrip_run.h"

namespace migcheck {

// The option groups several subcommands share, each declared once so that an
// option means the same wherever it is accepted: pre-deploy-check runs lint
// and the round trip, so it takes their groups. README.md's options table is
// checked against these declarations (tests/ci/readme_options_test.cpp).

// --format for finding reports: text, json, github, sarif, gitlab, junit,
// markdown (lint, roundtrip, pre-deploy-check).
void add_report_format_option(CLI::App& command, std::string& format);

// --since REF: check only the revisions added or changed since the merge base
// with REF (lint, roundtrip, pre-deploy-check).
void add_since_option(CLI::App& command, std::string& ref);

// Which findings count and how: --select, --ignore (squawk's -e/--exclude),
// --fail-on and --config (lint, roundtrip, pre-deploy-check).
void add_finding_options(CLI::App& command, LintFlags& flags);

// Which rules run: --select, --ignore and --config, the part of the finding
// options that `fix` takes (it fails on nothing but what it fixes).
void add_rule_choice_options(CLI::App& command, LintFlags& flags);

// How statements are read: --pg-version (squawk's "13.0" too) and
// --assume-in-transaction (lint, pre-deploy-check).
void add_statement_options(CLI::App& command, LintFlags& flags);

// A project's lint: --sql-source, --include-downgrades, --baseline and
// --write-baseline (lint, pre-deploy-check).
void add_project_lint_options(CLI::App& command, LintArguments& arguments);

// Where and how the round trip runs: --from, --to, --pg-bin, --database-url,
// --allow-destructive, -x and --setup-sql (roundtrip, pre-deploy-check).
void add_round_trip_options(CLI::App& command, RoundTripRequest& request);

}  // namespace migcheck
