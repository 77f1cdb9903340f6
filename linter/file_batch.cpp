#include "linter/file_batch.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "linter/big_stack_thread.h"
#include "linter/input_error.h"
#include "linter/migration_order.h"
#include "linter/sql_file.h"
#include "linter/statement_parser.h"
#include "linter/thread_priority.h"

namespace migcheck {

namespace {

// How many files the readers may prepare beyond the one being linted: enough
// to keep the second core busy, few enough that their parse trees stay small.
constexpr size_t kFilesAhead = 16;
// Nice levels the readers run below the linting thread.
constexpr int kReaderPriorityDrop = 5;

// A file read, checked and parsed, waiting for its turn to be linted.
struct PreparedFile {
  SqlUnit unit;
  PreparsedSqlPtr parsed;
};

void prepare_one(const SqlInput& input, FileLintResult& result, PreparedFile& prepared) {
  try {
    result.source = input.preloaded ? input.preloaded : read_source_file(input.path);
    validate_source_text(result.source->text(), result.source->path());
  } catch (const InputError& error) {
    result.source = nullptr;
    result.error = error.what();
    return;
  }
  // Loose files run as psql would: each statement on its own unless the
  // file says BEGIN (or --assume-in-transaction says otherwise).
  prepared.unit = sql_unit_for_file(result.source, false);
  prepared.parsed = preparse_statements(prepared.unit.sql);
}

// Which files the readers have prepared and the linter has taken, so the
// linter waits for the next file and the readers stay within kFilesAhead.
// Each side wakes the other only when it waits: a wake-up is a system call
// and a context switch, and thousands of small files made thousands of them.
class Progress {
 public:
  explicit Progress(size_t count) : prepared_(count, 0) {}
  void prepared(size_t i) {
    bool wake = false;
    {
      std::lock_guard lock(mutex_);
      prepared_[i] = 1;
      wake = linter_waiting_;
    }
    if (wake) ready_.notify_one();
  }
  void wait_prepared(size_t i) {
    std::unique_lock lock(mutex_);
    while (prepared_[i] == 0) {
      linter_waiting_ = true;
      ready_.wait(lock);
    }
    linter_waiting_ = false;
  }
  void taken(size_t i) {
    bool wake = false;
    {
      std::lock_guard lock(mutex_);
      taken_ = i + 1;
      if (lowest_waiting_ < taken_ + kResumeAhead) {
        lowest_waiting_ = SIZE_MAX;
        wake = true;
      }
    }
    if (wake) room_.notify_all();
  }
  // False when the linter stopped early (it threw): nothing more is wanted.
  // A reader that has to wait resumes only when half the window is free, so
  // one wake-up serves several files.
  bool wait_for_room(size_t i) {
    std::unique_lock lock(mutex_);
    if (i < taken_ + kFilesAhead) return !stopped_;
    while (!stopped_ && i >= taken_ + kResumeAhead) {
      lowest_waiting_ = std::min(lowest_waiting_, i);
      room_.wait(lock);
    }
    return !stopped_;
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    room_.notify_all();
  }

 private:
  static constexpr size_t kResumeAhead = kFilesAhead / 2;
  std::mutex mutex_;
  std::condition_variable ready_;  // the linter waits here for its next file
  std::condition_variable room_;   // readers wait here for room ahead
  std::vector<char> prepared_;
  size_t taken_ = 0;
  size_t lowest_waiting_ = SIZE_MAX;  // the first file a waiting reader holds back
  bool linter_waiting_ = false;
  bool stopped_ = false;
};

}  // namespace

std::vector<FileLintResult> lint_sql_files(const std::vector<SqlInput>& inputs,
                                           const Linter& linter, unsigned threads,
                                           Catalog& catalog) {
  std::vector<FileLintResult> results(inputs.size());
  std::vector<PreparedFile> prepared(inputs.size());
  Progress progress(inputs.size());
  std::atomic<size_t> next{0};
  // Readers parse too, so they need the parser's stack.
  auto prepare = [&] {
    // Every file waits for the one linting thread, and the readers only need
    // to stay ahead of it: with equal priorities, two readers and the linter
    // on two cores each ran two thirds of the time and the linter fell behind
    // (bench many/: 163 to 148 ms with the readers five levels lower).
    lower_this_thread_priority(kReaderPriorityDrop);
    for (size_t i = next++; i < inputs.size(); i = next++) {
      if (!progress.wait_for_room(i)) return;
      prepare_one(inputs[i], results[i], prepared[i]);
      progress.prepared(i);
    }
  };
  std::vector<std::unique_ptr<BigStackThread>> readers;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) {
    readers.push_back(std::make_unique<BigStackThread>(prepare));
  }
  // However the linting ends, no reader may stay waiting for room.
  struct StopReaders {
    Progress& progress;
    ~StopReaders() { progress.stop(); }
  } stop_readers{progress};
  run_with_big_stack([&] {
    for (size_t i = 0; i < inputs.size(); ++i) {
      progress.wait_prepared(i);
      PreparedFile file = std::move(prepared[i]);
      progress.taken(i);
      FileLintResult& result = results[i];
      if (!result.source) continue;
      if (is_down_migration_file(result.source->path())) {
        Catalog after_down = catalog;
        after_down.begin_migration();
        linter.lint(file.unit, after_down, result.findings, std::move(file.parsed));
        continue;
      }
      catalog.begin_migration();
      linter.lint(file.unit, catalog, result.findings, std::move(file.parsed));
      catalog.set_history_known(true);
    }
  });
  return results;
}

}  // namespace migcheck
