#pragma once
#include <map>
#include <string>
#include <vector>

#include "linter/statement.h"

namespace migcheck {

struct ColumnInfo {
  std::string name;
  std::string type;  // as type_name_text prints it; empty when unknown
  bool not_null = false;
  bool has_default = false;
};

struct TableInfo {
  std::string name;  // qualified, "schema.table"
  bool created_in_current_migration = false;
  std::vector<ColumnInfo> columns;

  const ColumnInfo* column(const std::string& column_name) const;
};

// The schema memory: replays each statement of the migration set, in
// revision order, so rules know what existed before the statement they check.
// Tables created in the migration being checked are new: rules about locks
// and rewrites leave them alone, since nobody else can be using them yet.
class Catalog {
 public:
  // Starts the next migration: everything known so far pre-exists it.
  void begin_migration();
  // Records the effect of a statement that ran.
  void apply(const Statement& statement);

  const TableInfo* table(const std::string& qualified) const;
  // True when the table was created earlier in the migration being checked.
  bool is_new_table(const std::string& qualified) const;
  // Whether earlier migrations were replayed: without history (a lone SQL
  // file) a table the catalog does not know is assumed to exist already.
  bool history_known() const { return history_known_; }
  void set_history_known(bool known) { history_known_ = known; }

 private:
  void apply_create(const JsonNode& create);
  void apply_alter(const JsonNode& alter);
  void apply_drop(const JsonNode& drop);
  void apply_rename(const JsonNode& rename);

  std::map<std::string, TableInfo> tables_;
  bool history_known_ = false;
};

}  // namespace migcheck
