#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ci/lint_settings.h"
#include "ci/project_arguments.h"
#include "linter/finding.h"
#include "migrations/migration_set.h"

namespace migcheck {

// Where and how to run a project's round trip.
struct RoundTripRequest {
  ProjectArguments project;
  std::string from;
  std::string to;
  std::string since;  // check only revisions added or changed since the merge base with this ref
  std::string pg_bin;
  std::string database_url;
  bool allow_destructive = false;
  std::vector<std::string> x_arguments;
  // SQL files run before the first migration, in order: the configuration's
  // [roundtrip] setup, then --setup-sql (with_configured_setup joins them).
  std::vector<std::string> setup_sql;
};

// --setup-sql FILE, repeatable, for roundtrip and pre-deploy-check.
void add_setup_sql_option(CLI::App& command, std::vector<std::string>& files);

// `request` with the configuration's [roundtrip] setup files (shown relative
// to the working directory when below it) before those of --setup-sql.
RoundTripRequest with_configured_setup(RoundTripRequest request, const LintSettings& settings);

// The revisions --since asks to check (read from git; InputError for a ref
// that names no commit), or nullopt without it: check them all.
std::optional<std::set<std::string>> revisions_to_check(const MigrationSet& set,
                                                        const RoundTripRequest& request);

// Runs every upgrade and downgrade of `set` on a throwaway PostgreSQL (or a
// scratch database of --database-url), with progress on stderr, and returns
// the round trip's findings. The setup SQL runs first, as a superuser, before
// the starting schema is recorded; when it fails, its setup-failed finding is
// the only one. With `only`, checks just those revisions and runs the rest
// once. Throws InputError for bad options or a setup file it cannot read.
std::vector<Finding> round_trip_project(const MigrationSet& set, const RoundTripRequest& request,
                                        const std::optional<std::set<std::string>>& only);

}  // namespace migcheck
