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

// Lints independent files on `threads` big-stack worker threads. Each file is
// its own migration with unknown history. Results come in input order.
std::vector<FileLintResult> lint_sql_files(const std::vector<SqlInput>& inputs,
                                           const Linter& linter, unsigned threads);

}  // namespace migcheck
