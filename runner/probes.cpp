#include "runner/probes.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "runner/session.h"

namespace migcheck {

namespace {

using Clock = std::chrono::steady_clock;

// More sessions than this measure nothing new and only slow the migration.
constexpr int kMaxSessions = 16;

// The statements one probe cycles through on its table. Writes run in a
// transaction that is rolled back: they take and wait for the same locks as
// an application's, but leave the data as it was. An insert or update that
// fails (a unique key, a NOT NULL, an identity column) has already waited for
// its table lock when it fails, which is all a probe measures.
struct ProbeStatements {
  std::string read_by_key;
  std::string range_read;
  std::string insert;
  std::string update_by_key;  // empty when the table has no column to set
};

ProbeStatements statements_for(pqxx::connection& connection, const std::string& table) {
  pqxx::nontransaction tx(connection);
  std::string relation = tx.exec_params1("SELECT $1::regclass::text", table)[0].as<std::string>();
  // A column a plain UPDATE may set to itself: not generated, not an identity
  // GENERATED ALWAYS.
  pqxx::result column = tx.exec_params(
      "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 "
      "AND NOT attisdropped AND attgenerated = '' AND attidentity <> 'a' ORDER BY attnum LIMIT 1",
      table);
  ProbeStatements statements{
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
  Probe(const std::string& conninfo, std::string table, ProbeStatements statements,
        ProbeAccess access)
      : session_(conninfo),
        table_(std::move(table)),
        statements_(std::move(statements)),
        access_(access) {
    pqxx::nontransaction(session_.connection()).exec("SET application_name = 'migcheck probe'");
    pid_ = session_.connection().backendpid();
  }

  int pid() const { return pid_; }
  const std::string& table() const { return table_; }
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
      } catch (const pqxx::sql_error&) {
        // Expected: a write an application would not send as is, or the
        // query cancelled by stop().
      } catch (const pqxx::broken_connection&) {
        break;  // the server is going away: nothing more to measure
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
  std::string table_;
  ProbeStatements statements_;
  int pid_ = 0;
  ProbeAccess access_;
  std::atomic<bool> finished_{false};
};

// The lock mode the migration holds or wants on the relation a probe waits
// for (the strongest, when it has several), or the kind of lock (a row's
// transaction) when the probe waits on something other than a table lock.
constexpr const char* kBlockedProbesQuery = R"sql(
SELECT a.pid,
       COALESCE((SELECT m.mode FROM pg_locks m
                  WHERE m.pid = $2 AND m.locktype = 'relation' AND m.relation = w.relation
                  ORDER BY array_position(ARRAY['AccessExclusiveLock', 'ExclusiveLock',
                           'ShareRowExclusiveLock', 'ShareLock', 'ShareUpdateExclusiveLock',
                           'RowExclusiveLock', 'RowShareLock', 'AccessShareLock'], m.mode)
                  LIMIT 1),
                w.locktype, 'lock')
  FROM pg_stat_activity a
  LEFT JOIN pg_locks w ON w.pid = a.pid AND NOT w.granted
 WHERE a.pid = ANY($1::int[]) AND a.wait_event_type = 'Lock'
   AND $2 = ANY(pg_blocking_pids(a.pid))
)sql";

}  // namespace

class LoadProbes::Run {
 public:
  Run(const std::string& conninfo, const std::vector<std::string>& tables, int migration_pid,
      const ProbeOptions& options)
      : sampler_(conninfo), migration_pid_(migration_pid), every_(options.sample_every) {
    // At least one reader and one writer per table.
    int per_table = std::clamp(options.sessions_per_table, 2, kMaxSessions);
    for (const std::string& table : tables) {
      ProbeStatements statements = statements_for(sampler_.connection(), table);
      for (int i = 0; i < per_table && probes_.size() < kMaxSessions; ++i) {
        ProbeAccess access = i % 2 == 0 ? ProbeAccess::read : ProbeAccess::write;
        probes_.push_back(std::make_unique<Probe>(conninfo, table, statements, access));
      }
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
      if (auto blocked = sample()) record(*blocked, now);
      std::this_thread::sleep_until(now + every_);
    }
  }

  // Probe pid -> the lock it waits for on the migration; nothing when the
  // sample was lost (the next one follows within `every_`).
  std::optional<std::map<int, std::string>> sample() {
    std::map<int, std::string> blocked;
    try {
      pqxx::nontransaction tx(sampler_.connection());
      for (const pqxx::row& row :
           tx.exec_params(kBlockedProbesQuery, probe_pids_, migration_pid_)) {
        blocked.emplace(row[0].as<int>(), row[1].as<std::string>());
      }
    } catch (const pqxx::sql_error&) {
      return std::nullopt;
    }
    return blocked;
  }

  // Opens a span for each probe newly seen blocked, closes those of probes
  // no longer blocked.
  void record(const std::map<int, std::string>& blocked, Clock::time_point now) {
    for (const auto& probe : probes_) {
      auto found = blocked.find(probe->pid());
      auto open = open_.find(probe->pid());
      if (found != blocked.end() && open == open_.end()) {
        open_.emplace(probe->pid(),
                      BlockedSpan{probe->table(), probe->access(), found->second, now, now});
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
  }

  Session sampler_;
  int migration_pid_;
  std::chrono::milliseconds every_;
  std::vector<std::unique_ptr<Probe>> probes_;
  std::string probe_pids_;  // as a PostgreSQL int[] literal
  std::vector<std::thread> threads_;
  std::thread sampler_thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> sampling_{true};
  bool stopped_ = false;
  std::map<int, BlockedSpan> open_;  // sampler thread only, until joined
  std::vector<BlockedSpan> spans_;
};

LoadProbes::LoadProbes(const std::string& conninfo, const std::vector<std::string>& tables,
                       int migration_pid, const ProbeOptions& options)
    : run_(std::make_unique<Run>(conninfo, tables, migration_pid, options)) {}

LoadProbes::~LoadProbes() = default;

std::vector<BlockedSpan> LoadProbes::stop() {
  return run_->stop();
}

double blocked_ms(const std::vector<BlockedSpan>& spans, const std::string& relation,
                  ProbeAccess access) {
  std::vector<std::pair<Clock::time_point, Clock::time_point>> intervals;
  for (const BlockedSpan& span : spans) {
    if (span.relation == relation && span.access == access) {
      intervals.emplace_back(span.begin, span.end);
    }
  }
  std::sort(intervals.begin(), intervals.end());
  Clock::duration total{};
  std::optional<std::pair<Clock::time_point, Clock::time_point>> current;
  for (const auto& interval : intervals) {
    if (current && interval.first <= current->second) {
      current->second = std::max(current->second, interval.second);
      continue;
    }
    if (current) total += current->second - current->first;
    current = interval;
  }
  if (current) total += current->second - current->first;
  return std::chrono::duration<double, std::milli>(total).count();
}

}  // namespace migcheck
