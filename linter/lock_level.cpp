#include "linter/lock_level.h"

#include "linter/relation_name.h"
#include "linter/statement_options.h"

namespace migcheck {

namespace {

// The lock one ALTER TABLE command takes on the altered table
// (PostgreSQL's ALTER TABLE reference, "Notes" and per-form lock levels).
LockMode alter_command_lock(const JsonNode& cmd, int pg_version) {
  std::string subtype = cmd["subtype"].str();
  if (subtype == "AT_AddConstraint") {
    return cmd["def"].body()["contype"].str() == "CONSTR_FOREIGN" ? LockMode::share_row_exclusive
                                                                  : LockMode::access_exclusive;
  }
  if (subtype == "AT_ValidateConstraint" || subtype == "AT_SetStatistics" ||
      subtype == "AT_SetOptions" || subtype == "AT_ResetOptions" || subtype == "AT_ClusterOn" ||
      subtype == "AT_DropCluster") {
    return LockMode::share_update_exclusive;
  }
  if (subtype == "AT_SetRelOptions" || subtype == "AT_ResetRelOptions") {
    // Storage parameters (fillfactor, autovacuum and toast settings,
    // parallel_workers, ...) take SHARE UPDATE EXCLUSIVE; those that change
    // what queries see (a view's check_option, security_barrier,
    // security_invoker; user_catalog_table) take ACCESS EXCLUSIVE.
    for (const JsonNode& option : cmd["def"].body()["items"]) {
      std::string name = option.body()["defname"].str();
      if (name == "check_option" || name == "security_barrier" || name == "security_invoker" ||
          name == "user_catalog_table") {
        return LockMode::access_exclusive;
      }
    }
    return LockMode::share_update_exclusive;
  }
  if (subtype.starts_with("AT_EnableTrig") || subtype.starts_with("AT_DisableTrig") ||
      subtype.starts_with("AT_EnableAlwaysTrig") || subtype.starts_with("AT_EnableReplicaTrig")) {
    return LockMode::share_row_exclusive;
  }
  if (subtype == "AT_AttachPartition") {
    return pg_version >= 12 ? LockMode::share_update_exclusive : LockMode::access_exclusive;
  }
  if (subtype == "AT_DetachPartition" && cmd["def"].body()["concurrent"].boolean()) {
    return LockMode::share_update_exclusive;
  }
  return LockMode::access_exclusive;
}

void add(std::vector<TableLock>& locks, std::string table, LockMode mode) {
  for (TableLock& lock : locks) {
    if (lock.table == table) {
      if (mode > lock.mode) lock.mode = mode;
      return;
    }
  }
  locks.push_back({std::move(table), mode});
}

// An index's table when the catalog knows it, else the index name itself
// (an unknown relation, treated as pre-existing).
std::string table_of_index(const Catalog& catalog, const std::string& index) {
  const IndexInfo* info = catalog.index(index);
  return info ? info->table : index;
}

void alter_table_locks(const JsonNode& alter, int pg_version, std::vector<TableLock>& locks) {
  std::string table = qualified_name(alter["relation"]);
  for (const JsonNode& cmd_node : alter["cmds"]) {
    const JsonNode& cmd = cmd_node.body();
    std::string subtype = cmd["subtype"].str();
    add(locks, table, alter_command_lock(cmd, pg_version));
    const JsonNode& def = cmd["def"].body();
    if (subtype == "AT_AttachPartition" || subtype == "AT_DetachPartition") {
      add(locks, qualified_name(def["name"]),
          def["concurrent"].boolean() ? LockMode::share_update_exclusive
                                      : LockMode::access_exclusive);
    }
    // A foreign key also locks the table it references, against deletes.
    if (subtype == "AT_AddColumn") {
      for (const JsonNode& constraint : def["constraints"]) {
        if (constraint.body()["contype"].str() == "CONSTR_FOREIGN") {
          add(locks, qualified_name(constraint.body()["pktable"]), LockMode::share_row_exclusive);
        }
      }
    } else if (subtype == "AT_AddConstraint" && def["contype"].str() == "CONSTR_FOREIGN") {
      add(locks, qualified_name(def["pktable"]), LockMode::share_row_exclusive);
    }
  }
}

}  // namespace

std::string_view lock_mode_name(LockMode mode) {
  switch (mode) {
    case LockMode::none:
      return "no lock";
    case LockMode::access_share:
      return "ACCESS SHARE";
    case LockMode::row_share:
      return "ROW SHARE";
    case LockMode::row_exclusive:
      return "ROW EXCLUSIVE";
    case LockMode::share_update_exclusive:
      return "SHARE UPDATE EXCLUSIVE";
    case LockMode::share:
      return "SHARE";
    case LockMode::share_row_exclusive:
      return "SHARE ROW EXCLUSIVE";
    case LockMode::exclusive:
      return "EXCLUSIVE";
    case LockMode::access_exclusive:
      return "ACCESS EXCLUSIVE";
  }
  return "";
}

std::vector<TableLock> table_locks(const Statement& statement, const Catalog& catalog,
                                   int pg_version) {
  std::vector<TableLock> locks;
  const JsonNode& body = statement.body;
  std::string_view type = statement.type;
  if (type == "AlterTableStmt") {
    std::string objtype = body["objtype"].str();
    if (objtype == "OBJECT_INDEX") {
      add(locks, table_of_index(catalog, qualified_name(body["relation"])),
          LockMode::share_update_exclusive);
    } else if (objtype == "OBJECT_TABLE" || objtype == "OBJECT_MATVIEW") {
      alter_table_locks(body, pg_version, locks);
    }
  } else if (type == "IndexStmt") {
    add(locks, qualified_name(body["relation"]),
        body["concurrent"].boolean() ? LockMode::share_update_exclusive : LockMode::share);
  } else if (type == "DropStmt") {
    std::string kind = body["removeType"].str();
    for (const JsonNode& object : body["objects"]) {
      std::string name = qualified_list_name(object);
      if (kind == "OBJECT_TABLE" || kind == "OBJECT_MATVIEW") {
        add(locks, name, LockMode::access_exclusive);
      } else if (kind == "OBJECT_INDEX") {
        add(locks, table_of_index(catalog, name),
            body["concurrent"].boolean() ? LockMode::share_update_exclusive
                                         : LockMode::access_exclusive);
      }
    }
  } else if (type == "RenameStmt") {
    std::string kind = body["renameType"].str();
    if (kind == "OBJECT_TABLE" || kind == "OBJECT_COLUMN" || kind == "OBJECT_TABCONSTRAINT") {
      add(locks, qualified_name(body["relation"]), LockMode::access_exclusive);
    }
  } else if (type == "TruncateStmt") {
    for (const JsonNode& relation : body["relations"]) {
      add(locks, qualified_name(relation.body()), LockMode::access_exclusive);
    }
  } else if (type == "LockStmt") {
    LockMode mode = static_cast<LockMode>(body["mode"].integer(8));
    for (const JsonNode& relation : body["relations"]) {
      add(locks, qualified_name(relation.body()), mode);
    }
  } else if (type == "VacuumStmt") {
    LockMode mode = option_enabled(body["options"], "full") ? LockMode::access_exclusive
                                                            : LockMode::share_update_exclusive;
    for (const JsonNode& relation : body["rels"]) {
      add(locks, qualified_name(relation.body()["relation"]), mode);
    }
  } else if (type == "ClusterStmt") {
    if (body["relation"]) add(locks, qualified_name(body["relation"]), LockMode::access_exclusive);
  } else if (type == "RefreshMatViewStmt") {
    add(locks, qualified_name(body["relation"]),
        body["concurrent"].boolean() ? LockMode::exclusive : LockMode::access_exclusive);
  } else if (type == "ReindexStmt") {
    bool concurrent = option_enabled(body["params"], "concurrently");
    std::string kind = body["kind"].str();
    std::string name = qualified_name(body["relation"]);
    if (kind == "REINDEX_OBJECT_INDEX") name = table_of_index(catalog, name);
    if (kind == "REINDEX_OBJECT_INDEX" || kind == "REINDEX_OBJECT_TABLE") {
      add(locks, name, concurrent ? LockMode::share_update_exclusive : LockMode::share);
    }
  } else if (type == "CreateTrigStmt") {
    add(locks, qualified_name(body["relation"]), LockMode::share_row_exclusive);
  } else if (type == "CreateStmt") {
    auto reference = [&](const JsonNode& constraint) {
      if (constraint["contype"].str() == "CONSTR_FOREIGN") {
        add(locks, qualified_name(constraint["pktable"]), LockMode::share_row_exclusive);
      }
    };
    for (const JsonNode& element : body["tableElts"]) {
      if (element.type() == "Constraint") reference(element.body());
      for (const JsonNode& constraint : element.body()["constraints"]) reference(constraint.body());
    }
  }
  return locks;
}

TableLock strongest_blocking_lock(const std::vector<TableLock>& locks, const Catalog& catalog) {
  TableLock strongest{"", LockMode::none};
  for (const TableLock& lock : locks) {
    if (lock.mode <= strongest.mode || catalog.is_new_table(lock.table)) continue;
    const TableInfo* table = catalog.table(lock.table);
    bool read_only = table && table->materialized_view;
    if (lock.mode >= (read_only ? LockMode::access_exclusive : LockMode::share)) strongest = lock;
  }
  return strongest;
}

}  // namespace migcheck

namespace migcheck {

namespace {

std::string dml_target(const Statement& statement) {
  if (statement.type == "CopyStmt") {
    return statement.body["is_from"].boolean() ? qualified_name(statement.body["relation"]) : "";
  }
  if (statement.type == "InsertStmt" && !statement.body["selectStmt"]["SelectStmt"]["fromClause"]) {
    return "";
  }
  if (statement.type == "InsertStmt" || statement.type == "UpdateStmt" ||
      statement.type == "DeleteStmt" || statement.type == "MergeStmt") {
    return qualified_name(statement.body["relation"]);
  }
  return "";
}

// An added column that fills every existing row with its own value: serial,
// identity or stored generated (a rewrite).
bool added_column_fills_rows(const JsonNode& column_def) {
  for (const JsonNode& constraint : column_def["constraints"]) {
    std::string kind = constraint.body()["contype"].str();
    if (kind == "CONSTR_IDENTITY" || kind == "CONSTR_GENERATED") return true;
  }
  const JsonNode& names = column_def["typeName"]["names"];
  return names.at(names.size() - 1).body()["sval"].str().find("serial") != std::string::npos;
}

// ALTER TABLE commands that scan or rewrite the whole table; `table` is the
// altered table as the schema memory knows it, or null.
bool alter_scans_table(const JsonNode& cmd, const TableInfo* table, const Catalog& catalog,
                       int pg_version) {
  std::string subtype = cmd["subtype"].str();
  const JsonNode& def = cmd["def"].body();
  if (subtype == "AT_SetNotNull") {
    return !table || table->set_not_null_scans(cmd["name"].str(), pg_version);
  }
  if (subtype == "AT_AttachPartition") {
    std::string name = qualified_name(def["name"]);
    const TableInfo* partition = catalog.table(name);
    return !catalog.is_new_table(name) && !(partition && partition->has_valid_check());
  }
  if (subtype == "AT_AddColumn") return added_column_fills_rows(def);
  if (subtype == "AT_AddConstraint") {
    std::string kind = def["contype"].str();
    if (kind == "CONSTR_PRIMARY" || kind == "CONSTR_UNIQUE") return def["indexname"].str().empty();
    return !def["skip_validation"].boolean();
  }
  return subtype == "AT_ValidateConstraint" || subtype == "AT_AlterColumnType" ||
         subtype == "AT_SetTableSpace" || subtype == "AT_SetLogged" ||
         subtype == "AT_SetUnLogged" || subtype == "AT_SetAccessMethod";
}

}  // namespace

bool changes_existing_data(const Statement& statement, const Catalog& catalog) {
  std::string target = dml_target(statement);
  return !target.empty() && !catalog.is_new_table(target);
}

bool runs_long(const Statement& statement, const Catalog& catalog, int pg_version) {
  if (changes_existing_data(statement, catalog)) return true;
  std::string_view type = statement.type;
  if (type == "IndexStmt" || type == "ReindexStmt" || type == "ClusterStmt" ||
      type == "RefreshMatViewStmt" || type == "VacuumStmt") {
    return !catalog.is_new_table(qualified_name(statement.body["relation"])) ||
           type == "VacuumStmt";
  }
  if (type != "AlterTableStmt") return false;
  std::string altered = qualified_name(statement.body["relation"]);
  if (catalog.is_new_table(altered)) return false;
  for (const JsonNode& cmd : statement.body["cmds"]) {
    if (alter_scans_table(cmd.body(), catalog.table(altered), catalog, pg_version)) return true;
  }
  return false;
}

}  // namespace migcheck
