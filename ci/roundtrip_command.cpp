#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "ci/commands.h"
#include "ci/project_arguments.h"
#include "ci/report.h"
#include "linter/input_error.h"
#include "runner/alembic_worker.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/roundtrip_rules.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/sql_applier.h"

namespace migcheck {

namespace {

struct RoundTripArguments {
  ProjectArguments project;
  std::string from;
  std::string to;
  std::string pg_bin;
  std::string database_url;
  bool allow_destructive = false;
  std::vector<std::string> x_arguments;
  std::string format = "text";
};

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

int run_roundtrip(const RoundTripArguments& args) {
  OutputFormat format;
  if (!parse_output_format(args.format, format)) {
    throw InputError("--format: unknown format '" + args.format + "'");
  }
  if (args.allow_destructive && args.database_url.empty()) {
    throw InputError("--allow-destructive needs --database-url");
  }
  MigrationSet set = load_project_arguments(args.project);
  print_graph_problems(set, std::cerr);

  DatabaseOptions database_options;
  database_options.database_url = args.database_url;
  database_options.allow_destructive = args.allow_destructive;
  database_options.cluster.pg_bin = args.pg_bin;
  RoundTripDatabase database(database_options);
  Session session(database.endpoint().conninfo);
  std::unique_ptr<MigrationApplier> applier;
  if (set.format == MigrationFormat::alembic) {
    AlembicOptions alembic;
    alembic.project_dir = std::filesystem::absolute(args.project.directory).string();
    alembic.ini_file = args.project.config;
    alembic.ini_section = args.project.name;
    alembic.x_arguments = args.x_arguments;
    applier = std::make_unique<AlembicWorker>(alembic, database.endpoint());
  } else {
    applier = std::make_unique<SqlApplier>(session.connection());
  }

  Report report;
  {
    Progress progress(set.revisions.size());
    RoundTripOptions options;
    options.from = args.from;
    options.to = args.to;
    options.progress = [&](const Revision& revision, std::string_view step) {
      progress.step(revision, step);
    };
    report.findings = run_round_trip(
        set, *applier, [&] { return take_snapshot(session.connection()); }, options);
  }
  applier.reset();
  database.close();

  report.files_checked = set.revisions.size();
  report.rules = round_trip_rules();
  collect_sources(set, report);
  sort_findings(report.findings);
  const char* no_color = std::getenv("NO_COLOR");
  RenderOptions render{.color = isatty(STDOUT_FILENO) && !(no_color && *no_color)};
  render_report(format, report, render, std::cout);
  return report.findings.empty() ? 0 : 1;
}

}  // namespace

void add_roundtrip_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RoundTripArguments>();
  CLI::App* command = app.add_subcommand(
      "roundtrip",
      "Run every upgrade and downgrade on a throwaway PostgreSQL and check each downgrade "
      "undoes its upgrade");
  add_project_options(*command, args->project);
  command->add_option("--from", args->from,
                      "Check from this revision on (the revisions before it run once)");
  command->add_option("--to", args->to, "Stop after this revision");
  command->add_option("--pg-bin", args->pg_bin,
                      "PostgreSQL server binaries (default: /usr/lib/postgresql/15/bin, then "
                      "pg_config --bindir)");
  command->add_option("--database-url", args->database_url,
                      "Use this server instead of a throwaway one: a scratch database "
                      "migcheck_<random> is created there and dropped");
  command->add_flag("--allow-destructive", args->allow_destructive,
                    "With --database-url, run in the URL's own database instead of a scratch one");
  command->add_option("-x", args->x_arguments,
                      "KEY=VALUE passed to Alembic's env.py (context.get_x_argument)");
  command->add_option("--format", args->format,
                      "Output: text, json, github, sarif, gitlab, junit, markdown");
  command->callback([args, &exit_code] { exit_code = run_roundtrip(*args); });
}

}  // namespace migcheck
