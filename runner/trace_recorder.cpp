#include "runner/trace_recorder.h"

#include <algorithm>

#include "linter/big_stack_thread.h"
#include "linter/lock_level.h"
#include "linter/statement_parser.h"
#include "runner/live_catalog.h"
#include "runner/roundtrip_rules.h"
#include "runner/trace_text.h"

namespace migcheck {
namespace {

Finding finding_of(const Rule& rule, const TraceRecord& record, std::string message) {
  Finding finding;
  finding.rule = rule.id;
  finding.severity = rule.severity;
  finding.message = std::move(message);
  finding.help = HelpText::fixed(rule.safe_alternative);
  finding.location = record.location;
  finding.revision = record.revision;
  return finding;
}

// Whether the statement's time grows with the rows of a table that existed
// before the revision: what the linter calls long work (an index build, a
// validation scan, a rewrite, a data change), judged against the schema from
// before the revision, or a rewrite PostgreSQL was seen doing (which alone
// decides for column type changes).
// A column type change either rewrites the table, which the observer sees, or
// changes only the catalog; the linter, reading SQL alone, must assume the
// rewrite, but here the record says which it was.
bool only_type_changes(const Statement& statement) {
  if (statement.type != "AlterTableStmt") return false;
  for (const JsonNode& cmd : statement.body["cmds"]) {
    if (cmd.body()["subtype"].str() != "AT_AlterColumnType") return false;
  }
  return true;
}

// Judges the record's statements against `schema`, the schema as the
// revision's earlier statements left it (so a table the revision created is
// new, and work on it quick), then applies them to it.
bool slow_work(const TraceRecord& record, Catalog& schema, int pg_version) {
  const std::string sql = sql_with_parameters_as_null(record);
  bool slow = !record.rewrites.empty();
  run_with_big_stack([&] {
    parse_statements(sql, [&](const ParsedStatement& parsed) {
      Statement statement(parsed, sql, 0);
      slow = slow || (!only_type_changes(statement) && runs_long(statement, schema, pg_version));
      schema.apply(statement);
    });
  });
  return slow;
}

}  // namespace

TraceRecorder::TraceRecorder(const std::string& conninfo, std::optional<ExecutedLintSetup> lint)
    : catalog_(conninfo),
      observer_(conninfo),
      lint_(std::move(lint)),
      pg_version_(catalog_.connection().server_version() / 10000) {}

void TraceRecorder::begin(const Revision&) {
  watched_pid_ = 0;  // the next statement's backend is watched afresh
  revision_first_ = records_.size();
  made_in_revision_.clear();
  run_with_big_stack([&] { before_ = live_catalog(catalog_.connection()); });
  if (lint_) before_.set_connection_settings(lint_->environment);
  during_ = before_;
}

bool TraceRecorder::existed_before(const std::string& relation) const {
  // A table the revision dropped and made again under the same name is new.
  return before_.table(relation) != nullptr && !made_in_revision_.count(relation);
}

void TraceRecorder::end() {
  while (!open_.empty()) close(open_.begin()->first, open_.begin()->second.last_clock_ms);
  if (lint_) lint_revision();
}

void TraceRecorder::lint_revision() {
  const std::vector<TraceRecord> revision(records_.begin() + static_cast<long>(revision_first_),
                                          records_.end());
  std::vector<Finding> found;
  run_with_big_stack(
      [&] { found = lint_executed(revision, std::move(before_), lint_->rules, lint_->options); });
  lint_findings_.insert(lint_findings_.end(), found.begin(), found.end());
}

void TraceRecorder::starting(int backend_pid) {
  if (backend_pid == watched_pid_) return;
  observer_.watch(backend_pid);
  watched_pid_ = backend_pid;
  // What its transaction holds already (Alembic's read of its version table
  // before the revision runs) is no statement's doing.
  std::set<std::pair<std::string, std::string>> held;
  for (const HeldLock& lock : observer_.read().locks) {
    if (lock.granted) held.emplace(lock.relation, lock.mode);
  }
  open_[backend_pid].held = std::move(held);
}

void TraceRecorder::executed(const ExecutedStatement& statement) {
  starting(statement.backend_pid);
  double started_ms = statement.clock_ms - statement.duration_ms;
  // A transaction the statement ended itself (a COMMIT in the migration's SQL)
  // ended before it.
  if (!statement.in_transaction && open_.count(statement.backend_pid)) {
    close(statement.backend_pid, started_ms);
  }
  ObservedStep step = observer_.read();
  made_in_revision_.insert(step.created.begin(), step.created.end());
  TraceRecord record;
  record.revision = statement.revision;
  record.location = statement.location;
  record.sql = statement.sql;
  record.parameters = statement.parameters;
  record.in_transaction = statement.in_transaction;
  record.duration_ms = statement.duration_ms;
  record.rewrites = step.rewritten;
  Transaction& transaction = open_[statement.backend_pid];
  std::set<std::pair<std::string, std::string>> held;
  for (const HeldLock& lock : step.locks) {
    if (!lock.granted) continue;
    held.emplace(lock.relation, lock.mode);
    if (!transaction.held.count({lock.relation, lock.mode})) {
      record.locks.push_back(
          TracedLock{lock.relation, lock.mode, 0, made_in_revision_.count(lock.relation) > 0});
    }
  }
  transaction.held = std::move(held);
  transaction.records.push_back(records_.size());
  transaction.started_ms.push_back(started_ms);
  transaction.last_clock_ms = statement.clock_ms;
  slow_.push_back(slow_work(record, during_, pg_version_));
  records_.push_back(std::move(record));
  // In autocommit the statement was its own transaction.
  if (!statement.in_transaction) close(statement.backend_pid, statement.clock_ms);
}

void TraceRecorder::transaction_ended(int backend_pid, double clock_ms) {
  if (open_.count(backend_pid)) close(backend_pid, clock_ms);
}

void TraceRecorder::close(int backend_pid, double clock_ms) {
  auto found = open_.find(backend_pid);
  Transaction transaction = std::move(found->second);
  open_.erase(found);
  for (size_t i = 0; i < transaction.records.size(); ++i) {
    TraceRecord& record = records_[transaction.records[i]];
    for (TracedLock& lock : record.locks) lock.held_ms = clock_ms - transaction.started_ms[i];
  }
  for (size_t index : transaction.records) report_rewrites(records_[index], transaction);
  report_held_locks(transaction);
}

void TraceRecorder::report_rewrites(const TraceRecord& record, const Transaction& transaction) {
  for (const std::string& relation : record.rewrites) {
    if (!existed_before(relation)) continue;
    // The strongest lock the transaction took on the table up to this
    // statement, and how long it kept it.
    const TracedLock* lock = nullptr;
    for (size_t index : transaction.records) {
      for (const TracedLock& taken : records_[index].locks) {
        if (taken.relation == relation &&
            (lock == nullptr || lock_strength(taken.mode) > lock_strength(lock->mode))) {
          lock = &taken;
        }
      }
      if (&records_[index] == &record) break;
    }
    std::string message = "`" + sql_excerpt(record.sql) + "` rewrote " + relation +
                          ", a table that existed before the migration";
    if (lock != nullptr) {
      message += ", holding " + lock_mode_words(lock->mode) + " on it for " +
                 milliseconds_text(lock->held_ms);
    }
    Finding finding = finding_of(kTableRewritten, record, message);
    finding.evidence.emplace_back("rewritten", relation);
    if (lock != nullptr) {
      finding.evidence.emplace_back("lock", lock->mode);
      finding.evidence.emplace_back("lock_held_ms", milliseconds_text(lock->held_ms));
    }
    finding.evidence.emplace_back("duration_ms", milliseconds_text(record.duration_ms));
    findings_.push_back(std::move(finding));
  }
}

void TraceRecorder::report_held_locks(const Transaction& transaction) {
  // The strongest mode taken so far on each table: a weaker or equal one
  // taken later (an index rebuild's SHARE under ACCESS EXCLUSIVE) makes no
  // one wait longer.
  std::map<std::string, int> strongest;
  std::vector<char> slow;  // of the transaction's records
  for (size_t index : transaction.records) slow.push_back(slow_[index]);
  for (size_t i = 0; i + 1 < transaction.records.size(); ++i) {
    const TraceRecord& record = records_[transaction.records[i]];
    // Quick statements after the lock (a nullable ADD COLUMN, a NOT VALID
    // constraint) keep it for milliseconds on any table size: the hazard is
    // the slow work done while it is held, as the linter's
    // holding-exclusive-lock says before the run.
    if (std::find(slow.begin() + static_cast<long>(i) + 1, slow.end(), 1) == slow.end()) continue;
    for (const TracedLock& lock : record.locks) {
      if (!blocks_reads_or_writes(lock.mode) || !existed_before(lock.relation)) continue;
      int& before = strongest[lock.relation];
      if (lock_strength(lock.mode) <= before) continue;
      before = lock_strength(lock.mode);
      std::string later;
      std::vector<std::string> slow_positions;
      for (size_t j = i + 1; j < transaction.records.size(); ++j) {
        if (!slow[j]) continue;
        TraceRecord& next = records_[transaction.records[j]];
        next.slow_under_held_lock = true;
        slow_positions.push_back(statement_position(next.location));
        later += (later.empty() ? "" : "; ") + slow_positions.back() + " `" +
                 sql_excerpt(next.sql) + "` (" + milliseconds_text(next.duration_ms) + ")";
      }
      size_t slow_count = slow_positions.size();
      size_t count = transaction.records.size() - i - 1;
      Finding finding = finding_of(
          kExclusiveLockHeld, record,
          lock_mode_words(lock.mode) + " lock on " + lock.relation + " taken by `" +
              sql_excerpt(record.sql) + "` was held for " + milliseconds_text(lock.held_ms) +
              ", across " + std::to_string(count) + " later statement" + (count == 1 ? "" : "s") +
              " of the same transaction, " + std::to_string(slow_count) +
              " of them slow work whose time grows with the table's rows: " + later);
      finding.evidence.emplace_back("lock", lock.mode);
      finding.evidence.emplace_back("relation", lock.relation);
      finding.evidence.emplace_back("lock_held_ms", milliseconds_text(lock.held_ms));
      finding.evidence.emplace_back("later_statements", std::to_string(count));
      finding.evidence.emplace_back("slow_statements", std::to_string(slow_count));
      std::string positions;
      for (const std::string& position : slow_positions) {
        positions += (positions.empty() ? "" : "; ") + position;
      }
      finding.evidence.emplace_back("slow_statements_at", positions);
      findings_.push_back(std::move(finding));
    }
  }
}

}  // namespace migcheck
