#pragma once
#include <string>
#include <vector>

#include "ci/project_arguments.h"
#include "linter/finding.h"
#include "migrations/migration_set.h"

namespace migcheck {

// Where and how to run a project's round trip.
struct RoundTripRequest {
  ProjectArguments project;
  std::string from;
  std::string to;
  std::string pg_bin;
  std::string database_url;
  bool allow_destructive = false;
  std::vector<std::string> x_arguments;
};

// Runs every upgrade and downgrade of `set` on a throwaway PostgreSQL (or a
// scratch database of --database-url), with progress on stderr, and returns
// the round trip's findings. Throws InputError for bad options.
std::vector<Finding> round_trip_project(const MigrationSet& set, const RoundTripRequest& request);

}  // namespace migcheck
