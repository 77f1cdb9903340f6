#include "runner/probes.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "runner/session.h"
#include "runner/time_intervals.h"

namespace migcheck {

namespace {

using Clock = std::chrono::steady_clock;

// The statements one probe cycles through on its table. Writes run in a
// transaction that is rolled back: they take and wait for the same locks as
// an application's, but leave the data as it was. An insert or update that
// fails (a unique key, a NOT NULL, an identity column) has already waited for
// its table lock when it fails, which is all a probe measures.
struct ProbeStatements {
  std::string relation;  // "schema.name", as pg_class names it
  std::string read_by_key;
  std::string range_read;
  std::string insert;
  std::string update_by_key;  // empty when the table has no column to set
};

ProbeStatements statements_for(pqxx::connection& connection, const std::string& table) {
  pqxx::nontransaction tx(connection);
  pqxx::row names = tx.exec_params1(
      "SELECT $1::regclass::text, n.nspname || '.' || c.relname FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1::regclass",
      table);
  std::string relation = names[0].as<std::string>();
  // A column a plain UPDATE may set to itself: not generated, not an identity
  // GENERATED ALWAYS.
  pqxx::result column = tx.exec_params(
      "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 "
      "AND NOT attisdropped AND attgenerated = '' AND attidentity <> 'a' ORDER BY attnum LIMIT 1",
      table);
  ProbeStatements statements{
      .relation = names[1].as<std::string>(),
      .read_by_key = "SELECT * FROM " + relation + " WHERE ctid = '(0,1)'::tid",
      .range_read = "SELECT * FROM " + relation + " LIMIT 50",
      .insert = "INSERT INTO " + relation + " SELECT * FROM " + relation + " LIMIT 1",
      .update_by_key = "",
  };
  if (!column.empty()) {
    std::string name = column[0][0].as<std::string>();
    statements.update_by_key = "UPDATE " + relation + " SET " + name + " = " + name +
                               " WHERE ctid = (SELECT ctid FROM " + relation + " LIMIT 1)";
  }
  return statements;
}

// One application-like session on one table. A probe either reads or
// writes: one that did both would, when a lock blocks it, be blocked in
// whichever it happened to be doing, and the other would go unmeasured.
class Probe {
 public:
  Probe(const std::string& conninfo, ProbeStatements statements, ProbeAccess access)
      : session_(conninfo), statements_(std::move(statements)), access_(access) {
    pqxx::nontransaction(session_.connection()).exec("SET application_name = 'migcheck probe'");
    pid_ = session_.connection().backendpid();
  }

  int pid() const { return pid_; }
  const std::string& relation() const { return statements_.relation; }
  ProbeAccess access() const { return access_; }

  bool finished() const { return finished_.load(); }

  void run(const std::atomic<bool>& stopping) {
    for (unsigned turn = 0; !stopping.load(); ++turn) {
      try {
        bool first = turn % 2 == 0;
        if (access_ == ProbeAccess::read) {
          read(first ? statements_.read_by_key : statements_.range_read);
        } else if (first || statements_.update_by_key.empty()) {
          write(statements_.insert);
        } else {
          write(statements_.update_by_key);
        }
      } catch (const pqxx::broken_connection&) {
        break;  // the server is going away: nothing more to measure
      } catch (const pqxx::failure&) {
        // Expected: a write an application would not send as is, the query
        // cancelled by stop(), or the probe chosen as a deadlock's victim
        // (libpqxx's transaction_rollback is no sql_error).
      }
    }
    finished_ = true;
  }

  // Asks the server to cancel the query the probe is waiting on.
  void cancel() { session_.connection().cancel_query(); }

 private:
  void read(const std::string& sql) { pqxx::nontransaction(session_.connection()).exec(sql); }
  void write(const std::string& sql) {
    pqxx::work tx(session_.connection());
    tx.exec(sql);
    tx.abort();
  }

  Session session_;
  ProbeStatements statements_;
  int pid_ = 0;
  ProbeAccess access_;
  std::atomic<bool> finished_{false};
};

// For each probe waiting on the migration: when it waits for a table lock,
// the mode the migration holds or wants on that table (the strongest, when
// it has several); else the kind of lock it waits for: "row" for a row's (its
// transaction's, or the tuple's), "extend" for a table's extension (while the
// migration adds pages to it). And, under the migration's own pid, the lock
// it waits for when a probe holds it, with its relation.
constexpr const char* kBlockedProbesQuery = R"sql(
SELECT a.pid,
       COALESCE((SELECT m.mode FROM pg_locks m
                  WHERE w.locktype = 'relation' AND m.pid = $2 AND m.locktype = 'relation'
                    AND m.relation = w.relation
                  ORDER BY array_position(ARRAY['AccessExclusiveLock', 'ExclusiveLock',
                           'ShareRowExclusiveLock', 'ShareLock', 'ShareUpdateExclusiveLock',
                           'RowExclusiveLock', 'RowShareLock', 'AccessShareLock'], m.mode)
                  LIMIT 1),
                CASE WHEN w.locktype IN ('transactionid', 'tuple') THEN 'row' ELSE w.locktype END,
                'lock'),
       NULL::text
  FROM pg_stat_activity a
  LEFT JOIN pg_locks w ON w.pid = a.pid AND NOT w.granted
 WHERE a.pid = ANY($1::int[]) AND a.wait_event_type = 'Lock'
   AND $2 = ANY(pg_blocking_pids(a.pid))
UNION ALL
SELECT $2, COALESCE(w.mode, 'lock'), COALESCE(n.nspname || '.' || c.relname, '')
  FROM pg_locks w
  LEFT JOIN pg_class c ON c.oid = w.relation
  LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE w.pid = $2 AND NOT w.granted AND pg_blocking_pids($2) && $1::int[]
)sql";

}  // namespace

class LoadProbes::Run {
 public:
  Run(const std::string& conninfo, const std::vector<std::string>& tables, int migration_pid,
      const ProbeOptions& options)
      : sampler_(conninfo), migration_pid_(migration_pid), every_(options.sample_every) {
    // At least one reader and one writer per table.
    int per_table = std::clamp(options.sessions_per_table, 2, kMaxProbeSessions);
    for (const std::string& table : tables) {
      if (probes_.size() + 2 > kMaxProbeSessions) break;  // a table without a writer measures half
      ProbeStatements statements = statements_for(sampler_.connection(), table);
      for (int i = 0; i < per_table && probes_.size() < kMaxProbeSessions; ++i) {
        ProbeAccess access = i % 2 == 0 ? ProbeAccess::read : ProbeAccess::write;
        probes_.push_back(std::make_unique<Probe>(conninfo, statements, access));
      }
      tables_.push_back(statements.relation);
    }
    std::string pids;
    for (const auto& probe : probes_) {
      pids += (pids.empty() ? "{" : ",") + std::to_string(probe->pid());
    }
    probe_pids_ = pids.empty() ? "{}" : pids + "}";
    for (auto& probe : probes_) {
      threads_.emplace_back([this, p = probe.get()] { p->run(stopping_); });
    }
    sampler_thread_ = std::thread([this] { sample_until_stopped(); });
  }

  ~Run() { stop(); }

  void watch(int migration_pid) { migration_pid_ = migration_pid; }
  const std::vector<std::string>& tables() const { return tables_; }
  const std::vector<MigrationWait>& migration_waits() const { return waits_; }

  std::vector<BlockedSpan> stop() {
    if (!stopped_) {
      stopped_ = true;
      sampling_ = false;
      sampler_thread_.join();
      stopping_ = true;
      // A probe still waiting on a lock would wait as long as the lock is
      // held; the measurement is over, so cancel rather than wait (again,
      // for a query sent just after a cancel).
      auto unfinished = [&] {
        return std::any_of(probes_.begin(), probes_.end(),
                           [](const auto& probe) { return !probe->finished(); });
      };
      while (unfinished()) {
        for (auto& probe : probes_) {
          if (!probe->finished()) probe->cancel();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      for (std::thread& thread : threads_) thread.join();
      probes_.clear();  // closes every session
      close_all_spans(Clock::now());
      std::sort(spans_.begin(), spans_.end(),
                [](const BlockedSpan& a, const BlockedSpan& b) { return a.begin < b.begin; });
    }
    return spans_;
  }

 private:
  void sample_until_stopped() {
    while (sampling_) {
      Clock::time_point now = Clock::now();
      // A new migration backend: what the old one waited on is over.
      if (int pid = migration_pid_.load(); pid != watched_) {
        close_all_spans(now);
        watched_ = pid;
      }
      if (auto blocked = sample()) record(*blocked, now);
      std::this_thread::sleep_until(now + every_);
    }
  }

  struct Waiting {
    std::string lock;
    std::string relation;  // the migration's row only
  };

  // Pid -> the lock it waits for: each probe waiting on the migration, and
  // the migration when it waits on a probe; nothing when the sample was lost
  // (the next one follows within `every_`).
  std::optional<std::map<int, Waiting>> sample() {
    std::map<int, Waiting> blocked;
    try {
      pqxx::nontransaction tx(sampler_.connection());
      for (const pqxx::row& row : tx.exec_params(kBlockedProbesQuery, probe_pids_, watched_)) {
        blocked.emplace(row[0].as<int>(),
                        Waiting{row[1].as<std::string>(), row[2].as<std::string>("")});
      }
    } catch (const pqxx::failure&) {
      return std::nullopt;
    }
    return blocked;
  }

  // Opens a span for each probe (or the migration) newly seen blocked, closes
  // those no longer blocked or now blocked for another lock.
  void record(const std::map<int, Waiting>& blocked, Clock::time_point now) {
    auto migration = blocked.find(watched_);
    if (migration != blocked.end() && !open_wait_) {
      open_wait_ = MigrationWait{migration->second.relation, migration->second.lock, now, now};
    } else if (migration == blocked.end() && open_wait_) {
      open_wait_->end = now;
      waits_.push_back(*open_wait_);
      open_wait_.reset();
    }
    for (const auto& probe : probes_) {
      auto found = blocked.find(probe->pid());
      auto open = open_.find(probe->pid());
      // A probe that waited for a row and now waits for the table (its next
      // query, queued behind a later statement's lock): a new wait, which may
      // answer to another statement.
      if (found != blocked.end() && open != open_.end() &&
          open->second.waited_for != found->second.lock) {
        open->second.end = now;
        spans_.push_back(open->second);
        open_.erase(open);
        open = open_.end();
      }
      if (found != blocked.end() && open == open_.end()) {
        open_.emplace(probe->pid(), BlockedSpan{probe->relation(), probe->access(),
                                                found->second.lock, now, now});
      } else if (found == blocked.end() && open != open_.end()) {
        open->second.end = now;
        spans_.push_back(open->second);
        open_.erase(open);
      }
    }
  }

  void close_all_spans(Clock::time_point now) {
    for (auto& [pid, span] : open_) {
      span.end = now;
      spans_.push_back(span);
    }
    open_.clear();
    if (open_wait_) {
      open_wait_->end = now;
      waits_.push_back(*open_wait_);
      open_wait_.reset();
    }
  }

  Session sampler_;
  std::atomic<int> migration_pid_;
  std::chrono::milliseconds every_;
  std::vector<std::unique_ptr<Probe>> probes_;
  std::vector<std::string> tables_;  // those probed, as pg_class names them
  std::string probe_pids_;           // as a PostgreSQL int[] literal
  std::vector<std::thread> threads_;
  std::thread sampler_thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> sampling_{true};
  bool stopped_ = false;
  // The sampler thread's own, until joined.
  int watched_ = 0;  // the migration backend sampled
  std::map<int, BlockedSpan> open_;
  std::optional<MigrationWait> open_wait_;
  std::vector<BlockedSpan> spans_;
  std::vector<MigrationWait> waits_;
};

LoadProbes::LoadProbes(const std::string& conninfo, const std::vector<std::string>& tables,
                       int migration_pid, const ProbeOptions& options)
    : run_(std::make_unique<Run>(conninfo, tables, migration_pid, options)) {}

LoadProbes::~LoadProbes() = default;

const std::vector<std::string>& LoadProbes::tables() const {
  return run_->tables();
}

void LoadProbes::watch(int migration_pid) {
  run_->watch(migration_pid);
}

std::vector<BlockedSpan> LoadProbes::stop() {
  return run_->stop();
}

const std::vector<MigrationWait>& LoadProbes::migration_waits() const {
  return run_->migration_waits();
}

double blocked_ms(const std::vector<BlockedSpan>& spans, const std::string& relation,
                  ProbeAccess access) {
  std::vector<TimeInterval> intervals;
  for (const BlockedSpan& span : spans) {
    if (span.relation == relation && span.access == access) {
      intervals.emplace_back(span.begin, span.end);
    }
  }
  return covered_ms(std::move(intervals));
}

}  // namespace migcheck
