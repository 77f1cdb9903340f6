#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>

#include "runner/cluster.h"
#include "tests/test_support.h"

using migcheck::Cluster;
using migcheck::testing::migcheck_binary;
using migcheck::testing::run_command;
using migcheck::testing::shell_quote;
using migcheck::testing::source_dir;
using migcheck::testing::TempDir;
using migcheck::testing::write_file;

namespace {

migcheck::testing::CommandResult roundtrip(const std::string& arguments) {
  return run_command(std::string(migcheck_binary()) + " roundtrip " + arguments);
}

// A golang-migrate project: products, then an index whose down file forgets it.
void write_golang_project(const TempDir& project) {
  write_file(project / "migrations/000001_products.up.sql",
             "CREATE TABLE products (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL);\n");
  write_file(project / "migrations/000001_products.down.sql", "DROP TABLE products;\n");
  write_file(project / "migrations/000002_price_index.up.sql",
             "CREATE INDEX CONCURRENTLY products_price_idx ON products (price);\n");
  write_file(project / "migrations/000002_price_index.down.sql", "SELECT 1;\n");
}

}  // namespace

TEST_CASE("roundtrip passes on the bundled shop example") {
  auto result = roundtrip("--project " + shell_quote(source_dir() / "examples/shop"));
  CHECK_MESSAGE(result.exit_code == 0, (result.out + result.err));
  // Not a terminal: plain progress lines, one per revision.
  CHECK(result.err.find("migcheck roundtrip: upgrade ") != std::string::npos);
  CHECK(result.err.find('\r') == std::string::npos);
}

TEST_CASE("roundtrip catches a golang-migrate down file that forgets an index") {
  TempDir project;
  write_golang_project(project);
  auto result = roundtrip("--project " + shell_quote(project.path()) + " --format json");
  CHECK(result.exit_code == 1);
  auto report = nlohmann::json::parse(result.out);
  std::string text = report.dump();
  CHECK(text.find("roundtrip-mismatch") != std::string::npos);
  CHECK(text.find("index products_price_idx: absent before the upgrade, CREATE INDEX "
                  "products_price_idx ON public.products USING btree (price) after upgrade → "
                  "downgrade") != std::string::npos);
  CHECK(text.find("000002_price_index.down.sql") != std::string::npos);
  CHECK(text.find("upgrade-failed") != std::string::npos);
}

TEST_CASE("roundtrip --database-url works in a scratch database, drops it, and masks passwords") {
  TempDir project;
  write_golang_project(project);
  write_file(project / "migrations/000002_price_index.down.sql",
             "DROP INDEX CONCURRENTLY products_price_idx;\n");
  Cluster server;
  std::string url = "postgresql://migcheck:hunter2@/postgres?host=" + server.socket_dir().string();
  auto result =
      roundtrip("--project " + shell_quote(project.path()) + " --database-url " + shell_quote(url));
  CHECK_MESSAGE(result.exit_code == 0, (result.out + result.err));
  pqxx::connection connection(server.endpoint("postgres").conninfo);
  pqxx::nontransaction read(connection);
  CHECK(read.exec("SELECT count(*) FROM pg_database WHERE datname LIKE 'migcheck_%'")[0][0]
            .as<int>() == 0);
  CHECK(read.exec("SELECT count(*) FROM pg_class WHERE relname = 'products'")[0][0].as<int>() == 0);

  // --allow-destructive runs in the URL's own database and leaves the result there.
  result = roundtrip("--project " + shell_quote(project.path()) + " --database-url " +
                     shell_quote(url) + " --allow-destructive");
  CHECK_MESSAGE(result.exit_code == 0, (result.out + result.err));
  CHECK(read.exec("SELECT count(*) FROM pg_class WHERE relname = 'products'")[0][0].as<int>() == 1);

  std::string unreachable = "postgresql://admin:hunter2@/postgres?host=/nonexistent";
  result = roundtrip("--project " + shell_quote(project.path()) + " --database-url " +
                     shell_quote(unreachable));
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("admin:***@") != std::string::npos);
  CHECK((result.out + result.err).find("hunter2") == std::string::npos);
}

TEST_CASE("roundtrip rejects --allow-destructive without --database-url and unknown revisions") {
  auto shop = shell_quote(source_dir() / "examples/shop");
  auto result = roundtrip("--project " + shop + " --allow-destructive");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--allow-destructive needs --database-url") != std::string::npos);
  result = roundtrip("--project " + shop + " --from nosuchrev");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--from nosuchrev: no such revision") != std::string::npos);
}
