#include "linter/catalog.h"

#include <algorithm>
#include <cctype>

#include "linter/relation_name.h"
#include "linter/type_name.h"

namespace migcheck {

namespace {

ColumnInfo column_from_def(const JsonNode& column_def) {
  ColumnInfo column;
  column.name = column_def["colname"].str();
  column.type = type_name_text(column_def["typeName"]);
  column.not_null = column_def["is_not_null"].boolean();
  for (const JsonNode& constraint : column_def["constraints"]) {
    std::string kind = constraint.body()["contype"].str();
    if (kind == "CONSTR_NOTNULL" || kind == "CONSTR_PRIMARY") column.not_null = true;
    if (kind == "CONSTR_DEFAULT" || kind == "CONSTR_IDENTITY" || kind == "CONSTR_GENERATED") {
      column.has_default = true;
    }
  }
  return column;
}

std::vector<std::string> strings_of(const JsonNode& list) {
  std::vector<std::string> values;
  for (const JsonNode& item : list) values.push_back(item.body()["sval"].str());
  return values;
}

// The first column an expression names, depth first: PostgreSQL names an
// unnamed CHECK constraint after it.
std::string first_column(const JsonNode& node) {
  if (node.is_object()) {
    if (const JsonNode& ref = node["ColumnRef"]) {
      const JsonNode& fields = ref["fields"];
      return fields.at(fields.size() - 1).body()["sval"].str();
    }
  }
  if (node.is_object() || node.is_array()) {
    for (const JsonNode& child : node) {
      std::string column = first_column(child);
      if (!column.empty()) return column;
    }
  }
  return {};
}

// For CHECK (col IS NOT NULL): the column; empty otherwise.
std::string not_null_check_column(const JsonNode& raw_expr) {
  const JsonNode& test = raw_expr["NullTest"];
  if (!test || test["nulltesttype"].str() != "IS_NOT_NULL") return {};
  const JsonNode& fields = test["arg"]["ColumnRef"]["fields"];
  return fields.size() == 1 ? fields.at(0).body()["sval"].str() : std::string();
}

// The columns an EXCLUDE constraint's index is built on, in order ("" for an
// expression).
std::vector<std::string> exclusion_columns(const JsonNode& constraint) {
  std::vector<std::string> columns;
  for (const JsonNode& element : constraint["exclusions"]) {
    columns.push_back(element.body()["items"].at(0).body()["name"].str());
  }
  return columns;
}

// PostgreSQL's name for an unnamed constraint or index: table, columns, suffix.
std::string generated_name(const std::string& table, const std::vector<std::string>& columns,
                           const std::string& suffix) {
  std::string name = table;
  for (const std::string& column : columns) name += "_" + column;
  return name + "_" + suffix;
}

std::string unqualified(const std::string& qualified) {
  return qualified.substr(qualified.find('.') + 1);
}

std::string schema_of(const std::string& qualified) {
  return qualified.substr(0, qualified.find('.'));
}

// The span of the word at `offset` (a constraint's first keyword).
Span word_at(const Statement& statement, size_t offset) {
  size_t end = offset;
  while (
      end < statement.sql.size() &&
      (std::isalnum(static_cast<unsigned char>(statement.sql[end])) || statement.sql[end] == '_')) {
    ++end;
  }
  return statement.in_unit({offset, std::max(end, offset + 1)});
}

}  // namespace

std::string constraint_name(const std::string& qualified_table, const JsonNode& constraint,
                            const std::string& column) {
  std::string name = constraint["conname"].str();
  if (!name.empty()) return name;
  std::string table = unqualified(qualified_table);
  std::string kind = constraint["contype"].str();
  if (kind == "CONSTR_PRIMARY") return table + "_pkey";
  if (kind == "CONSTR_UNIQUE") {
    return generated_name(
        table, column.empty() ? strings_of(constraint["keys"]) : std::vector{column}, "key");
  }
  if (kind == "CONSTR_FOREIGN") {
    return generated_name(
        table, column.empty() ? strings_of(constraint["fk_attrs"]) : std::vector{column}, "fkey");
  }
  if (kind == "CONSTR_CHECK") {
    std::string named_after = column.empty() ? first_column(constraint["raw_expr"]) : column;
    return named_after.empty() ? table + "_check" : generated_name(table, {named_after}, "check");
  }
  if (kind == "CONSTR_EXCLUSION") {
    std::vector<std::string> columns = exclusion_columns(constraint);
    std::replace(columns.begin(), columns.end(), std::string(), std::string("expr"));
    return generated_name(table, columns, "excl");
  }
  return table + "_" + kind;
}

const ColumnInfo* TableInfo::column(const std::string& column_name) const {
  for (const ColumnInfo& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

const ConstraintInfo* TableInfo::constraint(const std::string& constraint_name) const {
  for (const ConstraintInfo& c : constraints) {
    if (c.name == constraint_name) return &c;
  }
  return nullptr;
}

bool TableInfo::has_valid_not_null_check(const std::string& column_name) const {
  return std::any_of(constraints.begin(), constraints.end(), [&](const ConstraintInfo& c) {
    return c.valid && c.not_null_column == column_name;
  });
}

bool TableInfo::set_not_null_scans(const std::string& column_name, int pg_version) const {
  const ColumnInfo* known = column(column_name);
  if (known && known->not_null) return false;
  return pg_version < 12 || !has_valid_not_null_check(column_name);
}

bool TableInfo::has_valid_check() const {
  return std::any_of(constraints.begin(), constraints.end(),
                     [](const ConstraintInfo& c) { return c.kind == "CONSTR_CHECK" && c.valid; });
}

void Catalog::begin_migration() {
  for (const std::string& name : fresh_tables_) {
    auto table = tables_.find(name);
    if (table == tables_.end()) continue;
    table->second.created_in_current_migration = false;
    for (ConstraintInfo& constraint : table->second.constraints) {
      constraint.created_in_current_migration = false;
    }
  }
  for (const std::string& name : fresh_indexes_) {
    if (auto index = indexes_.find(name); index != indexes_.end()) {
      index->second.created_in_current_migration = false;
    }
  }
  for (const std::string& key : fresh_objects_) {
    if (auto object = objects_.find(key); object != objects_.end()) {
      object->second.created_in_current_migration = false;
    }
  }
  fresh_tables_.clear();
  fresh_indexes_.clear();
  fresh_objects_.clear();
  renamed_objects_.clear();
  connection_settings_ = {};
}

const TableInfo* Catalog::table(const std::string& qualified) const {
  auto it = tables_.find(qualified);
  return it == tables_.end() ? nullptr : &it->second;
}

bool Catalog::is_new_table(const std::string& qualified) const {
  const TableInfo* info = table(qualified);
  return info && info->created_in_current_migration;
}

const IndexInfo* Catalog::index(const std::string& qualified) const {
  auto it = indexes_.find(qualified);
  return it == indexes_.end() ? nullptr : &it->second;
}

void Catalog::apply(const Statement& statement) {
  apply_object(statement);
  remember_alter(statement);
  if (statement.type == "CreateStmt") {
    apply_create(statement);
  } else if (statement.type == "CreateTableAsStmt") {
    TableInfo table;
    table.name = qualified_name(statement.body["into"]["rel"]);
    table.created_in_current_migration = true;
    fresh_tables_.push_back(table.name);
    table.materialized_view = statement.body["objtype"].str() == "OBJECT_MATVIEW";
    tables_[table.name] = std::move(table);
  } else if (statement.type == "AlterTableStmt") {
    apply_alter(statement);
  } else if (statement.type == "DropStmt") {
    apply_drop(statement.body);
  } else if (statement.type == "RenameStmt") {
    apply_rename(statement.body);
  } else if (statement.type == "AlterObjectSchemaStmt") {
    // ALTER TABLE ... SET SCHEMA: the table and its indexes move.
    std::string kind = statement.body["objectType"].str();
    if (kind == "OBJECT_TABLE" || kind == "OBJECT_MATVIEW") {
      move_table(qualified_name(statement.body["relation"]),
                 qualified_name(statement.body["newschema"].str(),
                                statement.body["relation"]["relname"].str()));
    }
  } else if (statement.type == "IndexStmt") {
    apply_index(statement.body);
  } else if (statement.type == "CreateFunctionStmt") {
    apply_function(statement.body);
  }
}

void Catalog::add_constraint(TableInfo& table, const Statement& statement,
                             const JsonNode& constraint, const std::string& column) {
  std::string kind = constraint["contype"].str();
  ConstraintInfo info;
  info.kind = kind;
  info.valid = !constraint["skip_validation"].boolean();
  info.unit_serial = unit_serial_;
  info.span = word_at(statement, statement.offset_of(constraint));
  info.name = constraint_name(table.name, constraint, column);
  if (kind == "CONSTR_PRIMARY" || kind == "CONSTR_UNIQUE") {
    info.columns = column.empty() ? strings_of(constraint["keys"]) : std::vector{column};
    std::string index_name = qualified_name(schema_of(table.name), info.name);
    std::string using_index = constraint["indexname"].str();
    if (!using_index.empty()) {
      // ADD ... USING INDEX renames the existing index to the constraint's name.
      std::string existing = qualified_name(schema_of(table.name), using_index);
      if (const IndexInfo* renamed = index(existing)) {
        info.columns = renamed->columns;
        erase_index(existing);
      }
    }
    add_index({index_name, table.name, info.columns, true});
    if (kind == "CONSTR_PRIMARY") {
      for (ColumnInfo& c : table.columns) {
        if (std::count(info.columns.begin(), info.columns.end(), c.name)) c.not_null = true;
      }
    }
  } else if (kind == "CONSTR_FOREIGN") {
    info.columns = column.empty() ? strings_of(constraint["fk_attrs"]) : std::vector{column};
    info.referenced_table = qualified_name(constraint["pktable"]);
    info.referenced_columns = strings_of(constraint["pk_attrs"]);
  } else if (kind == "CONSTR_CHECK") {
    info.not_null_column = not_null_check_column(constraint["raw_expr"]);
  } else if (kind == "CONSTR_EXCLUSION") {
    // Its index, named after it, serves lookups on its leading columns.
    info.columns = exclusion_columns(constraint);
    add_index({qualified_name(schema_of(table.name), info.name), table.name, info.columns, false});
  } else {
    return;
  }
  fresh_tables_.push_back(table.name);
  table.constraints.push_back(std::move(info));
}

void Catalog::apply_create(const Statement& statement) {
  const JsonNode& create = statement.body;
  TableInfo table;
  table.name = qualified_name(create["relation"]);
  table.created_in_current_migration = true;
  fresh_tables_.push_back(table.name);
  table.partitioned = static_cast<bool>(create["partspec"]);
  drop_table(table.name);
  for (const JsonNode& element : create["tableElts"]) {
    if (element.type() == "ColumnDef") table.columns.push_back(column_from_def(element.body()));
  }
  for (const JsonNode& element : create["tableElts"]) {
    if (element.type() == "ColumnDef") {
      for (const JsonNode& constraint : element.body()["constraints"]) {
        add_constraint(table, statement, constraint.body(), element.body()["colname"].str());
      }
    } else if (element.type() == "Constraint") {
      add_constraint(table, statement, element.body(), "");
    }
  }
  tables_[table.name] = std::move(table);
}

namespace {

// True when an ALTER TABLE adds a CHECK (col IS NOT NULL) constraint.
bool adds_not_null_check(const JsonNode& alter) {
  for (const JsonNode& cmd : alter["cmds"]) {
    const JsonNode& def = cmd.body()["def"].body();
    if (cmd.body()["subtype"].str() == "AT_AddConstraint" &&
        def["contype"].str() == "CONSTR_CHECK" && !not_null_check_column(def["raw_expr"]).empty()) {
      return true;
    }
  }
  return false;
}

}  // namespace

void Catalog::apply_alter(const Statement& statement) {
  const JsonNode& alter = statement.body;
  std::string qualified = qualified_name(alter["relation"]);
  auto it = tables_.find(qualified);
  if (it == tables_.end()) {
    // A table the memory never saw created (a lone file, or a table older
    // than the migrations) is otherwise left unknown; but a CHECK (col IS
    // NOT NULL) added to it is what lets a later SET NOT NULL skip its scan,
    // so the table starts being remembered from here, columns unknown.
    if (!adds_not_null_check(alter)) return;
    TableInfo seen_in_part;
    seen_in_part.name = qualified;
    it = tables_.emplace(qualified, std::move(seen_in_part)).first;
  }
  TableInfo& table = it->second;
  for (const JsonNode& cmd_node : alter["cmds"]) {
    const JsonNode& cmd = cmd_node.body();
    std::string subtype = cmd["subtype"].str();
    std::string name = cmd["name"].str();
    if (subtype == "AT_AddColumn") {
      const JsonNode& column_def = cmd["def"].body();
      table.columns.push_back(column_from_def(column_def));
      for (const JsonNode& constraint : column_def["constraints"]) {
        add_constraint(table, statement, constraint.body(), column_def["colname"].str());
      }
      continue;
    }
    if (subtype == "AT_AddConstraint") {
      add_constraint(table, statement, cmd["def"].body(), "");
      continue;
    }
    if (subtype == "AT_ValidateConstraint" || subtype == "AT_DropConstraint") {
      auto constraint = std::find_if(table.constraints.begin(), table.constraints.end(),
                                     [&](const ConstraintInfo& c) { return c.name == name; });
      if (constraint == table.constraints.end()) continue;
      if (subtype == "AT_ValidateConstraint") {
        constraint->valid = true;
      } else {
        erase_index(qualified_name(schema_of(table.name), name));
        table.constraints.erase(constraint);
      }
      continue;
    }
    auto column = std::find_if(table.columns.begin(), table.columns.end(),
                               [&](const ColumnInfo& c) { return c.name == name; });
    if (column == table.columns.end()) continue;
    if (subtype == "AT_DropColumn") {
      table.columns.erase(column);
    } else if (subtype == "AT_AlterColumnType") {
      column->type = type_name_text(cmd["def"].body()["typeName"]);
    } else if (subtype == "AT_SetNotNull") {
      column->not_null = true;
    } else if (subtype == "AT_DropNotNull") {
      column->not_null = false;
    } else if (subtype == "AT_ColumnDefault") {
      column->has_default = static_cast<bool>(cmd["def"]);
    }
  }
}

void Catalog::apply_index(const JsonNode& index) {
  IndexInfo info;
  info.table = qualified_name(index["relation"]);
  info.unique = index["unique"].boolean() || index["primary"].boolean();
  info.created_in_current_migration = true;
  for (const JsonNode& param : index["indexParams"]) {
    info.columns.push_back(param.body()["name"].str());
  }
  std::string name = index["idxname"].str();
  if (name.empty()) name = generated_name(unqualified(info.table), info.columns, "idx");
  info.name = qualified_name(schema_of(info.table), name);
  add_index(std::move(info));
}

void Catalog::add_index(IndexInfo index) {
  erase_index(index.name);
  index_names_by_table_[index.table].insert(index.name);
  fresh_indexes_.push_back(index.name);
  std::string name = index.name;
  indexes_.emplace(std::move(name), std::move(index));
}

void Catalog::erase_index(const std::string& qualified) {
  auto it = indexes_.find(qualified);
  if (it == indexes_.end()) return;
  auto names = index_names_by_table_.find(it->second.table);
  names->second.erase(qualified);
  if (names->second.empty()) index_names_by_table_.erase(names);
  indexes_.erase(it);
}

std::vector<const IndexInfo*> Catalog::indexes_on(const std::string& table) const {
  std::vector<const IndexInfo*> found;
  auto names = index_names_by_table_.find(table);
  if (names == index_names_by_table_.end()) return found;
  for (const std::string& name : names->second) found.push_back(&indexes_.at(name));
  return found;
}

std::optional<bool> Catalog::function_is_volatile(const std::string& name) const {
  auto it = function_volatile_.find(name);
  if (it == function_volatile_.end()) return std::nullopt;
  return it->second;
}

void Catalog::apply_function(const JsonNode& create_function) {
  const JsonNode& names = create_function["funcname"];
  std::string name = names.at(names.size() - 1).body()["sval"].str();
  bool is_volatile = true;
  for (const JsonNode& option : create_function["options"]) {
    if (option.body()["defname"].str() == "volatility") {
      is_volatile = option.body()["arg"]["String"]["sval"].str() == "volatile";
    }
  }
  function_volatile_[name] = is_volatile;
}

void Catalog::drop_table(const std::string& qualified) {
  if (!tables_.erase(qualified)) return;
  auto names = index_names_by_table_.extract(qualified);
  if (names.empty()) return;
  for (const std::string& name : names.mapped()) indexes_.erase(name);
}

void Catalog::move_table(const std::string& from, const std::string& to) {
  auto it = tables_.find(from);
  if (it == tables_.end()) return;
  TableInfo moved = std::move(it->second);
  tables_.erase(it);
  moved.name = to;
  // Its indexes follow it, into its new schema when it changes one.
  if (auto names = index_names_by_table_.extract(from); !names.empty()) {
    for (const std::string& name : names.mapped()) {
      IndexInfo index = std::move(indexes_.extract(name).mapped());
      index.table = to;
      index.name = qualified_name(schema_of(to), unqualified(name));
      add_index(std::move(index));
    }
  }
  fresh_tables_.push_back(to);
  tables_[to] = std::move(moved);
}

void Catalog::apply_drop(const JsonNode& drop) {
  std::string kind = drop["removeType"].str();
  for (const JsonNode& object : drop["objects"]) {
    std::string name = qualified_list_name(object);
    if (kind == "OBJECT_TABLE" || kind == "OBJECT_MATVIEW") drop_table(name);
    if (kind == "OBJECT_INDEX") erase_index(name);
  }
}

void Catalog::apply_rename(const JsonNode& rename) {
  std::string kind = rename["renameType"].str();
  std::string old_name = qualified_name(rename["relation"]);
  if (kind == "OBJECT_INDEX") {
    auto found = indexes_.find(old_name);
    if (found == indexes_.end()) return;
    IndexInfo renamed = found->second;
    erase_index(old_name);
    renamed.name = qualified_name(schema_of(old_name), rename["newname"].str());
    // PostgreSQL refuses a name already taken; the old name is gone either way.
    if (!indexes_.contains(renamed.name)) add_index(std::move(renamed));
    return;
  }
  auto it = tables_.find(old_name);
  if (it == tables_.end()) return;
  TableInfo& table = it->second;
  std::string from = rename["subname"].str(), to = rename["newname"].str();
  if (kind == "OBJECT_TABLE") {
    move_table(old_name, qualified_name(schema_of(old_name), to));
  } else if (kind == "OBJECT_COLUMN") {
    auto rename_in = [&](std::vector<std::string>& names) {
      std::replace(names.begin(), names.end(), from, to);
    };
    for (ColumnInfo& column : table.columns) {
      if (column.name == from) column.name = to;
    }
    for (ConstraintInfo& constraint : table.constraints) {
      rename_in(constraint.columns);
      if (constraint.not_null_column == from) constraint.not_null_column = to;
    }
    if (auto names = index_names_by_table_.find(old_name); names != index_names_by_table_.end()) {
      for (const std::string& name : names->second) rename_in(indexes_[name].columns);
    }
  } else if (kind == "OBJECT_TABCONSTRAINT") {
    for (ConstraintInfo& constraint : table.constraints) {
      if (constraint.name == from) constraint.name = to;
    }
  }
}

bool Catalog::altered_earlier_in_unit(const std::string& qualified) const {
  auto it = last_alter_unit_.find(qualified);
  return it != last_alter_unit_.end() && it->second == unit_serial_;
}

void Catalog::remember_alter(const Statement& statement) {
  if (statement.type != "AlterTableStmt" || statement.body["objtype"].str() != "OBJECT_TABLE") {
    return;
  }
  last_alter_unit_[qualified_name(statement.body["relation"])] = unit_serial_;
}

}  // namespace migcheck
