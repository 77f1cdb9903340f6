#include "runner/seeder_fault.h"

#include <pqxx/pqxx>
#include <regex>
#include <vector>

#include "runner/seeder_catalog.h"
#include "runner/seeder_values.h"

namespace migcheck {
namespace {

constexpr int kRowsShown = 3;

std::string quote_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  for (size_t end; (end = text.find('\x01', start)) != std::string::npos; start = end + 1) {
    items.push_back(text.substr(start, end - start));
  }
  items.push_back(text.substr(start));
  return items;
}

// The first group of `pattern` in `text`, or "" when it does not match.
std::string captured(const std::string& text, const char* pattern, int group = 1) {
  std::smatch match;
  if (!std::regex_search(text, match, std::regex(pattern))) return "";
  return match[group].str();
}

// The select list that copies a table's columns without depending on the
// migrations' own types: a copy holding a column of a domain or an enum
// would be checked by the retried upgrade's ALTER DOMAIN ... VALIDATE and
// block its DROP TYPE. A domain over a built-in type is copied as that type,
// any other user-defined type as text; built-in types stay as they are.
std::string copied_columns_query(const std::string& table) {
  return "SELECT coalesce(string_agg(CASE WHEN a.atttypid < 16384 THEN quote_ident(a.attname) "
         "ELSE quote_ident(a.attname) || '::' || CASE WHEN t.typtype = 'd' AND t.typbasetype < "
         "16384 THEN format_type(t.typbasetype, t.typtypmod) ELSE 'text' END || ' AS ' || "
         "quote_ident(a.attname) END, ', ' ORDER BY a.attnum), '') FROM pg_attribute a JOIN "
         "pg_type t ON t.oid = a.atttypid WHERE a.attrelid = " +
         sql_literal(table) + "::regclass AND a.attnum > 0 AND NOT a.attisdropped";
}

}  // namespace

RowsBeforeFailure::RowsBeforeFailure(pqxx::connection_base& connection) : connection_(connection) {
  SeedTypes types;
  std::vector<SeedTable> tables = read_seed_tables(connection, types);
  pqxx::nontransaction work(connection_);
  std::string all;
  for (const SeedTable& table : tables) {
    std::string copy = "migcheck_rows_" + std::to_string(copies_.size());
    work.exec("CREATE TEMPORARY TABLE " + copy + " AS SELECT " +
              work.exec(copied_columns_query(table.name))[0][0].as<std::string>() + " FROM " +
              table.name);
    copies_.emplace(table.relname, copy);
    all += (all.empty() ? "" : ", ") + table.name;
  }
  if (!all.empty()) work.exec("TRUNCATE " + all);
}

RowsBeforeFailure::~RowsBeforeFailure() {
  try {
    pqxx::nontransaction work(connection_);
    for (const auto& [table, copy] : copies_) work.exec("DROP TABLE IF EXISTS " + copy);
  } catch (const std::exception&) {
    // Temporary tables go with the session anyway.
  }
}

std::string RowsBeforeFailure::rows_where(const std::string& table, const std::string& condition,
                                          RowsAtFault& found) {
  auto copy = copies_.find(table);
  if (copy == copies_.end()) return "";
  std::string shown;
  try {
    pqxx::nontransaction read(connection_);
    for (const auto& row :
         read.exec("SELECT row_to_json(r)::text FROM " + copy->second + " r WHERE " + condition +
                   " LIMIT " + std::to_string(kRowsShown))) {
      std::string json = row[0].as<std::string>();
      found.evidence.emplace_back("row", table + " " + json);
      shown += (shown.empty() ? table + " " : "; ") + json;
    }
  } catch (const pqxx::sql_error&) {
    return "";  // the predicate names what the table did not have before the upgrade
  }
  return shown;
}

RowsAtFault RowsBeforeFailure::rows_at_fault(const StepFailure& failure) {
  RowsAtFault found;
  const std::string& message = failure.message;
  auto single = [&](const std::string& sql) -> pqxx::result {
    try {
      pqxx::nontransaction read(connection_);
      return read.exec(sql);
    } catch (const pqxx::sql_error&) {
      return {};
    }
  };

  // A column set NOT NULL over NULLs, or a NULL written into a NOT NULL column.
  std::string column = captured(
      message, R"re(column "(.+)" of relation "(.+)" (contains null|violates not-null))re");
  std::string table = captured(
      message, R"re(column "(.+)" of relation "(.+)" (contains null|violates not-null))re", 2);
  if (!column.empty()) {
    found.rows = rows_where(table, quote_identifier(column) + " IS NULL", found);
    if (found.rows.empty()) found.rows = rows_where(table, "true", found);  // a new column
    return found;
  }

  // A unique index over duplicates: the values that repeat under its key.
  std::string index = captured(
      message, R"re((could not create unique index|violates unique constraint) "(.+)")re", 2);
  if (!index.empty()) {
    pqxx::result key = single(
        "SELECT c.relname, array_to_string(ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) "
        "FROM generate_series(1, i.indnkeyatts) k), chr(1)) FROM pg_index i JOIN pg_class x ON "
        "x.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid WHERE x.relname = " +
        sql_literal(index) + " LIMIT 1");
    if (!key.empty()) {
      table = key[0][0].as<std::string>();
      std::vector<std::string> parts = split_list(key[0][1].as<std::string>());
      std::string list, set;
      for (const std::string& part : parts) {
        list += (list.empty() ? "" : ", ") + part;
        set += (set.empty() ? "" : " AND ") + ("(" + part + ") IS NOT NULL");
      }
      auto copy = copies_.find(table);
      if (copy != copies_.end()) {
        pqxx::result repeated =
            single("SELECT ROW(" + list + ")::text, count(*) FROM " + copy->second + " r WHERE " +
                   set + " GROUP BY 1 HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT " +
                   std::to_string(kRowsShown));
        for (const auto& row : repeated) {
          std::string line = "(" + list + ")=" + row[0].as<std::string>() + " in " +
                             row[1].as<std::string>() + " rows";
          found.evidence.emplace_back("duplicate", table + " " + line);
          found.rows += (found.rows.empty() ? table + " " : "; ") + line;
        }
      }
    }
    return found;
  }

  // A foreign key over orphans: the child rows whose parent is missing.
  std::string constraint = captured(message, R"re(violates foreign key constraint "(.+)")re");
  if (!constraint.empty()) {
    table = captured(message, R"re(on table "([^"]+)")re");
    pqxx::result key = single(
        "SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.relname), p.relname, (SELECT "
        "string_agg(quote_ident(a.attname), chr(1) ORDER BY k.i) FROM unnest(con.conkey) WITH "
        "ORDINALITY k(attnum, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = "
        "k.attnum), (SELECT string_agg(quote_ident(a.attname), chr(1) ORDER BY k.i) FROM "
        "unnest(con.confkey) WITH ORDINALITY k(attnum, i) JOIN pg_attribute a ON a.attrelid = "
        "con.confrelid AND a.attnum = k.attnum) FROM pg_constraint con JOIN pg_class c ON c.oid "
        "= con.conrelid JOIN pg_class p ON p.oid = con.confrelid JOIN pg_namespace pn ON pn.oid "
        "= p.relnamespace WHERE con.contype = 'f' AND con.conname = " +
        sql_literal(constraint) + " AND c.relname = " + sql_literal(table) + " LIMIT 1");
    if (!key.empty()) {
      auto parent_copy = copies_.find(key[0][1].as<std::string>());
      std::string parent =
          parent_copy != copies_.end() ? parent_copy->second : key[0][0].as<std::string>();
      std::vector<std::string> children = split_list(key[0][2].as<std::string>());
      std::vector<std::string> parents = split_list(key[0][3].as<std::string>());
      std::string set, match;
      for (size_t i = 0; i < children.size() && i < parents.size(); ++i) {
        set += "r." + children[i] + " IS NOT NULL AND ";
        match += (match.empty() ? "" : " AND ") + ("p." + parents[i] + " = r." + children[i]);
      }
      found.rows = rows_where(
          table, set + "NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE " + match + ")", found);
    }
    return found;
  }

  // A CHECK constraint added over rows it rejects, or a row written against one.
  constraint = captured(message, R"re(check constraint "(.+)" of relation "(.+)" is violated)re");
  if (constraint.empty()) constraint = captured(message, R"re(violates check constraint "(.+)")re");
  if (!constraint.empty()) {
    table = captured(message, R"re(relation "([^"]+)")re");
    pqxx::result check = single(
        "SELECT pg_get_constraintdef(con.oid) FROM pg_constraint con JOIN pg_class c ON c.oid = "
        "con.conrelid WHERE con.conname = " +
        sql_literal(constraint) + " AND c.relname = " + sql_literal(table) + " LIMIT 1");
    if (!check.empty()) {
      std::string definition = check[0][0].as<std::string>();
      definition = std::regex_replace(definition, std::regex(R"re(^CHECK |\s*NOT VALID$)re"), "");
      found.rows = rows_where(table, "NOT " + definition, found);
    }
    return found;
  }

  // A value a cast or a function rejects: the rows holding it.
  std::string value = captured(message, R"re(: "(.*)"$)re");
  if (failure.sqlstate.rfind("22", 0) == 0 && !value.empty()) {
    for (const auto& [name, copy] : copies_) {
      found.rows = rows_where(name,
                              "EXISTS (SELECT 1 FROM json_each_text(row_to_json(r)) e WHERE "
                              "e.value = " +
                                  sql_literal(value) + ")",
                              found);
      if (!found.rows.empty()) break;
    }
    return found;
  }

  // Otherwise a few of the rows of the table the message names.
  table = captured(message, R"re((relation|table) "([^"]+)")re", 2);
  if (!table.empty()) found.rows = rows_where(table, "true", found);
  return found;
}

}  // namespace migcheck
