#include "runner/seeder.h"

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "runner/seeder_catalog.h"
#include "runner/seeder_order.h"
#include "runner/seeder_values.h"

namespace migcheck {
namespace {

// A referenced key's values, as SQL literals.
using KeyValues = std::vector<std::string>;

constexpr size_t kParentKeysRead = 200;
constexpr int kAttempts = 5;

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// Keys the referenced table holds now, to pick a child's values from.
std::vector<KeyValues> parent_keys(pqxx::transaction_base& work, const SeedForeignKey& key) {
  std::string columns = joined(key.referenced_columns);
  std::string all_set;
  for (const std::string& column : key.referenced_columns) {
    all_set += (all_set.empty() ? "" : " AND ") + column + " IS NOT NULL";
  }
  std::vector<KeyValues> keys;
  for (const auto& row :
       work.exec("SELECT " + columns + " FROM " + key.referenced + " WHERE " + all_set +
                 " ORDER BY " + columns + " LIMIT " + std::to_string(kParentKeysRead))) {
    KeyValues values;
    for (const auto& field : row) values.push_back(sql_literal(field.as<std::string>()));
    keys.push_back(std::move(values));
  }
  return keys;
}

// Makes the rows of one table: each row's values as SQL (a literal, NULL or
// DEFAULT) for the table's columns that take a value.
class RowMaker {
 public:
  RowMaker(const SeedTable& table, std::vector<std::vector<KeyValues>> keys,
           std::vector<bool> deferred, SeedRandom& random, uint64_t& ordinal)
      : table_(table),
        keys_(std::move(keys)),
        deferred_(std::move(deferred)),
        random_(random),
        ordinal_(ordinal) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (!table.columns[i].left_to_server) given_.push_back(i);
    }
  }

  // The columns an INSERT names; empty when the server makes every value.
  std::vector<std::string> columns() const {
    std::vector<std::string> names;
    for (size_t i : given_) names.push_back(table_.columns[i].name);
    return names;
  }

  // Whether a key that may not be NULL has no parent row to point at.
  bool impossible() const {
    for (size_t k = 0; k < keys_.size(); ++k) {
      if (!deferred_[k] && keys_[k].empty() && !table_.foreign_keys[k].nullable) return true;
    }
    return false;
  }

  std::string row() {
    std::vector<std::string> values(table_.columns.size());
    for (size_t i : given_) values[i] = value(table_.columns[i]);
    for (size_t k = 0; k < keys_.size(); ++k) {
      const SeedForeignKey& key = table_.foreign_keys[k];
      bool null = deferred_[k] || keys_[k].empty() || (key.nullable && random_.chance(10));
      const KeyValues* chosen = null ? nullptr : &keys_[k][random_.below(keys_[k].size())];
      for (size_t c = 0; c < key.columns.size(); ++c) {
        values[key.columns[c]] = chosen ? (*chosen)[c] : "NULL";
      }
    }
    std::string text;
    for (size_t i : given_) text += (text.empty() ? "(" : ", ") + values[i];
    return text + ")";
  }

 private:
  std::string value(const SeedColumn& column) {
    if (column.has_default && (column.unique || random_.chance(30))) return "DEFAULT";
    if (!column.not_null && random_.chance(column.unique ? 5 : 15)) return "NULL";
    std::optional<std::string> made = seed_value(column, random_, ++ordinal_);
    if (made) return sql_literal(*made);
    return column.has_default ? "DEFAULT" : "NULL";
  }

  const SeedTable& table_;
  std::vector<std::vector<KeyValues>> keys_;
  std::vector<bool> deferred_;
  SeedRandom& random_;
  uint64_t& ordinal_;
  std::vector<size_t> given_;
};

// Where an inserted row is, to fill its deferred keys: tableoid and ctid.
constexpr const char* kReturning = " RETURNING tableoid::text, ctid::text";

void remember(const pqxx::result& result, std::vector<std::pair<std::string, std::string>>& rows) {
  for (const auto& row : result)
    rows.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
}

}  // namespace

long Seeder::top_up() {
  if (rows_ <= 0) return 0;
  std::vector<SeedTable> tables = read_seed_tables(connection_, built_in_types_);
  InsertionOrder order = insertion_order(tables);
  pqxx::work work(connection_);
  long inserted = 0;
  std::vector<std::vector<std::pair<std::string, std::string>>> placed(tables.size());
  for (size_t t : order.tables) {
    const SeedTable& table = tables[t];
    if (table.rows >= rows_) continue;
    std::vector<std::vector<KeyValues>> keys;
    std::vector<bool> deferred;
    for (size_t k = 0; k < table.foreign_keys.size(); ++k) {
      deferred.push_back(order.deferred.count({t, k}) != 0);
      keys.push_back(deferred.back() ? std::vector<KeyValues>{}
                                     : parent_keys(work, table.foreign_keys[k]));
    }
    RowMaker maker(table, std::move(keys), std::move(deferred), random_, ordinal_);
    if (maker.impossible()) continue;
    const std::vector<std::string> columns = maker.columns();
    const std::string insert =
        "INSERT INTO " + table.name +
        (columns.empty() ? " DEFAULT VALUES" : " (" + joined(columns) + ") VALUES ");
    auto statement = [&](const std::vector<std::string>& rows) {
      std::string sql = insert;
      if (!columns.empty()) {
        for (size_t i = 0; i < rows.size(); ++i) sql += (i == 0 ? "" : ", ") + rows[i];
      }
      return sql + kReturning;
    };
    const size_t wanted = static_cast<size_t>(rows_ - table.rows);
    std::vector<std::string> batch;
    for (size_t i = 0; i < wanted; ++i) batch.push_back(maker.row());
    // All rows in one statement; when PostgreSQL rejects one, row by row.
    if (!columns.empty()) {
      try {
        pqxx::subtransaction attempt(work, "seed_batch");
        pqxx::result result = attempt.exec(statement(batch));
        attempt.commit();
        remember(result, placed[t]);
        inserted += static_cast<long>(result.size());
        continue;
      } catch (const pqxx::sql_error&) {
      }
    }
    for (size_t i = 0; i < wanted; ++i) {
      std::string row = columns.empty() ? "" : batch[i];
      for (int attempt = 0; attempt < kAttempts; ++attempt) {
        try {
          pqxx::subtransaction one(work, "seed_row");
          pqxx::result result = one.exec(statement({row}));
          one.commit();
          remember(result, placed[t]);
          ++inserted;
          break;
        } catch (const pqxx::sql_error&) {
          row = maker.row();
        }
      }
    }
  }
  // Second pass: the keys a cycle left NULL point at rows that exist now,
  // in most rows (a nullable key stays NULL in some, as in real data).
  for (const auto& [t, k] : order.deferred) {
    const SeedForeignKey& key = tables[t].foreign_keys[k];
    std::vector<KeyValues> keys = parent_keys(work, key);
    if (keys.empty()) continue;
    for (const auto& [tableoid, ctid] : placed[t]) {
      if (random_.chance(30)) continue;
      const KeyValues& chosen = keys[random_.below(keys.size())];
      std::vector<std::string> columns;
      for (size_t c : key.columns) columns.push_back(tables[t].columns[c].name);
      try {
        pqxx::subtransaction update(work, "seed_key");
        update.exec("UPDATE " + tables[t].name + " SET (" + joined(columns) + ") = ROW(" +
                    joined(chosen) + ") WHERE tableoid = " + tableoid +
                    " AND ctid = " + sql_literal(ctid));
        update.commit();
      } catch (const pqxx::sql_error&) {
        // A unique or CHECK constraint on the key: this row keeps NULL.
      }
    }
  }
  work.commit();
  return inserted;
}

}  // namespace migcheck
