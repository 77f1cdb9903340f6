// The floor for any linter built on libpg_query: its bare statement split
// (pg_query_split_with_parser) of one file, timed in-process.
#include <pg_query.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

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
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%d statements split in %.3f s\n", split.n_stmts, seconds);
  pg_query_free_split_result(split);
  return 0;
}
