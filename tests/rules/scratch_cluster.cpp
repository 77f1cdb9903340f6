#include "tests/rules/scratch_cluster.h"

#include <doctest/doctest.h>
#include <unistd.h>

namespace migcheck::testing {

namespace {
const char* kPgBin = "/usr/lib/postgresql/15/bin";
}  // namespace

ScratchCluster::ScratchCluster() {
  as_user_ = geteuid() == 0 ? "runuser -u postgres -- " : "";
  if (!as_user_.empty()) run("chown -R postgres " + shell_quote(dir_.path().string()));
  std::string data = shell_quote((dir_ / "data").string());
  run(as_user_ + kPgBin + "/initdb -N -A trust -U postgres -D " + data);
  run(as_user_ + kPgBin + "/pg_ctl -w -D " + data + " -o " +
      shell_quote("-c listen_addresses='' -k " + dir_.path().string()) + " start");
  started_ = true;
}

ScratchCluster::~ScratchCluster() {
  if (started_) {
    run_command(as_user_ + kPgBin + "/pg_ctl -D " + shell_quote((dir_ / "data").string()) +
                " -m immediate stop");
  }
}

std::string ScratchCluster::psql(const std::string& sql) {
  return run(psql_command(sql)).out;
}

std::string ScratchCluster::psql_messages(const std::string& sql) {
  return run(psql_command(sql)).err;
}

CommandResult ScratchCluster::try_psql(const std::string& sql) {
  return run_command(psql_command(sql));
}

// Writes the SQL where the server's account can read it; returns the psql
// command line that runs it.
std::string ScratchCluster::psql_command(const std::string& sql) {
  write_file(dir_ / "input.sql", sql);
  if (!as_user_.empty()) run("chmod a+r " + shell_quote((dir_ / "input.sql").string()));
  return as_user_ + kPgBin + "/psql -X -q -A -t -v ON_ERROR_STOP=1 -U postgres -h " +
         shell_quote(dir_.path().string()) + " -d postgres -f " +
         shell_quote((dir_ / "input.sql").string());
}

CommandResult ScratchCluster::run(const std::string& command) {
  CommandResult result = run_command(command);
  REQUIRE_MESSAGE(result.exit_code == 0, command, "\n", result.err);
  return result;
}

}  // namespace migcheck::testing
