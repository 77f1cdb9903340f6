#include <doctest/doctest.h>
#include <pg_query.h>

#include <string>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/statement_parser.h"

using namespace migcheck;

namespace {

struct Seen {
  std::string type;
  std::string text;
};

std::vector<Seen> parse_all(const std::string& sql, std::optional<SyntaxError>* error = nullptr) {
  std::vector<Seen> seen;
  run_with_big_stack([&] {
    auto result = parse_statements(sql, [&](const ParsedStatement& s) {
      seen.push_back({std::string(s.stmt.type()), sql.substr(s.begin, s.end - s.begin)});
    });
    if (error) *error = result;
  });
  return seen;
}

}  // namespace

TEST_CASE("statements come with exact ranges, comments before them trimmed") {
  std::string sql = "-- header\nCREATE TABLE t (id int);\n/* a /* nested */ one */ DROP TABLE t;";
  auto seen = parse_all(sql);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].type == "CreateStmt");
  CHECK(seen[0].text == "CREATE TABLE t (id int)");
  CHECK(seen[1].type == "DropStmt");
  CHECK(seen[1].text == "DROP TABLE t");
}

TEST_CASE("dollar-quoted bodies keep their semicolons") {
  std::string sql =
      "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;\n"
      "SELECT 1;";
  auto seen = parse_all(sql);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].type == "CreateFunctionStmt");
  CHECK(seen[1].text == "SELECT 1");
}

TEST_CASE("large inputs are parsed in pieces with the same result") {
  std::string sql;
  int count = 0;
  while (sql.size() < 4 * kParsePieceBytes) {
    sql += "ALTER TABLE t" + std::to_string(count) + " ADD COLUMN c text;\n";
    // A BEGIN ATOMIC body: the scanner's split cuts it at its inner semicolons,
    // so a piece boundary may fall inside it and must be repaired.
    if (count % 97 == 0) {
      sql += "CREATE FUNCTION f" + std::to_string(count) +
             "() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n";
    }
    ++count;
  }
  auto seen = parse_all(sql);
  size_t functions = 0, alters = 0;
  for (const auto& s : seen) {
    functions += s.type == "CreateFunctionStmt";
    alters += s.type == "AlterTableStmt";
  }
  CHECK(alters == static_cast<size_t>(count));
  CHECK(functions == static_cast<size_t>((count + 96) / 97));
  CHECK(seen.back().text == "ALTER TABLE t" + std::to_string(count - 1) + " ADD COLUMN c text");
}

TEST_CASE("a syntax error is reported where PostgreSQL points, after the statements before it") {
  std::string sql = "SELECT 'é' ;\nDROP TABLE a;\nSELEC 2;\nDROP TABLE b;";
  std::optional<SyntaxError> error;
  auto seen = parse_all(sql, &error);
  REQUIRE(error.has_value());
  CHECK(error->message == "syntax error at or near \"SELEC\"");
  CHECK(error->offset == sql.find("SELEC 2"));
  REQUIRE(seen.size() == 2);
  CHECK(seen[1].text == "DROP TABLE a");
}

TEST_CASE("a syntax error deep in a large input is found and earlier pieces are linted") {
  std::string sql;
  while (sql.size() < 3 * kParsePieceBytes) sql += "SELECT 1;\n";
  size_t bad = sql.size();
  sql += "SELECT FROM WHERE;\nSELECT 2;\n";
  std::optional<SyntaxError> error;
  auto seen = parse_all(sql, &error);
  REQUIRE(error.has_value());
  CHECK(error->offset == bad + std::string("SELECT FROM ").size());
  CHECK(seen.size() == bad / std::string("SELECT 1;\n").size());
}

TEST_CASE("a statement with hundreds of thousands of operators parses on a big stack") {
  std::string sql = "SELECT 1";
  for (int i = 0; i < 200000; ++i) sql += " + 1";
  sql += ";";
  std::optional<SyntaxError> error;
  auto seen = parse_all(sql, &error);
  CHECK_FALSE(error.has_value());
  CHECK(seen.size() == 1);
}

TEST_CASE("a piece boundary inside a BEGIN ATOMIC body is repaired") {
  // A filler statement sized so that the last semicolon within the first
  // kParsePieceBytes is the function's inner one after "SELECT 1": a piece is
  // cut there, inside the function.
  std::string function =
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n";
  size_t inner_end = function.find("SELECT 1;") + 9;
  std::string filler = "SELECT '" + std::string(kParsePieceBytes - inner_end - 11, 'x') + "';\n";
  std::string sql = filler + function + "DROP TABLE t;\n";
  REQUIRE(filler.size() + inner_end == kParsePieceBytes);
  REQUIRE(filler.size() + function.find("SELECT 2;") + 9 > kParsePieceBytes);
  // The scanner really does cut the function at its inner semicolons.
  PgQuerySplitResult split = pg_query_split_with_scanner(sql.c_str());
  int scanner_statements = split.n_stmts;
  pg_query_free_split_result(split);
  REQUIRE(scanner_statements > 3);

  std::optional<SyntaxError> error;
  auto seen = parse_all(sql, &error);
  CHECK_FALSE(error.has_value());
  REQUIRE(seen.size() == 3);
  CHECK(seen[1].type == "CreateFunctionStmt");
  CHECK(seen[2].text == "DROP TABLE t");
}

TEST_CASE("pieces are cut past quotes and statements longer than a piece") {
  // A dollar-quoted body with semicolons, three pieces long, between short
  // statements, and string literals that straddle piece-sized windows.
  std::string body;
  while (body.size() < 3 * kParsePieceBytes) body += "  PERFORM 1; -- a step; more\n";
  std::string sql;
  int selects = 0;
  while (sql.size() < kParsePieceBytes) {
    sql += "SELECT 'a; b; c " + std::to_string(selects++) + "';\n";
  }
  sql += "CREATE FUNCTION g() RETURNS void AS $fn$ BEGIN\n" + body + "END $fn$ LANGUAGE plpgsql;\n";
  while (sql.size() < 6 * kParsePieceBytes) {
    sql += "SELECT 'a; b; c " + std::to_string(selects++) + "';\n";
  }
  std::optional<SyntaxError> error;
  auto seen = parse_all(sql, &error);
  CHECK_FALSE(error.has_value());
  REQUIRE(seen.size() == static_cast<size_t>(selects) + 1);
  size_t functions = 0;
  for (const auto& s : seen) functions += s.type == "CreateFunctionStmt";
  CHECK(functions == 1);
  CHECK(seen.back().text == "SELECT 'a; b; c " + std::to_string(selects - 1) + "'");
}
