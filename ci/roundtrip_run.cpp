#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "ci/project_arguments.h"
#include "ci/project_selection.h"
#include "ci/roundtrip_run.h"
#include "linter/input_error.h"
#include "runner/alembic_worker.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/sql_applier.h"

namespace migcheck {

namespace {

// Progress on stderr: one line rewritten in place on a terminal, with the
// step, the revision and the time so far; otherwise a plain line per revision
// and one for each phase of the end.
class Progress {
 public:
  explicit Progress(size_t revisions)
      : revisions_(revisions),
        terminal_(isatty(STDERR_FILENO)),
        start_(std::chrono::steady_clock::now()) {}
  ~Progress() {
    if (terminal_ && shown_) std::cerr << "\r\033[K" << std::flush;
  }

  void step(const Revision& revision, std::string_view step) {
    if (step == "upgrade") ++checked_;
    if (terminal_) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      char elapsed[32];
      std::snprintf(elapsed, sizeof elapsed, "%.1f s", seconds);
      std::cerr << "\r\033[Kroundtrip [" << checked_ << "/" << revisions_ << "] " << step << " "
                << revision.id << "  " << elapsed << std::flush;
      shown_ = true;
    } else if (step == "upgrade" || (step != last_ && !inside_revision(step))) {
      std::cerr << "migcheck roundtrip: " << step << " " << revision.id << "\n";
    }
    last_ = step;
  }

 private:
  // The steps after a revision's first upgrade: not worth a line each in a log.
  static bool inside_revision(std::string_view step) {
    return step == "downgrade" || step == "upgrade after downgrade";
  }

  size_t revisions_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  size_t checked_ = 0;
  bool shown_ = false;
  std::string last_;
};

}  // namespace

std::optional<std::set<std::string>> revisions_to_check(const MigrationSet& set,
                                                        const RoundTripRequest& request) {
  if (request.since.empty()) return std::nullopt;
  std::vector<std::string> changed = disk_revisions_changed_since(
      set, request.project.directory, project_options(request.project), request.since);
  return std::set<std::string>(changed.begin(), changed.end());
}

std::vector<Finding> round_trip_project(const MigrationSet& set, const RoundTripRequest& request,
                                        const std::optional<std::set<std::string>>& only) {
  if (request.allow_destructive && request.database_url.empty()) {
    throw InputError("--allow-destructive needs --database-url");
  }
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
  std::vector<Finding> findings;
  {
    Session session(database.endpoint().conninfo);
    std::unique_ptr<MigrationApplier> applier;
    if (worker) {
      worker->connect(database.endpoint());
      applier = std::move(worker);
    } else {
      applier = std::make_unique<SqlApplier>(session.connection());
    }
    Progress progress(only ? only->size() : set.revisions.size());
    RoundTripOptions options;
    options.from = request.from;
    options.to = request.to;
    options.only = only;
    options.progress = [&](const Revision& revision, std::string_view step) {
      progress.step(revision, step);
    };
    findings = run_round_trip(
        set, *applier, [&] { return take_snapshot(session.connection()); }, options);
  }  // the sessions end before the scratch database is dropped
  database.close();
  return findings;
}

}  // namespace migcheck
