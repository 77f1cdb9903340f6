// The observer against a real PostgreSQL 15: a plain libpqxx connection plays
// the migration (BEGIN; ALTER TABLE ...; read(); ... COMMIT) and the observer
// reads it from its own connection while the transaction is open.
#include "runner/observer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "runner/round_trip_database.h"
#include "runner/session.h"

using namespace migcheck;

namespace {

bool holds(const ObservedStep& step, const std::string& relation, const std::string& mode) {
  for (const HeldLock& lock : step.locks) {
    if (lock.relation == relation && lock.mode == mode && lock.granted) return true;
  }
  return false;
}

// A database with a table holding rows, and the migration's connection.
struct Scene {
  RoundTripDatabase database{DatabaseOptions{}};
  Session migration{database.endpoint().conninfo};
  Scene() {
    pqxx::nontransaction(migration.connection())
        .exec(
            "CREATE TABLE items (id int PRIMARY KEY, qty int, name varchar(20));"
            "INSERT INTO items SELECT g, g, 'n' FROM generate_series(1, 100) g;");
  }
};

}  // namespace

TEST_CASE("the observer sees a rewrite and its lock while the transaction is still open") {
  Scene scene;
  Observer observer(scene.database.endpoint().conninfo);
  REQUIRE(observer.sees_uncommitted());
  observer.watch(scene.migration.connection().backendpid());
  pqxx::work migration(scene.migration.connection());

  migration.exec("ALTER TABLE items ADD COLUMN note text");
  ObservedStep added = observer.read();
  CHECK(holds(added, "public.items", "AccessExclusiveLock"));
  CHECK(added.rewritten.empty());

  migration.exec("ALTER TABLE items ALTER COLUMN qty TYPE bigint");
  ObservedStep retyped = observer.read();
  CHECK(holds(retyped, "public.items", "AccessExclusiveLock"));
  // The table and its index got new files; the transient copy PostgreSQL
  // made and dropped is not reported.
  CHECK(retyped.rewritten == std::vector<std::string>{"public.items", "public.items_pkey"});

  migration.commit();
  ObservedStep committed = observer.read();
  CHECK(committed.locks.empty());
  CHECK(committed.rewritten.empty());  // already reported inside the transaction
}

TEST_CASE("a rolled-back rewrite is reported once, not again when the old file returns") {
  Scene scene;
  Observer observer(scene.database.endpoint().conninfo);
  observer.watch(scene.migration.connection().backendpid());
  {
    pqxx::work migration(scene.migration.connection());
    migration.exec("ALTER TABLE items ALTER COLUMN name TYPE varchar(10)");
    CHECK(observer.read().rewritten ==
          std::vector<std::string>{"public.items", "public.items_pkey"});
    migration.abort();
  }
  CHECK(observer.read().rewritten.empty());
}

TEST_CASE("statements that do not rewrite show their locks and no rewrite") {
  Scene scene;
  Observer observer(scene.database.endpoint().conninfo);
  observer.watch(scene.migration.connection().backendpid());
  pqxx::work migration(scene.migration.connection());
  migration.exec("ALTER TABLE items ALTER COLUMN name TYPE varchar(200)");
  ObservedStep widened = observer.read();
  CHECK(widened.rewritten.empty());
  CHECK(holds(widened, "public.items", "AccessExclusiveLock"));

  migration.exec("CREATE INDEX items_qty_idx ON items (qty)");
  ObservedStep indexed = observer.read();
  CHECK(indexed.rewritten.empty());
  CHECK(holds(indexed, "public.items", "ShareLock"));
}

TEST_CASE(
    "relations made in the open transaction are named, in new schemas too, and their "
    "rewrites seen") {
  Scene scene;
  Observer observer(scene.database.endpoint().conninfo);
  observer.watch(scene.migration.connection().backendpid());
  pqxx::work migration(scene.migration.connection());
  migration.exec("CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int, total int)");
  ObservedStep created = observer.read();
  CHECK(holds(created, "billing.invoices", "AccessExclusiveLock"));
  CHECK(created.rewritten.empty());

  migration.exec("ALTER TABLE billing.invoices ALTER COLUMN total TYPE bigint");
  CHECK(observer.read().rewritten == std::vector<std::string>{"billing.invoices"});
}

TEST_CASE("TRUNCATE gives the table a new file, which counts as a rewrite") {
  Scene scene;
  Observer observer(scene.database.endpoint().conninfo);
  observer.watch(scene.migration.connection().backendpid());
  pqxx::work migration(scene.migration.connection());
  migration.exec("TRUNCATE items");
  ObservedStep truncated = observer.read();
  CHECK(truncated.rewritten == std::vector<std::string>{"public.items", "public.items_pkey"});
  CHECK(holds(truncated, "public.items", "AccessExclusiveLock"));
}
