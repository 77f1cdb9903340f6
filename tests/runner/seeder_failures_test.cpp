#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/seeded_data.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/sql_applier.h"
#include "tests/runner/sql_set.h"

using namespace migcheck;
using migcheck::testing::chain;
using migcheck::testing::golang_revision;

namespace {

// The round trip of `set` with 20 seeded rows per table (seed 7), as
// `migcheck roundtrip` runs it: the data on a session of its own.
std::vector<Finding> seeded_round_trip(const MigrationSet& set) {
  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  Session data_session(database.endpoint().conninfo);
  SqlApplier applier(session.connection());
  SeededData data(data_session.connection(), 20, 7);
  RoundTripOptions options;
  options.data = &data;
  return run_round_trip(
      set, applier, [&] { return take_snapshot(session.connection()); }, options);
}

std::vector<const Finding*> of_rule(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<const Finding*> found;
  for (const Finding& finding : findings) {
    if (finding.rule == rule) found.push_back(&finding);
  }
  return found;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The one data-dependent-failure of `findings`, which must be of revision 2
// and the only finding but those `also` allows.
const Finding& data_failure(const std::vector<Finding>& findings) {
  auto found = of_rule(findings, "data-dependent-failure");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->revision == "2");
  CHECK(found[0]->severity == Severity::warning);
  CHECK(std::any_of(found[0]->evidence.begin(), found[0]->evidence.end(),
                    [](const auto& item) { return item.first == "seed" && item.second == "7"; }));
  return *found[0];
}

const char* kProducts = "CREATE TABLE products (id serial PRIMARY KEY, price text);\n";

}  // namespace

TEST_CASE("the guide's normalized_price backfill fails on prices that are not plain numbers") {
  MigrationSet set = chain({
      golang_revision("1", "", kProducts, "DROP TABLE products;\n"),
      golang_revision("2", "1",
                      "ALTER TABLE products ADD COLUMN normalized_price numeric;\n"
                      "UPDATE products SET normalized_price = CAST(price AS NUMERIC) "
                      "WHERE price ~ '^[0-9.]+$';\n"
                      "ALTER TABLE products ALTER COLUMN normalized_price SET NOT NULL;\n",
                      "ALTER TABLE products DROP COLUMN normalized_price;\n"),
  });
  std::vector<Finding> findings = seeded_round_trip(set);
  const Finding& finding = data_failure(findings);
  CHECK(contains(finding.message,
                 "column \"normalized_price\" of relation \"products\" contains "
                 "null values (SQLSTATE 23502)"));
  CHECK(contains(finding.message, "rows: products {\"id\":"));
  CHECK(finding.location.line == 3);  // the SET NOT NULL
  // It passed on empty tables, and the round trip went on from there.
  CHECK(findings.size() == 1);
}

TEST_CASE("a unique index over duplicated values is shown with the values that repeat") {
  MigrationSet set = chain({
      golang_revision("1", "", "CREATE TABLE accounts (id serial PRIMARY KEY, email text);\n",
                      "DROP TABLE accounts;\n"),
      golang_revision("2", "1", "CREATE UNIQUE INDEX accounts_email_key ON accounts (email);\n",
                      "DROP INDEX accounts_email_key;\n"),
  });
  const Finding& finding = data_failure(seeded_round_trip(set));
  CHECK(contains(finding.message, "could not create unique index \"accounts_email_key\""));
  CHECK(contains(finding.message, "rows: accounts (email)=("));
  CHECK(contains(finding.message, " rows"));
}

TEST_CASE("a cast that fails on one value names the rows holding it") {
  MigrationSet set = chain({
      golang_revision("1", "", kProducts, "DROP TABLE products;\n"),
      golang_revision(
          "2", "1", "ALTER TABLE products ALTER COLUMN price TYPE numeric USING price::numeric;\n",
          "ALTER TABLE products ALTER COLUMN price TYPE text;\n"),
  });
  const Finding& finding = data_failure(seeded_round_trip(set));
  CHECK(contains(finding.message, "invalid input syntax for type numeric"));
  CHECK(contains(finding.message, "rows: products {\"id\":"));
}

TEST_CASE("a foreign key added over orphaned rows shows the orphans") {
  MigrationSet set = chain({
      golang_revision("1", "",
                      "CREATE TABLE customers (id serial PRIMARY KEY);\n"
                      "CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer);\n",
                      "DROP TABLE orders, customers;\n"),
      golang_revision("2", "1",
                      "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY "
                      "(customer_id) REFERENCES customers;\n",
                      "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;\n"),
  });
  const Finding& finding = data_failure(seeded_round_trip(set));
  CHECK(contains(finding.message, "violates foreign key constraint \"orders_customer_fk\""));
  CHECK(contains(finding.message, "rows: orders {\"id\":"));
  // PostgreSQL's DETAIL names the first orphan's key.
  CHECK(contains(finding.message, "; DETAIL: Key (customer_id)=("));
  CHECK(std::any_of(finding.evidence.begin(), finding.evidence.end(),
                    [](const auto& item) { return item.first == "detail"; }));
}

TEST_CASE("a downgrade that drops a column's data, and an upgrade that is not repeatable") {
  MigrationSet set = chain({
      golang_revision("1", "",
                      "CREATE TABLE notes (id serial PRIMARY KEY, body text, title text);\n",
                      "DROP TABLE notes;\n"),
      golang_revision("2", "1", "ALTER TABLE notes DROP COLUMN body;\n",
                      "ALTER TABLE notes ADD COLUMN body text;\n"),
      golang_revision("3", "2", "UPDATE notes SET title = coalesce(title, '') || '!';\n",
                      "SELECT 1;\n"),
  });
  std::vector<Finding> findings = seeded_round_trip(set);
  auto lost = of_rule(findings, "downgrade-loses-data");
  REQUIRE(lost.size() == 2);
  CHECK(lost[0]->revision == "2");
  CHECK(contains(lost[0]->message, "column notes.body: "));
  CHECK(contains(lost[0]->message, " of 20 rows differ"));
  CHECK(lost[1]->revision == "3");
  CHECK(contains(lost[1]->message, "column notes.title: 20 of 20 rows differ"));
  auto again = of_rule(findings, "upgrade-not-repeatable");
  REQUIRE(again.size() == 1);
  CHECK(again[0]->revision == "3");
  CHECK(contains(again[0]->message, "column notes.title: 20 of 20 rows differ"));
  CHECK(findings.size() == 3);
}

TEST_CASE("migrations that handle their data round-trip cleanly with rows") {
  MigrationSet set = chain({
      golang_revision("1", "", kProducts, "DROP TABLE products;\n"),
      golang_revision("2", "1",
                      "ALTER TABLE products ADD COLUMN normalized_price numeric;\n"
                      "UPDATE products SET normalized_price = CASE WHEN price ~ "
                      "'^[0-9]+(\\.[0-9]+)?$' THEN price::numeric ELSE 0 END;\n"
                      "ALTER TABLE products ALTER COLUMN normalized_price SET NOT NULL;\n",
                      "ALTER TABLE products DROP COLUMN normalized_price;\n"),
      golang_revision("3", "2", "CREATE INDEX products_price_idx ON products (price);\n",
                      "DROP INDEX products_price_idx;\n"),
  });
  std::vector<Finding> findings = seeded_round_trip(set);
  for (const Finding& finding : findings) INFO(finding.rule << ": " << finding.message);
  CHECK(findings.empty());
}
