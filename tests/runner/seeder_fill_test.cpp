#include <doctest/doctest.h>

#include <pqxx/pqxx>
#include <string>

#include "runner/cluster.h"
#include "runner/seeder.h"
#include "runner/session.h"

using namespace migcheck;

namespace {

// A schema with what real ones have: every kind of type the seeder knows,
// keys between tables (a cycle and a self-reference among them), CHECKs,
// unique keys, a partitioned table and columns the server fills.
const char* kSchema = R"sql(
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email varchar(40) NOT NULL UNIQUE,
  name text,
  born date,
  seen timestamptz,
  wakes time,
  token uuid NOT NULL,
  profile jsonb,
  raw json,
  avatar bytea,
  address inet,
  network cidr,
  mac macaddr,
  mood mood NOT NULL,
  score positive_int,
  tags text[],
  scores int4[],
  busy tstzrange,
  ages int4range,
  balance numeric(6,2) CHECK (balance >= 0),
  ratio double precision,
  active boolean NOT NULL DEFAULT true,
  flags bit(4),
  waited interval,
  best_friend bigint REFERENCES users,
  team_id bigint
);
CREATE TABLE teams (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  captain bigint REFERENCES users,
  name_length integer GENERATED ALWAYS AS (length(name)) STORED
);
ALTER TABLE users ADD FOREIGN KEY (team_id) REFERENCES teams;
CREATE TABLE memberships (
  user_id bigint NOT NULL REFERENCES users,
  team_id integer NOT NULL REFERENCES teams,
  PRIMARY KEY (user_id, team_id)
);
CREATE TABLE events (day date NOT NULL, what text) PARTITION BY RANGE (day);
CREATE TABLE events_all PARTITION OF events DEFAULT;
)sql";

long count(pqxx::connection& connection, const std::string& sql) {
  pqxx::nontransaction read(connection);
  return read.exec(sql)[0][0].as<long>();
}

std::string all_rows(pqxx::connection& connection, const std::string& table) {
  pqxx::nontransaction read(connection);
  return read
      .exec(
          "SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY "
          "row_to_json(t)::text), '') FROM " +
          table + " t")[0][0]
      .as<std::string>();
}

}  // namespace

TEST_CASE("the seeder tops every table up, parents first, within the constraints") {
  Cluster cluster;
  Session session(cluster.endpoint("postgres").conninfo);
  pqxx::nontransaction(session.connection()).exec(kSchema);
  Seeder seeder(session.connection(), 30, 7);
  CHECK(seeder.top_up() > 0);
  auto& connection = session.connection();
  // A row that fails its CHECKs five times over is skipped.
  const long users = count(connection, "SELECT count(*) FROM users");
  CHECK(users > 25);
  CHECK(users <= 30);
  CHECK(count(connection, "SELECT count(*) FROM teams") == 30);
  CHECK(count(connection, "SELECT count(*) FROM events") == 30);
  // Key pairs repeat at random, so some rows are skipped; most go in.
  CHECK(count(connection, "SELECT count(*) FROM memberships") > 10);
  // The cycle users -> teams -> users: the nullable key is filled in a second pass.
  CHECK(count(connection, "SELECT count(*) FROM users WHERE team_id IS NOT NULL") > 0);
  CHECK(count(connection, "SELECT count(*) FROM users WHERE best_friend IS NOT NULL") > 0);
  // The mix production data has: NULLs, empty and padded text, non-ASCII,
  // extremes, repeated values.
  CHECK(count(connection, "SELECT count(*) FROM users WHERE name IS NULL") > 0);
  CHECK(count(connection, "SELECT count(*) FROM users WHERE name = ''") +
            count(connection, "SELECT count(*) FROM users WHERE name <> trim(name)") +
            count(connection, "SELECT count(*) FROM users WHERE name ~ '[^[:ascii:]]'") >
        0);
  CHECK(count(connection, "SELECT count(*) - count(DISTINCT mood) FROM users") > 0);
  CHECK(count(connection, "SELECT count(*) FROM users WHERE active") > 0);  // DEFAULT used
  // Another run tops up to the same number, nothing more.
  seeder.top_up();
  CHECK(count(connection, "SELECT count(*) FROM users") <= 30);
  CHECK(count(connection, "SELECT count(*) FROM teams") == 30);
}

TEST_CASE("the same seed gives the same rows; another seed other rows") {
  Cluster cluster;
  Session admin(cluster.endpoint("postgres").conninfo);
  for (const char* database : {"a", "b", "c"}) {
    pqxx::nontransaction(admin.connection()).exec(std::string("CREATE DATABASE ") + database);
  }
  auto seeded = [&](const char* database, uint64_t seed) {
    Session session(cluster.endpoint(database).conninfo);
    pqxx::nontransaction(session.connection()).exec(kSchema);
    Seeder(session.connection(), 12, seed).top_up();
    return all_rows(session.connection(), "users");
  };
  std::string first = seeded("a", 42);
  CHECK(first == seeded("b", 42));
  CHECK(first != seeded("c", 43));
}

TEST_CASE("a row PostgreSQL rejects is made again, then skipped") {
  Cluster cluster;
  Session session(cluster.endpoint("postgres").conninfo);
  // Only one value in a hundred passes this CHECK; a NOT NULL key to a table
  // with no rows cannot be given at all.
  pqxx::nontransaction(session.connection())
      .exec(
          "CREATE TABLE picky (n integer NOT NULL CHECK (n = 42));"
          "CREATE TABLE nobody (id integer PRIMARY KEY CHECK (false));"
          "CREATE TABLE orphan (nobody_id integer NOT NULL REFERENCES nobody)");
  Seeder seeder(session.connection(), 10, 1);
  seeder.top_up();
  CHECK(count(session.connection(), "SELECT count(*) FROM picky") < 10);
  CHECK(count(session.connection(), "SELECT count(*) FROM nobody") == 0);
  CHECK(count(session.connection(), "SELECT count(*) FROM orphan") == 0);
}

TEST_CASE("types made after the seeder's first top-up are known to the next") {
  Cluster cluster;
  Session session(cluster.endpoint("postgres").conninfo);
  pqxx::nontransaction(session.connection()).exec("CREATE TABLE first (n integer)");
  Seeder seeder(session.connection(), 10, 3);
  seeder.top_up();  // reads initdb's types, once
  pqxx::nontransaction(session.connection())
      .exec(
          "CREATE TYPE size AS ENUM ('small', 'large');"
          "CREATE DOMAIN short_code AS varchar(3);"
          "CREATE TABLE later (size size NOT NULL, code short_code NOT NULL)");
  CHECK(seeder.top_up() == 10);
  CHECK(count(session.connection(), "SELECT count(*) FROM later WHERE length(code) <= 3") == 10);
}
