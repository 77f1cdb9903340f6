#include "runner/data_checksums.h"

#include <algorithm>
#include <iterator>
#include <pqxx/pqxx>
#include <set>

#include "runner/seeder_catalog.h"

namespace migcheck {
namespace {

// Each user table's columns in order: (table as shown, table quoted, table
// name, column quoted, column as shown, in the primary key, an identity
// column, its default's pg_attrdef oid, whether that default makes a new value
// each time (NULL for the defaults whose oids $1 lists), the table's file
// node and column count with dropped ones, and pg_current_snapshot()).
// pg_get_expr() costs about as much as the rest of the query together, so a
// default already judged (an attrdef row never changes; a new default is a new
// row) is not deparsed again.
constexpr const char* kColumns =
    "SELECT CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || c.relname, "
    "quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relname, "
    "quote_ident(a.attname), a.attname, EXISTS (SELECT 1 FROM pg_constraint p WHERE "
    "p.conrelid = c.oid AND p.contype = 'p' AND a.attnum = ANY (p.conkey)), a.attidentity <> "
    "'', d.oid, CASE WHEN d.oid = ANY ($1::oid[]) THEN NULL ELSE pg_get_expr(d.adbin, d.adrelid) "
    "~* "
    "'(nextval|now|random|uuid|clock_timestamp|statement_timestamp|transaction_timestamp)\\(|"
    "current_(timestamp|date|time)|localtime' END, c.relfilenode, c.relnatts, "
    "pg_current_snapshot()::text "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.oid >= 16384 "
    "AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass "
    "AND e.objid = c.oid AND e.deptype = 'e') ORDER BY 1, a.attnum";

// A transaction id as the 32-bit xid a row's xmin holds (xid8 carries the epoch).
std::string xid_of(const std::string& full) {
  return std::to_string(std::stoull(full) & 0xffffffffULL);
}

// The oldest transaction still running and the next to start, from
// pg_current_snapshot()'s "xmin:xmax:running,...".
std::pair<std::string, std::string> snapshot_bounds(const std::string& snapshot) {
  size_t colon = snapshot.find(':');
  size_t second = snapshot.find(':', colon + 1);
  return {snapshot.substr(0, colon), snapshot.substr(colon + 1, second - colon - 1)};
}

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

DataReader::Table DataReader::read_catalog(std::string& snapshot) {
  Table tables;
  snapshot.clear();
  std::string known;
  for (const auto& [oid, made] : server_made_defaults_) known += (known.empty() ? "" : ",") + oid;
  // Prepared: planned once a session, where the catalog changes every step.
  connection_.prepare("migcheck_data_columns", kColumns);
  pqxx::nontransaction read(connection_);
  for (const auto& row : read.exec_prepared("migcheck_data_columns", "{" + known + "}")) {
    if (is_bookkeeping_table(row[2].as<std::string>())) continue;
    Source& source = tables[row[0].as<std::string>()];
    source.quoted = row[1].as<std::string>();
    source.columns.push_back(row[3].as<std::string>());
    source.names.push_back(row[4].as<std::string>());
    if (row[5].as<bool>()) source.key.push_back(row[3].as<std::string>());
    bool made = row[6].as<bool>();
    if (!row[7].is_null()) {
      std::string oid = row[7].as<std::string>();
      if (!row[8].is_null()) server_made_defaults_[oid] = row[8].as<bool>();
      made = made || server_made_defaults_[oid];
    }
    source.server_made.push_back(made);
    source.signature +=
        row[3].as<std::string>() + (row[5].as<bool>() ? " key" : "") + (made ? " made" : "") + ",";
    source.file = row[9].as<std::string>() + "/" + row[10].as<std::string>();
    snapshot = row[11].as<std::string>();
  }
  return tables;
}

std::set<std::string> DataReader::changed_tables(const Table& tables) {
  std::set<std::string> changed;
  std::vector<const std::string*> order;
  std::string query;
  for (const auto& [name, source] : tables) {
    auto known = sources_.find(name);
    if (known == sources_.end() || known->second.signature != source.signature ||
        known->second.file != source.file) {
      changed.insert(name);
      continue;
    }
    // The rows' count, and how many row versions were written since.
    query += (query.empty() ? "" : " UNION ALL ") +
             ("SELECT " + std::to_string(order.size()) +
              ", count(*), count(*) FILTER (WHERE age(xmin) <= age('" + marker_ + "'::xid)) FROM " +
              source.quoted);
    order.push_back(&name);
  }
  if (query.empty()) return changed;
  pqxx::nontransaction read(connection_);
  for (const auto& row : read.exec(query)) {
    const std::string& name = *order[row[0].as<size_t>()];
    if (row[1].as<size_t>() != data_[name].rows.size() || row[2].as<long>() > 0) {
      changed.insert(name);
    }
  }
  return changed;
}

void DataReader::read_rows(const Table& tables, const std::set<std::string>& names) {
  // The tables' rows in one query, as (table, key, values joined by chr(1)).
  std::vector<TableData*> order;
  std::string query;
  for (const std::string& name : names) {
    const Source& source = tables.at(name);
    TableData& table = data_[name] = TableData{};
    table.columns = source.names;
    table.server_made = source.server_made;
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
  if (query.empty()) return;
  pqxx::nontransaction read(connection_);
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
}

const DataChecksums& DataReader::read_if_written() {
  std::string snapshot = pqxx::nontransaction(connection_)
                             .exec("SELECT pg_current_snapshot()::text")[0][0]
                             .as<std::string>();
  auto [oldest, next] = snapshot_bounds(snapshot);
  // No transaction has written since the last read, and none was running
  // then (a write takes a transaction id, so the next id would have moved).
  if (!last_snapshot_.empty() && snapshot == last_snapshot_ && oldest == next) {
    tables_read_ = 0;
    return data_;
  }
  return read();
}

const DataChecksums& DataReader::read() {
  std::string snapshot;
  Table tables = read_catalog(snapshot);
  std::set<std::string> changed = changed_tables(tables);
  for (auto table = data_.begin(); table != data_.end();) {
    table = tables.count(table->first) ? std::next(table) : data_.erase(table);
  }
  read_rows(tables, changed);
  tables_read_ = changed.size();
  sources_ = std::move(tables);
  // Without tables there is no snapshot, and nothing to compare with the next.
  marker_ = snapshot.empty() ? "" : xid_of(snapshot_bounds(snapshot).first);
  last_snapshot_ = snapshot;
  return data_;
}

DataChecksums take_data_checksums(pqxx::connection_base& connection) {
  return DataReader(connection).read();
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
