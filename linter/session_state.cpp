#include "linter/session_state.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "linter/lock_level.h"
#include "linter/relation_name.h"

namespace migcheck {

namespace {

// Whether a value turns the setting on: a timeout unless it is 0 ('0',
// '0s', 0); search_path unless it is empty.
bool turns_on(const std::string& name, const JsonNode& a_const) {
  if (name == "search_path") return !a_const["sval"]["sval"].str().empty();
  if (a_const["ival"]) return a_const["ival"]["ival"].integer() != 0;
  if (a_const["sval"]) return std::strtod(a_const["sval"]["sval"].str().c_str(), nullptr) > 0;
  return false;
}

// RESET and SET x TO DEFAULT turn the setting off again.
bool sets_value(const JsonNode& variable_set) {
  if (variable_set["kind"].str() != "VAR_SET_VALUE") return false;
  return turns_on(variable_set["name"].str(), variable_set["args"].at(0).body());
}

// SELECT set_config('lock_timeout', '5s', is_local) makes a setting like SET
// (or SET LOCAL) does: calls `record(name, on, local)` for each set_config in
// the select list.
template <typename Fn>
void for_each_set_config(const JsonNode& select, Fn&& record) {
  for (const JsonNode& target : select["targetList"]) {
    const JsonNode& call = target.body()["val"]["FuncCall"];
    const JsonNode& names = call["funcname"];
    if (!call || names.at(names.size() - 1).body()["sval"].str() != "set_config") continue;
    const JsonNode& args = call["args"];
    std::string name = args.at(0).body()["sval"]["sval"].str();
    record(name, turns_on(name, args.at(1).body()),
           args.at(2).body()["boolval"]["boolval"].boolean());
  }
}

}  // namespace

void SessionState::end_transaction() {
  ++transaction_serial;
  for (MadeSetting* setting : {&lock_timeout, &statement_timeout, &search_path}) {
    if (setting->local) *setting = {};
  }
  exclusive_locks.clear();
  changed_tables.clear();
  added_enum_values.clear();
  created_enum_types.clear();
  long_statements_under_exclusive_lock = 0;
  not_valid_constraints.clear();
}

void SessionState::resume(const ConnectionSettings& carried) {
  lock_timeout.set = carried.lock_timeout;
  statement_timeout.set = carried.statement_timeout;
  search_path.set = carried.search_path;
}

ConnectionSettings SessionState::lasting_settings() const {
  auto lasting = [](const MadeSetting& setting) { return setting.set && !setting.local; };
  return {lasting(lock_timeout), lasting(statement_timeout), lasting(search_path)};
}

void SessionState::end_block() {
  if (block_depth > 0) --block_depth;
  if (!in_transaction()) end_transaction();
}

void SessionState::apply(const Statement& statement, const Catalog& before, int pg_version) {
  // SET LOCAL lasts until the transaction ends, and outside one does nothing.
  auto record_setting = [&](const std::string& name, bool on, bool local) {
    if (local && !in_transaction()) return;
    if (name == "lock_timeout") lock_timeout = {on, local};
    if (name == "statement_timeout") statement_timeout = {on, local};
    if (name == "search_path") search_path = {on, local};
  };
  if (statement.type == "TransactionStmt") {
    std::string kind = statement.body["kind"].str();
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
      ++explicit_depth;
      if (!open_begin) open_begin = statement.in_unit({statement.begin, statement.end});
    } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" ||
               kind == "TRANS_STMT_PREPARE") {
      // PostgreSQL has no nested transactions: one COMMIT ends them all.
      explicit_depth = 0;
      open_begin.reset();
      end_transaction();
    }
    return;
  }
  if (statement.type == "VariableSetStmt") {
    record_setting(statement.body["name"].str(), sets_value(statement.body),
                   statement.body["is_local"].boolean());
    return;
  }
  if (statement.type == "SelectStmt") for_each_set_config(statement.body, record_setting);
  if (statement.type == "CreateEnumStmt") {
    created_enum_types.insert(qualified_list_name(statement.body["typeName"]));
  }
  // Even for a type created in this transaction, PostgreSQL 12+ refuses
  // values that ALTER TYPE added until COMMIT.
  if (statement.type == "AlterEnumStmt" && statement.body["oldVal"].str().empty()) {
    added_enum_values.push_back(statement.body["newVal"].str());
  }

  std::vector<TableLock> locks = table_locks(statement, before, pg_version);
  if (strongest_blocking_lock(locks, before).mode != LockMode::none) {
    if (!lock_timeout.set) ++blocking_statements_without_lock_timeout;
    if (!statement_timeout.set) ++blocking_statements_without_statement_timeout;
  }
  if (!exclusive_locks.empty() && runs_long(statement, before, pg_version)) {
    ++long_statements_under_exclusive_lock;
  }
  if (changes_existing_data(statement, before)) {
    std::string table = qualified_name(statement.body["relation"]);
    if (std::find(changed_tables.begin(), changed_tables.end(), table) == changed_tables.end()) {
      changed_tables.push_back(table);
    }
  }
  for (const TableLock& lock : locks) {
    if (lock.mode != LockMode::access_exclusive || before.is_new_table(lock.table)) continue;
    if (std::find(exclusive_locks.begin(), exclusive_locks.end(), lock.table) ==
        exclusive_locks.end()) {
      exclusive_locks.push_back(lock.table);
    }
  }
  if (statement.type == "AlterTableStmt") {
    std::string table = qualified_name(statement.body["relation"]);
    for (const JsonNode& cmd_node : statement.body["cmds"]) {
      const JsonNode& cmd = cmd_node.body();
      std::string subtype = cmd["subtype"].str();
      if (subtype == "AT_DropConstraint" && cmd["missing_ok"].boolean()) {
        constraints_dropped_if_exists.insert(table + "." + cmd["name"].str());
      }
      if (subtype != "AT_AddConstraint") continue;
      const JsonNode& def = cmd["def"].body();
      std::string constraint = table + "." + constraint_name(table, def, "");
      constraints_dropped_if_exists.erase(constraint);
      if (def["skip_validation"].boolean()) not_valid_constraints.insert(constraint);
    }
  }
  if (!in_transaction()) end_transaction();
}

}  // namespace migcheck
