#include "linter/session_state.h"

#include <cstdlib>
#include <string>

namespace migcheck {

namespace {

// SET x = 0 (or '0s', RESET, SET x TO DEFAULT) turns a timeout off again.
bool sets_nonzero_value(const JsonNode& variable_set) {
  if (variable_set["kind"].str() != "VAR_SET_VALUE") return false;
  const JsonNode& value = variable_set["args"].at(0).body();
  if (value["ival"]) return value["ival"]["ival"].integer() != 0;
  return std::strtod(value["sval"]["sval"].str().c_str(), nullptr) > 0;
}

}  // namespace

void SessionState::apply(const Statement& statement) {
  if (statement.type == "TransactionStmt") {
    std::string kind = statement.body["kind"].str();
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
      ++explicit_depth;
    } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" ||
               kind == "TRANS_STMT_COMMIT_PREPARED" || kind == "TRANS_STMT_PREPARE") {
      if (explicit_depth > 0) --explicit_depth;
    }
  } else if (statement.type == "VariableSetStmt") {
    std::string name = statement.body["name"].str();
    if (name == "lock_timeout") lock_timeout_set = sets_nonzero_value(statement.body);
    if (name == "statement_timeout") statement_timeout_set = sets_nonzero_value(statement.body);
  }
}

}  // namespace migcheck
