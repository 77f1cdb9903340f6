// The appendStringInfo that libpg_query's calls are linked to
// (linter/pg_string_format.cpp) must write exactly what PostgreSQL's own
// writes, for the formats it handles itself and for those it passes on.
#include <doctest/doctest.h>

#include <climits>
#include <string>

#include "linter/pg_string_info.h"

extern "C" {
// PostgreSQL's own, under the name the link gives it beside the wrapper.
void __real_appendStringInfo(migcheck::PgStringInfo* str, const char* fmt, ...);
void initStringInfo(migcheck::PgStringInfo* str);
// libpg_query's memory context, which initStringInfo and growth allocate in.
void* pg_query_enter_memory_context();
void pg_query_exit_memory_context(void* context);
}

namespace migcheck::testing {

namespace {

// Buffers written by both functions, side by side; freed with the context.
class BothBuffers {
 public:
  BothBuffers() : context_(pg_query_enter_memory_context()) {
    initStringInfo(&ours_);
    initStringInfo(&postgres_);
  }
  ~BothBuffers() { pg_query_exit_memory_context(context_); }
  template <typename... Args>
  void append(const char* fmt, Args... args) {
    __wrap_appendStringInfo(&ours_, fmt, args...);
    __real_appendStringInfo(&postgres_, fmt, args...);
  }
  std::string ours() const { return std::string(ours_.data, ours_.len); }
  std::string postgres() const { return std::string(postgres_.data, postgres_.len); }
  bool terminated() const { return ours_.data[ours_.len] == '\0'; }

 private:
  void* context_;
  PgStringInfo ours_{};
  PgStringInfo postgres_{};
};

}  // namespace

TEST_CASE("the formats libpg_query's JSON writer uses come out as PostgreSQL writes them") {
  BothBuffers buffers;
  buffers.append("{");
  buffers.append("\"%s\":{", "AlterTableStmt");
  buffers.append("\"relname\":\"%s\",", "users");
  buffers.append("\"missing\":\"%s\",", static_cast<const char*>(nullptr));
  buffers.append("\"empty\":\"%s\",", "");
  for (int value : {0, 7, -1, 42, INT_MIN, INT_MAX}) buffers.append("\"location\":%d,", value);
  for (unsigned value : {0u, 10u, UINT_MAX}) buffers.append("\"typmod\":%u,", value);
  for (long value : {0L, -12L, LONG_MIN, LONG_MAX}) buffers.append("\"ival\":%ld,", value);
  buffers.append("\"relpersistence\":\"%c\",", 'p');
  buffers.append("100%% of %s", "rows");
  buffers.append("%d%s%u%c", 5, "x", 6u, 'y');
  CHECK(buffers.ours() == buffers.postgres());
  CHECK(buffers.terminated());
}

TEST_CASE("other conversions are written by PostgreSQL's formatter, after handled ones") {
  BothBuffers buffers;
  buffers.append("\"relname\":\"%s\",", "before");
  buffers.append("\"cost\":%f,", 1.5);
  buffers.append("\\u%04x", 0x1f);
  buffers.append("[%5d|%-3s|%lu|%x]", 42, "a", 99UL, 255u);
  buffers.append("\"%s\":%d,%f", "mixed", 3, 0.25);
  buffers.append("%s", "after");
  CHECK(buffers.ours() == buffers.postgres());
  CHECK(buffers.ours().find("cost\":1.500000,") != std::string::npos);
  CHECK(buffers.terminated());
}

TEST_CASE("the buffer grows as PostgreSQL's does for text far beyond its first size") {
  BothBuffers buffers;
  const std::string long_text(200000, 'q');  // initStringInfo starts at 1 KB
  buffers.append("\"sval\":\"%s\",", long_text.c_str());
  for (int i = 0; i < 5000; ++i) buffers.append("\"n\":%d,", i);
  CHECK(buffers.ours() == buffers.postgres());
  CHECK(buffers.ours().size() > 200000);
  CHECK(buffers.terminated());
}

}  // namespace migcheck::testing
