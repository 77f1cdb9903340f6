#include <doctest/doctest.h>

#include <string>

#include "runner/round_trip_database.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/snapshot_diff.h"

using namespace migcheck;

namespace {

Snapshot snapshot_after(const std::string& sql) {
  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  pqxx::nontransaction(session.connection()).exec(sql);
  return take_snapshot(session.connection());
}

std::string value(const Snapshot& snapshot, const std::string& key) {
  auto found = snapshot.find(key);
  return found == snapshot.end() ? "<absent>" : found->second;
}

}  // namespace

TEST_CASE("an empty database's snapshot holds only the public schema") {
  Snapshot empty = snapshot_after("SELECT 1");
  CHECK(empty == Snapshot{{"schema public", "present"}});
}

TEST_CASE("a snapshot describes tables, columns, constraints and indexes from the catalogs") {
  Snapshot s = snapshot_after(
      "CREATE SCHEMA billing;"
      "CREATE TABLE billing.invoices (id int);"
      "CREATE UNLOGGED TABLE cache (k text PRIMARY KEY);"
      "CREATE TABLE people (id serial PRIMARY KEY, name text COLLATE \"C\" NOT NULL UNIQUE,"
      "  height_cm numeric, height_in numeric GENERATED ALWAYS AS (height_cm / 2.54) STORED,"
      "  CONSTRAINT people_height_check CHECK (height_cm > 0));"
      "CREATE TABLE visits (id bigint GENERATED ALWAYS AS IDENTITY,"
      "  person int REFERENCES people (id) ON DELETE CASCADE, at date NOT NULL DEFAULT"
      "  CURRENT_DATE) PARTITION BY RANGE (at);"
      "CREATE TABLE visits_2024 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO "
      "  ('2025-01-01');"
      "CREATE INDEX ON people (lower(name));"
      "COMMENT ON TABLE people IS 'humans';"
      "COMMENT ON COLUMN people.name IS 'as they write it';");
  CAPTURE(s);
  CHECK(value(s, "schema billing") == "present");
  CHECK(value(s, "table billing.invoices") == "permanent");
  CHECK(value(s, "table cache") == "unlogged");
  CHECK(value(s, "table visits") == "permanent partitioned by RANGE (at)");
  CHECK(value(s, "table visits_2024") ==
        "permanent partition of visits FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  CHECK(value(s, "column people.id") ==
        "integer NOT NULL DEFAULT nextval('people_id_seq'::regclass)");
  CHECK(value(s, "column people.name") == "text COLLATE \"C\" NOT NULL");
  CHECK(value(s, "column people.height_in") ==
        "numeric GENERATED ALWAYS AS ((height_cm / 2.54)) STORED");
  CHECK(value(s, "column visits.id") == "bigint NOT NULL GENERATED ALWAYS AS IDENTITY");
  CHECK(value(s, "column visits.at") == "date NOT NULL DEFAULT CURRENT_DATE");
  CHECK(value(s, "constraint people.people_pkey") == "PRIMARY KEY (id)");
  CHECK(value(s, "constraint people.people_name_key") == "UNIQUE (name)");
  CHECK(value(s, "constraint people.people_height_check") == "CHECK (height_cm > 0::numeric)");
  CHECK(value(s, "constraint visits.visits_person_fkey") ==
        "FOREIGN KEY (person) REFERENCES people(id) ON DELETE CASCADE");
  CHECK(value(s, "index people_lower_idx") ==
        "CREATE INDEX people_lower_idx ON public.people USING btree (lower(name))");
  // Constraint indexes are the constraint's; identity sequences the column's.
  CHECK(s.count("index people_pkey") == 0);
  CHECK(s.count("sequence visits_id_seq") == 0);
  CHECK(value(s, "sequence people_id_seq") ==
        "integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 OWNED BY people.id");
  CHECK(value(s, "comment on table people") == "humans");
  CHECK(value(s, "comment on column people.name") == "as they write it");
}

TEST_CASE("a snapshot describes views, functions, triggers, types and extensions") {
  Snapshot s = snapshot_after(
      "CREATE EXTENSION citext;"
      "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
      "CREATE DOMAIN positive AS integer NOT NULL DEFAULT 1 CHECK (VALUE > 0);"
      "CREATE TYPE pair AS (a int, b text);"
      "CREATE TABLE notes (id int, body citext, touched timestamptz);"
      "CREATE VIEW recent AS SELECT id FROM notes WHERE touched > now() - interval '1 day';"
      "CREATE MATERIALIZED VIEW note_count AS SELECT count(*) AS n FROM notes;"
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.touched := now();"
      "  RETURN NEW; END$$;"
      "CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();"
      "CREATE SEQUENCE invoice_numbers START 1000 INCREMENT 5;");
  CAPTURE(s);
  CHECK(value(s, "type mood") == "enum ('sad', 'ok', 'happy')");
  CHECK(value(s, "type positive") == "domain over integer NOT NULL DEFAULT 1");
  CHECK(value(s, "constraint positive.positive_check") == "CHECK (VALUE > 0)");
  CHECK(value(s, "type pair") == "composite (a integer, b text)");
  CHECK(value(s, "column notes.body") == "citext");
  CHECK(value(s, "extension citext").rfind("version ", 0) == 0);
  CHECK(value(s, "extension citext").ends_with(" in schema public"));
  CHECK(s.count("type citext") == 0);  // the extension's own objects are the extension's
  CHECK(value(s, "view recent").find("WHERE notes.touched > (now() - '1 day'::interval)") !=
        std::string::npos);
  CHECK(value(s, "materialized view note_count").find("count(*) AS n") != std::string::npos);
  CHECK(value(s, "function touch()").find("CREATE OR REPLACE FUNCTION public.touch()") == 0);
  CHECK(value(s, "trigger notes.notes_touch") ==
        "CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION "
        "touch()");
  CHECK(value(s, "sequence invoice_numbers") ==
        "bigint START 1000 INCREMENT 5 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1");
}

TEST_CASE("the migration tools' bookkeeping tables are left out") {
  Snapshot s = snapshot_after(
      "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
      "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);"
      "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version text);"
      "CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (version);");
  CHECK(s == Snapshot{{"schema public", "present"}});
}

TEST_CASE("numbers PostgreSQL appends to generated names are normalised away") {
  CHECK(normalise_generated_name("orders_pkey1") == "orders_pkey");
  CHECK(normalise_generated_name("orders_email_idx12") == "orders_email_idx");
  CHECK(normalise_generated_name("orders_total_check2") == "orders_total_check");
  CHECK(normalise_generated_name("orders_id_seq1") == "orders_id_seq");
  CHECK(normalise_generated_name("orders_v2") == "orders_v2");
  CHECK(normalise_generated_name("idx1") == "idx1");
  // An index recreated under PostgreSQL's next free name compares equal.
  Snapshot first = snapshot_after("CREATE TABLE t (a int); CREATE INDEX ON t (a);");
  Snapshot second = snapshot_after(
      "CREATE TABLE t (a int); CREATE INDEX ON t (a); ALTER INDEX t_a_idx RENAME TO t_a_idx1;");
  CHECK(diff_snapshots(first, "first", second, "second").empty());
}

TEST_CASE("a diff says what each side has, one sentence per object, in key order") {
  Snapshot before{{"column t.a", "integer"}, {"index t_a_idx", "CREATE INDEX"}};
  Snapshot after{{"column t.a", "bigint"}, {"column t.b", "text\n  NOT NULL"}};
  std::vector<std::string> expected = {
      "column t.a: integer before, bigint after",
      "column t.b: absent before, text NOT NULL after",
      "index t_a_idx: CREATE INDEX before, absent after",
  };
  CHECK(diff_snapshots(before, "before", after, "after") == expected);
}
