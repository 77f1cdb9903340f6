// Every rule's documented lock and rewrite claim (`Rule::lock`) against what
// PostgreSQL does: each statement of every rule fixture runs on a real server
// in a transaction of its own while the observer reads the migration's
// backend, and each statement a rule reports must take the lock the rule's
// text names (the strongest one on a relation that existed before it) and
// rewrite exactly when the text says so. The server is PostgreSQL 15, or the
// one in MIGCHECK_PG_BIN (as --pg-bin would choose it).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/linter.h"
#include "linter/relation_name.h"
#include "linter/sql_file.h"
#include "linter/statement_parser.h"
#include "rules/registry.h"
#include "runner/lock_claim.h"
#include "runner/observer.h"
#include "runner/round_trip_database.h"
#include "runner/session.h"
#include "tests/test_support.h"

namespace migcheck {
namespace {

// The tables the fixtures use without creating them (a lone migration file
// assumes them), as a small application would have them.
const char* kBaseSchema = R"sql(
CREATE SCHEMA app;
CREATE SCHEMA reporting;
CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, phone text, note text,
  age int, status text, active boolean, account_id bigint, created_at timestamp,
  updated_at timestamp, score int, v int, a int, b int);
CREATE TABLE accounts (id bigint PRIMARY KEY, name text, email text, owner_id bigint,
  balance numeric, status text, plan text, created_at timestamp);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, account_id bigint, total numeric,
  qty int, status text, note text, created_at timestamp, product_id bigint);
CREATE TABLE products (id bigint PRIMARY KEY, name varchar(100), price numeric(10,2), sku text,
  code varchar(20), n int, net cidr);
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint, token text, expires_at timestamp);
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint, amount numeric, status text,
  user_id bigint);
CREATE TABLE events (id bigint, at date, kind text, payload text) PARTITION BY RANGE (at);
CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE events_2021 PARTITION OF events FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE TABLE logs (id bigint, at timestamp, message text);
CREATE DOMAIN email AS text;
CREATE DOMAIN app.positive AS int;
CREATE DOMAIN code AS text;
CREATE TABLE contacts (address email, amount app.positive, short code);
INSERT INTO contacts VALUES ('a@b.c', 1, 'abc');
CREATE TABLE bookings (room int, during tstzrange);
CREATE TABLE app.slots (day date);
CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint, total numeric);
CREATE MATERIALIZED VIEW reporting.daily_totals AS SELECT 1 AS day, 2 AS total;
CREATE MATERIALIZED VIEW daily_totals AS SELECT 1 AS day, 2 AS total;
INSERT INTO users (id, email) SELECT g, 'u' || g FROM generate_series(1, 100) g;
INSERT INTO orders (id, user_id, total, qty) SELECT g, g, g, 1 FROM generate_series(1, 100) g;
)sql";

std::string pg_bin() {
  const char* from_env = std::getenv("MIGCHECK_PG_BIN");
  return from_env ? from_env : "";
}

// Each fixture's statements with the rules that report them, linted against
// the server's major version. A fixture's `-- fixture: next-migration`
// lines start later migrations: what comes before is their history.
struct ReportedStatement {
  std::string sql;
  std::string type;     // the parse tree's statement type
  std::string creates;  // the table a CREATE TABLE makes, qualified
  int line;
  std::set<std::string> rules;  // only rules whose `.lock` names a mode
};

std::vector<ReportedStatement> reported_statements(const std::filesystem::path& path,
                                                   int pg_version) {
  auto source = read_source_file(path.string());
  const std::string& text = source->text();
  // As fixture_test.cpp reads it: statements outside a transaction lint as such.
  bool in_transaction = text.find("in-transaction=false") == std::string::npos;
  std::vector<const Rule*> rules;
  for (const Rule* rule : all_rules()) {
    if (rule->check && lock_claim(rule->lock)) rules.push_back(rule);
  }
  std::vector<ReportedStatement> statements;
  std::vector<Finding> findings;
  run_with_big_stack([&] {
    const std::string marker = "-- fixture: next-migration";
    Catalog catalog;
    Linter linter(rules, LintOptions{pg_version, in_transaction});
    // The linter knows the base schema the server has, as history.
    std::vector<Finding> ignored;
    linter.lint(SqlUnit{kBaseSchema, SourceMap(), true}, catalog, ignored);
    catalog.set_history_known(true);
    for (size_t begin = 0; begin < text.size();) {
      size_t end = std::min(text.find(marker, begin + 1), text.size());
      SqlUnit unit{text.substr(begin, end - begin), SourceMap(source), true};
      unit.map.add({0, end - begin, begin, end, true});
      catalog.begin_migration();
      linter.lint(unit, catalog, findings);
      catalog.set_history_known(true);
      begin = end;
    }
    parse_statements(text, [&](const ParsedStatement& parsed) {
      std::string created;
      if (parsed.stmt.type() == "CreateStmt")
        created = qualified_name(parsed.stmt.body()["relation"]);
      statements.push_back({text.substr(parsed.begin, parsed.end - parsed.begin),
                            std::string(parsed.stmt.type()),
                            created,
                            source->lines().position(parsed.begin).line,
                            {}});
    });
  });
  for (const Finding& finding : findings) {
    // syntax-error comes from the engine itself, not from a rule with a claim.
    if (!find_rule(finding.rule) || !lock_claim(find_rule(finding.rule)->lock)) continue;
    // The statement that starts last at or before the finding's line.
    for (auto it = statements.rbegin(); it != statements.rend(); ++it) {
      if (it->line <= finding.location.line) {
        it->rules.insert(finding.rule);
        break;
      }
    }
  }
  return statements;
}

// The user relations committed now, by name, with their oids.
std::map<std::string, unsigned long> user_relations(pqxx::connection& connection) {
  std::map<std::string, unsigned long> names;
  pqxx::nontransaction tx(connection);
  for (const auto& row :
       tx.exec("SELECT n.nspname || '.' || c.relname, c.oid FROM pg_class c JOIN pg_namespace n ON "
               "n.oid = c.relnamespace WHERE c.oid >= 16384 AND n.nspname !~ '^pg_'")) {
    names[row[0].as<std::string>()] = row[1].as<unsigned long>();
  }
  return names;
}

// The functions, types and extensions committed now, by (catalog, oid), with
// their descriptions: PostgreSQL locks them as objects, outside pg_class.
using ObjectKey = std::pair<unsigned long, unsigned long>;
std::map<ObjectKey, std::string> user_objects(pqxx::connection& connection) {
  std::map<ObjectKey, std::string> objects;
  pqxx::nontransaction tx(connection);
  for (const auto& row :
       tx.exec("SELECT classid, objid, pg_describe_object(classid, objid, 0) FROM ("
               "SELECT 'pg_proc'::regclass::oid AS classid, oid AS objid FROM pg_proc "
               "WHERE oid >= 16384 UNION ALL "
               "SELECT 'pg_type'::regclass, oid FROM pg_type WHERE oid >= 16384 UNION ALL "
               "SELECT 'pg_extension'::regclass, oid FROM pg_extension WHERE oid >= 16384) o")) {
    objects[{row[0].as<unsigned long>(), row[1].as<unsigned long>()}] = row[2].as<std::string>();
  }
  return objects;
}

// The object locks the migration's own transaction holds on objects that
// existed before its statement, as locks named by the objects' descriptions.
std::vector<HeldLock> object_locks(pqxx::work& transaction,
                                   const std::map<ObjectKey, std::string>& before) {
  std::vector<HeldLock> locks;
  for (const auto& row : transaction.exec(
           "SELECT classid, objid, mode FROM pg_locks WHERE locktype = 'object' AND granted "
           "AND pid = pg_backend_pid()")) {
    auto object = before.find({row[0].as<unsigned long>(), row[1].as<unsigned long>()});
    if (object != before.end()) locks.push_back({object->second, row[2].as<std::string>(), true});
  }
  return locks;
}

// The relations that existed before the statement, as the observer named
// them during it: by the name they had before (dropped since) or by the oid
// their name has after it (renamed by it).
std::set<std::string> existed_before(const ObservedStep& step,
                                     const std::map<std::string, unsigned long>& before,
                                     const std::map<std::string, unsigned long>& after,
                                     const std::vector<HeldLock>& object_locks) {
  std::set<unsigned long> old_oids;
  for (const auto& [name, oid] : before) old_oids.insert(oid);
  std::set<std::string> existed;
  std::vector<std::string> names = step.rewritten;
  for (const HeldLock& lock : step.locks) names.push_back(lock.relation);
  for (const std::string& name : names) {
    auto renamed = after.find(name);
    if (before.count(name) || (renamed != after.end() && old_oids.count(renamed->second))) {
      existed.insert(name);
    }
  }
  for (const HeldLock& lock : object_locks) existed.insert(lock.relation);
  return existed;
}

// The strongest lock granted on a relation in `existing`.
std::string strongest_lock(const ObservedStep& step, const std::set<std::string>& existing) {
  std::string strongest;
  for (const HeldLock& lock : step.locks) {
    if (lock.granted && existing.count(lock.relation) &&
        lock_strength(lock.mode) > lock_strength(strongest)) {
      strongest = lock.mode;
    }
  }
  return strongest;
}

std::string join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

TEST_CASE("every rule's documented lock and rewrite is what PostgreSQL does for its fixtures") {
  DatabaseOptions server_options;
  server_options.cluster.pg_bin = pg_bin();
  RoundTripDatabase server(server_options);
  int pg_version = 0;
  {
    Session probe(server.endpoint().conninfo);
    pg_version = pqxx::nontransaction(probe.connection())
                     .exec1("SELECT current_setting('server_version_num')::int / 10000")[0]
                     .as<int>();
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_dir() / "tests/rules/fixtures")) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());

  std::map<std::string, int> checked_per_rule;
  std::vector<std::string> not_run;
  for (const auto& path : files) {
    std::vector<ReportedStatement> statements = reported_statements(path, pg_version);
    if (std::none_of(statements.begin(), statements.end(),
                     [](const ReportedStatement& s) { return !s.rules.empty(); })) {
      continue;
    }
    // A scratch database per fixture on the one server.
    DatabaseOptions scratch_options;
    scratch_options.database_url = server.endpoint().url;
    RoundTripDatabase scratch(scratch_options);
    Session migration(scratch.endpoint().conninfo);
    pqxx::nontransaction(migration.connection()).exec(kBaseSchema);
    // A fixture's own CREATE TABLE replaces the base schema's table.
    for (const ReportedStatement& statement : statements) {
      if (statement.creates.empty()) continue;
      try {
        pqxx::nontransaction(migration.connection())
            .exec("DROP TABLE IF EXISTS " + statement.creates + " CASCADE");
      } catch (const pqxx::sql_error&) {
        // Not a table in the base schema (a materialized view): the fixture's
        // CREATE then fails and what needs it goes unobserved.
      }
    }
    // With TimeZone UTC, PostgreSQL 12+ turns timestamp into timestamptz
    // without a rewrite; the rules cannot know the server's zone (as in
    // rewrite_test.cpp).
    pqxx::nontransaction(migration.connection()).exec("SET TimeZone = 'America/New_York'");
    Observer observer(scratch.endpoint().conninfo);
    REQUIRE(observer.sees_uncommitted());
    observer.watch(migration.connection().backendpid());
    for (const ReportedStatement& statement : statements) {
      // Each statement gets a transaction of its own; the fixture's own
      // BEGIN and COMMIT would end it early.
      if (statement.type == "TransactionStmt") continue;
      std::string where = path.filename().string() + ":" + std::to_string(statement.line);
      std::map<std::string, unsigned long> before = user_relations(migration.connection());
      std::map<ObjectKey, std::string> objects_before = user_objects(migration.connection());
      ObservedStep step;
      std::vector<HeldLock> objects_locked;
      try {
        pqxx::work transaction(migration.connection());
        transaction.exec(statement.sql);
        step = observer.read();
        objects_locked = object_locks(transaction, objects_before);
        transaction.commit();
      } catch (const pqxx::sql_error& error) {
        // Transaction control, statements that refuse a transaction block,
        // and ones that need objects the base schema lacks are not observed.
        if (!statement.rules.empty())
          not_run.push_back(where + " " + primary_message(error.what()));
        continue;
      }
      std::set<std::string> existing =
          existed_before(step, before, user_relations(migration.connection()), objects_locked);
      step.locks.insert(step.locks.end(), objects_locked.begin(), objects_locked.end());
      // Touching nothing that existed (IF EXISTS on something absent) shows no lock.
      if (existing.empty()) {
        if (!statement.rules.empty()) not_run.push_back(where + " touched nothing that existed");
        continue;
      }
      for (const std::string& id : statement.rules) {
        const Rule* rule = find_rule(id);
        LockClaim claim = *lock_claim(rule->lock);
        std::string observed = strongest_lock(step, existing);
        std::vector<std::string> rewritten;
        for (const std::string& name : step.rewritten) {
          if (existing.count(name)) rewritten.push_back(name);
        }
        INFO(where, " ", id, " claims \"", rule->lock, "\"; PostgreSQL ", pg_version, " took ",
             observed.empty() ? "no lock" : observed, " and rewrote ",
             rewritten.empty() ? "nothing" : join(rewritten), "\n  ", statement.sql);
        // A claim about a lock an earlier statement took is not this one's to show.
        if (claim.held_from_earlier) continue;
        if (claim.at_least) {
          CHECK(lock_strength(observed) >= lock_strength(claim.mode));
        } else if (!claim.as_requested) {
          CHECK(std::count(claim.modes.begin(), claim.modes.end(), observed) == 1);
        }
        if (claim.rewrites) CHECK(!rewritten.empty() == *claim.rewrites);
        ++checked_per_rule[id];
      }
    }
  }
  for (const std::string& missed : not_run) MESSAGE("not observed: ", missed);
  // Every rule that claims a lock of its statement was checked on at least
  // one, but these: PostgreSQL refuses every statement they report
  // (adding-not-null-column's on a table with rows, which the base schema
  // needs for the others; CREATE INDEX CONCURRENTLY on a partitioned table).
  const std::set<std::string> kNotObservable = {"adding-not-null-column",
                                                "indexing-partitioned-table"};
  for (const Rule* rule : all_rules()) {
    auto claim = lock_claim(rule->lock);
    if (!rule->check || !claim || claim->held_from_earlier) continue;
    if (kNotObservable.count(std::string(rule->id))) continue;
    CHECK_MESSAGE(checked_per_rule[std::string(rule->id)] > 0, rule->id,
                  " was not checked on any fixture statement");
  }
}

}  // namespace
}  // namespace migcheck
