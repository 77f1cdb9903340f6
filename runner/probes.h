#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace migcheck {

// What an application does to a table, as the probes imitate it.
enum class ProbeAccess { read, write };

// One stretch of time during which a probe's query on `relation` waited for a
// lock held (or queued for) by the migration's backend.
struct BlockedSpan {
  std::string relation;
  ProbeAccess access = ProbeAccess::read;
  std::string waited_for;  // the lock mode the migration held or wanted, e.g. "AccessExclusiveLock"
  std::chrono::steady_clock::time_point begin;
  std::chrono::steady_clock::time_point end;
};

// A stretch of time during which the migration's backend waited for a lock a
// probe held: with a lock_timeout, the migration fails on it as it would on
// production traffic.
struct MigrationWait {
  std::string relation;  // "schema.name"; empty for a lock on something else (a row's transaction)
  std::string mode;      // the lock the migration wanted, e.g. "AccessExclusiveLock"
  std::chrono::steady_clock::time_point begin;
  std::chrono::steady_clock::time_point end;
};

// More sessions than this measure nothing new and only slow the migration.
constexpr int kMaxProbeSessions = 16;

struct ProbeOptions {
  int sessions_per_table = 2;  // --probes
  // How often the sampler reads pg_stat_activity: the resolution of every
  // blocked time reported.
  std::chrono::milliseconds sample_every{5};
};

// Application-like sessions on a throwaway server, started before a migration
// and stopped after it: on each table, `sessions_per_table` sessions (half
// of them readers cycling through a read by key and a range read, half
// writers through an insert and an update by key; at least one of each),
// each write in a transaction that is rolled back (so the probes never change the
// data a round trip compares). A sampler on its own connection records, from
// pg_stat_activity and pg_blocking_pids(), which probe waited on the
// migration's backend and for which lock. Everything stops and every session
// is closed by stop() or the destructor: nothing outlives the run.
class LoadProbes {
 public:
  // `tables` are schema-qualified names that exist (spans name them as
  // pg_class does, "schema.name"); `migration_pid` is the backend whose locks
  // are measured (0: none yet, see watch()).
  LoadProbes(const std::string& conninfo, const std::vector<std::string>& tables, int migration_pid,
             const ProbeOptions& options = {});
  ~LoadProbes();
  LoadProbes(const LoadProbes&) = delete;
  LoadProbes& operator=(const LoadProbes&) = delete;

  // The tables probed ("schema.name"): those given, in order, as long as
  // sessions last (at most kMaxProbeSessions in all, at least two a table).
  const std::vector<std::string>& tables() const;

  // Measures the locks of this backend from now on: the migration's, when its
  // tool connects after the probes started.
  void watch(int migration_pid);

  // Stops the probes and the sampler; returns every span a probe waited on
  // the migration, in the order they began.
  std::vector<BlockedSpan> stop();
  // After stop(): when the migration waited for a probe, in order.
  const std::vector<MigrationWait>& migration_waits() const;

 private:
  class Run;
  std::unique_ptr<Run> run_;
};

// Milliseconds of `spans` on `relation` for `access`, overlapping spans of
// several probes counted once (the time the application could not get through).
double blocked_ms(const std::vector<BlockedSpan>& spans, const std::string& relation,
                  ProbeAccess access);

}  // namespace migcheck
