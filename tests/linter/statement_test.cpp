// Statement finds an ALTER TABLE's command list once for the rules that walk
// it (rules/rule_support.h: alters_table, for_each_table_command): only for
// an ALTER of a table, since PostgreSQL parses ALTER INDEX, VIEW, SEQUENCE and
// FOREIGN TABLE into the same AlterTableStmt.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/statement.h"

namespace migcheck {
namespace {

// The number of table commands of each statement of `sql`, in order; -1
// where the statement has none to walk.
std::vector<int> table_command_counts(const std::string& sql) {
  std::vector<int> counts;
  run_with_big_stack([&] {
    auto error = parse_statements(sql, [&](const ParsedStatement& parsed) {
      Statement statement(parsed, sql, counts.size());
      counts.push_back(statement.table_commands.is_array()
                           ? static_cast<int>(statement.table_commands.size())
                           : -1);
    });
    REQUIRE_FALSE(error);
  });
  return counts;
}

TEST_CASE("statement: the command list of an ALTER TABLE, and of nothing else") {
  CHECK(table_command_counts("ALTER TABLE users ADD COLUMN a int, DROP COLUMN b;"
                             "ALTER TABLE IF EXISTS ONLY s.t ALTER COLUMN c SET NOT NULL;"
                             "ALTER INDEX users_idx SET (fillfactor = 70);"
                             "ALTER VIEW v ALTER COLUMN c SET DEFAULT 1;"
                             "ALTER SEQUENCE s OWNED BY users.id;"
                             "ALTER FOREIGN TABLE f DROP COLUMN c;"
                             "ALTER MATERIALIZED VIEW m SET (fillfactor = 50);"
                             "CREATE TABLE t (id int);"
                             "ALTER TABLE users RENAME COLUMN a TO b;") ==
        std::vector<int>{2, 1, -1, -1, -1, -1, -1, -1, -1});
}

}  // namespace
}  // namespace migcheck
