#include "runner/data_checksums.h"

#include <algorithm>
#include <pqxx/pqxx>

#include "runner/seeder_catalog.h"

namespace migcheck {
namespace {

// Each user table's columns in order: (table as shown, table quoted, column
// quoted, column as shown, in the primary key, made by the server).
constexpr const char* kColumns =
    "SELECT CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || c.relname, "
    "quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relname, quote_ident(a.attname), "
    "a.attname, EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = c.oid AND p.contype = "
    "'p' AND a.attnum = ANY (p.conkey)), a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, "
    "d.adrelid) ~* '(nextval|now|random|uuid|clock_timestamp|statement_timestamp|"
    "transaction_timestamp)\\(|current_(timestamp|date|time)|localtime', false) "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.oid >= 16384 "
    "AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass "
    "AND e.objid = c.oid AND e.deptype = 'e') ORDER BY 1, a.attnum";

// The positions in `from` of the columns `other` has too (and, when asked,
// that the server does not make).
std::vector<std::pair<size_t, size_t>> shared_columns(const TableData& from, const TableData& other,
                                                      bool ignore_server_made) {
  std::vector<std::pair<size_t, size_t>> shared;
  for (size_t i = 0; i < from.columns.size(); ++i) {
    auto found = std::find(other.columns.begin(), other.columns.end(), from.columns[i]);
    if (found == other.columns.end()) continue;
    size_t j = found - other.columns.begin();
    if (ignore_server_made && (from.server_made[i] || other.server_made[j])) continue;
    shared.emplace_back(i, j);
  }
  return shared;
}

// How many of `before`'s values have no match among `after`'s (as multisets).
size_t unmatched(std::vector<std::string> before, std::vector<std::string> after) {
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  std::vector<std::string> missing;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(missing));
  return missing.size();
}

// A stored value as a reader sees it: 'text', NULL, or a long value.
std::string shown(const std::string& value) {
  if (value.empty()) return "NULL";
  if (value[0] == 'm') return "a long value";
  return "'" + value.substr(1) + "'";
}

std::string of_rows(size_t count, size_t total) {
  return std::to_string(count) + " of " + std::to_string(total) + (total == 1 ? " row" : " rows");
}

void compare_table(const std::string& name, const TableData& before, const TableData& after,
                   bool ignore_server_made, std::vector<std::string>& differences) {
  auto shared = shared_columns(before, after, ignore_server_made);
  if (shared.empty()) return;
  const size_t total = before.rows.size();
  auto row_text = [&](const std::vector<std::string>& row, bool left) {
    std::string text;
    for (const auto& [i, j] : shared) text += (left ? row[i] : row[j]) + ",";
    return text;
  };
  std::vector<size_t> differing(shared.size(), 0);
  std::vector<std::string> example(shared.size());  // the first differing row, keyed tables only
  size_t gone = 0, added = 0;
  if (!ignore_server_made && before.keyed && after.keyed) {
    std::map<std::string, size_t> position;
    for (size_t r = 0; r < after.keys.size(); ++r) position[after.keys[r]] = r;
    for (size_t r = 0; r < before.rows.size(); ++r) {
      auto found = position.find(before.keys[r]);
      if (found == position.end()) {
        ++gone;
        continue;
      }
      for (size_t c = 0; c < shared.size(); ++c) {
        const std::string& was = before.rows[r][shared[c].first];
        const std::string& is = after.rows[found->second][shared[c].second];
        if (was == is) continue;
        if (differing[c]++ == 0) {
          example[c] = " (row " + before.keys[r] + ": " + shown(was) + " became " + shown(is) + ")";
        }
      }
      position.erase(found);
    }
    added = position.size();
  } else {
    std::vector<std::string> left, right;
    for (const auto& row : before.rows) left.push_back(row_text(row, true));
    for (const auto& row : after.rows) right.push_back(row_text(row, false));
    gone = unmatched(left, right);
    added = unmatched(right, left);
    // Which columns changed can be told only when no row came or went.
    if (before.rows.size() == after.rows.size()) {
      for (size_t c = 0; c < shared.size(); ++c) {
        std::vector<std::string> was, is;
        for (const auto& row : before.rows) was.push_back(row[shared[c].first]);
        for (const auto& row : after.rows) is.push_back(row[shared[c].second]);
        differing[c] = unmatched(was, is);
      }
      gone = added = 0;
    }
  }
  if (gone > 0) differences.push_back("table " + name + ": " + of_rows(gone, total) + " gone");
  if (added > 0) {
    differences.push_back("table " + name + ": " + std::to_string(added) +
                          (added == 1 ? " row" : " rows") + " more than the " +
                          std::to_string(total) + " before");
  }
  for (size_t c = 0; c < shared.size(); ++c) {
    if (differing[c] == 0) continue;
    differences.push_back("column " + name + "." + before.columns[shared[c].first] + ": " +
                          of_rows(differing[c], total) + " differ" + example[c]);
  }
}

}  // namespace

DataChecksums take_data_checksums(pqxx::connection_base& connection) {
  pqxx::nontransaction read(connection);
  struct Source {
    std::string quoted;
    std::vector<std::string> columns, key;
  };
  DataChecksums checksums;
  std::map<std::string, Source> sources;
  for (const auto& row : read.exec(kColumns)) {
    if (is_bookkeeping_table(row[2].as<std::string>())) continue;
    std::string name = row[0].as<std::string>();
    TableData& table = checksums[name];
    Source& source = sources[name];
    source.quoted = row[1].as<std::string>();
    source.columns.push_back(row[3].as<std::string>());
    if (row[5].as<bool>()) source.key.push_back(row[3].as<std::string>());
    table.columns.push_back(row[4].as<std::string>());
    table.server_made.push_back(row[6].as<bool>());
  }
  // Every table's rows in one query, as (table, key, values joined by chr(1)).
  std::vector<TableData*> order;
  std::string query;
  for (auto& [name, table] : checksums) {
    const Source& source = sources[name];
    table.keyed = !source.key.empty();
    std::string key = "ROW(";
    for (size_t i = 0; i < source.key.size(); ++i) key += (i ? ", " : "") + source.key[i];
    std::string values;
    for (const std::string& column : source.columns) {
      // Short values as they are, to show them; long ones (and any holding
      // the separator) by checksum.
      std::string text = column + "::text";
      values +=
          (values.empty() ? "" : ", ") +
          ("CASE WHEN " + column + " IS NULL THEN '' WHEN length(" + text + ") <= 64 AND strpos(" +
           text + ", chr(1)) = 0 THEN 't' || " + text + " ELSE 'm' || md5(" + text + ") END");
    }
    query += (query.empty() ? "" : " UNION ALL ") +
             ("SELECT " + std::to_string(order.size()) + ", " +
              (table.keyed ? key + ")::text" : std::string("''")) + ", concat_ws(chr(1), " +
              (values.empty() ? "''" : values) + ") FROM " + source.quoted);
    order.push_back(&table);
  }
  if (query.empty()) return checksums;
  for (const auto& row : read.exec(query)) {
    TableData& table = *order[row[0].as<size_t>()];
    table.keys.push_back(row[1].as<std::string>());
    std::vector<std::string> values;
    std::string joined = row[2].as<std::string>();
    for (size_t start = 0;;) {
      size_t end = joined.find('\x01', start);
      values.push_back(joined.substr(start, end == std::string::npos ? end : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    table.rows.push_back(std::move(values));
  }
  return checksums;
}

std::vector<std::string> data_differences(const DataChecksums& before, const DataChecksums& after,
                                          bool ignore_server_made) {
  std::vector<std::string> differences;
  for (const auto& [name, table] : before) {
    auto found = after.find(name);
    if (found != after.end()) {
      compare_table(name, table, found->second, ignore_server_made, differences);
    }
  }
  return differences;
}

}  // namespace migcheck
