#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "linter/connection_settings.h"
#include "linter/object_name.h"
#include "linter/statement.h"

namespace migcheck {

struct ColumnInfo {
  std::string name;
  std::string type;  // as type_name_text prints it; empty when unknown
  bool not_null = false;
  bool has_default = false;
};

struct ConstraintInfo {
  std::string name;  // as written, or PostgreSQL's generated name when unnamed
  std::string kind;  // the parse tree's contype: "CONSTR_FOREIGN", "CONSTR_CHECK", ...
  std::vector<std::string> columns;  // key columns (FOREIGN KEY, UNIQUE, PRIMARY KEY, EXCLUDE)
  bool valid = true;                 // false while NOT VALID and not yet validated
  std::string not_null_column;       // for CHECK (col IS NOT NULL): the column
  // For a FOREIGN KEY: the table it references and the referenced columns as
  // written (empty when it names none: the primary key).
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
  bool created_in_current_migration = true;
  // Which linted unit added it (Catalog::unit_serial) and where, so a rule's
  // finish() can point at constraints of the unit it finishes.
  int unit_serial = -1;
  Span span{0, 0};
};

struct IndexInfo {
  std::string name;                  // qualified, in the table's schema
  std::string table;                 // qualified
  std::vector<std::string> columns;  // key columns in order; "" for an expression
  bool unique = false;
  bool created_in_current_migration = false;
};

// A view, function, type, domain, sequence, extension or schema the replayed
// migrations created (tables and indexes have their own memory).
struct ObjectInfo {
  ObjectRef ref;
  bool created_in_current_migration = false;
  std::vector<std::string> reads;  // a view's: the relations its query names, qualified
  // A function RETURNS trigger: PostgreSQL lets only triggers call it.
  bool trigger_function = false;
};

struct TableInfo {
  std::string name;  // qualified, "schema.table"
  bool created_in_current_migration = false;
  bool partitioned = false;        // CREATE TABLE ... PARTITION BY
  bool materialized_view = false;  // CREATE MATERIALIZED VIEW: read, never written
  std::vector<ColumnInfo> columns;
  std::vector<ConstraintInfo> constraints;

  const ColumnInfo* column(const std::string& column_name) const;
  const ConstraintInfo* constraint(const std::string& constraint_name) const;
  // True when a validated CHECK (column IS NOT NULL) exists, which lets SET
  // NOT NULL skip its table scan from PostgreSQL 12.
  bool has_valid_not_null_check(const std::string& column_name) const;
  // True when ALTER COLUMN ... SET NOT NULL reads every row: the column is
  // not NOT NULL already, and no validated CHECK (column IS NOT NULL) proves
  // it (PostgreSQL 12+ trusts one instead of scanning).
  bool set_not_null_scans(const std::string& column_name, int pg_version) const;
  // True when a validated CHECK constraint exists: ATTACH PARTITION trusts
  // one that implies the partition bound instead of scanning (migcheck does
  // not compare the expression with the bound).
  bool has_valid_check() const;
};

// A constraint's name: as written, or the one PostgreSQL generates for an
// unnamed one ("users_email_key", "orders_user_id_fkey", "users_age_check").
// `column` is set for a constraint written on a column definition.
std::string constraint_name(const std::string& qualified_table, const JsonNode& constraint,
                            const std::string& column);

// The schema memory: replays each statement of the migration set, in
// revision order, so rules know what existed before the statement they check.
// Tables created in the migration being checked are new: rules about locks
// and rewrites leave them alone, since nobody else can be using them yet.
class Catalog {
 public:
  // Starts the next migration: everything known so far pre-exists it, and
  // its connection starts without settings (it may run alone).
  void begin_migration();
  // Starts linting the next SQL unit (one migration may have several).
  void begin_unit() { ++unit_serial_; }
  int unit_serial() const { return unit_serial_; }
  // Records the effect of a statement that ran.
  void apply(const Statement& statement);

  const TableInfo* table(const std::string& qualified) const;
  // Unordered: rules look tables up for nearly every statement.
  const std::unordered_map<std::string, TableInfo>& tables() const { return tables_; }
  // True when the table was created earlier in the migration being checked.
  bool is_new_table(const std::string& qualified) const;
  const IndexInfo* index(const std::string& qualified) const;
  const std::unordered_map<std::string, IndexInfo>& indexes() const { return indexes_; }
  // The indexes of a table (qualified), in no particular order: a rule asking
  // about one table need not walk the thousands a long history leaves.
  std::vector<const IndexInfo*> indexes_on(const std::string& table) const;
  // True when a function of this name (unqualified) was created VOLATILE,
  // which is CREATE FUNCTION's default; false when created STABLE or
  // IMMUTABLE; nullopt when the migrations never created it.
  std::optional<bool> function_is_volatile(const std::string& name) const;
  // The view, function, type, ... of this kind and name (see ObjectRef), or
  // nullptr when the replayed migrations did not create it.
  const ObjectInfo* object(const std::string& kind, const std::string& name) const;
  // True when the object was created earlier in the migration being checked.
  bool is_new_object(const std::string& kind, const std::string& name) const;
  // True when the migration being checked gave the object this name (RENAME
  // or SET SCHEMA): no code running before it names it so.
  bool renamed_in_current_migration(const std::string& kind, const std::string& name) const;
  // The views reading a table or view, directly or through other views: what
  // DROP ... CASCADE of it takes along. Sorted, qualified.
  std::vector<std::string> views_depending_on(const std::string& relation) const;
  // "table.column" for each column whose type is `type` (qualified), sorted:
  // what DROP TYPE or DROP DOMAIN ... CASCADE drops.
  std::vector<std::string> columns_of_type(const std::string& type) const;
  // "table.constraint" for each foreign key that DROP CONSTRAINT ... CASCADE
  // of `key` (a primary key or unique constraint on `table`) drops, sorted.
  std::vector<std::string> foreign_keys_on(const std::string& table,
                                           const ConstraintInfo& key) const;
  // True when an earlier statement of the current unit was an ALTER TABLE of
  // this table (qualified).
  bool altered_earlier_in_unit(const std::string& qualified) const;
  // The tables the migration being checked created or added constraints to
  // (qualified; may repeat): where a rule looks for what it just added,
  // without walking every table the memory holds.
  const std::vector<std::string>& tables_changed_in_migration() const { return fresh_tables_; }
  // Whether earlier migrations were replayed: without history (a lone SQL
  // file) a table the catalog does not know is assumed to exist already.
  bool history_known() const { return history_known_; }
  void set_history_known(bool known) { history_known_ = known; }
  // What the current migration's earlier units left on the connection.
  const ConnectionSettings& connection_settings() const { return connection_settings_; }
  void set_connection_settings(const ConnectionSettings& settings) {
    connection_settings_ = settings;
  }

 private:
  void apply_create(const Statement& statement);
  void apply_alter(const Statement& statement);
  void apply_drop(const JsonNode& drop);
  void apply_rename(const JsonNode& rename);
  void apply_index(const JsonNode& index);
  // Records a PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK constraint on `table`;
  // `column` is set for a constraint written on a column definition.
  void add_constraint(TableInfo& table, const Statement& statement, const JsonNode& constraint,
                      const std::string& column);
  void drop_table(const std::string& qualified);
  // Renames a table or moves it to another schema, with its indexes.
  void move_table(const std::string& from, const std::string& to);
  void apply_function(const JsonNode& create_function);
  // Views, functions, types, ... (catalog_objects.cpp): their creation, drop,
  // rename and move to another schema.
  void apply_object(const Statement& statement);
  ObjectInfo& create_object(ObjectRef ref, std::vector<std::string> reads, bool replace);
  void rename_object(const ObjectRef& from, const std::string& to_name);
  // Remembers which unit last ran an ALTER TABLE of each table.
  void remember_alter(const Statement& statement);
  // Every change to indexes_ goes through these two, which keep
  // index_names_by_table_ in step.
  void add_index(IndexInfo index);
  void erase_index(const std::string& qualified);

  std::unordered_map<std::string, TableInfo> tables_;
  // Hashed, like tables_: a long history holds thousands, looked up and added
  // to for nearly every statement; nothing needs them in name order.
  std::unordered_map<std::string, IndexInfo> indexes_;
  // Index names by qualified table, so renaming or dropping a table does not
  // walk every index of a large schema.
  std::unordered_map<std::string, std::unordered_set<std::string>> index_names_by_table_;
  std::map<std::string, bool> function_volatile_;         // by unqualified name
  std::map<std::string, ObjectInfo> objects_;             // by kind + " " + name
  std::unordered_map<std::string, int> last_alter_unit_;  // qualified table -> unit_serial_
  // Where this migration may have set a created_in_current_migration flag
  // (tables also for their constraints), so begin_migration resets only
  // those instead of walking the whole memory once per migration.
  std::vector<std::string> fresh_tables_;
  std::vector<std::string> fresh_indexes_;
  std::vector<std::string> fresh_objects_;  // keys of objects_
  std::set<std::string> renamed_objects_;   // keys (new names) renamed in this migration
  bool history_known_ = false;
  int unit_serial_ = 0;
  ConnectionSettings connection_settings_;
};

}  // namespace migcheck
