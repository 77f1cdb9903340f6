#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "linter/catalog.h"
#include "linter/finding.h"
#include "migrations/migration_set.h"
#include "runner/executed_lint.h"
#include "runner/observer.h"
#include "runner/session.h"
#include "runner/statement_listener.h"
#include "runner/trace.h"

namespace migcheck {

// Turns the statements a migration executes into TraceRecords: after each
// one, while its transaction is still open, the Observer reads the locks its
// backend holds and the relations rewritten since the previous read. A record
// keeps the lock modes the statement newly took per relation (a mode its
// transaction already held is not taken again), each held from the
// statement's start until its transaction's COMMIT or ROLLBACK. A statement
// in autocommit has released its locks before the observer can read them:
// its record has rewrites but no locks. At each transaction's end the records
// give the observation-only findings, table-rewritten and
// exclusive-lock-held, about tables that existed before the revision.
// With an ExecutedLintSetup, each revision's statements are also linted, from
// the live catalog read just before it (runner/executed_lint.h).
class TraceRecorder : public StatementListener {
 public:
  explicit TraceRecorder(const std::string& conninfo,
                         std::optional<ExecutedLintSetup> lint = std::nullopt);

  // Around one revision's traced step: begin() reads the schema that exists
  // before it; end() closes what is still open (a failed step's transaction).
  void begin(const Revision& revision);
  void end();

  void starting(int backend_pid) override;
  void executed(const ExecutedStatement& statement) override;
  void transaction_ended(int backend_pid, double clock_ms) override;

  const std::vector<TraceRecord>& records() const { return records_; }
  const std::vector<Finding>& findings() const { return findings_; }
  // What linting the executed statements found (empty without a setup).
  const std::vector<Finding>& lint_findings() const { return lint_findings_; }

 private:
  // The records of one backend's open transaction, and the locks it holds.
  struct Transaction {
    std::vector<size_t> records;  // indexes into records_
    std::vector<double> started_ms;
    std::set<std::pair<std::string, std::string>> held;  // (relation, mode)
    double last_clock_ms = 0;
  };
  void close(int backend_pid, double clock_ms);
  void report_rewrites(const TraceRecord& record, const Transaction& transaction);
  void report_held_locks(const Transaction& transaction);

  void lint_revision();
  // Whether a table (schema-qualified, as pg_class names it) existed before
  // the revision and is not one the revision made (what TracedLock's
  // on_new_relation says of any relation): the observation-only findings are
  // about those alone.
  bool existed_before(const std::string& relation) const;

  Session catalog_;  // reads the live catalog before each revision
  Observer observer_;
  std::optional<ExecutedLintSetup> lint_;
  int pg_version_;             // the server's major version
  Catalog before_;             // the schema before the revision
  Catalog during_;             // the schema as the revision's statements so far left it
  size_t revision_first_ = 0;  // the revision's first record in records_
  // Relations the revision's statements made so far (the observer saw them appear).
  std::set<std::string> made_in_revision_;
  int watched_pid_ = 0;
  std::map<int, Transaction> open_;
  std::vector<TraceRecord> records_;
  std::vector<char> slow_;  // for each record: whether it did slow work
  std::vector<Finding> findings_;
  std::vector<Finding> lint_findings_;
};

}  // namespace migcheck
