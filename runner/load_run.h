#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "linter/finding.h"
#include "migrations/migration_set.h"
#include "runner/blocking_attribution.h"
#include "runner/probes.h"
#include "runner/session.h"
#include "runner/statement_listener.h"
#include "runner/trace_recorder.h"

namespace migcheck {

struct LoadOptions {
  ProbeOptions probes;          // --probes: sessions per table
  double max_blocked_ms = 100;  // --max-blocked-ms: longer is a blocks-application-queries finding
  // --table-rows: production's rows by qualified table, for estimates.
  std::map<std::string, double> production_rows;
};

// Application-like load during each traced upgrade (--load): the probes
// (runner/probes.h) run on the tables the revision's up migration names that
// exist when its first statement starts, and stop when the upgrade ends. It
// listens in front of the trace recorder, passing every statement on, so it
// knows when each statement ran and when the migration waited for the
// observer; their blocked time then goes to the trace's records.
class LoadRun : public StatementListener {
 public:
  LoadRun(const std::string& conninfo, const LoadOptions& options);
  ~LoadRun() override;

  // Around one revision's traced upgrade: begin() returns the listener the
  // migration tells its statements to; end() stops the probes (closing every
  // session) and measures.
  StatementListener& begin(const Revision& revision, TraceRecorder& trace);
  void end();

  void starting(int backend_pid) override;
  void executed(const ExecutedStatement& statement) override;
  void transaction_ended(int backend_pid, double clock_ms) override;

  // By the index of the trace's record: how long each probed table's reads
  // and writes waited because of that statement.
  const std::map<size_t, std::vector<BlockedTime>>& blocked() const { return blocked_; }
  // blocks-application-queries and waited-for-application-queries.
  const std::vector<Finding>& findings() const { return findings_; }

 private:
  // Runs `listen`, counting its time as the migration's pause.
  template <typename Listen>
  void paused(Listen&& listen);
  void start_probes(int backend_pid);
  // `working`: `time` less what the probes waited while the migration
  // itself waited for a probe.
  void estimate(size_t record, BlockedTime& time, const BlockedTime& working) const;
  void report(const std::map<size_t, std::vector<BlockedTime>>& blocked);
  void report_waits(const std::vector<MigrationWait>& waits);

  std::string conninfo_;
  LoadOptions options_;
  Session catalog_;  // finds the tables to probe and counts their rows
  TraceRecorder* trace_ = nullptr;
  std::string revision_;
  Location fallback_;                 // where a finding points when no traced statement does
  std::vector<std::string> named_;    // the tables the up migration names, qualified
  std::vector<std::string> tables_;   // those that exist, as probed
  std::map<std::string, long> rows_;  // rows each had when the probes started
  std::unique_ptr<LoadProbes> probes_;
  std::vector<StatementWindow> statements_;
  std::vector<TimeInterval> paused_;
  std::map<size_t, std::vector<BlockedTime>> blocked_;
  std::vector<Finding> findings_;
};

}  // namespace migcheck
