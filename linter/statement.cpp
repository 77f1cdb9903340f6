#include "linter/statement.h"

namespace migcheck {

namespace {

const JsonNode& table_commands_of(std::string_view type, const JsonNode& body) {
  if (type != "AlterTableStmt" || body["objtype"].raw() != "OBJECT_TABLE") {
    return JsonNode::null_node();
  }
  return body["cmds"];
}

}  // namespace

Statement::Statement(const ParsedStatement& parsed, std::string_view sql, size_t index)
    : node(parsed.stmt),
      type(parsed.stmt.type()),
      body(parsed.stmt.body()),
      sql(sql),
      begin(parsed.begin),
      end(parsed.end),
      base(parsed.base),
      index(index),
      table_commands(table_commands_of(type, body)) {}

}  // namespace migcheck
