#pragma once
// A production database to dump, for the --seed-from tests: a golang-migrate
// project's accounts at a version, two of them sharing an address.
#include <doctest/doctest.h>

#include <pqxx/pqxx>
#include <string>

#include "runner/cluster.h"
#include "runner/cluster_template.h"
#include "runner/session.h"
#include "tests/test_support.h"

namespace migcheck::testing {

// Revisions 1 and 2 of the project: accounts, then its plan column.
inline constexpr const char* kDumpedAccounts =
    "CREATE TABLE accounts (id serial PRIMARY KEY, email text);\n";
inline constexpr const char* kDumpedPlan = "ALTER TABLE accounts ADD COLUMN plan text;\n";

// The database at golang-migrate `version`, dumped by the real pg_dump in
// `format` (p: plain SQL, c: custom) into `file`.
inline void make_dump(const std::string& version, const std::string& format,
                      const std::string& file) {
  Cluster cluster;
  DatabaseEndpoint endpoint = cluster.endpoint("postgres");
  {
    Session session(endpoint.conninfo);
    pqxx::nontransaction(session.connection())
        .exec(std::string(kDumpedAccounts) + kDumpedPlan +
              "INSERT INTO accounts (email, plan) VALUES ('ann@example.com', 'free'), "
              "('bob@example.com', 'pro'), ('ann@example.com', 'free');"
              "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT "
              "NULL);"
              "INSERT INTO schema_migrations VALUES (" +
              version + ", false);");
  }
  auto dumped = run_command(shell_quote((find_pg_bin("") / "pg_dump").string()) + " -F" + format +
                            " -f " + shell_quote(file) + " " + shell_quote(endpoint.conninfo));
  REQUIRE_MESSAGE(dumped.exit_code == 0, dumped.err);
}

}  // namespace migcheck::testing
