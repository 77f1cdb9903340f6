#pragma once
#include <memory>
#include <string>
#include <vector>

#include "linter/finding.h"
#include "linter/linter.h"
#include "linter/source_file.h"

namespace migcheck {

// A loose SQL file to lint: read from `path`, or already in memory (stdin).
struct SqlInput {
  std::string path;
  std::shared_ptr<const SourceFile> preloaded;
};

struct FileLintResult {
  std::shared_ptr<const SourceFile> source;  // null when the file could not be read
  std::vector<Finding> findings;
  std::string error;  // one line, "path:line:col: ..." when the input is bad
};

// Lints files given together as migrations applied in input order, as a
// project's are: each one's schema changes carry into the next, so a table
// created in one is known in the next. A down migration
// (is_down_migration_file) is linted after the schema before it but its
// changes do not carry. `threads` workers read the files ahead of the linting.
// Results come in input order. `schema` is the memory they are linted over:
// it ends holding every up migration's changes (the caller decides when to
// free it; a one-shot command need not).
std::vector<FileLintResult> lint_sql_files(const std::vector<SqlInput>& inputs,
                                           const Linter& linter, unsigned threads, Catalog& schema);

}  // namespace migcheck
