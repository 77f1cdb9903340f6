#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "linter/input_error.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/sql_applier.h"
#include "tests/runner/sql_set.h"

using namespace migcheck;
using migcheck::testing::chain;
using migcheck::testing::file_unit;
using migcheck::testing::golang_revision;

namespace {

struct Outcome {
  std::vector<Finding> findings;
  std::vector<std::string> steps;
};

// Runs the real round trip of `set` on a fresh ephemeral cluster.
Outcome round_trip(const MigrationSet& set, RoundTripOptions options = {}) {
  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  SqlApplier applier(session.connection());
  Outcome outcome;
  options.progress = [&](const Revision& revision, std::string_view step, const std::string&) {
    outcome.steps.push_back(std::string(step) + " " + revision.id);
  };
  outcome.findings = run_round_trip(
      set, applier, [&] { return take_snapshot(session.connection()); }, options);
  return outcome;
}

const Finding* find_rule(const std::vector<Finding>& findings, const std::string& rule) {
  auto found = std::find_if(findings.begin(), findings.end(),
                            [&](const Finding& finding) { return finding.rule == rule; });
  return found == findings.end() ? nullptr : &*found;
}

bool has_evidence(const Finding& finding, const std::string& text) {
  return std::any_of(finding.evidence.begin(), finding.evidence.end(),
                     [&](const auto& item) { return item.second == text; });
}

const char* kCreateProducts =
    "CREATE TABLE products (\n"
    "  id bigserial PRIMARY KEY,\n"
    "  name text NOT NULL UNIQUE,\n"
    "  price numeric(10,2) NOT NULL DEFAULT 0\n"
    ");\n";

}  // namespace

TEST_CASE("a golang-migrate set whose downgrades undo their upgrades round-trips cleanly") {
  MigrationSet set = chain({
      golang_revision("1", "", kCreateProducts, "DROP TABLE products;\n"),
      golang_revision("2", "1", "CREATE INDEX products_price_idx ON products (price);\n",
                      "DROP INDEX products_price_idx;\n"),
      golang_revision("3", "2", "BEGIN;\nALTER TABLE products ADD COLUMN sku text;\nCOMMIT;\n",
                      "ALTER TABLE products DROP COLUMN sku;\n"),
  });
  Outcome outcome = round_trip(set);
  CHECK(outcome.findings.empty());
  std::vector<std::string> expected = {"upgrade 1",
                                       "downgrade 1",
                                       "upgrade after downgrade 1",
                                       "upgrade 2",
                                       "downgrade 2",
                                       "upgrade after downgrade 2",
                                       "upgrade 3",
                                       "downgrade 3",
                                       "upgrade after downgrade 3",
                                       "downgrade to the start 3",
                                       "upgrade to the end again 1"};
  CHECK(outcome.steps == expected);
}

TEST_CASE("a downgrade that forgets an index is a mismatch, and the second upgrade then fails") {
  MigrationSet set = chain({
      golang_revision("1", "", kCreateProducts, "DROP TABLE products;\n"),
      golang_revision("2", "1", "CREATE INDEX products_price_idx ON products (price);\n",
                      "-- nothing to undo?\n"),
  });
  Outcome outcome = round_trip(set);
  const Finding* mismatch = find_rule(outcome.findings, "roundtrip-mismatch");
  REQUIRE(mismatch != nullptr);
  CHECK(mismatch->revision == "2");
  CHECK(mismatch->location.file == "2_step.down.sql");
  CHECK(has_evidence(*mismatch,
                     "index products_price_idx: absent before the upgrade, CREATE INDEX "
                     "products_price_idx ON public.products USING btree (price) after upgrade → "
                     "downgrade"));
  const Finding* failed = find_rule(outcome.findings, "upgrade-failed");
  REQUIRE(failed != nullptr);
  CHECK(failed->message.find("relation \"products_price_idx\" already exists") !=
        std::string::npos);
  CHECK(has_evidence(*failed, "42P07"));
  CHECK(failed->location.file == "2_step.up.sql");
  CHECK(failed->location.line == 1);
}

TEST_CASE("a downgrade that restores a column with another type is a mismatch naming both types") {
  MigrationSet set = chain({
      golang_revision("1", "", kCreateProducts, "DROP TABLE products;\n"),
      golang_revision("2", "1", "ALTER TABLE products DROP COLUMN price;\n",
                      "ALTER TABLE products ADD COLUMN price integer;\n"),
  });
  Outcome outcome = round_trip(set);
  REQUIRE(outcome.findings.size() == 1);
  const Finding& mismatch = outcome.findings[0];
  CHECK(mismatch.rule == "roundtrip-mismatch");
  CHECK(mismatch.evidence.size() == 1);
  CHECK(has_evidence(mismatch,
                     "column products.price: numeric(10,2) NOT NULL DEFAULT 0 before the upgrade, "
                     "integer after upgrade → downgrade"));
}

TEST_CASE("a failing downgrade reports PostgreSQL's message, SQLSTATE and the statement's line") {
  MigrationSet set = chain({
      golang_revision("1", "", kCreateProducts, "DROP TABLE products;\n"),
      golang_revision("2", "1", "ALTER TABLE products ADD COLUMN sku text;\n",
                      "ALTER TABLE products DROP COLUMN sku;\n\nDROP TABLE product_skus;\n"),
  });
  Outcome outcome = round_trip(set);
  REQUIRE(outcome.findings.size() == 1);
  const Finding& failed = outcome.findings[0];
  CHECK(failed.rule == "downgrade-failed");
  CHECK(failed.message ==
        "downgrade of revision 2 failed: table \"product_skus\" does not exist (SQLSTATE 42P01)");
  CHECK(failed.location.file == "2_step.down.sql");
  CHECK(failed.location.line == 3);
  // The statements before it were rolled back with the unit's transaction:
  // no later step ran.
  CHECK(outcome.steps.back() == "downgrade 2");
}

TEST_CASE("an enum whose values come back reordered is a mismatch showing both orders") {
  MigrationSet set = chain({
      golang_revision("1", "", "CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');\n",
                      "DROP TYPE order_status;\n"),
      golang_revision("2", "1", "ALTER TYPE order_status ADD VALUE 'cancelled';\n",
                      "DROP TYPE order_status;\n"
                      "CREATE TYPE order_status AS ENUM ('paid', 'new', 'shipped');\n"),
  });
  Outcome outcome = round_trip(set);
  REQUIRE_FALSE(outcome.findings.empty());
  CHECK(has_evidence(outcome.findings[0],
                     "type order_status: enum ('new', 'paid', 'shipped') before the upgrade, enum "
                     "('paid', 'new', 'shipped') after upgrade → downgrade"));
}

TEST_CASE("a CONCURRENTLY migration runs outside a transaction when its unit says so") {
  auto concurrently = [](bool transactional) {
    Revision index = golang_revision("2", "1", "", "");
    index.up = {file_unit("2_step.up.sql",
                          "CREATE INDEX CONCURRENTLY products_price_idx ON products (price);\n",
                          transactional)};
    index.down = {file_unit("2_step.down.sql", "DROP INDEX CONCURRENTLY products_price_idx;\n",
                            transactional)};
    return chain({golang_revision("1", "", kCreateProducts, "DROP TABLE products;\n"), index});
  };
  CHECK(round_trip(concurrently(false)).findings.empty());
  std::vector<Finding> in_transaction = round_trip(concurrently(true)).findings;
  REQUIRE(in_transaction.size() == 1);
  CHECK(in_transaction[0].rule == "upgrade-failed");
  CHECK(has_evidence(in_transaction[0], "25001"));  // active_sql_transaction
}

TEST_CASE("a dbmate file's up and down sections map failures to the line in the one file") {
  const std::string text =
      "-- migrate:up\n"
      "CREATE TABLE users (id int PRIMARY KEY, email text);\n"
      "\n"
      "-- migrate:down\n"
      "DROP TABLE users;\n"
      "DROP TABLE sessions;\n";
  auto file = SourceFile::make("db/migrations/20240101000000_users.sql", text);
  auto section = [&](size_t begin, size_t end) {
    SourceMap map(file);
    map.add({0, end - begin, begin, end, true});
    return SqlUnit{text.substr(begin, end - begin), map, true};
  };
  size_t down = text.find("-- migrate:down");
  Revision revision;
  revision.id = "20240101000000";
  revision.file = file->path();
  revision.up = {section(0, down)};
  revision.down = {section(down, text.size())};
  Outcome outcome = round_trip(chain({revision}, MigrationFormat::dbmate));
  REQUIRE(outcome.findings.size() == 1);
  CHECK(outcome.findings[0].rule == "downgrade-failed");
  CHECK(outcome.findings[0].location.file == "db/migrations/20240101000000_users.sql");
  CHECK(outcome.findings[0].location.line == 6);
}

TEST_CASE("--from runs the earlier revisions once and checks from there; --to stops") {
  MigrationSet set = chain({
      golang_revision("1", "", kCreateProducts, "-- forgets everything\n"),
      golang_revision("2", "1", "ALTER TABLE products ADD COLUMN sku text;\n",
                      "ALTER TABLE products DROP COLUMN sku;\n"),
      golang_revision("3", "2", "ALTER TABLE products ADD COLUMN color text;\n",
                      "ALTER TABLE products DROP COLUMN color;\n"),
  });
  RoundTripOptions options;
  options.from = "2";
  options.to = "2";
  Outcome outcome = round_trip(set, options);
  CHECK(outcome.findings.empty());  // revision 1's broken downgrade never runs
  CHECK(outcome.steps.front() == "upgrade before the checked revisions 1");
  CHECK(std::none_of(outcome.steps.begin(), outcome.steps.end(),
                     [](const std::string& step) { return step.ends_with(" 3"); }));
  options.from = "9";
  CHECK_THROWS_WITH(round_trip(set, options), "--from 9: no such revision");
}

TEST_CASE("only: the other revisions run once, first, unless they need a checked one") {
  // 1 ─┬─ 2 (checked) ── 4 ──┬─ 5 (checked)
  //    └─ 3 ─────────────────┘
  // 3 is on another branch, after 2 in graph order, and its downgrade is
  // broken: it runs once before anything is checked and never goes down. 4
  // needs 2, so it runs once after it, and goes down and up again with it at
  // the end. 5 needs the tables of 3 and 4.
  auto revision = [](const std::string& id, std::vector<std::string> parents, const std::string& up,
                     const std::string& down) {
    Revision made = golang_revision(id, "", up, down);
    made.parents = std::move(parents);
    return made;
  };
  MigrationSet set = chain({
      revision("1", {}, kCreateProducts, "DROP TABLE products;\n"),
      revision("2", {"1"}, "ALTER TABLE products ADD COLUMN sku text;\n",
               "ALTER TABLE products DROP COLUMN sku;\n"),
      revision("3", {"1"}, "CREATE TABLE audit (id int);\n", "-- forgets audit\n"),
      revision("4", {"2"}, "CREATE INDEX products_sku_idx ON products (sku);\n",
               "DROP INDEX products_sku_idx;\n"),
      revision("5", {"3", "4"}, "ALTER TABLE audit ADD COLUMN sku text;\n",
               "ALTER TABLE audit DROP COLUMN sku;\n"),
  });
  RoundTripOptions options;
  options.only = std::set<std::string>{"2", "5"};
  Outcome outcome = round_trip(set, options);
  CHECK(outcome.findings.empty());
  std::vector<std::string> expected = {"upgrade before the checked revisions 1",
                                       "upgrade 2",
                                       "downgrade 2",
                                       "upgrade after downgrade 2",
                                       "upgrade once 4",
                                       "upgrade 5",
                                       "downgrade 5",
                                       "upgrade after downgrade 5",
                                       "downgrade to the start 5",
                                       "upgrade to the end again 2"};
  CHECK(outcome.steps == expected);

  SUBCASE("a broken checked revision is caught after an unchecked one that needs the other") {
    set.revisions[4].down = {file_unit("5_step.down.sql", "-- forgets audit.sku\n")};
    Outcome broken = round_trip(set, options);
    const Finding* mismatch = find_rule(broken.findings, "roundtrip-mismatch");
    REQUIRE(mismatch != nullptr);
    CHECK(mismatch->revision == "5");
    CHECK(has_evidence(*mismatch,
                       "column audit.sku: absent before the upgrade, text after upgrade → "
                       "downgrade"));
  }
  SUBCASE("checking everything finds the broken downgrade of 3") {
    options.only.reset();
    Outcome everything = round_trip(set, options);
    const Finding* mismatch = find_rule(everything.findings, "roundtrip-mismatch");
    REQUIRE(mismatch != nullptr);
    CHECK(mismatch->revision == "3");
  }
  SUBCASE("--to runs the revision and what it needs, not the other branch before it") {
    options.only.reset();
    options.to = "4";  // needs 2 and 1; 3, with its broken downgrade, comes first in graph order
    Outcome to_4 = round_trip(set, options);
    CHECK(to_4.findings.empty());
    std::vector<std::string> expected_to_4 = {"upgrade 1",
                                              "downgrade 1",
                                              "upgrade after downgrade 1",
                                              "upgrade 2",
                                              "downgrade 2",
                                              "upgrade after downgrade 2",
                                              "upgrade 4",
                                              "downgrade 4",
                                              "upgrade after downgrade 4",
                                              "downgrade to the start 4",
                                              "upgrade to the end again 1"};
    CHECK(to_4.steps == expected_to_4);
  }
  SUBCASE("none of the checked revisions between --from and --to is an input error") {
    options.to = "1";
    CHECK_THROWS_AS(round_trip(set, options), InputError);
  }
}

TEST_CASE("a revision without a down migration is upgraded once; the ones after it still checked") {
  Revision one_way = golang_revision("2", "1", "ALTER TABLE products ADD COLUMN sku text;\n", "");
  one_way.down.clear();
  one_way.has_down = false;
  MigrationSet set = chain({
      golang_revision("1", "", kCreateProducts, "DROP TABLE products;\n"),
      one_way,
      golang_revision("3", "2", "CREATE INDEX products_sku_idx ON products (sku);\n",
                      "-- forgets the index\n"),
  });
  Outcome outcome = round_trip(set);
  const Finding* note = find_rule(outcome.findings, "downgrade-not-checked");
  REQUIRE(note != nullptr);
  CHECK(note->revision == "2");
  CHECK(note->severity == Severity::info);
  CHECK(find_rule(outcome.findings, "downgrade-failed") == nullptr);
  const Finding* mismatch = find_rule(outcome.findings, "roundtrip-mismatch");
  REQUIRE(mismatch != nullptr);  // revision 3, after the one-way revision, is still checked
  CHECK(mismatch->revision == "3");
  // Revision 1 is checked before 2 runs; the end phase never goes below 2.
  CHECK(std::count(outcome.steps.begin(), outcome.steps.end(), "downgrade 1") == 1);
  CHECK(std::count(outcome.steps.begin(), outcome.steps.end(),
                   "upgrade once (no down migration) 2") == 1);
  CHECK(std::find(outcome.steps.begin(), outcome.steps.end(), "downgrade 2") ==
        outcome.steps.end());
}

TEST_CASE("a set with no down migrations at all (Flyway without undo) only upgrades") {
  Revision first = golang_revision("1", "", kCreateProducts, "");
  Revision second = golang_revision("2", "1", "ALTER TABLE products ADD COLUMN sku text;\n", "");
  for (Revision* revision : {&first, &second}) {
    revision->down.clear();
    revision->has_down = false;
  }
  Outcome outcome = round_trip(chain({first, second}, MigrationFormat::flyway));
  CHECK(outcome.findings.size() == 2);
  for (const Finding& finding : outcome.findings) CHECK(finding.rule == "downgrade-not-checked");
  std::vector<std::string> expected = {"upgrade once (no down migration) 1",
                                       "upgrade once (no down migration) 2"};
  CHECK(outcome.steps == expected);
}
