#include "runner/load_run.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "linter/big_stack_thread.h"
#include "linter/catalog.h"
#include "linter/lint_options.h"
#include "linter/lock_level.h"
#include "linter/relation_name.h"
#include "linter/statement_parser.h"
#include "runner/roundtrip_rules.h"
#include "runner/trace_text.h"

namespace migcheck {
namespace {

using Clock = std::chrono::steady_clock;

// Long enough for every probe to have sent its first query before the
// migration's first statement (the migration is paused meanwhile).
constexpr std::chrono::milliseconds kWarmUp{50};

// The tables and other relations `units` name, qualified, once each in the
// order they first appear: what the static reading says the migration touches.
std::vector<std::string> relations_named(const std::vector<SqlUnit>& units) {
  std::vector<std::string> named;
  run_with_big_stack([&] {
    for (const SqlUnit& unit : units) {
      parse_statements(
          unit.sql, [&](const ParsedStatement& parsed) { collect_relations(parsed.stmt, named); });
    }
  });
  std::vector<std::string> once;
  for (std::string& name : named) {
    if (std::find(once.begin(), once.end(), name) == once.end()) once.push_back(std::move(name));
  }
  return once;
}

// Where a finding about the revision points when no statement of its trace
// does: its first up statement, else its file.
Location first_statement(const Revision& revision) {
  for (const SqlUnit& unit : revision.up) {
    if (unit.map.file() != nullptr && !unit.sql.empty()) return unit.map.locate(0, 0);
  }
  return Location{revision.file, 1, 1, 1, 1};
}

// Calls `read` with the linter's reading of each statement in `sql`.
template <typename Read>
void for_each_statement(const std::string& sql, Read&& read) {
  run_with_big_stack([&] {
    parse_statements(sql, [&](const ParsedStatement& parsed) { read(Statement(parsed, sql, 0)); });
  });
}

// Whether the statement's run time grows with the rows of the tables it
// works on, by the linter's reading of it (every table taken to exist, as
// the probed ones do).
bool grows_with_rows(const std::string& sql) {
  bool grows = false;
  const Catalog catalog;
  for_each_statement(sql, [&](const Statement& statement) {
    grows = grows || runs_long(statement, catalog, LintOptions{}.pg_version);
  });
  return grows;
}

// The table locks a traced statement takes: those the observer saw it newly
// take, and those the linter's reading says it asks for (held already when an
// earlier statement of its transaction took them, so the observer saw nothing new).
std::vector<StatementLock> locks_taken(const TraceRecord& record) {
  std::vector<StatementLock> locks;
  for (const TracedLock& lock : record.locks) {
    locks.push_back({lock.relation, lock_mode_words(lock.mode)});
  }
  const Catalog catalog;
  for_each_statement(record.sql, [&](const Statement& statement) {
    for (const TableLock& lock : table_locks(statement, catalog, LintOptions{}.pg_version)) {
      locks.push_back({lock.table, std::string(lock_mode_name(lock.mode))});
    }
  });
  return locks;
}

// A row count as a whole number ("50000000", also for 5e7).
std::string rows_text(double rows) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", rows);
  return text;
}

}  // namespace

LoadRun::LoadRun(const std::string& conninfo, const LoadOptions& options)
    : conninfo_(conninfo), options_(options), catalog_(conninfo) {}

LoadRun::~LoadRun() = default;

StatementListener& LoadRun::begin(const Revision& revision, TraceRecorder& trace) {
  trace_ = &trace;
  revision_ = revision.id;
  fallback_ = first_statement(revision);
  named_ = relations_named(revision.up);
  return *this;
}

template <typename Listen>
void LoadRun::paused(Listen&& listen) {
  TimePoint from = Clock::now();
  listen();
  paused_.emplace_back(from, Clock::now());
}

void LoadRun::starting(int backend_pid) {
  paused([&] {
    if (probes_) {
      probes_->watch(backend_pid);
    } else {
      start_probes(backend_pid);
    }
    trace_->starting(backend_pid);
  });
}

void LoadRun::start_probes(int backend_pid) {
  std::vector<std::string> quoted;
  {
    pqxx::nontransaction tx(catalog_.connection());
    for (const std::string& name : named_) {
      size_t dot = name.find('.');
      pqxx::result found = tx.exec_params(
          "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c JOIN "
          "pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname "
          "= $1 AND c.relname = $2",
          name.substr(0, dot), name.substr(dot + 1));
      if (found.empty()) continue;  // created by the migration, or not a table
      quoted.push_back(found[0][0].as<std::string>());
      tables_.push_back(name);
      rows_[name] = tx.exec1("SELECT count(*) FROM " + quoted.back())[0].as<long>();
    }
  }
  if (quoted.empty()) return;
  probes_ = std::make_unique<LoadProbes>(conninfo_, quoted, backend_pid, options_.probes);
  // Sessions are bounded: the tables probed may be fewer than those that
  // exist, and a table no probe ran on must not be told as one nothing blocked.
  tables_ = probes_->tables();
  std::this_thread::sleep_for(kWarmUp);
}

void LoadRun::executed(const ExecutedStatement& statement) {
  statements_.push_back(
      StatementWindow{trace_->records().size(), statement.sent_at, statement.returned_at, {}});
  paused([&] { trace_->executed(statement); });
}

void LoadRun::transaction_ended(int backend_pid, double clock_ms) {
  trace_->transaction_ended(backend_pid, clock_ms);
}

void LoadRun::end() {
  if (probes_) {
    std::vector<BlockedSpan> spans = probes_->stop();
    std::vector<MigrationWait> waits = probes_->migration_waits();
    probes_.reset();
    for (StatementWindow& statement : statements_) {
      statement.locks = locks_taken(trace_->records()[statement.record]);
    }
    std::map<size_t, std::vector<BlockedTime>> blocked =
        attribute_blocking(spans, statements_, paused_, tables_);
    // The same less the time the migration itself waited for a probe: the
    // part that grows with the rows.
    std::vector<TimeInterval> not_working = paused_;
    for (const MigrationWait& wait : waits) not_working.emplace_back(wait.begin, wait.end);
    std::map<size_t, std::vector<BlockedTime>> working =
        attribute_blocking(spans, statements_, not_working, tables_);
    for (auto& [record, times] : blocked) {
      for (size_t i = 0; i < times.size(); ++i) {
        times[i].rows = rows_[times[i].relation];
        estimate(record, times[i], working[record][i]);
      }
    }
    report(blocked);
    report_waits(waits);
    blocked_.merge(blocked);
  }
  tables_.clear();
  rows_.clear();
  statements_.clear();
  paused_.clear();
}

void LoadRun::estimate(size_t record, BlockedTime& time, const BlockedTime& working) const {
  auto production = options_.production_rows.find(time.relation);
  if (production == options_.production_rows.end() || time.rows <= 0) return;
  if (time.reads_ms <= 0 && time.writes_ms <= 0) return;
  // A rewrite the observer saw grows with the rows whatever the static
  // reading says (a volatile default, a type change it cannot resolve).
  const TraceRecord& traced = trace_->records()[record];
  if (traced.rewrites.empty() && !grows_with_rows(traced.sql)) return;
  double scale = production->second / static_cast<double>(time.rows);
  time.production_rows = production->second;
  // Time the migration spent queued behind a probe (a deadlock's second, a
  // lock_timeout) is the same at any size: only its working time scales.
  time.estimated_reads_ms = time.reads_ms + working.reads_ms * (scale - 1);
  time.estimated_writes_ms = time.writes_ms + working.writes_ms * (scale - 1);
}

void LoadRun::report(const std::map<size_t, std::vector<BlockedTime>>& blocked) {
  for (const auto& [index, times] : blocked) {
    const TraceRecord& record = trace_->records()[index];
    for (const BlockedTime& time : times) {
      bool measured_over = std::max(time.reads_ms, time.writes_ms) > options_.max_blocked_ms;
      bool estimated_over =
          std::max(time.estimated_reads_ms, time.estimated_writes_ms) > options_.max_blocked_ms;
      if (!measured_over && !estimated_over) continue;
      Finding finding;
      finding.rule = kBlocksApplicationQueries.id;
      finding.severity = kBlocksApplicationQueries.severity;
      finding.message = "while `" + sql_excerpt(record.sql) + "` ran, application queries on " +
                        time.relation + " waited: " + blocked_text(time) + " (measured with " +
                        std::to_string(time.rows) + " rows; --max-blocked-ms " +
                        milliseconds_text(options_.max_blocked_ms) + ")";
      if (time.production_rows > 0)
        finding.message += "; " + estimate_text(time) + " (--table-rows)";
      finding.help = HelpText::fixed(kBlocksApplicationQueries.safe_alternative);
      finding.location = record.location;
      finding.revision = record.revision;
      finding.evidence = {{"relation", time.relation},
                          {"lock", time.lock},
                          {"reads_ms", milliseconds_text(time.reads_ms)},
                          {"writes_ms", milliseconds_text(time.writes_ms)},
                          {"rows", std::to_string(time.rows)}};
      if (time.production_rows > 0) {
        finding.evidence.emplace_back("production_rows", rows_text(time.production_rows));
        finding.evidence.emplace_back("estimated_reads_ms",
                                      milliseconds_text(time.estimated_reads_ms));
        finding.evidence.emplace_back("estimated_writes_ms",
                                      milliseconds_text(time.estimated_writes_ms));
      }
      findings_.push_back(std::move(finding));
    }
  }
}

void LoadRun::report_waits(const std::vector<MigrationWait>& waits) {
  for (const MigrationWait& wait : waits) {
    double waited_ms = covered_ms({{wait.begin, wait.end}}, paused_);
    if (waited_ms < 2 * options_.probes.sample_every.count()) continue;  // an in-flight query
    std::optional<size_t> waiting = waiting_statement(wait, statements_);
    const TraceRecord* record =
        waiting ? &trace_->records()[statements_[*waiting].record] : nullptr;
    std::string lock =
        wait.relation.empty() ? "a row lock" : lock_mode_words(wait.mode) + " on " + wait.relation;
    Finding finding;
    finding.rule = kWaitedForApplicationQueries.id;
    finding.severity = kWaitedForApplicationQueries.severity;
    finding.message = (record ? "`" + sql_excerpt(record->sql) + "`" : "a statement that failed") +
                      " waited " + milliseconds_text(waited_ms) + " for " + lock +
                      ", held by an application query (a --load probe session)";
    finding.help = HelpText::fixed(kWaitedForApplicationQueries.safe_alternative);
    finding.location = record ? record->location : fallback_;
    finding.revision = revision_;
    finding.evidence = {{"lock", wait.mode}, {"waited_ms", milliseconds_text(waited_ms)}};
    if (!wait.relation.empty()) finding.evidence.emplace_back("relation", wait.relation);
    findings_.push_back(std::move(finding));
  }
}

}  // namespace migcheck
