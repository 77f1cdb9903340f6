#include "linter/catalog.h"

#include <algorithm>

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

}  // namespace

const ColumnInfo* TableInfo::column(const std::string& column_name) const {
  for (const ColumnInfo& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

void Catalog::begin_migration() {
  for (auto& [name, table] : tables_) table.created_in_current_migration = false;
}

const TableInfo* Catalog::table(const std::string& qualified) const {
  auto it = tables_.find(qualified);
  return it == tables_.end() ? nullptr : &it->second;
}

bool Catalog::is_new_table(const std::string& qualified) const {
  const TableInfo* info = table(qualified);
  return info && info->created_in_current_migration;
}

void Catalog::apply(const Statement& statement) {
  if (statement.type == "CreateStmt") {
    apply_create(statement.body);
  } else if (statement.type == "AlterTableStmt") {
    apply_alter(statement.body);
  } else if (statement.type == "DropStmt") {
    apply_drop(statement.body);
  } else if (statement.type == "RenameStmt") {
    apply_rename(statement.body);
  }
}

void Catalog::apply_create(const JsonNode& create) {
  TableInfo table;
  table.name = qualified_name(create["relation"]);
  table.created_in_current_migration = true;
  for (const JsonNode& element : create["tableElts"]) {
    if (element.type() == "ColumnDef") table.columns.push_back(column_from_def(element.body()));
  }
  tables_[table.name] = std::move(table);
}

void Catalog::apply_alter(const JsonNode& alter) {
  auto it = tables_.find(qualified_name(alter["relation"]));
  if (it == tables_.end()) return;
  TableInfo& table = it->second;
  for (const JsonNode& cmd_node : alter["cmds"]) {
    const JsonNode& cmd = cmd_node.body();
    std::string subtype = cmd["subtype"].str();
    std::string column_name = cmd["name"].str();
    auto column = std::find_if(table.columns.begin(), table.columns.end(),
                               [&](const ColumnInfo& c) { return c.name == column_name; });
    if (subtype == "AT_AddColumn") {
      table.columns.push_back(column_from_def(cmd["def"].body()));
    } else if (column == table.columns.end()) {
      continue;
    } else if (subtype == "AT_DropColumn") {
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

void Catalog::apply_drop(const JsonNode& drop) {
  if (drop["removeType"].str() != "OBJECT_TABLE") return;
  for (const JsonNode& object : drop["objects"]) {
    // Each object is a List of String parts: [schema,] name.
    const JsonNode& parts = object.body()["items"];
    std::string name = parts.at(parts.size() - 1).body()["sval"].str();
    std::string schema = parts.size() > 1 ? parts.at(parts.size() - 2).body()["sval"].str() : "";
    tables_.erase(qualified_name(schema, name));
  }
}

void Catalog::apply_rename(const JsonNode& rename) {
  std::string kind = rename["renameType"].str();
  auto it = tables_.find(qualified_name(rename["relation"]));
  if (it == tables_.end()) return;
  if (kind == "OBJECT_TABLE") {
    TableInfo table = std::move(it->second);
    tables_.erase(it);
    table.name = qualified_name(rename["relation"]["schemaname"].str(), rename["newname"].str());
    tables_[table.name] = std::move(table);
  } else if (kind == "OBJECT_COLUMN") {
    for (ColumnInfo& column : it->second.columns) {
      if (column.name == rename["subname"].str()) column.name = rename["newname"].str();
    }
  }
}

}  // namespace migcheck
