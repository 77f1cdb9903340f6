#include "linter/file_batch.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "linter/big_stack_thread.h"
#include "linter/input_error.h"
#include "linter/migration_order.h"
#include "linter/sql_file.h"

namespace migcheck {

namespace {

void read_one(const SqlInput& input, FileLintResult& result) {
  try {
    result.source = input.preloaded ? input.preloaded : read_source_file(input.path);
    validate_source_text(result.source->text(), result.source->path());
  } catch (const InputError& error) {
    result.source = nullptr;
    result.error = error.what();
  }
}

// Which results the readers have filled in, for the linter to wait on.
class ReadProgress {
 public:
  explicit ReadProgress(size_t count) : done_(count, 0) {}
  void finish(size_t i) {
    {
      std::lock_guard lock(mutex_);
      done_[i] = 1;
    }
    changed_.notify_all();
  }
  void wait_for(size_t i) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_[i] != 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<char> done_;
};

}  // namespace

std::vector<FileLintResult> lint_sql_files(const std::vector<SqlInput>& inputs,
                                           const Linter& linter, unsigned threads) {
  std::vector<FileLintResult> results(inputs.size());
  ReadProgress progress(inputs.size());
  std::atomic<size_t> next{0};
  auto read = [&] {
    for (size_t i = next++; i < inputs.size(); i = next++) {
      read_one(inputs[i], results[i]);
      progress.finish(i);
    }
  };
  std::vector<std::jthread> readers;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) readers.emplace_back(read);
  run_with_big_stack([&] {
    Catalog catalog;
    for (size_t i = 0; i < inputs.size(); ++i) {
      progress.wait_for(i);
      FileLintResult& result = results[i];
      if (!result.source) continue;
      // Loose files run as psql would: each statement on its own unless the
      // file says BEGIN (or --assume-in-transaction says otherwise).
      SqlUnit unit = sql_unit_for_file(result.source, false);
      if (is_down_migration_file(result.source->path())) {
        Catalog after_down = catalog;
        after_down.begin_migration();
        linter.lint(unit, after_down, result.findings);
        continue;
      }
      catalog.begin_migration();
      linter.lint(unit, catalog, result.findings);
      catalog.set_history_known(true);
    }
  });
  return results;
}

}  // namespace migcheck
