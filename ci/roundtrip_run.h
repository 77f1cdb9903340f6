#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ci/lint_settings.h"
#include "ci/project_arguments.h"
#include "linter/finding.h"
#include "migrations/migration_set.h"
#include "runner/executed_lint.h"
#include "runner/trace.h"

namespace migcheck {

// How many rows the round trip gives each table by default (`--rows 0` for
// empty tables). The data checks read a table's rows again only when they can
// have changed, so their cost hardly depends on the number: 10 rows cost as
// much as 20 on the round-trip benchmark, and 20 keep it within the 2x of
// plain Alembic a default must stay within (docs/BENCHMARKS.md).
inline constexpr long kDefaultSeedRows = 20;

// How many rows each table gets under --load when neither --rows nor the
// configuration says: enough for a rewrite or an index build to take
// measurably longer than a catalog-only change, few enough to seed quickly.
inline constexpr long kDefaultLoadRows = 10000;

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
  // Rows each table is topped up to before each checked revision (--rows; 0
  // for empty tables), and the seed of the generated values (--seed-value;
  // random when not given, and printed either way).
  std::optional<long> rows;  // kDefaultSeedRows when neither option nor configuration says
  std::optional<uint64_t> seed_value;
  // A pg_dump file restored instead of generated rows (--seed-from); the
  // round trip starts at the revision it is at.
  std::string seed_from;
  // Observe the first upgrade of each checked revision (--trace, --no-trace).
  // Off by default: the round-trip benchmark measured 2.7x plain Alembic with
  // it on a quiet machine, over the 2x bound for a default (docs/BENCHMARKS.md).
  bool trace = false;
  bool verbose = false;  // --verbose: the text report shows the trace
  // When tracing, how the executed statements are linted (the project's lint
  // settings); unset, they are only observed.
  std::optional<ExecutedLintSetup> executed_lint;
  // Application-like load during each traced upgrade (--load, [roundtrip]
  // load): implies the trace, and kDefaultLoadRows rows unless told.
  bool load = false;
  int probes = 2;                       // --probes: sessions per table
  double max_blocked_ms = 100;          // --max-blocked-ms
  std::vector<std::string> table_rows;  // --table-rows: TABLE=ROWS or a JSON file, repeatable
  // Whether the first upgrades are observed: --trace, or --load, which needs it.
  bool traced() const { return trace || load; }
};

// What a round trip found, and what it observed when tracing.
struct RoundTripOutcome {
  std::vector<Finding> findings;
  std::vector<TraceRecord> trace;
  // The lint of the executed statements, before merging with the static
  // lint's findings (ci/observed_lint.h).
  std::vector<Finding> executed_lint;
};

// --rows, --seed-value and --seed-from, for roundtrip and pre-deploy-check.
void add_seed_options(CLI::App& command, RoundTripRequest& request);

// --load, --probes, --max-blocked-ms and --table-rows, for roundtrip and
// pre-deploy-check.
void add_load_options(CLI::App& command, RoundTripRequest& request);

// --setup-sql FILE, repeatable, for roundtrip and pre-deploy-check.
void add_setup_sql_option(CLI::App& command, std::vector<std::string>& files);

// `request` with the configuration's [roundtrip] setup files (shown relative
// to the working directory when below it) before those of --setup-sql, and
// its rows unless --rows was given, and its load unless --load was.
RoundTripRequest with_configured_setup(RoundTripRequest request, const LintSettings& settings);

// The revisions --since asks to check (read from git; InputError for a ref
// that names no commit), or nullopt without it: check them all.
std::optional<std::set<std::string>> revisions_to_check(const MigrationSet& set,
                                                        const RoundTripRequest& request);

// Runs every upgrade and downgrade of `set` on a throwaway PostgreSQL (or a
// scratch database of --database-url), with progress on stderr, and returns
// the round trip's findings, with the trace and its findings when tracing. The setup SQL runs
// first, as a superuser, before the starting schema is recorded; when it fails, its setup-failed
// finding is the only one. With `only`, checks just those revisions and runs the rest once. Throws
// InputError for bad options or a setup file it cannot read.
RoundTripOutcome round_trip_project(const MigrationSet& set, const RoundTripRequest& request,
                                    const std::optional<std::set<std::string>>& only);

}  // namespace migcheck
