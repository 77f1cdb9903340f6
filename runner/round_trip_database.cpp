#include "runner/round_trip_database.h"

#include <random>

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

}  // namespace

RoundTripDatabase::RoundTripDatabase(const DatabaseOptions& options) {
  if (options.database_url.empty()) {
    cluster_ = std::make_unique<Cluster>(options.cluster);
    admin_ = cluster_->endpoint("postgres");
  } else {
    std::string own = url_database(options.database_url);
    admin_ = url_endpoint(options.database_url, own);
    if (options.allow_destructive) {
      endpoint_ = admin_;
      return;
    }
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
  endpoint_ =
      cluster_ ? cluster_->endpoint(scratch_) : url_endpoint(options.database_url, scratch_);
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
  // An ephemeral cluster goes with everything in it: only a server that
  // stays needs its scratch database dropped.
  if (!scratch_.empty() && !cluster_) {
    std::string name = std::move(scratch_);
    Session admin(admin_.conninfo);
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
