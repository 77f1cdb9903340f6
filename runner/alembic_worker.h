#pragma once
#include <sys/types.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runner/cluster.h"
#include "runner/migration_applier.h"

namespace migcheck {

struct AlembicOptions {
  std::string project_dir;  // where alembic.ini is resolved from (Alembic's working directory)
  std::string ini_file = "alembic.ini";
  std::string ini_section = "alembic";  // --name
  // The script directory, relative to project_dir, when the configuration does
  // not name it (Flask-Migrate's layout): set as Flask-Migrate sets it.
  std::string script_location;
  std::vector<std::string> x_arguments;  // -x KEY=VALUE, passed through
};

// One long-lived Python process running the real Alembic command API against
// the round trip's database, so Python and the project's imports load once
// per run rather than once per step. The Python is the first of `python3` on
// PATH and /usr/bin/python3 that can import alembic.
class AlembicWorker : public MigrationApplier {
 public:
  // Starts Python on Alembic's imports, which take a while: the database can
  // start meanwhile, and connect() then points the worker at it.
  explicit AlembicWorker(const AlembicOptions& options);
  AlembicWorker(const AlembicOptions& options, const DatabaseEndpoint& database);
  ~AlembicWorker() override;
  AlembicWorker(const AlembicWorker&) = delete;
  AlembicWorker& operator=(const AlembicWorker&) = delete;

  // Gives the worker the database and waits until it is ready. Throws
  // InputError when no candidate Python can import alembic, or Alembic's
  // configuration cannot be made from the ini.
  void connect(const DatabaseEndpoint& database);

  // Each step below throws InputError, naming the file and line, when it
  // fails before its first migration began: env.py's imports or
  // configuration, a revision file's imports, the ini's (a StepFailure is a
  // migration's failure).

  // `alembic upgrade REV` / `alembic downgrade REV`.
  std::optional<StepFailure> request(const std::string& verb, const std::string& revision);

  std::optional<StepFailure> upgrade(const Revision& revision) override;
  // Exactly this revision's downgrade(), with Alembic's version bookkeeping.
  std::optional<StepFailure> downgrade(const Revision& revision) override;
  // Exactly these revisions, in one run of env.py as one `alembic upgrade` or
  // `alembic downgrade` would, across branches and merges too.
  std::optional<BatchFailure> upgrade_all(const std::vector<const Revision*>& revisions) override;
  std::optional<BatchFailure> downgrade_all(const std::vector<const Revision*>& applied) override;

 private:
  // One Python process and its pipes.
  struct Process {
    std::string python;
    pid_t pid = 0;
    int requests = -1;
    int answers = -1;
    std::FILE* log = nullptr;  // its stderr, unlinked
    std::string buffer;        // answers read but not yet consumed
  };
  Process spawn(const std::string& python) const;
  static std::string read_line(Process& process);
  // Ends the process: closing its requests ends its loop; `kill` does not wait for that.
  static void end(Process& process, bool kill);

  // Starts the first candidate Python that has alembic; InputError when none has.
  void start();
  // True (and the worker ended) when `answer` says alembic did not import.
  bool no_alembic(const nlohmann::json& answer, Process& process);
  // Sends one request ("VERB REV...") and reads its answer; with a listener,
  // tells it each statement of `running` (the revisions the request runs)
  // before reading on.
  nlohmann::json exchange(const std::string& verb, const std::string& revisions,
                          const std::vector<const Revision*>& running);
  ExecutedStatement executed_statement(const nlohmann::json& told,
                                       const std::vector<const Revision*>& running) const;
  std::optional<StepFailure> failure_of(const nlohmann::json& answer,
                                        const Revision* revision) const;
  // A batch's failure, at the revision the worker's traceback names.
  std::optional<BatchFailure> batch_failure_of(const nlohmann::json& answer,
                                               const std::vector<const Revision*>& batch) const;
  [[noreturn]] void fail_dead(const std::string& doing);

  AlembicOptions options_;
  std::vector<std::string> candidates_;  // Pythons not chosen yet, in order of preference
  Process worker_;
  std::string import_error_;
};

}  // namespace migcheck
