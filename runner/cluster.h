#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>

#include "runner/server_account.h"

namespace migcheck {

struct ClusterOptions {
  std::string pg_bin;  // --pg-bin; empty to look for PostgreSQL 15
};

// How to reach one database: a libpq connection string for libpqxx, the same
// as a postgresql:// URL for SQLAlchemy and psycopg2, and a form safe to print.
struct DatabaseEndpoint {
  std::string conninfo;
  std::string url;
  std::string display;
};

// A throwaway PostgreSQL server: a copy of the cached template in a fresh
// temp directory (in /dev/shm, or TMPDIR when that is set), listening only on
// a unix socket in a 0700 directory, with durability off. A watchdog process
// (the server's parent) owns it: forked first, it makes the directory, and it
// stops the server and removes the directory when the cluster is destroyed,
// when migcheck exits or dies of a signal, even SIGKILL (it notices its
// control pipe closing). The server gets SIGQUIT if the watchdog itself dies,
// and the next cluster made removes a directory whose watchdog is gone.
class Cluster {
 public:
  explicit Cluster(const ClusterOptions& options = {});
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // Stops the server and removes the directory; waits until both are gone.
  void stop();

  DatabaseEndpoint endpoint(const std::string& database) const;
  const std::filesystem::path& run_dir() const { return run_dir_; }
  std::filesystem::path data_dir() const { return run_dir_ / "data"; }
  std::filesystem::path socket_dir() const { return run_dir_ / "socket"; }

 private:
  void wait_until_ready();

  ServerAccount account_;
  std::filesystem::path run_dir_;
  int control_fd_ = -1;  // closing it tells the watchdog to tear down
  int status_fd_ = -1;   // the watchdog writes the server log here if it fails
  pid_t watchdog_ = 0;
};

}  // namespace migcheck
