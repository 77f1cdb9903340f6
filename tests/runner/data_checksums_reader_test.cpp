#include <doctest/doctest.h>

#include <algorithm>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "runner/data_checksums.h"
#include "runner/round_trip_database.h"
#include "runner/session.h"

using namespace migcheck;

namespace {

// A scratch database with two tables of three rows each, one read by a
// DataReader on a session of its own (as the round trip's data session).
struct Fixture {
  RoundTripDatabase database{DatabaseOptions{}};
  Session writer{database.endpoint().conninfo};
  Session data_session{database.endpoint().conninfo};
  DataReader reader{data_session.connection()};

  Fixture() {
    run("CREATE TABLE a (id int PRIMARY KEY, note text, extra text);"
        "CREATE TABLE b (name text);"
        "INSERT INTO a VALUES (1, 'one', 'x'), (2, 'two', 'y'), (3, 'three', 'z');"
        "INSERT INTO b VALUES ('p'), ('q'), ('r');");
    reader.read();
  }

  void run(const std::string& sql) {
    pqxx::nontransaction work(writer.connection());
    work.exec(sql);
  }

  // The values of `column` in table a, sorted (rows come in no order).
  std::string column_of_a(const DataChecksums& data, const std::string& column) {
    const TableData& table = data.at("a");
    size_t at = 0;
    while (table.columns[at] != column) ++at;
    std::vector<std::string> values;
    for (const auto& row : table.rows) values.push_back(row[at]);
    std::sort(values.begin(), values.end());
    std::string text;
    for (const std::string& value : values) text += value + ";";
    return text;
  }
};

}  // namespace

TEST_CASE("a read after nothing was written reads no table again") {
  Fixture fixture;
  CHECK(fixture.reader.read().size() == 2);
  CHECK(fixture.reader.tables_read() == 0);
  CHECK(fixture.reader.read_if_written().size() == 2);
  CHECK(fixture.reader.tables_read() == 0);
  fixture.run("INSERT INTO b VALUES ('s')");
  CHECK(fixture.reader.read_if_written().at("b").rows.size() == 4);
  CHECK(fixture.reader.tables_read() == 1);
}

TEST_CASE("a read reads again only the tables written since, and sees what changed") {
  Fixture fixture;
  SUBCASE("an update") {
    fixture.run("UPDATE a SET note = 'changed' WHERE id = 2");
    const DataChecksums& data = fixture.reader.read();
    CHECK(fixture.reader.tables_read() == 1);
    CHECK(fixture.column_of_a(data, "note") == "tchanged;tone;tthree;");
  }
  SUBCASE("a delete") {
    fixture.run("DELETE FROM a WHERE id = 3");
    CHECK(fixture.reader.read().at("a").rows.size() == 2);
    CHECK(fixture.reader.tables_read() == 1);
  }
  SUBCASE(
      "the same rows truncated and inserted again, and a table another one's write left alone") {
    fixture.run("TRUNCATE b; INSERT INTO b VALUES ('p'), ('q'), ('s')");
    const DataChecksums& data = fixture.reader.read();
    CHECK(fixture.reader.tables_read() == 1);
    const auto& rows = data.at("b").rows;
    CHECK(std::count(rows.begin(), rows.end(), std::vector<std::string>{"ts"}) == 1);
  }
  SUBCASE("a column dropped and added again, which no row version records") {
    fixture.run("ALTER TABLE a DROP COLUMN extra; ALTER TABLE a ADD COLUMN extra text");
    const DataChecksums& data = fixture.reader.read();
    CHECK(fixture.reader.tables_read() == 1);
    CHECK(fixture.column_of_a(data, "extra") == ";;;");
  }
  SUBCASE("a column renamed") {
    fixture.run("ALTER TABLE a RENAME COLUMN note TO label");
    const DataChecksums& data = fixture.reader.read();
    CHECK(fixture.reader.tables_read() == 1);
    CHECK(fixture.column_of_a(data, "label") == "tone;tthree;ttwo;");
  }
  SUBCASE("a table dropped") {
    fixture.run("DROP TABLE b");
    CHECK(fixture.reader.read().count("b") == 0);
  }
}

TEST_CASE(
    "a write that commits after a read, from a transaction begun before it, is seen next time") {
  Fixture fixture;
  pqxx::work open(fixture.writer.connection());
  open.exec("UPDATE a SET note = 'late' WHERE id = 1");
  fixture.reader.read();  // the update is not committed yet: nothing changed
  CHECK(fixture.reader.tables_read() == 0);
  open.commit();
  const DataChecksums& data = fixture.reader.read();
  CHECK(fixture.reader.tables_read() == 1);
  CHECK(fixture.column_of_a(data, "note") == "tlate;tthree;ttwo;");
}
