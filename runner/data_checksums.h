#pragma once
#include <map>
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
