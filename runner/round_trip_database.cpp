#include "runner/round_trip_database.h"

#include <chrono>
#include <random>
#include <thread>

#include "linter/input_error.h"
#include "runner/conninfo.h"
#include "runner/session.h"

namespace migcheck {
namespace {

std::string scratch_name() {
  std::random_device random;
  std::uniform_int_distribution<unsigned> digit(0, 15);
  std::string name = "migcheck_";
  for (int i = 0; i < 12; ++i) name += "0123456789abcdef"[digit(random)];
  return name;
}

// Messages from the server may quote the connection string: mask them.
[[noreturn]] void fail(const std::string& what, const std::exception& error) {
  throw InputError(mask_password(what + ": " + primary_message(error.what())));
}

// DROP DATABASE waits for the database's other sessions to end in steps of
// 100 ms; ours have just closed and end within a millisecond or two, so wait
// for them in finer steps first (and leave any stray one to DROP's FORCE).
void wait_for_sessions_to_end(pqxx::connection& admin, const std::string& database) {
  for (int polls = 0; polls < 250; ++polls) {
    pqxx::nontransaction read(admin);
    auto others = read.exec_params(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        database);
    if (others[0][0].as<long>() == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace

RoundTripDatabase::RoundTripDatabase(const DatabaseOptions& options) {
  if (options.database_url.empty()) {
    // The throwaway cluster is ours alone, a fresh copy of the template:
    // its own database serves, without copying another.
    cluster_ = std::make_unique<Cluster>(options.cluster);
    endpoint_ = cluster_->endpoint("postgres");
    return;
  }
  std::string own = url_database(options.database_url);
  admin_ = url_endpoint(options.database_url, own);
  if (options.allow_destructive) {
    endpoint_ = admin_;
    return;
  }
  scratch_ = scratch_name();
  try {
    Session admin(admin_.conninfo);
    pqxx::nontransaction(admin.connection()).exec("CREATE DATABASE " + scratch_);
  } catch (const pqxx::insufficient_privilege& error) {
    fail("cannot create a scratch database on " + admin_.display +
             " (pass --allow-destructive to run in that database itself, which the round trip "
             "changes)",
         error);
  } catch (const pqxx::broken_connection& error) {
    fail("cannot connect to " + admin_.display, error);
  } catch (const pqxx::sql_error& error) {
    fail("cannot create a scratch database on " + admin_.display, error);
  }
  endpoint_ = url_endpoint(options.database_url, scratch_);
}

RoundTripDatabase::~RoundTripDatabase() {
  try {
    close();
  } catch (const std::exception&) {
    // A server that went away took the scratch database with it or keeps an
    // empty one named migcheck_*: nothing left to do from a destructor.
  }
}

void RoundTripDatabase::close() {
  if (!scratch_.empty()) {
    std::string name = std::move(scratch_);
    Session admin(admin_.conninfo);
    wait_for_sessions_to_end(admin.connection(), name);
    try {
      pqxx::nontransaction(admin.connection())
          .exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (const pqxx::syntax_error&) {  // before PostgreSQL 13; our sessions are closed
      pqxx::nontransaction(admin.connection()).exec("DROP DATABASE IF EXISTS " + name);
    }
  }
  scratch_.clear();
  cluster_.reset();
}

}  // namespace migcheck
