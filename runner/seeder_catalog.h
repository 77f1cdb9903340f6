#pragma once
#include <map>
#include <string>
#include <vector>

#include <pqxx/connection_base>

namespace migcheck {

// What the seeder needs to know of a column to make values PostgreSQL takes.
struct SeedColumn {
  std::string name;  // quoted for SQL
  std::string type;  // format_type(): "numeric(10,2)", "character varying(20)[]"
  // The built-in type under any domain, and for an array its element's:
  // pg_type.typname ("int4", "varchar", "int4range") and typcategory.
  std::string base;
  char category = 'X';
  bool array = false;
  int length = -1;                  // varchar(n) / char(n) / bit(n): n; else -1
  int precision = -1, scale = -1;   // numeric(p,s)
  std::vector<std::string> labels;  // an enum's labels, in order
  bool not_null = false;
  bool has_default = false;
  bool left_to_server = false;  // identity or generated: never given a value
  bool unique = false;          // in a primary key, unique constraint or unique index
};

// A foreign key from `columns` of its table to `referenced_columns` of
// `referenced` (a qualified name), by the positions in each table's columns.
struct SeedForeignKey {
  std::vector<size_t> columns;
  std::string referenced;
  std::vector<std::string> referenced_columns;  // quoted
  bool nullable = false;                        // every column of the key may be NULL
};

struct SeedTable {
  std::string name;     // qualified, quoted where needed: public.products
  std::string relname;  // as PostgreSQL's messages name it: products
  std::vector<SeedColumn> columns;
  std::vector<SeedForeignKey> foreign_keys;
  long rows = 0;  // how many it holds now (with its partitions)
};

// A type as the seeder resolves it to the values it makes.
struct SeedType {
  std::string name;
  char type = 'b';  // typtype: b base, d domain, e enum, r range, ...
  char category = 'X';
  long base = 0;  // a domain's base type
  int base_typmod = -1;
  long element = 0;  // an array's element type
};
using SeedTypes = std::map<long, SeedType>;  // by oid

// The tables rows can be inserted into, read from the live catalog: the
// ordinary and partitioned tables of the user schemas (partitions are
// filled through their parent), without extensions' tables and the
// migration tools' bookkeeping tables. Sorted by name. `built_in_types` is
// filled on the first call (empty) and read instead of the catalog after it.
std::vector<SeedTable> read_seed_tables(pqxx::connection_base& connection,
                                        SeedTypes& built_in_types);

// The migration tools' own tables (Alembic, golang-migrate, dbmate, Flyway,
// goose): never seeded, emptied or compared.
bool is_bookkeeping_table(const std::string& name);

}  // namespace migcheck
