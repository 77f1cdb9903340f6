// What PostgreSQL 15 really does for the statements whose rewrite and lock
// the rules reason about, seen through the observer on a table with rows
// while each statement's transaction is open, and the static verdict of the
// rules on the same SQL next to it: a rewrite rule reports a statement
// exactly when the server rewrote the table, and the rule's documented lock
// is the lock the server took.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "rules/registry.h"
#include "runner/observer.h"
#include "runner/round_trip_database.h"
#include "runner/session.h"
#include "tests/rules/lint_helper.h"
#include "runner/lock_claim.h"

namespace migcheck {
namespace {

const char* kSchema = R"sql(
CREATE TABLE items (id bigint PRIMARY KEY, name varchar(20), qty integer, note text,
  flag integer, checked integer);
INSERT INTO items SELECT g, 'n', g, 'x', g, g FROM generate_series(1, 1000) g;
ALTER TABLE items ADD CONSTRAINT checked_not_null CHECK (checked IS NOT NULL);
)sql";

struct Case {
  std::string statement;
  bool rewrites;      // what PostgreSQL 15 does
  std::string lock;   // the strongest lock it takes on items, as pg_locks names it
  std::string rule;   // the rule about this statement
  bool rule_reports;  // whether that rule reports it
};

const std::vector<Case> kCases = {
    {"ALTER TABLE items ADD COLUMN seen timestamptz DEFAULT now()", false, "AccessExclusiveLock",
     "adding-column-with-volatile-default", false},
    {"ALTER TABLE items ADD COLUMN seen timestamptz DEFAULT clock_timestamp()", true,
     "AccessExclusiveLock", "adding-column-with-volatile-default", true},
    {"ALTER TABLE items ALTER COLUMN name TYPE varchar(50)", false, "AccessExclusiveLock",
     "changing-column-type", false},
    {"ALTER TABLE items ALTER COLUMN name TYPE text", false, "AccessExclusiveLock",
     "changing-column-type", false},
    {"ALTER TABLE items ALTER COLUMN qty TYPE bigint", true, "AccessExclusiveLock",
     "changing-column-type", true},
    {"ALTER TABLE items ALTER COLUMN note TYPE varchar(10)", true, "AccessExclusiveLock",
     "changing-column-type", true},
    {"ALTER TABLE items ALTER COLUMN note TYPE varchar", false, "AccessExclusiveLock",
     "changing-column-type", false},
    // SET NOT NULL never rewrites; it scans unless a validated CHECK proves it.
    {"ALTER TABLE items ALTER COLUMN flag SET NOT NULL", false, "AccessExclusiveLock",
     "setting-not-null", true},
    {"ALTER TABLE items ALTER COLUMN checked SET NOT NULL", false, "AccessExclusiveLock",
     "setting-not-null", false},
    {"CREATE INDEX items_qty_idx ON items (qty)", false, "ShareLock",
     "creating-index-non-concurrently", true},
    {"CREATE UNIQUE INDEX items_name_key ON items (name, id)", false, "ShareLock",
     "creating-index-non-concurrently", true},
};

std::string strongest_lock_on(const ObservedStep& step, const std::string& relation) {
  std::string strongest;
  for (const HeldLock& lock : step.locks) {
    if (lock.relation == relation && lock.granted &&
        lock_strength(lock.mode) > lock_strength(strongest)) {
      strongest = lock.mode;
    }
  }
  return strongest;
}

TEST_CASE("rewrites and locks on PostgreSQL 15, observed, agree with the rules' verdicts") {
  RoundTripDatabase database(DatabaseOptions{});
  Session migration(database.endpoint().conninfo);
  pqxx::nontransaction(migration.connection()).exec(kSchema);
  Observer observer(database.endpoint().conninfo);
  REQUIRE(observer.sees_uncommitted());
  observer.watch(migration.connection().backendpid());
  for (const Case& c : kCases) {
    CAPTURE(c.statement);
    ObservedStep step;
    {
      pqxx::work transaction(migration.connection());
      transaction.exec(c.statement);
      step = observer.read();
      transaction.abort();
    }
    CHECK(!step.rewritten.empty() == c.rewrites);
    if (!step.rewritten.empty()) CHECK(step.rewritten.front() == "public.items");
    CHECK(strongest_lock_on(step, "public.items") == c.lock);

    bool reported = !testing::lint_after_history(kSchema, c.statement + ";\n", {c.rule}).empty();
    CHECK(reported == c.rule_reports);
    if (!reported) continue;
    // The reporting rule's documented claim is what the server did.
    const Rule* rule = find_rule(c.rule);
    REQUIRE(rule);
    auto claim = lock_claim(rule->lock);
    REQUIRE(claim);
    CHECK(claim->mode == c.lock);
    if (claim->rewrites) CHECK(*claim->rewrites == c.rewrites);
  }
}

}  // namespace
}  // namespace migcheck
