#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include <pqxx/connection_base>

namespace migcheck {

// One table's data as the round trip compares it: for each row, each
// column's value ("t" and the text of a short one, "m" and the md5 of a long
// one, "" for NULL), and the row's primary key as text.
struct TableData {
  std::vector<std::string> columns;
  // Columns whose values the server makes each time (identity, serial, a
  // volatile default such as now() or gen_random_uuid()): a second upgrade
  // gives them new values by design.
  std::vector<bool> server_made;
  bool keyed = false;  // rows carry their primary key
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> rows;  // per row, per column
};

// The data of every user table, by qualified name (bookkeeping tables left out).
using DataChecksums = std::map<std::string, TableData>;

// Reads the data of every user table, and then again only the tables whose
// data can have changed since its last read. A table holds the same data as
// at the last read when it has the same columns (names, key, server-made
// values), the same file node and column count (a rewrite, a TRUNCATE, or a
// column dropped and added again changes one), the same number of rows, and
// no row written since: any INSERT or UPDATE, a rewrite included, gives the
// row version it writes a transaction id newer than the oldest transaction
// running at the last read. The catalog and that check cost one query each,
// and the rows of the tables that changed a third.
class DataReader {
 public:
  explicit DataReader(pqxx::connection_base& connection) : connection_(connection) {}

  const DataChecksums& read();
  // The same, after one cheap query: when no transaction has written since
  // the last read, the data is what that read gave.
  const DataChecksums& read_if_written();

  // How many tables the last read() read the rows of.
  size_t tables_read() const { return tables_read_; }

 private:
  // What the catalog says of a table's columns.
  struct Source {
    std::string quoted;
    std::vector<std::string> columns, names, key;  // columns and key quoted, names as shown
    std::vector<bool> server_made;
    std::string signature;  // the columns as the rows are read
    std::string file;       // file node and column count
  };
  using Table = std::map<std::string, Source>;

  // The tables' columns, and the snapshot the catalog was read in.
  Table read_catalog(std::string& snapshot);
  // The tables whose rows must be read: new ones, and those that changed.
  std::set<std::string> changed_tables(const Table& tables);
  void read_rows(const Table& tables, const std::set<std::string>& names);

  pqxx::connection_base& connection_;
  DataChecksums data_;
  Table sources_;
  std::string marker_;         // the oldest transaction running at the last read, as an xid
  std::string last_snapshot_;  // pg_current_snapshot() at the last read
  // Whether a default makes a new value each time, by its pg_attrdef oid.
  std::map<std::string, bool> server_made_defaults_;
  size_t tables_read_ = 0;
};

// The data of every user table, read once.
DataChecksums take_data_checksums(pqxx::connection_base& connection);

// How `after` differs from `before`, one line per table of `before` that is
// still there, over the columns both have: "products: 3 of 20 rows gone",
// "column products.price: 2 of 20 rows differ (row (3): '1.50' became NULL)".
// Rows are matched by primary key.
// With `ignore_server_made`, the server's own values are left out and rows
// are matched by their other values, in whole-row order.
std::vector<std::string> data_differences(const DataChecksums& before, const DataChecksums& after,
                                          bool ignore_server_made);

}  // namespace migcheck
