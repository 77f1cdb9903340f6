#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "ci/config_toml.h"
#include "ci/project_arguments.h"
#include "ci/project_selection.h"
#include "ci/roundtrip_run.h"
#include "ci/table_rows.h"
#include "linter/input_error.h"
#include "runner/alembic_worker.h"
#include "runner/dump_restore.h"
#include "runner/load_run.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/seeded_data.h"
#include "runner/session.h"
#include "runner/setup_sql.h"
#include "runner/snapshot.h"
#include "runner/sql_applier.h"
#include "runner/trace_recorder.h"

namespace migcheck {

namespace {

// Progress on stderr, saying what is being done in plain words: one line
// rewritten in place on a terminal, with the count of revisions checked and
// the time so far; otherwise a line per step, except a checked revision's
// downgrade and second upgrade (its first line says they follow).
class Progress {
 public:
  explicit Progress(size_t revisions)
      : revisions_(revisions),
        terminal_(isatty(STDERR_FILENO)),
        start_(std::chrono::steady_clock::now()) {}
  ~Progress() {
    if (terminal_ && shown_) std::cerr << "\r\033[K" << std::flush;
  }

  void step(std::string_view step, const std::string& doing) {
    if (step == "upgrade") ++checked_;
    if (terminal_) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      char elapsed[32];
      std::snprintf(elapsed, sizeof elapsed, "%.1f s", seconds);
      std::cerr << "\r\033[Kroundtrip [" << checked_ << "/" << revisions_ << "] " << doing << "  "
                << elapsed << std::flush;
      shown_ = true;
    } else if (step != "downgrade" && step != "upgrade after downgrade") {
      std::cerr << "migcheck roundtrip: " << doing << "\n";
    }
  }

 private:
  size_t revisions_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  size_t checked_ = 0;
  bool shown_ = false;
};

// What --load asks for, read before anything starts (a --table-rows file
// with a mistake stops the run at once); nullopt without --load.
std::optional<LoadOptions> read_load_options(const RoundTripRequest& request) {
  if (!request.load) return std::nullopt;
  LoadOptions options;
  options.probes.sessions_per_table = request.probes;
  options.max_blocked_ms = request.max_blocked_ms;
  options.production_rows = production_rows(request.table_rows);
  return options;
}

// The load probes of --load, said on stderr.
LoadRun& start_load(const LoadOptions& options, const DatabaseEndpoint& endpoint,
                    std::optional<LoadRun>& load) {
  std::cerr << "migcheck roundtrip: --load: " << options.probes.sessions_per_table
            << " application-like sessions per table (reads, inserts and updates rolled back) "
               "run during each checked revision's first upgrade, on the tables it names\n";
  return load.emplace(endpoint.conninfo, options);
}

// The blocked times into the trace's records, and the load's findings.
void add_load_results(const LoadRun& load, RoundTripOutcome& outcome) {
  for (const auto& [index, blocked] : load.blocked()) outcome.trace[index].blocked = blocked;
  outcome.findings.insert(outcome.findings.end(), load.findings().begin(), load.findings().end());
}

// The round trip of the migrations on `session`'s database, through the
// Alembic worker when there is one, else statement by statement.
RoundTripOutcome run_migrations(const MigrationSet& set, const RoundTripRequest& request,
                                const std::optional<std::set<std::string>>& only, Session& session,
                                const DatabaseEndpoint& endpoint,
                                std::unique_ptr<AlembicWorker> worker, const std::string& applied,
                                const std::optional<LoadOptions>& load_options) {
  std::unique_ptr<MigrationApplier> applier;
  if (worker) {
    worker->connect(endpoint);
    applier = std::move(worker);
  } else {
    applier = std::make_unique<SqlApplier>(session.connection());
  }
  Progress progress(only ? only->size() : set.revisions.size());
  RoundTripOptions options;
  // The seeder and the data checks work on a session of their own, whose
  // temporary tables no migration sees.
  std::optional<Session> data_session;
  std::optional<SeededData> data;
  // A restored dump's rows replace the generated ones.
  const long rows = request.seed_from.empty()
                        ? request.rows.value_or(request.load ? kDefaultLoadRows : kDefaultSeedRows)
                        : 0;
  if (rows > 0 || !request.seed_from.empty()) {
    uint64_t seed = request.seed_value ? *request.seed_value : std::random_device{}();
    if (rows > 0) {
      std::cerr << "migcheck roundtrip: topping every table up to " << rows
                << " generated rows before each checked revision, seed " << seed
                << " (--seed-value " << seed << " replays them)\n";
    }
    data_session.emplace(endpoint.conninfo);
    data.emplace(data_session->connection(), rows, seed);
    options.data = &*data;
  }
  options.applied = applied;
  options.from = request.from;
  options.to = request.to;
  options.only = only;
  options.progress = [&](const Revision&, std::string_view step, const std::string& doing) {
    progress.step(step, doing);
  };
  std::optional<TraceRecorder> recorder;
  if (request.traced()) {
    options.trace = &recorder.emplace(endpoint.conninfo, request.executed_lint);
  }
  std::optional<LoadRun> load;
  if (load_options) options.load = &start_load(*load_options, endpoint, load);
  RoundTripOutcome outcome;
  outcome.findings = run_round_trip(
      set, *applier, [&] { return take_snapshot(session.connection()); }, options);
  if (recorder) {
    outcome.trace = recorder->records();
    outcome.findings.insert(outcome.findings.end(), recorder->findings().begin(),
                            recorder->findings().end());
    outcome.executed_lint = recorder->lint_findings();
  }
  if (load) add_load_results(*load, outcome);
  return outcome;
}

}  // namespace

std::optional<std::set<std::string>> revisions_to_check(const MigrationSet& set,
                                                        const RoundTripRequest& request) {
  if (request.since.empty()) return std::nullopt;
  std::vector<std::string> changed = disk_revisions_changed_since(
      set, request.project.directory, project_options(request.project), request.since);
  return std::set<std::string>(changed.begin(), changed.end());
}

void add_setup_sql_option(CLI::App& command, std::vector<std::string>& files) {
  command
      .add_option("--setup-sql", files,
                  "SQL run as a superuser in the round trip's database before the first "
                  "migration: what the platform provides (roles, schemas, extensions); "
                  "repeatable, after the configuration's [roundtrip] setup")
      ->allow_extra_args(false);
}

void add_seed_options(CLI::App& command, RoundTripRequest& request) {
  command
      .add_option("--rows", request.rows,
                  "Top every table up to N generated rows before each checked revision's "
                  "upgrade, and check the data survives downgrade and upgrade (default " +
                      std::to_string(kDefaultSeedRows) +
                      ", or [roundtrip] rows; 0 for empty tables)")
      ->check(CLI::NonNegativeNumber);
  command.add_option("--seed-from", request.seed_from,
                     "Restore this pg_dump file (plain SQL, custom, directory or tar) into the "
                     "throwaway database instead of generating rows, and round-trip from the "
                     "revision it is at to the head");
  command.add_option("--seed-value", request.seed_value,
                     "Seed of the generated rows: replays the rows of an earlier run (each run "
                     "prints its seed)");
}

void add_load_options(CLI::App& command, RoundTripRequest& request) {
  command.add_flag("--load", request.load,
                   "Measure how long application queries would wait: run application-like "
                   "sessions on the tables each checked revision names while its first upgrade "
                   "runs (implies --trace; tables get " +
                       std::to_string(kDefaultLoadRows) + " rows unless --rows says otherwise)");
  command
      .add_option("--probes", request.probes,
                  "With --load: sessions per table (default 2, 2 to 16)")
      ->check(CLI::Range(2, 16));
  command
      .add_option("--max-blocked-ms", request.max_blocked_ms,
                  "With --load: application queries blocked longer than this by one statement "
                  "are a blocks-application-queries finding (default 100)")
      ->check(CLI::NonNegativeNumber);
  command.add_option("--table-rows", request.table_rows,
                     "With --load: production's rows of a table, TABLE=ROWS (orders=50000000) or "
                     "a JSON file of them (as pg_class.reltuples gives); the blocked times are "
                     "then also estimated for those sizes. Repeatable");
}

RoundTripRequest with_configured_setup(RoundTripRequest request, const LintSettings& settings) {
  std::vector<std::string> setup;
  for (const std::filesystem::path& file : settings.roundtrip_setup) {
    setup.push_back(display_path(file));
  }
  setup.insert(setup.end(), request.setup_sql.begin(), request.setup_sql.end());
  request.setup_sql = std::move(setup);
  if (!request.rows) request.rows = settings.roundtrip_rows;
  request.load = request.load || settings.roundtrip_load;
  return request;
}

RoundTripOutcome round_trip_project(const MigrationSet& set, const RoundTripRequest& request,
                                    const std::optional<std::set<std::string>>& only) {
  if (request.allow_destructive && request.database_url.empty()) {
    throw InputError("--allow-destructive needs --database-url");
  }
  // The probes' writes are rolled back, but their load and their locks reach
  // whoever else uses that server.
  if (request.load && !request.database_url.empty() && !request.allow_destructive) {
    throw InputError(
        "--load runs application-like queries: on a server migcheck did not start it needs "
        "--allow-destructive as well as --database-url");
  }
  const std::optional<LoadOptions> load = read_load_options(request);
  // Read before anything starts, so a missing file stops the run at once.
  std::vector<SqlUnit> setup;
  for (const std::string& path : request.setup_sql) setup.push_back(read_setup_sql(path));
  DatabaseOptions database_options;
  database_options.database_url = request.database_url;
  database_options.allow_destructive = request.allow_destructive;
  database_options.cluster.pg_bin = request.pg_bin;
  // Python's imports take a while: the worker starts on them first, and the
  // database starts meanwhile.
  std::unique_ptr<AlembicWorker> worker;
  if (set.format == MigrationFormat::alembic) {
    AlembicOptions alembic;
    alembic.project_dir = std::filesystem::absolute(request.project.directory).string();
    // The configuration the reader found (migrations/alembic.ini in a
    // Flask-Migrate app), and the script directory when it names none.
    if (!set.alembic_config.empty()) alembic.ini_file = set.alembic_config;
    alembic.script_location = set.implied_script_location;
    alembic.ini_section = request.project.name;
    alembic.x_arguments = request.x_arguments;
    worker = std::make_unique<AlembicWorker>(alembic);
  }
  RoundTripDatabase database(database_options);
  RoundTripOutcome outcome;
  {
    // What the platform provides exists before the first migration and before
    // the starting schema is recorded, so it is no revision's doing. Its own
    // session: a SET in a setup file does not reach the migrations.
    std::optional<Finding> failed_setup;
    if (!setup.empty()) {
      Session setup_session(database.endpoint().conninfo);
      failed_setup = run_setup_sql(setup_session.connection(), setup);
    }
    if (failed_setup) {
      outcome.findings.push_back(std::move(*failed_setup));
    } else {
      std::string applied;
      if (!request.seed_from.empty()) {
        std::cerr << "migcheck roundtrip: restoring " << request.seed_from << "\n";
        restore_dump(request.seed_from, request.pg_bin, database.endpoint());
      }
      Session session(database.endpoint().conninfo);
      if (!request.seed_from.empty()) {
        applied = dump_revision(session.connection(), set, request.seed_from);
        std::cerr << "migcheck roundtrip: the dump is at revision " << applied << "\n";
      }
      outcome = run_migrations(set, request, only, session, database.endpoint(), std::move(worker),
                               applied, load);
    }
  }  // the sessions end before the scratch database is dropped
  database.close();
  return outcome;
}

}  // namespace migcheck
