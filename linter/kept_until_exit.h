#pragma once
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace migcheck {

// Takes `value` and never destroys it: a one-shot command's large results
// (a lint's findings, every file's text, the schema memory) would otherwise
// be freed piece by piece just before the process ends, which took longer
// than writing the report. The kernel reclaims it all at exit. Still
// reachable, so leak checkers do not report it. Only for what a command
// builds once per process.
template <typename T>
void keep_until_exit(T&& value) {
  static std::mutex mutex;
  static auto* kept = new std::vector<std::shared_ptr<void>>;
  auto held = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
  std::lock_guard lock(mutex);
  kept->push_back(std::move(held));
}

}  // namespace migcheck
