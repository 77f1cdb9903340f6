#pragma once
#include <map>
#include <string>
#include <vector>

namespace migcheck {

// Production row counts by table, schema-qualified ("public.orders"), from
// --table-rows values: each either TABLE=ROWS ("orders=50000000",
// "app.orders=5e7") or the path of a JSON file, an object of table to rows
// ({"orders": 50000000}) or an array of pg_class-like rows ([{"relname":
// "orders", "nspname": "public", "reltuples": 5e7}], "schemaname" also
// read). A later value wins. Throws InputError naming the value, or the
// file:line:col of a mistake in a file.
std::map<std::string, double> production_rows(const std::vector<std::string>& values);

}  // namespace migcheck
