// Files linted together: readers prepare files ahead of the linting thread
// within a window, and each side wakes the other only when it waits
// (linter/file_batch.cpp). Far more files than the window, on several reader
// counts, must come back in input order with the schema carried from each
// file into the next; a lost wake-up would hang here.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "linter/file_batch.h"
#include "rules/registry.h"

namespace migcheck::testing {

namespace {

// File i creates t<i> and adds a NOT NULL column to t<i-1>: the addition is
// reported only when t<i-1> is known from an earlier file.
std::vector<SqlInput> chained_files(int count) {
  std::vector<SqlInput> inputs;
  for (int i = 0; i < count; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "%04d_m.sql", i);
    std::string sql = "CREATE TABLE t" + std::to_string(i) + " (id int);\n";
    if (i > 0) sql += "ALTER TABLE t" + std::to_string(i - 1) + " ADD COLUMN c int NOT NULL;\n";
    inputs.push_back({name, SourceFile::make(name, sql)});
  }
  return inputs;
}

// The nice value of every thread of this process but the calling one.
std::vector<int> other_threads_nice() {
  std::vector<int> nice;
  const auto self = static_cast<long>(syscall(SYS_gettid));
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    long thread = std::stol(task.path().filename().string());
    if (thread == self) continue;
    errno = 0;
    int value = getpriority(PRIO_PROCESS, static_cast<id_t>(thread));
    if (errno == 0) nice.push_back(value);
  }
  return nice;
}

// What the linting thread saw of the readers when it checked the first file.
int linter_nice = 100;
std::vector<int> readers_nice;
void record_priorities(const Statement&, RuleContext&) {
  if (linter_nice != 100) return;
  linter_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
  readers_nice = other_threads_nice();
}

}  // namespace

TEST_CASE("readers run below the linting thread's priority, which every file waits for") {
  Rule probe{.id = "priority-probe", .check = record_priorities};
  Linter linter({&probe}, LintOptions{});
  Catalog schema;
  // Far more files than the readers may prepare ahead: they are still there
  // when the first file is linted.
  lint_sql_files(chained_files(200), linter, 2, schema);
  REQUIRE(linter_nice != 100);
  int lowered = 0;
  for (int nice : readers_nice) lowered += nice > linter_nice ? 1 : 0;
  CHECK(lowered == 2);
}

TEST_CASE("files linted together come back in order, each seeing the schema of those before") {
  std::vector<const Rule*> rules;
  for (const Rule* rule : all_rules()) {
    if (rule->id == "adding-not-null-column") rules.push_back(rule);
  }
  REQUIRE(rules.size() == 1);
  Linter linter(rules, LintOptions{});
  const std::vector<SqlInput> inputs = chained_files(300);
  for (unsigned threads : {1u, 2u, 3u}) {
    for (int round = 0; round < 5; ++round) {
      CAPTURE(threads);
      Catalog schema;
      std::vector<FileLintResult> results = lint_sql_files(inputs, linter, threads, schema);
      REQUIRE(results.size() == inputs.size());
      size_t wrong = 0;
      for (size_t i = 0; i < results.size(); ++i) {
        bool in_order = results[i].source && results[i].source->path() == inputs[i].path;
        size_t expected = i == 0 ? 0 : 1;
        if (!in_order || results[i].findings.size() != expected) ++wrong;
      }
      CHECK(wrong == 0);
    }
  }
}

}  // namespace migcheck::testing
