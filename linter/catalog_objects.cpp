// The schema memory of objects other than tables and indexes: views,
// functions, types, domains, sequences, extensions and schemas. Rules ask it
// whether an object is new in the migration being checked (dropping or
// renaming it then harms nobody) and what DROP ... CASCADE takes along.
#include <algorithm>

#include "linter/catalog.h"
#include "linter/relation_name.h"

namespace migcheck {

namespace {

std::string key_of(const std::string& kind, const std::string& name) {
  return kind + " " + name;
}

std::string schema_part(const std::string& qualified) {
  return qualified.substr(0, qualified.find('.'));
}
std::string name_part(const std::string& qualified) {
  return qualified.substr(qualified.find('.') + 1);
}

ObjectRef ref(std::string kind, std::string word, std::string name) {
  std::string shown = name.starts_with("public.") ? name.substr(7) : name;
  return {std::move(kind), std::move(word), std::move(name), std::move(shown)};
}

// A column type as the memory prints it ("app.mood[]", "mood"), qualified
// and without array bounds or modifiers.
std::string qualified_type(std::string type) {
  type = type.substr(0, std::min(type.find('['), type.find('(')));
  return type.find('.') == std::string::npos ? qualified_name("", type) : type;
}

}  // namespace

const ObjectInfo* Catalog::object(const std::string& kind, const std::string& name) const {
  auto it = objects_.find(key_of(kind, name));
  return it == objects_.end() ? nullptr : &it->second;
}

bool Catalog::renamed_in_current_migration(const std::string& kind, const std::string& name) const {
  return renamed_objects_.count(key_of(kind, name)) > 0;
}

bool Catalog::is_new_object(const std::string& kind, const std::string& name) const {
  if (kind == "index") {
    const IndexInfo* created = index(name);
    return created && created->created_in_current_migration;
  }
  const ObjectInfo* info = object(kind, name);
  return info && info->created_in_current_migration;
}

std::vector<std::string> Catalog::views_depending_on(const std::string& relation) const {
  std::vector<std::string> found;
  std::vector<std::string> pending = {relation};
  while (!pending.empty()) {
    std::string read = pending.back();
    pending.pop_back();
    for (const auto& [key, info] : objects_) {
      if (info.ref.kind != "view" || std::count(found.begin(), found.end(), info.ref.name)) {
        continue;
      }
      if (std::count(info.reads.begin(), info.reads.end(), read)) {
        found.push_back(info.ref.name);
        pending.push_back(info.ref.name);
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<std::string> Catalog::columns_of_type(const std::string& type) const {
  std::vector<std::string> found;
  for (const auto& [name, table] : tables_) {
    for (const ColumnInfo& column : table.columns) {
      if (!column.type.empty() && qualified_type(column.type) == type) {
        found.push_back(name + "." + column.name);
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<std::string> Catalog::foreign_keys_on(const std::string& table,
                                                  const ConstraintInfo& key) const {
  std::vector<std::string> found;
  for (const auto& [name, info] : tables_) {
    for (const ConstraintInfo& constraint : info.constraints) {
      if (constraint.kind != "CONSTR_FOREIGN" || constraint.referenced_table != table) continue;
      // A foreign key naming no columns references the primary key.
      bool uses_key = constraint.referenced_columns.empty()
                          ? key.kind == "CONSTR_PRIMARY"
                          : constraint.referenced_columns == key.columns;
      if (uses_key) found.push_back(name + "." + constraint.name);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

ObjectInfo& Catalog::create_object(ObjectRef created, std::vector<std::string> reads,
                                   bool replace) {
  std::string key = key_of(created.kind, created.name);
  auto [it, inserted] = objects_.try_emplace(key);
  // CREATE OR REPLACE of an older object keeps it older: code may use it.
  if (inserted || !replace) it->second.created_in_current_migration = true;
  fresh_objects_.push_back(key);
  it->second.ref = std::move(created);
  it->second.reads = std::move(reads);
  return it->second;
}

void Catalog::rename_object(const ObjectRef& from, const std::string& to_name) {
  // Remembered for objects the memory never saw created too (a lone file).
  renamed_objects_.insert(key_of(from.kind, to_name));
  auto node = objects_.extract(key_of(from.kind, from.name));
  if (node.empty()) return;
  ObjectInfo moved = std::move(node.mapped());
  moved.ref.name = to_name;
  fresh_objects_.push_back(key_of(from.kind, to_name));
  objects_[key_of(from.kind, to_name)] = std::move(moved);
}

void Catalog::apply_object(const Statement& statement) {
  std::string_view type = statement.type;
  const JsonNode& body = statement.body;
  if (type == "ViewStmt") {
    std::vector<std::string> reads;
    collect_relations(body["query"], reads);
    create_object(ref("view", "view", qualified_name(body["view"])), std::move(reads),
                  body["replace"].boolean());
  } else if (type == "CreateFunctionStmt") {
    ObjectInfo& function =
        create_object(ref("function", body["is_procedure"].boolean() ? "procedure" : "function",
                          qualified_list_name(body["funcname"])),
                      {}, body["replace"].boolean());
    const JsonNode& returns = body["returnType"]["names"];
    function.trigger_function =
        returns.size() > 0 && returns.at(returns.size() - 1).body()["sval"].str() == "trigger";
  } else if (type == "CreateEnumStmt" || type == "CreateRangeStmt") {
    create_object(ref("type", "type", qualified_list_name(body["typeName"])), {}, false);
  } else if (type == "CompositeTypeStmt") {
    create_object(ref("type", "type", qualified_name(body["typevar"])), {}, false);
  } else if (type == "CreateDomainStmt") {
    create_object(ref("domain", "domain", qualified_list_name(body["domainname"])), {}, false);
  } else if (type == "CreateSeqStmt") {
    create_object(ref("sequence", "sequence", qualified_name(body["sequence"])), {}, false);
  } else if (type == "CreateExtensionStmt") {
    create_object(ref("extension", "extension", body["extname"].str()), {}, false);
  } else if (type == "CreateSchemaStmt") {
    create_object(ref("schema", "schema", body["schemaname"].str()), {}, false);
  } else if (type == "DropStmt") {
    std::string kind = body["removeType"].str();
    for (const JsonNode& object : body["objects"]) {
      if (auto dropped = dropped_object(kind, object)) {
        objects_.erase(key_of(dropped->kind, dropped->name));
      }
    }
  } else if (type == "RenameStmt") {
    if (auto renamed = altered_object(body["renameType"].str(), body)) {
      std::string to = body["newname"].str();
      rename_object(*renamed, renamed->kind == "schema" || renamed->kind == "extension"
                                  ? to
                                  : qualified_name(schema_part(renamed->name), to));
    }
  } else if (type == "AlterObjectSchemaStmt") {
    if (auto moved = altered_object(body["objectType"].str(), body)) {
      rename_object(*moved, qualified_name(body["newschema"].str(), name_part(moved->name)));
    }
  }
}

}  // namespace migcheck
