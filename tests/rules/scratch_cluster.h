#pragma once
#include <string>

#include "tests/test_support.h"

namespace migcheck::testing {

// A throwaway PostgreSQL 15 cluster on a unix socket in a temp dir, stopped
// when the value goes out of scope. As root the server runs as the
// `postgres` account, since PostgreSQL refuses root.
class ScratchCluster {
 public:
  ScratchCluster();
  ~ScratchCluster();
  ScratchCluster(const ScratchCluster&) = delete;
  ScratchCluster& operator=(const ScratchCluster&) = delete;

  // Runs SQL through psql in one session, stopping at the first error (a
  // failed test); returns its unaligned, tuples-only output.
  std::string psql(const std::string& sql);
  // The same, returning what the server said on standard error (NOTICE,
  // DEBUG messages with client_min_messages lowered).
  std::string psql_messages(const std::string& sql);
  // Runs SQL that may fail: exit code 0 when every statement succeeded.
  CommandResult try_psql(const std::string& sql);

 private:
  CommandResult run(const std::string& command);
  std::string psql_command(const std::string& sql);

  TempDir dir_;
  std::string as_user_;
  bool started_ = false;
};

}  // namespace migcheck::testing
