// Checks migcheck's lock model (linter/lock_level.h) against a real
// PostgreSQL 15: each statement runs in a transaction on a scratch cluster,
// and the relation locks pg_locks shows for it must match the mode the model
// predicts, table by table. Statements that cannot run in a transaction block
// (the CONCURRENTLY forms, VACUUM) are outside what this can observe.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/catalog.h"
#include "linter/lock_level.h"
#include "linter/statement_parser.h"
#include "tests/rules/scratch_cluster.h"
#include "tests/test_support.h"

namespace migcheck {
namespace {

const char* kSchema = R"sql(
CREATE TABLE users (id bigint PRIMARY KEY, email text, n int);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric);
CREATE INDEX users_email_idx ON users (email);
CREATE MATERIALIZED VIEW totals AS SELECT 1 AS x;
CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 (id int, at date);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
)sql";

LockMode mode_named(const std::string& name) {
  static const std::map<std::string, LockMode> kModes = {
      {"AccessShareLock", LockMode::access_share},
      {"RowShareLock", LockMode::row_share},
      {"RowExclusiveLock", LockMode::row_exclusive},
      {"ShareUpdateExclusiveLock", LockMode::share_update_exclusive},
      {"ShareLock", LockMode::share},
      {"ShareRowExclusiveLock", LockMode::share_row_exclusive},
      {"ExclusiveLock", LockMode::exclusive},
      {"AccessExclusiveLock", LockMode::access_exclusive},
  };
  auto it = kModes.find(name);
  REQUIRE_MESSAGE(it != kModes.end(), "unknown lock mode ", name);
  return it->second;
}

// The strongest lock PostgreSQL holds on each table and materialized view
// after running each statement in a transaction of its own (rolled back), in
// one psql session.
std::vector<std::map<std::string, LockMode>> observed_locks(
    testing::ScratchCluster& cluster, const std::vector<std::string>& statements) {
  std::string script;
  for (size_t i = 0; i < statements.size(); ++i) {
    script += "BEGIN;\n" + statements[i] + ";\nSELECT '" + std::to_string(i) +
              "|public.' || c.relname || '|' || l.mode FROM pg_locks l JOIN pg_class c ON c.oid "
              "= l.relation WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND "
              "c.relkind IN ('r', 'p', 'm') AND c.relnamespace = 'public'::regnamespace;\n"
              "ROLLBACK;\n";
  }
  std::vector<std::map<std::string, LockMode>> locks(statements.size());
  std::istringstream lines(cluster.psql(script));
  for (std::string line; std::getline(lines, line);) {
    auto first = line.find('|'), second = line.find('|', first + 1);
    if (second == std::string::npos) continue;
    size_t index = std::stoul(line.substr(0, first));
    LockMode mode = mode_named(line.substr(second + 1));
    LockMode& strongest = locks.at(index)[line.substr(first + 1, second - first - 1)];
    if (mode > strongest) strongest = mode;
  }
  return locks;
}

// What the model predicts for `sql` after the schema, keyed like observed_locks.
std::map<std::string, LockMode> modelled_locks(const std::string& sql) {
  std::map<std::string, LockMode> locks;
  run_with_big_stack([&] {
    Catalog catalog;
    auto visit_all = [&](const std::string& text, bool predict) {
      size_t index = 0;
      auto error = parse_statements(text, [&](const ParsedStatement& parsed) {
        Statement statement(parsed, text, index++);
        if (predict) {
          for (const TableLock& lock : table_locks(statement, catalog, 15)) {
            locks[lock.table] = lock.mode;
          }
        }
        catalog.apply(statement);
      });
      REQUIRE_FALSE(error);
    };
    std::string schema = kSchema;
    visit_all(schema, false);
    catalog.begin_migration();
    visit_all(sql, true);
  });
  return locks;
}

TEST_CASE("the lock model matches the locks PostgreSQL 15 takes") {
  testing::ScratchCluster cluster;
  cluster.psql(kSchema);
  const std::vector<std::string> statements = {
      "ALTER TABLE users ADD COLUMN note text",
      "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()",
      "ALTER TABLE users ALTER COLUMN n SET NOT NULL",
      "ALTER TABLE users ALTER COLUMN n DROP NOT NULL",
      "ALTER TABLE users ALTER COLUMN n TYPE bigint",
      "ALTER TABLE users ADD CONSTRAINT n_positive CHECK (n > 0) NOT VALID",
      "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",
      "ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users "
      "(id)",
      "ALTER TABLE orders ADD CONSTRAINT orders_user_fk3 FOREIGN KEY (user_id) REFERENCES users "
      "(id) NOT VALID",
      "ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES users (id)",
      "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk",
      "ALTER TABLE users ALTER COLUMN email SET STATISTICS 500",
      "ALTER TABLE users DISABLE TRIGGER users_touch",
      "ALTER TABLE users SET LOGGED",
      "ALTER TABLE users RENAME COLUMN email TO mail",
      "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO "
      "('2025-01-01')",
      "ALTER TABLE events DETACH PARTITION events_2023",
      "CREATE INDEX users_n_idx ON users (n)",
      "DROP INDEX users_email_idx",
      "REINDEX TABLE users",
      "REINDEX INDEX users_email_idx",
      "TRUNCATE orders",
      "LOCK TABLE users IN SHARE MODE",
      "LOCK TABLE orders",
      "CLUSTER users USING users_pkey",
      "REFRESH MATERIALIZED VIEW totals",
      "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
      "CREATE TABLE payments (id bigint, order_id bigint REFERENCES orders (id))",
  };
  auto observed_all = observed_locks(cluster, statements);
  for (size_t i = 0; i < statements.size(); ++i) {
    const std::string& statement = statements[i];
    INFO(statement);
    const std::map<std::string, LockMode>& observed = observed_all[i];
    for (const auto& [table, mode] : modelled_locks(statement)) {
      CAPTURE(table);
      auto seen = observed.find(table);
      REQUIRE(seen != observed.end());
      CHECK(lock_mode_name(seen->second) == lock_mode_name(mode));
    }
  }
}

}  // namespace
}  // namespace migcheck
