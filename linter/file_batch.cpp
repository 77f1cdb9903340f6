#include "linter/file_batch.h"

#include <atomic>

#include "linter/big_stack_thread.h"
#include "linter/input_error.h"
#include "linter/sql_file.h"

namespace migcheck {

namespace {

FileLintResult lint_one(const SqlInput& input, const Linter& linter) {
  FileLintResult result;
  try {
    result.source = input.preloaded ? input.preloaded : read_source_file(input.path);
    validate_source_text(result.source->text(), result.source->path());
    Catalog catalog;
    // Loose files run as psql would: each statement on its own unless the
    // file says BEGIN (or --assume-in-transaction says otherwise).
    linter.lint(sql_unit_for_file(result.source, false), catalog, result.findings);
  } catch (const InputError& error) {
    result.error = error.what();
  }
  return result;
}

}  // namespace

std::vector<FileLintResult> lint_sql_files(const std::vector<SqlInput>& inputs,
                                           const Linter& linter, unsigned threads) {
  std::vector<FileLintResult> results(inputs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < inputs.size(); i = next++) results[i] = lint_one(inputs[i], linter);
  };
  std::vector<std::unique_ptr<BigStackThread>> workers;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) {
    workers.push_back(std::make_unique<BigStackThread>(work));
  }
  for (auto& worker : workers) worker->join();
  return results;
}

}  // namespace migcheck
