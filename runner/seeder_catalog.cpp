#include "runner/seeder_catalog.h"

#include <algorithm>
#include <map>
#include <pqxx/pqxx>

#include "runner/snapshot.h"

namespace migcheck {
namespace {

// The user tables rows go into: no partitions (their parent routes rows),
// no temporary tables, nothing an extension owns.
constexpr const char* kSeedTables =
    "SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name, c.relname "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.oid >= 16384 "
    "AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
    "AND d.objid = c.oid AND d.deptype = 'e')";

// Lists travel as text joined by chr(1), which no identifier holds.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\x01', start);
    if (end == std::string::npos) end = text.size();
    items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

// Resolves a column's type through domains and arrays to the built-in (or
// enum) type the values are made for, and reads its length or precision.
void describe_type(SeedColumn& column, long type, int typmod, const SeedTypes& types,
                   const std::map<long, std::vector<std::string>>& labels) {
  for (int depth = 0; depth < 16; ++depth) {  // domains over domains, at most this deep
    auto found = types.find(type);
    if (found == types.end()) return;
    const SeedType& info = found->second;
    if (info.type == 'd') {
      if (typmod < 0) typmod = info.base_typmod;
      type = info.base;
      continue;
    }
    if (info.category == 'A' && info.element != 0 && !column.array) {
      column.array = true;
      type = info.element;
      continue;
    }
    column.base = info.name;
    column.category = info.category;
    if (info.type == 'e') {
      auto enum_labels = labels.find(type);
      if (enum_labels != labels.end()) column.labels = enum_labels->second;
    }
    if (typmod >= 4 && (info.name == "varchar" || info.name == "bpchar"))
      column.length = typmod - 4;
    if (typmod >= 0 && (info.name == "bit" || info.name == "varbit")) column.length = typmod;
    if (typmod >= 4 && info.name == "numeric") {
      column.precision = ((typmod - 4) >> 16) & 0xffff;
      column.scale = (typmod - 4) & 0xffff;
    }
    return;
  }
}

}  // namespace

bool is_bookkeeping_table(const std::string& name) {
  return name == "goose_db_version" ||
         std::find(kBookkeepingTables.begin(), kBookkeepingTables.end(), name) !=
             kBookkeepingTables.end();
}

std::vector<SeedTable> read_seed_tables(pqxx::connection_base& connection,
                                        SeedTypes& built_in_types) {
  pqxx::nontransaction read(connection);
  // initdb's types (oids below 16384) are the same all run long: read once.
  const bool first = built_in_types.empty();
  SeedTypes types = built_in_types;
  for (const auto& row : read.exec(std::string("SELECT oid, typname, typtype, typcategory, "
                                               "typbasetype, typtypmod, typelem FROM pg_type") +
                                   (first ? "" : " WHERE oid >= 16384"))) {
    SeedType& info = types[row[0].as<long>()];
    info.name = row[1].as<std::string>();
    info.type = row[2].as<std::string>()[0];
    info.category = row[3].as<std::string>()[0];
    info.base = row[4].as<long>();
    info.base_typmod = row[5].as<int>();
    info.element = row[6].as<long>();
    if (first && row[0].as<long>() < 16384) built_in_types[row[0].as<long>()] = info;
  }
  std::map<long, std::vector<std::string>> labels;
  for (const auto& row :
       read.exec("SELECT enumtypid, enumlabel FROM pg_enum ORDER BY enumtypid, enumsortorder")) {
    labels[row[0].as<long>()].push_back(row[1].as<std::string>());
  }

  std::vector<SeedTable> tables;
  std::map<long, size_t> by_oid;
  for (const auto& row :
       read.exec(std::string("SELECT t.oid, t.name, t.relname, quote_ident(a.attname), "
                             "format_type(a.atttypid, a.atttypmod), a.atttypid, a.atttypmod, "
                             "a.attnotnull, a.atthasdef, a.attidentity <> '' OR a.attgenerated <> "
                             "'', EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = t.oid AND "
                             "i.indisunique AND a.attnum = ANY (i.indkey)) FROM (") +
                 kSeedTables +
                 ") t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT "
                 "a.attisdropped ORDER BY t.name, a.attnum")) {
    if (is_bookkeeping_table(row[2].as<std::string>())) continue;
    long oid = row[0].as<long>();
    auto [at, added] = by_oid.emplace(oid, tables.size());
    if (added) {
      SeedTable table;
      table.name = row[1].as<std::string>();
      table.relname = row[2].as<std::string>();
      tables.push_back(std::move(table));
    }
    SeedColumn column;
    column.name = row[3].as<std::string>();
    column.type = row[4].as<std::string>();
    describe_type(column, row[5].as<long>(), row[6].as<int>(), types, labels);
    column.not_null = row[7].as<bool>();
    column.has_default = row[8].as<bool>();
    column.left_to_server = row[9].as<bool>();
    column.unique = row[10].as<bool>();
    tables[at->second].columns.push_back(std::move(column));
  }

  // Foreign keys, with the positions of their columns among the table's.
  for (const auto& row : read.exec(
           "SELECT con.conrelid, (SELECT string_agg(k.attnum::text, chr(1) ORDER BY k.i) FROM "
           "unnest(con.conkey) WITH ORDINALITY k(attnum, i)), quote_ident(n.nspname) || '.' || "
           "quote_ident(r.relname), (SELECT string_agg(quote_ident(a.attname), chr(1) ORDER BY "
           "k.i) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i) JOIN pg_attribute a ON "
           "a.attrelid = con.confrelid AND a.attnum = k.attnum), (SELECT "
           "string_agg(a.attnum::text, "
           "chr(1) ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = con.conrelid AND "
           "a.attnum > 0 AND NOT a.attisdropped) FROM pg_constraint con JOIN pg_class r ON r.oid "
           "= con.confrelid JOIN pg_namespace n ON n.oid = r.relnamespace WHERE con.contype = "
           "'f' AND con.conparentid = 0")) {
    auto table = by_oid.find(row[0].as<long>());
    if (table == by_oid.end()) continue;
    SeedTable& owner = tables[table->second];
    // attnum -> position among the live columns (dropped ones leave gaps)
    std::vector<std::string> live = split_list(row[4].as<std::string>());
    SeedForeignKey key;
    key.referenced = row[2].as<std::string>();
    key.referenced_columns = split_list(row[3].as<std::string>());
    key.nullable = true;
    for (const std::string& attnum : split_list(row[1].as<std::string>())) {
      size_t position = std::find(live.begin(), live.end(), attnum) - live.begin();
      if (position >= owner.columns.size()) continue;
      key.columns.push_back(position);
      if (owner.columns[position].not_null) key.nullable = false;
    }
    if (key.columns.size() == key.referenced_columns.size()) {
      owner.foreign_keys.push_back(std::move(key));
    }
  }

  // Every table's row count in one query.
  std::string counts;
  for (size_t i = 0; i < tables.size(); ++i) {
    counts += (i == 0 ? "" : " UNION ALL ") +
              ("SELECT " + std::to_string(i) + ", count(*) FROM " + tables[i].name);
  }
  if (!counts.empty()) {
    for (const auto& row : read.exec(counts)) tables[row[0].as<size_t>()].rows = row[1].as<long>();
  }
  return tables;
}

}  // namespace migcheck
