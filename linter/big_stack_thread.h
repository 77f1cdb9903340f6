#pragma once
#include <pthread.h>

#include <functional>

namespace migcheck {

// libpg_query recurses once per level of an expression, so generated SQL with
// hundreds of thousands of chained operators overflows the default 8 MB stack
// (DESIGN.md). Parsing and rule checks run on threads with this much stack,
// reserved virtually and touched only as deep as a statement needs.
inline constexpr size_t kParserStackBytes = size_t{1} << 30;

// A joinable thread with a stack of kParserStackBytes.
class BigStackThread {
 public:
  explicit BigStackThread(std::function<void()> work);
  ~BigStackThread();
  BigStackThread(const BigStackThread&) = delete;
  BigStackThread& operator=(const BigStackThread&) = delete;
  void join();

 private:
  std::function<void()> work_;
  pthread_t thread_{};
  bool joinable_ = false;
};

// Runs `work` to completion on a BigStackThread (rethrowing its exception).
void run_with_big_stack(const std::function<void()>& work);

}  // namespace migcheck
