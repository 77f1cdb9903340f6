// The floor for any linter built on libpg_query, timed in-process on one
// core: its bare statement split (pg_query_split_with_parser, and the cheaper
// pg_query_split_with_scanner), and pg_query_parse of every statement one by
// one, which any linter that looks at parse trees pays.
#include <pg_query.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: split_floor FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string sql = bytes.str();

  auto start = std::chrono::steady_clock::now();
  PgQuerySplitResult split = pg_query_split_with_parser(sql.c_str());
  double parser_split = seconds_since(start);
  int statements = split.n_stmts;
  pg_query_free_split_result(split);

  start = std::chrono::steady_clock::now();
  split = pg_query_split_with_scanner(sql.c_str());
  double scanner_split = seconds_since(start);

  double parse = 0;
  if (!split.error) {
    for (int i = 0; i < split.n_stmts; ++i) {
      std::string statement = sql.substr(split.stmts[i]->stmt_location, split.stmts[i]->stmt_len);
      start = std::chrono::steady_clock::now();
      PgQueryParseResult result = pg_query_parse(statement.c_str());
      parse += seconds_since(start);
      pg_query_free_parse_result(result);
    }
  }
  pg_query_free_split_result(split);
  std::printf(
      "%d statements split in %.3f s (scanner split %.3f s); pg_query_parse of each statement "
      "one by one %.3f s\n",
      statements, parser_split, scanner_split, parse);
  return 0;
}
